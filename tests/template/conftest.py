"""Fixtures: the 2022Q3 template of every township, written once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from xingxian_cli.domain.period import Quarter
from xingxian_cli.io.template_writer import write_template


@pytest.fixture(scope="session")
def templates(tmp_path_factory, policy, registry) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("templates")
    return {
        t: write_template(
            out / f"{t}_2022Q3.xlsx",
            policy=policy,
            registry=registry,
            township=t,
            quarter=Quarter(2022, 3),
        )
        for t in registry.townships
    }


class _Opened(dict):
    """Each township's template, opened when first asked for (the tests only read them)."""

    def __init__(self, paths: dict[str, Path]):
        super().__init__()
        self.paths = paths

    def __missing__(self, township: str) -> Workbook:
        wb = self[township] = load_workbook(self.paths[township])
        return wb

    # every township's, whichever a test opened before (self-review: items() gave those only)
    def __iter__(self):
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)

    def keys(self):
        return self.paths.keys()

    def items(self):
        return [(t, self[t]) for t in self.paths]

    def values(self):
        return [self[t] for t in self.paths]


@pytest.fixture(scope="session")
def workbooks(templates) -> dict[str, Workbook]:
    """Each township's template, opened once, when a test first reads it."""
    return _Opened(templates)
