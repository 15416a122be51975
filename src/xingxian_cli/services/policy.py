"""Policy use cases: check a file, export the current policy."""

from __future__ import annotations

from pathlib import Path

from xingxian_cli.domain.diagnostics import Diagnostic
from xingxian_cli.domain.policy import Policy
from xingxian_cli.io.atomic import make_dirs, written_whole
from xingxian_cli.io.policy_io import export_policy, read_policy_file


def check_policy(path: Path) -> tuple[Policy | None, list[Diagnostic]]:
    """Every problem of the policy file at ``path``: errors (the policy is None), else the
    warnings of settings that leave part of a rule with no effect (empty: the file is good)."""
    from xingxian_cli.domain.policy import unused_rule_parts

    policy, problems = read_policy_file(path)
    if policy is None or problems:
        return None, problems
    return policy, unused_rule_parts(policy)


def policy_to_export(workspace: Path | None) -> Policy:
    """``xx policy export``'s policy: the workspace's own file (``workspace``, else the one
    found from here), read as every command reads it (a broken or deleted one is refused, not
    replaced by the default; its database is not needed); outside any workspace the shipped
    default. A workspace named (-w, XX_WORKSPACE) that is not one is refused."""
    from xingxian_cli.domain.diagnostics import DataError, make
    from xingxian_cli.io.policy_io import load_policy
    from xingxian_cli.io.workspace import WorkspaceNotFound, find_workspace

    try:
        ws = find_workspace(workspace)
    except WorkspaceNotFound as exc:
        if exc.explicit:
            raise
        return load_policy(None)
    if not ws.policy_path.is_file():
        raise DataError([make("policy-missing", file=ws.policy_path.name, name=ws.policy_path.name)])
    return load_policy(ws.policy_path)


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
