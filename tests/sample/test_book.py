"""write_book: the layout of a sample workbook, each messy style, and injected bad values."""

from __future__ import annotations

import time
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from xingxian_cli.domain.text import norm
from xingxian_cli.messages import template as msg
from xingxian_cli.messages.workbook import COLUMNS, INFO_KEYS, PROGRESS_TITLE_LABEL, SHEETS
from xingxian_cli.sample.generator import (
    Book,
    BookStyle,
    book_from_submission,
    styled_date,
    write_book,
)

TOWN = "蔚汾镇"  # the largest township: 30 villages


@pytest.fixture
def book(county_q3, policy) -> Book:
    return book_from_submission(county_q3[TOWN], policy)


def _write(book, tmp_path, policy, registry, name="book.xlsx"):
    path = write_book(book, tmp_path / name, policy=policy, registry=registry)
    return load_workbook(path)


def _header_row(ws, first_label):
    for row in ws.iter_rows(min_row=1, max_row=15):
        for cell in row:
            if cell.value == first_label:
                return cell.row
    raise AssertionError(f"no header {first_label!r} in {ws.title}")


def _data(ws, header_row):
    return [list(r) for r in ws.iter_rows(min_row=header_row + 1, values_only=True)]


def test_book_from_submission_has_canonical_headers_and_one_row_per_fact(book, county_q3, policy):
    sub = county_q3[TOWN]
    assert book.headers["roster"] == [spec[0] for spec in COLUMNS["roster"].values()]
    assert book.headers["scores"][2:] == policy.systems
    assert book.headers["progress"][1] == PROGRESS_TITLE_LABEL
    assert [
        len(book.sheets[k])
        for k in ("roster", "honours", "scores", "deductions", "progress", "economy")
    ] == [
        len(sub.cadres),
        len(sub.honours),
        len(sub.scores),
        len(sub.deductions),
        len(sub.progress),
        len(sub.economy),
    ]
    assert book.info == {
        "township": TOWN,
        "quarter": "2022Q3",
        "filler": sub.filler,
        "phone": sub.phone,
        "fill_date": sub.fill_date,
    }


def test_standard_book_reopens_with_the_submission_values(
    book, county_q3, tmp_path, policy, registry
):
    wb = _write(book, tmp_path, policy, registry)
    assert wb.sheetnames[:8] == list(SHEETS.values())
    ws = wb[SHEETS["roster"]]
    assert [c.value for c in ws[1]] == book.headers["roster"]
    rows = _data(ws, 1)
    sub = county_q3[TOWN]
    assert [r[2] for r in rows] == [c.person_id for c in sub.cadres]
    assert [r[4].date() for r in rows] == [c.start_date for c in sub.cadres]
    assert ws["C2"].data_type == "s" and ws["C2"].number_format == "@"
    assert ws.freeze_panes == "A2"
    info = dict(wb[SHEETS["info"]].iter_rows(values_only=True))
    assert info["乡镇"] == TOWN and info["考核季度"] == "2022Q3"
    economy = _data(wb[SHEETS["economy"]], 1)
    assert [(r[0], f"{r[1]:.2f}", f"{r[2]:.2f}") for r in economy] == [
        (e.village, str(e.last_year), str(e.this_year)) for e in sub.economy
    ]


def test_title_row_is_merged_above_the_header(book, tmp_path, policy, registry):
    book.style = BookStyle(title_row=True)
    wb = _write(book, tmp_path, policy, registry)
    ws = wb[SHEETS["roster"]]
    assert ws["A1"].value == f"{TOWN}2022年第3季度村干部名册"
    assert "A1:H1" in {str(r) for r in ws.merged_cells.ranges}
    assert _header_row(ws, "村(社区)") == 2 and ws.freeze_panes == "A3"


def test_note_rows_sit_between_title_and_header(book, tmp_path, policy, registry):
    book.style = BookStyle(title_row=True, note_rows=2)
    wb = _write(book, tmp_path, policy, registry)
    ws = wb[SHEETS["honours"]]
    assert [ws["A2"].value, ws["A3"].value] == list(msg.BOOK_NOTES[:2])
    assert _header_row(ws, "身份证号") == 4
    info = wb[SHEETS["info"]]
    assert _header_row(info, "乡镇") == 4


