"""A new registry loaded (a village added, renamed or moved): a closed quarter keeps the
registry its stored (and paid) results were scored by — its rates, ranks, report and late
corrections — until the officer rescores it; quarters never closed follow the new one."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
from xlsx_values import load_values

from xingxian_cli.services.context import open_context


def _registry_text() -> str:
    return files("xingxian_cli.data").joinpath("registry_default.csv").read_text(encoding="utf-8")


def _rates(xx, ws, quarter: str) -> dict[str, tuple[object, object]]:
    doc = json.loads(xx("-w", ws, "score", "-q", quarter, "-f", "json").out)
    return {t["township"]: (t["completion_rate"], t["rank"]) for t in doc["townships"]}


def _add_village(xx, ws, tmp_path) -> None:
    text = _registry_text()
    added = tmp_path / "新名录.csv"
    added.write_text(text.rstrip("\n") + "\n康宁镇,新建村,村,\n", encoding="utf-8-sig")  # saved by Excel: a BOM
    r = xx("-w", ws, "registry", "import", added)
    assert r.code == 0 and "已结账的季度 2022Q3 仍按保存结果时的名录" in r.out.replace("\n", ""), r


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_new_village_leaves_the_paid_quarters_rates_and_ranks_as_paid(xx, q3_paid, sample_dir, tmp_path):
    ws = q3_paid
    paid = _rates(xx, ws, "2022Q3")
    _add_village(xx, ws, tmp_path)
    r = xx("-w", ws, "score", "-q", "2022Q3")
    said = r.err.replace("\n", "")
    assert r.code == 0 and "结果未变" in r.out
    assert "按本季度保存结果时的名录（15 个乡镇、253 个村(社区)）" in said and "15 个乡镇、254 个村(社区)" in said
    assert "xx score --quarter 2022Q3 --rescore" in said
    assert _rates(xx, ws, "2022Q3") == paid

    out = tmp_path / "r.xlsx"
    assert xx("-w", ws, "report", "-q", "2022Q3", "-o", out).code == 0
    overview = {row[0]: row[1] for row in load_values(out)["总览"].iter_rows(min_row=3, values_only=True)
                if row[0]}
    assert "253 个村(社区)" in overview["所用名录"]
    # the next quarter has no stored results: scored by the new registry, 新建村 counted 0
    assert xx("-w", ws, "import", sample_dir / "2022Q4", "--quarter", "2022Q4").code == 0
    q4 = xx("-w", ws, "score", "-q", "2022Q4", "-f", "json")
    assert "名录" not in q4.err
    doc = json.loads(q4.out)
    assert any(v["village"] == "新建村" for v in doc["villages"])


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_explaining_a_village_added_since_a_quarter_was_paid_says_it_is_not_in_that_quarters_registry(
        xx, q3_paid, tmp_path):
    # (review R92) not "no such cadre, township or village": it is in the workspace's registry
    _add_village(xx, q3_paid, tmp_path)
    r = xx("-w", q3_paid, "score", "-q", "2022Q3", "--explain", "新建村")
    said = r.err.replace("\n", "")
    assert r.code == 2 and "“新建村”是工作区现在的名录中的村(社区)，但 2022Q3 保留了保存结果时所用的名录" in said, said
    assert "xx score --quarter 2022Q3 --rescore" in said and "找不到" not in said
    # (review R93) a township added since, given to --township
    text = _registry_text()
    (tmp_path / "又一个.csv").write_text(text.rstrip("\n") + "\n康宁镇,新建村,村,\n新兴乡,新兴村,村,\n", encoding="utf-8")
    assert xx("-w", q3_paid, "registry", "import", tmp_path / "又一个.csv").code == 0
    r = xx("-w", q3_paid, "score", "-q", "2022Q3", "--township", "新兴乡")
    said = r.err.replace("\n", "")
    assert r.code == 2 and "“新兴乡”是工作区现在的名录中的乡镇，但 2022Q3 保留了保存结果时所用的名录" in said, said


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_rescore_applies_the_new_registry_once_asked_and_keeps_it_after(xx, q3_paid, tmp_path):
    ws = q3_paid
    paid = _rates(xx, ws, "2022Q3")
    _add_village(xx, ws, tmp_path)
    r = xx("-w", ws, "score", "-q", "2022Q3", "--rescore")
    assert r.code == 0 and "按本季度保存结果时的名录" not in r.err.replace("\n", "")
    assert _rates(xx, ws, "2022Q3")["康宁镇"] != paid["康宁镇"]  # 新建村 counts 0 now
    again = xx("-w", ws, "score", "-q", "2022Q3")
    assert "结果未变" in again.out and "按本季度保存结果时的名录" not in again.err.replace("\n", "")


def test_a_late_correction_to_a_closed_quarter_is_checked_against_its_own_villages(xx, q3_paid, sample_dir, tmp_path):
    ws = q3_paid
    renamed = tmp_path / "改名.csv"
    renamed.write_text(_registry_text().replace("蔚汾镇,城东社区,", "蔚汾镇,城东新社区,"), encoding="utf-8")
    assert xx("-w", ws, "registry", "import", renamed, "--force").code == 0
    # 2022Q3's file names 城东社区, a village of the registry 2022Q3 was scored by
    for args in (("validate", sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx", "-q", "2022Q3"),
                 ("validate", sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx")):
        r = xx("-w", ws, *args)
        assert r.code == 0 and "unknown-village" not in r.out, args
        assert "按本季度保存结果时的名录" in r.err.replace("\n", ""), args  # with or without --quarter
    # 2022Q4, never scored, follows the new registry: 城东社区 is no village of it
    r = xx("-w", ws, "validate", sample_dir / "2022Q4" / "蔚汾镇_2022Q4.xlsx", "-q", "2022Q4", "-f", "json")
    codes = {d["code"] for f in json.loads(r.out)["files"] for d in f["diagnostics"]}
    assert r.code == 1 and "unknown-village" in codes


def test_a_run_stored_before_schema_8_gets_the_registry_it_was_scored_by_recorded(xx, q3_paid, tmp_path):
    from sqlalchemy import update

    from xingxian_cli.io.store import score_run

    ws = q3_paid
    with open_context(ws) as ctx, ctx.store._begin() as c:
        c.execute(update(score_run).values(registry=None))  # as schema 7 stored it
    assert "结果未变" in xx("-w", ws, "score", "-q", "2022Q3").out  # viewed: recorded (its inputs match)
    with open_context(ws) as ctx:
        run = ctx.store.run_policy("2022Q3")
        assert run is not None and run.registry is not None and "城东社区" in run.registry
    paid = _rates(xx, ws, "2022Q3")
    _add_village(xx, ws, tmp_path)
    assert _rates(xx, ws, "2022Q3") == paid


@pytest.mark.both_engines  # PostgreSQL too: stored registries
def test_an_upgraded_workspaces_closed_quarter_keeps_the_registry_a_new_one_replaces(xx, q3_paid, tmp_path):
    """A run stored before schema 8 has no registry: loading a new registry right after the
    upgrade records the one it replaces on the closed quarter, which keeps it (review R40)."""
    from sqlalchemy import update

    from xingxian_cli.io.store import score_run

    ws = q3_paid
    paid = _rates(xx, ws, "2022Q3")
    with open_context(ws) as ctx, ctx.store._begin() as c:
        c.execute(update(score_run).values(registry=None, inputs_hash="0" * 64))  # as an older tool stored it
    _add_village(xx, ws, tmp_path)
    r = xx("-w", ws, "score", "-q", "2022Q3")
    assert "按本季度保存结果时的名录（15 个乡镇、253 个村(社区)）" in r.err.replace("\n", "")
    assert _rates(xx, ws, "2022Q3") == paid
    doc = json.loads(xx("-w", ws, "score", "-q", "2022Q3", "-f", "json").out)
    assert doc["workspace_registry"] == {"townships": 15, "villages": 254}


def test_a_registry_loaded_again_in_another_order_or_with_codes_is_no_other_registry(xx, q3_paid, tmp_path):
    ws = q3_paid
    lines = _registry_text().splitlines()
    shuffled = tmp_path / "重排.csv"
    shuffled.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")
    assert xx("-w", ws, "registry", "import", shuffled).code == 0
    r = xx("-w", ws, "score", "-q", "2022Q3")
    assert r.code == 0 and "名录" not in r.err.replace("全县的结果与", "").replace("方案、名录", "")
    doc = json.loads(xx("-w", ws, "score", "-q", "2022Q3", "-f", "json").out)
    assert doc["workspace_registry"] is None


def test_status_of_a_closed_quarter_lists_the_townships_it_was_scored_by(xx, q3_paid, tmp_path):
    ws = q3_paid
    grown = tmp_path / "新乡.csv"
    grown.write_text(_registry_text().rstrip("\n") + "\n新乡,新村,村,\n", encoding="utf-8")
    assert xx("-w", ws, "registry", "import", grown).code == 0
    said = xx("-w", ws, "status", "-q", "2022Q3").out
    assert "新乡" not in said and "已报送 15/15" in said
    assert "新乡" in xx("-w", ws, "status", "-q", "2022Q4").out  # a quarter not closed: the new registry


def test_init_with_a_registry_on_an_existing_workspace_keeps_the_closed_quarters_as_paid(xx, q3_paid, tmp_path):
    """The other way of replacing the registry (review R42), on an upgraded workspace too."""
    from sqlalchemy import update

    from xingxian_cli.io.store import score_run

    ws = q3_paid
    paid = _rates(xx, ws, "2022Q3")
    with open_context(ws) as ctx, ctx.store._begin() as c:
        c.execute(update(score_run).values(registry=None, inputs_hash="0" * 64))  # as an older tool stored it
    grown = tmp_path / "新城.csv"
    grown.write_text(_registry_text().rstrip("\n") + "\n新城街道,新城社区,社区,\n", encoding="utf-8")
    r = xx("init", ws, "--registry", grown)
    assert r.code == 0 and "已结账的季度 2022Q3 仍按保存结果时的名录" in r.out.replace("\n", ""), r
    assert _rates(xx, ws, "2022Q3") == paid
    assert "已报送 15/15" in xx("-w", ws, "status", "-q", "2022Q3").out


def test_a_village_turned_from_村_into_社区_is_another_registry_for_a_closed_quarter(xx, q3_paid, tmp_path):
    ws = q3_paid
    text = _registry_text()
    line = next(x for x in text.splitlines() if x.split(",")[2:3] == ["村"])
    kind = tmp_path / "类型.csv"
    kind.write_text(text.replace(line, line.replace(",村,", ",社区,", 1)), encoding="utf-8")
    r = xx("-w", ws, "registry", "import", kind)
    assert "已结账的季度 2022Q3 仍按" in r.out.replace("\n", "")
    said = xx("-w", ws, "score", "-q", "2022Q3").err.replace("\n", "")
    assert "15 个乡镇、253 个村(社区)，但村(社区)的名称、归属或类型不同" in said


@pytest.mark.sqlite_only  # what is shown or written to files: the database engine plays no part (CI time)
def test_a_registry_loaded_again_in_another_order_keeps_the_paid_layout_without_a_note(xx, q3_paid, tmp_path):
    ws = q3_paid
    before = tmp_path / "before.xlsx"
    assert xx("-w", ws, "report", "-q", "2022Q3", "-o", before).code == 0
    lines = _registry_text().splitlines()
    shuffled = tmp_path / "重排.csv"
    shuffled.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")
    r = xx("-w", ws, "registry", "import", shuffled)
    assert r.code == 0 and "已结账" not in r.out and "注意" not in r.out
    after = tmp_path / "after.xlsx"
    shown = xx("-w", ws, "report", "-q", "2022Q3", "-o", after)
    assert "名录" not in shown.err

    def payroll(path):
        return [row for row in load_values(path)["报酬发放表"].iter_rows(values_only=True)][2:40]

    assert payroll(before) == payroll(after)


def test_a_registry_loaded_back_as_it_was_is_not_said_to_be_kept(xx, q3_paid, tmp_path):
    ws = q3_paid
    _add_village(xx, ws, tmp_path)
    back = tmp_path / "原名录.csv"
    back.write_text(_registry_text(), encoding="utf-8")
    r = xx("-w", ws, "registry", "import", back)
    assert r.code == 0 and "已结账" not in r.out and "注意" not in r.out


def test_cadres_of_a_village_renamed_while_their_quarter_is_open_are_listed_under_its_new_name_and_not_moved(
        xx, q3_paid, sample_dir, tmp_path):
    # (review R126) 城关村 became 城关社区 (村改居, the same code) with 2022Q4 still open: its
    # cadres were told "由城关社区调入" to the old name, and explaining 城关社区 found none
    assert xx("-w", q3_paid, "import", sample_dir / "2022Q4" / "蔚汾镇_2022Q4.xlsx", "-q", "2022Q4").code == 0
    renamed = tmp_path / "新名录.csv"
    text = _registry_text()
    assert "蔚汾镇,城关村,村," in text
    renamed.write_text(text.replace("蔚汾镇,城关村,村,", "蔚汾镇,城关社区,社区,"), encoding="utf-8")
    assert xx("-w", q3_paid, "registry", "import", renamed).code == 0
    doc = json.loads(xx("-w", q3_paid, "score", "-q", "2022Q4", "-f", "json").out)
    theirs = [c for c in doc["cadres"] if c["township"] == "蔚汾镇" and "城关" in c["village"]]
    assert theirs and {c["village"] for c in theirs} == {"城关社区"}
    assert not [c for c in theirs if c.get("moved_from")], theirs[0]
    said = "".join(xx("-w", q3_paid, "score", "-q", "2022Q4", "--explain", "城关社区").out.split())
    assert "没有已定星或取消评星的村干部" not in said and f"÷{len(theirs)}" in said, said
    # (review R128) nor are they warned, in the report's issues, of a village other than last quarter's
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.services.scoring import score_quarter

    ctx = open_context(q3_paid)
    try:
        o = score_quarter(ctx, Quarter(2022, 4), store=False)
    finally:
        ctx.close()
    assert {c["township"] for c in doc["cadres"]} == {"蔚汾镇"} and o.warning_townships
    assert not [w for w in o.warnings if w.code == "village-changed"]
    # nor is the next quarter's workbook that writes the new name, as the template fills it in
    book = _sample_book_with(sample_dir, tmp_path, "蔚汾镇", "2022Q4", "城关村", "城关社区")
    r = xx("-w", q3_paid, "validate", book, "-q", "2022Q4", "-f", "json")
    codes = [p["code"] for f in json.loads(r.out)["files"] for p in f["diagnostics"]]
    assert r.code == 0 and "village-changed" not in codes and "unknown-village" not in codes, codes


def test_a_workbook_still_writing_a_renamed_villages_former_name_is_told_its_new_name(xx, q3_paid, sample_dir,
                                                                                     tmp_path):
    # (review R126) 城关村 became 晋绥社区 (the same code): the clerk was told "是不是北关村、南关村、
    # 西关村之一", and one following it would have put eight cadres in another village
    renamed = tmp_path / "新名录.csv"
    renamed.write_text(_registry_text().replace("蔚汾镇,城关村,村,", "蔚汾镇,晋绥社区,社区,"), encoding="utf-8")
    assert xx("-w", q3_paid, "registry", "import", renamed).code == 0
    r = xx("-w", q3_paid, "validate", sample_dir / "2022Q4" / "蔚汾镇_2022Q4.xlsx", "-q", "2022Q4", "-f", "json")
    problems = [p for f in json.loads(r.out)["files"] for p in f["diagnostics"] if p["value"] == "城关村"]
    assert r.code == 1 and problems and {p["code"] for p in problems} == {"unknown-village"}
    assert all("已改名为“晋绥社区”" in p["hint"] and "北关村" not in p["hint"] for p in problems), problems[0]


def _sample_book_with(sample_dir: Path, folder: Path, township: str, quarter: str, old: str, new: str) -> Path:
    """The township's sample workbook of ``quarter`` with every cell reading ``old`` reading ``new``."""
    import openpyxl

    path = folder / f"{township}_{quarter}.xlsx"
    wb = openpyxl.load_workbook(sample_dir / quarter / path.name)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == old:
                    cell.value = new
    wb.save(path)
    return path


@pytest.mark.sqlite_only
def test_explaining_a_closed_quarters_village_by_the_name_it_was_renamed_to_since_gives_the_name_it_had(
        xx, q3_paid, tmp_path):
    # (review R128) "它是后来加进名录的" of a village only renamed (the same 区划代码)
    (tmp_path / "改名.csv").write_text(_registry_text().replace("蔚汾镇,城西社区,", "蔚汾镇,西城社区,"), encoding="utf-8")
    assert xx("-w", q3_paid, "registry", "import", tmp_path / "改名.csv", "--force").code == 0
    r = xx("-w", q3_paid, "score", "-q", "2022Q3", "--explain", "西城社区")
    said = r.err.replace("\n", "").replace("│", "").replace(" ", "")
    assert r.code == 2 and "由蔚汾镇的“城西社区”改名而来的" in said and "后来加进名录" not in said, said
    assert "xxscore--quarter2022Q3--explain城西社区" in said
    assert xx("-w", q3_paid, "score", "-q", "2022Q3", "--explain", "城西社区").code == 0
