"""The report workbook as the leadership, the finance office and the printer see it."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest
from xlsx_values import load_values

from xingxian_cli.domain.diagnostics import make
from xingxian_cli.domain.ids import mask_id
from xingxian_cli.io.report_writer import capital_yuan, report_file_name, text_width, write_report
from xingxian_cli.messages import report as msg

FULL_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])")  # not inside a hash
SHEETS = [name for key, name in msg.SHEETS.items() if key != "bonus"]  # the third quarter pays no bonus
TABLES = SHEETS[1:]  # every sheet but 总览 is a filterable, printable table
AT = datetime(2022, 10, 8, 9, 30, 0)


def _is_total(r) -> bool:
    return any(isinstance(v, str) and v.startswith("合计") for v in r[:2])


def _data(ws, *, totals: bool = False) -> list[dict[str, object]]:
    """Data rows below the title and header rows, as {header: value} (a 合计 row under them only
    with ``totals``)."""
    rows = list(ws.iter_rows(values_only=True))
    header = rows[1]
    return [dict(zip(header, r, strict=False)) for r in rows[2:]
            if any(v is not None for v in r) and (totals or not _is_total(r))]


def _total(ws) -> dict[str, object]:
    """The 合计 row under a table."""
    rows = list(ws.iter_rows(values_only=True))
    (row,) = [r for r in rows[2:] if _is_total(r)]
    return dict(zip(rows[1], row, strict=False))


def _payroll(ws) -> list[dict[str, object]]:
    """The payroll's table rows, down to its grand total (the signature lines under it left out)."""
    rows = _data(ws, totals=True)
    end = next(i for i, r in enumerate(rows) if str(r["乡镇"]).startswith("合计"))
    return rows[:end + 1]


