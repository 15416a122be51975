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
