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


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory):
    """The sample county written once per session by the project's generator."""
    from xingxian_cli.sample.generator import generate_sample_data

    out = tmp_path_factory.mktemp("sample_data")
    generate_sample_data(out)
    return out


@pytest.fixture(scope="session")
def imported_ws(tmp_path_factory, sample_dir):
    """A workspace with 2022Q3 and 2022Q4 of the sample county imported and scored.

    Read-only for tests: copy it (``copy_ws``) before changing anything.
    """
    from xingxian_cli.cli.app import main

    ws = tmp_path_factory.mktemp("ws") / "兴县"
    assert main(["init", str(ws)]) == 0
    for q in ("2022Q3", "2022Q4"):
        assert main(["--workspace", str(ws), "import", str(sample_dir / q), "--quarter", q]) == 0
        assert main(["--workspace", str(ws), "score", "--quarter", q, "--format", "json"]) == 0
    return ws


@pytest.fixture
def copy_ws(imported_ws, tmp_path):
    """A private copy of the imported workspace."""
    import shutil

    target = tmp_path / "ws"
    shutil.copytree(imported_ws, target)
    return target
