"""Registry import (xlsx, UTF-8 and GBK CSV) and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from xingxian_cli.io.registry_io import read_registry_file, registry_csv


def test_default_registry_has_15_townships_and_253_villages(registry):
    assert registry.townships[0] == "蔚汾镇" and len(registry.townships) == 15
    assert len(registry.villages) == 253
    assert any(v.kind == "社区" for v in registry.by_township["蔚汾镇"])


def test_gbk_csv_registry_is_read(tmp_path, registry):
    p = tmp_path / "名录.csv"
    p.write_bytes(registry_csv(registry).encode("gbk"))
    reg, problems = read_registry_file(p)
    assert problems == [] and reg == registry


def test_an_invisible_control_character_in_a_registry_name_is_dropped(tmp_path, registry):
    # (review R67) a NUL from an export was kept in the village's name: SQLite stored it and
    # PostgreSQL refused the registry with an internal error
    p = tmp_path / "名录.csv"
    village = registry.villages[0].name
    p.write_text(registry_csv(registry).replace(village, village[:1] + "\x00" + village[1:], 1), encoding="utf-8")
    reg, problems = read_registry_file(p)
    assert problems == [] and reg == registry


@pytest.mark.parametrize(("encoding", "name"), [("utf-16", "名录.csv"), ("utf-16-be", "名录.csv"), ("utf-16", "名录.txt")])
def test_a_registry_saved_as_unicode_text_is_read(tmp_path, registry, encoding, name):
    # (review R60) what WPS and Excel save as "Unicode 文本": UTF-16 with its mark, tab-separated;
    # (review R72) under the .txt name Excel gives it
    p = tmp_path / name
    text = registry_csv(registry).replace(",", "\t")
    p.write_bytes(text.encode(encoding) if encoding == "utf-16" else b"\xfe\xff" + text.encode(encoding))
    reg, problems = read_registry_file(p)
    assert problems == [] and reg == registry


def test_xlsx_registry_with_title_row_and_traditional_header_is_read(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["某縣行政區劃名錄"])
    ws.append(["鄉鎮", "村（社區）", "類型", "區劃代碼"])
    ws.append(["甲镇", "一村", "村", "141123100201"])
    ws.append(["甲镇", "东社区", "社区", "141123100001"])
    p = tmp_path / "名录.xlsx"
    wb.save(p)
    reg, problems = read_registry_file(p)
    assert problems == []
    assert [(v.township, v.name, v.kind) for v in reg.villages] == [("甲镇", "一村", "村"), ("甲镇", "东社区", "社区")]


def test_a_code_excel_turned_into_a_number_is_refused_with_how_to_keep_it(tmp_path):
    p = _csv(tmp_path, ["甲镇,一村,村,141123100001", "甲镇,二村,村,1.41123E+11", "甲镇,三村,村,"])
    reg, problems = read_registry_file(p)
    assert reg is None and [(d.row, d.column, d.code) for d in problems] == [(3, "D", "registry-bad-code")]
    assert "1.41123E+11" in problems[0].message and "文本" in problems[0].hint


def test_a_whole_code_column_excel_turned_into_numbers_is_told_once_for_the_column(tmp_path):
    # (review R113) 253 rows each told the same thing
    p = _csv(tmp_path, [f"甲镇,{n}村,村,1.41123E+11" for n in "一二三四五六"])
    reg, problems = read_registry_file(p)
    assert reg is None and [(d.row, d.column, d.code) for d in problems] == [(None, "D", "registry-codes-as-numbers")]
    assert "6 行" in problems[0].message and "第2行" in problems[0].message and "文本" in problems[0].hint


@pytest.mark.parametrize("written", ["141123100001.0", '="141123100001"', "１４１１２３１００００１"])
def test_an_exact_code_exported_as_a_float_as_excels_text_formula_or_in_full_width_digits_is_read(tmp_path, written):
    # (review R113) a code a program wrote as 141123100001.0, or Excel as ="141123100001"
    reg, problems = read_registry_file(_csv(tmp_path, [f"甲镇,一村,村,{written}"]))
    assert problems == [] and reg.villages[0].code == "141123100001"


@pytest.mark.parametrize("separator", ["，", ";", "；", "|"])
def test_a_registry_typed_with_full_width_commas_or_semicolons_is_read(tmp_path, separator, registry):
    # (review R113) typed in a Chinese input method: "no header row" though the header was there
    p = tmp_path / "名录.csv"
    p.write_text(registry_csv(registry).replace(",", separator), encoding="utf-8")
    reg, problems = read_registry_file(p)
    assert problems == [] and reg == registry


def test_a_township_column_headed_所属乡镇_is_read(tmp_path):
    p = tmp_path / "名录.csv"
    p.write_text("所属乡镇,村(社区),类型\n甲镇,一村,村\n", encoding="utf-8")
    reg, problems = read_registry_file(p)
    assert problems == [] and [(v.township, v.name) for v in reg.villages] == [("甲镇", "一村")]


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines elsewhere (CI time)
def test_registry_import_warns_of_names_one_ending_apart_and_a_type_its_name_contradicts(xx, tmp_path):
    # (review R113) 城关 beside 城关村: a file writing 城关 for 城关村 is taken for the other one
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    p = _csv(tmp_path, ["甲镇,城关村,村,", "甲镇,城关,村,", "甲镇,南关社区,村,", "甲镇,东关村,村,", "甲镇,东关社区,社区,"])
    r = xx("-w", ws, "registry", "import", p)
    said = r.err.replace("\n", "")
    assert r.code == 0 and "“甲镇”中既有“城关”又有“城关村”" in said and "“甲镇 南关社区”的类型写的是“村”" in said
    assert "东关" not in said  # a 村 and a 社区 of one stem are two places


def _csv(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "名录.csv"
    p.write_text("\n".join(["乡镇,村(社区),类型,区划代码", *lines]) + "\n", encoding="utf-8")
    return p


def test_registry_refuses_duplicates_empty_names_and_unknown_types_with_row_and_column(tmp_path):
    p = _csv(tmp_path, ["甲镇,一村,村,141123100001", "甲镇,一村,村,141123100002", "甲镇,,村,141123100003",
                        "甲镇,二村,镇,141123100004"])
    reg, problems = read_registry_file(p)
    assert reg is None
    assert [(d.row, d.column, d.code) for d in problems] == [
        (3, "B", "registry-duplicate"),
        (4, "B", "registry-empty-name"),
        (5, "C", "registry-bad-type"),
    ]
    assert problems[0].file == "名录.csv"


def test_a_township_named_on_its_groups_first_row_only_holds_the_villages_below_it(tmp_path):
    # (review R113) a merged 乡镇 cell saved as CSV, or the list typed so: 238 rows were refused
    p = _csv(tmp_path, ["甲镇,一村,村,141123100001", ",二村,村,141123100002", ",城东社区,社区,141123100003",
                        "乙乡,三村,村,141123100004", ",四村,村,141123100005"])
    reg, problems = read_registry_file(p)
    assert not problems and reg is not None
    assert {t: [v.name for v in vs] for t, vs in reg.by_township.items()} == {
        "甲镇": ["一村", "二村", "城东社区"], "乙乡": ["三村", "四村"]}
    first = _csv(tmp_path, [",一村,村,141123100001", "甲镇,二村,村,141123100002"])  # none above: refused
    assert [(d.row, d.code) for d in read_registry_file(first)[1]] == [(2, "registry-empty-name")]


def test_labels_over_a_townships_rows_are_no_villages_and_a_township_heading_row_holds_the_rows_under_it(tmp_path):
    # (review R114) ",以下为行政村,," took the township above and was loaded as a village, lowering
    # its township's completion rate; a heading row "蔚汾镇,,," was refused as "村(社区)为空"
    p = _csv(tmp_path, ["甲镇,,,", ",以下为行政村,,", ",一村,村,141123100001", ",二村,,", ",社区,,",
                        ",城东社区,社区,141123100003", "乙乡,,,", ",行政村,,", ",三村,村,", "乙乡,四村,村,"])
    reg, problems = read_registry_file(p)
    assert problems == [] and {t: [v.name for v in vs] for t, vs in reg.by_township.items()} == {
        "甲镇": ["一村", "二村", "城东社区"], "乙乡": ["三村", "四村"]}


def test_a_village_whose_name_begins_as_a_label_does_is_loaded(tmp_path):
    # (review R117) 附城村 and 新增村, their township only on the group's first row and no type or
    # code, were taken for labels and dropped without a word; the labels around them stay labels
    p = _csv(tmp_path, ["甲镇,一村,,", ",附城村,,", ",附城社区,,", ",新增村,,", ",其中：社区,,", ",以下为行政村,,",
                        ",附：新增村,,", ",二村,,"])
    reg, problems = read_registry_file(p)
    assert problems == [] and [v.name for v in reg.by_township["甲镇"]] == ["一村", "附城村", "附城社区", "新增村", "二村"]


def test_registry_import_command_replaces_the_workspace_registry(xx, tmp_path):
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    p = _csv(tmp_path, ["甲镇,一村,村,", "甲镇,二村,村,", "乙乡,三村,村,"])
    r = xx("--workspace", ws, "registry", "import", p)
    assert r.code == 0, r
    r = xx("--workspace", ws, "registry", "show")
    assert "甲镇" in r.out and "乙乡" in r.out and "蔚汾镇" not in r.out


def _default_villages_csv(path, *, code_from=None, code_to=None):
    """The default registry written as a CSV: without 区划代码, or with them and 141123 made another code."""
    from xingxian_cli.io.registry_io import default_registry

    reg = default_registry()
    if code_from is None:
        path.write_text("乡镇,村(社区),类型\n" + "".join(f"{v.township},{v.name},{v.kind}\n" for v in reg.villages),
                        encoding="gbk")
    else:
        path.write_text("乡镇,村(社区),类型,区划代码\n" + "".join(
            f"{v.township},{v.name},{v.kind},{(v.code or '').replace(code_from, code_to, 1)}\n" for v in reg.villages),
            encoding="utf-8")
    return reg


@pytest.mark.parametrize("command", [("registry", "import"), ("init", "--registry")])
def test_a_registry_file_without_codes_keeps_the_codes_loaded_before_and_says_so(xx, tmp_path, command):
    # (reviews R50, R52) a GBK CSV typed for the names wiped the codes the .xlsx had loaded
    from xingxian_cli.services.context import open_context

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    reg = _default_villages_csv(tmp_path / "名录（无代码）.csv")
    r = xx("-w", ws, *command, tmp_path / "名录（无代码）.csv")
    assert r.code == 0 and f"沿用原名录中 {len(reg.villages)} 个" in r.out.replace("\n", "")
    with open_context(ws) as ctx:
        assert [v.code for v in ctx.registry.villages] == [v.code for v in reg.villages]


def test_a_registry_file_giving_some_codes_keeps_the_others_loaded_before(xx, tmp_path):
    # (review R54) one code filled and the rest blank wiped the rest
    from xingxian_cli.io.registry_io import default_registry
    from xingxian_cli.services.context import open_context

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    reg = default_registry()
    first = reg.villages[0]
    path = tmp_path / "名录.csv"
    path.write_text("乡镇,村(社区),类型,区划代码\n" + "".join(
        f"{v.township},{v.name},{v.kind},{v.code if v is first else ''}\n" for v in reg.villages), encoding="utf-8")
    r = xx("-w", ws, "registry", "import", path)
    assert r.code == 0 and f"沿用原名录中 {len(reg.villages) - 1} 个" in r.out.replace("\n", "")
    with open_context(ws) as ctx:
        assert [v.code for v in ctx.registry.villages] == [v.code for v in reg.villages]


@pytest.mark.parametrize("command", [("registry", "import"), ("init", "--registry")])
def test_another_countys_registry_loaded_into_a_workspace_is_refused_unless_forced(xx, tmp_path, command):
    # (review R142) it was loaded with a warning to "change back to the county's registry", which
    # was kept nowhere
    from xingxian_cli.services.context import open_context

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    _default_villages_csv(tmp_path / "临县.csv", code_from="141123", code_to="141124")
    told = xx("-w", ws, *command, tmp_path / "临县.csv") if command[0] == "registry" else \
        xx(command[0], ws, command[1], tmp_path / "临县.csv")
    said = "".join(told.err.split())
    assert told.code == 2 and "临县.csv里的区划代码都以141124开头，而本工作区是兴县（141123）" in said and "没有导入" in said
    assert ("加--force" if command[0] == "registry" else f"请用xx-w{ws}registryimport") in said, said  # (R143: -w)
    with open_context(ws) as ctx:
        assert {v.code[:6] for v in ctx.registry.villages if v.code} == {"141123"}
    forced = xx("-w", ws, "registry", "import", tmp_path / "临县.csv", "--force")
    said = forced.err.replace("\n", "")
    assert forced.code == 0 and "警告：临县.csv：名录里的区划代码都以 141124 开头" in said and "兴县（141123）" in said


def test_registry_import_command_refuses_bad_file_and_keeps_the_old_registry(xx, tmp_path):
    ws = tmp_path / "ws"
    xx("init", ws)
    p = _csv(tmp_path, ["甲镇,一村,村,", "甲镇,一村,村,"])
    r = xx("--workspace", ws, "registry", "import", p)
    assert r.code == 1 and "第3行" in r.err and "重复" in r.err
    assert "蔚汾镇" in xx("--workspace", ws, "registry", "show").out


def test_a_village_written_again_in_traditional_or_full_width_forms_is_a_duplicate(tmp_path):
    p = _csv(tmp_path, ["甲镇,城东社区,社区,", "甲镇,城東社區,社区,", "甲镇,城西社区（居委会）,社区,", "甲镇,城西社区(居委会),社区,"])
    reg, problems = read_registry_file(p)
    assert reg is None
    assert [(d.row, d.code) for d in problems] == [(3, "registry-duplicate"), (5, "registry-duplicate")]


def test_a_registry_dropping_a_township_or_village_with_imported_data_is_refused_unless_forced(xx, copy_ws, tmp_path,
                                                                                                registry):
    from xingxian_cli.services.context import open_context

    kept = [v for v in registry.villages if v.township != "东会乡" and v.name != registry.village_names("蔚汾镇")[0]]
    p = _csv(tmp_path, [f"{v.township},{v.name},{v.kind},{v.code or ''}" for v in kept])
    r = xx("--workspace", copy_ws, "registry", "import", p)
    assert r.code == 1, r
    assert "东会乡" in r.err and "2022Q3、2022Q4" in r.err and registry.village_names("蔚汾镇")[0] in r.err
    squeezed = "".join(r.err.replace("│", "").split())  # the panel wraps long lines
    assert "".join(f"xx registry import {p} --force".split()) in squeezed  # the command to run, with the file
    with open_context(copy_ws) as ctx:
        assert ctx.registry == registry  # unchanged
    assert xx("--workspace", copy_ws, "registry", "import", p, "--force").code == 0
    with open_context(copy_ws) as ctx:
        assert "东会乡" not in ctx.registry.townships
    # (review R123) dropped once, on purpose: the closed quarters holding them keep their own
    # registry, and the next import (the same file, or one more village added) needs no --force
    assert xx("--workspace", copy_ws, "registry", "import", p).code == 0
    more = _csv(tmp_path, [f"{v.township},{v.name},{v.kind},{v.code or ''}" for v in kept] + ["蔚汾镇,新建社区,社区,"])
    assert xx("--workspace", copy_ws, "registry", "import", more).code == 0
    # a village those quarters hold that the workspace's registry still has is refused as before
    fewer = _csv(tmp_path, [f"{v.township},{v.name},{v.kind},{v.code or ''}" for v in kept[1:]])
    dropped = xx("--workspace", copy_ws, "registry", "import", fewer)
    assert dropped.code == 1 and kept[0].name in dropped.err, dropped


def test_types_written_as_their_committees_and_the_header_as_domain_md_writes_it_are_read(tmp_path):
    p = tmp_path / "名录.csv"
    p.write_text("乡镇,村(社区),类型(村/社区),区划代码\n甲镇,一村,村委会,\n甲镇,东街社区,居委会,\n甲镇,二村,行政村,\n",
                 encoding="utf-8")
    reg, problems = read_registry_file(p)
    assert problems == [] and [v.kind for v in reg.villages] == ["村", "社区", "村"]


def test_a_missing_registry_file_is_named_in_chinese(tmp_path):
    reg, problems = read_registry_file(tmp_path / "没有.csv")
    assert reg is None and "找不到" in problems[0].message and "Error" not in problems[0].message


def test_registry_show_lists_one_townships_villages(xx, tmp_path, registry):
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    town = registry.townships[-1]
    r = xx("--workspace", ws, "registry", "show", "--township", town)
    assert r.code == 0 and all(name in r.out for name in registry.village_names(town))
    assert f"（{len(registry.village_names(town))} 个）" in r.out


def _xlsx(tmp_path: Path, rows: list[list[object]], *, merge: list[str] = (), before: list[str] = ()) -> Path:
    wb = Workbook()
    first = wb.active
    for title in before:  # sheets ahead of the registry: instructions
        first.title = title
        first.append(["本表由民政局提供，请勿改动表头"])
        first = wb.create_sheet()
    first.title = "名录"
    for row in rows:
        first.append(row)
    for area in merge:
        first.merge_cells(area)
    p = tmp_path / "名录.xlsx"
    wb.save(p)
    return p


def test_a_total_line_subtotals_and_signatures_under_the_registry_are_not_villages(tmp_path):
    p = _xlsx(tmp_path, [["某县行政区划名录"], ["乡镇", "村(社区)", "类型", "区划代码"],
                         ["甲镇", "一村", "村", None], ["甲镇", "东街社区", "社区", None], ["甲镇小计", "2个", None, None],
                         ["乙乡", "三村", "村", None], ["合计", "3个", None, None], ["制表人：王某", None, "审核人：李某", None]])
    reg, problems = read_registry_file(p)
    assert problems == []
    assert reg.townships == ["甲镇", "乙乡"] and len(reg.villages) == 3


def test_subtotals_that_say_what_they_count_and_a_county_total_in_a_number_column_are_not_villages(tmp_path):
    p = tmp_path / "名录.csv"
    p.write_text("序号,乡镇,村(社区),类型\n1,甲镇,一村,村\n2,甲镇,东街社区,社区\n,甲镇,小计：1个村、1个社区,\n"
                 "3,乙乡,三村,村\n,乙乡,小计,1个\n,乙乡,小计1个行政村,\n全县合计,,3个,\n", encoding="utf-8")
    reg, problems = read_registry_file(p)
    assert problems == [] and [v.name for v in reg.villages] == ["一村", "东街社区", "三村"]


def test_a_summary_sheet_ahead_of_the_full_registry_sheet_is_passed_over(tmp_path):
    wb = Workbook()
    summary = wb.active
    summary.title = "汇总"
    summary.append(["乡镇", "村", "社区", "合计"])
    summary.append(["甲镇", 1, 1, 2])
    full = wb.create_sheet("名录")
    full.append(["乡镇", "村(居)委会名称", "类型"])
    full.append(["甲镇", "一村", "村"])
    full.append(["甲镇", "东街社区", "社区"])
    p = tmp_path / "名录.xlsx"
    wb.save(p)
    reg, problems = read_registry_file(p)
    assert problems == [] and [v.name for v in reg.villages] == ["一村", "东街社区"]


def test_a_blank_type_is_told_by_the_name_and_refused_when_the_name_cannot_tell(tmp_path):
    p = _csv(tmp_path, ["甲镇,一村,,", "甲镇,东街社区,,", "甲镇,南关居委会,,", "甲镇,东关,,", "甲镇,西关,社区居民委员会,",
                        "甲镇,二村,村委,"])
    reg, problems = read_registry_file(p)
    assert reg is None
    assert [(d.row, d.column, d.code) for d in problems] == [(5, "C", "registry-blank-type")]
    assert "东关" in problems[0].message and "村" in problems[0].hint
    p = _csv(tmp_path, ["甲镇,一村,,", "甲镇,东街社区,,", "甲镇,南关居委会,,", "甲镇,西关,社区居民委员会,", "甲镇,二村,村委,"])
    reg, problems = read_registry_file(p)
    assert problems == [] and [v.kind for v in reg.villages] == ["村", "社区", "社区", "社区", "村"]


def test_a_village_column_headed_村_slash_社区_beside_its_type_column_is_read(tmp_path):
    p = tmp_path / "名录.csv"
    p.write_text("乡镇,村/社区,类型,区划代码\n甲镇,一村,村,\n甲镇,城东社区,社区,\n", encoding="utf-8")
    reg, problems = read_registry_file(p)
    assert problems == [] and [(v.name, v.kind) for v in reg.villages] == [("一村", "村"), ("城东社区", "社区")]


def test_township_cells_merged_down_their_villages_are_read_on_the_registry_sheet_after_instructions(tmp_path):
    p = _xlsx(tmp_path, [["乡镇", "村(社区)", "类型"], ["甲镇", "一村", "村"], [None, "二村", "村"], [None, "东街社区", "社区"],
                         ["乙乡", "三村", "村"], [None, "四村", "村"]], merge=["A2:A4", "A5:A6"], before=["填表说明"])
    reg, problems = read_registry_file(p)
    assert problems == []
    assert [(v.township, v.name) for v in reg.villages] == [("甲镇", "一村"), ("甲镇", "二村"), ("甲镇", "东街社区"),
                                                            ("乙乡", "三村"), ("乙乡", "四村")]


def test_an_empty_file_and_a_file_without_a_header_are_told_apart(tmp_path):
    empty = tmp_path / "空.csv"
    empty.write_bytes(b"")
    _reg, problems = read_registry_file(empty)
    assert [d.code for d in problems] == ["registry-empty-file"] and "空" in problems[0].message
    p = _xlsx(tmp_path, [["甲镇", "一村", "村"]], before=["说明"])
    _reg, problems = read_registry_file(p)
    assert [d.code for d in problems] == ["registry-no-header"]
    assert "工作表“说明”" in problems[0].message and "工作表“名录”" in problems[0].message
    html = tmp_path / "网页.xlsx"
    html.write_text("<html><table><tr><td>乡镇</td></tr></table></html>", encoding="utf-8")
    _reg, problems = read_registry_file(html)
    assert [d.code for d in problems] == ["registry-unreadable"] and "报送" not in problems[0].message + problems[0].hint


def test_a_registry_file_that_is_not_there_is_a_wrong_argument(xx, tmp_path):
    r = xx("init", tmp_path / "ws", "--registry", tmp_path / "没有.csv")
    assert r.code == 2 and "没有.csv" in r.err and not (tmp_path / "ws").exists()


def test_the_same_villages_spelled_otherwise_keep_their_imported_data(xx, copy_ws, tmp_path, registry):
    """城東社区 or 城东 社区 is 城东社区 to matching: the new spelling is no drop, and the villages'
    imported cadres and progress still count under it."""
    from xingxian_cli.services.context import open_context

    town = "蔚汾镇"
    names = registry.village_names(town)
    respelled = {names[0]: "城東社區", names[1]: names[1][0] + " " + names[1][1:]}
    assert names[0] == "城东社区"
    lines = [f"{v.township},{respelled.get(v.name, v.name) if v.township == town else v.name},{v.kind},{v.code or ''}"
             for v in registry.villages]
    p = _csv(tmp_path, lines)
    r = xx("--workspace", copy_ws, "registry", "import", p)
    assert r.code == 0, r
    with open_context(copy_ws) as ctx:
        assert ctx.registry.village_names(town)[:2] == [respelled[names[0]], respelled[names[1]]]
        assert ctx.registry.village_named(town, names[0]) == respelled[names[0]]
        # the bonus sheet's villages: one per registry village, the respelled ones with their figures
        from xingxian_cli.domain.period import Quarter
        from xingxian_cli.services.scoring import score_quarter

        bonus = score_quarter(ctx, Quarter(2022, 4), store=False).village_bonus
    assert len(bonus) == len(registry.villages) == len({(b.township, b.village) for b in bonus})
    from xingxian_cli.domain.text import norm

    (first,) = [b for b in bonus if b.township == town and norm(b.village) == norm(names[0])]
    assert first.hit.source and "没有" not in first.hit.text


def test_a_password_protected_registry_is_told_to_have_its_password_removed(tmp_path, registry):
    # (review R72) "工作簿设有打开密码" came with "请提供 .xlsx 或 … .csv" as the hint
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.xlsx"
    wb = Workbook()
    wb.active.append(["乡镇", "村(社区)", "类型"])
    wb.active.append([registry.villages[0].township, registry.villages[0].name, "村"])
    wb.save(plain)
    locked = tmp_path / "名录.xlsx"
    sealed = io.BytesIO()
    OOXMLFile(io.BytesIO(plain.read_bytes())).encrypt("123456", sealed)
    locked.write_bytes(sealed.getvalue())
    reg, problems = read_registry_file(locked)
    assert reg is None and "密码" in problems[0].message and "取消打开密码" in problems[0].hint
