"""Ranking of rated cadres county-wide and per township, output order, and star changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from xingxian_cli.domain.ranking import competition_rank
from xingxian_cli.domain.scoring import changes

OLD = date(2010, 1, 1)  # 3 tenure stars at 2022Q3


def test_competition_rank_shares_ranks_and_skips_after_ties():
    assert competition_rank([(5,), (3,), (3,), (1,)]) == [1, 2, 2, 4]
    assert competition_rank([(1,), (3,), (5,), (3,)]) == [4, 2, 1, 2]
    assert competition_rank([]) == []


def test_equal_stars_and_equal_rounded_composite_share_a_rank(policy, make):
    cadres = [make.cadre(p, start=OLD, name=p) for p in ("A", "B", "C", "D")]
    scores = {
        "A": (95, 80, 80, 80, 80, 80),  # 4 stars
        "B": ("85.024", 85, 85, 85, 85, 85),  # 3 stars, 85.004 -> 85.00
        "C": ("84.976", 85, 85, 85, 85, 85),  # 3 stars, 84.996 -> 85.00
        "D": (80, 80, 80, 80, 80, 80),  # 3 stars, 80.00
    }
    results = make.score(policy, "2022Q3", cadres, scores=scores)
    assert [(r.name, r.stars, str(r.composite), r.rank_county) for r in results] == [
        ("A", 4, "82.50", 1),
        ("B", 3, "85.00", 2),
        ("C", 3, "85.00", 2),
        ("D", 3, "80.00", 4),
    ]


def test_stars_rank_before_composite(policy, make):
    cadres = [make.cadre("LOW", start=date(2020, 1, 1)), make.cadre("HIGH", start=OLD)]
    scores = {"LOW": (89, 89, 89, 89, 89, 89), "HIGH": (60, 60, 60, 60, 60, 60)}
    results = make.score(policy, "2022Q3", cadres, scores=scores)
    assert [(r.person_id, r.rank_county) for r in results] == [("HIGH", 1), ("LOW", 2)]


def test_township_ranks_are_counted_within_each_township(policy, make):
    cadres = [
        make.cadre("A1", start=OLD, township="甲镇"),
        make.cadre("B1", start=OLD, township="乙乡"),
        make.cadre("A2", start=OLD, township="甲镇"),
        make.cadre("B2", start=OLD, township="乙乡"),
    ]
    scores = {
        "A1": (90, 90, 90, 90, 90, 90),
        "B1": (90, 90, 80, 80, 80, 80),
        "A2": (90, 70, 70, 70, 70, 70),
        "B2": (90, 60, 60, 60, 60, 60),
    }
    results = make.score(policy, "2022Q3", cadres, scores=scores)
    assert {r.person_id: (r.rank_county, r.rank_township) for r in results} == {
        "A1": (1, 1),
        "B1": (2, 1),
        "A2": (3, 2),
        "B2": (4, 2),
    }


def test_unranked_cadres_follow_the_ranked_ones_in_place_and_name_order(policy, make):
    cadres = [
        make.cadre("V", start=OLD, village="二村"),
        make.cadre("U", start=date(2022, 6, 1), village="一村"),  # 一 sorts before 二
        make.cadre("R", start=date(2020, 1, 1), village="三村"),
    ]
    veto = make.deduction("V", measure="违纪违法", outcome="留党察看")
    results = make.score(policy, "2022Q3", cadres, deductions=[veto])
    assert [(r.person_id, r.status, r.rank_county) for r in results] == [
        ("R", "rated", 1),
        ("U", "unrated", None),
        ("V", "vetoed", None),
    ]


def test_ties_are_listed_by_township_village_and_name(policy, make):
    cadres = [
        make.cadre("1", start=OLD, township="乙乡", village="一村", name="张"),
        make.cadre("2", start=OLD, township="甲镇", village="二村", name="王"),
        make.cadre("3", start=OLD, township="甲镇", village="二村", name="李"),
        make.cadre("4", start=OLD, township="甲镇", village="一村", name="赵"),
    ]
    results = make.score(policy, "2022Q3", cadres)
    order = sorted(
        [
            ("乙乡", "一村", "张"),
            ("甲镇", "二村", "王"),
            ("甲镇", "二村", "李"),
            ("甲镇", "一村", "赵"),
        ]
    )
    assert [(r.township, r.village, r.name) for r in results] == order
    assert {r.rank_county for r in results} == {1}


def test_changes_against_the_previous_quarter(policy, make):
    previous = make.score(
        policy,
        "2022Q2",
        [
            make.cadre("UP", start=OLD),
            make.cadre("DOWN", start=OLD),
            make.cadre("SAME", start=OLD),
            make.cadre("NEWLY", start=date(2021, 9, 1)),
            make.cadre("GONE", start=OLD),
        ],
    )
    current = make.score(
        policy,
        "2022Q3",
        [
            make.cadre("UP", start=OLD),
            make.cadre("DOWN", start=OLD),
            make.cadre("SAME", start=OLD),
            make.cadre("NEWLY", start=date(2021, 9, 1)),
            make.cadre("NEW", start=OLD),
        ],
        scores={"UP": (95, 95, 80, 80, 80, 80)},
        deductions=[make.deduction("DOWN")],
    )
    delta = changes(current, previous)
    assert {pid: (c.kind, c.before, c.after, c.delta) for pid, c in delta.items()} == {
        "UP": ("up", 3, 5, 2),
        "DOWN": ("down", 3, 2, -1),
        "SAME": ("same", 3, 3, 0),
        "NEWLY": ("rated", None, 1, None),
        "NEW": ("new", None, 3, None),
        "GONE": ("left", 3, None, None),
    }
    assert delta["UP"].kind_text == "升星"


def test_a_veto_is_a_change_of_status_not_a_count_of_stars(policy, make):
    # 取消评星 is no rating of 0 stars: vetoed after 3 stars is not "down 3", vetoed twice not
    # "same", rated again after a veto not "up"
    veto = {"measure": "违纪违法", "outcome": "留党察看"}
    people = [make.cadre(pid, start=OLD) for pid in ("NOW", "BOTH", "AFTER", "UNRATED")]
    people[3] = make.cadre("UNRATED", start=date(2021, 12, 1))
    previous = make.score(policy, "2022Q2", people, deductions=[
        make.deduction("BOTH", date(2022, 5, 1), **veto), make.deduction("AFTER", date(2022, 5, 1), **veto),
        make.deduction("UNRATED", date(2022, 5, 1), **veto)])
    current = make.score(policy, "2022Q3", people, deductions=[
        make.deduction("NOW", date(2022, 8, 1), **veto), make.deduction("BOTH", date(2022, 5, 1), **veto)])
    current = [replace(r, status="rated", stars=2) if r.person_id == "AFTER" else r for r in current]  # veto lifted
    delta = changes(current, previous)
    assert {pid: (c.kind, c.before, c.after, c.delta, c.before_status) for pid, c in delta.items()} == {
        "NOW": ("vetoed", 3, None, None, "rated"),
        "BOTH": ("vetoed", None, None, None, "vetoed"),
        "AFTER": ("restored", None, 2, None, "vetoed"),
        "UNRATED": ("unrated", None, None, None, "vetoed"),
    }
    assert (delta["NOW"].kind_text, delta["AFTER"].kind_text) == ("取消评星", "恢复评星")


def test_a_cadre_absent_before_from_a_township_that_did_not_send_is_not_called_new(policy, make):
    from xingxian_cli.domain.scoring import star_changes

    current = make.score(policy, "2022Q3", [make.cadre("A", start=OLD), make.cadre("B", start=OLD, township="东会乡")])
    delta = star_changes(current, {}, sent_before={make.cadre("A").township})
    assert {pid: c.kind for pid, c in delta.items()} == {"A": "new", "B": "unsent"}
    assert delta["B"].kind_text == "上季度乡镇未报送" and delta["B"].after == 3


def test_changes_without_a_previous_quarter_marks_everyone_new(policy, make):
    current = make.score(policy, "2022Q3", [make.cadre("A", start=OLD)])
    assert [c.kind for c in changes(current, None).values()] == ["new"]


def test_a_cadre_of_last_quarter_whose_township_has_not_sent_yet_is_not_called_left(policy, make):
    from xingxian_cli.domain.scoring import star_changes

    current = make.score(policy, "2022Q4", [make.cadre("A", start=OLD)])
    before = {"A": ("rated", 3), "GONE": ("rated", 2), "WAITING": ("rated", 1)}
    delta = star_changes(current, before, unsent_now={"WAITING"})
    assert {pid: c.kind for pid, c in delta.items()} == {"A": "same", "GONE": "left", "WAITING": "not_sent"}
    assert delta["WAITING"].kind_text == "本季度乡镇未报送" and delta["WAITING"].before == 1


def test_a_cadre_in_another_township_or_village_than_last_quarter_carries_where_they_were(policy, make):
    previous = make.score(policy, "2022Q3", [make.cadre("STAY", start=OLD), make.cadre("TOWN", start=OLD),
                                             make.cadre("VILL", start=OLD)])
    current = make.score(policy, "2022Q4", [make.cadre("STAY", start=OLD),
                                            make.cadre("TOWN", start=OLD, township="东会乡", village="东会村"),
                                            make.cadre("VILL", start=OLD, village="城西社区")])
    delta = changes(current, previous)
    was = (previous[0].township, previous[0].village)
    assert {pid: (c.kind, c.moved_from) for pid, c in delta.items()} == {
        "STAY": ("same", None), "TOWN": ("same", was), "VILL": ("same", was)}


def test_a_new_cadre_and_a_departed_namesake_of_the_same_village_are_paired_as_a_possible_mistyped_id(policy, make):
    from xingxian_cli.domain.scoring import PreviousCadre, departures, namesakes

    previous = make.score(policy, "2022Q3", [
        make.cadre("OLD", start=OLD, name="王 建国"),  # typed with a space last quarter
        make.cadre("TWIN1", start=OLD, name="李明"), make.cadre("TWIN2", start=OLD, name="李明"),
        make.cadre("ELSEWHERE", start=OLD, name="赵强"), make.cadre("DOT", start=OLD, name="乔·福生"),
    ])
    current = make.score(policy, "2022Q4", [
        make.cadre("NEWID", start=OLD, name="王建国"), make.cadre("NOTED", start=OLD, name="乔福生（代）"),
        make.cadre("TWIN3", start=OLD, name="李明"),  # two namesakes left: no pairing
        make.cadre("OTHERVILLAGE", start=OLD, name="赵强", village="城西社区"),  # another village
    ])
    before = [PreviousCadre.of(r) for r in previous]
    departed, _moved = departures(current, before)
    paired = namesakes(changes(current, previous), current, departed)
    assert {pid: c.namesake for pid, c in paired.items() if c.namesake} == {"NEWID": "OLD", "OLD": "NEWID",
                                                                            "NOTED": "DOT", "DOT": "NOTED"}
    assert paired["NEWID"].kind == "new" and paired["OLD"].kind == "left"
