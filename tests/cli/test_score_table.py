"""What ``xx score`` shows an officer: the ranked list with the ID ``--explain`` takes."""

from __future__ import annotations

import json
import re


def test_the_table_shows_each_cadres_masked_id_which_explain_accepts(xx, copy_ws):
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "--limit", "3")
    assert r.code == 0
    ids = re.findall(r"\d{4}\*{10}[\dX]{4}", r.out)
    assert len(ids) == 3
    doc = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)
    assert ids == [c["id"] for c in doc["cadres"][:3]]
    explained = xx("-w", copy_ws, "score", "-q", "2022Q4", "--explain", ids[0])
    assert explained.code == 0 and doc["cadres"][0]["name"] in explained.out
    assert "--limit 0" in r.out  # how to see the rest


def test_the_table_shows_full_ids_only_with_unmask(xx, copy_ws):
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "--limit", "3", "--unmask")
    assert r.code == 0 and len(re.findall(r"\b\d{17}[\dX]\b", r.out)) == 3


def test_an_explanation_says_how_the_stars_changed_since_the_previous_quarter(xx, copy_ws):
    doc = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)
    up = next(c for c in doc["cadres"] if c["change"] and c["change"]["kind"] == "up")
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "--explain", up["id"])
    before = "★" * up["change"]["before"] + "☆" * (5 - up["change"]["before"])
    assert r.code == 0 and f"较上季度：升星（上季度 {before}" in r.out
    first = xx("-w", copy_ws, "score", "-q", "2022Q3", "--explain", doc["cadres"][0]["id"])
    assert first.code == 0 and "较上季度" not in first.out  # nothing scored before 2022Q3


def test_the_document_names_cadres_the_previous_quarter_had_and_this_one_has_not(xx, copy_ws):
    q3 = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q3", "-f", "json", "--unmask").out)
    q4 = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json", "--unmask").out)
    now = {c["id"] for c in q4["cadres"]}
    before = {c["id"]: c for c in q3["cadres"]}
    gone = sorted(pid for pid in before if pid not in now)
    assert gone and sorted(p["id"] for p in q4["departed"]) == gone
    assert sorted(x["id"] for x in q4["changes"] if x["kind"] == "left") == gone
    for p in q4["departed"]:
        was = before[p["id"]]
        assert (p["name"], p["township"], p["village"], p["position"], p["stars"]) == (
            was["name"], was["township"], was["village"], was["position"], was["stars"])
    town = q4["departed"][0]["township"]
    masked = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json", "--township", town).out)
    assert masked["departed"] and {p["township"] for p in masked["departed"]} == {town}
    assert all("**********" in p["id"] for p in masked["departed"])


def test_the_table_labels_pay_plus_bonus_as_what_it_is_and_sums_all_three(xx, copy_ws):
    doc = json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)
    pay, bonus = doc["summary"]["total_pay"], doc["summary"]["total_bonus"]
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "--limit", "3")
    assert r.code == 0 and "发放(元)" in r.out and bonus > 0
    assert f"季度报酬合计 {pay:,} 元，集体经济奖励合计 {bonus:,} 元，发放合计 {pay + bonus:,} 元" in r.out
