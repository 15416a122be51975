"""A file checked against what earlier quarters said. A deduction listed again with its
处理结果 or 文号 written otherwise is, by §4a's key, a second event that deducts again; a
任职起始日期 that moved (a promotion entered with the new post's date) restarts tenure:
validate and import warn of both, naming the earlier report, and say nothing of rows as
they were."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import date

import pytest

from xingxian_cli.domain.facts import Deduction
from xingxian_cli.domain.period import Quarter

TOWNSHIP = "蔚汾镇"


def _book(county, tmp_path, policy, registry, quarter: Quarter, deductions: list[tuple[str | None, str | None]],
          start: date | None = None, day: date = date(2022, 8, 15), village: str | None = None):
    """The township's workbook of ``quarter`` (its 2022Q3 roster, from ``county``) with its first
    cadre's 考核问责 of 2022-08-15 listed once per (处理结果, 文号) given (and ``start`` as their
    任职起始日期, when given)."""
    from xingxian_cli.sample.generator import book_from_submission, write_book

    sub = copy.deepcopy(county[TOWNSHIP])
    sub.quarter = str(quarter)
    who = sub.cadres[0]
    if start is not None:
        sub.cadres[0] = who = dataclasses.replace(who, start_date=start)
    if village is not None:
        sub.cadres[0] = dataclasses.replace(sub.cadres[0], village=village)
    sub.deductions = [d for d in sub.deductions if d.person_id != who.person_id]
    for outcome, doc in deductions:
        sub.deductions.append(Deduction(who.person_id, who.name, "考核问责", "重点任务未完成", outcome, day, doc))
    path = tmp_path / str(quarter) / f"{TOWNSHIP}_{quarter}.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_book(book_from_submission(sub, policy), path, policy=policy, registry=registry), who


@pytest.fixture
def q3_imported(xx, tmp_path, policy, registry, q3_county):
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    path, who = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 3), [(None, "兴组通〔2022〕5号")])
    assert xx("-w", ws, "import", path, "--quarter", "2022Q3").code == 0
    return ws, who


def _scored_warnings(ws, code: str) -> list[str]:
    """The messages of ``code`` among the warnings 2022Q4's score (and report) gives."""
    from xingxian_cli.services.context import open_context
    from xingxian_cli.services.scoring import score_quarter

    with open_context(ws) as ctx:
        return [w.message for w in score_quarter(ctx, Quarter(2022, 4), store=False).warnings if w.code == code]


def _relisted(doc: dict, code: str = "deduction-relisted-differs") -> list[dict]:
    return [d for f in doc["files"] for d in f["diagnostics"] if d["code"] == code]


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines in tests/store (CI time)
def test_an_outcome_filled_in_when_relisting_is_warned_of_at_validate_and_import(xx, q3_imported, tmp_path, policy,
                                                                                registry, q3_county):
    ws, who = q3_imported
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [("通报批评", "兴组通〔2022〕5号")])
    r = xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json")
    assert r.code == 0  # a warning: the file is fine to import
    (d,) = _relisted(json.loads(r.out))
    assert d["severity"] == "warning" and d["sheet"] == "降星事项" and d["row"] and d["value"] == "通报批评"
    assert "2022Q3" in d["message"] and "2022-08-15" in d["message"] and "处理结果空着" in d["message"]
    assert f"{TOWNSHIP}_2022Q3.xlsx" in d["message"] and "再降一次星" in d["message"]
    assert xx("-w", ws, "import", path, "--quarter", "2022Q4").code == 0
    # kept with the submission's warnings: in the score's JSON-free outputs, and validate again says it
    again = xx("-w", ws, "validate", path, "-f", "json")  # the hint the import gives (no --quarter)
    assert [x["row"] for x in _relisted(json.loads(again.out))] == [d["row"]]
    from xingxian_cli.services.context import open_context

    with open_context(ws) as ctx:  # not stored with the submission (it follows 2022Q3, which may change) …
        stored = [w for _t, w in ctx.store.quarter_facts("2022Q4").warnings if w.code == "deduction-relisted-differs"]
    assert stored == []
    # … but worked out when the quarter is scored: the report's issue sheet lists it
    assert len(_scored_warnings(ws, "deduction-relisted-differs")) == 1
    # and what it warned of is what scoring does: two 考核问责, two stars off
    cadre = json.loads(xx("-w", ws, "score", "-q", "2022Q4", "--explain", who.person_id, "-f", "json",
                          "--unmask", "--allow-missing").out)
    assert sum(1 for rule in cadre["rules"] if rule["delta"] == -1 and "考核问责" in rule["text"]) == 2


