"""Policy loading, integrity checks and the policy commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from xingxian_cli.io.policy_io import default_policy_text, read_policy_file


def _write_policy(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(default_policy_text())
    mutate(data)
    p = tmp_path / "方案.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def test_default_policy_has_40_tasks_in_15_areas_and_85_measures_in_7_areas(policy):
    assert len(policy.tasks) == 40 and len({t.area for t in policy.tasks}) == 15
    assert len(policy.measures) == 85 and len({m.area for m in policy.measures}) == 7
    assert [t.id for t in policy.tasks] == [f"T{i:02d}" for i in range(1, 41)]
    assert [m.id for m in policy.measures] == [f"M{i:02d}" for i in range(1, 86)]
    assert len(policy.village_measures) >= 20
    served = {t for m in policy.measures for t in m.tasks}
    assert served == {t.id for t in policy.tasks}


def test_default_policy_holds_star_and_pay_rules_as_data(policy):
    sr = policy.star_rules
    assert [(b.min_years, b.stars) for b in sr.tenure_bands] == [(1, 1), (5, 2), (10, 3)]
    assert sr.systems.names == ["党建引领", "集体经济", "网格治理", "产业发展", "民生服务", "乡风文明"]
    assert policy.pay.annual["书记兼主任"] == 42000 and policy.pay.annual["委员"] == 18000
    assert sr.deductions.measures["违纪违法"].veto == ["撤销党内职务", "留党察看", "开除党籍", "刑事处罚"]


def test_broken_policy_names_every_problem(tmp_path):
    def mutate(d):
        d["measures"][16]["tasks"] = ["T99"]  # M17 -> unknown task
        d["measures"][1]["id"] = "M01"  # duplicate id
        d["tasks"].append({"id": "T41", "area": d["task_areas"][0], "title": "无人服务的任务"})
        del d["pay"]["annual"]["委员"]

    problems = read_policy_file(_write_policy(tmp_path, mutate))[1]
    codes = sorted(p.code for p in problems)
    assert "policy-unknown-task" in codes and "policy-duplicate-id" in codes
    assert "policy-unserved-task" in codes and "policy-pay-missing" in codes
    assert "policy-count-mismatch" in codes  # 41 tasks declared as 40
    texts = " ".join(p.message for p in problems)
    assert "M17" in texts and "T99" in texts and "T41" in texts and "委员" in texts


def test_policy_check_command_exits_1_with_problems_and_0_when_good(xx, tmp_path):
    bad = _write_policy(tmp_path, lambda d: d["measures"][16].__setitem__("tasks", ["T99"]))
    r = xx("policy", "check", bad)
    assert r.code == 1
    assert "M17" in r.err and "T99" in r.err
    good = _write_policy(tmp_path, lambda d: None)
    r = xx("policy", "check", good)
    assert r.code == 0 and "85" in r.out


@pytest.mark.sqlite_only  # a policy file alone: no database
def test_policy_check_warns_of_a_top_star_no_one_can_reach_and_a_cap_that_never_cuts(xx, tmp_path):
    # (review R80) max_stars above what base and added stars can give, and a max_added above
    # what the systems can add, passed the check without a word
    def mutate(d):
        sr = d["star_rules"]
        sr["max_stars"], sr["systems"]["max_added"] = 6, 7
        d["pay"]["k_by_stars"].update({6: "1.0", 7: "1.0"})

    r = xx("policy", "check", _write_policy(tmp_path, mutate))
    said = r.out.replace("\n", "")
    assert r.code == 0 and "考核方案检查通过" in said  # the policy still works
    assert "max_added 为 7，但 6 个评分项每项加 1 颗，最多只有 6 颗" in said
    assert "pay.k_by_stars 中的 7 星不在 min_stars 0 至 max_stars 6 之间" in said
    assert "6 星及以上" not in said  # 3 base + 6 added reach 6

    def narrow(d):
        d["star_rules"]["max_stars"] = 6
        d["star_rules"]["base_max"] = 2
        d["pay"]["k_by_stars"][6] = "1.0"

    said = xx("policy", "check", _write_policy(tmp_path, narrow)).out.replace("\n", "")
    assert "合计 4 颗：5 星及以上没有人能评上" in said
    assert "tenure_bands 最高一档给 3 颗星，超过基础星上限 base_max 2" in said
    assert "警告" not in xx("policy", "check", _write_policy(tmp_path, lambda d: None)).out
    # (review R142) init --policy switched to such a policy without a word
    made = xx("init", tmp_path / "ws", "--policy", _write_policy(tmp_path, narrow))
    said = "".join(made.err.split())
    assert made.code == 0 and "合计4颗：5星及以上没有人能评上" in said
    assert "警告" not in xx("init", tmp_path / "ws2", "--policy", _write_policy(tmp_path, lambda d: None)).err

    def low_bands(d):  # (review R84) base_max 3 that no one reaches: 1 tenure star + 1 achievement
        d["star_rules"]["tenure_bands"] = [{"min_years": 1, "stars": 1}]

    said = xx("policy", "check", _write_policy(tmp_path, low_bands)).out.replace("\n", "")
    assert "基础星最多 2 颗（工龄最高一档 1 颗加成就 1 颗）、加星最多 2 颗，合计 4 颗：5 星及以上" in said


def test_policy_check_refuses_yaml_syntax_error_without_traceback(xx, tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("tasks: [\n  - x: 1\n", encoding="utf-8")
    r = xx("policy", "check", p)
    assert r.code == 1 and "Traceback" not in r.err and "YAML" in r.err


def test_policy_export_json_lists_every_task_and_measure_with_rules(xx, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = xx("policy", "export", "--format", "json")
    assert r.code == 0
    doc = json.loads(r.out)
    assert len(doc["tasks"]) == 40 and len(doc["measures"]) == 85
    m = doc["measures"][0]
    assert {"id", "area", "title", "tasks", "level", "weight"} <= set(m)
    assert "star_rules" in doc and "pay" in doc


def test_policy_export_in_a_workspace_gives_its_own_policy_or_refuses_a_broken_one(xx, tmp_path, monkeypatch):
    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    monkeypatch.chdir(ws)
    path = ws / "policy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("书记兼主任: 42000", "书记兼主任: 45000"), encoding="utf-8")
    r = xx("policy", "export", "--format", "json")
    assert r.code == 0 and json.loads(r.out)["pay"]["annual"]["书记兼主任"] in ("45000", 45000)
    path.write_text(path.read_text(encoding="utf-8") + "\n  : : broken\n", encoding="utf-8")
    r = xx("policy", "export", "--format", "json")
    assert r.code == 1 and "error" in json.loads(r.out)  # never the shipped default's 42000 instead
    assert "42000" not in r.out


def test_exported_yaml_loads_back_as_the_same_policy(xx, tmp_path, monkeypatch, policy):
    monkeypatch.chdir(tmp_path)
    r = xx("policy", "export", "--format", "yaml")
    p = tmp_path / "exported.yaml"
    p.write_text(r.out, encoding="utf-8")
    loaded, problems = read_policy_file(p)
    assert problems == [] and loaded == policy


def test_export_to_a_toml_file_is_refused_naming_the_yaml_file_to_write_instead(xx, tmp_path, monkeypatch):
    # (review R142) JSON was written into 方案.toml, which xx then refused as bad TOML
    monkeypatch.chdir(tmp_path)
    r = xx("policy", "export", "-o", "方案.toml")
    assert r.code == 2 and "方案.yaml" in r.err and not (tmp_path / "方案.toml").exists()


def test_export_to_a_yaml_file_without_a_format_writes_yaml(xx, tmp_path, monkeypatch, policy):
    # (review R69) `-o 方案.yaml` wrote JSON into the .yaml file (json was the default format)
    monkeypatch.chdir(tmp_path)
    assert xx("policy", "export", "-o", "方案.yaml").code == 0
    text = (tmp_path / "方案.yaml").read_text(encoding="utf-8")
    assert not text.lstrip().startswith("{")
    loaded, problems = read_policy_file(tmp_path / "方案.yaml")
    assert problems == [] and loaded == policy
    assert xx("policy", "export", "-o", "方案.json").code == 0
    assert (tmp_path / "方案.json").read_text(encoding="utf-8").lstrip().startswith("{")


def test_numbers_that_would_give_impossible_stars_or_money_are_refused(tmp_path):
    def mutate(d):
        d["pay"]["performance_share"] = "0.5"  # 0.6 + 0.5
        d["pay"]["k_by_stars"][5] = "1.5"
        d["pay"]["k_by_stars"][2] = "0.65"
        d["pay"]["k_by_stars"][1] = "0.7"  # above 2 stars' 0.65
        d["pay"]["periods_per_year"] = 3
        d["star_rules"]["systems"]["threshold"] = 150
        d["pay"]["bonus"]["unit_yuan"] = 1  # the workbook's incomes are 万元
        d["completion"]["status_values"]["推进中"] = "1.5"
        d["star_rules"]["deductions"]["measures"]["违纪违法"]["veto"].append("警告")
        d["head_positions"] = ["党支部书记"]  # not one of the positions

    problems = read_policy_file(_write_policy(tmp_path, mutate))[1]
    texts = [p.message for p in problems]
    for words in ("之和应为 1（现为 1.1）", "k_by_stars.5 = 1.5", "1 星的 0.7 大于 2 星的 0.65",
                  "periods_per_year 应为 4", "threshold 150、score_max 100", "unit_yuan 应为 10000", "推进中", "党支部书记", "“警告”同时出现"):
        assert any(words in t for t in texts), (words, texts)


@pytest.mark.parametrize(("path", "value", "field"), [
    (("pay", "annual", "书记"), -36000, "pay.annual.书记"),
    (("pay", "annual", "书记"), "1e40", "pay.annual.书记"),  # Decimal overflows in pay arithmetic
    (("pay", "bonus", "cap"), -1, "pay.bonus.cap"),
    (("pay", "bonus", "growth_min"), "-0.5", "pay.bonus.growth_min"),  # a bonus for a loss
    (("pay", "bonus", "share"), 5, "pay.bonus.share"),  # 500 % of the increase
    (("pay", "bonus", "growth_min"), 10, "pay.bonus.growth_min"),  # 10 meaning 10 %: 1000 %, never paid
    (("star_rules", "deductions", "measures", "违纪违法", "by_outcome", "警告"), -3, "警告"),  # a warning adding stars
    (("star_rules", "min_stars"), -1, "star_rules.min_stars"),
    (("star_rules", "composite_decimals"), 40, "star_rules.composite_decimals"),
    (("star_rules", "achievement", "window_months"), 100000, "star_rules.achievement.window_months"),
    (("star_rules", "deductions", "window_months"), 30000, "star_rules.deductions.window_months"),
    (("tasks",), [], "tasks"),
    (("completion", "status_values"), {}, "completion.status_values"),
])
def test_numbers_that_would_pay_wrongly_or_break_the_arithmetic_are_refused_naming_the_field(tmp_path, path, value,
                                                                                            field):
    def mutate(d):
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    policy, problems = read_policy_file(_write_policy(tmp_path, mutate))
    assert policy is None and any(field in p.message for p in problems), [p.message for p in problems]


def test_a_share_written_as_a_percent_is_told_to_be_written_as_a_fraction(tmp_path):
    # (R99) "应不大于 1" alone left 10 (meant as 10 %) or 1.5 (150 %) unexplained
    def mutate(d):
        d["pay"]["bonus"]["growth_min"] = 10

    policy, problems = read_policy_file(_write_policy(tmp_path, mutate))
    (p,) = [p for p in problems if "growth_min" in p.message]
    assert policy is None and "比例按小数填写（1 即 100%，10% 写 0.1）" in p.message


@pytest.mark.parametrize(("written", "said"), [("500元", "写的是“500元”"), ("五百", "写的是“五百”"),
                                                ("90%", "写的是“90%”")])
def test_a_number_written_with_a_unit_or_in_words_is_said_back_with_what_to_write(tmp_path, written, said):
    # (review R118) "应为数字" alone, the value not shown
    def mutate(d):
        d["pay"]["annual"]["书记"] = written

    policy, problems = read_policy_file(_write_policy(tmp_path, mutate))
    (p,) = problems
    assert policy is None and said in p.message and "只写阿拉伯数字" in p.message


def test_full_width_digits_in_a_policy_read_as_the_numbers_and_ids_they_are(tmp_path):
    # (review R118) 书记: ３６０００ was read, window_months: ３６ refused, M８５ passed the check
    # yet its imported rows were "not in the policy" at scoring
    def mutate(d):
        d["pay"]["annual"]["书记"] = "３６０００"
        d["star_rules"]["achievement"]["window_months"] = "３６"
        d["measures"][-1]["id"] = "Ｍ８５"

    policy, problems = read_policy_file(_write_policy(tmp_path, mutate))
    assert problems == [] and policy is not None
    assert policy.pay.annual["书记"] == 36000 and policy.star_rules.achievement.window_months == 36
    assert policy.measures[-1].id == "M85"


def test_a_bonus_cap_of_part_of_a_yuan_is_refused(tmp_path):
    # (review R118) a cap of 3333.5 paid 3,334 yuan, above itself
    def mutate(d):
        d["pay"]["bonus"]["cap"] = 3333.5

    policy, problems = read_policy_file(_write_policy(tmp_path, mutate))
    (p,) = problems
    assert policy is None and "pay.bonus.cap" in p.message and "应为整数元" in p.message


def test_a_key_written_twice_or_a_version_read_as_a_number_is_refused(tmp_path):
    text = default_policy_text()
    twice = tmp_path / "twice.yaml"
    twice.write_text(text.replace("书记: 36000,", "书记: 36000, 书记: 1,", 1), encoding="utf-8")
    policy, problems = read_policy_file(twice)
    assert policy is None and "“书记”在同一处写了两次" in problems[0].message
    number = tmp_path / "number.yaml"
    number.write_text(text.replace('version: "2022.1"', "version: 2022.10", 1), encoding="utf-8")
    policy, problems = read_policy_file(number)
    assert policy is None and "请加引号" in problems[0].message


def _toml_policy(tmp_path: Path, mutate=lambda d: None) -> Path:
    import tomli_w

    from xingxian_cli.io.policy_io import default_policy, policy_document

    def drop_none(v):
        if isinstance(v, dict):
            return {k: drop_none(x) for k, x in v.items() if x is not None}
        return [drop_none(x) for x in v] if isinstance(v, list) else v

    data = drop_none(policy_document(default_policy()))
    mutate(data)
    p = tmp_path / "方案.toml"
    p.write_text(tomli_w.dumps(data), encoding="utf-8")
    return p


def test_a_policy_written_in_toml_is_checked_and_used_like_yaml(xx, tmp_path, policy):
    toml = _toml_policy(tmp_path, lambda d: d["pay"]["annual"].__setitem__("委员", 20000))
    assert xx("policy", "check", toml).code == 0
    loaded, problems = read_policy_file(toml)
    assert problems == [] and loaded.pay.annual["委员"] == 20000 and loaded.measures == policy.measures
    ws = tmp_path / "ws"
    r = xx("init", ws, "--policy", toml)
    assert r.code == 0, r
    kept, problems = read_policy_file(ws / "policy.yaml")  # the workspace keeps YAML: the same policy
    assert problems == [] and kept == loaded


def test_a_json_policy_put_in_a_workspace_is_kept_as_yaml_so_later_slips_are_told_in_its_terms(xx, tmp_path):
    # (review R118) the JSON text was copied into policy.yaml: a comma left out when editing it later
    # was "YAML 语法错误" with a hint about indentation
    import json

    exported = xx("policy", "export", "--format", "json")
    path = tmp_path / "方案.json"
    data = json.loads(exported.out)
    data["pay"]["annual"]["委员"] = 20000
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    ws = tmp_path / "ws"
    assert xx("init", ws, "--policy", path).code == 0
    text = (ws / "policy.yaml").read_text(encoding="utf-8")
    assert not text.lstrip().startswith("{")
    kept, problems = read_policy_file(ws / "policy.yaml")
    assert problems == [] and kept.pay.annual["委员"] == 20000
    # put in again, unchanged: no copy of the same policy kept under policies/ (review R120)
    assert xx("init", ws, "--policy", path).code == 0
    assert not (ws / "policies").exists() or list((ws / "policies").iterdir()) == []


def test_the_same_policy_in_another_form_keeps_no_copy_and_one_switched_back_and_forth_is_kept_once(xx, tmp_path):
    # (review R126) the shipped YAML put in again as JSON, or as an exported YAML differing by a
    # newline, kept a copy each time; switching between two policies kept byte-equal copies
    import json

    ws = tmp_path / "ws"
    assert xx("init", ws).code == 0
    shipped = (ws / "policy.yaml").read_bytes()
    same_json, same_yaml = tmp_path / "p.json", tmp_path / "p.yaml"
    same_json.write_text(xx("-w", ws, "policy", "export", "--format", "json").out, encoding="utf-8")
    same_yaml.write_text(xx("-w", ws, "policy", "export", "--format", "yaml").out + "\n", encoding="utf-8")
    for path in (same_json, same_yaml, same_json):
        r = xx("init", ws, "--policy", path)
        said = "".join(r.out.split())
        assert r.code == 0 and "换下的原方案" not in said, r
        # (review R128) nor is it said to have been switched to
        assert "已换用" not in said and "方案内容相同：方案文件没有改动" in said, said
    assert not (ws / "policies").exists() and (ws / "policy.yaml").read_bytes() == shipped
    data = json.loads(same_json.read_text(encoding="utf-8"))
    data["pay"]["annual"]["委员"] = 20000
    other = tmp_path / "pB.json"
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for path in (other, same_yaml, other, same_yaml):
        r = xx("init", ws, "--policy", path)
        assert r.code == 0 and "已换用--policy" in "".join(r.out.split()) and "方案内容相同" not in r.out
    kept = sorted((ws / "policies").iterdir())
    assert len(kept) == 2 and len({p.read_bytes() for p in kept}) == 2  # each policy once


def test_a_toml_syntax_error_names_its_line(xx, tmp_path):
    bad = tmp_path / "坏.toml"
    bad.write_text('version = "1"\nname = \n', encoding="utf-8")
    r = xx("policy", "check", bad)
    assert r.code == 1 and "第2行 TOML 语法错误" in r.err


def test_structural_problems_count_items_from_one_and_explain_id_formats_in_chinese(tmp_path):
    def mutate(d):
        d["measures"][9]["level"] = "county"
        d["tasks"][0]["id"] = "X01"

    texts = [p.message for p in read_policy_file(_write_policy(tmp_path, mutate))[1]]
    assert any("measures.第10项（M10）.level" in t and "township 或 village" in t for t in texts), texts
    assert any("tasks.第1项（X01）.id" in t and "如 T01" in t for t in texts), texts
    assert not any("^" in t or "'" in t for t in texts)


def test_a_star_count_keyed_by_words_is_named_in_chinese(tmp_path):
    def mutate(d):
        d["pay"]["k_by_stars"]["五星"] = "1"

    texts = [p.message for p in read_policy_file(_write_policy(tmp_path, mutate))[1]]
    assert any("pay.k_by_stars.五星.（键名）" in t for t in texts) and not any("[key]" in t for t in texts), texts


def test_a_copy_of_a_policy_with_other_items_looks_them_up_afresh(policy):
    assert len(policy.measure_by_id) == 85  # worked out and kept on the original
    fewer = policy.model_copy(update={"measures": policy.measures[:3]})
    assert sorted(fewer.measure_by_id) == [m.id for m in policy.measures[:3]]
    assert len(policy.measure_by_id) == 85



def test_a_star_count_written_twice_in_two_spellings_is_refused(tmp_path):
    text = default_policy_text()
    twice = tmp_path / "twice.yaml"
    line = next(ln for ln in text.splitlines() if "k_by_stars" in ln)
    twice.write_text(text.replace(line, line.replace("{", '{"05": 0.95, ', 1)), encoding="utf-8")
    policy, problems = read_policy_file(twice)
    assert policy is None and "两次" in problems[0].message


def test_policy_show_names_the_unrated_band_only_when_a_policy_has_one(xx, tmp_path):
    def mutate(d):
        d["star_rules"]["min_tenure_years"] = 0
        d["star_rules"]["tenure_bands"].insert(0, {"min_years": 0, "stars": 0})

    assert xx("init", tmp_path / "ws", "--policy", _write_policy(tmp_path, mutate)).code == 0
    shown = xx("-w", tmp_path / "ws", "policy", "show").out
    assert "满0年 0星" in shown and "不满0年" not in shown and "任职不论长短都定星" in shown
    assert xx("init", tmp_path / "default").code == 0
    default = xx("-w", tmp_path / "default", "policy", "show").out
    assert "不满1年 未定星" in default
    # (review R62) any one head's post will do: 应有：书记、书记兼主任 read as both
    assert "至少应有一名书记或书记兼主任" in default.replace("\n", "")
    bad = xx("-w", tmp_path / "default", "score", "-q", "2022Q5")
    assert bad.code == 2 and "季度为 1–4" in bad.err.replace("\n", "") and "格式不对" not in bad.err
    # (review R111) months past December were a "2022Q5", and an internal error later
    for months in ("2022年13-15月", "2022年16-18月"):
        bad = xx("-w", tmp_path / "default", "status", "-q", months)
        assert bad.code == 2 and "2022年7-9月（1-3、4-6、7-9、10-12 月）" in bad.err.replace("\n", ""), bad


@pytest.mark.parametrize(("bands", "words"), [
    ([(1, 1), (2, 1), (2, 2), (10, 3)], "两档的 min_years 不能相同"),  # which band is a 2-year cadre in?
    ([(1, 1), (5, 2), (12, 0)], "年限更长的一档星数不能更少"),  # 12 years' service earning 0 stars
])
def test_tenure_bands_that_leave_a_cadre_s_stars_unclear_or_falling_with_service_are_refused(tmp_path, bands, words):
    def mutate(d):
        d["star_rules"]["tenure_bands"] = [{"min_years": y, "stars": s} for y, s in bands]

    policy, problems = read_policy_file(_write_policy(tmp_path, mutate))
    assert policy is None and any(words in p.message for p in problems), [p.message for p in problems]


def test_policy_export_to_a_file_is_utf8_whatever_the_console_and_a_utf16_copy_is_read(xx, tmp_path, policy):
    out = tmp_path / "方案" / "我县方案.yaml"
    r = xx("policy", "export", "--format", "yaml", "-o", out)
    assert r.code == 0 and r.out == "" and "已导出考核方案" in r.err
    text = out.read_text(encoding="utf-8")
    assert read_policy_file(out) == (policy, [])
    unicode = tmp_path / "另存为Unicode.yaml"  # Notepad's "Unicode", PowerShell 5's > : UTF-16 with a BOM
    unicode.write_bytes(text.encode("utf-16"))
    assert read_policy_file(unicode) == (policy, [])


@pytest.mark.parametrize(("slip", "said"), [
    ("    threshold:90\n", "冒号后面少了一个空格"),
    ("    threshold:\u300090\n", "用了全角空格"),
    ("\u3000\u3000threshold: 90\n", "用了全角空格"),
])
def test_a_missing_or_full_width_space_in_the_policy_is_named_at_its_own_line(tmp_path, slip, said):
    # (review R96) said as a bare "YAML 语法错误" on the line after, with a hint about encodings
    text = default_policy_text()
    at = next(i for i, line in enumerate(text.splitlines()) if line.strip() == "threshold: 90")
    path = tmp_path / "slip.yaml"
    path.write_text(text.replace("    threshold: 90\n", slip, 1), encoding="utf-8")
    policy, (problem,) = read_policy_file(path)
    assert policy is None and problem.code == "policy-syntax"
    assert f"第{at + 1}行 {said}" in problem.message and "UTF-8" not in (problem.hint or "")
    assert "YAML：缩进和冒号后面只用半角空格" in problem.hint


def test_a_json_policy_with_a_comma_too_many_is_told_as_json(tmp_path):
    path = tmp_path / "方案.json"
    path.write_text('{"version": "x",,\n "name": "y"}\n', encoding="utf-8")
    policy, (problem,) = read_policy_file(path)
    assert policy is None and "JSON 语法错误" in problem.message
    # (R98) and its hint is JSON's rules, not YAML's indentation and colons
    assert "JSON：" in problem.hint and "最后一项后面不加逗号" in problem.hint and "YAML" not in problem.hint


def test_a_tab_indented_json_policy_with_a_slip_is_not_blamed_on_its_tabs(tmp_path, policy):
    # (R98) tabs are fine in JSON: every slip in such a file was told as "Tab 缩进：YAML 只能用空格缩进"
    from xingxian_cli.io.policy_io import policy_document

    text = json.dumps(policy_document(policy), ensure_ascii=False, indent="\t")
    path = tmp_path / "方案.json"
    path.write_text(text, encoding="utf-8")
    assert read_policy_file(path)[1] == []
    path.write_text(text.replace('"version": ', '"version":: ', 1), encoding="utf-8")
    _policy, (problem,) = read_policy_file(path)
    assert "JSON 语法错误" in problem.message and "Tab" not in problem.message and "YAML" not in problem.message
    path.write_text(text.replace('"version": ', '"version"：', 1), encoding="utf-8")
    _policy, (problem,) = read_policy_file(path)
    assert "中文冒号" in problem.message and "JSON 要用英文冒号" in problem.message and "YAML" not in problem.message


def test_a_full_width_space_before_a_json_key_is_named_at_its_line_not_as_an_unknown_key(tmp_path, policy):
    # (review R102) YAML, which reads the file, took the space into the key: "字段 counts.　  "tasks"：
    # 考核方案中没有这一项", the space invisible and no line named
    from xingxian_cli.io.policy_io import policy_document

    lines = json.dumps(policy_document(policy), ensure_ascii=False, indent=2).splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith('"tasks": 40'))
    lines[at] = "\u3000" + lines[at]
    path = tmp_path / "方案.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    policy_read, (problem,) = read_policy_file(path)
    assert policy_read is None and f"第{at + 1}行 用了全角空格" in problem.message and "JSON" in problem.message
    # (review R103) after a colon, YAML took it into the value: the version became 　"2022.1"
    lines[at] = lines[at].replace("\u3000", "")
    version = next(i for i, line in enumerate(lines) if line.strip().startswith('"version"'))
    lines[version] = lines[version].replace('": "', '":\u3000"', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    policy_read, (problem,) = read_policy_file(path)
    assert policy_read is None and f"第{version + 1}行 用了全角空格" in problem.message


def test_a_toml_policy_slip_is_hinted_in_tomls_terms(tmp_path):
    path = tmp_path / "方案.toml"
    path.write_text('version = "x\nname = "y"\n', encoding="utf-8")
    policy, (problem,) = read_policy_file(path)
    assert policy is None and "TOML 语法错误" in problem.message
    assert "TOML：" in problem.hint and "YAML" not in problem.hint


def test_full_width_punctuation_an_officer_types_is_named_where_it_is(tmp_path):
    # (review R71) a full-width colon was a bare "YAML 语法错误" on the line after; a full-width
    # comma inside a flow list made one outcome of two, and every township file using either
    # was refused later, as if the township were wrong
    text = default_policy_text()
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "threshold: 90")
    colon = tmp_path / "colon.yaml"
    colon.write_text(text.replace("    threshold: 90\n", "    threshold： 90\n", 1), encoding="utf-8")
    policy, problems = read_policy_file(colon)
    assert policy is None and f"第{at + 1}行 键名后面用了中文冒号“：”" in problems[0].message
    flow = tmp_path / "flow.yaml"
    flow.write_text(text.replace("{min_years: 5,", "{min_years： 5,", 1), encoding="utf-8")
    policy, problems = read_policy_file(flow)
    assert policy is None and any("中文冒号" in p.message for p in problems)
    comma = tmp_path / "comma.yaml"
    comma.write_text(text.replace("veto: [撤销党内职务, 留党察看", "veto: [撤销党内职务，留党察看", 1), encoding="utf-8")
    policy, problems = read_policy_file(comma)
    assert policy is None and [p.code for p in problems] == ["policy-rule-invalid"]
    assert "“撤销党内职务，留党察看”含有“，”" in problems[0].message
    assert "[撤销党内职务, 留党察看]" in problems[0].message
    systems = tmp_path / "systems.yaml"
    systems.write_text(text.replace("names: [党建引领, 集体经济,", "names: [党建引领、集体经济,", 1), encoding="utf-8")
    policy, problems = read_policy_file(systems)
    assert policy is None and "star_rules.systems.names" in problems[0].message


def test_a_problem_in_a_list_item_names_the_items_id(tmp_path):
    # (review R71) "measures.第12项.level" with M03 deleted named neither M13 nor its line
    def mutate(data):
        del data["measures"][2]
        data["measures"][11]["level"] = "vilage"
        data["counts"]["measures"] = 84

    policy, problems = read_policy_file(_write_policy(tmp_path, mutate))
    assert policy is None and "measures.第12项（M13）.level" in problems[0].message, [p.message for p in problems]


def test_an_empty_file_or_a_workbook_named_as_the_policy_is_said_to_be_so(tmp_path, sample_dir):
    # (review R72) "字段 (根)：考核方案应为键值结构" and "不是 UTF-8 编码" told the officer nothing
    empty = tmp_path / "方案.yaml"
    empty.write_text("\n  \n", encoding="utf-8")
    policy, problems = read_policy_file(empty)
    assert policy is None and "文件是空的" in problems[0].message
    book = tmp_path / "蔚汾镇_2022Q3.xlsx"
    book.write_bytes((sample_dir / "2022Q3" / "蔚汾镇_2022Q3.xlsx").read_bytes())
    policy, problems = read_policy_file(book)
    assert policy is None and "不是考核方案文件" in problems[0].message


def test_a_name_with_a_separator_inside_brackets_or_an_outcome_joined_by_a_pause_mark_is_kept(tmp_path):
    # (review R74) 省部级（含省、部级） and 开除党籍、开除公职 were refused as two names in one
    text = default_policy_text()
    assert "honour_levels: [" in text and "刑事处罚]" in text
    kept = tmp_path / "kept.yaml"
    kept.write_text(text.replace("刑事处罚]", "刑事处罚, 开除党籍、开除公职]", 1)
                    .replace("省级, 国家级]", "省级, 省部级（含省，部级）, 国家级]", 1), encoding="utf-8")
    policy, problems = read_policy_file(kept)
    assert problems == [] and "开除党籍、开除公职" in policy.star_rules.deductions.measures["违纪违法"].veto
    assert "省部级（含省，部级）" in policy.star_rules.honour_levels


@pytest.mark.parametrize(("old", "new", "said"), [
    ("threshold: 90", "threshold: .nan", "应为有限的数字"),
    ("outcome_required: true", "outcome_required: 是", "应写 true 或 false"),
])
def test_a_policy_value_of_the_wrong_kind_is_told_in_chinese_without_internal_codes(tmp_path, old, new, said):
    # (review R96) "值不符合要求（finite_number）", "（bool_parsing）"
    text = default_policy_text()
    assert old in text
    path = tmp_path / "p.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    policy, problems = read_policy_file(path)
    assert policy is None and any(said in p.message for p in problems)
    assert not [p for p in problems if "_" in p.message.split("：", 1)[-1]]


def _add_post(d, name, pay):
    d["positions"].append(name)
    d["pay"]["annual"][name] = pay


@pytest.mark.parametrize(("mutate", "said"), [
    # (review R109) each read silently as the other: 支部书记 paid as 支部書記, 已办结 counted 0.3
    (lambda d: _add_post(d, "書記", 1), "positions 中的“书记”和“書記”在报送表里读作同一个"),
    (lambda d: d["completion"]["status_values"].__setitem__("已 完 成", 0.3), "“已 完 成”和“已完成”"),
    (lambda d: d["star_rules"]["systems"]["names"].__setitem__(1, "黨建引領"), "“党建引领”和“黨建引領”"),
    (lambda d: d["star_rules"]["deductions"]["measures"]["违纪违法"]["veto"].append("開除黨籍"), "“开除党籍”和“開除黨籍”"),
    # a system named as a column the scores sheet has anyway: no workbook could be read
    (lambda d: d["star_rules"]["systems"]["names"].__setitem__(5, "干部姓名"), "评分项“干部姓名”与六大体系评分表固定的“姓名”列同名"),
])
def test_names_a_workbook_cannot_tell_apart_are_refused(tmp_path, mutate, said):
    policy, problems = read_policy_file(_write_policy(tmp_path, mutate))
    assert policy is None and any(said in d.message for d in problems), [d.message for d in problems]


def test_names_that_differ_after_folding_are_kept(tmp_path):
    policy, problems = read_policy_file(_write_policy(tmp_path, lambda d: _add_post(d, "组织委员", 20000)))
    assert problems == [] and "组织委员" in policy.positions


def test_true_or_false_where_a_number_goes_is_refused_not_read_as_one_or_zero(xx, tmp_path):
    # (review R137) window_months: true passed the check and became a one-month window
    assert xx("policy", "export", "-f", "yaml", "-o", tmp_path / "p.yaml").code == 0
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    first = text.index("window_months:")
    end = text.index("\n", first)
    (tmp_path / "p.yaml").write_text(text[:first] + "window_months: true" + text[end:], encoding="utf-8")
    r = xx("policy", "check", tmp_path / "p.yaml")
    said = r.err.replace("\n", "").replace("│", "").replace(" ", "")
    assert r.code == 1 and "window_months：应写数字，不能写true/false" in said, said
    # (review R138) nor where the number is optional, or a value of a table (per_event, by_outcome)
    for written, key in (("per_event: 1", "per_event"), ("警告: 1", "by_outcome")):
        (tmp_path / "q.yaml").write_text(text.replace(written, written.replace("1", "false"), 1), encoding="utf-8")
        said = xx("policy", "check", tmp_path / "q.yaml").err.replace("\n", "").replace("│", "").replace(" ", "")
        assert f"{key}：应写数字，不能写true/false" in said, said