def test_traditional_style_converts_sheet_names_labels_and_codes_but_not_names(
    book, tmp_path, policy, registry
):
    book.style = BookStyle(traditional=True)
    book.sheets["deductions"][0][2:5] = ["考核问责", "重点任务未按期完成", "通报批评"]
    wb = _write(book, tmp_path, policy, registry)
    deduction = next(wb["降星事項"].iter_rows(min_row=2, values_only=True))
    assert norm(deduction[2]) == "考核问责" and deduction[2] != "考核问责"
    assert deduction[3:5] == ("重点任务未按期完成", "通报批评")  # free text kept
    assert "村幹部名冊" in wb.sheetnames and "村干部名册" not in wb.sheetnames
    ws = wb["村幹部名冊"]
    labels = [c.value for c in ws[1]]
    assert "身份證號" in labels and "職務" in labels
    rows = _data(ws, 1)
    original = book.sheets["roster"]
    assert {r[3] for r in rows} >= {"書記兼主任", "委員"}
    assert [r[1] for r in rows] == [r[1] for r in original]  # personal names as written
    assert [norm(r[0]) for r in rows] == [r[0] for r in original]
    assert [norm(r[3]) for r in rows] == [r[3] for r in original]
    info = dict(wb["基本信息"].iter_rows(values_only=True))
    assert norm(next(v for k, v in info.items() if norm(k) == "乡镇")) == TOWN


def test_alias_headers_are_accepted_aliases_of_each_column(book, tmp_path, policy, registry):
    book.style = BookStyle(alias_headers=True)
    wb = _write(book, tmp_path, policy, registry)
    labels = [c.value for c in wb[SHEETS["roster"]][1]]
    assert labels[:5] == ["村（社区）", "干部姓名", "身份证号码", "现任职务", "任职时间"]
    for key, columns in COLUMNS.items():
        for label, aliases, _required in columns.values():
            if label in msg.ALIAS_HEADERS:
                accepted = {norm(label), *(norm(a) for a in aliases)}
                assert norm(msg.ALIAS_HEADERS[label]) in accepted, (key, label)
    for label, aliases in INFO_KEYS.values():
        assert msg.INFO_ALIAS_HEADERS[label] in aliases


def test_blank_rows_are_sprinkled_but_no_data_row_is_lost(book, tmp_path, policy, registry):
    book.style = BookStyle(blank_rows=True)
    wb = _write(book, tmp_path, policy, registry)
    rows = _data(wb[SHEETS["progress"]], 1)
    blank = [r for r in rows if all(v is None for v in r)]
    assert blank and len(rows) - len(blank) == len(book.sheets["progress"])
    assert rows[0][0] is not None and rows[-1][0] is not None


def test_hidden_column_is_added_to_the_roster_and_hidden(book, tmp_path, policy, registry):
    book.style = BookStyle(hidden_column=True)
    wb = _write(book, tmp_path, policy, registry)
    ws = wb[SHEETS["roster"]]
    labels = [c.value for c in ws[1]]
    at = labels.index(msg.HIDDEN_COLUMN_LABEL)
    assert labels[:at] + labels[at + 1 :] == book.headers["roster"]
    letter = "ABCDEFGHIJ"[at]
    assert ws.column_dimensions[letter].hidden
    assert {r[at] for r in _data(ws, 1)} == {msg.SEX_MALE, msg.SEX_FEMALE}


def test_date_styles_mix_text_forms_that_all_mean_the_same_day(book, tmp_path, policy, registry):
    book.style = BookStyle(date_styles=True)
    wb = _write(book, tmp_path, policy, registry)
    written = [r[4] for r in _data(wb[SHEETS["roster"]], 1)]
    original = [r[4] for r in book.sheets["roster"]]
    texts = [w for w in written if isinstance(w, str)]
    assert any(not isinstance(w, str) for w in written)
    assert any("/" in t for t in texts) and any("." in t for t in texts)
    assert any("年" in t for t in texts) and any(t.isdigit() and len(t) == 6 for t in texts)
    for w, d in zip(written, original, strict=True):
        if isinstance(w, str) and ("." in w or "年" in w or (w.isdigit() and len(w) == 6)):
            assert d.day == 1  # a month-only form means the 1st


def test_styled_date_offers_month_only_forms_only_for_the_first_of_a_month():
    forms = {styled_date(date(2015, 3, 1), i) for i in range(6)}
    assert forms == {date(2015, 3, 1), "2015/3/1", "2015-03-01", "2015.3", "2015年3月", "201503"}
    assert {styled_date(date(2015, 3, 7), i) for i in range(6)} == {
        date(2015, 3, 7),
        "2015/3/7",
        "2015-03-07",
    }