@pytest.mark.parametrize("relisted", [(None, "兴组通〔2022〕5号"), ("  ", "兴组通(2022)5号"), (None, "兴组通〔2022〕5号 ")],
                         ids=["as-it-was", "blank-spaces-and-brackets", "trailing-space"])
@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_deduction_relisted_as_it_was_is_no_warning_and_counts_once(xx, q3_imported, tmp_path, policy, registry,
                                                                      q3_county, relisted):
    ws, who = q3_imported
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [relisted])
    r = xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json")
    assert r.code == 0 and _relisted(json.loads(r.out)) == [] == _relisted(json.loads(r.out), "start-date-changed")
    assert xx("-w", ws, "import", path, "--quarter", "2022Q4").code == 0
    cadre = json.loads(xx("-w", ws, "score", "-q", "2022Q4", "--explain", who.person_id, "-f", "json",
                          "--unmask", "--allow-missing").out)
    assert sum(1 for rule in cadre["rules"] if rule["delta"] == -1 and "考核问责" in rule["text"]) == 1


def test_another_document_number_is_named_as_what_differs(xx, q3_imported, tmp_path, policy, registry, q3_county):
    ws, _who = q3_imported
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [(None, "兴组通〔2022〕6号")])
    (d,) = _relisted(json.loads(xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json").out))
    assert d["value"] == "兴组通〔2022〕6号" and "本行的文号与之不同" in d["message"]


@pytest.mark.both_engines  # PostgreSQL too: earlier quarters read back
def test_a_start_date_moved_since_the_last_quarter_is_warned_of_and_tenure_restarts(xx, q3_imported, tmp_path, policy,
                                                                                    registry, q3_county):
    ws, who = q3_imported
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [(None, "兴组通〔2022〕5号")],
                    start=date(2022, 8, 1))
    r = xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json")
    assert r.code == 0
    (d,) = _relisted(json.loads(r.out), "start-date-changed")
    assert d["sheet"] == "村干部名册" and d["row"] == 2 and d["value"] == "2022-08-01" and d["header"] == "任职起始日期"
    assert d["column"] == "E"  # the cell, as every other problem names it
    assert f"2022Q3 报的任职起始日期是 {who.start_date.isoformat()}" in d["message"]
    assert "不满 1 年为未定星" in d["message"]  # the policy's min_tenure_years, not a word in code (R109)
    assert xx("-w", ws, "import", path, "--quarter", "2022Q4").code == 0
    cadre = json.loads(xx("-w", ws, "score", "-q", "2022Q4", "--explain", who.person_id, "-f", "json",
                          "--unmask", "--allow-missing").out)
    assert cadre["status"] == "unrated"  # what it warned of: under a year in post by the new date


def test_a_cadre_in_another_village_of_the_township_than_last_quarter_is_warned_of(xx, q3_imported, tmp_path, policy,
                                                                                   registry, q3_county):
    # (review R91) put under the wrong village, their stars count in its ranking, and in the
    # bonus quarter its income pays them
    ws, who = q3_imported
    other = next(v for v in registry.village_names(TOWNSHIP) if v != who.village)
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [(None, "兴组通〔2022〕5号")], village=other)
    r = xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json")
    assert r.code == 0
    (d,) = _relisted(json.loads(r.out), "village-changed")
    assert (d["sheet"], d["row"], d["column"], d["value"]) == ("村干部名册", 2, "A", other)
    assert f"2022Q3 此人在“{who.village}”" in d["message"] and d["severity"] == "warning"
    same, _ = _book(q3_county, tmp_path / "same", policy, registry, Quarter(2022, 4), [(None, "兴组通〔2022〕5号")])
    assert _relisted(json.loads(xx("-w", ws, "validate", same, "--quarter", "2022Q4", "-f", "json").out),
                     "village-changed") == []
    assert xx("-w", ws, "import", path, "--quarter", "2022Q4").code == 0
    assert len(_scored_warnings(ws, "village-changed")) == 1  # the report's issue sheet lists it too


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines in tests/store (CI time)
def test_the_annotated_copy_marks_the_moved_start_date_in_its_own_column(
        xx, q3_imported, tmp_path, policy, registry, q3_county):
    import openpyxl

    ws, _who = q3_imported
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [(None, "兴组通〔2022〕5号")],
                    start=date(2022, 8, 1))
    out = tmp_path / "退回"
    assert xx("-w", ws, "validate", path, "--quarter", "2022Q4", "--annotate", out).code == 0
    (copy,) = out.glob("*.xlsx")
    sheet = openpyxl.load_workbook(copy)["村干部名册"]
    column = next(c.column_letter for c in sheet[1] if c.value == "任职起始日期")
    marked = [c.coordinate for row in sheet.iter_rows(min_row=2, max_row=2) for c in row if c.comment]
    assert marked == [f"{column}2"] and "2022Q3 报的任职起始日期是" in sheet[f"{column}2"].comment.text


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_an_event_relisted_outside_this_quarters_window_is_no_warning(xx, tmp_path, policy, registry, q3_county):
    """Counted in 2022Q3, dated before 2022Q4's 12 months: it counts in neither Q4 row."""
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    old = date(2021, 10, 20)
    path, _who = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 3), [(None, None)], day=old)
    assert xx("-w", ws, "import", path, "--quarter", "2022Q3").code == 0
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [("通报批评", None)], day=old)
    r = xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json")
    assert r.code == 0 and _relisted(json.loads(r.out)) == []


