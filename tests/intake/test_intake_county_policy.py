"""Messages under another county's policy: its own words and figures, not the sample's (review R80)."""

from __future__ import annotations

import copy

from intake_helpers import ECONOMY, PROGRESS, QUARTER, TODAY, id_col

from xingxian_cli.domain.policy import build_policy
from xingxian_cli.sample.generator import write_book
from xingxian_cli.services.validate import validate_files


def _variant(policy, edit):
    data = copy.deepcopy(policy.model_dump())
    edit(data)
    built, problems = build_policy(data)
    assert built is not None, problems
    return built


def test_a_measure_left_blank_counts_as_the_countys_own_zero_status(book, policy, registry, tmp_path):
    # "按未启动计" was said under a policy whose statuses are 已完成 / 进行中 / 未开始
    def renamed(data):
        data["completion"]["status_values"] = {"已完成": "1", "进行中": "0.5", "未开始": "0"}

    other = _variant(policy, renamed)
    words = {"推进中": "进行中", "未启动": "未开始"}
    rows = book.sheets["progress"]
    for r in rows:
        r[3] = words.get(r[3], r[3])
    rows[0][3:] = [None] * len(rows[0][3:])
    path = write_book(book, tmp_path / "t.xlsx", policy=other, registry=registry)
    result = validate_files([path], policy=other, registry=registry, quarter=QUARTER, today=TODAY)
    missing = [w for w in result.warnings if w.code == "progress-missing" and w.sheet == PROGRESS]
    assert missing and all("按未开始计" in w.message and "未启动" not in w.message for w in missing)


def test_everyday_spellings_of_a_status_read_as_the_countys_renamed_status_of_the_same_share(
        book, policy, registry, tmp_path):
    # (review R80) under 完成 / 进行中 / 未开始, 部分完成 and the default names were refused
    def renamed(data):
        data["completion"]["status_values"] = {"完成": "1", "进行中": "0.5", "未开始": "0"}

    other = _variant(policy, renamed)
    rows = book.sheets["progress"]
    written = ["部分完成", "已完成", "推进中", "未启动", "尚未开展", "全部完成"]
    for r, status in zip(rows, written, strict=False):
        r[3:] = [status] + [None] * len(r[4:])
    path = write_book(book, tmp_path / "t.xlsx", policy=other, registry=registry)
    result = validate_files([path], policy=other, registry=registry, quarter=QUARTER, today=TODAY)
    assert not result.errors, [e.message for e in result.errors]
    read = [p.status for p in result.files[0].submission.progress[:len(written)]]
    assert read == ["进行中", "完成", "进行中", "未开始", "未开始", "完成"]

    def two_between(data):
        data["completion"]["status_values"] = {"完成": "1", "大部完成": "0.8", "小部完成": "0.3", "未开始": "0"}

    other = _variant(policy, two_between)
    path = write_book(book, tmp_path / "t2.xlsx", policy=other, registry=registry)
    result = validate_files([path], policy=other, registry=registry, quarter=QUARTER, today=TODAY)
    refused = {e.value for e in result.errors if e.sheet == PROGRESS}
    assert "部分完成" in refused and "推进中" in refused  # two statuses between: the clerk's to choose

    def near_done(data):  # (review R84) 部分完成 was read as 基本完成, credited 0.9
        data["completion"]["status_values"] = {"已完成": "1", "基本完成": "0.9", "未启动": "0"}

    other = _variant(policy, near_done)
    path = write_book(book, tmp_path / "t3.xlsx", policy=other, registry=registry)
    result = validate_files([path], policy=other, registry=registry, quarter=QUARTER, today=TODAY)
    assert {"部分完成", "推进中"} <= {e.value for e in result.errors if e.sheet == PROGRESS}

    def under_way_counts_nothing(data):  # (review R84) 推进中 valued 0 lost 部分完成
        data["completion"]["status_values"] = {"已完成": "1", "推进中": "0", "未启动": "0"}

    other = _variant(policy, under_way_counts_nothing)
    path = write_book(book, tmp_path / "t4.xlsx", policy=other, registry=registry)
    result = validate_files([path], policy=other, registry=registry, quarter=QUARTER, today=TODAY)
    assert not result.errors, [e.message for e in result.errors]
    assert result.files[0].submission.progress[0].status == "推进中"  # 部分完成


