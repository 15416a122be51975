"""The "four in one" star engine: stars, composite, ranks, pay and bonus of every cadre (§4, §4a).

Every number comes from the policy; every step leaves a RuleHit that says, in Chinese,
which rule fired and from which submitted cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from xingxian_cli.domain.facts import Cadre, Deduction, Economy, Honour, Source, SystemScores
from xingxian_cli.domain.period import Quarter, add_months, full_years
from xingxian_cli.domain.policy import DeductionMeasure, Policy
from xingxian_cli.domain.ranking import competition_rank
from xingxian_cli.messages import scoring as msg

_ZERO = Decimal(0)
_YUAN = Decimal(1)
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class RuleHit:
    """One rule that fired for a cadre, explained in Chinese, with the cell it came from."""

    rule: str  # stable code: tenure, achievement, base-cap, system, system-cap, deduction,
    # veto, stars, clamp, unrated, pay, bonus
    text: str
    delta: int | None = None  # stars this rule added (+) or removed (-)
    amount: Decimal | None = None  # yuan, for pay and bonus
    source: str | None = None  # "file › sheet › 第N行"


@dataclass(slots=True)
class CadreResult:
    """One cadre's assessment for the quarter."""

    person_id: str
    name: str
    township: str
    village: str
    position: str
    status: str  # "rated" | "unrated" | "vetoed"
    tenure_years: int
    tenure_stars: int
    achievement_stars: int
    base: int
    added: int
    deducted: int
    stars: int | None  # final stars when rated, 0 when vetoed, None when 未定星
    composite: Decimal  # half-up to policy composite_decimals; what is ranked
    composite_exact: Decimal
    rank_county: int | None
    rank_township: int | None
    pay: Decimal  # quarterly pay, yuan
    bonus: Decimal  # collective-economy bonus, yuan (Q4 only)
    veto_reason: str | None
    rules: list[RuleHit]
    k: Decimal = _ZERO  # performance coefficient used for pay
    scores: Mapping[str, Decimal] = field(default_factory=dict)  # the six system scores
    source: str | None = None  # the roster row

    @property
    def status_text(self) -> str:
        """The status in Chinese: 已定星 / 未定星 / 取消评星."""
        return msg.STATUS[self.status]

    @property
    def total_pay(self) -> Decimal:
        """Quarterly pay plus bonus, yuan."""
        return self.pay + self.bonus


@dataclass(frozen=True, slots=True)
class StarChange:
    """A cadre's stars now against the previous quarter."""

    person_id: str
    kind: str  # up | down | same | new | left | rated | unrated
    before: int | None
    after: int | None
    delta: int | None

    @property
    def kind_text(self) -> str:
        return msg.CHANGE_KINDS[self.kind]


