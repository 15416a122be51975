"""Fixtures for the intake tests: the generated county, one small township's book, a checker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from intake_helpers import QUARTER, ROSTER, TODAY, excel_row

from xingxian_cli.domain.diagnostics import Diagnostic
from xingxian_cli.domain.facts import Submission
from xingxian_cli.domain.period import Quarter
from xingxian_cli.sample.generator import (
    Book,
    BookStyle,
    book_from_submission,
    generate_county,
    write_book,
)
from xingxian_cli.services.validate import ValidationResult, validate_files


@pytest.fixture(scope="session")
def county(policy, registry) -> dict[str, Submission]:
    return generate_county(policy, registry, QUARTER)


@pytest.fixture(scope="session")
def township(registry) -> str:
    """The township with the fewest villages: the fastest workbook to write."""
    return min(registry.townships, key=lambda t: len(registry.village_names(t)))


@pytest.fixture
def book(county, township, policy) -> Book:
    """A fresh, clean book for the small township (tests mutate it)."""
    return book_from_submission(county[township], policy)


@pytest.fixture(scope="session")
def clean_xlsx(county, township, policy, registry, tmp_path_factory) -> bytes:
    """The small township's clean workbook, as bytes."""
    path = tmp_path_factory.mktemp("clean") / f"{township}_{QUARTER}.xlsx"
    write_book(book_from_submission(county[township], policy), path, policy=policy, registry=registry)
    return path.read_bytes()


@pytest.fixture(scope="session")
def county_dir(county, policy, registry, tmp_path_factory) -> Path:
    """All 15 townships written, each in a different clerk style."""
    out = tmp_path_factory.mktemp("county")
    for i, (t, sub) in enumerate(county.items()):
        b = book_from_submission(sub, policy)
        b.style = BookStyle(
            title_row=i % 2 == 0, note_rows=i % 3, traditional=i % 4 == 1, alias_headers=i % 3 == 2,
            blank_rows=i % 2 == 1, hidden_column=i % 5 == 0, date_styles=i % 2 == 0,
        )
        write_book(b, out / f"{t}_{QUARTER}.xlsx", policy=policy, registry=registry)
    return out


Check = Callable[..., ValidationResult]


@pytest.fixture
def check(tmp_path, policy, registry) -> Check:
    """Write books (or take paths) and validate them together, as ``xx validate`` would."""

    def run(*items: Book | Path, quarter: Quarter | None = QUARTER, existing=None,
            names: list[str] | None = None) -> ValidationResult:
        paths: list[Path] = []
        for k, item in enumerate(items):
            if isinstance(item, Path):
                paths.append(item)
                continue
            sub_dir = tmp_path / f"b{k}"
            sub_dir.mkdir(exist_ok=True)
            name = names[k] if names else f"{item.info.get('township') or '报送表'}_{QUARTER}.xlsx"
            paths.append(write_book(item, sub_dir / name, policy=policy, registry=registry))
        return validate_files(paths, policy=policy, registry=registry, quarter=quarter, existing=existing,
                              today=TODAY)

    return run


@dataclass(frozen=True)
class PostCell:
    """What ``xx validate`` made of one 职务 (column D) cell of the roster: the diagnostics of
    its row and the post read (None when the row was refused)."""

    row: int
    errors: list[Diagnostic]
    warnings: list[Diagnostic]
    position: str | None


PostCells = Callable[[Sequence[str]], dict[str, PostCell]]


@pytest.fixture(scope="session")
def post_cells(county, township, policy, registry, tmp_path_factory) -> PostCells:
    """Check many 职务 cells at once, the way a roster annotated row after row comes in: each cell
    on its own roster row of the small township's book (more books when the cells outnumber the
    rows), validated as ``xx validate`` would (the village's warning of two heads, which so many posts
    in a few villages give, is left out). A row the checker refuses is taken out and the rest
    checked again, so every cell accepted is read from a book that imports. An error anywhere but
    a tested cell fails the lot: one cell's note must not reach another row or sheet."""
    done: dict[str, PostCell] = {}

    def check_rows(cells: list[str]) -> None:
        book = book_from_submission(county[township], policy)
        for i, written in enumerate(cells):
            book.sheets["roster"][i][3] = written
        path = write_book(book, tmp_path_factory.mktemp("posts") / f"{township}_{QUARTER}.xlsx", policy=policy,
                          registry=registry)
        result = validate_files([path], policy=policy, registry=registry, quarter=QUARTER, today=TODAY)
        rows = {excel_row(i): written for i, written in enumerate(cells)}
        stray = [d for d in result.errors if d.sheet != ROSTER or d.row not in rows]
        assert stray == [], f"errors outside the 职务 cells checked: {stray}"
        refused = {d.row for d in result.errors}
        sub = result.files[0].submission
        read = {c.source.row: c.position for c in sub.cadres if c.source is not None} if sub is not None else {}
        for row, written in rows.items():
            if row in refused or sub is not None:
                done[written] = PostCell(row, [d for d in result.errors if d.row == row],
                                         [d for d in result.warnings if d.sheet == ROSTER and d.row == row
                                          and d.code != "village-two-heads"],  # the cells share villages
                                         read.get(row))
        if refused and len(refused) < len(rows):
            check_rows([w for r, w in rows.items() if r not in refused])  # the accepted ones, from a clean book

    def run(cells: Sequence[str]) -> dict[str, PostCell]:
        todo = [c for c in dict.fromkeys(cells) if c not in done]
        size = len(county[township].cadres)
        for start in range(0, len(todo), size):
            check_rows(todo[start:start + size])
        return {c: done[c] for c in cells}

    return run
