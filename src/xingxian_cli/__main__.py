"""Entry point for ``python -m xingxian_cli``."""

from xingxian_cli.cli.app import main

main()
