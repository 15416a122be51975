"""Pay follows stars (§4 item 8) and the Q4 collective-economy bonus (§4 item 9, §4a)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

# Quarterly pay in yuan for the default policy, worked out by hand:
# annual / 4 × (0.6 + 0.4 × k), k = 0.0, 0.6, 0.7, 0.8, 0.9, 1.0 for 0..5 stars.
PAY_TABLE = {
    "书记兼主任": (6300, 8820, 9240, 9660, 10080, 10500),
    "书记": (5400, 7560, 7920, 8280, 8640, 9000),
    "主任": (4950, 6930, 7260, 7590, 7920, 8250),
    "副书记": (3600, 5040, 5280, 5520, 5760, 6000),
    "副主任": (3600, 5040, 5280, 5520, 5760, 6000),
    "监委会主任": (3600, 5040, 5280, 5520, 5760, 6000),
    "委员": (2700, 3780, 3960, 4140, 4320, 4500),
}

# (start date, scores, deduction?) giving 0..5 stars at 2022Q3.
SHAPES = {
    0: (date(2020, 1, 1), (80,) * 6, True),  # 1 tenure star - 1
    1: (date(2020, 1, 1), (80,) * 6, False),
    2: (date(2015, 1, 1), (80,) * 6, False),
    3: (date(2010, 1, 1), (80,) * 6, False),
    4: (date(2010, 1, 1), (95, 80, 80, 80, 80, 80), False),
    5: (date(2010, 1, 1), (95, 95, 80, 80, 80, 80), False),
}


@pytest.mark.parametrize("position", list(PAY_TABLE))
@pytest.mark.parametrize("stars", range(6))
def test_quarterly_pay_by_position_and_stars(policy, make, position, stars):
    start, scores, deducted = SHAPES[stars]
    cadre = make.cadre(start=start, position=position)
    events = [make.deduction()] if deducted else []
    r = make.one(policy, "2022Q3", cadre, default_scores=scores, deductions=events)
    assert r.stars == stars
    assert r.pay == Decimal(PAY_TABLE[position][stars])


def test_secretary_with_three_stars_earns_8280(policy, make):
    r = make.one(policy, "2022Q3", make.cadre(start=date(2010, 1, 1), position="书记"))
    assert (r.stars, r.pay) == (3, Decimal(8280))
    (hit,) = [h for h in r.rules if h.rule == "pay"]
    assert hit.amount == Decimal(8280)
    assert "36,000 元" in hit.text and "8,280 元" in hit.text
    assert hit.source == r.source


def test_unrated_cadre_is_paid_with_k_06(policy, make):
    r = make.one(policy, "2022Q3", make.cadre(start=date(2022, 1, 1), position="书记"))
    assert (r.status, r.pay) == ("unrated", Decimal(7560))


def test_vetoed_cadre_keeps_only_the_base_share(policy, make):
    cadre = make.cadre(start=date(2010, 1, 1), position="书记兼主任")
    event = make.deduction(measure="违纪违法", outcome="开除党籍")
    r = make.one(policy, "2022Q3", cadre, deductions=[event])
    assert (r.status, r.pay) == ("vetoed", Decimal(6300))


def test_pay_rounds_half_up_to_the_yuan(policy, make, vary):
    odd = vary(policy, {"pay.annual.书记": Decimal(36002)})  # 9000.5 yuan at 5 stars
    cadre = make.cadre(start=date(2010, 1, 1), position="书记")
    r = make.one(odd, "2022Q3", cadre, default_scores=(95, 95, 80, 80, 80, 80))
    assert (r.stars, r.pay) == (5, Decimal(9001))


def test_pay_is_a_whole_number_of_yuan(policy, make, vary):
    odd = vary(policy, {"pay.annual.委员": Decimal(18001)})
    r = make.one(odd, "2022Q3", make.cadre(start=date(2010, 1, 1), position="委员"))
    # 18001 / 4 × 0.92 = 4140.23
    assert r.pay == Decimal(4140)
    assert r.pay.as_tuple().exponent == 0


# --- collective-economy bonus -------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "this", "bonus"),
    [
        ("50", "55", 2500),  # exactly 10% growth: 5% × 50,000 yuan
        ("50", "54.99", 0),  # just under 10%
        ("100", "400", 10000),  # 5% × 3,000,000 = 150,000, capped at 10,000
        ("0", "2", 1000),  # nothing last year: any income qualifies
        ("0", "0", 0),
        ("10", "11.001", 501),  # 5% × 10,010 = 500.5, half-up
        ("60", "50", 0),  # income fell
    ],
)
def test_q4_bonus_for_village_income_growth(policy, make, last, this, bonus):
    cadre = make.cadre(start=date(2010, 1, 1), position="书记")
    r = make.one(policy, "2022Q4", cadre, economy=make.economy(last, this))
    assert r.bonus == Decimal(bonus)
    (hit,) = [h for h in r.rules if h.rule == "bonus"]
    assert hit.amount == Decimal(bonus)


def test_growth_just_short_of_the_threshold_is_not_shown_as_reaching_it(policy, make):
    cadre = make.cadre(start=date(2010, 1, 1), position="书记")
    r = make.one(policy, "2022Q4", cadre, economy=make.economy("5", "5.4999"))  # 9.998 %
    (hit,) = [h for h in r.rules if h.rule == "bonus"]
    assert r.bonus == 0 and "增长 9.99%" in hit.text and "增长 10%" not in hit.text


def test_bonus_is_paid_only_in_the_fourth_quarter(policy, make):
    cadre = make.cadre(start=date(2010, 1, 1), position="书记")
    r = make.one(policy, "2022Q3", cadre, economy=make.economy("50", "80"))
    assert r.bonus == 0
    assert not [h for h in r.rules if h.rule == "bonus"]


@pytest.mark.parametrize(
    ("position", "paid"),
    [
        ("书记", True),
        ("书记兼主任", True),
        ("主任", True),
        ("副书记", False),
        ("副主任", False),
        ("监委会主任", False),
        ("委员", False),
    ],
)
def test_bonus_goes_to_secretaries_and_directors_only(policy, make, position, paid):
    cadre = make.cadre(start=date(2010, 1, 1), position=position)
    r = make.one(policy, "2022Q4", cadre, economy=make.economy("50", "60"))
    assert r.bonus == (Decimal(5000) if paid else 0)


def test_bonus_for_every_eligible_cadre_of_the_village(policy, make):
    cadres = [
        make.cadre("S", start=date(2010, 1, 1), position="书记"),
        make.cadre("D", start=date(2010, 1, 1), position="主任"),
    ]
    results = make.score(policy, "2022Q4", cadres, economy=make.economy("50", "60"))
    assert [r.bonus for r in results] == [Decimal(5000), Decimal(5000)]


def test_unrated_cadre_receives_the_bonus(policy, make):
    cadre = make.cadre(start=date(2022, 6, 1), position="主任")
    r = make.one(policy, "2022Q4", cadre, economy=make.economy("50", "60"))
    assert (r.status, r.bonus) == ("unrated", Decimal(5000))


def test_vetoed_cadre_receives_no_bonus(policy, make):
    cadre = make.cadre(start=date(2010, 1, 1), position="书记")
    event = make.deduction(measure="违纪违法", outcome="刑事处罚", on=date(2022, 11, 1))
    r = make.one(policy, "2022Q4", cadre, deductions=[event], economy=make.economy("50", "60"))
    assert (r.status, r.bonus) == ("vetoed", 0)
    (hit,) = [h for h in r.rules if h.rule == "bonus"]
    # (review R58) the "not paid" line cites the village's figures it would have been paid by
    assert hit.text == "已取消评星，不发放集体经济奖励" and "村集体经济" in hit.source


def test_unrated_cadre_with_a_veto_gets_neither_k_nor_bonus(policy, make):
    cadre = make.cadre(start=date(2022, 6, 1), position="书记")
    event = make.deduction(measure="违纪违法", outcome="开除党籍", on=date(2022, 11, 1))
    r = make.one(policy, "2022Q4", cadre, deductions=[event], economy=make.economy("50", "60"))
    assert (r.status, r.k, r.pay, r.bonus) == ("vetoed", Decimal("0.0"), Decimal(5400), 0)


def test_village_without_economy_figures_gets_no_bonus(policy, make):
    cadre = make.cadre(start=date(2010, 1, 1), position="书记")
    r = make.one(policy, "2022Q4", cadre, economy=make.economy("50", "60", village="别村"))
    assert r.bonus == 0
    assert [h.amount for h in r.rules if h.rule == "bonus"] == [0]


def test_bonus_explanation_cites_the_economy_row(policy, make):
    economy = make.economy("50", "55")
    cadre = make.cadre(start=date(2010, 1, 1), position="书记")
    r = make.one(policy, "2022Q4", cadre, economy=economy)
    (hit,) = [h for h in r.rules if h.rule == "bonus"]
    (row,) = economy.values()
    assert hit.source == str(row.source)
    assert "10%" in hit.text and "2,500 元" in hit.text and "min(" not in hit.text
    assert r.total_pay == r.pay + Decimal(2500)


@pytest.mark.parametrize(("last", "this", "shown"), [("57.25", "55.45", "增长 -3.14%"), ("5", "4.99999", "增长 0%")])
def test_a_fall_in_income_is_shown_cut_towards_zero_not_overstated(policy, make, last, this, shown):
    # (review R112) floored, a fall of 3.1441 % was shown as 3.15 %
    cadre = make.cadre(start=date(2010, 1, 1), position="书记")
    r = make.one(policy, "2022Q4", cadre, economy=make.economy(last, this))
    (hit,) = [h for h in r.rules if h.rule == "bonus"]
    assert r.bonus == 0 and f"{shown}，" in hit.text, hit.text
