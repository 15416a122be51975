"""xx score on the sample county against an independent computation of every star and yuan.

The oracle below is written straight from domain.md §4/§4a with the default policy's
numbers, from the generator's facts (not from the store or the workbook reader), so a
mistake in reading, storing or scoring shows up as a mismatch.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from xingxian_cli.domain.period import Quarter
from xingxian_cli.sample.generator import generate_county

ANNUAL = {"书记兼主任": 42000, "书记": 36000, "主任": 33000, "副书记": 24000, "副主任": 24000, "监委会主任": 24000, "委员": 18000}
K = {0: Decimal("0"), 1: Decimal("0.6"), 2: Decimal("0.7"), 3: Decimal("0.8"), 4: Decimal("0.9"), 5: Decimal("1.0")}
VETO = {"撤销党内职务", "留党察看", "开除党籍", "刑事处罚"}
OUTCOME = {"警告": 1, "严重警告": 2, "政务处分": 2}


def _minus_months(d: date, n: int) -> date:
    import calendar

    m = d.year * 12 + d.month - 1 - n
    y, mo = divmod(m, 12)
    return date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))


def _years(start: date, end: date) -> int:
    y = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        y -= 1
    # 29 Feb start: the anniversary in a common year falls on 28 Feb
    if start.month == 2 and start.day == 29 and end.month == 2 and end.day == 28 and y >= 0:
        import calendar

        if not calendar.isleap(end.year):
            y += 1
    return max(y, 0)


def _half_up(x: Decimal) -> Decimal:
    return x.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def oracle(quarter: Quarter, subs_now: dict, history: list[dict]):
    end = quarter.end
    honours, deds = {}, {}
    for county in history:
        for s in county.values():
            for h in s.honours:
                honours.setdefault((h.person_id, h.title, h.level, h.date), h)
            for d in s.deductions:
                deds.setdefault((d.person_id, d.measure, d.outcome or "", d.date, d.doc_no or ""), d)
    econ = {(s.township, e.village): e for s in subs_now.values() for e in s.economy}
    out = {}
    for s in subs_now.values():
        scores = {x.person_id: x.scores for x in s.scores}
        for c in s.cadres:
            pid = c.person_id
            years = _years(c.start_date, end)
            mine_d = [d for d in deds.values() if d.person_id == pid and _minus_months(end, 12) < d.date <= end]
            veto = any(d.measure == "违纪违法" and d.outcome in VETO for d in mine_d)
            sc = scores[pid]
            composite = (sum(sc.values()) / len(sc)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if veto:
                status, stars, k = "vetoed", 0, Decimal(0)
            elif years < 1:
                status, stars, k = "unrated", None, Decimal("0.6")
            else:
                tenure = 1 if years < 5 else 2 if years < 10 else 3
                ach = any(h.person_id == pid and h.level in ("县级", "市级", "省级", "国家级")
                          and _minus_months(end, 36) < h.date <= end for h in honours.values())
                base = min(3, tenure + int(ach))
                added = min(2, sum(1 for v in sc.values() if v >= 90))
                deducted = sum(1 if d.measure in ("考核问责", "负面情形") else OUTCOME.get(d.outcome, 0) for d in mine_d)
                stars = max(0, min(5, base + added - deducted))
                status, k = "rated", K[stars]
            pay = _half_up(Decimal(ANNUAL[c.position]) / 4 * (Decimal("0.6") + Decimal("0.4") * k))
            bonus = Decimal(0)
            e = econ.get((s.township, c.village))
            if quarter.q == 4 and not veto and c.position in ("书记", "书记兼主任", "主任") and e is not None:
                ok = e.this_year > 0 if e.last_year == 0 else e.this_year >= Decimal("1.1") * e.last_year
                if ok:
                    bonus = min(Decimal(10000), _half_up(Decimal("0.05") * (e.this_year - e.last_year) * 10000))
            out[pid] = (status, stars, composite, pay, bonus)
    rated = sorted(((v[1], v[2]) for v in out.values() if v[0] == "rated"), reverse=True)
    ranks = {}
    for i, key in enumerate(rated, 1):
        ranks.setdefault(key, i)
    return out, ranks


@pytest.fixture(scope="module")
def counties(policy, registry):
    q3 = generate_county(policy, registry, Quarter(2022, 3), seed=2022)
    q4 = generate_county(policy, registry, Quarter(2022, 4), seed=2022, previous=q3)
    return q3, q4


@pytest.mark.parametrize("quarter", ["2022Q3", "2022Q4"])
def test_every_cadre_star_rank_and_yuan_matches_the_independent_oracle(xx, imported_ws, counties, quarter):
    q3, q4 = counties
    q = Quarter.parse(quarter)
    now, hist = (q3, [q3]) if q.q == 3 else (q4, [q3, q4])
    expected, ranks = oracle(q, now, hist)
    doc = json.loads(xx("-w", imported_ws, "score", "-q", quarter, "-f", "json", "--unmask").out)
    got = {c["id"]: c for c in doc["cadres"]}
    assert set(got) == set(expected)
    mismatches = []
    for pid, (status, stars, composite, pay, bonus) in expected.items():
        c = got[pid]
        actual = (c["status"], c["stars"], Decimal(str(c["composite"])), Decimal(str(c["pay"])), Decimal(str(c["bonus"])))
        if actual != (status, stars, composite, pay, bonus):
            mismatches.append((pid, actual, (status, stars, composite, pay, bonus)))
        if status == "rated":
            assert c["rank_county"] == ranks[(stars, composite)]
        else:
            assert c["rank_county"] is None
    assert mismatches == []
    assert Decimal(str(doc["summary"]["total_pay"])) == sum(v[3] for v in expected.values())
    # the sample covers every rule
    statuses = {v[0] for v in expected.values()}
    assert statuses == {"rated", "unrated", "vetoed"}
    assert {v[1] for v in expected.values() if v[0] == "rated"} >= {0, 1, 2, 3, 4, 5}
    if q.q == 4:
        assert any(v[4] > 0 for v in expected.values())  # the 10,000 cap is unit-tested in tests/scoring


def test_score_json_has_the_documented_shape_and_masks_ids(xx, imported_ws):
    doc = json.loads(xx("-w", imported_ws, "score", "-q", "2022Q4", "-f", "json").out)
    assert {"cadres", "townships", "tasks", "villages", "changes", "summary", "missing"} <= set(doc)
    c = doc["cadres"][0]
    for key in ("id", "name", "township", "village", "position", "status", "tenure_years", "base", "added",
                "deducted", "stars", "composite", "rank_county", "rank_township", "pay", "bonus", "veto_reason", "rules"):
        assert key in c
    assert "*" in c["id"] and len(c["id"]) == 18
    assert len(doc["tasks"]) == 40 and len(doc["townships"]) == 15
    assert doc["changes"], "2022Q4 is compared with the scored 2022Q3"
    assert all(r["source"] is None or "›" in r["source"] for c in doc["cadres"] for r in c["rules"])


@pytest.mark.both_engines  # PostgreSQL too: source cells read back
def test_score_explain_prints_every_rule_with_its_source_cell(xx, imported_ws):
    doc = json.loads(xx("-w", imported_ws, "score", "-q", "2022Q3", "-f", "json", "--unmask").out)
    pid = next(c["id"] for c in doc["cadres"] if c["deducted"] > 0 and c["status"] == "rated")
    r = xx("-w", imported_ws, "score", "-q", "2022Q3", "--explain", pid)
    assert r.code == 0
    assert "工龄赋星" in r.out and "三项措施降星" in r.out and "薪酬待遇依星" in r.out
    assert "› 降星事项 › 第" in r.out
    assert pid not in r.out  # masked without --unmask


def test_scoring_the_same_inputs_again_gives_identical_results(xx, imported_ws):
    a = json.loads(xx("-w", imported_ws, "score", "-q", "2022Q3", "-f", "json").out)
    b = json.loads(xx("-w", imported_ws, "score", "-q", "2022Q3", "-f", "json").out)
    assert a.pop("stored") in ("stored", "unchanged") and b.pop("stored") == "unchanged"  # (R108) said
    assert a == b


def test_score_with_missing_townships_warns_and_needs_allow_missing_to_store(xx, tmp_path, sample_dir):
    ws = tmp_path / "ws"
    xx("init", ws)
    xx("-w", ws, "import", next((sample_dir / "2022Q3").glob("蔚汾镇*.xlsx")), "-q", "2022Q3")
    r = xx("-w", ws, "score", "-q", "2022Q3")
    assert r.code == 0 and "14 个乡镇未报送" in r.out and "--allow-missing" in r.out
    r = xx("-w", ws, "score", "-q", "2022Q3", "--allow-missing")
    assert "结果已保存" in r.out


def test_score_of_a_quarter_with_nothing_imported_says_so(xx, tmp_path):
    ws = tmp_path / "ws"
    xx("init", ws)
    r = xx("-w", ws, "score", "-q", "2023Q1")
    assert r.code == 1 and "xx import" in r.err


def test_a_township_with_an_empty_progress_sheet_still_counts_as_submitted(xx, tmp_path, policy, registry):
    from xingxian_cli.sample.generator import book_from_submission, write_book

    sub = generate_county(policy, registry, Quarter(2022, 3), seed=2022)["赵家坪乡"]
    book = book_from_submission(sub, policy)
    book.sheets["progress"] = []
    f = write_book(book, tmp_path / "赵家坪乡_2022Q3.xlsx", policy=policy, registry=registry)
    ws = tmp_path / "ws"
    xx("init", ws)
    assert xx("-w", ws, "import", f, "-q", "2022Q3").code == 0
    doc = json.loads(xx("-w", ws, "score", "-q", "2022Q3", "-f", "json").out)
    row = next(t for t in doc["townships"] if t["township"] == "赵家坪乡")
    assert row["submitted"] is True and row["completion_rate"] == 0
    assert doc["submitted"] == ["赵家坪乡"]


def test_explain_of_an_unknown_id_is_a_usage_error(xx, imported_ws):
    r = xx("-w", imported_ws, "score", "-q", "2022Q3", "--explain", "141123000000000000")
    assert r.code == 2 and "找不到" in r.err
