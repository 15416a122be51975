"""Shared fixtures: the default policy and registry."""

from __future__ import annotations

import pytest

from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.registry import Registry
from xingxian_cli.io.policy_io import default_policy
from xingxian_cli.io.registry_io import default_registry


@pytest.fixture(scope="session")
def policy() -> Policy:
    return default_policy()


@pytest.fixture(scope="session")
def registry() -> Registry:
    return default_registry()


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out[-500:]!r}, err={self.err[-500:]!r})"


@pytest.fixture
def xx(capsys, monkeypatch):
    """Run the ``xx`` CLI in-process: ``xx("status", "--quarter", "2022Q3")``."""
    from xingxian_cli.cli.app import main

    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("XX_WORKSPACE", raising=False)

    def run(*args: object) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        cap = capsys.readouterr()
        return CliResult(code, cap.out, cap.err)

    return run
