"""A deduction of an earlier quarter listed again with its 处理结果 or 文号 written otherwise
is, by §4a's key, a second event that deducts again: validate and import warn of it,
naming the earlier report, and say nothing of one listed again as it was."""

from __future__ import annotations

import json
from datetime import date

import pytest

from xingxian_cli.domain.facts import Deduction
from xingxian_cli.domain.period import Quarter

TOWNSHIP = "蔚汾镇"


def _book(tmp_path, policy, registry, quarter: Quarter, deductions: list[tuple[str | None, str | None]]):
    """The township's workbook of ``quarter`` (its 2022Q3 roster) with its first cadre's
    考核问责 of 2022-08-15 listed once per (处理结果, 文号) given."""
    from xingxian_cli.sample.generator import book_from_submission, generate_county, write_book

    sub = generate_county(policy, registry, Quarter(2022, 3), seed=2022)[TOWNSHIP]
    sub.quarter = str(quarter)
    who = sub.cadres[0]
    sub.deductions = [d for d in sub.deductions if d.person_id != who.person_id]
    for outcome, doc in deductions:
        sub.deductions.append(Deduction(who.person_id, who.name, "考核问责", "重点任务未完成", outcome, date(2022, 8, 15),
                                        doc))
    path = tmp_path / str(quarter) / f"{TOWNSHIP}_{quarter}.xlsx"
    path.parent.mkdir(exist_ok=True)
    return write_book(book_from_submission(sub, policy), path, policy=policy, registry=registry), who


@pytest.fixture
def q3_imported(xx, tmp_path, policy, registry):
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    path, who = _book(tmp_path, policy, registry, Quarter(2022, 3), [(None, "兴组通〔2022〕5号")])
    assert xx("-w", ws, "import", path, "--quarter", "2022Q3").code == 0
    return ws, who


def _relisted(doc: dict) -> list[dict]:
    return [d for f in doc["files"] for d in f["diagnostics"] if d["code"] == "deduction-relisted-differs"]


def test_an_outcome_filled_in_when_relisting_is_warned_of_at_validate_and_import(xx, q3_imported, tmp_path, policy,
                                                                                registry):
    ws, who = q3_imported
    path, _ = _book(tmp_path, policy, registry, Quarter(2022, 4), [("通报批评", "兴组通〔2022〕5号")])
    r = xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json")
    assert r.code == 0  # a warning: the file is fine to import
    (d,) = _relisted(json.loads(r.out))
    assert d["severity"] == "warning" and d["sheet"] == "降星事项" and d["row"] and d["value"] == "通报批评"
    assert "2022Q3" in d["message"] and "2022-08-15" in d["message"] and "处理结果空着" in d["message"]
    assert f"{TOWNSHIP}_2022Q3.xlsx" in d["message"] and "另行降星" in d["message"]
    assert xx("-w", ws, "import", path, "--quarter", "2022Q4").code == 0
    # kept with the submission's warnings: in the score's JSON-free outputs, and validate again says it
    again = xx("-w", ws, "validate", path, "-f", "json")  # the hint the import gives (no --quarter)
    assert [x["row"] for x in _relisted(json.loads(again.out))] == [d["row"]]
    from xingxian_cli.services.context import open_context

    with open_context(ws) as ctx:  # stored with the submission: the report's issue sheet lists it
        stored = [w for _t, w in ctx.store.quarter_facts("2022Q4").warnings if w.code == "deduction-relisted-differs"]
    assert [(w.sheet, w.row) for w in stored] == [(d["sheet"], d["row"])]
    # and what it warned of is what scoring does: two 考核问责, two stars off
    cadre = json.loads(xx("-w", ws, "score", "-q", "2022Q4", "--explain", who.person_id, "-f", "json",
                          "--unmask", "--allow-missing").out)
    assert sum(1 for rule in cadre["rules"] if rule["delta"] == -1 and "考核问责" in rule["text"]) == 2


@pytest.mark.parametrize("relisted", [(None, "兴组通〔2022〕5号"), ("  ", "兴组通(2022)5号"), (None, "兴组通〔2022〕5号 ")],
                         ids=["as-it-was", "blank-spaces-and-brackets", "trailing-space"])
def test_a_deduction_relisted_as_it_was_is_no_warning_and_counts_once(xx, q3_imported, tmp_path, policy, registry,
                                                                      relisted):
    ws, who = q3_imported
    path, _ = _book(tmp_path, policy, registry, Quarter(2022, 4), [relisted])
    r = xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json")
    assert r.code == 0 and _relisted(json.loads(r.out)) == []
    assert xx("-w", ws, "import", path, "--quarter", "2022Q4").code == 0
    cadre = json.loads(xx("-w", ws, "score", "-q", "2022Q4", "--explain", who.person_id, "-f", "json",
                          "--unmask", "--allow-missing").out)
    assert sum(1 for rule in cadre["rules"] if rule["delta"] == -1 and "考核问责" in rule["text"]) == 1


def test_another_document_number_is_named_as_what_differs(xx, q3_imported, tmp_path, policy, registry):
    ws, _who = q3_imported
    path, _ = _book(tmp_path, policy, registry, Quarter(2022, 4), [(None, "兴组通〔2022〕6号")])
    (d,) = _relisted(json.loads(xx("-w", ws, "validate", path, "--quarter", "2022Q4", "-f", "json").out))
    assert d["value"] == "兴组通〔2022〕6号" and "本行的文号与之不同" in d["message"]