def test_a_dry_run_import_warns_as_the_import_does(xx, q3_imported, tmp_path, policy, registry, q3_county):
    import re

    ws, _who = q3_imported
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [("通报批评", "兴组通〔2022〕5号")],
                    start=date(2022, 8, 1))
    dry = xx("-w", ws, "import", path, "--quarter", "2022Q4", "--dry-run").out
    real = xx("-w", ws, "import", path, "--quarter", "2022Q4").out
    counted = [re.search(r"另有 (\d+) 条警告", out).group(1) for out in (dry, real)]
    assert counted[0] == counted[1]


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines in tests/store (CI time)
def test_the_reports_warnings_follow_an_earlier_quarter_corrected_after_the_later_was_imported(
        xx, q3_imported, tmp_path, policy, registry, q3_county):
    """The report's 校验问题 lists the relisted deductions as the history stands when scored:
    a 2022Q3 correction that now agrees with 2022Q4 takes the warning away, one that now
    disagrees brings one."""
    from xingxian_cli.domain.intake import RELISTED

    ws, _who = q3_imported
    q4, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [("通报批评", "兴组通〔2022〕5号")])
    assert xx("-w", ws, "import", q4, "--quarter", "2022Q4").code == 0

    assert len(_scored_warnings(ws, RELISTED)) == 1
    for outcome, expected in (("通报批评", 0), ("诫勉谈话", 1)):
        fixed, _ = _book(q3_county, tmp_path / outcome, policy, registry, Quarter(2022, 3), [(outcome, "兴组通〔2022〕5号")])
        assert xx("-w", ws, "import", fixed, "--quarter", "2022Q3").code == 0
        now = _scored_warnings(ws, RELISTED)
        assert len(now) == expected and all("诫勉谈话" in m for m in now)


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines in tests/store (CI time)
def test_the_reports_start_date_warnings_follow_an_earlier_quarter_corrected_later(xx, q3_imported, tmp_path, policy,
                                                                                   registry, q3_county):
    ws, _who = q3_imported
    moved = date(2022, 8, 1)
    q4, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [(None, "兴组通〔2022〕5号")], start=moved)
    assert xx("-w", ws, "import", q4, "--quarter", "2022Q4").code == 0

    assert len(_scored_warnings(ws, "start-date-changed")) == 1
    # 2022Q3 corrected to the same date: the warning goes; to yet another one: it names that
    for start, expected in ((moved, 0), (date(2022, 7, 1), 1)):
        fixed, _ = _book(q3_county, tmp_path / str(start), policy, registry, Quarter(2022, 3), [(None, "兴组通〔2022〕5号")],
                         start=start)
        assert xx("-w", ws, "import", fixed, "--quarter", "2022Q3").code == 0
        now = _scored_warnings(ws, "start-date-changed")
        assert len(now) == expected and all("2022-07-01" in m for m in now)


