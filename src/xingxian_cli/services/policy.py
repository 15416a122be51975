"""Policy use cases: check a file, export the current policy."""

from __future__ import annotations

from pathlib import Path

from xingxian_cli.domain.diagnostics import Diagnostic
from xingxian_cli.domain.policy import Policy
from xingxian_cli.io.atomic import make_dirs, written_whole
from xingxian_cli.io.policy_io import export_policy, read_policy_file


def check_policy(path: Path) -> tuple[Policy | None, list[Diagnostic]]:
    """Every problem of the policy file at ``path`` (empty list: the file is good)."""
    return read_policy_file(path)


def policy_defaults(policy: Policy) -> list[tuple[str, str, int]]:
    """The numbers the policy takes from the tool's defaults (see domain.policy.defaulted_numbers)."""
    from xingxian_cli.domain.policy import defaulted_numbers

    return defaulted_numbers(policy)


def write_export(path: Path, text: str) -> None:
    """Write an exported policy to ``path`` as UTF-8, whole or not at all."""
    make_dirs(path.parent)
    with written_whole(path) as tmp:
        tmp.write_text(text + "\n", encoding="utf-8")


def export(policy: Policy, fmt: str) -> str:
    """The policy as JSON or YAML text."""
    return export_policy(policy, fmt)
