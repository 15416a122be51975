"""Workspaces and corrected workbooks made from the sample county, shared by several test files."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest


def townships_workspace(ws: Path, sample_dir: Path, townships: Sequence[str]) -> Path:
    """A SQLite workspace at ``ws`` with 2022Q3 and 2022Q4 of ``townships`` imported (a few
    townships' reports cost a fraction of the county's, for tests that need no whole county)."""
    from xingxian_cli.cli.app import main

    with pytest.MonkeyPatch.context() as env:
        env.delenv("XX_DATABASE_URL", raising=False)
        env.delenv("XX_WORKSPACE", raising=False)
        assert main(["init", str(ws)]) == 0
        for q in ("2022Q3", "2022Q4"):
            assert main(["-w", str(ws), "import", *[str(sample_dir / q / f"{t}_{q}.xlsx") for t in townships],
                         "-q", q]) == 0
    return ws


def corrected_copy(sample_dir: Path, folder: Path, township: str = "赵家坪乡", quarter: str = "2022Q4") -> Path:
    """The township's sample workbook with its first scores changed (a correction sent after the
    results went out), saved into ``folder``."""
    import openpyxl

    fixed = shutil.copy(next((sample_dir / quarter).glob(f"{township}*.xlsx")), folder / f"{township}_{quarter}.xlsx")
    wb = openpyxl.load_workbook(fixed)
    scores = next(s for s in wb.worksheets if s["C1"].value == "党建引领")
    for row in range(2, 8):
        scores[f"C{row}"].value = scores[f"D{row}"].value = 99
    wb.save(fixed)
    return Path(fixed)
