"""Stars: tenure, achievement, six systems, deductions, clamping, 未定星 and veto (§4, §4a)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

HIGH = (95, 95, 60, 60, 60, 60)  # two systems at or above 90: +2


# --- tenure ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "years", "stars"),
    [
        (date(2012, 9, 30), 10, 3),  # tenth anniversary falls on the period end
        (date(2012, 10, 1), 9, 2),  # the day after: still 9 years
        (date(2017, 9, 30), 5, 2),
        (date(2017, 10, 1), 4, 1),
        (date(2021, 9, 30), 1, 1),
    ],
)
def test_tenure_counts_whole_anniversaries_on_or_before_period_end(
    policy, make, start, years, stars
):
    r = make.one(policy, "2022Q3", make.cadre(start=start))
    assert (r.status, r.tenure_years, r.tenure_stars, r.stars) == ("rated", years, stars, stars)


def test_tenure_under_one_year_is_unrated_and_not_ranked(policy, make):
    r = make.one(policy, "2022Q3", make.cadre(start=date(2021, 10, 1)), default_scores=HIGH)
    assert (r.status, r.status_text, r.stars, r.rank_county, r.rank_township) == (
        "unrated",
        "未定星",
        None,
        None,
        None,
    )
    assert r.tenure_years == 0
    assert r.k == Decimal("0.6")


def test_unrated_cadre_is_not_told_that_stars_were_added_or_deducted(policy, make):
    cadre = make.cadre(start=date(2021, 10, 1))  # 0 years at 2022Q3: 未定星
    event = make.deduction(measure="考核问责", on=date(2022, 8, 1))
    r = make.one(policy, "2022Q3", cadre, deductions=[event], default_scores=HIGH)
    assert (r.status, r.stars, r.pay) == ("unrated", None, Decimal("7560"))  # 书记: 9000 × (0.6 + 0.4 × 0.6)
    changed = [h for h in r.rules if h.rule in ("system", "deduction")]
    assert [h.delta for h in changed] == [0, 0]
    assert all(h.text.endswith("（未定星，本季度不计星）") for h in changed)
    assert changed[1].source  # the event is still shown where it came from


def test_29_february_start_reaches_its_anniversary_in_a_common_year(policy, make):
    cadre = make.cadre(start=date(2020, 2, 29))
    assert make.one(policy, "2020Q4", cadre).status == "unrated"
    r = make.one(policy, "2021Q1", cadre)
    assert (r.status, r.tenure_years, r.stars) == ("rated", 1, 1)


def test_start_date_after_period_end_is_unrated(policy, make):
    r = make.one(policy, "2022Q3", make.cadre(start=date(2022, 10, 1)))
    assert (r.status, r.tenure_years) == ("unrated", 0)


# --- achievement ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("granted", "stars"),
    [
        (date(2019, 9, 30), 2),  # exactly 36 months before the period end: outside
        (date(2019, 10, 1), 3),  # inside
        (date(2022, 9, 30), 3),  # on the period end: inside
        (date(2022, 10, 1), 2),  # after the period end: never counts
    ],
)
def test_honour_counts_only_within_36_months_ending_at_period_end(policy, make, granted, stars):
    cadre = make.cadre(start=date(2015, 1, 1))  # 7 years: 2 tenure stars
    r = make.one(policy, "2022Q3", cadre, honours=[make.honour(on=granted)])
    assert r.stars == stars


def test_township_level_honour_earns_no_star(policy, make):
    cadre = make.cadre(start=date(2015, 1, 1))
    r = make.one(policy, "2022Q3", cadre, honours=[make.honour(level="乡镇级")])
    assert (r.achievement_stars, r.stars) == (0, 2)
    assert "乡镇级荣誉不赋星" in [h for h in r.rules if h.rule == "achievement"][0].text


@pytest.mark.parametrize("level", ["县级", "市级", "省级", "国家级"])
def test_county_level_or_higher_honour_earns_one_star(policy, make, level):
    cadre = make.cadre(start=date(2015, 1, 1))
    r = make.one(policy, "2022Q3", cadre, honours=[make.honour(level=level)])
    assert (r.achievement_stars, r.stars) == (1, 3)


def test_several_honours_earn_a_single_achievement_star(policy, make):
    cadre = make.cadre(start=date(2015, 1, 1))
    honours = [make.honour(title="A"), make.honour(title="B", level="省级")]
    r = make.one(policy, "2022Q3", cadre, honours=honours)
    assert (r.achievement_stars, r.stars) == (1, 3)


def test_honour_reported_again_in_a_later_quarter_counts_once_and_keeps_first_source(policy, make):
    cadre = make.cadre(start=date(2015, 1, 1))
    first = make.honour(file="蔚汾镇_2022Q2.xlsx")
    again = make.honour(file="蔚汾镇_2022Q3.xlsx")
    r = make.one(policy, "2022Q3", cadre, honours=[first, again])
    hits = [h for h in r.rules if h.rule == "achievement"]
    assert len(hits) == 1
    assert hits[0].source == str(first.source)


def test_base_stars_are_capped_at_three(policy, make):
    cadre = make.cadre(start=date(2000, 1, 1))  # 3 tenure stars
    r = make.one(policy, "2022Q3", cadre, honours=[make.honour()])
    assert (r.tenure_stars, r.achievement_stars, r.base, r.stars) == (3, 1, 3, 3)
    assert [h.delta for h in r.rules if h.rule == "base-cap"] == [-1]


def test_history_follows_the_person_across_townships(policy, make):
    moved = make.cadre(start=date(2015, 1, 1), township="魏家滩镇", village="某村")
    honour = make.honour(file="蔚汾镇_2021Q4.xlsx")  # reported by the former township
    r = make.one(policy, "2022Q3", moved, honours=[honour])
    assert (r.township, r.achievement_stars) == ("魏家滩镇", 1)


# --- six systems ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "added"),
    [("90", 1), ("90.00", 1), ("89.99", 0), ("100", 1)],
)
def test_a_system_adds_a_star_from_exactly_90(policy, make, score, added):
    cadre = make.cadre(start=date(2015, 1, 1))
    r = make.one(policy, "2022Q3", cadre, default_scores=(score, 70, 70, 70, 70, 70))
    assert (r.added, r.stars) == (added, 2 + added)


def test_systems_add_at_most_two_stars(policy, make):
    cadre = make.cadre(start=date(2015, 1, 1))
    r = make.one(policy, "2022Q3", cadre, default_scores=(99, 98, 97, 96, 95, 94))
    assert (r.added, r.stars) == (2, 4)
    assert [h.delta for h in r.rules if h.rule in ("system", "system-cap")] == [6, -4]
    (cap,) = [h.text for h in r.rules if h.rule == "system-cap"]
    assert "共 6 星" in cap and "最多加 2 星" in cap and "多出的 4 星不计" in cap
    (line,) = [h.text for h in r.rules if h.rule == "system"]  # (review R76) not "加 6 星" on its own
    assert line.endswith("加 6 星（超过本期上限，见下一条）")
    below = make.one(policy, "2022Q3", cadre, default_scores=(99, 98, 70, 70, 70, 70))
    assert [h.text for h in below.rules if h.rule == "system"][0].endswith("加 2 星")
    new = make.one(policy, "2022Q3", make.cadre(start=date(2022, 1, 1)), default_scores=(99, 98, 97, 96, 95, 94))
    assert new.status == "unrated"  # (R81) no stars counted: no cap to point to, one bracket
    assert [h.text for h in new.rules if h.rule == "system"][0].endswith("加 6 星（未定星，本季度不计星）")


def test_composite_is_the_mean_rounded_half_up_to_two_decimals(policy, make):
    # 480.75 / 6 = 80.125 exactly: half-up gives 80.13 (banker's rounding would give 80.12).
    values = ("80.75", 80, 80, 80, 80, 80)
    r = make.one(policy, "2022Q3", make.cadre(), default_scores=values)
    assert r.composite_exact == Decimal("80.125")
    assert r.composite == Decimal("80.13")


def test_cadre_without_scores_gets_composite_zero_and_no_system_stars(policy, make):
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.domain.scoring import score_cadres

    cadre = make.cadre(start=date(2015, 1, 1))
    (r,) = score_cadres(policy, Quarter(2022, 3), [cadre], {}, [], [], {})
    assert (r.composite, r.added, r.stars, r.status) == (Decimal("0.00"), 0, 2, "rated")


# --- deductions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("happened", "deducted"),
    [
        (date(2021, 9, 30), 0),  # exactly 12 months before the period end: outside
        (date(2021, 10, 1), 1),
        (date(2022, 9, 30), 1),
        (date(2022, 10, 1), 0),  # after the period end
    ],
)
def test_deduction_counts_only_within_12_months_ending_at_period_end(
    policy, make, happened, deducted
):
    cadre = make.cadre(start=date(2015, 1, 1))
    r = make.one(policy, "2022Q3", cadre, deductions=[make.deduction(on=happened)])
    assert (r.deducted, r.stars) == (deducted, 2 - deducted)


@pytest.mark.parametrize(
    ("quarter", "happened", "deducted"),
    [
        ("2022Q3", date(2021, 3, 31), 0),  # (R99) the last day of the month 18 months back: outside
        ("2022Q3", date(2021, 4, 1), 1),
        ("2022Q2", date(2020, 12, 31), 0),
        ("2022Q2", date(2021, 1, 1), 1),
        ("2022Q4", date(2021, 6, 30), 0),
        ("2022Q4", date(2021, 7, 1), 1),
    ],
)
def test_a_window_of_months_not_a_whole_year_is_whole_calendar_months(policy, make, vary, quarter, happened,
                                                                     deducted):
    # 18 months to 2022-09-30 are April 2021 to September 2022 (domain.md §4a: calendar months)
    eighteen = vary(policy, {"star_rules.deductions.window_months": 18, "star_rules.achievement.window_months": 18})
    cadre = make.cadre(start=date(2015, 1, 1))
    r = make.one(eighteen, quarter, cadre, deductions=[make.deduction(on=happened)])
    assert r.deducted == deducted
    honoured = make.one(eighteen, quarter, cadre, honours=[make.honour(on=happened)])
    assert honoured.achievement_stars == (1 if deducted else 0)


@pytest.mark.parametrize("measure", ["考核问责", "负面情形"])
def test_each_accountability_or_negative_event_deducts_one_star(policy, make, measure):
    cadre = make.cadre(start=date(2000, 1, 1))
    events = [
        make.deduction(measure=measure, on=date(2022, 1, 5), doc_no="1号"),
        make.deduction(measure=measure, on=date(2022, 3, 5), doc_no="2号"),
    ]
    r = make.one(policy, "2022Q3", cadre, deductions=events)
    assert (r.deducted, r.stars) == (2, 1)


@pytest.mark.parametrize(
    ("outcome", "stars"),
    [("警告", 4), ("严重警告", 3), ("政务处分", 3)],
)
def test_discipline_outcome_deducts_its_stars(policy, make, outcome, stars):
    cadre = make.cadre(start=date(2000, 1, 1))  # 3 + 2 = 5 stars before deduction
    event = make.deduction(measure="违纪违法", outcome=outcome)
    r = make.one(policy, "2022Q3", cadre, deductions=[event], default_scores=HIGH)
    assert (r.status, r.stars) == ("rated", stars)


@pytest.mark.parametrize("outcome", ["撤销党内职务", "留党察看", "开除党籍", "刑事处罚"])
def test_discipline_outcome_that_vetoes_cancels_the_rating(policy, make, outcome):
    cadre = make.cadre(start=date(2000, 1, 1))
    event = make.deduction(measure="违纪违法", outcome=outcome)
    r = make.one(policy, "2022Q3", cadre, deductions=[event], default_scores=HIGH)
    assert (r.status, r.status_text, r.stars, r.rank_county, r.rank_township) == (
        "vetoed",
        "取消评星",
        0,
        None,
        None,
    )
    assert outcome in r.veto_reason and str(event.source) in r.veto_reason


def test_veto_outside_the_window_does_not_count_and_is_still_listed_as_a_veto(policy, make):
    cadre = make.cadre(start=date(2015, 1, 1))
    event = make.deduction(measure="违纪违法", outcome="开除党籍", on=date(2021, 9, 30))
    r = make.one(policy, "2022Q3", cadre, deductions=[event])
    assert r.status == "rated" and r.deducted == 0
    # (review R66) listed as 三项措施降星 with 0 once out of the window, as if it took stars
    assert [(h.rule, h.delta) for h in r.rules if h.source == str(event.source)] == [("veto", 0)]


def test_event_reported_again_in_a_later_quarter_deducts_once(policy, make):
    cadre = make.cadre(start=date(2000, 1, 1))
    first = make.deduction(file="蔚汾镇_2022Q2.xlsx")
    again = make.deduction(file="蔚汾镇_2022Q3.xlsx")
    r = make.one(policy, "2022Q3", cadre, deductions=[first, again])
    assert (r.deducted, r.stars) == (1, 2)
    assert [h.source for h in r.rules if h.rule == "deduction"] == [str(first.source)]


def test_an_event_retyped_by_next_quarters_clerk_still_deducts_once(policy, make):
    # brackets of the document number typed another way, a blank outcome written as "/"
    cadre = make.cadre(start=date(2000, 1, 1))
    first = make.deduction(doc_no="兴组通〔2022〕22号", outcome=None, file="蔚汾镇_2022Q3.xlsx")
    again = make.deduction(doc_no="兴组通[2022] 22号", outcome="/", file="蔚汾镇_2022Q4.xlsx")
    r = make.one(policy, "2022Q4", cadre, deductions=[first, again])
    assert (r.deducted, r.stars) == (1, 2)
    assert [h.source for h in r.rules if h.rule == "deduction"] == [str(first.source)]


def test_events_with_different_document_numbers_are_not_folded_together(policy, make):
    cadre = make.cadre(start=date(2000, 1, 1))
    events = [make.deduction(doc_no="兴组通〔2022〕22号", file="蔚汾镇_2022Q3.xlsx"),
              make.deduction(doc_no="兴组通〔2022〕23号", file="蔚汾镇_2022Q4.xlsx")]
    assert make.one(policy, "2022Q4", cadre, deductions=events).deducted == 2


def test_an_event_whose_document_number_was_filled_in_later_counts_twice_and_says_it_may_be_one(policy, make):
    # §4a's identity holds the 文号: blank then filled are two events; the officer is told they may be one
    cadre = make.cadre(start=date(2000, 1, 1))
    first = make.deduction(doc_no=None, file="蔚汾镇_2022Q3.xlsx")
    again = make.deduction(doc_no="兴组通〔2022〕9号", file="蔚汾镇_2022Q4.xlsx")
    r = make.one(policy, "2022Q4", cadre, deductions=[first, again])
    assert r.deducted == 2
    hits = [h for h in r.rules if h.rule == "deduction"]
    assert "按两件事项计" not in hits[0].text and "按两件事项计" in hits[1].text and str(first.source) in hits[1].text
    other = [make.deduction(doc_no="兴组通〔2022〕22号", file="蔚汾镇_2022Q3.xlsx"),
             make.deduction(doc_no="兴组通〔2022〕23号", file="蔚汾镇_2022Q4.xlsx")]  # two documents: two events
    assert not [h for h in make.one(policy, "2022Q4", cadre, deductions=other).rules if "按两件事项计" in h.text]


def test_a_row_pasted_twice_into_one_report_counts_once(policy, make):
    # §4a: a deduction is keyed by (ID, 措施, 处理结果, 发生日期, 文号); a copy-paste slip must not
    # cost a star for twelve months
    cadre = make.cadre(start=date(2000, 1, 1))
    events = [make.deduction(measure="负面情形", doc_no="兴组通〔2022〕30号", situation="信访问题越级上访"),
              make.deduction(measure="负面情形", doc_no="兴组通〔2022〕30号", situation="信访问题越级上访")]
    r = make.one(policy, "2022Q3", cadre, deductions=events)
    assert r.deducted == 1
    assert [h.source for h in r.rules if h.rule == "deduction"] == [str(events[0].source)]


def test_two_events_of_one_day_without_a_document_number_told_apart_by_their_situation_both_count(policy, make):
    # 信访问题越级上访 and 发生安全生产事故 on one day, no 文号 yet: two events; the next quarter
    # repeating both (one reworded) adds none
    cadre = make.cadre(start=date(2000, 1, 1))
    q3 = [make.deduction(measure="负面情形", doc_no=None, situation="信访问题越级上访", file="蔚汾镇_2022Q3.xlsx"),
          make.deduction(measure="负面情形", doc_no=None, situation="发生安全生产事故", file="蔚汾镇_2022Q3.xlsx")]
    q4 = [make.deduction(measure="负面情形", doc_no=None, situation="信访问题越级上访", file="蔚汾镇_2022Q4.xlsx"),
          make.deduction(measure="负面情形", doc_no=None, situation="安全生产事故", file="蔚汾镇_2022Q4.xlsx")]
    assert make.one(policy, "2022Q3", cadre, deductions=q3).deducted == 2
    assert make.one(policy, "2022Q4", cadre, deductions=q3 + q4).deducted == 2


def test_one_documents_event_written_twice_with_its_situation_reworded_counts_once(policy, make):
    # the 文号 names the event: 履职不力被通报批评 and 履职不力，被通报批评。 are one
    cadre = make.cadre(start=date(2000, 1, 1))
    events = [make.deduction(measure="负面情形", doc_no="兴办通〔2022〕90号", situation="履职不力被通报批评"),
              make.deduction(measure="负面情形", doc_no="兴办通〔2022〕90号", situation="网格管理不到位，被通报")]
    assert make.one(policy, "2022Q3", cadre, deductions=events).deducted == 1
    blank = [make.deduction(measure="负面情形", doc_no=None, situation="履职不力被通报批评"),
             make.deduction(measure="负面情形", doc_no=None, situation="履职不力，被通报批评。")]
    assert make.one(policy, "2022Q3", cadre, deductions=blank).deducted == 1  # punctuation aside, one 情形
    no_doc = [make.deduction(measure="负面情形", doc_no="无文号", situation="信访问题越级上访"),
              make.deduction(measure="负面情形", doc_no="未发文", situation="发生安全生产事故")]
    assert make.one(policy, "2022Q3", cadre, deductions=no_doc).deducted == 2  # 无文号 is no 文号


def test_a_pasted_row_in_one_quarter_and_the_event_once_in_the_next_count_once(policy, make):
    cadre = make.cadre(start=date(2000, 1, 1))
    q3 = [make.deduction(doc_no=None, file="蔚汾镇_2022Q3.xlsx") for _ in range(2)]
    q4 = [make.deduction(doc_no=None, file="蔚汾镇_2022Q4.xlsx")]
    assert make.one(policy, "2022Q4", cadre, deductions=q3 + q4).deducted == 1


@pytest.mark.parametrize("again", ["兴组通〔2022〕第30号", "兴组通〔2022〕030号", "兴组通〔2022〕30", "兴组通[2022]30号"])
def test_a_document_number_retyped_with_or_without_di_zeros_or_hao_is_the_same_event(policy, make, again):
    cadre = make.cadre(start=date(2000, 1, 1))
    events = [make.deduction(doc_no="兴组通〔2022〕30号", file="蔚汾镇_2022Q3.xlsx"),
              make.deduction(doc_no=again, file="蔚汾镇_2022Q4.xlsx")]
    assert make.one(policy, "2022Q4", cadre, deductions=events).deducted == 1


def test_two_events_on_the_same_day_with_different_document_numbers_both_count(policy, make):
    cadre = make.cadre(start=date(2000, 1, 1))
    events = [make.deduction(doc_no="1号"), make.deduction(doc_no="2号")]
    assert make.one(policy, "2022Q3", cadre, deductions=events).deducted == 2


# --- final stars ------------------------------------------------------------------------


def test_stars_are_clamped_at_zero(policy, make):
    cadre = make.cadre(start=date(2021, 1, 1))  # 1 star
    events = [make.deduction(measure="违纪违法", outcome="严重警告")]
    r = make.one(policy, "2022Q3", cadre, deductions=events)
    assert (r.status, r.deducted, r.stars) == ("rated", 2, 0)
    assert [h.rule for h in r.rules if h.rule in ("stars", "clamp")] == ["clamp"]


def test_stars_are_clamped_at_five_under_a_policy_that_allows_more(policy, make, vary):
    generous = vary(policy, {"star_rules.systems.max_added": 3})
    cadre = make.cadre(start=date(2000, 1, 1))
    r = make.one(generous, "2022Q3", cadre, default_scores=(95, 95, 95, 60, 60, 60))
    assert (r.base, r.added, r.stars) == (3, 3, 5)
    assert [h.delta for h in r.rules if h.rule == "clamp"] == [-1]


def test_veto_beats_every_other_rule(policy, make):
    cadre = make.cadre(start=date(1995, 1, 1))
    r = make.one(
        policy,
        "2022Q3",
        cadre,
        honours=[make.honour(level="国家级")],
        deductions=[make.deduction(measure="违纪违法", outcome="留党察看")],
        default_scores=(100, 100, 100, 100, 100, 100),
    )
    assert (r.status, r.stars, r.k, r.rank_county) == ("vetoed", 0, Decimal("0.0"), None)
    # (review R58) no one reads 加 2 星 on a cadre whose stars the veto took
    counted = [h for h in r.rules if h.rule in ("achievement", "system")]
    assert counted and [h.delta for h in counted] == [0] * len(counted)
    assert all(h.text.endswith("（已取消评星，不计星）") for h in counted)
    (veto,) = [h for h in r.rules if h.rule == "veto"]
    assert not veto.text.endswith("不计星）")


def test_unrated_cadre_with_a_veto_is_vetoed(policy, make):
    cadre = make.cadre(start=date(2022, 6, 1))
    event = make.deduction(measure="违纪违法", outcome="开除党籍", on=date(2022, 8, 1))
    r = make.one(policy, "2022Q3", cadre, deductions=[event])
    assert (r.status, r.stars, r.k) == ("vetoed", 0, Decimal("0.0"))


def test_a_policy_with_a_single_system_scores_on_it_alone(policy, vary):
    from xingxian_cli.domain.facts import Cadre, SystemScores
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.domain.scoring import score_cadres

    single = vary(policy, {"star_rules.systems.names": ["党建引领"]})
    cadre = Cadre("P", "某", "蔚汾镇", "城东社区", "书记", date(2015, 1, 1))
    row = SystemScores("P", "某", {"党建引领": Decimal("92.5")})
    (r,) = score_cadres(single, Quarter(2022, 3), [cadre], {"P": row}, [], [], {})
    assert (r.composite, r.added, r.stars) == (Decimal("92.50"), 1, 3)


def test_facts_the_policy_no_longer_covers_are_named_only_where_they_could_count(policy, make):
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.domain.scoring import facts_outside_policy

    measures = dict(policy.star_rules.deductions.measures)
    measures["问责追究"] = measures.pop("考核问责")  # renamed after the facts were imported
    rules = policy.star_rules.model_copy(update={"deductions": policy.star_rules.deductions.model_copy(
        update={"measures": measures})})
    renamed = policy.model_copy(update={"star_rules": rules})
    inside = make.deduction("P1", date(2022, 5, 1))
    outside = make.deduction("P1", date(2021, 9, 30))  # 12 months before 2022-09-30: cannot count
    found = facts_outside_policy(renamed, Quarter(2022, 3), [make.cadre("P1")], [], [], [inside, outside], {})
    assert [(d.code, d.value, d.sheet, d.row) for d in found] == [
        ("facts-outside-policy", "考核问责", "降星事项", inside.source.row)]
    assert "1 处" in found[0].message and "star_rules.deductions.measures" in found[0].hint
    # a measure dropped for good: earlier quarters' events cannot be sent again (review R109)
    assert "加回时写 per_event: 0" in found[0].hint
    assert facts_outside_policy(policy, Quarter(2022, 3), [make.cadre("P1")], [], [], [inside, outside], {}) == []


def test_a_deduction_measure_put_back_with_no_stars_per_event_lowers_no_one(policy, make):
    from xingxian_cli.domain.facts import Deduction
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.domain.scoring import facts_outside_policy, score_cadres

    measures = dict(policy.star_rules.deductions.measures)
    measures["考核问责"] = measures["考核问责"].model_copy(update={"per_event": 0, "by_outcome": {}, "veto": [],
                                                           "outcome_required": False})
    rules = policy.star_rules.model_copy(update={"deductions": policy.star_rules.deductions.model_copy(
        update={"measures": measures})})
    kept = policy.model_copy(update={"star_rules": rules})
    cadre = make.cadre("P1")
    event = make.deduction("P1", date(2022, 5, 1))
    assert event.measure == "考核问责" and isinstance(event, Deduction)
    assert facts_outside_policy(kept, Quarter(2022, 3), [cadre], [], [], [event], {}) == []
    (with_event,) = score_cadres(kept, Quarter(2022, 3), [cadre], {}, [], [event], {})
    (without,) = score_cadres(kept, Quarter(2022, 3), [cadre], {}, [], [], {})
    assert (with_event.status, with_event.stars, with_event.pay) == (without.status, without.stars, without.pay)
