"""Cases found in review: lenient measure ids and negative income are refused at their cell."""

from __future__ import annotations

from intake_helpers import QUARTER, TODAY, col

from xingxian_cli.sample.generator import write_book
from xingxian_cli.services.validate import validate_files


def _check(book, tmp_path, policy, registry, name):
    path = write_book(book, tmp_path / name, policy=policy, registry=registry)
    (f,) = validate_files([path], policy=policy, registry=registry, quarter=QUARTER, today=TODAY).files
    return f


def test_a_measure_id_cell_naming_two_measures_or_a_decimal_is_refused(book, township, tmp_path, policy, registry):
    c = col(book, "progress", "举措编号")
    book.sheets["progress"][0][c] = "M1.5"
    book.sheets["progress"][1][c] = "M13、M14"
    f = _check(book, tmp_path, policy, registry, f"{township}_2022Q3.xlsx")
    bad = [(d.sheet, d.row, d.code) for d in f.errors]
    assert ("任务进度", 2, "unknown-measure-id") in bad and ("任务进度", 3, "unknown-measure-id") in bad


def test_a_measure_id_followed_by_its_title_is_accepted(book, township, tmp_path, policy, registry):
    c = col(book, "progress", "举措编号")
    first = book.sheets["progress"][0][c]
    book.sheets["progress"][0][c] = f"{first}（{policy.measure_by_id[first].title}）"
    f = _check(book, tmp_path, policy, registry, f"{township}_2022Q3.xlsx")
    assert not [d for d in f.errors if d.sheet == "任务进度"]


def test_negative_collective_income_is_refused(book, township, tmp_path, policy, registry):
    c = col(book, "economy", "上年收入(万元)")
    book.sheets["economy"][0][c] = -5
    f = _check(book, tmp_path, policy, registry, f"{township}_2022Q3.xlsx")
    assert [(d.sheet, d.row, d.column, d.code) for d in f.errors] == [("村集体经济", 2, "B", "number-negative")]
