"""A workspace's policy edited after its submissions were imported: a quarter with stored
results keeps the policy they were scored by; scored by the new one (``--rescore``), stored
facts it no longer covers stop scoring with their names, rather than being paid or scored
as nothing."""

from __future__ import annotations

import json

import pytest


def _edit_policy(ws, old: str, new: str) -> None:
    path = ws / "policy.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_post_renamed_in_the_policy_after_import_stops_scoring_and_the_report(xx, copy_ws):
    _edit_policy(copy_ws, "副主任, 监委会主任, 委员]", "副主任, 监委会主任, 组织委员]")  # no spelling of 委员
    _edit_policy(copy_ws, "委员: 18000", "组织委员: 18000")
    assert xx("policy", "check", copy_ws / "policy.yaml").code == 0  # a sound policy on its own
    kept = xx("-w", copy_ws, "score", "-q", "2022Q4")  # the stored quarter, by its own policy
    assert kept.code == 0 and "--rescore" in kept.err.replace("\n", "")
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "--rescore")
    assert r.code == 1
    assert "职务“委员”不在现行考核方案中" in r.err.replace("\n", "") and "pay.annual" in r.err.replace("\n", "")
    j = xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json", "--rescore")
    doc = json.loads(j.out)
    (d,) = doc["error"]["diagnostics"]
    assert d["code"] == "facts-outside-policy" and d["value"] == "委员" and d["sheet"] == "村干部名册" and d["row"]
    # the refused rescore changed nothing: the report is still the stored quarter's, and says by which policy
    rep = xx("-w", copy_ws, "report", "-q", "2022Q4", "-o", copy_ws / "r.xlsx")
    assert rep.code == 0 and "--rescore" in rep.err.replace("\n", "")


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_post_renamed_after_import_to_one_of_its_spellings_reads_the_stored_rows_in_the_new_word(xx, copy_ws):
    # (R98) as a file read now reads 委员 under a policy naming it 村两委委员 (as R96 did for statuses)
    _edit_policy(copy_ws, "副主任, 监委会主任, 委员]", "副主任, 监委会主任, 村两委委员]")
    _edit_policy(copy_ws, "委员: 18000", "村两委委员: 19200")
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json", "--rescore", "--unmask")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    members = [c for c in doc["cadres"] if c["position"] == "村两委委员"]
    assert members and not [c for c in doc["cadres"] if c["position"] == "委员"]
    base = next(c for c in members if c["status"] == "rated")
    one = xx("-w", copy_ws, "score", "-q", "2022Q4", "--explain", base["id"])
    assert one.code == 0 and "19,200" in one.out.replace("\n", ""), one.out


def test_a_system_added_to_the_policy_after_import_is_named_as_missing_from_the_scores(xx, copy_ws):
    _edit_policy(copy_ws, "民生服务, 乡风文明]", "民生服务, 乡风文明, 生态环保]")
    r = xx("-w", copy_ws, "score", "-q", "2022Q3", "-f", "json", "--rescore")
    assert r.code == 1
    (d,) = json.loads(r.out)["error"]["diagnostics"]
    assert d["code"] == "facts-missing-system" and d["value"] == "生态环保" and "生态环保" in d["message"]


def test_a_measure_moved_to_the_other_level_or_dropped_after_import_stops_scoring_naming_it(xx, copy_ws):
    # M01 was reported once per township; as a village measure every village would count 0.
    _edit_policy(copy_ws, "tasks: [T01], level: township", "tasks: [T01], level: village")
    assert xx("-w", copy_ws, "score", "-q", "2022Q3").code == 0  # stored: by the policy it was scored by
    r = xx("-w", copy_ws, "score", "-q", "2022Q3", "-f", "json", "--rescore")
    assert r.code == 1
    (d,) = json.loads(r.out)["error"]["diagnostics"]
    assert d["code"] == "facts-outside-policy" and d["value"] == "M01 按乡镇级填报" and "measures 的 level" in d["hint"]
    # M85 renumbered M86: the townships' M85 rows would be dropped and M86 count 0 everywhere.
    _edit_policy(copy_ws, "tasks: [T01], level: village", "tasks: [T01], level: township")
    _edit_policy(copy_ws, "{id: M85,", "{id: M86,")
    r = xx("-w", copy_ws, "score", "-q", "2022Q3", "--rescore")
    assert r.code == 1 and "举措编号“M85”不在现行考核方案中" in r.err.replace("\n", "")
    for place in ("蔚汾镇", "T01", "城东社区"):  # no explanation of figures the score refuses
        r = xx("-w", copy_ws, "score", "-q", "2022Q3", "--explain", place, "--rescore")
        assert r.code == 1 and "M85" in r.err.replace("\n", ""), place


