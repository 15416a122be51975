"""Every command has Chinese help text and is documented in README."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from xingxian_cli.cli.app import _register, app

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _commands():
    import typer.main

    _register()
    root = typer.main.get_command(app)
    out = []
    for name, cmd in root.commands.items():
        sub = getattr(cmd, "commands", None)
        if sub:
            out += [(f"{name} {s}", c) for s, c in sub.items()]
        else:
            out.append((name, cmd))
    return out


@pytest.mark.parametrize("name,cmd", _commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_has_chinese_help_and_is_in_the_readme(name, cmd):
    assert cmd.help and HAN.search(cmd.help), name
    for p in cmd.params:
        if p.param_type_name == "option" and p.name != "help":
            assert p.help and HAN.search(p.help), f"{name} {p.name}"
    assert f"xx {name.split()[0]}" in README or f"`{name.split()[0]}`" in README, name


def test_help_is_fast_and_imports_nothing_heavy():
    code = ("import sys; from xingxian_cli.cli.app import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('pandas', 'sqlalchemy', 'openpyxl', 'python_calamine', 'xlsxwriter') if m in sys.modules]\n"
            "print(heavy)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip().splitlines()[-1] == "[]"
