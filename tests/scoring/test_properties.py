"""Invariants of the star engine over generated facts (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xingxian_cli.domain.facts import Cadre, Deduction, Honour, SystemScores
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.ranking import competition_rank
from xingxian_cli.domain.scoring import score_cadres
from xingxian_cli.io.policy_io import default_policy

POLICY = default_policy()
QUARTER = Quarter(2022, 3)
END = QUARTER.end
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

score = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
six_scores = st.lists(score, min_size=6, max_size=6)
day = st.integers(min_value=-4 * 365, max_value=30).map(lambda n: END + timedelta(days=n))
start = st.dates(min_value=date(1985, 1, 1), max_value=END + timedelta(days=60))


@st.composite
def honours(draw, pid: str = "P") -> list[Honour]:
    out = []
    for i in range(draw(st.integers(0, 3))):
        level = draw(st.sampled_from(POLICY.star_rules.honour_levels))
        out.append(Honour(pid, "某", f"荣誉{i}", level, draw(day)))
    return out


@st.composite
def deduction(draw, pid: str = "P", i: int = 0, veto: bool = True) -> Deduction:
    measures = POLICY.star_rules.deductions.measures
    name = draw(st.sampled_from(sorted(measures)))
    rule = measures[name]
    outcomes = [*rule.by_outcome, *(rule.veto if veto else [])]
    outcome = draw(st.sampled_from(outcomes)) if outcomes else None
    return Deduction(pid, "某", name, None, outcome, draw(day), doc_no=f"{i}号")


@st.composite
def deductions(draw, pid: str = "P", veto: bool = True) -> list[Deduction]:
    n = draw(st.integers(0, 3))
    return [draw(deduction(pid, i, veto)) for i in range(n)]


def _one(policy, begun, values, hs=(), ds=(), position="书记"):
    cadre = Cadre("P", "某", "蔚汾镇", "城东社区", position, begun)
    rows = {"P": SystemScores("P", "某", dict(zip(policy.systems, values, strict=True)))}
    (r,) = score_cadres(policy, QUARTER, [cadre], rows, hs, ds, {})
    return r


@SETTINGS
@given(start, six_scores, honours(), deductions())
def test_stars_stay_within_the_policy_range(begun, values, hs, ds):
    r = _one(POLICY, begun, values, hs, ds)
    sr = POLICY.star_rules
    if r.status == "rated":
        assert sr.min_stars <= r.stars <= sr.max_stars
        # The star deltas of the explanation add up to the final stars.
        assert sum(h.delta or 0 for h in r.rules if h.rule not in ("pay", "bonus")) == r.stars
    elif r.status == "vetoed":
        assert r.stars == 0 and r.rank_county is None
    else:
        assert r.stars is None and r.tenure_years < sr.min_tenure_years


@SETTINGS
@given(
    start,
    six_scores,
    honours(),
    deductions(veto=False),
    st.sampled_from(POLICY.star_rules.honour_levels),
    day,
)
def test_adding_an_honour_never_lowers_stars(begun, values, hs, ds, level, granted):
    before = _one(POLICY, begun, values, hs, ds)
    extra = Honour("P", "某", "新增荣誉", level, granted)
    after = _one(POLICY, begun, values, [*hs, extra], ds)
    assert after.status == before.status
    if before.status == "rated":
        assert after.stars >= before.stars


@SETTINGS
@given(start, six_scores, honours(), deductions(), deduction(i=99))
def test_adding_a_deduction_never_raises_stars(begun, values, hs, ds, extra):
    before = _one(POLICY, begun, values, hs, ds)
    after = _one(POLICY, begun, values, hs, [*ds, extra])
    if before.status == "rated":
        assert after.status in ("rated", "vetoed") and after.stars <= before.stars
    elif before.status == "vetoed":
        assert after.status == "vetoed"
    else:
        assert after.status in ("unrated", "vetoed")


@SETTINGS
@given(
    st.sampled_from(POLICY.positions),
    st.lists(st.tuples(start, six_scores, deductions(veto=False)), min_size=2, max_size=6),
)
def test_pay_never_decreases_with_stars_for_the_same_position(position, people):
    rated = []
    for begun, values, ds in people:
        r = _one(POLICY, begun, values, (), ds, position)
        if r.status == "rated":
            rated.append((r.stars, r.pay))
    assume(len({s for s, _p in rated}) >= 2)  # (review R79) else nothing is compared
    rated.sort()
    assert [p for _s, p in rated] == sorted(p for _s, p in rated)


@pytest.fixture(scope="module")
def lenient(vary):
    """The default policy with threshold 85 and at most +3 from the six systems."""
    return vary(POLICY, {"star_rules.systems.threshold": 85, "star_rules.systems.max_added": 3})


def test_a_policy_with_other_numbers_gives_other_stars(lenient):
    values = [Decimal(v) for v in (86, 87, 88, 50, 50, 50)]
    assert _one(POLICY, date(2000, 1, 1), values).stars == 3
    assert _one(lenient, date(2000, 1, 1), values).stars == 5  # 3 + 3, clamped to 5
    assert _one(lenient, date(2020, 1, 1), values).stars == 4  # 1 + 3


@SETTINGS
@given(values=six_scores)
def test_systems_follow_the_policy_threshold_and_cap(lenient, values):
    assert _one(POLICY, date(2000, 1, 1), values).added == min(2, sum(v >= 90 for v in values))
    assert _one(lenient, date(2000, 1, 1), values).added == min(3, sum(v >= 85 for v in values))


@SETTINGS
@given(st.lists(st.tuples(start, six_scores, deductions()), min_size=1, max_size=12))
def test_ranks_are_competition_ranks_of_stars_then_rounded_composite(people):
    cadres, rows, events = [], {}, []
    for i, (begun, values, ds) in enumerate(people):
        pid = f"P{i}"
        cadres.append(Cadre(pid, "某", "蔚汾镇" if i % 2 else "康宁镇", "村", "委员", begun))
        rows[pid] = SystemScores(pid, "某", dict(zip(POLICY.systems, values, strict=True)))
        events += [Deduction(pid, "某", d.measure, None, d.outcome, d.date, d.doc_no) for d in ds]
    results = score_cadres(POLICY, QUARTER, cadres, rows, [], events, {})
    rated = [r for r in results if r.status == "rated"]
    expected = competition_rank([(r.stars, r.composite) for r in rated])
    assert [r.rank_county for r in rated] == expected
    assert [r.rank_county for r in rated] == sorted(r.rank_county for r in rated)
    for township in {r.township for r in rated}:
        mine = [r for r in rated if r.township == township]
        assert [r.rank_township for r in mine] == competition_rank(
            [(r.stars, r.composite) for r in mine]
        )
    assert all(r.rank_county is None for r in results if r.status != "rated")
    assert len(results) == len(cadres)


def test_composite_is_rounded_from_the_exact_mean():
    values = [Decimal("90.01"), Decimal(90), Decimal(90), Decimal(90), Decimal(90), Decimal(90)]
    r = _one(POLICY, date(2000, 1, 1), values)
    assert r.composite == Decimal("90.00") and r.composite_exact > Decimal(90)