def _num(value: Decimal) -> str:
    """A Decimal as plain text: no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text


def _score_text(value: Decimal) -> str:
    # Scores are shown as the township wrote them; only an exponent form is spelled out.
    text = str(value)
    return format(value, "f") if "E" in text else text


def _yuan(value: Decimal) -> Decimal:
    return value.quantize(_YUAN, rounding=ROUND_HALF_UP)


def _src(source: Source | None) -> str | None:
    return None if source is None else str(source)


def _percent(value: Decimal) -> str:
    return f"{_num((value * _HUNDRED).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))}%"


class _Rules:
    """The policy's numbers, looked up once per scoring run instead of once per cadre."""

    def __init__(self, policy: Policy, quarter: Quarter) -> None:
        sr = policy.star_rules
        self.end = quarter.end
        self.end_text = self.end.isoformat()
        self.min_tenure = sr.min_tenure_years
        # Highest band first, so the first band reached gives the stars.
        self.bands = sorted(((b.min_years, b.stars) for b in sr.tenure_bands), reverse=True)
        self.ach_levels = frozenset(sr.achievement.levels)
        self.ach_stars = sr.achievement.stars
        self.ach_months = sr.achievement.window_months
        self.ach_lo = add_months(self.end, -self.ach_months)
        self.base_max = sr.base_max
        sysr = sr.systems
        self.systems = tuple(sysr.names)
        self.n_systems = Decimal(len(self.systems))
        self.threshold = sysr.threshold
        self.threshold_text = _num(sysr.threshold)
        self.star_each = sysr.star_each
        self.max_added = sysr.max_added
        self.quantum = Decimal(1).scaleb(-sr.composite_decimals)
        self.zero_composite = _ZERO.quantize(self.quantum)
        self.ded_months = sr.deductions.window_months
        self.ded_lo = add_months(self.end, -self.ded_months)
        self.ded_rules: dict[str, DeductionMeasure] = dict(sr.deductions.measures)
        self.min_stars = sr.min_stars
        self.max_stars = sr.max_stars
        pay = policy.pay
        self.k_by_stars = dict(pay.k_by_stars)
        self.k_unrated = pay.k_unrated
        self.k_vetoed = pay.k_vetoed
        self.annual = dict(pay.annual)
        self.periods = pay.periods_per_year
        self.base_share = pay.base_share
        self.performance_share = pay.performance_share
        bonus = pay.bonus
        self.bonus_on = quarter.q == bonus.quarter
        self.bonus_positions = frozenset(bonus.positions)
        self.growth_factor = 1 + bonus.growth_min
        self.growth_min_text = _percent(bonus.growth_min)
        self.bonus_share = bonus.share
        self.bonus_cap = bonus.cap
        self.unit_yuan = bonus.unit_yuan
        self._tenure: dict[date, int] = {}
        self._pay: dict[tuple[str, object], tuple[Decimal, str]] = {}
        self._bonus: dict[tuple[str, str], tuple[Decimal, str, str | None]] = {}

    def years(self, start: date) -> int:
        years = self._tenure.get(start)
        if years is None:
            years = self._tenure[start] = full_years(start, self.end)
        return years

    def tenure_stars(self, years: int) -> int:
        for min_years, stars in self.bands:
            if years >= min_years:
                return stars
        return 0

    def k(self, status: str, stars: int | None) -> Decimal:
        if status == "vetoed":
            return self.k_vetoed
        if status == "unrated":
            return self.k_unrated
        return self.k_by_stars.get(stars, _ZERO)  # type: ignore[arg-type]

    def pay(self, position: str, status: str, stars: int | None) -> tuple[Decimal, str]:
        """Quarterly pay in yuan and its explanation; the same for every cadre of a kind."""
        key = (position, stars if status == "rated" else status)
        cached = self._pay.get(key)
        if cached is not None:
            return cached
        annual = self.annual.get(position)
        if annual is None:
            cached = (_ZERO, msg.PAY_MISSING.format(position=position))
        else:
            k = self.k(status, stars)
            # One division, at the end, so exact amounts stay exact until the yuan rounding.
            amount = _yuan(annual * (self.base_share + self.performance_share * k) / self.periods)
            if status == "vetoed":
                basis = msg.PAY_BASIS_VETOED
            elif status == "unrated":
                basis = msg.PAY_BASIS_UNRATED
            else:
                basis = msg.PAY_BASIS_STARS.format(stars=stars)
            text = msg.PAY.format(
                position=position,
                annual=_num(annual),
                periods=self.periods,
                base_share=_num(self.base_share),
                performance_share=_num(self.performance_share),
                k=_num(k),
                pay=_num(amount),
                basis=basis,
            )
            cached = (amount, text)
        self._pay[key] = cached
        return cached

    def bonus(
        self, township: str, village: str, economy: Mapping[tuple[str, str], Economy]
    ) -> tuple[Decimal, str, str | None]:
        """The village's bonus per eligible cadre, its explanation and source cell."""
        key = (township, village)
        cached = self._bonus.get(key)
        if cached is not None:
            return cached
        eco = economy.get(key)
        if eco is None:
            cached = (_ZERO, msg.BONUS_NO_DATA.format(village=village), None)
        else:
            last, this = eco.last_year, eco.this_year
            source = _src(eco.source)
            if last == 0:
                qualifies = this > 0
            else:
                qualifies = this >= self.growth_factor * last
            if not qualifies:
                if last == 0:
                    text = msg.BONUS_NO_INCOME.format(village=village, this_year=_num(this))
                else:
                    text = msg.BONUS_SHORT.format(
                        village=village,
                        this_year=_num(this),
                        last_year=_num(last),
                        growth=_percent((this - last) / last),
                        growth_min=self.growth_min_text,
                    )
                cached = (_ZERO, text, source)
            else:
                increase = (this - last) * self.unit_yuan
                amount = _yuan(min(self.bonus_cap, self.bonus_share * increase))
                fields = {
                    "village": village,
                    "this_year": _num(this),
                    "last_year": _num(last),
                    "cap": _num(self.bonus_cap),
                    "share": _percent(self.bonus_share),
                    "increase": _num(increase),
                    "bonus": _num(amount),
                    "growth_min": self.growth_min_text,
                }
                if last == 0:
                    text = msg.BONUS_FROM_ZERO.format(**fields)
                else:
                    text = msg.BONUS.format(growth=_percent((this - last) / last), **fields)
                cached = (amount, text, source)
        self._bonus[key] = cached
        return cached