def test_injected_bad_values_are_written_exactly_as_given(book, tmp_path, policy, registry):
    roster, scores = book.sheets["roster"], book.sheets["scores"]
    roster[0][2] = 141123198001011000  # an ID Excel has turned into a number
    roster[1][0] = "不存在村"
    roster[2][1] = '=HYPERLINK("x")'
    scores[0][2] = "105"
    scores[1][3] = 105
    scores[2][4] = "#N/A"
    book.info["quarter"] = "2022Q2"
    wb = _write(book, tmp_path, policy, registry)
    ws = wb[SHEETS["roster"]]
    assert ws["C2"].data_type == "n" and f"{ws['C2'].value:.0f}".startswith("141123198001011")
    assert ws["A3"].value == "不存在村"
    assert ws["B4"].value == '=HYPERLINK("x")' and ws["B4"].data_type == "s"
    sc = wb[SHEETS["scores"]]
    assert (sc["C2"].value, sc["D3"].value, sc["E4"].value) == ("105", 105, "#N/A")
    assert sc["C2"].data_type == "s"
    assert dict(wb[SHEETS["info"]].iter_rows(values_only=True))["考核季度"] == "2022Q2"
    with zipfile.ZipFile(tmp_path / "book.xlsx") as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_values_no_cell_can_hold_are_written_as_excel_would_show_them(book, tmp_path, policy, registry):
    # the fuzz tests write anything: text past Excel's limit is cut there, NaN is an error
    book.sheets["progress"][0][5] = "x" * 40_000
    book.sheets["scores"][0][2] = float("nan")
    book.sheets["scores"][1][2] = float("inf")
    wb = _write(book, tmp_path, policy, registry)
    assert len(wb[SHEETS["progress"]]["F2"].value) == 32_767
    sc = wb[SHEETS["scores"]]
    assert (sc["C2"].value, sc["C3"].value) == ("=#NUM!", "=1/0")  # results #NUM! and #DIV/0!


def test_a_merged_village_cell_is_struck_only_on_its_struck_row(county_q3, tmp_path, policy, registry):
    from xingxian_cli.services.validate import validate_files

    town = "魏家滩镇"
    book = book_from_submission(county_q3[town], policy)
    book.style = BookStyle(merged_villages=True, struck_roster_rows=frozenset({0, 5}))
    path = write_book(book, tmp_path / f"{town}_2022Q3.xlsx", policy=policy, registry=registry)
    ws = load_workbook(path)[SHEETS["roster"]]
    assert any(str(m).startswith("A2:") for m in ws.merged_cells.ranges)  # row 0's village merged down
    result = validate_files([path], policy=policy, registry=registry, quarter=None)
    assert sorted(w.row for w in result.warnings if w.code == "struck-row") == [2, 7]  # the two struck rows only


def test_dropped_sheets_and_custom_headers_are_honoured(book, tmp_path, policy, registry):
    book.drop_sheets = {"deductions", "guide"}
    book.headers["economy"] = ["村(社区)", "本年累计收入(万元)"]
    book.sheets["economy"] = [[r[0], r[2]] for r in book.sheets["economy"]]
    wb = _write(book, tmp_path, policy, registry)
    assert SHEETS["deductions"] not in wb.sheetnames and SHEETS["guide"] not in wb.sheetnames
    assert [c.value for c in wb[SHEETS["economy"]][1]] == ["村(社区)", "本年累计收入(万元)"]


def test_same_book_gives_identical_bytes_free_of_the_clock(book, tmp_path, policy, registry):
    book.style = BookStyle(title_row=True, traditional=True, date_styles=True)
    a = write_book(book, tmp_path / "a.xlsx", policy=policy, registry=registry)
    b = write_book(book, tmp_path / "b.xlsx", policy=policy, registry=registry)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # the time Excel writes
        core = z.read("docProps/core.xml").decode()
    assert core.count("2022-01-01T00:00:00Z") == 2  # created and modified


def test_writing_the_largest_township_book_takes_well_under_half_a_second(
    book, tmp_path, policy, registry
):
    assert sum(len(rows) for rows in book.sheets.values()) > 1300
    best = min(
        _timed(
            lambda i=i: write_book(book, tmp_path / f"t{i}.xlsx", policy=policy, registry=registry)
        )
        for i in range(3)
    )
    assert best < 0.5


def _timed(fn) -> float:
    # CPU time of this process: the suite runs beside other workers (and CI beside a database
    # server), whose load would otherwise be counted against the writer.
    started = time.process_time()
    fn()
    return time.process_time() - started
