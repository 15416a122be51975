"""The synthetic county: coverage, validity and the corner cases scoring must meet."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from xingxian_cli.domain.ids import check_id
from xingxian_cli.domain.period import Quarter, add_months, full_years, in_window
from xingxian_cli.sample.generator import generate_county

HEADS = {"书记", "书记兼主任"}
Q3 = Quarter(2022, 3)
Q4 = Quarter(2022, 4)


def _cadres(county):
    return [c for sub in county.values() for c in sub.cadres]


def test_county_covers_every_registry_township_and_village(county_q3, registry):
    assert list(county_q3) == registry.townships
    covered = {(c.township, c.village) for c in _cadres(county_q3)}
    assert covered == {(v.township, v.name) for v in registry.villages}
    assert len(covered) == 253


def test_county_has_about_1500_cadres_with_unique_ids(county_q3):
    ids = [c.person_id for c in _cadres(county_q3)]
    assert 1400 <= len(ids) <= 1650
    assert len(set(ids)) == len(ids)


def test_every_generated_id_passes_the_id_check(county_q3, county_q4):
    for county in (county_q3, county_q4):
        bad = [c.person_id for c in _cadres(county) if check_id(c.person_id, date.today()) is not None]
        assert bad == []


def test_ids_use_xing_county_codes_mostly_and_some_other_shanxi_codes(county_q3):
    areas = Counter(c.person_id[:6] for c in _cadres(county_q3))
    assert areas["141123"] + areas["142325"] > 0.8 * sum(areas.values())
    assert {"141102", "140105"} <= set(areas)
    assert any(c.person_id.endswith("X") for c in _cadres(county_q3))


def test_cadres_are_23_to_62_and_adults_when_they_started(county_q3):
    from stdnum.cn import ric

    for c in _cadres(county_q3):
        birth = ric.get_birth_date(c.person_id)
        assert 23 <= full_years(birth, Q3.end) <= 62
        assert add_months(birth, 18 * 12) <= c.start_date <= Q3.end


def test_each_village_has_exactly_one_secretary_and_four_to_eight_cadres(county_q3, county_q4):
    for county in (county_q3, county_q4):
        for sub in county.values():
            heads = Counter(c.village for c in sub.cadres if c.position in HEADS)
            sizes = Counter(c.village for c in sub.cadres)
            assert set(heads.values()) == {1} and set(heads) == set(sizes)
            assert min(sizes.values()) >= 4 and max(sizes.values()) <= 8


def test_positions_mix_every_position_of_the_policy(county_q3, policy):
    assert set(Counter(c.position for c in _cadres(county_q3))) == set(policy.positions)


def test_every_tenure_band_is_present_with_anniversary_edges_and_leap_day(county_q3):
    cadres = _cadres(county_q3)
    years = [full_years(c.start_date, Q3.end) for c in cadres]
    assert {min(y, 10) for y in years} >= {0, 1, 4, 5, 9, 10}
    starts = {c.start_date for c in cadres}
    for n in (1, 5, 10):
        anniversary = add_months(Q3.end, -12 * n)
        assert anniversary in starts and anniversary + timedelta(days=1) in starts
    assert any(d.month == 2 and d.day == 29 for d in starts)


def test_honours_cover_every_level_inside_and_just_outside_the_window(county_q3):
    honours = [h for sub in county_q3.values() for h in sub.honours]
    assert {h.level for h in honours} == {"乡镇级", "县级", "市级", "省级", "国家级"}
    boundary = add_months(Q3.end, -36)
    dates = {h.date for h in honours}
    assert boundary in dates and boundary + timedelta(days=1) in dates
    inside = sum(in_window(h.date, Q3.end, 36) for h in honours)
    assert 0 < inside < len(honours)


def test_scores_are_0_to_100_and_include_exactly_90_and_89_99(county_q3, policy):
    values = [v for sub in county_q3.values() for s in sub.scores for v in s.scores.values()]
    assert all(Decimal(0) <= v <= Decimal(100) for v in values)
    assert Decimal("90") in values and Decimal("89.99") in values
    assert any(v != v.to_integral_value() for v in values)
    for sub in county_q3.values():
        for s in sub.scores:
            assert list(s.scores) == policy.systems


def test_every_roster_cadre_has_one_score_row_and_facts_name_roster_ids(county_q3, county_q4):
    for county in (county_q3, county_q4):
        for sub in county.values():
            roster = [c.person_id for c in sub.cadres]
            assert [s.person_id for s in sub.scores] == roster
            on_roster = set(roster)
            assert {h.person_id for h in sub.honours} <= on_roster
            assert {d.person_id for d in sub.deductions} <= on_roster


def test_deductions_cover_every_measure_and_outcome(county_q3, policy):
    deductions = [d for sub in county_q3.values() for d in sub.deductions]
    assert {d.measure for d in deductions} == set(policy.deduction_measures)
    assert {d.outcome for d in deductions if d.measure == "违纪违法"} == set(policy.outcomes)
    boundary = add_months(Q3.end, -12)
    assert {boundary, boundary + timedelta(days=1)} <= {d.date for d in deductions}


def test_a_handful_of_vetoes_one_on_a_cadre_not_yet_rated(county_q3):
    veto = {"撤销党内职务", "留党察看", "开除党籍", "刑事处罚"}
    cadres = {c.person_id: c for c in _cadres(county_q3)}
    vetoed = [d for sub in county_q3.values() for d in sub.deductions if d.outcome in veto]
    assert 4 <= len(vetoed) <= 8
    assert any(
        full_years(cadres[d.person_id].start_date, Q3.end) < 1 and in_window(d.date, Q3.end, 12)
        for d in vetoed
    )


def test_progress_has_every_measure_once_per_township_or_village(county_q3, policy, registry):
    for township, sub in county_q3.items():
        keys = [(p.measure_id, p.village) for p in sub.progress]
        expected = [(m.id, None) for m in policy.township_measures]
        expected += [
            (m.id, v) for m in policy.village_measures for v in registry.village_names(township)
        ]
        assert keys == expected
        assert {p.status for p in sub.progress} <= set(policy.completion.status_values)


def test_township_completion_rates_clearly_differ(county_q3, policy):
    values = policy.completion.status_values
    rates = [
        sum(values[p.status] for p in sub.progress) / len(sub.progress)
        for sub in county_q3.values()
    ]
    assert max(rates) - min(rates) > Decimal("0.25")
    assert len({round(r, 3) for r in rates}) >= 12


def test_economy_has_growth_around_ten_percent_exact_threshold_and_zero_last_year(
    county_q3, county_q4, registry
):
    for county in (county_q3, county_q4):
        rows = [e for sub in county.values() for e in sub.economy]
        assert [e.village for e in rows] == [v.name for v in registry.villages]
        assert all(e.this_year == e.this_year.quantize(Decimal("0.01")) for e in rows)
        assert any(e.last_year > 0 and e.this_year == e.last_year * Decimal("1.1") for e in rows)
        assert any(e.last_year == 0 and e.this_year > 0 for e in rows)
        growing = [
            e for e in rows if e.last_year > 0 and e.this_year >= e.last_year * Decimal("1.1")
        ]
        assert 0.2 * len(rows) < len(growing) < 0.9 * len(rows)


def test_same_seed_gives_identical_county_and_another_seed_differs(policy, registry, county_q3):
    assert generate_county(policy, registry, Q3, seed=2022) == county_q3
    other = generate_county(policy, registry, Q3, seed=7)
    assert [c.person_id for c in _cadres(other)] != [c.person_id for c in _cadres(county_q3)]


def test_next_quarter_keeps_ids_and_start_dates_of_those_who_stay(county_q3, county_q4):
    before = {c.person_id: c for c in _cadres(county_q3)}
    after = {c.person_id: c for c in _cadres(county_q4)}
    stayed = before.keys() & after.keys()
    assert len(stayed) > 0.95 * len(before)
    assert all(before[i].start_date == after[i].start_date for i in stayed)
    assert all(before[i].name == after[i].name for i in stayed)


def test_next_quarter_has_leavers_newcomers_a_position_change_and_a_mover(county_q3, county_q4):
    before = {c.person_id: c for c in _cadres(county_q3)}
    after = {c.person_id: c for c in _cadres(county_q4)}
    assert before.keys() - after.keys() and after.keys() - before.keys()
    newcomers = [after[i] for i in after.keys() - before.keys()]
    assert all(Q4.start <= c.start_date <= Q4.end for c in newcomers)
    stayed = before.keys() & after.keys()
    assert any(
        before[i].position != after[i].position and before[i].township == after[i].township
        for i in stayed
    )
    movers = [i for i in stayed if before[i].township != after[i].township]
    assert len(movers) == 1
    honoured = {h.person_id for h in county_q4[after[movers[0]].township].honours}
    assert movers[0] in honoured  # their history travels with them


def test_next_quarter_reports_some_earlier_facts_again_and_new_ones(county_q3, county_q4):
    for kind in ("honours", "deductions"):
        before = {f.key for sub in county_q3.values() for f in getattr(sub, kind)}
        after = {f.key for sub in county_q4.values() for f in getattr(sub, kind)}
        assert before & after and after - before
    new_dates = [h.date for sub in county_q4.values() for h in sub.honours]
    assert any(Q4.start <= d <= Q4.end for d in new_dates)


def test_next_quarter_progress_and_economy_move_forward(county_q3, county_q4, policy):
    values = policy.completion.status_values
    for township in county_q3:
        rate = [
            sum(values[p.status] for p in county[township].progress)
            for county in (county_q3, county_q4)
        ]
        assert rate[1] >= rate[0]
        before = {e.village: e for e in county_q3[township].economy}
        for e in county_q4[township].economy:
            assert e.last_year == before[e.village].last_year
            assert e.this_year >= before[e.village].this_year


def test_fill_date_follows_the_quarter_end(county_q3):
    for sub in county_q3.values():
        assert sub.quarter == "2022Q3" and sub.file == f"{sub.township}_2022Q3.xlsx"
        assert Q3.end < sub.fill_date <= Q3.end + timedelta(days=15)
        assert sub.filler and sub.phone and len(sub.phone) == 11
    assert date(2022, 9, 30) == Q3.end