def test_a_bonus_quarters_missing_income_names_the_policys_bonus_posts(book, policy, registry, tmp_path):
    # "该村书记、主任的集体经济奖励按 0 元计" under a policy paying 书记兼主任 and 书记 only
    def bonus_now(data):
        data["pay"]["bonus"]["quarter"] = QUARTER.q
        data["pay"]["bonus"]["positions"] = ["书记兼主任", "书记"]

    other = _variant(policy, bonus_now)
    book.sheets["economy"] = book.sheets["economy"][1:]  # the first village's row left out
    path = write_book(book, tmp_path / "t.xlsx", policy=other, registry=registry)
    result = validate_files([path], policy=other, registry=registry, quarter=QUARTER, today=TODAY)
    (said,) = [w for w in result.warnings if w.code == "economy-missing-bonus" and w.sheet == ECONOMY]
    assert "该村书记兼主任、书记的集体经济奖励按 0 元计" in said.message


def test_a_post_the_county_renamed_to_one_of_its_spellings_is_read_in_the_new_name_when_written_in_the_old(
        book, policy, registry, tmp_path):
    # (R98) 委员 renamed 两委委员: last quarter's template wrote 委员, and every such row was refused
    def renamed(data):
        data["positions"] = ["两委委员" if p == "委员" else p for p in data["positions"]]
        data["pay"]["annual"] = {("两委委员" if k == "委员" else k): v for k, v in data["pay"]["annual"].items()}

    other = _variant(policy, renamed)
    rows = book.sheets["roster"]
    members = [r for r in rows if r[3] == "委员"]
    assert members
    members[0][3] = "村委委员"  # another spelling of the same post
    path = write_book(book, tmp_path / "t.xlsx", policy=other, registry=registry)
    result = validate_files([path], policy=other, registry=registry, quarter=QUARTER, today=TODAY)
    assert not result.errors, [e.message for e in result.errors]
    posts = {c.person_id: c.position for c in result.files[0].submission.cadres}
    j = id_col(book, "roster")
    assert {posts[r[j]] for r in members} == {"两委委员"}

    # (review R102) a post joined with the member's, in the old name or the new: that post
    others = [r for r in rows if r[3] == "副主任"]
    others[0][3] = "副主任、委员"
    if len(others) > 1:
        others[1][3] = "副主任、两委委员"
    path = write_book(book, tmp_path / "t1.xlsx", policy=other, registry=registry)
    result = validate_files([path], policy=other, registry=registry, quarter=QUARTER, today=TODAY)
    assert not result.errors, [e.message for e in result.errors]
    posts = {c.person_id: c.position for c in result.files[0].submission.cadres}
    assert {posts[r[j]] for r in others[:2]} == {"副主任"}

    def two_spellings(data):  # 支委 and 村委 both kept as posts: 委员 is the clerk's to choose
        data["positions"] = [p for p in data["positions"] if p != "委员"] + ["支委", "村委"]
        data["pay"]["annual"] = {**{k: v for k, v in data["pay"]["annual"].items() if k != "委员"},
                                 "支委": 18000, "村委": 18000}

    other = _variant(policy, two_spellings)
    members[0][3] = "委员"
    path = write_book(book, tmp_path / "t2.xlsx", policy=other, registry=registry)
    result = validate_files([path], policy=other, registry=registry, quarter=QUARTER, today=TODAY)
    assert "委员" in {e.value for e in result.errors if e.code == "unknown-position"}


def test_a_joint_post_the_county_renamed_is_read_from_its_two_posts_written_in_any_way(book, policy, registry, tmp_path):
    # (review R102) 书记兼主任 renamed 一肩挑: 书记/主任, 村支书兼村主任 and 主任（一肩挑）, read as the joint
    # post under the default policy, were refused as two posts
    def renamed(data):
        def new(p):
            return "一肩挑" if p == "书记兼主任" else p

        data["positions"] = [new(p) for p in data["positions"]]
        data["head_positions"] = [new(p) for p in data["head_positions"]]
        data["pay"]["annual"] = {new(k): v for k, v in data["pay"]["annual"].items()}
        data["pay"]["bonus"]["positions"] = [new(p) for p in data["pay"]["bonus"]["positions"]]

    other = _variant(policy, renamed)
    rows = book.sheets["roster"]
    heads = [r for r in rows if r[3] == "书记兼主任"]
    written = ["书记/主任", "村支书兼村主任", "主任（一肩挑）", "书记兼主任"]
    for r, cell in zip(heads, written, strict=False):
        r[3] = cell
    path = write_book(book, tmp_path / "t.xlsx", policy=other, registry=registry)
    result = validate_files([path], policy=other, registry=registry, quarter=QUARTER, today=TODAY)
    assert not result.errors, [e.message for e in result.errors]
    posts = {c.person_id: c.position for c in result.files[0].submission.cadres}
    j = id_col(book, "roster")
    assert len(heads) >= len(written) and {posts[r[j]] for r in heads} == {"一肩挑"}