def _cells(wb) -> list[tuple[str, str, object]]:
    return [(ws.title, c.coordinate, c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


def _overview(ws) -> dict[str, object]:
    return {r[0]: r[1] for r in ws.iter_rows(min_row=3, values_only=True) if r[0] is not None}


def _footers(path) -> list:
    """Each sheet's header and footer as openpyxl reads them (``.oddFooter.right.text``), in the
    workbook's order, parsed from the sheets' XML: loading a county report in openpyxl to read
    them takes about a second."""
    from xml.etree.ElementTree import fromstring

    from openpyxl.worksheet.header_footer import HeaderFooter

    with zipfile.ZipFile(path) as z:  # xlsxwriter names the sheets' parts sheet1.xml, sheet2.xml, … in order
        parts = sorted((n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
                       key=lambda n: int(re.sub(r"\D", "", n)))
        found = [re.search(r"<headerFooter\b.*?</headerFooter>", z.read(n).decode("utf-8"), re.S) for n in parts]
    return [HeaderFooter.from_tree(fromstring(m.group(0))) if m else None for m in found]


@pytest.fixture(scope="module")
def q3_book(tmp_path_factory, outcome_q3, policy, registry):
    path = tmp_path_factory.mktemp("report") / "兴县_2022Q3.xlsx"
    write_report(outcome_q3, policy, registry, path, generated_at=AT, county="兴县")
    return path, openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def q4_book(tmp_path_factory, outcome_q4, policy, registry):
    path = tmp_path_factory.mktemp("report") / "兴县_2022Q4.xlsx"
    write_report(outcome_q4, policy, registry, path, generated_at=AT)
    return openpyxl.load_workbook(path)


def test_report_has_the_ten_sheets_in_order(q3_book):
    _path, wb = q3_book
    assert wb.sheetnames == ["总览", "乡镇排名", "重点任务完成情况", "村排名", "村干部星级", "报酬发放表", "较上季度减少人员", "降星与否决", "评星依据", "校验问题"]


def test_every_sheet_opens_with_a_title_row_and_a_header_row(q3_book):
    _path, wb = q3_book
    for ws in wb.worksheets:
        assert "2022年第3季度" in ws["A1"].value and ws["A1"].font.b
        assert ws["A2"].value and ws["A2"].font.b


def test_overview_counts_cadres_by_status_and_totals_pay(q3_book, outcome_q3):
    _path, wb = q3_book
    ov = _overview(wb["总览"])
    assert ov[msg.OV_QUARTER] == "2022年第3季度（2022Q3）"
    assert ov[msg.OV_CADRES] == len(outcome_q3.cadres)
    assert (ov[msg.OV_RATED], ov[msg.OV_UNRATED], ov[msg.OV_VETOED]) == (
        outcome_q3.count("rated"), outcome_q3.count("unrated"), outcome_q3.count("vetoed"))
    assert ov[msg.OV_PAY] == outcome_q3.total_pay
    assert ov[msg.OV_MISSING] == msg.OV_NONE and ov[msg.OV_SUBMITTED].startswith("15 个：蔚汾镇")
    assert ov[msg.OV_GENERATED] == "2022-10-08 09:30:00"
    dist = {r[0]: r[1] for r in wb["总览"].iter_rows(values_only=True) if isinstance(r[0], str) and r[0].endswith("星")
            and r[0][0].isdigit()}
    assert dist == {f"{s}星": outcome_q3.star_distribution().get(s, 0) for s in range(6)}
    assert len(wb["总览"]._charts) == 1


def test_township_ranking_lists_15_townships_by_rank_with_percentages_and_a_chart(q3_book, outcome_q3):
    _path, wb = q3_book
    ws = wb["乡镇排名"]
    rows = _data(ws)
    assert [(r["排名"], r["乡镇"], r["完成率"]) for r in rows] == [
        (t.rank, t.township, float(t.rate_rounded)) for t in outcome_q3.townships]
    assert all(r["报送情况"] == "已报送" for r in rows)
    assert all(r["报送文件"] == f"{outcome_q3.sources[r['乡镇']][0]}（第1版）" for r in rows)
    assert ws["D3"].number_format == "0.00%"
    assert len(ws._charts) == 1


def test_the_overview_names_the_policy_version_and_a_fingerprint_of_its_content(tmp_path, q3_book, outcome_q3,
                                                                              policy, registry):
    from xingxian_cli.domain.policy import policy_fingerprint

    a, _wb = q3_book  # outcome_q3 under the default policy
    b = tmp_path / "b.xlsx"
    richer = policy.model_copy(update={"version": policy.version}, deep=True)
    richer.pay.annual["委员"] += 2000  # edited without a new version label
    write_report(outcome_q3, richer, registry, b, generated_at=AT, county="兴县")
    shown = [_overview(load_values(p)["总览"])[msg.OV_POLICY] for p in (a, b)]
    assert shown[0].startswith(policy.version) and policy_fingerprint(policy) in shown[0]
    assert shown[0] != shown[1] and policy_fingerprint(richer) in shown[1]


def test_township_totals_add_up_to_the_overviews_total_under_the_same_label(q4_book, outcome_q4):
    rows = _data(q4_book["乡镇排名"])
    ov = _overview(q4_book["总览"])
    assert outcome_q4.total_bonus > 0  # so pay alone and pay + bonus differ
    assert sum(r[msg.OV_TOTAL] for r in rows) == ov[msg.OV_TOTAL] == outcome_q4.total_pay + outcome_q4.total_bonus
    for r in rows:
        mine = [c for c in outcome_q4.cadres if c.township == r["乡镇"]]
        assert r[msg.OV_TOTAL] == sum(c.pay + c.bonus for c in mine)


def test_task_sheet_lists_the_40_tasks_with_the_measures_serving_them(q3_book, policy):
    _path, wb = q3_book
    rows = _data(wb["重点任务完成情况"])
    assert sorted(r["任务编号"] for r in rows) == [t.id for t in policy.tasks]
    first = next(r for r in rows if r["任务编号"] == "T01")
    serving = [m for m in policy.measures if "T01" in m.tasks]
    assert first["举措数"] == len(serving)
    assert all(f"{m.id} {m.title}" in first["服务该任务的落实举措"] for m in serving)
    areas = [r["方面"] for r in rows]
    assert areas == sorted(areas, key=policy.task_areas.index)  # grouped by area


def test_village_ranking_lists_every_registry_village(q3_book, registry, outcome_q3):
    _path, wb = q3_book
    rows = _data(wb["村排名"])
    assert len(rows) == len(registry.villages) == 253
    assert [(r["全县排名"], r["乡镇"], r["村(社区)"]) for r in rows] == [
        (v.rank, v.township, v.village) for v in outcome_q3.villages]


def test_cadre_sheet_lists_every_cadre_ranked_with_stars_as_text_and_number(q3_book, outcome_q3):
    _path, wb = q3_book
    rows = _data(wb["村干部星级"])
    assert len(rows) == len(outcome_q3.cadres)
    assert [(r["县排名"], r["乡镇排名"], r["姓名"]) for r in rows] == [
        (c.rank_county, c.rank_township, c.name) for c in outcome_q3.cadres]
    ranked = [r["县排名"] for r in rows if r["县排名"] is not None]
    assert ranked[0] == 1 and ranked == sorted(ranked)
    five = next(r for r in rows if r["星数"] == 5)
    assert five["星级"] == "★★★★★"
    two = next(r for r in rows if r["星数"] == 2)
    assert two["星级"] == "★★☆☆☆" and two["状态"] == "已定星"
    unrated = next(r for r in rows if r["状态"] == "未定星")
    assert unrated["星级"] == "未定星" and unrated["星数"] is None and unrated["县排名"] is None
    vetoed = next(r for r in rows if r["状态"] == "取消评星")
    assert vetoed["星级"] == "取消评星" and vetoed["星数"] == 0 and vetoed["否决原因"]
    # (review R58) neither status shows stars of its own: no 基础星 3 + 加星 3 beside 取消评星
    for row in (unrated, vetoed):
        assert (row["基础星"], row["加星"], row["降星"]) == (None, None, None)


def test_star_number_column_has_a_three_colour_scale(q3_book, outcome_q3):
    _path, wb = q3_book
    ws = wb["村干部星级"]
    (cf,) = list(ws.conditional_formatting)
    assert str(cf.sqref) == f"M3:M{len(outcome_q3.cadres) + 2}"
    assert cf.rules[0].type == "colorScale" and len(cf.rules[0].colorScale.color) == 3


def test_change_column_shows_stars_against_the_previous_quarter(q4_book, outcome_q4):
    rows = _data(q4_book["村干部星级"])
    kinds = {outcome_q4.changes[c.person_id].kind for c in outcome_q4.cadres}
    assert {"up", "down", "same"} <= kinds
    assert any(outcome_q4.changes[c.person_id].moved_from for c in outcome_q4.cadres)  # the generator moves a few
    for row, c in zip(rows, outcome_q4.cadres, strict=True):
        ch = outcome_q4.changes[c.person_id]
        moved = "" if ch.moved_from is None else msg.CHANGE_MOVED.format(
            place=ch.moved_from[1] if ch.moved_from[0] == c.township else "".join(ch.moved_from))
        assert row["较上季度"] == msg.CHANGE[ch.shown_kind].format(delta=abs(ch.delta or 0)) + moved
        if ch.kind in ("vetoed", "unrated") and ch.before_status == ch.kind:  # (review R62) no news,
            assert row["较上季度"].startswith("仍")  # nor 持平: no stars were kept (review R112)
    assert any(ch.shown_kind != ch.kind for ch in outcome_q4.changes.values())
    assert _overview(q4_book["总览"])[msg.OV_PREVIOUS] == "2022Q3"


def test_overview_counts_each_kind_of_star_change_including_cadres_who_left(q4_book, outcome_q4):
    from xingxian_cli.messages.scoring import CHANGE_KINDS

    text = _overview(q4_book["总览"])[msg.OV_CHANGES]
    counts = {label: int(n) for label, n in (part.split(" ") for part in text.split(msg.CHANGE_SEP))}
    want: dict[str, int] = {}
    for ch in outcome_q4.changes.values():
        want[CHANGE_KINDS[ch.shown_kind]] = want.get(CHANGE_KINDS[ch.shown_kind], 0) + 1
    assert counts == want and counts[CHANGE_KINDS["left"]] > 0
    assert sum(counts.values()) - counts[CHANGE_KINDS["left"]] == len(outcome_q4.cadres)


def test_departed_sheet_names_who_the_previous_quarter_had_and_this_one_has_not(q4_book, outcome_q4, county_q3,
                                                                                registry):
    rows = _data(q4_book["较上季度减少人员"])
    before = {c.person_id: c for s in county_q3.values() for c in s.cadres}
    gone = [pid for pid, ch in outcome_q4.changes.items() if ch.kind == "left"]
    assert gone and len(rows) == len(gone)
    masked = {mask_id(pid): before[pid] for pid in gone}
    for r in rows:
        was = masked[r["身份证号"]]
        assert (r["乡镇"], r["村(社区)"], r["姓名"], r["职务"]) == (was.township, was.village, was.name, was.position)
        assert r["说明"] == msg.DEPARTED_NOT_LISTED
    towns = [r["乡镇"] for r in rows]
    assert towns == sorted(towns, key=registry.townships.index)  # grouped in registry order


def test_a_township_that_did_not_send_has_its_cadres_listed_as_not_sent(tmp_path, policy, registry, county_q3,
                                                                       county_q4):
    from tests.report.conftest import Q3, Q4, build_outcome

    town = "魏家滩镇"
    sent = {t: s for t, s in county_q4.items() if t != town}
    outcome = build_outcome(policy, registry, Q4, sent, previous=(Q3, county_q3))
    path = tmp_path / "q4.xlsx"
    write_report(outcome, policy, registry, path, generated_at=AT)
    rows = _data(load_values(path)["较上季度减少人员"])
    theirs = [r for r in rows if r["乡镇"] == town]
    assert len(theirs) == len(county_q3[town].cadres)
    assert {r["说明"] for r in theirs} == {msg.DEPARTED_NOT_SENT}
    assert {r["说明"] for r in rows if r["乡镇"] != town} <= {msg.DEPARTED_NOT_LISTED}


def test_the_bonus_sheet_keeps_a_qualifying_village_with_no_one_to_receive_it_and_a_vetoed_heads_figures(
        tmp_path, policy, registry, county_q3, county_q4):
    from datetime import date

    from tests.report.conftest import Q3, Q4, build_outcome
    from xingxian_cli.domain.facts import Deduction

    heads = set(policy.pay.bonus.positions)
    before = build_outcome(policy, registry, Q4, county_q4, previous=(Q3, county_q3))
    earns = next(b for b in before.village_bonus if b.amount > 0)
    short = next(b for b in before.village_bonus if b.amount > 0 and b.township != earns.township
                 and any(c.village == b.village and c.position in heads for c in county_q4[b.township].cadres))
    # the qualifying village's heads written as 委员: no one there may receive its bonus
    town = county_q4[earns.township]
    edited = {**county_q4, earns.township: replace(town, cadres=[
        replace(c, position="委员") if c.village == earns.village and c.position in heads else c for c in town.cadres])}
    # another village's income did not grow, and its heads are vetoed
    town = county_q4[short.township]
    vetoes = [Deduction(c.person_id, c.name, "违纪违法", "违规收受礼金", "开除党籍", date(2022, 11, 1))
              for c in town.cadres if c.village == short.village and c.position in heads]
    edited[short.township] = replace(town, deductions=[*town.deductions, *vetoes], economy=[
        replace(e, this_year=e.last_year) if e.village == short.village else e for e in town.economy])
    after = build_outcome(policy, registry, Q4, edited, previous=(Q3, county_q3))
    short = next(b for b in after.village_bonus if (b.township, b.village) == (short.township, short.village))
    path = tmp_path / "q4.xlsx"
    write_report(after, policy, registry, path, generated_at=AT)
    rows = {(r["乡镇"], r["村(社区)"]): r for r in _data(load_values(path)["集体经济奖励"])}
    no_one = rows[(earns.township, earns.village)]
    assert (no_one["每人奖励(元)"], no_one["领取人数"], no_one["奖励合计(元)"]) == (earns.amount, 0, 0)
    assert no_one["计算"].startswith(earns.hit.text) and "无人领取" in no_one["计算"] and no_one["来源"] == earns.hit.source
    vetoed = rows[(short.township, short.village)]
    assert (vetoed["计算"], vetoed["每人奖励(元)"], vetoed["来源"]) == (short.hit.text, 0, short.hit.source)
    assert "未达" in short.hit.text and "取消评星" not in vetoed["计算"]
    # every village of the townships that sent has its row, in registry order
    assert list(rows) == [(v.township, v.name) for t in registry.townships for v in registry.by_township[t]]


def test_a_quarter_not_all_townships_sent_is_marked_provisional_on_every_printed_title(
        tmp_path, policy, registry, county_q3):
    from tests.report.conftest import Q3, build_outcome

    sent = {t: s for t, s in county_q3.items() if t != "魏家滩镇"}
    outcome = build_outcome(policy, registry, Q3, sent)
    path = tmp_path / "q3.xlsx"
    write_report(outcome, policy, registry, path, generated_at=AT)
    wb = load_values(path)
    footers = _footers(path)
    assert len(footers) == len(wb.sheetnames)
    for ws, footer in zip(wb.worksheets, footers, strict=True):
        title = ws["A1"].value
        assert title.endswith("1 个乡镇未报送，暂行结果）") and "）（" not in title, title  # one pair of brackets (R105)
        assert "（1 个乡镇未报送，暂行结果）" in footer.oddFooter.right.text, ws.title  # on every printed page too
    assert _payroll(wb["报酬发放表"])[-1]["乡镇"] == "合计（1 个乡镇未报送，暂行结果）"


def test_every_printed_page_says_the_quarter_policy_version_and_when_it_was_generated(q3_book, policy):
    _path, wb = q3_book
    for ws in wb.worksheets:
        right = ws.oddFooter.right.text
        assert "2022年第3季度" in right and f"方案 {policy.version}" in right, ws.title
        assert f"生成于 {AT:%Y-%m-%d %H:%M:%S}" in right, ws.title


def test_a_complete_quarter_has_plain_titles(q3_book):
    _path, wb = q3_book
    assert all("暂行" not in ws["A1"].value for ws in wb.worksheets)


def test_a_township_workbook_lists_and_counts_only_its_own_departed(tmp_path, outcome_q4, policy, registry):
    from xingxian_cli.messages.scoring import CHANGE_KINDS

    town = outcome_q4.departed[0].township
    path = tmp_path / "t.xlsx"
    write_report(outcome_q4, policy, registry, path, township=town, generated_at=AT)
    wb = load_values(path)
    mine = [p for p in outcome_q4.departed if p.township == town]
    assert sorted(r["姓名"] for r in _data(wb["较上季度减少人员"])) == sorted(p.name for p in mine)
    text = _overview(wb["总览"])[msg.OV_CHANGES]
    assert f"{CHANGE_KINDS['left']} {len(mine)}" in text.split(msg.CHANGE_SEP)


def test_a_cadre_who_moved_is_listed_as_moved_away_in_the_township_they_left(tmp_path, outcome_q4, policy, registry):
    # the old township's payroll clerk sees why their pay stops there; the new township's
    # file has them as one of its own, not as departed
    (was, now), *_ = outcome_q4.moved
    old_path, new_path = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    write_report(outcome_q4, policy, registry, old_path, township=was.township, generated_at=AT)
    write_report(outcome_q4, policy, registry, new_path, township=now, generated_at=AT)
    old, new = load_values(old_path), load_values(new_path)
    (row,) = [r for r in _data(old["较上季度减少人员"]) if r["身份证号"] == mask_id(was.person_id)]
    assert row["说明"] == msg.DEPARTED_MOVED.format(township=now) and row["村(社区)"] == was.village
    moved_away = sum(1 for p, _t in outcome_q4.moved if p.township == was.township)
    assert msg.MOVED_AWAY_COUNT.format(n=moved_away) in _overview(old["总览"])[msg.OV_CHANGES].split(msg.CHANGE_SEP)
    assert mask_id(was.person_id) not in {r["身份证号"] for r in _data(new["较上季度减少人员"])}
    assert mask_id(was.person_id) in {r["身份证号"] for r in _data(new["村干部星级"])}


def test_departed_sheet_says_there_is_no_previous_quarter_to_compare(q3_book):
    _path, wb = q3_book
    assert wb["较上季度减少人员"]["A3"].value == msg.OV_NO_PREVIOUS


def test_change_column_is_empty_without_a_previous_quarter(q3_book):
    _path, wb = q3_book
    assert {r["较上季度"] for r in _data(wb["村干部星级"])} == {None}


def test_payroll_grand_total_equals_the_sum_of_cadre_rows_and_the_decimal_total(q4_book, outcome_q4, registry):
    rows = _payroll(q4_book["报酬发放表"])
    cadre_rows = [r for r in rows if isinstance(r["序号"], int)]
    assert len(cadre_rows) == len(outcome_q4.cadres)
    for town in registry.townships:  # each township's page, signed on its own, is numbered from 1 (R105)
        assert [r["序号"] for r in cadre_rows if r["乡镇"] == town] == list(
            range(1, sum(c.township == town for c in outcome_q4.cadres) + 1)), town
    total = rows[-1]
    assert total["乡镇"] == "合计"
    assert total["季度报酬(元)"] == sum(r["季度报酬(元)"] for r in cadre_rows) == outcome_q4.total_pay
    assert total["集体经济奖励(元)"] == sum(r["集体经济奖励(元)"] for r in cadre_rows) == outcome_q4.total_bonus > 0
    assert total["合计(元)"] == outcome_q4.total_pay + outcome_q4.total_bonus
    assert all(r["合计(元)"] == r["季度报酬(元)"] + r["集体经济奖励(元)"] for r in cadre_rows)


def test_payroll_ends_with_its_total_in_capital_numerals_and_lines_to_sign(q4_book, outcome_q4):
    rows = _data(q4_book["报酬发放表"])
    total = outcome_q4.total_pay + outcome_q4.total_bonus
    assert rows[-2]["乡镇"] == f"发放合计（大写）：人民币{capital_yuan(total)}"
    assert rows[-1]["乡镇"].startswith("制表人：") and "审核人：" in rows[-1]["乡镇"]
    assert capital_yuan(Decimal(8961065)) == "捌佰玖拾陆万壹仟零陆拾伍元整"
    assert capital_yuan(Decimal(100000)) == "壹拾万元整"


def test_payroll_is_grouped_by_township_in_registry_order_with_a_subtotal_each(q4_book, outcome_q4, registry):
    rows = _payroll(q4_book["报酬发放表"])
    subtotals = [r for r in rows if str(r["乡镇"]).endswith(" 小计")]
    assert [r["乡镇"] for r in subtotals] == [f"{t} 小计" for t in registry.townships]
    for t, sub in zip(registry.townships, subtotals, strict=True):
        pay = sum((c.pay for c in outcome_q4.cadres if c.township == t), Decimal(0))
        assert sub["季度报酬(元)"] == pay
    order = [r["乡镇"] for r in rows if isinstance(r["序号"], int)]
    assert order == sorted(order, key=registry.townships.index)
    ws = q4_book["报酬发放表"]
    assert ws["H3"].number_format == "#,##0"
    assert ws.cell(len(rows) + 2, 8).font.b  # the grand total stands out


def test_ids_are_masked_everywhere_by_default(q3_book, outcome_q3):
    path, wb = q3_book
    assert not [cell for cell in _cells(wb) if isinstance(cell[2], str) and FULL_ID.search(cell[2])]
    masked = {r["身份证号"] for r in _data(wb["报酬发放表"]) if r["身份证号"]}
    assert outcome_q3.cadres[0].person_id[:4] + "*" * 10 + outcome_q3.cadres[0].person_id[-4:] in masked
    # (review R94) the payroll, printed alone, says it is no sheet to pay from
    assert "身份证号已打码" in wb["报酬发放表"]["A1"].value and "--unmask" in wb["报酬发放表"]["A1"].value
    # not hidden somewhere openpyxl does not show (document properties, shared strings)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            assert not FULL_ID.search(z.read(name).decode("utf-8", "replace")), name


def test_unmask_writes_full_ids_in_every_sheet_that_lists_people(tmp_path, outcome_q4, policy, registry):
    path = tmp_path / "unmasked.xlsx"
    written = write_report(outcome_q4, policy, registry, path, unmask=True, generated_at=AT)
    wb = load_values(path)
    ids = {c.person_id for c in outcome_q4.cadres}
    assert {r["身份证号"] for r in _data(wb["报酬发放表"]) if r["身份证号"]} == ids
    assert {r["身份证号"] for r in _data(wb["村干部星级"])} == ids
    assert {r["身份证号"] for r in _data(wb["较上季度减少人员"])} == {p.person_id for p in outcome_q4.departed}
    vetoed = {c.person_id for c in outcome_q4.cadres if c.status == "vetoed"}
    assert vetoed and vetoed <= {r["身份证号"] for r in _data(wb["降星与否决"])}
    assert written.unmasked and msg.OV_UNMASKED == _overview(wb["总览"])[msg.OV_MASK]
    assert "打码" not in wb["报酬发放表"]["A1"].value
    with zipfile.ZipFile(path) as z:  # the pattern the masked test relies on does find them
        found = {m for n in z.namelist() for m in FULL_ID.findall(z.read(n).decode("utf-8", "replace"))}
    assert found == ids | {p.person_id for p in outcome_q4.departed}


HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(1)", "-2+3", "=1+1"]


def test_township_text_that_looks_like_a_formula_is_stored_as_text(tmp_path, outcome_q3, policy, registry):
    cadres = list(outcome_q3.cadres)
    vetoed = next(i for i, c in enumerate(cadres) if c.status == "vetoed")
    cadres[0] = replace(cadres[0], name=HOSTILE[0], position=HOSTILE[1])
    cadres[1] = replace(cadres[1], village=HOSTILE[2])
    cadres[vetoed] = replace(cadres[vetoed], veto_reason=HOSTILE[3])
    with_hit = next(i for i, c in enumerate(cadres) if any(h.rule == "deduction" for h in c.rules))
    cadres[with_hit] = replace(cadres[with_hit], rules=[
        replace(h, text=HOSTILE[4], source=HOSTILE[0]) if h.rule == "deduction" else h for h in cadres[with_hit].rules])
    warning = make("village-no-cadres", file=HOSTILE[1], sheet=HOSTILE[2], village=HOSTILE[0])
    o = replace(outcome_q3, cadres=cadres, warnings=[warning])
    path = tmp_path / "hostile.xlsx"
    write_report(o, policy, registry, path, generated_at=AT)
    wb = openpyxl.load_workbook(path, read_only=True)  # each cell's value and type as a full load gives them, faster
    cells = [(ws.title, c) for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    wb.close()
    hits = [(title, c.value) for title, c in cells if isinstance(c.value, str) and any(h in c.value for h in HOSTILE)]
    assert {v for _s, v in hits} >= set(HOSTILE)
    for title, c in cells:
        assert c.data_type != "f", (title, c.coordinate, c.value)
        if isinstance(c.value, str) and c.value in HOSTILE:
            assert c.data_type == "s"
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not [n for n in sheets if "<f>" in z.read(n).decode()]


def test_tables_are_set_up_for_printing(q3_book):
    _path, wb = q3_book
    for name in SHEETS:
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0, name
        assert ws.print_options.gridLines, name
    for name in TABLES:
        ws = wb[name]
        assert ws.print_title_rows == "$1:$2", name
        # 村干部星级's 17 columns keep the rank, place and name in sight (review R105)
        assert ws.freeze_panes == ("F3" if name == "村干部星级" else "A3"), name
        if name == "报酬发放表":  # its subtotal rows would be filtered and sorted among the people
            assert not ws.auto_filter.ref
        else:
            assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:"), name


def test_column_widths_fit_chinese_text(q3_book, outcome_q3):
    _path, wb = q3_book
    ws = wb["村干部星级"]

    def width(letter: str) -> float:
        # openpyxl keys a run of equal-width columns by its first letter
        for dim in ws.column_dimensions.values():
            if dim.min <= openpyxl.utils.column_index_from_string(letter) <= dim.max:
                return dim.width
        raise AssertionError(letter)

    longest_village = max(text_width(c.village) for c in outcome_q3.cadres)
    assert width("D") >= longest_village >= 2 * 3  # 村(社区): CJK characters count twice
    assert width("F") >= 18  # a masked ID fits
    assert width("E") >= max(text_width(c.name) for c in outcome_q3.cadres)
    # (left since round 22: the sheet printed at about 65%) a header wider than its column's
    # figures wraps (乡镇 / 排名), and 较上季度 wraps in a narrow column
    header = [c.value for c in ws[2]]
    assert width("B") < text_width(header[1]) + 2 and width("H") < text_width(header[7]) + 2  # 乡镇排名, 任职年限 (+ padding)
    assert width("O") <= 16
    total = sum(width(openpyxl.utils.get_column_letter(j)) for j in range(1, len(header) + 1))
    assert total < 200  # 219 before: about 74% of the page's width where it was 65%


def test_text_width_counts_cjk_characters_twice():
    assert text_width("abc") == 3
    assert text_width("蔚汾镇") == 6
    assert text_width("1411**********123X") == 18


def test_same_inputs_give_the_same_content_except_generated_at(tmp_path, q3_book, outcome_q3, policy, registry):
    a, _wb = q3_book  # written at AT
    b = tmp_path / "b.xlsx"
    write_report(outcome_q3, policy, registry, b, generated_at=datetime(2022, 10, 9, 17, 45, 1), county="兴县")
    ca, cb = _cells(load_values(a)), _cells(load_values(b))
    diff = [(x, y) for x, y in zip(ca, cb, strict=True) if x != y]
    assert len(diff) == 1
    (sheet, _coord, value), _other = diff[0]
    assert sheet == "总览" and value == "2022-10-08 09:30:00"


def test_township_workbook_holds_only_its_township_and_its_county_place(tmp_path, outcome_q3, policy, registry,
                                                                      county_q3):
    town = "魏家滩镇"
    files = {sub.file: t for t, sub in county_q3.items()}
    path = tmp_path / report_file_name(town, "2022Q3")
    written = write_report(outcome_q3, policy, registry, path, township=town, files=files, generated_at=AT)
    wb = load_values(path)
    assert wb.sheetnames == SHEETS
    assert wb["总览"]["A1"].value.startswith(town)
    (row,) = _data(wb["乡镇排名"])
    county_row = next(t for t in outcome_q3.townships if t.township == town)
    assert (row["乡镇"], row["排名"]) == (town, county_row.rank)
    assert _overview(wb["总览"])[msg.OV_TOWNSHIP_RANK] == f"第 {county_row.rank} 名（共 15 个乡镇）"
    assert _overview(wb["总览"])["报送情况"] == "已报送"
    mine = [c for c in outcome_q3.cadres if c.township == town]
    cadres = _data(wb["村干部星级"])
    assert [(r["县排名"], r["乡镇排名"], r["姓名"]) for r in cadres] == [
        (c.rank_county, c.rank_township, c.name) for c in mine]
    for sheet in ("村排名", "村干部星级", "降星与否决"):
        assert {r["乡镇"] for r in _data(wb[sheet])} <= {town}, sheet
    # its one township's payroll is signed once, under the total, not again under the subtotal, and has
    # no subtotal repeating the total (review R102)
    lines = [r[1] for r in wb["报酬发放表"].iter_rows(values_only=True) if isinstance(r[1], str)]
    assert not [x for x in lines if x.startswith("乡镇经办人")] and [x for x in lines if x.startswith("制表人")]
    assert not [x for x in lines if x.endswith(" 小计")]
    payroll = [r for r in _data(wb["报酬发放表"]) if isinstance(r["序号"], int)]
    assert {r["乡镇"] for r in payroll} == {town} and len(payroll) == len(mine) == written.cadres
    assert _payroll(wb["报酬发放表"])[-1]["季度报酬(元)"] == sum((c.pay for c in mine), Decimal(0))
    # its own import warning only (the sample warnings belong to the first two townships)
    assert [r["文件"] for r in _data(wb["校验问题"])] == [county_q3[town].file]
    assert len(_data(wb["重点任务完成情况"])) == 40


def test_township_task_completion_is_the_weighted_mean_of_its_measures(tmp_path, outcome_q3, policy, registry):
    town = outcome_q3.townships[0]
    path = tmp_path / "t.xlsx"
    write_report(outcome_q3, policy, registry, path, township=town.township, generated_at=AT)
    rows = {r["任务编号"]: r["完成率"] for r in _data(load_values(path)["重点任务完成情况"])}
    by_id = policy.measure_by_id
    for task in outcome_q3.tasks:
        weight = sum(Decimal(by_id[m].weight) for m in task.measures)
        rate = sum(Decimal(by_id[m].weight) * town.measures[m] for m in task.measures) / weight
        assert rows[task.task_id] == pytest.approx(float(rate), abs=5e-5)
    # the figures are the domain's (review R79: the writer worked them out itself)
    from xingxian_cli.domain.ranking import township_tasks

    assert rows == {t.task_id: float(t.rate_rounded) for t in township_tasks(policy, town, outcome_q3.tasks)}


def test_deduction_sheet_lists_every_deduction_and_veto(q3_book, outcome_q3):
    _path, wb = q3_book
    rows = _data(wb["降星与否决"])
    hits = [(c.name, h.text) for c in outcome_q3.cadres for h in c.rules if h.rule in ("deduction", "veto")]
    assert sorted((r["姓名"], r["事项与处理"]) for r in rows) == sorted(hits)
    assert {r["类别"] for r in rows} == {"三项措施降星", "一票否决"}
    assert all(r["降星"] is None for r in rows if r["类别"] == "一票否决")
    # stars taken counted as 村干部星级 counts them (positive), and adding up to each rated cadre's 降星
    def who(r):  # a masked ID two cadres may share: with the name and the place
        return r["身份证号"], r["姓名"], r["乡镇"], r["村(社区)"]

    cadres = {who(r): r for r in _data(wb["村干部星级"])}
    taken: dict[tuple, int] = {}
    for r in rows:
        if r["降星"] is not None:
            assert r["降星"] >= 0
            taken[who(r)] = taken.get(who(r), 0) + r["降星"]
    assert taken and all(cadres[k]["降星"] == n for k, n in taken.items() if cadres[k]["状态"] == "已定星")
    assert all(r["降星"] is None for r in rows if cadres[who(r)]["状态"] != "已定星")


def test_warning_sheet_carries_the_import_warnings(q3_book, sample_warnings):
    _path, wb = q3_book
    rows = _data(wb["校验问题"])
    assert [(r["文件"], r["工作表"], r["行"], r["列"], r["类别"], r["问题"], r["填写值"]) for r in rows] == [
        (d.file, d.sheet, d.row, f"{d.header}({d.column}列)" if d.header else None, d.title, d.message, d.value or None)
        for d in sample_warnings]
    assert any(r["填写值"] for r in rows)  # (review R105) the value as written, as xx validate shows it


def test_an_empty_sheet_says_there_is_nothing_to_list(q4_book):
    ws = q4_book["校验问题"]
    assert ws["A3"].value == msg.NO_ROWS


def test_report_file_name_replaces_characters_windows_forbids():
    assert report_file_name("蔚汾镇", "2022Q3") == "蔚汾镇_2022Q3_考核结果.xlsx"
    assert report_file_name('a/b\\c:"d', "2022Q3") == "a_b_c__d_2022Q3_考核结果.xlsx"


def test_a_report_cut_off_while_writing_leaves_the_earlier_report_whole(tmp_path, q3_book, outcome_q3, policy,
                                                                        registry, monkeypatch):
    import contextlib

    from xingxian_cli.io import report_writer
    from xingxian_cli.io.report_writer import ReportWriteError

    path = tmp_path / "兴县_2022Q3.xlsx"
    path.write_bytes(q3_book[0].read_bytes())  # the earlier report: the module's, as write_report wrote it
    before = path.read_bytes()

    @contextlib.contextmanager
    def disk_full(name, mode):  # the zipped workbook half written to its draft
        with open(name, mode) as fh:
            fh.write(b"PK\x03\x04 half")
            raise OSError(28, "No space left on device")
        yield

    monkeypatch.setattr(report_writer, "open", disk_full, raising=False)
    with pytest.raises(ReportWriteError):
        write_report(outcome_q3, policy, registry, path, generated_at=AT)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_every_cell_is_in_a_chinese_font_wps_and_excel_have(q3_book):
    _path, wb = q3_book  # Calibri has no Chinese characters: WPS substituted a font
    for ws in wb.worksheets:
        assert {c.font.name for row in ws.iter_rows(max_row=6) for c in row if c.value is not None} == {"宋体"}, ws.title


def test_the_township_ranking_and_the_bonus_sheet_end_in_a_total_row(q4_book, outcome_q4, registry):
    wb = q4_book
    towns, total = _data(wb["乡镇排名"]), _total(wb["乡镇排名"])
    assert total["村干部(人)"] == sum(r["村干部(人)"] for r in towns) == len(outcome_q4.cadres)
    assert total["发放合计(元)"] == sum(r["发放合计(元)"] for r in towns) == outcome_q4.total_pay + outcome_q4.total_bonus
    assert total["村(社区)数"] == len(registry.villages)
    bonus, btotal = _data(wb["集体经济奖励"]), _total(wb["集体经济奖励"])
    assert btotal["奖励合计(元)"] == sum(r["奖励合计(元)"] for r in bonus) == outcome_q4.total_bonus
    assert btotal["领取人数"] == sum(r["领取人数"] for r in bonus)
    assert wb["集体经济奖励"].auto_filter.ref.endswith(str(len(bonus) + 2))  # a sort leaves the total last


def test_each_townships_part_of_the_payroll_ends_its_page(q4_book):
    wb = q4_book
    ws = wb["报酬发放表"]
    rows = list(ws.iter_rows(values_only=True))
    subtotals = [i for i, r in enumerate(rows) if isinstance(r[1], str) and r[1].endswith(" 小计")]
    # (R98) under each subtotal, the township's amount in capital numerals and its lines to sign
    for i in subtotals:
        town = rows[i][1].removesuffix(" 小计")
        pay = sum((r[9] for r in rows[2:i] if r[1] == town and isinstance(r[0], int)), 0)
        assert rows[i][9] == pay
        assert rows[i + 1][1] == f"{town}发放小计（大写）：人民币{capital_yuan(Decimal(pay))}"
        assert rows[i + 2][1].startswith("乡镇经办人：") and "乡镇负责人：" in rows[i + 2][1]
    # the page ends after every township's sign-off: the county's total and sign-off are a page of their own,
    # not on the last township's (review R102)
    assert [b.id for b in ws.row_breaks.brk] == [i + 3 for i in subtotals]
    assert rows[subtotals[-1] + 3][1].startswith("合计")
    assert ws.column_dimensions["B"].width < 30  # the lines to sign widen no column


def test_every_star_and_yuan_of_a_cadre_is_traced_to_its_rule_and_cell_in_the_basis_sheet(q3_book):
    # (review R73) on paper, 基础星 3 with 任职年限 9 left the extra star unexplained, and no pay
    # standard or score behind 加星 was anywhere in the workbook
    from collections import defaultdict

    _path, wb = q3_book
    basis = defaultdict(list)
    for r in _data(wb["评星依据"]):
        basis[(r["乡镇"], r["村(社区)"], r["姓名"], r["身份证号"])].append(r)
    assert {r["规则"] for rows in basis.values() for r in rows} >= {"工龄赋星", "六大体系加星", "薪酬待遇依星"}
    # deductions have their own sheet, and the sum is 村干部星级's columns
    assert not {r["规则"] for rows in basis.values() for r in rows} & {"三项措施降星", "一票否决", "最终星级"}
    taken = defaultdict(int)
    for r in _data(wb["降星与否决"]):
        taken[(r["乡镇"], r["村(社区)"], r["姓名"], r["身份证号"])] += r["降星"] or 0
    pay = {(r["乡镇"], r["村(社区)"], r["姓名"], r["身份证号"]): r["季度报酬(元)"] for r in _data(wb["报酬发放表"])}
    cadres = _data(wb["村干部星级"])
    checked = 0
    for c in cadres:
        key = (c["乡镇"], c["村(社区)"], c["姓名"], c["身份证号"])
        rows = basis[key]
        (paid,) = [r for r in rows if r["规则"] == "薪酬待遇依星"]
        assert paid["金额(元)"] == pay[key]
        if c["状态"] != "已定星":
            continue
        stars = {rule: sum(r["星"] or 0 for r in rows if r["规则"] == rule)
                 for rule in ("工龄赋星", "成就赋星", "基础星上限", "六大体系加星", "加星上限", "星级上下限")}
        assert stars["工龄赋星"] + stars["成就赋星"] + stars["基础星上限"] == c["基础星"], (key, rows)
        assert stars["六大体系加星"] + stars["加星上限"] == c["加星"], (key, rows)
        assert taken[key] == c["降星"]
        assert c["基础星"] + c["加星"] - c["降星"] + stars["星级上下限"] == c["星数"]
        checked += 1
    assert checked > 1000


def test_a_township_not_sent_is_named_on_its_villages_rows_not_shown_as_zero(tmp_path, policy, registry, county_q3):
    # (review R73) its villages ranked last at 0.00 % and 0.00 stars, nothing saying it had not sent
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.sample.outcome import build_outcome

    gone = "东会乡"
    outcome = build_outcome(policy, registry, Quarter(2022, 3), {t: s for t, s in county_q3.items() if t != gone})
    path = tmp_path / "r.xlsx"
    write_report(outcome, policy, registry, path, generated_at=AT)
    rows = _data(load_values(path)["村排名"])
    theirs = [r for r in rows if r["乡镇"] == gone]
    assert theirs and all(r["说明"] == "未报送：完成率和平均星级按 0 计" for r in theirs)
    # (review R105) numbers still: a reader sorts and averages the columns
    assert all(r["村级举措完成率"] == 0 and r["平均星级"] == 0 for r in theirs)
    assert all(isinstance(r["村级举措完成率"], (int, float)) and isinstance(r["平均星级"], (int, float)) for r in rows)


def test_a_village_with_no_cadre_with_stars_is_ranked_by_zero_stars_but_shown_as_having_none(
        tmp_path, policy, registry, county_q3):
    # (R98) a village whose roster rows were all left out showed 平均星级 0.00 as if its cadres had none
    import dataclasses

    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.sample.outcome import build_outcome

    town = "东会乡"
    sub = county_q3[town]
    village = sub.cadres[0].village
    gone = {c.person_id for c in sub.cadres if c.village == village}
    emptied = dataclasses.replace(sub, cadres=[c for c in sub.cadres if c.person_id not in gone],
                                  scores=[x for x in sub.scores if x.person_id not in gone],
                                  honours=[x for x in sub.honours if x.person_id not in gone],
                                  deductions=[x for x in sub.deductions if x.person_id not in gone])
    outcome = build_outcome(policy, registry, Quarter(2022, 3), {**county_q3, town: emptied})
    path = tmp_path / "r.xlsx"
    write_report(outcome, policy, registry, path, generated_at=AT)
    rows = _data(load_values(path)["村排名"])
    (row,) = [r for r in rows if (r["乡镇"], r["村(社区)"]) == (town, village)]
    assert row["说明"] == "无定星人员，平均星级按 0 星排名" and row["平均星级"] == 0
    assert isinstance(row["村级举措完成率"], float)
    # ranked as 0 stars: below every village of the same rate that has cadres with stars
    (ranked,) = [v for v in outcome.villages if (v.township, v.village) == (town, village)]
    assert ranked.counted == 0 and ranked.mean_stars == 0
    counted = {(v.township, v.village): v.counted for v in outcome.villages}
    assert all((r["说明"] == "无定星人员，平均星级按 0 星排名") == (counted[r["乡镇"], r["村(社区)"]] == 0) for r in rows)


def test_a_veto_outside_the_window_is_listed_as_not_counted(q4_book):
    # (review R73) 撤销党内职务 of 13 months ago sat under 一票否决 beside a rated cadre
    vetoed = {(c["乡镇"], c["村(社区)"], c["姓名"], c["身份证号"]) for c in _data(q4_book["村干部星级"])
              if c["状态"] == "取消评星"}
    rows = [r for r in _data(q4_book["降星与否决"]) if r["类别"].startswith("一票否决")]
    counted = [r for r in rows if r["类别"] == "一票否决"]
    assert counted and all((r["乡镇"], r["村(社区)"], r["姓名"], r["身份证号"]) in vetoed for r in counted)
    expired = [r for r in rows if r["类别"] == "一票否决（不在考核期内，不计）"]
    assert expired and all("不计" in r["事项与处理"] and r["降星"] in (0, None) for r in expired)


def test_no_cell_of_the_report_invites_excel_to_turn_an_id_into_a_number(q3_book):
    # (review R73) an unmasked ID is text: Excel's "number stored as text" flag offers a click
    # that makes it a number and rounds it to 15 digits; every sheet's table switches it off
    path, _wb = q3_book
    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        flagged = [n for n in parts if b'numberStoredAsText="1"' in z.read(n)]
    assert len(flagged) == len(parts) - 1  # all but 总览, which is no table


def test_a_large_report_is_streamed_and_reads_the_same_as_a_county_sized_one(tmp_path, q3_book, outcome_q3, policy,
                                                                           registry, monkeypatch):
    # a county's report is kept in memory until written (faster); above STREAM_FROM_CADRES it
    # streams row by row (bounded memory): the two workbooks hold the same cells
    from xingxian_cli.io import report_writer

    small, _wb = q3_book  # the county-sized one, written in memory
    large = tmp_path / "large.xlsx"
    monkeypatch.setattr(report_writer, "STREAM_FROM_CADRES", 10)
    write_report(outcome_q3, policy, registry, large, generated_at=AT, county="兴县")
    with zipfile.ZipFile(small) as a, zipfile.ZipFile(large) as b:
        assert "xl/sharedStrings.xml" in a.namelist() and b"inlineStr" in b.read("xl/worksheets/sheet5.xml")
    one, two = load_values(small), load_values(large)
    assert one.sheetnames == two.sheetnames
    for name in one.sheetnames:
        assert [list(r) for r in one[name].iter_rows(values_only=True)] == \
            [list(r) for r in two[name].iter_rows(values_only=True)], name


def test_figures_are_shown_to_the_decimals_the_policy_ranks_and_rates_by(policy, registry, county_q3, tmp_path):
    # (review R79) a policy ranking by composites of three places had them shown with two in the
    # workbook: two cadres ranked apart looked equal
    from tests.report.conftest import Q3, build_outcome

    sr = policy.star_rules.model_copy(update={"composite_decimals": 3})
    done = policy.completion.model_copy(update={"rate_decimals": 3, "mean_stars_decimals": 1})
    other = policy.model_copy(update={"star_rules": sr, "completion": done})
    outcome = build_outcome(other, registry, Q3, county_q3)
    path = tmp_path / "r.xlsx"
    write_report(outcome, other, registry, path)
    wb = openpyxl.load_workbook(path, read_only=True)  # formats of the first row only: no need to read every cell
    header, first = wb["村干部星级"].iter_rows(min_row=2, max_row=3)
    composite = first[[c.value for c in header].index("综合分")]
    assert composite.number_format == "0.000"
    assert composite.value == float(outcome.cadres[0].composite)  # ranked by three places, shown with three
    header, first = wb["村排名"].iter_rows(min_row=2, max_row=3)
    header = [c.value for c in header]
    assert first[header.index("村级举措完成率")].number_format == "0.0%"
    assert first[header.index("平均星级")].number_format == "0.0"  # mean stars, one place
    wb.close()


def test_deductions_are_titled_by_the_number_of_the_policys_measures(policy, registry, county_q3, tmp_path):
    # (review R80) "三项措施降星" under a county policy of four deduction measures
    from tests.report.conftest import Q3, build_outcome

    sr = policy.star_rules
    four = dict(sr.deductions.measures)
    four["信访问题"] = sr.deductions.measures["负面情形"].model_copy()
    other = policy.model_copy(update={"star_rules": sr.model_copy(update={
        "deductions": sr.deductions.model_copy(update={"measures": four})})})
    outcome = build_outcome(other, registry, Q3, county_q3)
    path = tmp_path / "r.xlsx"
    write_report(outcome, other, registry, path)
    wb = load_values(path)
    kinds = {r[4] for r in wb["降星与否决"].iter_rows(min_row=3, values_only=True) if r and r[4]}
    assert "四项措施降星" in kinds and "三项措施降星" not in kinds
    basis = {r[4] for r in wb["评星依据"].iter_rows(min_row=3, values_only=True) if r and r[4]}
    assert "三项措施降星" not in basis  # (the default policy's three: test_deduction_sheet_lists_every_deduction_and_veto)


def test_an_overview_cell_names_at_most_forty_townships_and_points_at_the_ranking_for_the_rest():
    # (review R106) a prefecture's 150 names need a row taller than Excel's 409 points
    from xingxian_cli.io.report_writer import _names

    names = [f"乡镇{i}" for i in range(150)]
    assert _names(names) == "150 个：" + "、".join(names[:40]) + " 等（全部见“乡镇排名”）"
    assert _names(names[:15]) == "15 个：" + "、".join(names[:15])
