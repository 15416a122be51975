"""Fixtures shared by the command-line tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def q3_paid(xx, tmp_path, sample_dir):
    """A workspace whose 2022Q3 was scored and stored (paid, closed: every township sent)
    under the default policy and registry."""
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    assert xx("-w", ws, "import", sample_dir / "2022Q3", "--quarter", "2022Q3").code == 0
    assert xx("-w", ws, "score", "-q", "2022Q3").code == 0
    return ws
