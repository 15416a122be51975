"""Township completion, task roll-up and village ranking (§4 item 10, §4a)."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from xingxian_cli.domain.facts import Progress
from xingxian_cli.domain.policy import Policy, build_policy
from xingxian_cli.domain.ranking import (
    half_up,
    task_rollup,
    township_completion,
    village_ranking,
)
from xingxian_cli.domain.registry import Registry, Village

# 甲镇 has two villages, 乙乡 one, 丙乡 one (丙乡 never submits).
REGISTRY = Registry(
    (
        Village("甲镇", "一村", "村"),
        Village("甲镇", "二村", "村"),
        Village("乙乡", "三村", "村"),
        Village("丙乡", "四村", "社区"),
    )
)


@pytest.fixture(scope="module")
def small(policy) -> Policy:
    """The default star rules with three measures: M01 (w1), M02 (w2) township, M03 village."""
    data = copy.deepcopy(policy.model_dump())
    data["counts"] = {}
    data["task_areas"] = ["甲方面"]
    data["measure_areas"] = ["乙方面"]
    data["tasks"] = [
        {"id": "T01", "area": "甲方面", "title": "任务一"},
        {"id": "T02", "area": "甲方面", "title": "任务二"},
    ]
    data["measures"] = [
        {
            "id": "M01",
            "area": "乙方面",
            "title": "举措一",
            "tasks": ["T01"],
            "level": "township",
            "weight": 1,
        },
        {
            "id": "M02",
            "area": "乙方面",
            "title": "举措二",
            "tasks": ["T01", "T02"],
            "level": "township",
            "weight": 2,
        },
        {
            "id": "M03",
            "area": "乙方面",
            "title": "举措三",
            "tasks": ["T02"],
            "level": "village",
            "weight": 1,
        },
    ]
    built, problems = build_policy(data)
    assert built is not None, problems
    return built


PROGRESS = {
    "甲镇": [
        Progress("M01", None, "已完成"),
        Progress("M02", None, "推进中"),
        Progress("M03", "一村", "已完成"),
        Progress("M03", "外村", "已完成"),  # not a registry village of 甲镇: ignored
        # 二村 did not report M03: counts 0
    ],
    "乙乡": [
        Progress("M01", None, "未启动"),
        Progress("M02", None, "已完成"),
        Progress("M03", "三村", "推进中"),
    ],
}


def test_township_completion_counts_unreported_villages_and_missing_townships_as_zero(small):
    rows = township_completion(small, REGISTRY, PROGRESS)
    # 甲镇: (1×1 + 2×0.5 + 1×mean(1, 0)) / 4 = 0.625; 乙乡: (0 + 2×1 + 0.5) / 4 = 0.625.
    assert [(r.township, r.submitted, r.completion_rate, r.rank) for r in rows] == [
        ("甲镇", True, Decimal("0.625"), 1),
        ("乙乡", True, Decimal("0.625"), 1),
        ("丙乡", False, Decimal(0), 3),
    ]
    assert rows[0].measures == {"M01": Decimal(1), "M02": Decimal("0.5"), "M03": Decimal("0.5")}
    assert rows[0].rate_rounded == Decimal("0.6250")


def test_township_completion_ranks_on_the_rounded_rate(small):
    progress = {
        "甲镇": [Progress("M01", None, "已完成")],  # 1/4 = 0.25
        "乙乡": [Progress("M03", "三村", "已完成")],  # 1/4 = 0.25
        "丙乡": [Progress("M02", None, "推进中")],  # 1/4 = 0.25
    }
    rows = township_completion(small, REGISTRY, progress)
    assert [r.rank for r in rows] == [1, 1, 1]
    assert [r.township for r in rows] == ["甲镇", "乙乡", "丙乡"]  # registry order within a tie


def test_task_rollup_is_the_weighted_mean_of_county_measure_completion(small):
    tasks = task_rollup(small, REGISTRY, PROGRESS)
    # County: M01 = mean(1, 0, 0) = 1/3; M02 = mean(0.5, 1, 0) = 1/2;
    # M03 = mean over all 4 registry villages (1, 0, 0.5, 0) = 3/8.
    # T01 = (1×1/3 + 2×1/2) / 3 = 4/9; T02 = (2×1/2 + 1×3/8) / 3 = 11/24.
    assert [(t.task_id, t.measures) for t in tasks] == [
        ("T01", ["M01", "M02"]),
        ("T02", ["M02", "M03"]),
    ]
    assert tasks[0].completion == Decimal(4) / Decimal(9)
    assert tasks[1].completion == Decimal(11) / Decimal(24)
    assert [t.rate_rounded for t in tasks] == [Decimal("0.4444"), Decimal("0.4583")]
    assert (tasks[0].area, tasks[0].title) == ("甲方面", "任务一")


def test_village_ranking_uses_completion_then_mean_stars_of_rated_cadres(small, make):
    cadres = [
        make.cadre("A", start=date(2015, 1, 1), township="甲镇", village="二村"),  # 2 stars
        make.cadre("B", start=date(2015, 1, 1), township="甲镇", village="二村"),  # vetoed: 0
        make.cadre(
            "C", start=date(2022, 6, 1), township="甲镇", village="二村"
        ),  # 未定星: excluded
        make.cadre("D", start=date(2020, 1, 1), township="丙乡", village="四村"),  # 1 star
    ]
    veto = make.deduction("B", measure="违纪违法", outcome="开除党籍")
    results = make.score(small, "2022Q3", cadres, deductions=[veto])
    villages = village_ranking(small, REGISTRY, PROGRESS, results)
    assert [(v.village, v.kind, v.completion, v.mean_stars, v.rank) for v in villages] == [
        ("一村", "村", Decimal(1), Decimal("0.00"), 1),
        ("三村", "村", Decimal("0.5"), Decimal("0.00"), 2),
        ("二村", "村", Decimal(0), Decimal("1.00"), 3),  # (2 + 0) / 2, tie with 四村
        ("四村", "社区", Decimal(0), Decimal("1.00"), 3),
    ]


def test_village_mean_stars_break_completion_ties(small, make):
    cadres = [
        make.cadre("A", start=date(2020, 1, 1), township="甲镇", village="二村"),  # 1 star
        make.cadre("D", start=date(2010, 1, 1), township="丙乡", village="四村"),  # 3 stars
    ]
    results = make.score(small, "2022Q3", cadres)
    villages = village_ranking(small, REGISTRY, PROGRESS, results)
    assert [(v.village, v.rank) for v in villages][2:] == [("四村", 3), ("二村", 4)]


def test_half_up_rounds_away_from_zero_at_five():
    assert half_up(Decimal("0.12345"), 4) == Decimal("0.1235")
    assert half_up(Decimal("2.5"), 0) == Decimal(3)
    assert half_up(Decimal("0.12344999"), 4) == Decimal("0.1234")


def test_rate_exactly_on_a_rounding_boundary_rounds_half_up(small, vary):
    three = vary(small, {"completion.rate_decimals": 3})
    progress = {"甲镇": [Progress("M03", "一村", "推进中")]}  # mean(0.5, 0) / 4 = 0.0625
    (jia, *_rest) = township_completion(three, REGISTRY, progress)
    assert (jia.completion_rate, jia.rate_rounded) == (Decimal("0.0625"), Decimal("0.063"))


def test_progress_and_cadres_stored_under_another_spelling_count_for_the_registry_village(small, make):
    """A registry imported again as 城東社區 still holds what was imported under 城东社区."""
    respelled = Registry(tuple(Village(v.township, {"一村": "一 村"}.get(v.name, v.name), v.kind)
                               for v in REGISTRY.villages))
    cadres = [make.cadre("A", start=date(2010, 1, 1), township="甲镇", village="一村")]  # 3 stars
    results = make.score(small, "2022Q3", cadres)
    before = village_ranking(small, REGISTRY, PROGRESS, results)
    after = village_ranking(small, respelled, PROGRESS, results)
    assert after[0].village == "一 村"
    assert [(v.completion, v.mean_stars, v.rank) for v in after] == [(v.completion, v.mean_stars, v.rank) for v in before]
    assert township_completion(small, respelled, PROGRESS) == township_completion(small, REGISTRY, PROGRESS)


def test_village_mean_stars_are_ranked_to_their_own_decimals_not_the_composites(small, make):
    """A county showing whole-number composites still ranks a village of 3★ and 3★ (3.0) over
    one of 3★ and 2★ (2.5)."""
    data = small.model_dump()
    data["star_rules"]["composite_decimals"] = 0
    whole, problems = build_policy(data)
    assert whole is not None, problems
    cadres = [
        make.cadre("A", start=date(2010, 1, 1), township="甲镇", village="二村"),  # 3 stars
        make.cadre("B", start=date(2015, 1, 1), township="甲镇", village="二村"),  # 2 stars
        make.cadre("C", start=date(2010, 1, 1), township="丙乡", village="四村"),  # 3 stars
        make.cadre("D", start=date(2010, 1, 1), township="丙乡", village="四村"),  # 3 stars
    ]
    results = make.score(whole, "2022Q3", cadres)
    villages = village_ranking(whole, REGISTRY, PROGRESS, results)
    assert [(v.village, v.mean_stars, v.rank) for v in villages][2:] == [("四村", Decimal("3.00"), 3),
                                                                          ("二村", Decimal("2.50"), 4)]
