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
    _edit_policy(copy_ws, "副主任, 监委会主任, 委员]", "副主任, 监委会主任, 村两委委员]")
    _edit_policy(copy_ws, "委员: 18000", "村两委委员: 18000")
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