def _history(items: Iterable, ids: set[str]) -> dict[str, list]:
    """Facts of the scored cadres grouped by person, each event once (the first report kept)."""
    seen: set[tuple] = set()
    out: dict[str, list] = {}
    for item in items:
        if item.person_id not in ids:
            continue
        key = item.key
        if key in seen:
            continue
        seen.add(key)
        bucket = out.get(item.person_id)
        if bucket is None:
            out[item.person_id] = [item]
        else:
            bucket.append(item)
    return out


def _achievement(rules: _Rules, honours: list[Honour], hits: list[RuleHit]) -> int:
    earned = 0
    if len(honours) > 1:
        honours = sorted(honours, key=lambda h: h.date)
    for h in honours:
        fields = {"level": h.level, "title": h.title, "date": h.date.isoformat()}
        delta = 0
        if h.date > rules.end:
            text = msg.ACHIEVEMENT_FUTURE.format(end=rules.end_text, **fields)
        elif h.level not in rules.ach_levels:
            text = msg.ACHIEVEMENT_LEVEL.format(**fields)
        elif h.date <= rules.ach_lo:
            text = msg.ACHIEVEMENT_OUTSIDE.format(months=rules.ach_months, **fields)
        elif earned:
            text = msg.ACHIEVEMENT_ALREADY.format(months=rules.ach_months, **fields)
        else:
            earned = delta = rules.ach_stars
            text = msg.ACHIEVEMENT_EARNED.format(
                months=rules.ach_months, stars=rules.ach_stars, **fields
            )
        hits.append(RuleHit("achievement", text, delta, None, _src(h.source)))
    return earned


def _deductions(
    rules: _Rules, events: list[Deduction], hits: list[RuleHit]
) -> tuple[int, str | None]:
    """Stars deducted in the window and the veto reason (None when no veto)."""
    deducted = 0
    veto: str | None = None
    if len(events) > 1:
        events = sorted(events, key=lambda d: d.date)
    for d in events:
        source = _src(d.source)
        fields = {
            "measure": d.measure,
            "situation": f"“{d.situation}”" if d.situation else "",
            "date": d.date.isoformat(),
        }
        outcome_text = f"处理结果“{d.outcome}”" if d.outcome else ""
        if d.date > rules.end:
            text = msg.DEDUCTION_FUTURE.format(end=rules.end_text, outcome=outcome_text, **fields)
            hits.append(RuleHit("deduction", text, 0, None, source))
            continue
        if d.date <= rules.ded_lo:
            text = msg.DEDUCTION_OUTSIDE.format(
                months=rules.ded_months, outcome=outcome_text, **fields
            )
            hits.append(RuleHit("deduction", text, 0, None, source))
            continue
        dm = rules.ded_rules.get(d.measure)
        if dm is not None and d.outcome is not None and d.outcome in dm.veto:
            hits.append(
                RuleHit("veto", msg.VETO.format(outcome=d.outcome, **fields), None, None, source)
            )
            if veto is None:
                veto = msg.VETO_REASON.format(
                    measure=d.measure, outcome=d.outcome, date=fields["date"]
                )
                if source is not None:
                    veto = f"{veto} {source}"
            continue
        stars: int | None = None
        if dm is not None:
            if d.outcome is not None and d.outcome in dm.by_outcome:
                stars = dm.by_outcome[d.outcome]
            elif dm.per_event is not None:
                stars = dm.per_event
        if stars is None:
            text = msg.DEDUCTION_UNKNOWN.format(outcome=outcome_text, **fields)
            hits.append(RuleHit("deduction", text, 0, None, source))
            continue
        deducted += stars
        text = msg.DEDUCTION.format(outcome=outcome_text, stars=stars, **fields)
        hits.append(RuleHit("deduction", text, -stars, None, source))
    return deducted, veto