@pytest.mark.sqlite_only  # the annotated copy: the database engine plays no part (CI time)
def test_the_annotated_copy_finds_the_column_under_the_name_the_township_gave_it(xx, q3_imported, tmp_path, policy,
                                                                                registry, q3_county):
    import openpyxl

    ws, _who = q3_imported
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [(None, "兴组通〔2022〕5号")],
                    start=date(2022, 8, 1))
    book = openpyxl.load_workbook(path)
    roster = book["村干部名册"]
    heading = next(c for c in roster[1] if c.value == "任职起始日期")
    heading.value = "任職時間"  # an alias, in Traditional characters
    book.save(path)
    out = tmp_path / "退回"
    assert xx("-w", ws, "validate", path, "--quarter", "2022Q4", "--annotate", out).code == 0
    sheet = openpyxl.load_workbook(next(out.glob("*.xlsx")))["村干部名册"]
    marked = [c.coordinate for c in sheet[2] if c.comment]
    assert marked == [f"{heading.column_letter}2"]
    (d,) = _relisted(json.loads(xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json").out),
                     "start-date-changed")
    assert (d["column"], d["header"]) == (heading.column_letter, "任職時間")  # as the file has it


@pytest.mark.parametrize(("now", "effect"), [("严重警告", "再降一次星"), ("留党察看", "按本行的处理结果一票否决")])
def test_a_relisted_deduction_says_what_its_outcome_does(policy, now, effect):
    from xingxian_cli.domain.intake import against_earlier, earlier_facts

    told = earlier_facts([("141123198001010015", "违纪违法", "警告", date(2022, 8, 1), "兴纪发〔2022〕1号", "2022Q3",
                           "蔚汾镇_2022Q3.xlsx")], [])
    (w,) = against_earlier("蔚汾镇_2022Q4.xlsx", [], [("141123198001010015", "违纪违法", now, date(2022, 8, 1),
                                                      "兴纪发〔2022〕1号", "降星事项", 3)], told, policy, Quarter(2022, 4))
    assert effect in w.message and (w.sheet, w.row, w.value) == ("降星事项", 3, now)


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_file_with_errors_hears_of_its_earlier_quarter_warnings_in_the_same_reply(xx, q3_imported, tmp_path, policy,
                                                                                   registry, q3_county):
    ws, _who = q3_imported
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [("通报批评", "兴组通〔2022〕5号")],
                    start=date(2022, 8, 1))
    import openpyxl

    book = openpyxl.load_workbook(path)
    scores = book["六大体系评分"]
    scores.cell(3, 3).value = 150  # one score out of range: the file is refused
    book.save(path)
    r = xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json")
    doc = json.loads(r.out)
    assert r.code == 1 and [d["code"] for f in doc["files"] for d in f["diagnostics"] if d["severity"] == "error"]
    assert len(_relisted(doc)) == 1 and len(_relisted(doc, "start-date-changed")) == 1