def test_a_policy_edit_that_moves_only_the_rankings_is_still_said_when_the_stored_result_is_replaced(xx, copy_ws):
    assert xx("-w", copy_ws, "score", "-q", "2022Q4").code == 0  # stored; its rankings sent on
    before = {t["township"]: t["rank"] for t in json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)
              ["townships"]}
    _edit_policy(copy_ws, "tasks: [T01], level: township, weight: 1}", "tasks: [T01], level: township, weight: 9}")
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "--rescore")
    said = r.err.replace("\n", "")
    assert r.code == 0 and "任务完成率或名次有变化的乡镇" in said and "星级或报酬有变化" not in said
    now = {t["township"]: t["rank"] for t in json.loads(xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json").out)
           ["townships"]}
    moved = next(t for t in now if now[t] != before[t])
    assert f"第 {before[moved]} 名 → 第 {now[moved]} 名" in said


@pytest.mark.sqlite_only  # service logic shown: the store's part is checked on both engines in tests/store (CI time)
def test_a_status_renamed_to_one_of_its_own_spellings_after_import_reads_the_stored_rows_in_the_new_word(
        xx, copy_ws, tmp_path, sample_dir):
    # (review R96) 推进中 imported, then renamed 正在推进: a file read now reads 推进中 as 正在推进, and so
    # do the stored rows: the rescored quarter equals one imported under the new policy from the start
    _edit_policy(copy_ws, '推进中: "0.5"', '正在推进: "0.5"')
    r = xx("-w", copy_ws, "score", "-q", "2022Q4", "-f", "json", "--rescore")
    assert r.code == 0, r
    fresh = tmp_path / "fresh"
    assert xx("init", fresh, "--policy", copy_ws / "policy.yaml").code == 0
    for q in ("2022Q3", "2022Q4"):
        assert xx("-w", fresh, "import", sample_dir / q, "-q", q).code == 0
    want = json.loads(xx("-w", fresh, "score", "-q", "2022Q4", "-f", "json").out)
    got = json.loads(r.out)
    assert got["townships"] == want["townships"] and got["summary"] == want["summary"]
    explained = xx("-w", copy_ws, "score", "-q", "2022Q4", "--explain", "蔚汾镇")
    assert explained.code == 0 and "正在推进" in explained.out and "推进中" not in explained.out
    fresh_town = xx("-w", fresh, "score", "-q", "2022Q4", "--explain", "蔚汾镇").out
    assert explained.out.splitlines()[:3] == fresh_town.splitlines()[:3]
    import sqlite3

    with sqlite3.connect(copy_ws / "xx.sqlite3") as db:  # a village with a row still stored as 推进中
        (village,) = db.execute("select p.village from progress p join submission s on s.id = p.submission_id"
                                " where s.quarter = '2022Q4' and s.township = '蔚汾镇' and s.is_current"
                                " and p.status = '推进中' and p.village is not null limit 1").fetchone()
    said = xx("-w", copy_ws, "score", "-q", "2022Q4", "--explain", village, "-f", "json")
    assert said.code == 0 and json.loads(said.out) == json.loads(
        xx("-w", fresh, "score", "-q", "2022Q4", "--explain", village, "-f", "json").out)