def _score_one(
    rules: _Rules,
    cadre: Cadre,
    row: SystemScores | None,
    honours: list[Honour],
    events: list[Deduction],
    economy: Mapping[tuple[str, str], Economy],
) -> CadreResult:
    hits: list[RuleHit] = []
    roster = _src(cadre.source)

    # 1. Tenure.
    years = rules.years(cadre.start_date)
    tenure_stars = rules.tenure_stars(years)
    if cadre.start_date > rules.end:
        text = msg.TENURE_FUTURE.format(start=cadre.start_date.isoformat(), end=rules.end_text)
    else:
        text = msg.TENURE.format(
            start=cadre.start_date.isoformat(), end=rules.end_text, years=years, stars=tenure_stars
        )
    hits.append(RuleHit("tenure", text, tenure_stars, None, roster))

    # 2-3. Achievement and base.
    achievement = _achievement(rules, honours, hits) if honours else 0
    base = tenure_stars + achievement
    if base > rules.base_max:
        hits.append(
            RuleHit(
                "base-cap",
                msg.BASE_CAP.format(
                    tenure=tenure_stars, achievement=achievement, total=base, cap=rules.base_max
                ),
                rules.base_max - base,
                None,
                roster,
            )
        )
        base = rules.base_max

    # 4. Six systems and composite.
    if row is None:
        composite_exact = _ZERO
        composite = rules.zero_composite
        added = 0
        scores: Mapping[str, Decimal] = {}
        hits.append(RuleHit("system", msg.SYSTEM_MISSING, 0, None, None))
    else:
        scores = row.scores
        total = _ZERO
        reached: list[str] = []
        shown: list[str] = []
        threshold = rules.threshold
        for name in rules.systems:
            value = scores.get(name, _ZERO)
            total += value
            shown.append(f"{name} {_score_text(value)}")
            if value >= threshold:
                reached.append(name)
        composite_exact = total / rules.n_systems
        composite = composite_exact.quantize(rules.quantum, rounding=ROUND_HALF_UP)
        raw_added = rules.star_each * len(reached)
        added = min(rules.max_added, raw_added)
        source = _src(row.source)
        text = msg.SYSTEM.format(
            scores="、".join(shown),
            composite=str(composite),
            threshold=rules.threshold_text,
            count=len(reached),
            names=f"（{'、'.join(reached)}）" if reached else "",
            added=raw_added,
        )
        hits.append(RuleHit("system", text, raw_added, None, source))
        if raw_added > added:
            text = msg.SYSTEM_CAP.format(
                count=len(reached), each=rules.star_each, cap=rules.max_added
            )
            hits.append(RuleHit("system-cap", text, added - raw_added, None, source))

    # 5. Deductions and veto.
    deducted, veto = _deductions(rules, events, hits) if events else (0, None)

    # 6. Status and final stars.
    stars: int | None
    if veto is not None:
        status = "vetoed"
        stars = 0
    elif years < rules.min_tenure:
        status = "unrated"
        stars = None
        k_text = _num(rules.k_unrated)
        text = msg.UNRATED.format(years=years, min_years=rules.min_tenure, k=k_text)
        hits.append(RuleHit("unrated", text, None, None, roster))
    else:
        status = "rated"
        raw = base + added - deducted
        stars = min(rules.max_stars, max(rules.min_stars, raw))
        if stars == raw:
            text = msg.STARS.format(base=base, added=added, deducted=deducted, stars=stars)
            hits.append(RuleHit("stars", text, None, None, None))
        else:
            text = msg.CLAMP.format(
                base=base,
                added=added,
                deducted=deducted,
                raw=raw,
                low=rules.min_stars,
                high=rules.max_stars,
                stars=stars,
            )
            hits.append(RuleHit("clamp", text, stars - raw, None, None))

    # 8. Pay.
    pay, pay_text = rules.pay(cadre.position, status, stars)
    hits.append(RuleHit("pay", pay_text, None, pay, roster))

    # 9. Bonus.
    bonus = _ZERO
    if rules.bonus_on and cadre.position in rules.bonus_positions:
        if status == "vetoed":
            hits.append(RuleHit("bonus", msg.BONUS_VETOED, None, _ZERO, None))
        else:
            bonus, text, source = rules.bonus(cadre.township, cadre.village, economy)
            hits.append(RuleHit("bonus", text, None, bonus, source))

    return CadreResult(
        person_id=cadre.person_id,
        name=cadre.name,
        township=cadre.township,
        village=cadre.village,
        position=cadre.position,
        status=status,
        tenure_years=years,
        tenure_stars=tenure_stars,
        achievement_stars=achievement,
        base=base,
        added=added,
        deducted=deducted,
        stars=stars,
        composite=composite,
        composite_exact=composite_exact,
        rank_county=None,
        rank_township=None,
        pay=pay,
        bonus=bonus,
        veto_reason=veto,
        rules=hits,
        k=rules.k(status, stars),
        scores=scores,
        source=roster,
    )