def _refused(county, tmp_path, policy, registry):
    """蔚汾镇's 2022Q4 file with a moved start date, a relisted deduction and one score out of range."""
    import openpyxl

    path, _ = _book(county, tmp_path, policy, registry, Quarter(2022, 4), [("通报批评", "兴组通〔2022〕5号")],
                    start=date(2022, 8, 1))
    book = openpyxl.load_workbook(path)
    book["六大体系评分"].cell(3, 3).value = 150
    book.save(path)
    return path


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_refused_file_among_several_checked_in_parallel_still_hears_of_them(xx, q3_imported, tmp_path, policy,
                                                                             registry, q3_county, sample_dir):
    import shutil

    ws, _who = q3_imported
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(_refused(q3_county, tmp_path, policy, registry), inbox)
    for other in ("东会乡", "固贤乡", "康宁镇"):  # four files: checked by the process pool
        shutil.copy(sample_dir / "2022Q4" / f"{other}_2022Q4.xlsx", inbox)
    doc = json.loads(xx("-w", ws, "validate", inbox, "--quarter", "2022Q4", "-f", "json").out)
    mine = [f for f in doc["files"] if "蔚汾镇" in f["path"]]
    assert len(mine) == 1 and not mine[0]["valid"]
    assert {d["code"] for d in mine[0]["diagnostics"]} >= {"deduction-relisted-differs", "start-date-changed"}


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines in tests/store (CI time)
def test_a_refused_files_import_reply_says_them_as_validate_does(
        xx, q3_imported, tmp_path, policy, registry, q3_county):
    import re

    ws, _who = q3_imported
    path = _refused(q3_county, tmp_path, policy, registry)
    counted = [re.search(r"另有 (\d+) 条警告", xx("-w", ws, "import", path, "--quarter", "2022Q4", *dry).out).group(1)
               for dry in (("--dry-run",), ())]
    assert counted[0] == counted[1]
    doc = json.loads(xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json").out)
    assert int(counted[1]) == sum(d["severity"] == "warning" for f in doc["files"] for d in f["diagnostics"])


@pytest.mark.sqlite_only  # checks and messages: the store's part is checked on both engines in tests/store (CI time)
def test_a_file_refused_only_across_files_still_hears_of_them_at_validate_dry_run_and_import(
        xx, q3_imported, tmp_path, policy, registry, q3_county, sample_dir):
    """Its own rows are fine, but another township lists its cadre too: both files are
    refused, and the clerk hears of the moved start date in the same reply, not only once
    the person is sorted out."""
    import re
    import shutil

    import openpyxl

    ws, who = q3_imported
    path, _ = _book(q3_county, tmp_path, policy, registry, Quarter(2022, 4), [("通报批评", "兴组通〔2022〕5号")],
                    start=date(2022, 8, 1))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(path, inbox)
    other = inbox / "东会乡_2022Q4.xlsx"
    shutil.copy(sample_dir / "2022Q4" / other.name, other)
    book = openpyxl.load_workbook(other)
    roster = book["村干部名册"]
    village = roster.cell(3, 1).value
    roster.append([village, who.name, who.person_id, "委员", date(2015, 3, 1)])
    book["六大体系评分"].append([who.person_id, who.name, *([80] * len(policy.systems))])
    book.save(other)
    doc = json.loads(xx("-w", ws, "validate", inbox, "--quarter", "2022Q4", "-f", "json").out)
    mine = next(f for f in doc["files"] if TOWNSHIP in f["path"])
    codes = [d["code"] for d in mine["diagnostics"]]
    assert not mine["valid"] and "person-in-two-townships" in codes
    assert {"deduction-relisted-differs", "start-date-changed"} <= set(codes)
    alone = json.loads(xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json").out)["files"][0]
    warned = sum(d["severity"] == "warning" for d in alone["diagnostics"])
    assert sum(d["severity"] == "warning" for d in mine["diagnostics"]) == warned
    for dry in (("--dry-run",), ()):
        out = xx("-w", ws, "import", inbox / path.name, inbox / other.name, "--quarter", "2022Q4", *dry).out
        block = out[out.index(path.name):]
        assert int(re.search(r"另有 (\d+) 条警告", block).group(1)) == warned, dry
