"""Workbooks as townships really send them: titles, notes, blank rows, Traditional, aliases, dates."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from intake_helpers import (
    ECONOMY,
    INFO,
    QUARTER,
    ROSTER,
    SCORES,
    TODAY,
    above,
    edited_copy,
    excel_row,
    where,
)

from xingxian_cli.domain.facts import Submission
from xingxian_cli.domain.ids import mask_id
from xingxian_cli.sample.generator import BookStyle
from xingxian_cli.services.validate import validate_files


def facts(sub: Submission, *, free_outcomes: bool = True) -> tuple:
    """Everything a Submission says, without where it was read from."""

    def bare(items):
        return [replace(x, source=None) for x in items]

    deductions = bare(sub.deductions)
    if not free_outcomes:  # outcomes of measures the policy does not interpret stay as written
        deductions = [replace(d, outcome=None) if d.measure != "违纪违法" else d for d in deductions]
    return (sub.township, sub.quarter, bare(sub.cadres), bare(sub.honours), bare(sub.scores), deductions,
            bare(sub.progress), bare(sub.economy))


def test_generated_county_in_every_clerk_style_validates_with_zero_errors(county_dir, county, policy, registry):
    paths = sorted(county_dir.glob("*.xlsx"))
    result = validate_files(paths, policy=policy, registry=registry, quarter=QUARTER, today=TODAY)
    assert len(paths) == 15 and result.valid and result.errors == []
    read = {f.submission.township: f.submission for f in result.files}
    for t, sub in county.items():
        assert facts(read[t], free_outcomes=False) == facts(sub, free_outcomes=False), t


def test_validating_fifteen_township_files_takes_well_under_a_second(county_dir, policy, registry):
    paths = sorted(county_dir.glob("*.xlsx"))
    validate_files(paths[:1], policy=policy, registry=registry, quarter=QUARTER)  # warm the caches
    start = time.perf_counter()
    validate_files(paths, policy=policy, registry=registry, quarter=QUARTER)
    assert time.perf_counter() - start < 2.0  # ~0.3 s here; generous for a loaded CI machine


@pytest.mark.parametrize(
    "style",
    [BookStyle(traditional=True), BookStyle(alias_headers=True), BookStyle(title_row=True, note_rows=3),
     BookStyle(blank_rows=True), BookStyle(hidden_column=True), BookStyle(date_styles=True)],
    ids=["traditional", "aliases", "title-and-notes", "blank-rows", "hidden-column", "date-styles"],
)
def test_clerk_style_reads_the_same_facts(check, book, county, township, style):
    book.style = style
    result = check(book)
    assert result.valid
    assert facts(result.files[0].submission, free_outcomes=False) == facts(county[township], free_outcomes=False)


def test_header_is_found_on_row_15_but_not_below(check, book):
    book.style = BookStyle(title_row=True, note_rows=13)
    book.sheets["roster"][0][3] = "村会计"
    assert where(check(book).errors) == [(ROSTER, 16, "D", "unknown-position")]
    book.style = BookStyle(title_row=True, note_rows=14)
    missing = [d for d in check(book).errors if d.sheet == ROSTER]
    assert {d.code for d in missing} == {"missing-column"} and len(missing) == 5


def test_rows_are_counted_with_blank_rows_in_between(check, book):
    book.style = BookStyle(blank_rows=True, title_row=True)
    book.sheets["roster"][10][3] = "村会计"
    # title (1) + header (2) + data row 10 after one blank row (every 7 rows) -> row 14
    assert where(check(book).errors) == [(ROSTER, 14, "D", "unknown-position")]


def test_traditional_sheet_names_are_reported_as_written(check, book):
    book.style = BookStyle(traditional=True)
    book.sheets["roster"][0][3] = "村会计"
    (d,) = check(book).errors
    assert (d.sheet, d.header, d.code) == ("村幹部名冊", "職務", "unknown-position")


def test_every_date_form_in_a_workbook_reads_the_same_day(check, book):
    forms = [date(2020, 3, 1), "2020-03-01", "2020/3/1", "2020.3.1", "2020.3", "2020年3月", "2020年3月1日",
             "202003", "20200301", 43891, 43891.0]
    for i, form in enumerate(forms):
        book.sheets["roster"][i][4] = form
    result = check(book)
    assert result.valid
    starts = [c.start_date for c in result.files[0].submission.cadres[: len(forms)]]
    assert starts == [date(2020, 3, 1)] * len(forms)


def test_a_header_broken_over_two_lines_in_its_cell_is_quoted_on_one_line(check, book):
    # (review R86) "“任职起始⏎日期”的日期……" in the message and the JSON's header
    header = book.headers["roster"]
    j = header.index("任职起始日期")
    header[j] = "任职起始\n日期"
    book.sheets["roster"][0][j] = "97.10.19"
    result = check(book)
    (bad,) = [d for d in result.errors if d.column == chr(ord("A") + j)]
    assert bad.header == "任职起始日期" and "“任职起始日期”" in bad.message and "\n" not in bad.message


def test_footnote_and_repeated_header_rows_are_skipped(check, book):
    rows = book.sheets["roster"]
    rows.insert(5, list(book.headers["roster"]))
    rows.append(["注：以上信息由各村核实。"] + [None] * 7)
    result = check(book)
    assert result.valid and len(result.files[0].submission.cadres) == len(rows) - 2


def test_a_data_row_whose_remark_holds_the_sheets_name_is_still_data(check, book):
    # a village starting with 小 (like a 小计 line) whose 备注 mentions 村集体经济
    economy = book.sheets["economy"]
    book.headers["economy"].append("备注")
    for r in economy:
        r.append(None)
    economy[0][0] = economy[0][0]
    economy[0][-1] = "村集体经济收入主要来源为光伏分红"
    result = check(book)
    assert result.valid and economy[0][0] in {e.village for e in result.files[0].submission.economy}


def test_a_date_alone_between_data_rows_is_read_as_data_not_skipped(check, book):
    rows = book.sheets["roster"]
    rows.insert(3, [None, None, None, None, date(2015, 3, 1), None, None, None])
    result = check(book)
    assert not result.valid and {d.row for d in result.errors} == {excel_row(3)}


def test_a_title_and_a_header_in_other_labels_repeated_after_a_page_break_are_skipped(check, book, township):
    rows = book.sheets["roster"]
    n = len(rows)
    aliases = {"村(社区)": "村（社区）", "身份证号": "身份证号码", "任职起始日期": "任职时间"}
    rows.insert(5, [aliases.get(h, h) for h in book.headers["roster"]])
    rows.insert(5, [f"{township}2022年第三季度{ROSTER}"] + [None] * 7)
    result = check(book)
    assert result.valid, [d.message for d in result.errors]
    assert len(result.files[0].submission.cadres) == n


def test_total_and_signature_lines_under_a_table_are_not_data(check, book):
    roster = book.sheets["roster"]
    n = len(roster)
    roster.append(["合计", f"{n}人"] + [None] * 6)
    roster.append(["填报人：", None, "审核人：", None, "负责人（签字）：", None, None, None])
    economy = book.sheets["economy"]
    economy.append(["合  计：", sum(r[1] for r in economy), sum(r[2] for r in economy)])
    book.sheets["honours"].append(["小计", None, None, None, None, None])
    book.sheets["scores"].append(["汇总", None, *[None] * 6])  # Excel's own total row of a table
    result = check(book)
    assert result.valid, result.errors
    sub = result.files[0].submission
    assert len(sub.cadres) == n and len(sub.economy) == len(economy) - 1


@pytest.mark.parametrize(("key", "line"), [
    ("scores", [None, "平均分", 85, 85, 85, 85, 85, 85]),
    ("scores", ["平均分", None, 85, 85, 85, 85, 85, 85]),
    ("scores", [None, "最高分", 95, 95, 95, 95, 95, 95]),
    ("scores", ["城东社区平均分", None, 85, 85, 85, 85, 85, 85]),  # (review R70) a village's own average
    ("economy", ["城东社区平均", 5, 6]),
    ("economy", ["全乡合计", 100, 120]),
    ("economy", ["孟家坪乡合计", 100, 120]),
    ("economy", ["平均", 5, 6]),
    ("roster", ["全乡合计", "34人", None, None, None, None, None, None]),
    ("roster", ["共34人", None, None, None, None, None, None, None]),
    ("progress", ["完成率", None, "60%", None, None]),
])
def test_average_total_and_count_lines_under_a_table_in_other_words_are_not_data(check, book, key, line):
    rows = book.sheets[key]
    n = len(rows)
    rows.append(line[:len(book.headers[key])])
    result = check(book)
    assert result.valid, result.errors
    assert len(getattr(result.files[0].submission, {"scores": "scores", "economy": "economy", "roster": "cadres",
                                                     "progress": "progress"}[key])) == n


def test_a_row_with_an_id_is_data_whatever_its_first_cell_says(check, book):
    book.sheets["roster"][0][0] = "合计"  # a village cell overwritten: the row still holds a cadre
    result = check(book)
    assert (ROSTER, excel_row(0), "A", "unknown-village") in where(result.errors)  # read, and refused


@pytest.mark.parametrize("line", [["无"], ["无"] * 7, [None, "无"], ["暂无"], ["/"] * 7, ["—"], [None, None, "无"]])
def test_a_nothing_to_report_row_in_an_empty_fact_sheet_is_no_data(check, book, line):
    book.sheets["deductions"][:] = [line + [None] * (len(book.headers["deductions"]) - len(line))]
    result = check(book)
    assert result.valid, result.errors
    assert result.files[0].submission.deductions == []


@pytest.mark.parametrize("line", [
    ["填报人：张三", None, "审核人：李四", None, "联系电话：13800000000", None, None, None],
    ["主要负责人（签字）：", None, None, None, None, None, None, None],
    ["经办人：王五", None, None, "分管领导：赵六", None, None, None, None],
    ["乡镇党委（盖章）", None, None, None, None, None, None, None],
    ["制表人：孙七", None, None, None, "日期：2022.10.8", None, None, None],
    ["填报人：刘雨欣", None, "审核人：王建军", None, "2022年10月8日", None, None, None],
    ["填报人", "刘雨欣", "审核人", "王建军", None, None, None, None],
    [None, None, None, None, date(2022, 10, 8), None, None, None],  # the date under a stamp
    ["2.得分保留两位小数。", None, None, None, None, None, None, None],
])
def test_signature_lines_in_their_usual_wordings_are_not_data(check, book, line):
    n = len(book.sheets["roster"])
    book.sheets["roster"].append(line)
    result = check(book)
    assert result.valid, result.errors
    assert len(result.files[0].submission.cadres) == n


def test_a_row_whose_first_filled_cell_is_a_name_starting_like_a_note_is_still_data(check, book):
    row = book.sheets["roster"][0]
    row[0], row[1] = None, "单位平"  # no village: the name (a surname 单, a given name 位平) comes first
    result = check(book)
    assert where(result.errors) == [(ROSTER, excel_row(0), "A", "required-missing")]


def test_a_village_cell_merged_down_its_cadres_rows_is_each_cadres_village(check, book):
    book.style = BookStyle(merged_villages=True)
    villages = [r[0] for r in book.sheets["roster"]]
    assert len(set(villages)) < len(villages)  # some village has several cadres: a merged run
    result = check(book)
    assert result.valid, result.errors
    assert [c.village for c in result.files[0].submission.cadres] == villages


def test_columns_merged_down_each_villages_rows_give_every_cadre_the_village(check, book, tmp_path):
    # 村(社区) and seven more columns each merged over a village's cadres (R28, R30: the later
    # columns were read part of the way down, the rest "村(社区)为空").
    from intake_helpers import edited_copy

    book.style = BookStyle(merged_villages=True)
    villages = [r[0] for r in book.sheets["roster"]]

    def number_each_village(ws) -> None:
        blocks = sorted((b for b in ws.merged_cells.ranges if b.min_col == 1), key=lambda b: b.min_row)
        for label in ("序号", "片区", "包村领导", "包村干部", "网格", "联系人", "备注"):  # most of the columns
            col = ws.max_column + 1
            ws.cell(1, col, label)
            for n, block in enumerate(blocks, 1):
                ws.cell(block.min_row, col, f"{label}{n}")
                ws.merge_cells(start_row=block.min_row, start_column=col, end_row=block.max_row, end_column=col)

    path = edited_copy(check, book, tmp_path, ROSTER, number_each_village)
    result = check(path)
    assert result.valid, result.errors
    assert [c.village for c in result.files[0].submission.cadres] == villages


def test_a_score_merged_down_over_two_cadres_is_read_as_each_ones_and_warned_of(check, book, tmp_path):
    # (left since round 23) one score cell merged over two cadres' rows gave both the score
    # without a word; a score merged across two systems read the second as "为空"
    header = book.headers["scores"]
    first, second = header.index("党建引领"), header.index("网格治理")

    def merge(ws) -> None:
        ws.cell(3, first + 1).value = None
        ws.merge_cells(start_row=2, start_column=first + 1, end_row=3, end_column=first + 1)
        ws.cell(5, second + 1).value = None
        ws.merge_cells(start_row=5, start_column=second, end_row=5, end_column=second + 1)

    path = edited_copy(check, book, tmp_path, SCORES, merge)
    result = check(path)
    shared = [d for d in result.warnings if d.code == "value-merged-down"]
    assert where(shared) == [(SCORES, 2, "C", "value-merged-down")]
    top = book.sheets["scores"][0][first]
    assert f"C2:C3 里，第 2–3 行这 2 行都读作 {top}" in shared[0].message
    assert where(result.errors) == [(SCORES, 5, "E", "cell-merged-blank")]
    (blank,) = result.errors
    assert "与 D5 合并在 D5:E5 里" in blank.message and "取消合并" in blank.hint
    assert blank.value == str(book.sheets["scores"][3][second - 1])


def test_merges_that_give_figures_text_or_cover_a_blank_warning_change_no_verdict(check, book, tmp_path):
    # (review R77) a village merged over its blank 上年 was refused as "merged" (an error where the
    # blank income is a warning); areas from a header or a name down over scores were warned of
    # as shared scores on top of the errors for the text they give
    header = book.headers["economy"]
    last = next(j for j, h in enumerate(header) if h.startswith("上年"))

    def village_over_income(ws) -> None:
        ws.cell(2, last + 1).value = None
        ws.merge_cells(start_row=2, start_column=last, end_row=2, end_column=last + 1)

    result = check(edited_copy(check, book, tmp_path, ECONOMY, village_over_income))
    assert result.valid, result.errors
    (said,) = [w for w in result.warnings if w.row == 2 and w.sheet == ECONOMY]
    assert said.code == "cell-merged-blank" and said.severity == "warning" and "合并在" in said.message
    assert "没有村集体经济数据" in said.message  # what the blank means, as income-blank said (R81)

    scores = book.headers["scores"]
    first = scores.index("党建引领")

    def name_and_block(ws) -> None:  # (openpyxl, as Excel, keeps the first cell's value alone)
        ws.merge_cells(start_row=2, start_column=first, end_row=4, end_column=first + 2)  # from 姓名 (B2:D4)
        ws.merge_cells(start_row=6, start_column=first + 4, end_row=7, end_column=first + 6)  # F6:H7: three scores

    (tmp_path / "b").mkdir()
    result = check(edited_copy(check, book, tmp_path / "b", SCORES, name_and_block))
    shared = [d for d in result.warnings if d.code == "value-merged-down"]
    assert [(d.row, d.column) for d in shared] == [(6, "F")]
    assert "等 3 列" in shared[0].message and "第 6–7 行这 2 行" in shared[0].message
    assert "score-not-number" in {d.code for d in result.errors if d.row in (3, 4)}  # the name read as a score


def test_an_income_merged_down_over_two_villages_is_warned_of_and_a_merged_village_is_not(check, book, tmp_path):
    header = book.headers["economy"]
    this = next(j for j, h in enumerate(header) if h.startswith("本年"))

    def merge(ws) -> None:
        ws.cell(3, this + 1).value = None
        ws.merge_cells(start_row=2, start_column=this + 1, end_row=3, end_column=this + 1)

    result = check(edited_copy(check, book, tmp_path, ECONOMY, merge))
    assert result.valid, result.errors
    assert [(d.sheet, d.row, d.code) for d in result.warnings if "merged" in d.code] == [(ECONOMY, 2, "value-merged-down")]
    incomes = [e.this_year for e in result.files[0].submission.economy]
    assert incomes[0] == incomes[1]  # read as the area's one value, as Excel shows it


def test_a_value_hidden_under_an_area_merged_down_is_read_as_shown_and_named(check, book, tmp_path):
    # (review R77) a file from another program kept each row's own village under a village
    # merged down: the hidden one was read, and the cadre filed where the clerk saw no such name
    from intake_helpers import edited_copy
    from openpyxl.worksheet.cell_range import CellRange

    rows = book.sheets["roster"]
    shown, other = rows[0][0], next(r[0] for r in rows if r[0] != rows[0][0])

    def merge_keeping_values(ws) -> None:  # as such a program writes it: no value cleared
        ws.cell(3, 1).value = other
        ws.merged_cells.add(CellRange("A2:A4"))

    result = check(edited_copy(check, book, tmp_path, ROSTER, merge_keeping_values))
    cadres = result.files[0].submission.cadres
    assert [c.village for c in cadres[:3]] == [shown] * 3  # as shown
    (said,) = [w for w in result.warnings if w.code == "value-hidden-under-merge"]
    assert (said.sheet, said.row, said.column) == (ROSTER, 3, "A")
    assert f"A2:A4 里，显示的是 {shown}，文件里这一格却还存着 {other}" in said.message
    assert "取消合并" in said.hint


def test_a_value_hidden_under_an_area_shown_blank_is_read_blank_and_named(check, book, tmp_path):
    # (review R88) 上年 B2:B3 merged, B2 blank, B3 still storing 20.11: the area shows nothing, and
    # 20.11 was read and paid a bonus on without a word
    from intake_helpers import edited_copy
    from openpyxl.worksheet.cell_range import CellRange

    def blank_over_income(ws) -> None:
        ws["B2"].value, ws["B3"].value = None, 20.11
        ws.merged_cells.add(CellRange("B2:B3"))

    result = check(edited_copy(check, book, tmp_path, ECONOMY, blank_over_income))
    said = {(w.row, w.code) for w in result.warnings if w.sheet == ECONOMY}
    assert (3, "value-hidden-under-merge") in said and (3, "income-blank") in said
    (hidden,) = [w for w in result.warnings if w.code == "value-hidden-under-merge"]
    assert "显示的是 空白，文件里这一格却还存着 20.11" in hidden.message
    assert not [w for w in result.warnings + result.errors if w.code == "cell-merged-blank"]
    assert all(e.village != book.sheets["economy"][1][0] for e in result.files[0].submission.economy)


def test_a_value_of_its_own_under_an_area_on_one_row_is_read_as_it_is_and_named(check, book, tmp_path):
    # (review R87) two scores merged into one cell showing 95, the second cell still storing 73:
    # read as 73 without a word, though the clerk and the printout see 95 over both
    from intake_helpers import edited_copy
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange

    first = book.headers["scores"].index("党建引领") + 1
    a, b = get_column_letter(first), get_column_letter(first + 1)

    def merge_keeping_values(ws) -> None:  # as another program writes it: the second value kept
        ws.cell(3, first).value, ws.cell(3, first + 1).value = 95, 73
        ws.merged_cells.add(CellRange(f"{a}3:{b}3"))

    result = check(edited_copy(check, book, tmp_path, SCORES, merge_keeping_values))
    assert result.valid, result.errors
    (said,) = [w for w in result.warnings if w.code == "value-covered-in-row"]
    assert (said.sheet, said.row, said.column) == (SCORES, 3, b)
    assert f"与 {a}3 合并在 {a}3:{b}3 里，看上去是 {a}3 的 95；文件里这一格自己存着 73：按 73 读取" in said.message
    assert not [w for w in result.warnings if w.code == "value-merged-down"]
    row = next(x for x in result.files[0].submission.scores if x.source.row == 3)
    assert list(row.scores.values())[:2] == [Decimal(95), Decimal(73)]


@pytest.mark.parametrize("marker", ["以下空白", "（以下空白）", "以下无内容。"])
def test_the_forms_blank_below_marker_under_the_last_row_is_no_data(check, book, marker):
    width = len(book.headers["roster"])
    book.sheets["roster"].append([marker] + [None] * (width - 1))
    result = check(book)
    assert result.valid, result.errors
    assert len(result.files[0].submission.cadres) == len(book.sheets["roster"]) - 1


def test_section_headings_between_a_rosters_villages_are_no_data(check, book):
    width = len(book.headers["roster"])
    rows = book.sheets["roster"]
    first, second = rows[0][0], next(r[0] for r in rows if r[0] != rows[0][0])
    at = next(i for i, r in enumerate(rows) if r[0] == second)
    rows.insert(at, [f"（二）{second}"] + [None] * (width - 1))
    rows.insert(0, [f"一、{first}"] + [None] * (width - 1))
    result = check(book)
    assert result.valid, result.errors
    assert len(result.files[0].submission.cadres) == len(rows) - 2


@pytest.mark.parametrize(("sheet", "label"), [
    ("roster", "以下为2023年新任人员"), ("honours", "以下为本季度新增"), ("scores", "新任人员"),
    ("deductions", "（补报）"), ("economy", "以下为社区"), ("honours", "本季度无新增荣誉情况"),
])
def test_a_clerks_label_alone_between_data_rows_is_not_read_and_said_once(check, book, sheet, label):
    # (review R101) was refused with five errors (an unknown village or an 8-digit ID masked as
    # ********, then every other cell "为空"): the clerk had only to move or keep one note
    rows = book.sheets[sheet]
    rows.insert(min(2, len(rows)), [label] + [None] * (len(book.headers[sheet]) - 1))
    result = check(book)
    assert result.valid, result.errors
    (w,) = [w for w in result.warnings if w.code == "row-label-skipped"]
    assert (w.row, w.column, w.value) == (excel_row(min(2, len(rows) - 1)), "A", label)
    assert w.message == f"这一行只写了“{label}”，当作说明文字，未读取（上下各行照常读取）"
    read = {"roster": "cadres", "honours": "honours", "scores": "scores", "deductions": "deductions",
            "economy": "economy"}[sheet]
    assert len(getattr(result.files[0].submission, read)) == len(rows) - 1


@pytest.mark.parametrize(("sheet", "text", "code"), [
    ("roster", None, "required-missing"),  # the village alone, as written: a cadre's row begun, still refused
    ("roster", "赵家坪乡政府", "unknown-village"),  # no label's words: a village written wrong
    ("honours", "1411231980", "id-invalid-length"),  # the digits of an ID: an ID cut short
    ("honours", "其他荣誉", "id-invalid-length"),  # no label's words: a value, refused so the clerk looks
    # (review R103) a deduction pasted whole into the ID cell: refused, not skipped (its veto was lost)
    ("deductions", "王志强 违纪违法 受到留党察看处分 2022年9月7日 兴纪发〔2022〕80号", "id-invalid-length"),
    ("honours", "以下 郝忠 1423.2519.7332.2291.5X", "id-invalid-length"),  # label words beside an ID's digits
])
def test_a_lone_first_cell_that_may_be_a_value_is_still_read_as_data(check, book, sheet, text, code):
    rows = book.sheets[sheet]
    rows.insert(1, [text or rows[0][0]] + [None] * (len(book.headers[sheet]) - 1))
    result = check(book)
    assert code in [e.code for e in result.errors]
    assert not [w for w in result.warnings if w.code == "row-label-skipped"]


@pytest.mark.parametrize(("written", "shown"), [
    ("见名册", "见名册"),  # words: quoted as written
    # (review R103) an ID in groups, a digit short, over or mistyped: masked, however it is grouped
    ("1411.2319.6301.1959.57", "1411**************9.57"), ("1411-2319-6301-1959-5", "1411*************59-5"),
    ("1423/2519/7302/2291/5", "1423*************91/5"), ("１４１１２３１９６３０１１９５９", "1411********1959"),
])
def test_words_in_the_id_column_are_quoted_as_written_an_id_however_grouped_is_masked(check, book, written, shown):
    book.sheets["honours"][0][0] = written
    result = check(book)
    (e,) = [e for e in result.errors if e.column == "A"]
    assert e.value == shown


@pytest.mark.parametrize("kind", ["numbers", "stems", "units"])
def test_a_forms_column_numbers_or_units_under_the_header_are_no_data(check, book, kind):
    # 栏次 (1 2 3 …, or 甲 乙 1 2 …) or a units line (万元, 分) under the header of a form
    width = len(book.headers["scores"])
    line = {"numbers": list(range(1, width + 1)), "stems": ["甲", "乙", *range(1, width - 1)],
            "units": [None, None, *["分"] * (width - 2)]}[kind]
    book.sheets["scores"].insert(0, line)
    result = check(book)
    assert result.valid, result.errors
    assert len(result.files[0].submission.scores) == len(book.sheets["scores"]) - 1


@pytest.mark.parametrize(("sheet", "line"), [
    ("scores", [None, None, "（满分100）", "（满分100）", "（满分100）", "（满分100）", "（满分100）", "（满分100）"]),
    ("scores", ["18位", "姓名", *["0-100分"] * 6]),
    ("roster", [None, None, "（18位，末位X大写）", None, "（年月日）"]),
    ("roster", ["填写村名", "填写姓名", "18位身份证号", "从下拉选择", "如2015-03-01"]),
])
def test_a_line_under_the_header_saying_how_to_fill_each_column_in_is_no_data(check, book, sheet, line):
    width = len(book.headers[sheet])
    book.sheets[sheet].insert(0, [*line, *[None] * (width - len(line))][:width])
    result = check(book)
    assert result.valid, result.errors
    assert len(getattr(result.files[0].submission, "cadres" if sheet == "roster" else "scores")) \
        == len(book.sheets[sheet]) - 1


def test_a_note_merged_across_the_line_under_the_score_headers_is_no_data_but_its_scale_is_heeded(
        check, book, tmp_path):
    def note(text):
        def edit(ws):
            ws.insert_rows(2)
            ws["A2"] = text
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ws.max_column)
        return edit

    assert check(edited_copy(check, book, tmp_path, SCORES, note("（各项满分100分，由乡镇党委考核打分）"))).valid
    result = check(edited_copy(check, book, tmp_path, SCORES, note("（各项满分20分，由乡镇党委考核打分）")))
    assert "score-scale" in {d.code for d in result.errors}

    def numbered(edit):  # (review R93) a 序号 column first: the note starts in a column not read
        def both(ws):
            ws.insert_cols(1)
            ws["A1"] = "序号"
            for i in range(2, ws.max_row + 1):
                ws.cell(i, 1).value = i - 1
            edit(ws)
        return both

    result = check(edited_copy(check, book, tmp_path, SCORES, numbered(note("（每项满分20分）"))))
    assert "score-scale" in {d.code for d in result.errors}
    assert check(edited_copy(check, book, tmp_path, SCORES, numbered(note("（每项满分100分）")))).valid
    # (review R97) in whatever words, with or without the 序号 column
    for edit in (note("说明：每项满分20分，按实际得分填写"), numbered(note("注：各项满分为20分，请填写实际得分")),
                 numbered(note("评分标准：20分制")), note("每项满分20分")):
        result = check(edited_copy(check, book, tmp_path, SCORES, edit))
        assert [d.code for d in result.errors] == ["score-scale"], result.errors
    assert check(edited_copy(check, book, tmp_path, SCORES, numbered(note("注：90分以上的每项加1星")))).valid


def test_a_vacancy_in_brackets_on_the_first_roster_row_is_still_read_not_taken_for_a_form_line(check, book):
    width = len(book.headers["roster"])
    book.sheets["roster"].insert(0, [None, "（空缺）", *[None] * (width - 2)])
    result = check(book)  # read as a roster row, and said of: not passed over in silence
    assert any(d.code.startswith("roster-vacant") and d.row == 2 for f in result.files for d in f.diagnostics)


def test_a_units_line_in_yuan_under_the_incomes_is_heeded(check, book):
    book.sheets["economy"].insert(0, [None, "元", "元"])
    assert "column-in-yuan" in {d.code for d in check(book).errors}


def test_a_header_over_two_rows_with_labels_left_in_the_upper_row_is_one_header(check, book, tmp_path):
    # 身份证号 | 姓名 | 六大体系评分 (merged over the systems), the systems in the row below,
    # 身份证号 and 姓名 not merged down
    def edit(ws):
        ws.insert_rows(1)
        ws["A1"], ws["B1"], ws["C1"] = ws["A2"].value, ws["B2"].value, "六大体系评分"
        ws["A2"], ws["B2"] = None, None
        ws.merge_cells(start_row=1, start_column=3, end_row=1, end_column=ws.max_column)

    result = check(edited_copy(check, book, tmp_path, SCORES, edit))
    assert result.valid, result.errors
    assert len(result.files[0].submission.scores) == len(book.sheets["scores"])


def test_a_first_row_with_its_village_blank_and_two_incomes_is_refused_not_skipped_as_column_numbers(check, book):
    book.sheets["economy"].insert(0, [None, 12, 15])
    assert "required-missing" in {d.code for d in check(book).errors}


@pytest.mark.parametrize("title", ["2022年元月至9月村集体经济收入", "（金额单位：万元）", "注：保留两位小数，精确到百元",
                                   "注：收入不足1000元的村填0"])
def test_a_title_above_the_incomes_that_names_no_yuan_unit_is_no_refusal(check, book, tmp_path, title):
    assert check(edited_copy(check, book, tmp_path, ECONOMY, above(("A1", title)))).valid


@pytest.mark.parametrize("note", ["注：总分满分600分，各项满分100分", "说明：得分达到（90分）及以上的每项加1星",
                                  "六大体系评分表（满分600分）", "考核评分：90分以上五星，0-59分不得星",
                                  "六大体系评分（每项总分100分）"])
def test_a_note_above_the_scores_about_totals_or_thresholds_is_no_scale(check, book, tmp_path, note):
    assert check(edited_copy(check, book, tmp_path, SCORES, above(("A1", note)))).valid


@pytest.mark.parametrize("note", ["注：各项满分20分，总分120分", "注：六项共120分，每项满分20分", "六大体系评分（总分120分）"])
def test_a_note_above_the_scores_stating_a_20_point_scale_beside_a_total_is_refused(check, book, tmp_path, note):
    result = check(edited_copy(check, book, tmp_path, SCORES, above(("A1", note))))
    assert "score-scale" in {d.code for d in result.errors}


def test_a_range_line_to_another_maximum_under_the_score_headers_is_refused(check, book):
    width = len(book.headers["scores"])
    book.sheets["scores"].insert(0, [None, None, *["0-20"] * (width - 2)])
    assert "score-scale" in {d.code for d in check(book).errors}


@pytest.mark.parametrize(("sheet", "label", "note", "code"), [("economy", "上年收入(万元)", "（百万元）", "missing-column"),
                                                            ("scores", "党建引领", "（满分20分）", "score-scale")])
def test_a_unit_or_scale_in_the_note_under_an_upper_label_is_heeded(check, book, tmp_path, sheet, label, note, code):
    j = book.headers[sheet].index(label) + 1

    def edit(ws):  # the label in the upper row, its note under it in the header row
        ws.insert_rows(1)
        ws.cell(1, j).value, ws.cell(2, j).value = label.split("(")[0], note

    result = check(edited_copy(check, book, tmp_path, {"economy": ECONOMY, "scores": SCORES}[sheet], edit))
    assert code in {d.code for d in result.errors}


@pytest.mark.parametrize(("sheet", "label", "note"), [("economy", "上年收入(万元)", "（2021年）"),
                                                    ("economy", "上年收入(万元)", "（万元）"),
                                                    ("roster", "村(社区)", "（全称）")])
def test_a_note_under_an_upper_label_of_its_own_brackets_leaves_the_column_as_it_is(check, book, tmp_path, sheet,
                                                                                    label, note):
    j = book.headers[sheet].index(label) + 1

    def edit(ws):
        ws.insert_rows(1)
        ws.cell(1, j).value, ws.cell(2, j).value = label, note

    assert check(edited_copy(check, book, tmp_path, {"economy": ECONOMY, "roster": ROSTER}[sheet], edit)).valid


def test_a_two_row_header_with_a_note_under_an_upper_label_is_one_header(check, book, tmp_path):
    def edit(ws):
        ws.insert_rows(1)
        ws["A1"], ws["B1"], ws["C1"] = ws["A2"].value, ws["B2"].value, "六大体系评分"
        ws["A2"], ws["B2"] = "（18位）", None

    assert check(edited_copy(check, book, tmp_path, SCORES, edit)).valid


@pytest.mark.parametrize("line", [["单位", "万元", "万元"], [None, "0-100", "0-100"]])
def test_a_units_line_with_its_label_or_a_range_line_under_the_header_is_no_data(check, book, line):
    sheet = "economy" if line[0] else "scores"
    width = len(book.headers[sheet])
    book.sheets[sheet].insert(0, [*line[:1], *([line[1]] * (width - 1))] if sheet == "economy" else
                              [None, None, *["0-100"] * (width - 2)])
    assert check(book).valid


def test_a_label_of_a_line_above_the_header_over_another_columns_header_is_not_taken(check, book, tmp_path):
    # 填报单位： | 赵家坪乡 | 联系电话 | 138… above the roster's header: its 联系电话 is no column
    j = book.headers["roster"].index("联系电话")
    del book.headers["roster"][j]
    for r in book.sheets["roster"]:
        del r[j]
    line = above(("A1", "填报单位："), ("B1", "赵家坪乡"), ("C1", "联系电话"), ("D1", "13800000000"))
    result = check(edited_copy(check, book, tmp_path, ROSTER, line))
    assert result.valid and all(c.phone is None for c in result.files[0].submission.cadres)


def test_a_row_with_only_its_village_filled_is_still_refused(check, book):
    # a cadre's row begun and not finished is no heading: its blanks are errors
    width = len(book.headers["roster"])
    book.sheets["roster"].append([book.sheets["roster"][0][0]] + [None] * (width - 1))
    assert not check(book).valid


def test_a_hidden_roster_row_is_read_and_warned_of(check, book):
    book.style = BookStyle(hidden_roster_rows=frozenset({2}))
    result = check(book)
    assert result.valid
    assert [(w.sheet, w.row) for w in result.warnings if w.code == "hidden-row"] == [(ROSTER, excel_row(2))]
    assert len(result.files[0].submission.cadres) == len(book.sheets["roster"])
    # (review R83) a clerk deleting the row as told must delete the person's other rows too
    assert "其他表中此人的行一并删除" in next(w.hint for w in result.warnings if w.code == "hidden-row")


def test_a_hidden_roster_row_without_scores_is_told_to_be_deleted_not_only_scored(check, book):
    # (review R124) the error said only "请为此人补填一行": the clerk scored the departed cadre
    # hidden on the roster, and the annotated copy (the row shown) no longer said it was hidden
    pid = book.sheets["roster"][2][book.headers["roster"].index("身份证号")]
    ids = book.headers["scores"].index("身份证号")
    book.sheets["scores"] = [r for r in book.sheets["scores"] if r[ids] != pid]
    book.style = BookStyle(hidden_roster_rows=frozenset({2}))
    (said,) = [d for d in check(book).errors if d.code == "scores-missing"]
    assert said.row == excel_row(2) and said.hint.startswith("名册中这一行被隐藏了：如此人已离任，请删除名册中的这一行")
    book.style = BookStyle()
    (shown,) = [d for d in check(book).errors if d.code == "scores-missing"]
    assert "隐藏" not in shown.hint


def test_a_hidden_roster_row_whose_scores_were_cleared_is_told_to_be_deleted_not_filled_in(check, book):
    # (review R126) the score row kept with its scores cleared: every empty cell said "请填写该单元格"
    pid = book.sheets["roster"][2][book.headers["roster"].index("身份证号")]
    ids = book.headers["scores"].index("身份证号")
    (row,) = [r for r in book.sheets["scores"] if r[ids] == pid]
    row[2:] = [None] * (len(row) - 2)
    book.style = BookStyle(hidden_roster_rows=frozenset({2}))
    empty = [d for d in check(book).errors if d.code == "required-missing"]
    assert len(empty) == len(row) - 2 and all(d.hint.startswith("此人在名册中的那一行被隐藏了：如此人已离任，请删除")
                                              for d in empty), empty[0]
    book.style = BookStyle()
    shown = [d for d in check(book).errors if d.code == "required-missing"]
    assert shown and not [d for d in shown if "隐藏" in d.hint]


def test_many_roster_rows_hidden_by_hand_are_read_with_one_warning_naming_them(check, book):
    # (review R110) one warning per hidden row: dozens saying the same thing
    hidden = [2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    book.style = BookStyle(hidden_roster_rows=frozenset(hidden))
    result = check(book)
    assert result.valid and len(result.files[0].submission.cadres) == len(book.sheets["roster"])
    assert "hidden-row" not in {w.code for w in result.warnings}
    (said,) = [w for w in result.warnings if w.code == "rows-hidden"]
    rows = [excel_row(i) for i in hidden]
    assert (said.sheet, said.row) == (ROSTER, rows[0])
    assert f"有 {len(rows)} 行数据被隐藏（第{'、'.join(map(str, rows[:10]))} 等行）" in said.message


def test_rows_a_filter_left_on_the_roster_hides_are_read_with_one_warning(check, book, tmp_path):
    # Filtered to one village and sent so: the clerk hid no row, and is not told to delete dozens.
    from intake_helpers import edited_copy

    first = book.sheets["roster"][0][0]
    others = [excel_row(i) for i, r in enumerate(book.sheets["roster"]) if r[0] != first]

    last = excel_row(len(book.sheets["roster"]) - 1)

    def filter_to_first_village(ws) -> None:
        ws.auto_filter.ref = f"A1:H{last - 1}"  # the last row outside the filter, hidden by hand
        ws.auto_filter.add_filter_column(0, [first])
        for r in [*others, last]:
            ws.row_dimensions[r].hidden = True

    if last in others:
        others.remove(last)
    result = check(edited_copy(check, book, tmp_path, ROSTER, filter_to_first_village))
    assert result.valid and len(result.files[0].submission.cadres) == len(book.sheets["roster"])
    (said,) = [w for w in result.warnings if w.code == "rows-filtered"]
    assert (said.sheet, said.row) == (ROSTER, others[0])
    assert f"有 {len(others)} 行数据被筛选隐藏（从第{others[0]}行起）" in said.message
    # a row hidden by hand outside the filter's range is still said on its own
    assert [w.row for w in result.warnings if w.code == "hidden-row"] == [last]


@pytest.mark.parametrize("in_text", [False, True], ids=["cell-format", "text-in-cell"])
def test_a_struck_through_roster_row_is_read_and_warned_of_by_its_first_crossed_cell(check, book, in_text):
    book.style = BookStyle(struck_roster_rows=frozenset({3}), struck_text=in_text)
    result = check(book)
    assert result.valid
    struck = [w for w in result.warnings if w.code == "struck-row"]
    assert [(w.sheet, w.row, w.column, w.value) for w in struck] == [(ROSTER, excel_row(3), "A", book.sheets["roster"][3][0])]
    assert "删除线" in struck[0].message and "删除整行" in struck[0].hint
    assert len(result.files[0].submission.cadres) == len(book.sheets["roster"])


def test_part_of_a_post_struck_through_is_warned_of_and_a_struck_free_text_cell_is_not(check, book):
    from xingxian_cli.io.template_writer import RichText

    roster = book.sheets["roster"]
    roster[0][3] = RichText((("书记", False), ("兼主任", True)))  # read as 书记兼主任: said so
    roster[1][book.headers["roster"].index("学历")] = RichText((("高中", True),))  # an old note
    result = check(book)
    assert [(w.row, w.column, w.value) for w in result.warnings if w.code == "struck-row"] == [(2, "D", "书记兼主任")]
    assert result.files[0].submission.cadres[0].position == "书记兼主任"


def test_a_struck_line_that_is_not_data_is_not_warned_of(check, book):
    # the old date under the table, crossed out, with the new one under it: a trailer, not a row
    width = len(book.headers["roster"])
    book.sheets["roster"] += [["2022年10月5日"] + [None] * (width - 1), ["2022年10月8日"] + [None] * (width - 1)]
    book.style = BookStyle(struck_roster_rows=frozenset({len(book.sheets["roster"]) - 2}))
    result = check(book)
    assert result.valid and not [w for w in result.warnings if w.code == "struck-row"]


def test_a_hidden_roster_sheet_is_read_and_warned_of(check, book):
    book.style = BookStyle(hidden_sheets=frozenset({"roster"}))
    result = check(book)
    assert result.valid and [(w.sheet, w.code) for w in result.warnings if w.code.startswith("sheet-")] == [
        (ROSTER, "sheet-hidden")]


@pytest.mark.parametrize("copy", [f"{ROSTER} (2)", f"新{ROSTER}", f"{ROSTER}（修订）", f"{ROSTER}2"])
def test_a_hidden_roster_beside_a_visible_sheet_named_like_it_is_refused(check, book, copy):
    # last quarter's roster copied, the copy edited, the original hidden: which is this quarter's?
    book.style = BookStyle(hidden_sheets=frozenset({"roster"}), sheet_copies=((copy, "roster", "edited"),))
    result = check(book)
    (err,) = result.errors
    assert (err.sheet, err.code) == (ROSTER, "sheet-hidden-copy") and copy in err.message


def test_of_two_rosters_of_one_name_once_folded_the_visible_one_is_read(check, book):
    # a stale 村干部名册 hidden before a visible 村幹部名冊 (the same name in Traditional
    # characters): the hidden one was read, paying last quarter's posts
    book.style = BookStyle(hidden_sheets=frozenset({"roster"}), sheet_copies=(("村幹部名冊", "roster", "edited"),))
    result = check(book)
    dropped = book.sheets["roster"][-1]  # not on the visible roster
    assert {d.code for d in result.errors} == {"not-on-roster"} and SCORES in {d.sheet for d in result.errors}
    assert all(mask_id(dropped[2]) in d.message for d in result.errors)
    assert ("sheet-copy-not-read", "村幹部名冊") in [(w.code, w.sheet) for w in result.warnings]


def test_two_visible_rosters_of_one_name_once_folded_holding_other_data_are_refused(check, book):
    book.style = BookStyle(sheet_copies=(("村幹部名冊", "roster", "edited"),))
    result = check(book)
    assert [(d.code, d.sheet) for d in result.errors] == [("sheet-copy-differs", ROSTER)]


def test_sheets_under_the_other_names_clerks_give_them_are_read(check, book):
    book.style = BookStyle(renamed=(("roster", "村干部花名册"), ("economy", "集体经济"), ("info", "基本情况"),
                                    ("scores", "六大体系评分表")))
    result = check(book)
    assert result.valid, result.errors
    sub = result.files[0].submission
    assert len(sub.cadres) == len(book.sheets["roster"]) and len(sub.economy) == len(book.sheets["economy"])


def test_a_sheet_under_another_name_beside_the_standard_one_is_another_table_not_read_and_said(check, book):
    # 花名册 of retired cadres, 基本情况 of village figures: not refused as copies (review R26)
    book.style = BookStyle(sheet_copies=(("花名册", "roster", "edited"),))
    result = check(book)
    assert result.valid, result.errors
    assert len(result.files[0].submission.cadres) == len(book.sheets["roster"])  # the standard one read
    (w,) = [w for w in result.warnings if w.code == "sheet-copy-not-read"]
    assert w.sheet == ROSTER and "花名册" in w.message
    book.style = BookStyle(sheet_copies=(("花名册", "roster", "sorted"),))
    assert check(book).valid


def test_a_visible_copy_holding_other_data_is_refused(check, book):
    book.style = BookStyle(sheet_copies=((f"{SCORES} (2)", "scores", "edited"),))
    result = check(book)
    (err,) = result.errors
    assert (err.sheet, err.code) == (SCORES, "sheet-copy-differs") and f"{SCORES} (2)" in err.message


def test_a_visible_copy_holding_the_same_rows_sorted_another_way_is_no_doubt(check, book):
    book.style = BookStyle(sheet_copies=((f"{SCORES} (2)", "scores", "sorted"),))
    result = check(book)
    assert result.valid and not [w for w in result.warnings if w.code.startswith("sheet-")]


def test_another_sheet_named_like_a_table_is_warned_of_not_refused(check, book):
    book.style = BookStyle(sheet_copies=((f"{ROSTER}（离任人员）", "roster", "edited"),))
    result = check(book)
    assert result.valid and [(w.code, w.sheet) for w in result.warnings if w.code.startswith("sheet-")] == [
        ("sheet-copy-not-read", ROSTER)]


def test_a_hidden_roster_beside_an_identical_visible_copy_is_only_warned_of(check, book):
    book.style = BookStyle(hidden_sheets=frozenset({"roster"}), sheet_copies=((f"{ROSTER} (2)", "roster", "sorted"),))
    result = check(book)
    assert result.valid and [w.code for w in result.warnings if w.code.startswith("sheet-")] == ["sheet-hidden"]


def test_a_visible_copy_holding_the_same_data_is_no_doubt(check, book):
    book.style = BookStyle(sheet_copies=((f"{ROSTER}-副本", "roster", ""),))
    result = check(book)
    assert result.valid and not [w for w in result.warnings if w.code.startswith("sheet-")]


def test_a_roster_sheet_under_another_name_is_named_in_the_refusal(check, book):
    book.style = BookStyle(renamed=(("roster", f"{ROSTER}（2022年第三季度）"),))
    result = check(book)
    codes = [(d.code, d.sheet) for d in result.errors if d.code.startswith(("sheet-", "missing-sheet"))]
    assert codes == [("sheet-misnamed", f"{ROSTER}（2022年第三季度）")]
    assert f"请把它改名为“{ROSTER}”" in result.errors[0].hint


def test_a_misnamed_roster_is_checked_in_the_same_reply_as_its_name(check, book):
    # Review R110: its rows were checked only once the clerk renamed it and sent it again.
    book.style = BookStyle(renamed=(("roster", f"{ROSTER}（2022年第三季度）"),))
    book.sheets["roster"][1][4] = "2099-01-01"  # 任职起始日期 after the quarter
    result = check(book)
    found = [(d.code, d.sheet, d.row) for d in result.errors]
    assert ("sheet-misnamed", f"{ROSTER}（2022年第三季度）", None) in found
    assert [(s, r) for c, s, r in found if c != "sheet-misnamed"] == [(f"{ROSTER}（2022年第三季度）", 3)]


def test_a_sheet_named_like_the_roster_without_its_headings_is_only_named(check, book):
    book.style = BookStyle(renamed=(("roster", f"{ROSTER}（离任人员）"),))
    book.headers["roster"] = [h if h != "身份证号" else "证件" for h in book.headers["roster"]]
    result = check(book)
    assert [(d.code, d.sheet) for d in result.errors if d.sheet == f"{ROSTER}（离任人员）"] == \
        [("sheet-misnamed", f"{ROSTER}（离任人员）")]


def test_extra_sheets_and_unknown_columns_are_ignored(check, book):
    book.headers["roster"].append("备用列")
    for row in book.sheets["roster"]:
        row.append("随便写")
    assert check(book).valid


def test_personal_names_are_kept_exactly(check, book):
    book.sheets["roster"][0][1] = " 張　三 "
    i = next(k for k, r in enumerate(book.sheets["scores"]) if r[0] == book.sheets["roster"][0][2])
    book.sheets["scores"][i][1] = "張　三"
    result = check(book)
    assert result.valid and result.files[0].submission.cadres[0].name == "張　三"


def test_visible_column_wins_over_a_hidden_copy_of_its_header(clean_xlsx, policy, registry):
    from xingxian_cli.domain.intake import parse_submission, wanted_sheet
    from xingxian_cli.io.xlsx_reader import read_workbook

    book, _ = read_workbook(clean_xlsx, file="x.xlsx", want=wanted_sheet)
    grids = dict(book.sheets)
    # A hidden stale ID column in front of the real one, as clerks leave behind.
    grids[ROSTER] = [[row[2] if i == 0 else "作废", *row] for i, row in enumerate(grids[ROSTER])]
    sub, diags, _named = parse_submission(grids, file="x.xlsx", policy=policy, registry=registry, quarter=QUARTER,
                                  today=TODAY, hidden_columns={ROSTER: frozenset({0})})
    assert sub is not None and [d for d in diags if d.is_error] == []
    shown, _, _named = parse_submission(grids, file="x.xlsx", policy=policy, registry=registry, quarter=QUARTER,
                                today=TODAY)
    assert shown is None  # without the hidden flag the first (stale) column is taken


@pytest.mark.parametrize(("key", "label", "noted", "written"), [
    ("scores", "党建引领", "党建引领（自评）", 95),  # the township's own score beside the assessed one
    ("roster", "职务", "职务（换届前）", "委员"),  # the post before the election
    ("progress", "完成状态", "完成状态（上季度）", "未启动"),  # last quarter's status kept
])
def test_a_column_labelled_with_a_note_beside_the_standard_label_is_not_the_one_read(check, book, key, label, noted,
                                                                                    written):
    j = book.headers[key].index(label)
    before = [r[j] for r in book.sheets[key]]
    book.headers[key].insert(j, noted)  # left of the standard column, where it used to win
    for r in book.sheets[key]:
        r.insert(j, written)
    result = check(book)
    assert result.valid, [d.message for d in result.errors]
    sub = result.files[0].submission
    read = {"scores": [s.scores.get(label) for s in sub.scores], "roster": [c.position for c in sub.cadres],
            "progress": [p.status for p in sub.progress]}[key]
    assert read[:5] == [type(read[0])(v) if key == "scores" else v for v in before[:5]]


@pytest.mark.parametrize(("key", "label", "alias", "noted", "written"), [
    ("progress", "完成状态", "完成情况", "完成情况（上季度）", "未启动"),
    ("roster", "职务", "现任职务", "现任职务（兼职）", "委员"),
])
def test_an_alias_without_a_note_is_read_before_a_noted_column_as_the_standard_label_is(check, book, key, label, alias,
                                                                                        noted, written):
    j = book.headers[key].index(label)
    before = [r[j] for r in book.sheets[key]]
    book.headers[key][j] = alias
    book.headers[key].insert(j, noted)
    for r in book.sheets[key]:
        r.insert(j, written)
    result = check(book)
    assert result.valid, [d.message for d in result.errors]
    sub = result.files[0].submission
    read = [c.position for c in sub.cadres] if key == "roster" else [p.status for p in sub.progress]
    assert read[:5] == before[:5]


def test_two_noted_columns_for_one_field_without_its_standard_label_are_refused_when_they_differ(check, book):
    # 职务（党组织） | 职务（村委会）: a 书记 and a 主任 in two columns, one person's posts
    j = book.headers["roster"].index("职务")
    book.headers["roster"][j:j + 1] = ["职务（党组织）", "职务（村委会）"]
    for r in book.sheets["roster"]:
        r[j:j + 1] = ["委员", r[j]]
    result = check(book)
    assert [(d.sheet, d.row, d.code) for d in result.errors] == [(ROSTER, 1, "ambiguous-column")]
    assert "职务（党组织）" in result.errors[0].message and "职务（村委会）" in result.errors[0].message


def test_a_label_over_two_sub_columns_of_a_two_row_header_is_refused_when_they_differ(check, book, tmp_path):
    # 党建引领 merged over 自评 | 考评, the other labels merged down: read from 自评 alone, the
    # assessed scores would be lost
    def edit(ws):
        ws.insert_cols(4)
        ws.insert_rows(2)
        ws["C2"], ws["D2"] = "自评", "考评"
        for r in range(3, ws.max_row + 1):
            ws.cell(r, 4).value, ws.cell(r, 3).value = ws.cell(r, 3).value, 95
        ws.merge_cells("C1:D1")
        for c in (1, 2, *range(5, ws.max_column + 1)):
            ws.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)

    result = check(edited_copy(check, book, tmp_path, SCORES, edit))
    assert [(d.sheet, d.row, d.column, d.code) for d in result.errors] == [(SCORES, 2, "D", "ambiguous-column")]
    assert "党建引领/自评" in result.errors[0].message and "党建引领/考评" in result.errors[0].message


@pytest.mark.parametrize(("sheet", "label", "subs", "second"), [
    (ECONOMY, "本年累计收入(万元)", ("合计", "其中：经营性收入"), lambda v: round(v * 0.6, 2)),  # a part of the first
    (ROSTER, "职务", ("职务名称", "分管工作"), lambda v: "分管党建"),  # not a post at all
])
def test_a_label_over_a_total_and_its_part_or_over_another_kind_of_column_reads_the_first(check, book, tmp_path, sheet,
                                                                                         label, subs, second):
    def edit(ws):
        j = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == label)
        ws.insert_cols(j + 1)
        ws.insert_rows(2)
        ws.cell(2, j).value, ws.cell(2, j + 1).value = subs
        for r in range(3, ws.max_row + 1):
            v = ws.cell(r, j).value
            ws.cell(r, j + 1).value = second(v) if v is not None else None
        ws.merge_cells(start_row=1, start_column=j, end_row=1, end_column=j + 1)
        for c in (*range(1, j), *range(j + 2, ws.max_column + 1)):
            ws.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)

    result = check(edited_copy(check, book, tmp_path, sheet, edit))
    assert result.valid, [d.message for d in result.errors]
    sub = result.files[0].submission
    if sheet == ECONOMY:
        assert [e.this_year for e in sub.economy] == [e.this_year for e in check(book).files[0].submission.economy]
    else:
        assert [c.position for c in sub.cadres] == [c.position for c in check(book).files[0].submission.cadres]


@pytest.mark.parametrize(("key", "again", "refused"), [("乡镇", "固贤乡", True), ("考核季度", "2023Q1", True),
                                                      ("乡镇", None, False), ("填报人", "王五", False),
                                                      ("考核季度", "2022年第三季度", False),  # one quarter, two ways
                                                      ("考核季度", "2022年7-9月", False),
                                                      ("乡镇", "{}人民政府", False),  # one township, two ways
                                                      ("填报单位", "{}党委组织办", False),  # a note, not a township
                                                      ("考核期", "2022年7月1日至9月30日", False),
                                                      ("填报单位", "蔚汾镇党委组织办", True),  # another township
                                                      ("考核期", "2022年10月1日至12月31日", True),  # another quarter
                                                      ("乡镇", "临县城庄镇", True),
                                                      ("考核期", "2022年1-9月", False),  # a span, not a quarter
                                                      ("填报单位", "{}（原属固贤乡管辖）", False)])  # its own among two
def test_a_township_or_quarter_written_twice_with_two_values_is_refused_naming_both_rows(check, book, tmp_path, key,
                                                                                       again, refused):
    def edit(ws):
        base = {"填报单位": "乡镇", "考核期": "考核季度"}.get(key, key)
        first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == base)
        ws.append([key, again.format(ws.cell(first, 2).value) if again is not None else ws.cell(first, 2).value])

    result = check(edited_copy(check, book, tmp_path, INFO, edit))
    codes = [d.code for d in result.errors]
    assert codes == (["info-conflict"] if refused else []), [d.message for d in result.errors]
    if refused:
        assert again in result.errors[0].message and "第" in result.errors[0].message


@pytest.mark.parametrize(("key", "note"), [("填报单位", "{}党委组织办"), ("考核期", "2022年7月1日至9月30日")])
def test_a_note_above_the_township_or_quarter_naming_the_same_is_passed_over(check, book, tmp_path, key, note):
    def edit(ws):
        base = {"填报单位": "乡镇", "考核期": "考核季度"}[key]
        first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == base)
        value = note.format(ws.cell(first, 2).value)
        ws.insert_rows(1)
        ws.cell(1, 1).value, ws.cell(1, 2).value = key, value

    result = check(edited_copy(check, book, tmp_path, INFO, edit))
    assert result.valid, [d.message for d in result.errors]


@pytest.mark.parametrize("suffix", ["（修改后）", "（最新）", "（终）", "（三季度）", "-2022年第三季度", "（2022Q3）", "（定稿）"])
def test_a_copy_labelled_as_the_newer_or_this_quarters_holding_other_data_is_refused(check, book, suffix):
    # the standard name on the old sheet, the edited one labelled: it was the old one that was read
    book.style = BookStyle(sheet_copies=((f"{SCORES}{suffix}", "scores", "edited"),))
    result = check(book)
    (err,) = result.errors
    assert (err.sheet, err.code) == (SCORES, "sheet-copy-differs") and f"{SCORES}{suffix}" in err.message


def test_two_labelled_copies_and_none_of_the_standard_name_are_named_together(check, book):
    book.style = BookStyle(renamed=(("scores", f"{SCORES}（2022Q3）"),),
                           sheet_copies=((f"{SCORES}（2022Q2）", "scores", "edited"),))
    result = check(book)
    (err,) = [e for e in result.errors if e.code.startswith("sheet-")]
    assert err.code == "sheet-misnamed-several"
    assert f"{SCORES}（2022Q3）" in err.message and f"{SCORES}（2022Q2）" in err.message and "删除其余" in err.hint


def test_a_score_column_labelled_last_quarters_is_not_read_as_this_quarters(check, book):
    j = book.headers["scores"].index("党建引领")
    book.headers["scores"][j] = "党建引领（上季度）"
    result = check(book)
    assert not result.valid
    assert [e.code for e in result.errors] == ["column-earlier-period"] and "党建引领（上季度）" in result.errors[0].message


@pytest.mark.parametrize("suffix", ["（二季度）", "（2022Q2）", "-2022年第二季度", "（2021年）", "（6月）", "（上季度）", "（调整）"])
def test_a_copy_labelled_by_an_earlier_period_is_kept_for_reference_not_refused(check, book, suffix):
    # (review R39) the label says which is the old one: the standard-named sheet is read, the other said
    book.style = BookStyle(sheet_copies=((f"{SCORES}{suffix}", "scores", "edited"),))
    result = check(book)
    assert result.valid, result.errors
    assert ("sheet-copy-not-read", SCORES) in [(w.code, w.sheet) for w in result.warnings]



@pytest.mark.parametrize("suffix", ["（7-9月）", "（本季度）", "（22年三季度）", "（2022.9）", "（三季度修改后）", "（截至9月底）"])
def test_a_copy_labelled_this_quarter_in_other_words_holding_other_data_is_refused(check, book, suffix):
    book.style = BookStyle(sheet_copies=((f"{SCORES}{suffix}", "scores", "edited"),))
    (err,) = check(book).errors
    assert (err.sheet, err.code) == (SCORES, "sheet-copy-differs")


@pytest.mark.parametrize("suffix", ["（2021年三季度）", "（三季度离任人员）", "（4-6月）"])
def test_a_copy_of_another_period_or_another_table_is_warned_of(check, book, suffix):
    book.style = BookStyle(sheet_copies=((f"{SCORES}{suffix}", "scores", "edited"),))
    result = check(book)
    assert result.valid, result.errors


@pytest.mark.parametrize(("header", "period"), [("党建引领（二季度）", "二季度"), ("党建引领（2022Q2）", "2022Q2"),
                                             ("党建引领（4-6月）", "4-6月"), ("党建引领(2021年三季度)", "2021年三季度"),
                                             ("党建引领（上半年）", "上半年")])
def test_a_score_column_labelled_by_another_quarter_is_not_read_as_this_quarters(check, book, header, period):
    # the file is 2022Q3's: a column of the second quarter's scores is last quarter's, whatever it is called
    j = book.headers["scores"].index("党建引领")
    book.headers["scores"][j] = header
    (err,) = check(book).errors
    assert err.code == "column-earlier-period" and header in err.message
    assert f"标明是{period}的" in err.message and "党建引领" in err.hint


@pytest.mark.parametrize("header", ["党建引领（三季度）", "党建引领（7-9月）", "党建引领（本季度）", "党建引领（2022年第三季度）",
                                    "党建引领。", "党建引领（三季度）。"])
def test_a_score_column_labelled_by_this_quarter_is_read(check, book, header):
    j = book.headers["scores"].index("党建引领")
    book.headers["scores"][j] = header
    result = check(book)
    assert result.valid, result.errors
    first = book.sheets["scores"][0]
    (read,) = [s for s in result.files[0].submission.scores if s.person_id == first[0]]
    assert read.scores["党建引领"] == Decimal(str(first[j]))


def test_an_income_column_of_the_year_to_last_quarter_is_not_read_as_the_year_to_this_one(check, book):
    book.headers["economy"][2] = "本年累计收入（1-6月）"
    (err,) = check(book).errors
    assert err.code == "column-earlier-period" and "本年累计收入（1-6月）" in err.message


def test_an_income_column_of_the_year_to_this_quarter_is_read(check, book):
    book.headers["economy"][2] = "本年累计收入（1-9月）"
    result = check(book)
    assert result.valid, result.errors


@pytest.mark.parametrize("header", ["党建引领（上季度分数）", "党建引领（上次）", "党建引领（前期）"])
def test_a_score_column_labelled_of_an_earlier_time_in_other_words_is_not_read(check, book, header):
    j = book.headers["scores"].index("党建引领")
    book.headers["scores"][j] = header
    assert [e.code for e in check(book).errors] == ["column-earlier-period"]
