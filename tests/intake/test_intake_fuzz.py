"""Arbitrary cell values never crash the intake: they give diagnostics, never an exception."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intake_helpers import QUARTER, TODAY

from xingxian_cli.domain.intake import parse_submission, wanted_sheet
from xingxian_cli.io.xlsx_reader import read_workbook
from xingxian_cli.sample.generator import book_from_submission, write_book
from xingxian_cli.services.validate import validate_files

SPECIALS = ["#N/A", "#VALUE!", "#DIV/0!", "=1+2", "=SUM(A1:A3)", "+1", "@cmd", "😀👍", "１２３", "NaN", "inf", "-0",
            "1e309", "2015年13月", "99999999999999999999", "  ", "\u3000", "乡镇", "身份证号", "M01", "已完成",
            "x" * 40_000, "村(社区)", "注：说明"]
CELL_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
WRITABLE = st.one_of(
    st.none(), CELL_TEXT, st.sampled_from(SPECIALS), st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.dates(), st.datetimes(),
)
ANY_VALUE = st.one_of(
    WRITABLE, st.text(max_size=20), st.floats(), st.times(),
    st.timedeltas(min_value=timedelta(days=-5), max_value=timedelta(days=5)),
)


@pytest.fixture(scope="module")
def grids(clean_xlsx):
    book, problem = read_workbook(clean_xlsx, file="x.xlsx", want=wanted_sheet)
    assert problem is None and book is not None
    return book.sheets


def _assert_well_formed(sub, diags):
    assert all(d.message for d in diags)
    if sub is None:
        assert any(d.is_error for d in diags)
    else:
        assert not any(d.is_error for d in diags)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_values_in_any_cells_give_diagnostics_not_exceptions(grids, policy, registry, data):
    names = sorted(grids)
    changed = {name: [list(r) for r in grids[name]] for name in names}
    for _ in range(data.draw(st.integers(1, 6))):
        name = data.draw(st.sampled_from(names))
        grid = changed[name]
        i = data.draw(st.integers(0, len(grid) + 2))
        while i >= len(grid):
            grid.append([])
        j = data.draw(st.integers(0, len(grid[0]) + 2 if grid[0] else 4))
        row = grid[i]
        while j >= len(row):
            row.append("")
        row[j] = data.draw(ANY_VALUE)
    sub, diags, _named = parse_submission(changed, file="x.xlsx", policy=policy, registry=registry, quarter=QUARTER,
                                  today=TODAY)
    _assert_well_formed(sub, diags)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_values_written_into_a_workbook_give_diagnostics_not_exceptions(county, township, policy, registry,
                                                                            data):
    book = book_from_submission(county[township], policy)
    keys = sorted(book.sheets)
    for _ in range(data.draw(st.integers(1, 4))):
        key = data.draw(st.sampled_from(keys))
        rows = book.sheets[key]
        if not rows:
            continue
        i = data.draw(st.integers(0, len(rows) - 1))
        j = data.draw(st.integers(0, len(rows[i]) - 1))
        rows[i][j] = data.draw(WRITABLE)
    if data.draw(st.booleans()):
        book.info[data.draw(st.sampled_from(sorted(book.info)))] = data.draw(WRITABLE)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_book(book, Path(tmp) / f"{township}_2022Q3.xlsx", policy=policy, registry=registry)
        result = validate_files([path], policy=policy, registry=registry, quarter=QUARTER, today=TODAY)
    (f,) = result.files
    _assert_well_formed(f.submission, f.diagnostics)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_a_row_under_the_header_holding_infinity_or_nan_is_read_not_crashed_on(grids, policy, registry, value):
    # Found by the test above: the check for a 栏次 line (1 2 3 … under the header) took int() of it.
    changed = {name: [list(r) for r in grid] for name, grid in grids.items()}
    roster = next(name for name in changed if "名" in name and "册" in name)
    changed[roster][1] = [value] * len(changed[roster][0])
    sub, diags, _named = parse_submission(changed, file="x.xlsx", policy=policy, registry=registry, quarter=QUARTER,
                                          today=TODAY)
    _assert_well_formed(sub, diags)
    assert sub is None  # a row of such values is no cadre: refused with a message
