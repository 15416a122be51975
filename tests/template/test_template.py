"""The township template workbook: sheets, dropdowns, pre-filled rows and formats."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from xingxian_cli.domain.facts import Cadre
from xingxian_cli.domain.period import Quarter
from xingxian_cli.io.template_writer import display_width, write_template
from xingxian_cli.messages import template as msg
from xingxian_cli.messages.workbook import COLUMNS, PROGRESS_TITLE_LABEL, SHEETS

Q3 = Quarter(2022, 3)
TOWN = "蔚汾镇"


def _dropdowns(wb, sheet: str) -> dict[str, list[str]]:
    """Header label -> the values its dropdown offers (resolved on the list sheet)."""
    ws = wb[sheet]
    header = {cell.column_letter: cell.value for cell in ws[1]}
    out = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list":
            continue
        sheet_ref, cells = dv.formula1.split("!")
        first, last = cells.replace("$", "").split(":")
        values = [c.value for row in wb[sheet_ref.strip("'")][f"{first}:{last}"] for c in row]
        for rng in dv.sqref.ranges:
            out[header[rng.coord.split(":")[0].rstrip("0123456789")]] = values
    return out


def _rows(ws) -> list[tuple]:
    """Data rows below the header; formatted but empty rows are left out."""
    return [r for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]


def _roster(n: int = 3) -> list[Cadre]:
    people = [
        ("城东社区", "王建平", "14112319800101001X", "书记兼主任", date(2015, 3, 1)),
        ("城东社区", "李玉兰", "142325197505050028", "委员", date(2021, 1, 8)),
        ("城西社区", '=HYPERLINK("x")', "141123199002020035", "委员", date(2020, 6, 1)),
    ]
    return [
        Cadre(pid, name, TOWN, v, pos, start, "中共党员", "高中", "13912345678")
        for v, name, pid, pos, start in people[:n]
    ]


def test_templates_for_all_townships_open_with_the_standard_sheets(templates, registry):
    assert len(templates) == 15
    for township, path in templates.items():
        assert path.name == f"{township}_2022Q3.xlsx"
        wb = load_workbook(path, read_only=True)  # (the sheets' list and states: no cells needed)
        assert wb.sheetnames == [*SHEETS.values(), msg.LIST_SHEET_NAME]
        assert wb[msg.LIST_SHEET_NAME].sheet_state == "hidden"
        assert all(wb[name].sheet_state == "visible" for name in SHEETS.values())
        wb.close()


def test_headers_are_the_canonical_labels_with_the_measure_title_after_its_id(workbooks, policy):
    wb = workbooks[TOWN]
    for key in ("roster", "honours", "deductions", "economy"):
        assert [c.value for c in wb[SHEETS[key]][1]] == [spec[0] for spec in COLUMNS[key].values()]
    assert [c.value for c in wb[SHEETS["scores"]][1]] == ["身份证号", "姓名", *policy.systems]
    labels = [c.value for c in wb[SHEETS["progress"]][1]]
    assert labels == ["举措编号", PROGRESS_TITLE_LABEL, "村(社区)", "完成状态", "完成值", "说明"]


def test_village_dropdowns_offer_exactly_that_townships_registry_villages(workbooks, registry):
    for township, wb in workbooks.items():
        villages = registry.village_names(township)
        for key in ("roster", "progress", "economy"):
            assert _dropdowns(wb, SHEETS[key])["村(社区)"] == villages


def test_coded_dropdowns_offer_the_policy_values(workbooks, policy):
    wb = workbooks["东会乡"]
    assert _dropdowns(wb, SHEETS["roster"])["职务"] == policy.positions
    assert _dropdowns(wb, SHEETS["honours"])["级别"] == policy.star_rules.honour_levels
    deductions = _dropdowns(wb, SHEETS["deductions"])
    assert (
        deductions["措施"] == policy.deduction_measures
        and deductions["处理结果"] == policy.outcomes
    )
    progress = _dropdowns(wb, SHEETS["progress"])
    assert progress["完成状态"] == list(policy.completion.status_values)
    assert progress["举措编号"] == [m.id for m in policy.measures]


def test_dropdowns_cover_at_least_500_rows_and_refuse_other_values(workbooks):
    ws = workbooks["赵家坪乡"][SHEETS["roster"]]
    dvs = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert {str(dv.sqref) for dv in dvs} == {"A2:A501", "D2:D501"}
    # an absent errorStyle is the file format's default, "stop": the value is refused
    assert all((dv.errorStyle or "stop") == "stop" and dv.showErrorMessage for dv in dvs)


def test_scores_and_ids_are_checked_as_typed(workbooks, policy):
    wb = workbooks["赵家坪乡"]
    scores = {(dv.type, str(dv.sqref)): dv for dv in wb[SHEETS["scores"]].data_validations.dataValidation}
    lo, hi = policy.star_rules.systems.score_min, policy.star_rules.systems.score_max
    for letter in "CDEFGH":  # the six systems
        dv = scores[("decimal", f"{letter}2:{letter}501")]
        # absent operator and errorStyle are the file format's defaults: between, stop
        assert ((dv.operator or "between"), dv.formula1, dv.formula2, (dv.errorStyle or "stop")) == (
            "between", str(lo), str(hi), "stop")
    assert scores[("textLength", "A2:A501")].formula1 == "18"
    roster = {(dv.type, str(dv.sqref)) for dv in wb[SHEETS["roster"]].data_validations.dataValidation}
    assert ("textLength", "C2:C501") in roster


def test_progress_has_one_row_per_township_measure_and_per_village_measure_and_village(
    workbooks, policy, registry
):
    for township, wb in workbooks.items():
        rows = _rows(wb[SHEETS["progress"]])
        villages = registry.village_names(township)
        assert len(rows) == len(policy.township_measures) + len(policy.village_measures) * len(
            villages
        )
        expected = [(m.id, m.title, None) for m in policy.township_measures]
        expected += [(m.id, m.title, v) for m in policy.village_measures for v in villages]
        assert [r[:3] for r in rows] == expected
        assert all(r[3] is None for r in rows)


def test_economy_has_one_blank_row_per_village(workbooks, registry):
    ws = workbooks[TOWN][SHEETS["economy"]]
    rows = _rows(ws)
    assert rows == [(v, None, None) for v in registry.village_names(TOWN)]


def test_basic_info_prefills_township_and_quarter_only(workbooks):
    ws = workbooks["固贤乡"][SHEETS["info"]]
    assert list(ws.iter_rows(values_only=True)) == [
        ("乡镇", "固贤乡"),
        ("考核季度", "2022Q3"),
        ("填报人", None),
        ("联系电话", None),
        ("填报日期", None),
    ]


def test_id_and_phone_columns_are_text_and_dates_are_dates_on_every_data_row(workbooks):
    wb = workbooks[TOWN]
    roster = wb[SHEETS["roster"]]
    for row in (2, 250, 501):
        assert roster[f"C{row}"].number_format == "@"
        assert roster[f"H{row}"].number_format == "@"
        assert roster[f"E{row}"].number_format == "yyyy-mm-dd"
    for key in ("honours", "scores", "deductions"):
        assert (
            wb[SHEETS[key]]["A2"].number_format == "@"
            and wb[SHEETS[key]]["A501"].number_format == "@"
        )
    assert wb[SHEETS["honours"]]["E2"].number_format == "yyyy-mm-dd"
    assert wb[SHEETS["deductions"]]["F300"].number_format == "yyyy-mm-dd"


def test_header_row_is_frozen_bold_filled_and_printed_on_every_page(workbooks):
    wb = workbooks[TOWN]
    for key in ("roster", "honours", "scores", "deductions", "progress", "economy"):
        ws = wb[SHEETS[key]]
        assert ws.freeze_panes == "A2"
        assert ws.print_title_rows == "$1:$1"
        assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("DDEBF7")


def test_column_widths_fit_chinese_text(workbooks, policy):
    assert display_width("村(社区)") == 8 and display_width("M01") == 3
    ws = workbooks[TOWN][SHEETS["progress"]]
    longest = max(display_width(m.title) for m in policy.measures)
    assert ws.column_dimensions["B"].width >= min(longest, 58)
    assert ws.column_dimensions["A"].width >= display_width("举措编号")


def test_free_text_columns_are_wide_enough_for_what_clerks_write_there(workbooks):
    # (review R59) 荣誉名称 and 情形 were as narrow as their two-character headers
    wb = workbooks[TOWN]
    for key, letter in (("honours", "C"), ("deductions", "D")):
        assert wb[SHEETS[key]].column_dimensions[letter].width >= display_width("全县优秀共产党员（县委表彰）")


def test_empty_id_and_phone_columns_are_wide_enough_for_a_whole_number(workbooks):
    wb = workbooks[TOWN]
    for key, letter in (("roster", "C"), ("roster", "H"), ("honours", "A"), ("scores", "A"), ("deductions", "A")):
        width = wb[SHEETS[key]].column_dimensions[letter].width
        assert width >= (display_width("141123198001010015") if letter != "H" else display_width("13800000000")) + 2


def test_guide_explains_each_sheet_allowed_values_dates_and_text_ids(workbooks, policy):
    ws = workbooks[TOWN][SHEETS["guide"]]
    text = "\n".join(str(r[0]) for r in ws.iter_rows(values_only=True) if r[0])
    for name in (
        SHEETS[k]
        for k in ("info", "roster", "honours", "scores", "deductions", "progress", "economy")
    ):
        assert f"【{name}】" in text
    for value in (
        *policy.positions,
        *policy.star_rules.honour_levels,
        *policy.outcomes,
        *policy.systems,
    ):
        assert value in text
    assert "2015-03-01" in text and "文本格式" in text and "蔚汾镇_2022Q3.xlsx" in text
    assert "0 与 1 之间的分数（如 0.95），或一行分数都不超过 1，会被当作百分比格式退回" in text  # what validate refuses
    # (review R59) what a clerk would otherwise get wrong: an empty sheet deleted refuses the file,
    # facts reported before need not come again, and tenure is not restarted by a new post
    assert "没有内容的工作表" in text and "不要删除" in text
    assert text.count("以前季度已报过的") == 2 and "可不再重报" in text
    assert "开始担任村干部的日期" in text and "担任现职务" not in text


def test_roster_prefills_the_roster_and_one_score_row_per_cadre(tmp_path, policy, registry):
    roster = _roster()
    path = write_template(
        tmp_path / "t.xlsx",
        policy=policy,
        registry=registry,
        township=TOWN,
        quarter=Q3,
        roster=roster,
    )
    wb = load_workbook(path)
    rows = _rows(wb[SHEETS["roster"]])
    assert [(r[0], r[1], r[2], r[3], r[4].date()) for r in rows] == [
        (c.village, c.name, c.person_id, c.position, c.start_date) for c in roster
    ]
    scores = _rows(wb[SHEETS["scores"]])
    assert scores == [(c.person_id, c.name, *([None] * len(policy.systems))) for c in roster]


def test_a_formula_looking_name_is_stored_as_text_not_a_formula(tmp_path, policy, registry):
    path = write_template(
        tmp_path / "t.xlsx",
        policy=policy,
        registry=registry,
        township=TOWN,
        quarter=Q3,
        roster=_roster(),
    )
    ws = load_workbook(path)[SHEETS["roster"]]
    assert ws["B4"].value == '=HYPERLINK("x")' and ws["B4"].data_type == "s"
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in s for s in sheets)


def test_unknown_township_is_refused(tmp_path, policy, registry):
    with pytest.raises(ValueError):
        write_template(
            tmp_path / "x.xlsx", policy=policy, registry=registry, township="某镇", quarter=Q3
        )


def test_template_is_byte_stable(tmp_path, policy, registry, templates):
    again = write_template(
        tmp_path / "again.xlsx", policy=policy, registry=registry, township=TOWN, quarter=Q3
    )
    assert again.read_bytes() == templates[TOWN].read_bytes()


def test_the_guide_names_the_measures_of_a_countys_own_policy(tmp_path, policy, registry):
    from openpyxl import load_workbook

    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.domain.policy import DeductionMeasure
    from xingxian_cli.io.template_writer import write_template

    rules = policy.star_rules.deductions
    measures = {("负面清单" if k == "负面情形" else k): v for k, v in rules.measures.items()}
    measures["信访问题"] = DeductionMeasure(outcome_required=True, by_outcome={"越级集访": 1})
    # Blank allowed, but a filled one must be listed (the import refuses others): said so.
    measures["安全事故"] = DeductionMeasure(by_outcome={"通报批评": 1})
    custom = policy.model_copy(update={"star_rules": policy.star_rules.model_copy(
        update={"deductions": rules.model_copy(update={"measures": measures})})})
    path = write_template(tmp_path / "t.xlsx", policy=custom, registry=registry, township=registry.townships[0],
                          quarter=Quarter(2022, 3))
    guide = " ".join(str(r[0]) for r in load_workbook(path)["填报说明"].iter_rows(values_only=True) if r[0])
    assert "违纪违法、信访问题必须填写处理结果" in guide and "越级集访" in guide
    assert "考核问责、负面清单的处理结果可不填" in guide and "负面情形" not in guide
    assert "安全事故的处理结果可不填，填写时只能是：通报批评" in guide


def test_the_guide_and_the_score_check_follow_the_policys_systems_and_scale(tmp_path, policy, registry):
    from decimal import Decimal

    from openpyxl import load_workbook

    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.io.template_writer import write_template

    systems = policy.star_rules.systems.model_copy(update={
        "names": [*policy.star_rules.systems.names, "生态环保"], "score_max": Decimal(10), "threshold": Decimal("9.5")})
    custom = policy.model_copy(update={"star_rules": policy.star_rules.model_copy(update={"systems": systems})})
    path = write_template(tmp_path / "t.xlsx", policy=custom, registry=registry, township=registry.townships[0],
                          quarter=Quarter(2022, 3))
    wb = load_workbook(path)
    guide = " ".join(str(r[0]) for r in wb["填报说明"].iter_rows(values_only=True) if r[0])
    assert "生态环保共 7 项，分别按 0—10 分评分" in guide and "评分为 0—10 的数字" in guide
    assert "六项" not in guide and "0—100" not in guide and "百分比格式退回" not in guide  # 0.5 of 10 is a score
    checks = [dv for dv in wb[SHEETS["scores"]].data_validations.dataValidation if dv.type == "decimal"]
    assert len(checks) == 7 and all("按 10 分制，如 9.5" in dv.error for dv in checks)


def test_templates_are_in_a_chinese_font_wps_and_excel_have(workbooks):
    for wb in workbooks.values():
        for ws in wb.worksheets:
            if ws.sheet_state == "visible":
                assert {c.font.name for row in ws.iter_rows(max_row=4) for c in row if c.value is not None} == {"宋体"}
