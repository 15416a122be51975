"""The annotated copy: the township's own workbook with bad cells marked, plus a problem list."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from intake_helpers import ROSTER, SCORES, col, edited_copy, excel_row, rezip

from xingxian_cli.services.validate import annotate_files


def test_annotated_copy_marks_cells_and_lists_every_problem(check, book, township, tmp_path):
    book.sheets["roster"][0][3] = "村会计"  # error at D2
    book.sheets["honours"][0][1] = "某某某"  # warning (name differs) at B2
    book.drop_sheets.add("economy")  # error without a cell
    result = check(book)
    (path,) = annotate_files(result, tmp_path / "out").paths
    assert path.name == f"{township}_2022Q3_校验结果.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "校验结果" and ROSTER in wb.sheetnames

    bad = wb[ROSTER]["D2"]
    assert bad.value == "村会计"  # their content is kept
    assert bad.fill.fgColor.rgb == "FFFFC7CE"
    assert "职务“村会计”无法识别" in bad.comment.text and "书记兼主任" in bad.comment.text
    warned = wb["荣誉成就"]["B2"]
    assert warned.fill.fgColor.rgb == "FFFFF2CC" and "某某某" in warned.comment.text

    listing = wb["校验结果"]
    errors = len(result.files[0].errors)
    assert listing["A1"].value == (f"{result.files[0].name}：{errors} 个错误，{len(result.files[0].warnings)} 个警告。"
                                   "有错误，本文件不能导入：请按下表逐项修改（点击“位置”跳到该单元格）后重新报送。")
    header = [c.value for c in listing[2]]
    assert header == ["位置", "工作表", "行", "列", "类别", "问题", "建议"]
    rows = [[c.value for c in r] for r in listing.iter_rows(min_row=3)]
    assert len(rows) == len(result.files[0].diagnostics)
    by_place = {r[0]: r for r in rows}
    assert by_place[f"{ROSTER}!D2"][1:5] == [ROSTER, 2, "D (职务)", "错误"]
    link = next(r for r in listing.iter_rows(min_row=3) if r[0].value == f"{ROSTER}!D2")[0].hyperlink
    assert link.location == f"'{ROSTER}'!D2"
    assert any(r[1] == "村集体经济" and r[2] is None and r[4] == "错误" for r in rows)
    # errors are listed before warnings
    levels = [r[4] for r in rows]
    assert levels == sorted(levels, key=lambda v: v != "错误")


def test_the_annotated_copy_keeps_a_word_the_clerk_struck_inside_a_cell(check, book, tmp_path):
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    from xingxian_cli.io.template_writer import RichText

    book.sheets["roster"][0][3] = RichText((("书记", False), ("兼主任", True)))
    (path,) = annotate_files(check(book), tmp_path / "out").paths
    cell = openpyxl.load_workbook(path, rich_text=True)[ROSTER]["D2"]
    assert isinstance(cell.value, CellRichText) and str(cell.value) == "书记兼主任"
    assert [block.font.strike for block in cell.value if isinstance(block, TextBlock)] == [True]  # the struck word
    assert "删除线" in cell.comment.text


def test_a_number_typed_into_a_date_cell_beyond_excels_dates_is_kept_as_typed_in_the_copy(check, book, tmp_path):
    # (review R141) a phone typed into 任职起始日期 (a date-formatted cell) came back as #VALUE!:
    # the clerk's entry was gone from the copy, quoted only in its comment
    j = col(book, "roster", "任职起始日期")
    book.sheets["roster"][4][j] = 13204373083
    result = check(book)
    # quoted masked, as a phone in any text is (R141); the cell keeps what the clerk typed
    assert any(d.row == 6 and d.value == "132****3083" for d in result.errors)
    (path,) = annotate_files(result, tmp_path / "out").paths
    cell = openpyxl.load_workbook(path)[ROSTER].cell(6, j + 1)
    assert cell.value == 13204373083 and cell.number_format == "General"
    assert cell.comment is not None and "132****3083" in cell.comment.text


def test_township_text_never_becomes_a_formula(check, book, tmp_path):
    book.sheets["roster"][0][3] = '=HYPERLINK("http://example.com","点我")'
    result = check(book)
    (path,) = annotate_files(result, tmp_path / "out").paths
    wb = openpyxl.load_workbook(path)
    assert wb[ROSTER]["D2"].data_type == "s"
    listed = [c for row in wb["校验结果"].iter_rows(min_row=3) for c in row if isinstance(c.value, str)]
    assert any("HYPERLINK" in c.value for c in listed)
    assert all(c.data_type == "s" for c in listed)


def test_clean_workbook_gets_a_copy_saying_no_problems(check, book, tmp_path):
    book.sheets["honours"] = []  # no honours: no window warnings either
    result = check(book)
    assert result.files[0].diagnostics == []
    (path,) = annotate_files(result, tmp_path / "out").paths
    listing = openpyxl.load_workbook(path)["校验结果"]
    assert listing["A3"].value == "未发现问题" and "没有错误，可以导入" in listing["A1"].value


def test_annotating_an_annotated_copy_replaces_the_old_list(check, book, tmp_path, policy, registry):
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.services.validate import validate_files

    book.sheets["scores"][0][2] = 200
    (first,) = annotate_files(check(book), tmp_path / "a").paths
    again = validate_files([first], policy=policy, registry=registry, quarter=Quarter(2022, 3))
    (second,) = annotate_files(again, tmp_path / "b").paths
    wb = openpyxl.load_workbook(second)
    assert wb.sheetnames.count("校验结果") == 1
    assert wb[SCORES]["C2"].fill.fgColor.rgb == "FFFFC7CE"


def test_json_document_carries_every_diagnostic(check, book):
    book.sheets["roster"][0][3] = "村会计"
    doc = check(book).to_json()
    json.dumps(doc, ensure_ascii=False)
    assert doc["valid"] is False and doc["summary"]["errors"] == 1 and doc["summary"]["files"] == 1
    (d,) = [x for x in doc["files"][0]["diagnostics"] if x["severity"] == "error"]
    assert (d["code"], d["sheet"], d["row"], d["column"], d["header"]) == (
        "unknown-position", ROSTER, 2, "D", "职务")
    assert d["title"] == "职务无法识别" and len(doc["files"][0]["sha256"]) == 64


def test_a_returned_copy_fixed_by_the_clerk_loses_the_old_marks_and_keeps_its_name(check, book, tmp_path, policy,
                                                                                  registry):
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.services.validate import validate_files

    post = book.sheets["roster"][0][3]
    book.sheets["roster"][0][3] = "村会计"  # D2: the clerk will fix it
    book.sheets["scores"][0][2] = 200  # C2: left wrong
    (first,) = annotate_files(check(book), tmp_path / "a").paths
    wb = openpyxl.load_workbook(first)
    wb[ROSTER]["D2"] = post  # (as it was: the village's 书记, whose absence is warned of at D2 too)
    wb[SCORES]["D2"].comment = openpyxl.comments.Comment("已与村里核对", "乡镇填报人")  # the clerk's own note
    fixed = tmp_path / first.name
    wb.save(fixed)
    again = validate_files([fixed], policy=policy, registry=registry, quarter=Quarter(2022, 3))
    (second,) = annotate_files(again, tmp_path / "b").paths
    assert second.name == first.name  # not …_校验结果_校验结果.xlsx
    wb = openpyxl.load_workbook(second)
    corrected = wb[ROSTER]["D2"]
    assert corrected.comment is None and corrected.fill.fgColor.rgb != "FFFFC7CE"
    still = wb[SCORES]["C2"]
    assert still.fill.fgColor.rgb == "FFFFC7CE" and still.comment.text.count("【错误】") == 1
    assert wb[SCORES]["D2"].comment.text == "已与村里核对"


def test_an_annotated_copy_cut_off_while_saving_leaves_the_earlier_copy_whole(check, book, tmp_path, monkeypatch):
    # Ctrl-C or a full disk halfway through the save: no half-written workbook is left
    # behind for the township, and the copy written before stays as it was
    book.sheets["roster"][0][3] = "村会计"
    result = check(book)
    (path,) = annotate_files(result, tmp_path / "out").paths
    before = path.read_bytes()

    real_write = Path.write_bytes

    def cut_off(self, data):  # the copy's bytes reach the disk halfway
        if self.suffix != ".partial":
            return real_write(self, data)
        real_write(self, data[: len(data) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", cut_off)
    try:
        annotate_files(result, tmp_path / "out")
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("the save was cut off")
    assert path.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [path.name]


def test_problems_inside_a_merged_village_cell_are_marked_on_the_merged_block(check, book, tmp_path):
    from xingxian_cli.sample.generator import BookStyle

    book.style = BookStyle(merged_villages=True)
    roster = book.sheets["roster"]
    first = roster[0][0]
    run = [r for r in roster if r[0] == first]
    assert len(run) > 1  # the first village has several cadres: one merged cell down their rows
    for r in run:
        r[0] = "不存在村"
    result = check(book)
    bad = [d for d in result.files[0].errors if d.code == "unknown-village" and d.sheet == ROSTER]
    assert [d.row for d in bad] == list(range(2, 2 + len(run)))
    done = annotate_files(result, tmp_path / "out")
    (path,), failed = done.paths, done.failed
    assert not failed
    ws = openpyxl.load_workbook(path)[ROSTER]
    (block,) = [b for b in ws.merged_cells.ranges if b.min_row == 2 and b.min_col == 1]
    top = ws["A2"]
    assert top.value == "不存在村" and top.fill.fgColor.rgb == "FFFFC7CE"
    assert top.comment.text.count("【错误】") == len(run)  # every row's problem, on the one cell the clerk sees
    listing = [r[0].value for r in openpyxl.load_workbook(path)["校验结果"].iter_rows(min_row=3)]
    assert listing.count(f"{ROSTER}!A2") == len(run)


def test_the_clerks_own_fill_and_comment_come_back_when_the_returned_copy_is_annotated_again(
        check, book, tmp_path, policy, registry):
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.services.validate import validate_files

    book.sheets["scores"][0][2] = 105  # C2: wrong
    original = tmp_path / "orig"
    (first,) = annotate_files(check(book), original).paths
    # the clerk's own colour and note on that cell, as their workbook had them
    clerk = tmp_path / "clerk.xlsx"
    wb = openpyxl.load_workbook(first)
    wb.remove(wb["校验结果"])
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.comment is not None:
                    c.comment, c.fill = None, PatternFill()
    green = PatternFill(fill_type="solid", start_color="FFC6EFCE", end_color="FFC6EFCE")
    wb[SCORES]["C2"].fill = green
    wb[SCORES]["C2"].comment = Comment("经乡党委会议复核（9月12日）", "段婷")
    wb.save(clerk)
    checked = validate_files([clerk], policy=policy, registry=registry, quarter=Quarter(2022, 3))
    (marked,) = annotate_files(checked, tmp_path / "a").paths
    wb = openpyxl.load_workbook(marked)
    cell = wb[SCORES]["C2"]
    assert cell.fill.fgColor.rgb == "FFFFC7CE" and "经乡党委会议复核" in cell.comment.text  # marked, note still read
    visible = [ws.title for ws in openpyxl.load_workbook(clerk).worksheets if ws.sheet_state == "visible"]
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == ["校验结果", *visible]
    # the clerk fixes the score, leaving the marks, and sends it back: checked again, all is theirs again
    cell.value = 95
    returned = tmp_path / marked.name
    wb.save(returned)
    again = validate_files([returned], policy=policy, registry=registry, quarter=Quarter(2022, 3))
    assert again.valid, again.files[0].errors  # the set-aside sheet is no data of the township's
    (final,) = annotate_files(again, tmp_path / "b").paths
    cell = openpyxl.load_workbook(final)[SCORES]["C2"]
    assert cell.value == 95 and cell.fill.fgColor.rgb == "FFC6EFCE"
    assert (cell.comment.author, cell.comment.text) == ("段婷", "经乡党委会议复核（9月12日）")


def _returned(path, tmp_path, policy, registry, edit, name):
    """The clerk opens the annotated copy, ``edit``s it (keeping the marks) and sends it back;
    it is checked and annotated again. Returns the new annotated copy, opened."""
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.services.validate import validate_files

    wb = openpyxl.load_workbook(path)
    edit(wb)
    back = tmp_path / name / path.name
    back.parent.mkdir()
    wb.save(back)  # an editor's save: it drops the hidden sheet's empty cells
    checked = validate_files([back], policy=policy, registry=registry, quarter=Quarter(2022, 3))
    (again,) = annotate_files(checked, tmp_path / f"{name}_out").paths
    return again, openpyxl.load_workbook(again)


def test_the_clerks_fill_alone_comes_back_after_an_editors_save(check, book, tmp_path, policy, registry):
    from openpyxl.styles import PatternFill

    green = PatternFill(fill_type="solid", start_color="FF92D050", end_color="FF92D050")
    book.sheets["scores"][0][2] = 105
    (first,) = annotate_files(check(book), tmp_path / "a").paths

    def colour_then_mark(wb):
        wb[SCORES]["C2"].fill = green  # the clerk's own colour on the bad cell, no note
    marked, wb = _returned(first, tmp_path, policy, registry, colour_then_mark, "b")
    assert wb[SCORES]["C2"].fill.fgColor.rgb == "FFFFC7CE"

    def fix(wb):
        wb[SCORES]["C2"] = 95
    _final, wb = _returned(marked, tmp_path, policy, registry, fix, "c")
    assert wb[SCORES]["C2"].fill.fgColor.rgb == "FF92D050" and wb[SCORES]["C2"].comment is None


def test_a_fixed_cell_whose_note_the_clerk_deleted_earlier_is_not_left_red(check, book, tmp_path, policy, registry):
    book.sheets["scores"][0][2] = 105
    (first,) = annotate_files(check(book), tmp_path / "a").paths

    def delete_note(wb):
        wb[SCORES]["C2"].comment = None  # read, deleted, not fixed yet
    marked, wb = _returned(first, tmp_path, policy, registry, delete_note, "b")
    assert wb[SCORES]["C2"].fill.fgColor.rgb == "FFFFC7CE"  # still wrong: marked again

    def fix(wb):
        wb[SCORES]["C2"] = 95
    _final, wb = _returned(marked, tmp_path, policy, registry, fix, "c")
    cell = wb[SCORES]["C2"]
    assert cell.value == 95 and cell.fill.fgColor.rgb != "FFFFC7CE" and cell.comment is None


def test_the_clerks_note_follows_its_cell_when_the_clerk_deletes_a_row_above_it(check, book, tmp_path, policy,
                                                                               registry):
    from openpyxl.comments import Comment

    roster = book.sheets["roster"]
    roster[1][3] = "村会计"  # D3: wrong
    roster[2][3] = "会计"  # D4: wrong
    (first,) = annotate_files(check(book), tmp_path / "a").paths
    name4 = openpyxl.load_workbook(first)[ROSTER]["B4"].value

    def note(wb):
        wb[ROSTER]["D4"].comment = Comment("问过了：会计兼委员", "段婷")
    marked, _wb = _returned(first, tmp_path, policy, registry, note, "b")

    def delete_row_3(wb):
        wb[ROSTER].delete_rows(3)  # the clerk removes the row above; the noted cell is now D3
    _final, wb = _returned(marked, tmp_path, policy, registry, delete_row_3, "c")
    ws = wb[ROSTER]
    assert ws["B3"].value == name4
    assert "问过了：会计兼委员" in ws["D3"].comment.text  # with its own cell (still wrong: marked again)
    assert ws["D4"].comment is None or "问过了" not in ws["D4"].comment.text


def test_the_clerks_fill_stays_on_its_own_cell_when_another_cell_of_the_column_has_the_same_mark(
        check, book, tmp_path, policy, registry):
    from openpyxl.styles import PatternFill

    blue = PatternFill(fill_type="solid", start_color="FF00B0F0", end_color="FF00B0F0")
    book.sheets["scores"][0][2] = 105
    book.sheets["scores"][1][2] = 105  # C2 and C3: the same problem, the same mark
    (first,) = annotate_files(check(book), tmp_path / "a").paths

    def colour(wb):
        wb[SCORES]["C3"].fill = blue  # the clerk's own colour on one of them
    marked, wb = _returned(first, tmp_path, policy, registry, colour, "b")
    assert wb[SCORES]["C2"].comment.text == wb[SCORES]["C3"].comment.text

    def fix(wb):
        wb[SCORES]["C2"] = wb[SCORES]["C3"] = 95
    _final, wb = _returned(marked, tmp_path, policy, registry, fix, "c")
    assert wb[SCORES]["C3"].fill.fgColor.rgb == "FF00B0F0"
    assert wb[SCORES]["C2"].fill.fill_type is None


def test_the_clerks_fill_follows_its_row_when_marks_repeat_and_a_row_above_is_deleted(
        check, book, tmp_path, policy, registry):
    from openpyxl.styles import PatternFill

    blue = PatternFill(fill_type="solid", start_color="FF00B0F0", end_color="FF00B0F0")
    for r in range(3):
        book.sheets["scores"][r][2] = 105  # C2, C3, C4: three alike marks
    (first,) = annotate_files(check(book), tmp_path / "a").paths
    name3 = openpyxl.load_workbook(first)[SCORES]["B3"].value

    def colour(wb):
        wb[SCORES]["C3"].fill = blue
    marked, _wb = _returned(first, tmp_path, policy, registry, colour, "b")

    def delete_and_fix(wb):
        pid = wb[SCORES]["A2"].value
        wb[SCORES].delete_rows(2)  # the first of them left the village: both its rows go
        roster = wb[ROSTER]
        gone = next(r for r in range(2, roster.max_row + 1) if roster.cell(r, 3).value == pid)
        roster.delete_rows(gone)
        wb[SCORES]["C2"] = wb[SCORES]["C3"] = 95
    _final, wb = _returned(marked, tmp_path, policy, registry, delete_and_fix, "c")
    ws = wb[SCORES]
    assert ws["B2"].value == name3 and ws["C2"].fill.fgColor.rgb == "FF00B0F0"  # with its own row
    assert ws["C3"].fill.fill_type is None


def test_the_clerks_notes_come_back_when_the_row_is_otherwise_edited_too(check, book, tmp_path, policy, registry):
    from openpyxl.comments import Comment

    book.sheets["scores"][0][2] = 105  # C2
    book.sheets["scores"][0][3] = 120  # D2: two problems in one row
    (first,) = annotate_files(check(book), tmp_path / "a").paths

    def notes(wb):
        wb[SCORES]["C2"].comment = Comment("党建分等镇里复核", "段婷")
        wb[SCORES]["D2"].comment = Comment("经济分等镇里复核", "段婷")
    marked, _wb = _returned(first, tmp_path, policy, registry, notes, "b")

    def fix_one_and_reply(wb):
        wb[SCORES]["C2"] = 95  # one fixed, the other not yet
        wb[SCORES].cell(2, 12).value = "已改正党建分"  # a reply typed beside them
    again, wb = _returned(marked, tmp_path, policy, registry, fix_one_and_reply, "c")
    assert wb[SCORES]["C2"].comment.text == "党建分等镇里复核"  # fixed: the clerk's note alone
    assert "经济分等镇里复核" in wb[SCORES]["D2"].comment.text  # still marked, the clerk's note under the mark

    def fix_other(wb):
        wb[SCORES]["D2"] = 95
    _final, wb = _returned(again, tmp_path, policy, registry, fix_other, "d")
    assert wb[SCORES]["D2"].comment.text == "经济分等镇里复核"


@pytest.mark.parametrize(("row", "note"), [
    (["六大体系评分", "C2", "", "张三", "此分待复核", None, "1516e4c2a3" * 4], "此分待复核"),  # an earlier xx's layout
    (["六大体系评分", "C2", "<not a fill>", None, None, None, "C2;D2", "zz"], None),  # anything else
], ids=["earlier-layout", "garbage"])
def test_a_returned_copy_whose_kept_marks_are_of_another_layout_is_checked_not_crashed_on(
        check, book, tmp_path, policy, registry, row, note):
    book.sheets["scores"][0][2] = 105
    (first,) = annotate_files(check(book), tmp_path / "a").paths

    def other_layout(wb):
        aside = wb.create_sheet("xx_marked_cells")
        aside.sheet_state = "veryHidden"
        aside.append(row)
        wb[SCORES]["C2"] = 95
    _final, wb = _returned(first, tmp_path, policy, registry, other_layout, "b")
    cell = wb[SCORES]["C2"]
    assert cell.value == 95 and (cell.comment.text if cell.comment else None) == note  # kept by its address


def test_a_cadre_without_scores_is_marked_at_their_roster_row(check, book, tmp_path):
    from intake_helpers import excel_row, person_without_facts, rows_with

    i, pid = person_without_facts(book)
    del book.sheets["scores"][rows_with(book, "scores", pid)[0]]
    (path,) = annotate_files(check(book), tmp_path / "out").paths
    marked = openpyxl.load_workbook(path)[ROSTER][f"C{excel_row(i)}"]
    assert marked.fill.fgColor.rgb == "FFFFC7CE" and "没有六大体系评分" in marked.comment.text
    assert f"“{SCORES}”表中为此人补填一行" in marked.comment.text


def test_a_marked_cell_in_a_hidden_row_or_sheet_is_unhidden_in_the_copy_and_the_list_says_so(check, book, tmp_path):
    # (review R83) the copy kept the clerk's hidden rows hidden: their marks were not seen
    from xingxian_cli.sample.generator import BookStyle

    book.style = BookStyle(hidden_roster_rows=frozenset({2}), hidden_sheets=frozenset({"scores"}))
    book.sheets["roster"][4][3] = "书计"  # an error on a row left visible
    (path,) = annotate_files(check(book), tmp_path / "out").paths
    wb = openpyxl.load_workbook(path)
    roster = wb[ROSTER]
    hidden, other = excel_row(2), excel_row(4)
    assert not roster.row_dimensions[hidden].hidden and roster[f"A{hidden}"].comment is not None
    assert wb[SCORES].sheet_state == "visible"
    notes = [c.value for c in wb["校验结果"]["A"] if isinstance(c.value, str) and c.value.startswith("注：")]
    assert f"注：工作表“{ROSTER}”第{hidden}行原为隐藏，有标出的问题，本副本已取消隐藏。" in notes
    assert f"注：工作表“{SCORES}”原为隐藏，有标出的问题，本副本已取消隐藏。" in notes
    assert not any(f"第{other}行" in n for n in notes)


def test_a_hidden_group_of_columns_holding_a_mark_is_unhidden_and_each_column_named(check, book, tmp_path):
    # (review R84) C:E hidden as one group, a mark in D: all three shown, the note named D alone
    book.sheets["scores"][0][3] = "优"
    path = edited_copy(check, book, tmp_path, SCORES, lambda ws: ws.column_dimensions.group("C", "E", hidden=True))
    (copy,) = annotate_files(check(path), tmp_path / "out").paths
    wb = openpyxl.load_workbook(copy)
    assert not any(d.hidden for d in wb[SCORES].column_dimensions.values())
    notes = [c.value for c in wb["校验结果"]["A"] if isinstance(c.value, str) and c.value.startswith("注：")]
    assert f"注：工作表“{SCORES}”的 C、D、E 列原为隐藏，有标出的问题，本副本已取消隐藏。" in notes


def test_a_measure_with_no_row_at_all_is_marked_on_the_progress_sheets_first_cell(check, book, tmp_path):
    # (review R83) a measure whose rows were all deleted was listed but marked on no cell
    from intake_helpers import PROGRESS

    gone = book.sheets["progress"][0][0]
    book.sheets["progress"] = [r for r in book.sheets["progress"] if r[0] != gone]
    result = check(book)
    assert any(w.code == "progress-measure-absent" and w.row is None and gone in w.message for w in result.warnings)
    (path,) = annotate_files(result, tmp_path / "out").paths
    sheet = openpyxl.load_workbook(path)[PROGRESS]
    first = sheet.cell(row=sheet.min_row, column=sheet.min_column)
    assert first.comment is not None and f"表中没有举措 {gone} 的任何一行" in first.comment.text


def test_a_picture_in_the_workbook_a_seal_say_is_kept_in_the_annotated_copy(check, book, tmp_path):
    import io as _io

    from openpyxl.drawing.image import Image
    from PIL import Image as PILImage

    book.sheets["roster"][0][3] = "村会计"  # an error, so the copy is written
    result = check(book)
    src = result.files[0].path
    wb = openpyxl.load_workbook(src)
    png = _io.BytesIO()
    PILImage.new("RGB", (40, 40), "red").save(png, "PNG")
    wb["基本信息"].add_image(Image(png), "D2")  # the township's seal, pasted in
    wb.save(src)
    (path,) = annotate_files(check(src), tmp_path / "out").paths
    assert len(openpyxl.load_workbook(path)["基本信息"]._images) == 1


def _formatted_down(first: int, last: int, value_at: int | None = None):
    """An edit drawing cell borders over columns A:H from row ``first`` to ``last`` (a clerk
    formatting whole columns), optionally with a value at row ``value_at``."""
    from openpyxl.styles import Border, Side

    def edit(ws) -> None:
        thin = Side(style="thin")
        for r in range(first, last + 1):
            for c in range(1, 9):
                ws.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
        if value_at is not None:
            ws.cell(value_at, 9, "备注")
    return edit


@pytest.fixture
def small_trim(monkeypatch):
    """Trim as for a whole column of formatting, at a size a test can write quickly."""
    import xingxian_cli.io.annotate as annotate

    monkeypatch.setattr(annotate, "EMPTY_ROWS_KEPT", 50)
    monkeypatch.setattr(annotate, "_TRIM_FROM_BYTES", 1)


def test_annotated_copy_leaves_out_formatting_only_rows_far_below_the_data_and_says_so(check, book, tmp_path,
                                                                                     small_trim):

    last = excel_row(len(book.sheets["roster"]) - 1)
    book.sheets["roster"][0][3] = "村会计"
    path = edited_copy(check, book, tmp_path, ROSTER, _formatted_down(last + 1, last + 300))
    result = check(path)
    (copy,) = annotate_files(result, tmp_path / "out").paths
    wb = openpyxl.load_workbook(copy)
    roster = wb[ROSTER]
    assert roster.max_row == last + 50  # fifty formatted rows left to fill in, not three hundred
    assert roster.cell(last + 50, 1).border.left.style == "thin"
    assert roster["D2"].fill.fgColor.rgb == "FFFFC7CE" and "村会计" in roster["D2"].comment.text
    notes = [c.value for c in wb["校验结果"]["A"] if isinstance(c.value, str) and c.value.startswith("注：")]
    assert notes == [f"注：工作表“{ROSTER}”第{last + 50}行以下还有 250 行只有格式、没有内容，"
                     "本副本没有保留这些空行（原文件不受影响）。"]
    assert openpyxl.load_workbook(path)[ROSTER].max_row == last + 300  # the township's file is untouched


def test_a_value_far_below_the_data_keeps_every_row_above_it_in_the_annotated_copy(check, book, tmp_path,
                                                                                 small_trim):

    last = excel_row(len(book.sheets["roster"]) - 1)
    path = edited_copy(check, book, tmp_path, ROSTER, _formatted_down(last + 1, last + 300, value_at=last + 200))
    (copy,) = annotate_files(check(path), tmp_path / "out").paths
    roster = openpyxl.load_workbook(copy)[ROSTER]
    assert roster.cell(last + 200, 9).value == "备注"
    assert roster.max_row == last + 250


def _as_strict(xlsx: bytes) -> bytes:
    """The workbook as Excel's 另存为 "Strict Open XML 电子表格" names its parts."""
    import io
    import zipfile

    names = ((b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
              b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties"),
             (b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
              b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties"),
             (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
              b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
             (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
             (b"http://schemas.openxmlformats.org/drawingml/2006/", b"http://purl.oclc.org/ooxml/drawingml/"))
    z = zipfile.ZipFile(io.BytesIO(xlsx))
    parts = {}
    for name in z.namelist():
        part = z.read(name)
        if name.endswith((".xml", ".rels")):
            for old, new in names:
                part = part.replace(old, new)
        parts[name] = part.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
    return rezip(xlsx, replace=parts)


def test_a_strict_open_xml_workbook_gets_its_own_sheets_marked_in_the_copy(check, book, tmp_path):
    # (review R48) openpyxl opened such a file and found no sheets: the copy held the list only
    book.sheets["roster"][0][3] = "村会计"
    plain = check(book).files[0].path
    strict = tmp_path / "strict" / plain.name
    strict.parent.mkdir()
    strict.write_bytes(_as_strict(plain.read_bytes()))
    result = check(strict)
    assert [e.code for e in result.errors] == [e.code for e in check(book).errors]  # read as the plain one
    (path,) = annotate_files(result, tmp_path / "out").paths
    wb = openpyxl.load_workbook(path)
    assert ROSTER in wb.sheetnames and wb[ROSTER]["D2"].value == "村会计"
    assert wb[ROSTER]["D2"].fill.fgColor.rgb == "FFFFC7CE" and "点击" in wb["校验结果"]["A1"].value


def test_a_copy_that_cannot_keep_the_township_sheets_says_so_instead_of_pointing_at_them(check, book, tmp_path,
                                                                                        monkeypatch):
    import xingxian_cli.io.annotate as annotate

    book.sheets["roster"][0][3] = "村会计"
    result = check(book)

    def unreadable(*_a, **_k):
        raise ValueError("not for openpyxl")

    monkeypatch.setattr(annotate, "load_workbook", unreadable)
    (path,) = annotate_files(result, tmp_path / "out").paths
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["校验结果"]
    headline = wb["校验结果"]["A1"].value
    assert "只有问题清单" in headline and "在原文件里" in headline and "点击" not in headline


def test_a_copy_going_back_names_its_own_file_not_the_officers_folders(check, book, tmp_path):
    # (review R59) two returns of one name from two folders: the township's list said
    # b1/蔚汾镇_2022Q3.xlsx › 降星事项, a path on the officer's laptop
    import copy

    other = copy.deepcopy(book)
    other.drop_sheets.add("deductions")
    result = check(book, other)
    name = result.files[1].path.name
    assert result.files[1].name != name  # the terminal tells the two apart by their folders
    _copy, path = annotate_files(result, tmp_path / "out").paths
    listing = openpyxl.load_workbook(path)["校验结果"]
    places = [row[0] for row in listing.iter_rows(min_row=3, values_only=True) if row[0]]
    assert places and all("/" not in p and "\\" not in p for p in places)
    assert any(p.startswith(f"{name} › ") for p in places) and name in listing["A1"].value