def _rank(results: list[CadreResult]) -> None:
    """Fill county and township ranks of rated cadres: stars desc, then rounded composite desc."""
    rated = [r for r in results if r.status == "rated"]
    keys = [(r.stars, r.composite) for r in rated]
    for r, rank in zip(rated, competition_rank(keys), strict=True):
        r.rank_county = rank
    by_township: dict[str, list[int]] = {}
    for i, r in enumerate(rated):
        by_township.setdefault(r.township, []).append(i)
    for indexes in by_township.values():
        ranks = competition_rank([keys[i] for i in indexes])
        for i, rank in zip(indexes, ranks, strict=True):
            rated[i].rank_township = rank


def _order(r: CadreResult) -> tuple:
    rank = r.rank_county if r.rank_county is not None else 1 << 62
    return (rank, r.township, r.village, r.name, r.person_id)


def score_cadres(
    policy: Policy,
    quarter: Quarter,
    cadres: Sequence[Cadre],
    scores: Mapping[str, SystemScores],
    honours: Iterable[Honour],
    deductions: Iterable[Deduction],
    economy: Mapping[tuple[str, str], Economy],
) -> list[CadreResult]:
    """Score and rank every cadre of the quarter; sorted by county rank, then place and name.

    ``scores`` maps person id -> this quarter's six-system scores; ``honours`` and
    ``deductions`` are the whole history (every quarter's submissions, oldest first: a
    re-reported event keeps its first source); ``economy`` maps (township, village) ->
    collective income. Unranked cadres (未定星, 取消评星) follow the ranked ones.
    """
    rules = _Rules(policy, quarter)
    ids = {c.person_id for c in cadres}
    honour_by = _history(honours, ids)
    deduction_by = _history(deductions, ids)
    empty: list = []
    results = [
        _score_one(
            rules,
            c,
            scores.get(c.person_id),
            honour_by.get(c.person_id, empty),
            deduction_by.get(c.person_id, empty),
            economy,
        )
        for c in cadres
    ]
    _rank(results)
    results.sort(key=_order)
    return results


def changes(
    current: Sequence[CadreResult], previous: Sequence[CadreResult] | None
) -> dict[str, StarChange]:
    """Per person id, stars now against the previous quarter (None: everyone is new)."""
    before = {r.person_id: r for r in previous or ()}
    out: dict[str, StarChange] = {}
    for r in current:
        old = before.get(r.person_id)
        if old is None:
            out[r.person_id] = StarChange(r.person_id, "new", None, r.stars, None)
            continue
        if r.stars is None:
            out[r.person_id] = StarChange(r.person_id, "unrated", old.stars, None, None)
        elif old.stars is None:
            out[r.person_id] = StarChange(r.person_id, "rated", None, r.stars, None)
        else:
            delta = r.stars - old.stars
            kind = "up" if delta > 0 else "down" if delta < 0 else "same"
            out[r.person_id] = StarChange(r.person_id, kind, old.stars, r.stars, delta)
    now = {r.person_id for r in current}
    for pid, old in before.items():
        if pid not in now:
            out[pid] = StarChange(pid, "left", old.stars, None, None)
    return out
