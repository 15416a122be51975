"""The "four in one" star engine: stars, composite, ranks, pay and bonus of every cadre (§4, §4a).

Every number comes from the policy; every step leaves a RuleHit that says, in Chinese,
which rule fired and from which submitted cell.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from operator import attrgetter, itemgetter
from typing import Any

from xingxian_cli.domain.diagnostics import Diagnostic, make
from xingxian_cli.domain.facts import (
    Cadre,
    Deduction,
    Economy,
    Honour,
    ProgressStatus,
    Source,
    SystemScores,
    event_detail,
)
from xingxian_cli.domain.ids import mask_private_in
from xingxian_cli.domain.memory import gc_paused
from xingxian_cli.domain.period import Quarter, full_years, window_start
from xingxian_cli.domain.policy import DeductionMeasure, Policy
from xingxian_cli.domain.registry import Registry
from xingxian_cli.domain.text import doc_number_text, identity_text, name_key
from xingxian_cli.messages import places
from xingxian_cli.messages import scoring as msg
from xingxian_cli.messages.common import LEVEL_NAMES

_ZERO = Decimal(0)
_YUAN = Decimal(1)
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class RuleHit:
    """One rule that fired for a cadre, explained in Chinese, with the cell it came from.

    Rules that only apply the policy to earlier steps (base-cap, system-cap, stars, clamp,
    unrated) have no cell of their own: their source is None.
    """

    rule: str  # stable code: tenure, achievement, base-cap, system, system-cap, deduction,
    # veto, stars, clamp, unrated, pay, bonus
    text: str
    delta: int | None = None  # stars this rule added (+) or removed (-)
    amount: Decimal | None = None  # yuan, for pay and bonus
    source: str | None = None  # "file › sheet › 第N行"

    def __init__(
        self,
        rule: str,
        text: str,
        delta: int | None = None,
        amount: Decimal | None = None,
        source: str | None = None,
    ) -> None:
        # Hand-written through the slot descriptors: the generated frozen __init__ is
        # almost twice as slow, and scoring 100,000 cadres creates some 500,000 of these.
        _set_rule(self, rule)
        _set_text(self, text)
        _set_delta(self, delta)
        _set_amount(self, amount)
        _set_source(self, source)


_set_rule, _set_text, _set_delta, _set_amount, _set_source = (
    RuleHit.__dict__[name].__set__ for name in ("rule", "text", "delta", "amount", "source")
)


_BONUS_VETOED = RuleHit("bonus", msg.BONUS_VETOED, None, _ZERO)
_SYSTEM_MISSING = RuleHit("system", msg.SYSTEM_MISSING, 0)


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
    # up | down | same (stars compared) | new | left | rated (未定星 before) | unrated (未定星
    # now) | vetoed (取消评星 now) | restored (取消评星 before, rated now) | unsent (not compared)
    kind: str
    before: int | None  # stars before: None when not rated then (未定星, 取消评星, absent)
    after: int | None  # stars now: None when not rated now
    delta: int | None
    before_status: str | None = None  # rated | unrated | vetoed; None when absent before
    # (township, village) of the previous quarter, when the cadre is in another one now
    moved_from: tuple[str, str] | None = None
    # A "new" cadre's namesake who "left" the same village (or the other way round): the other
    # ID, when each is the other's only one. The same person under two IDs if one was mistyped;
    # facts are remembered by ID, so the officer must hear of it (see :func:`namesakes`).
    namesake: str | None = None

    @property
    def kind_text(self) -> str:
        return msg.CHANGE_KINDS[self.kind]

    @property
    def shown_kind(self) -> str:
        """The kind as a reader is told it: 取消评星 or 未定星 as last quarter is no change."""
        return shown_kind(self.kind, self.before_status)


def shown_kind(kind: str, before_status: str | None) -> str:
    """A change's ``kind`` as shown (see :attr:`StarChange.shown_kind`), also of its JSON form:
    取消评星 or 未定星 in both quarters is no news, nor 持平 either (no stars kept: review R112),
    "vetoed2" or "unrated2" (at most 8 characters: score_cadre.change_kind)."""
    return kind + "2" if kind in ("vetoed", "unrated") and before_status == kind else kind


@dataclass(frozen=True, slots=True)
class PreviousCadre:
    """A cadre as the previous quarter ranked them: who they were and their stars."""

    person_id: str
    name: str
    township: str
    village: str
    position: str
    status: str
    stars: int | None

    @classmethod
    def of(cls, r: CadreResult) -> PreviousCadre:
        return cls(r.person_id, r.name, r.township, r.village, r.position, r.status, r.stars)


def _num(value: Decimal) -> str:
    """A Decimal as plain text: no exponent, no trailing zeros."""
    return format(value.normalize(), "f")


def _yuan_text(value: Decimal) -> str:
    """An amount of yuan as the headline shows it: 42,000 (no exponent, no trailing zeros)."""
    return format(value.normalize(), ",f")


def score_text(value: Decimal) -> str:
    """A six-system score as the explanation writes it."""
    return _score_text(value)


def _score_text(value: Decimal) -> str:
    # Scores are shown as the township wrote them (90.50 stays so); a whole score is shown
    # whole, as Excel shows a 95 typed into a number cell (read as 95.0) or as text, and an
    # exponent form is spelled out.
    whole = value.to_integral_value()
    if value == whole:
        return format(whole, "f")
    text = str(value)
    return format(value, "f") if "E" in text else text


def _yuan(value: Decimal) -> Decimal:
    return value.quantize(_YUAN, rounding=ROUND_HALF_UP)


_SOURCE = places.SOURCE.format  # file, sheet, row


def _src(source: Source | None) -> str | None:
    # Same text as str(Source), without the dispatch (called for every fact).
    if source is None:
        return None
    return _SOURCE(source.file, source.sheet, source.row)


def _percent(value: Decimal, rounding: str = ROUND_HALF_UP) -> str:
    shown = (value * _HUNDRED).quantize(Decimal("0.01"), rounding=rounding)
    return f"{_num(shown if shown else abs(shown))}%"  # (-0.001 % cut to 0: no "-0%")


def _positional(template: str, order: Sequence[str], **fixed: object) -> str:
    """``template`` with ``fixed`` fields filled in and the ``order`` fields as {0}, {1}, ...

    A positional template is filled faster than one with named fields, once per fact.
    """
    slots = {name: f"{{{i}}}" for i, name in enumerate(order)}
    return template.format(**fixed, **slots)


class _Templates:
    """The per-fact explanation templates with the run's fixed numbers already in place."""

    def __init__(self, end: str, ach_months: int, ach_stars: int, ded_months: int) -> None:
        honour = ("level", "title", "date")
        filled = {"months": ach_months, "stars": ach_stars, "end": end}
        self.ach_future = _positional(msg.ACHIEVEMENT_FUTURE, honour, **filled)
        self.ach_level = _positional(msg.ACHIEVEMENT_LEVEL, honour, **filled)
        self.ach_outside = _positional(msg.ACHIEVEMENT_OUTSIDE, honour, **filled)
        self.ach_already = _positional(msg.ACHIEVEMENT_ALREADY, honour, **filled)
        self.ach_earned = _positional(msg.ACHIEVEMENT_EARNED, honour, **filled)
        event = ("measure", "situation", "date", "outcome", "stars")
        filled = {"months": ded_months, "end": end}
        self.ded_future = _positional(msg.DEDUCTION_FUTURE, event, **filled)
        self.ded_outside = _positional(msg.DEDUCTION_OUTSIDE, event, **filled)
        self.ded_unknown = _positional(msg.DEDUCTION_UNKNOWN, event, **filled)
        self.deduction = _positional(msg.DEDUCTION, event, **filled)
        self.ded_alike = msg.DEDUCTION_ALIKE  # positional: where the earlier one was reported
        self.veto = _positional(msg.VETO, event, **filled)
        self.veto_reason = _positional(msg.VETO_REASON, event, **filled)
        self.outcome_shown = msg.DEDUCTION_OUTCOME_SHOWN  # positional: the outcome
        self.situation_shown = msg.DEDUCTION_SITUATION_SHOWN  # positional: the situation


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
        self.ach_lo = window_start(self.end, self.ach_months)
        self.base_max = sr.base_max
        sysr = sr.systems
        self.systems = tuple(sysr.names)
        self.n_systems = Decimal(len(self.systems))
        self.threshold = sysr.threshold
        self.threshold_text = _num(sysr.threshold)
        self.system_text = _positional(
            msg.SYSTEM,
            ("composite", "count", "names", "added"),
            threshold=self.threshold_text,
            n=len(self.systems),
        )
        self.star_each = sysr.star_each
        self.max_added = sysr.max_added
        self.quantum = Decimal(1).scaleb(-sr.composite_decimals)
        self.zero_composite = _ZERO.quantize(self.quantum)
        self.ded_months = sr.deductions.window_months
        self.ded_lo = window_start(self.end, self.ded_months)
        self.ded_rules: dict[str, DeductionMeasure] = dict(sr.deductions.measures)
        self.templates = _Templates(self.end_text, self.ach_months, self.ach_stars, self.ded_months)
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
        self.bonus_rule = bonus
        self.growth_min_text = _percent(bonus.growth_min)
        self.bonus_share = bonus.share
        self.bonus_cap = bonus.cap
        self.unit_yuan = bonus.unit_yuan
        # Per-run caches: many cadres share a start date, a star formula or a pay line.
        self.tenure_cache: dict[date, tuple[int, int, str]] = {}
        # Rule hits without a per-cadre source are frozen, so one object serves every cadre.
        self.final_cache: dict[tuple[int, int, int], tuple[int, RuleHit]] = {}
        self._shared: dict[tuple, RuleHit] = {}
        self.pay_cache: dict[tuple[str, object], tuple[Decimal, str, Decimal]] = {}
        self.bonus_cache: dict[tuple[str, str], tuple[Decimal, RuleHit]] = {}

    def tenure(self, start: date) -> tuple[int, int, str]:
        """Full years in post at period end, the tenure stars and the explanation."""
        years = full_years(start, self.end)
        stars = self.tenure_stars(years)
        if start > self.end:
            text = msg.TENURE_FUTURE.format(start=start.isoformat(), end=self.end_text)
        else:
            text = msg.TENURE.format(
                start=start.isoformat(), end=self.end_text, years=years, stars=stars
            )
        cached = self.tenure_cache[start] = (years, stars, text)
        return cached

    def tenure_stars(self, years: int) -> int:
        for min_years, stars in self.bands:
            if years >= min_years:
                return stars
        return 0

    def unrated(self, years: int) -> RuleHit:
        key = ("unrated", years)
        hit = self._shared.get(key)
        if hit is None:
            text = msg.UNRATED.format(
                years=years, min_years=self.min_tenure, k=_num(self.k_unrated)
            )
            hit = self._shared[key] = RuleHit("unrated", text)
        return hit

    def base_cap(self, tenure: int, achievement: int) -> RuleHit:
        key = ("base-cap", tenure, achievement)
        hit = self._shared.get(key)
        if hit is None:
            total = tenure + achievement
            text = msg.BASE_CAP.format(
                tenure=tenure, achievement=achievement, total=total, cap=self.base_max, over=total - self.base_max
            )
            hit = self._shared[key] = RuleHit("base-cap", text, self.base_max - total)
        return hit

    def system_cap(self, count: int) -> RuleHit:
        key = ("system-cap", count)
        hit = self._shared.get(key)
        if hit is None:
            raw = self.star_each * count
            text = msg.SYSTEM_CAP.format(count=count, each=self.star_each, raw=raw, cap=self.max_added,
                                         over=raw - self.max_added)
            delta = self.max_added - raw
            hit = self._shared[key] = RuleHit("system-cap", text, delta)
        return hit

    def final(self, base: int, added: int, deducted: int) -> tuple[int, RuleHit]:
        """Final stars of a rated cadre and the rule hit explaining them."""
        key = (base, added, deducted)
        cached = self.final_cache.get(key)
        if cached is not None:
            return cached
        raw = base + added - deducted
        stars = min(self.max_stars, max(self.min_stars, raw))
        if stars == raw:
            text = msg.STARS.format(base=base, added=added, deducted=deducted, stars=stars)
            cached = (stars, RuleHit("stars", text))
        else:
            text = msg.CLAMP.format(
                base=base,
                added=added,
                deducted=deducted,
                raw=raw,
                low=self.min_stars,
                high=self.max_stars,
                stars=stars,
            )
            cached = (stars, RuleHit("clamp", text, stars - raw))
        self.final_cache[key] = cached
        return cached

    def k(self, status: str, stars: int | None) -> Decimal:
        if status == "vetoed":
            return self.k_vetoed
        if status == "unrated":
            return self.k_unrated
        return self.k_by_stars.get(stars, _ZERO)  # type: ignore[arg-type]

    def pay(self, position: str, status: str, stars: int | None) -> tuple[Decimal, str, Decimal]:
        """Quarterly pay in yuan, its explanation and k; the same for every cadre of a kind."""
        key = (position, stars if status == "rated" else status)
        cached = self.pay_cache.get(key)
        if cached is not None:
            return cached
        annual = self.annual.get(position)
        k = self.k(status, stars)
        if annual is None:
            cached = (_ZERO, msg.PAY_MISSING.format(position=position), k)
        else:
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
                annual=_yuan_text(annual),
                periods=self.periods,
                base_share=_num(self.base_share),
                performance_share=_num(self.performance_share),
                k=_num(k),
                pay=_yuan_text(amount),
                basis=basis,
            )
            cached = (amount, text, k)
        self.pay_cache[key] = cached
        return cached

    def bonus(
        self, township: str, village: str, economy: Mapping[tuple[str, str], Economy]
    ) -> tuple[Decimal, RuleHit]:
        """The village's bonus per eligible cadre and the rule hit explaining it."""
        key = (township, village)
        cached = self.bonus_cache.get(key)
        if cached is not None:
            return cached
        eco = economy.get(key)
        if eco is None:
            cached = (
                _ZERO,
                RuleHit("bonus", msg.BONUS_NO_DATA.format(village=village), None, _ZERO),
            )
        else:
            last, this = eco.last_year, eco.this_year
            source = _src(eco.source)
            qualifies = self.bonus_rule.qualifies(last, this)
            if not qualifies:
                if last == 0:
                    text = msg.BONUS_NO_INCOME.format(village=village, this_year=_num(this))
                else:
                    text = msg.BONUS_SHORT.format(
                        village=village,
                        this_year=_num(this),
                        last_year=_num(last),
                        # cut towards 0: 9.998 % short of 10 % is no "增长 10%，未达 10%", and a fall
                        # of 3.1441 % is no 3.15 % (review R112: floored, falls were overstated)
                        growth=_percent((this - last) / last, ROUND_DOWN),
                        growth_min=self.growth_min_text,
                    )
                cached = (_ZERO, RuleHit("bonus", text, None, _ZERO, source))
            else:
                increase = (this - last) * self.unit_yuan
                amount = _yuan(min(self.bonus_cap, self.bonus_share * increase))
                fields = {
                    "village": village,
                    "this_year": _num(this),
                    "last_year": _num(last),
                    "cap": _yuan_text(self.bonus_cap),
                    "share": _percent(self.bonus_share),
                    "increase": _yuan_text(increase),
                    "bonus": _yuan_text(amount),
                    "growth_min": self.growth_min_text,
                }
                if last == 0:
                    text = msg.BONUS_FROM_ZERO.format(**fields)
                else:
                    text = msg.BONUS.format(growth=_percent((this - last) / last), **fields)
                cached = (amount, RuleHit("bonus", text, None, amount, source))
        self.bonus_cache[key] = cached
        return cached


def _history(items: Iterable) -> dict[str, list]:
    """Facts grouped by person id, each event once (§4a: facts are keyed by the resident ID
    and their identity, :attr:`key`): reported again in a later report, or pasted twice into
    one, an event counts once. Within one report, rows of one identity without a 文号 whose
    情形 differ (信访问题越级上访 and 发生安全生产事故 on one day) are that many events, and
    a later report repeating them (情形 reworded or not) adds none: per identity, as many
    are kept as the most distinct 情形 any one report gives it. The earliest are kept
    (callers pass history oldest first), so an explanation cites where they were first
    reported."""
    out: dict[str, list] = {}
    for item in items:
        bucket = out.get(item.person_id)
        if bucket is None:
            out[item.person_id] = [item]
        else:
            bucket.append(item)
    # Repeats are only possible within one person's facts; most people have one or none.
    for pid, bucket in out.items():
        if len(bucket) < 2 or len({item.key for item in bucket}) == len(bucket):
            continue
        told: dict[tuple, dict[object, set[str]]] = {}  # identity -> report -> distinct 情形
        for item in bucket:
            told.setdefault(item.key, {}).setdefault(_report(item), set()).add(_detail(item))
        allowed = {key: max(len(d) for d in by_report.values()) for key, by_report in told.items()}
        kept, taken = [], {}  # taken: identity -> the 情形 kept
        for item in bucket:
            key, detail = item.key, _detail(item)
            have = taken.setdefault(key, set())
            if len(have) < allowed[key] and detail not in have:
                have.add(detail)
                kept.append(item)
        if len(kept) < len(bucket):
            out[pid] = kept
    return out


def _report(item: Honour | Deduction) -> object:
    src = item.source
    if src is None:
        return None
    return src.report if src.report is not None else src.file


_detail = event_detail


_by_date = attrgetter("date")


def _achievement(rules: _Rules, honours: list[Honour], hits: list[RuleHit]) -> int:
    """Achievement stars from the honours (oldest first), one explained hit per honour."""
    earned = 0
    if len(honours) > 1:
        honours = sorted(honours, key=_by_date)
    t = rules.templates
    for h in honours:
        on = h.date
        delta = 0
        if on > rules.end:
            template = t.ach_future
        elif h.level not in rules.ach_levels:
            template = t.ach_level
        elif on <= rules.ach_lo:
            template = t.ach_outside
        elif earned:
            template = t.ach_already
        else:
            earned = delta = rules.ach_stars
            template = t.ach_earned
        text = template.format(h.level, mask_private_in(h.title), on.isoformat())
        hits.append(RuleHit("achievement", text, delta, None, _src(h.source)))
    return earned


def _deductions(
    rules: _Rules, events: list[Deduction], hits: list[RuleHit]
) -> tuple[int, str | None]:
    """Stars deducted in the window and the veto reason (None when no veto)."""
    deducted = 0
    veto: str | None = None
    alike: dict[int, Deduction] = {}
    if len(events) > 1:
        events = sorted(events, key=_by_date)
        alike = _alike(events)
    t = rules.templates
    for d in events:
        source = _src(d.source)
        on = d.date
        outcome = d.outcome
        # Free text: an ID written in it is masked in every output, as the ID column is.
        situation = t.situation_shown.format(mask_private_in(d.situation)) if d.situation else ""
        shown = t.outcome_shown.format(outcome) if outcome else ""
        dm = rules.ded_rules.get(d.measure)
        vetoing = dm is not None and outcome is not None and outcome in dm.veto
        # an event outside the window counts for nothing, and is still of its kind (a veto
        # expired is no star deduction: review R66)
        if on > rules.end:
            text = t.ded_future.format(d.measure, situation, on.isoformat(), shown)
            hits.append(RuleHit("veto" if vetoing else "deduction", text, 0, None, source))
            continue
        if on <= rules.ded_lo:
            text = t.ded_outside.format(d.measure, situation, on.isoformat(), shown)
            hits.append(RuleHit("veto" if vetoing else "deduction", text, 0, None, source))
            continue
        if vetoing:
            text = t.veto.format(d.measure, situation, on.isoformat(), outcome)
            hits.append(RuleHit("veto", text, None, None, source))
            if veto is None:
                veto = t.veto_reason.format(d.measure, situation, on.isoformat(), outcome)
                if source is not None:
                    veto = f"{veto} {source}"
            continue
        stars: int | None = None
        if dm is not None:
            if outcome is not None and outcome in dm.by_outcome:
                stars = dm.by_outcome[outcome]
            elif dm.per_event is not None:
                stars = dm.per_event
        if stars is None:
            text = t.ded_unknown.format(d.measure, situation, on.isoformat(), shown)
            hits.append(RuleHit("deduction", text, 0, None, source))
            continue
        deducted += stars
        text = t.deduction.format(d.measure, situation, on.isoformat(), shown, stars)
        if (first := alike.get(id(d))) is not None:
            text += t.ded_alike.format(_src(first.source) or "")
        hits.append(RuleHit("deduction", text, -stars, None, source))
    return deducted, veto


def _alike(events: list[Deduction]) -> dict[int, Deduction]:
    """The id of each event that reads as an earlier one completed (the same measure and date, its 文号
    or 处理结果 written where the earlier left it blank, or the other way round) -> that
    earlier one. Counted apart all the same (§4a's identity holds the 文号): the explanation
    says so, for the officer to have the report corrected if it is one event."""
    out: dict[int, Deduction] = {}
    seen: dict[tuple[str, date], list[Deduction]] = {}
    for d in events:  # by date, earliest reported first
        earlier = seen.setdefault((d.measure, d.date), [])
        for e in earlier:
            if all(a == b or not a or not b for a, b in ((doc_number_text(e.doc_no), doc_number_text(d.doc_no)),
                                                          (identity_text(e.outcome), identity_text(d.outcome)))):
                out[id(d)] = e
                break
        earlier.append(d)
    return out


def _scorer(
    rules: _Rules,
    scores_by: Mapping[str, SystemScores],
    honour_by: Mapping[str, list[Honour]],
    deduction_by: Mapping[str, list[Deduction]],
    economy: Mapping[tuple[str, str], Economy],
) -> Callable[[Cadre], CadreResult]:
    """The per-cadre scoring function with the policy's numbers and the facts bound as
    local names.

    Called 100,000 times in the benchmark: closure variables are read faster than
    attributes, which is most of the reason for this shape.
    """
    scores_get = scores_by.get
    honours_get = honour_by.get
    deductions_get = deduction_by.get
    empty: list = []
    tenure_cache = rules.tenure_cache
    tenure = rules.tenure
    base_max = rules.base_max
    systems = rules.systems
    # One C call picks the scores in policy order (itemgetter of one key gives a scalar).
    pick = itemgetter(*systems) if len(systems) > 1 else lambda s: (s[systems[0]],)
    n_systems = rules.n_systems
    threshold = rules.threshold
    quantum = rules.quantum
    star_each = rules.star_each
    max_added = rules.max_added
    system_text = rules.system_text
    min_tenure = rules.min_tenure
    bonus_on = rules.bonus_on
    final_cache = rules.final_cache
    pay_cache = rules.pay_cache
    bonus_cache = rules.bonus_cache
    bonus_positions = rules.bonus_positions

    def score_one(cadre: Cadre) -> CadreResult:
        pid = cadre.person_id
        row = scores_get(pid)
        honours = honours_get(pid, empty)
        events = deductions_get(pid, empty)
        cell = cadre.source
        roster = None if cell is None else _SOURCE(cell.file, cell.sheet, cell.row)

        # 1. Tenure.
        years, tenure_stars, text = tenure_cache.get(cadre.start_date) or tenure(cadre.start_date)
        hits = [RuleHit("tenure", text, tenure_stars, None, roster)]

        # 2-3. Achievement and base.
        achievement = _achievement(rules, honours, hits) if honours else 0
        base = tenure_stars + achievement
        if base > base_max:
            hits.append(rules.base_cap(tenure_stars, achievement))
            base = base_max

        # 4. Six systems and composite.
        scores: Mapping[str, Decimal]
        if row is None:
            composite_exact = _ZERO
            composite = rules.zero_composite
            added = 0
            scores = {}
            hits.append(_SYSTEM_MISSING)
        else:
            scores = row.scores
            try:
                values = pick(scores)
            except KeyError:  # a missing system counts 0 (the intake refuses such rows)
                values = tuple(scores.get(name, _ZERO) for name in systems)
            reached = [
                f"{name} {_score_text(value)}"
                for name, value in zip(systems, values, strict=True)
                if value >= threshold
            ]
            composite_exact = sum(values, _ZERO) / n_systems
            composite = composite_exact.quantize(quantum, ROUND_HALF_UP)
            count = len(reached)
            raw_added = star_each * count
            added = raw_added if raw_added <= max_added else max_added
            cell = row.source
            source = None if cell is None else _SOURCE(cell.file, cell.sheet, cell.row)
            names = f"（{'、'.join(reached)}）" if reached else ""
            # str() first: Decimal.__format__ is three times slower.
            text = system_text.format(str(composite), count, names, raw_added)
            if raw_added > added:  # "加 6 星" alone reads as six stars given (review R76)
                hits.append(RuleHit("system", text + msg.SYSTEM_OVER, raw_added, None, source))
                hits.append(rules.system_cap(count))
            else:
                hits.append(RuleHit("system", text, raw_added, None, source))

        # 5. Deductions and veto.
        deducted, veto = _deductions(rules, events, hits) if events else (0, None)

        # 6. Status and final stars.
        stars: int | None
        if veto is not None:
            status = "vetoed"
            stars = 0
            # As for 未定星 below: no one reads 加 3 星 on a cadre whose stars the veto took.
            hits = [_not_counted(h, msg.VETOED_NOT_COUNTED) if h.delta else h for h in hits]
        elif years < min_tenure:
            status = "unrated"
            stars = None
            # Nothing is added or deducted for a cadre who is not rated: say so on each hit
            # that would change stars, so no one reads 降 1 星 on a 未定星 cadre.
            hits = [_not_counted(h, msg.UNRATED_NOT_COUNTED) if h.delta else h for h in hits]
            hits.append(rules.unrated(years))
        else:
            status = "rated"
            stars, hit = final_cache.get((base, added, deducted)) or rules.final(
                base, added, deducted
            )
            hits.append(hit)

        # 8. Pay.
        position = cadre.position
        pay, text, k = pay_cache.get(
            (position, stars if status == "rated" else status)
        ) or rules.pay(position, status, stars)
        hits.append(RuleHit("pay", text, None, pay, roster))

        # 9. Bonus.
        bonus = _ZERO
        if bonus_on and position in bonus_positions:
            if status == "vetoed":  # cites the village's figures it would have been paid by
                eco = economy.get((cadre.township, cadre.village))
                hits.append(_BONUS_VETOED if eco is None else RuleHit(
                    "bonus", msg.BONUS_VETOED, None, _ZERO, _src(eco.source)))
            else:
                bonus, hit = bonus_cache.get((cadre.township, cadre.village)) or rules.bonus(
                    cadre.township, cadre.village, economy
                )
                hits.append(hit)

        # Positional: a keyword call with 24 fields costs twice as much.
        return CadreResult(
            pid,
            cadre.name,
            cadre.township,
            cadre.village,
            position,
            status,
            years,
            tenure_stars,
            achievement,
            base,
            added,
            deducted,
            stars,
            composite,
            composite_exact,
            None,  # rank_county, filled by _rank_and_order
            None,  # rank_township
            pay,
            bonus,
            veto,
            hits,
            k,
            scores,
            roster,
        )

    return score_one


def _not_counted(hit: RuleHit, template: str) -> RuleHit:
    """``hit`` of a 未定星 or vetoed cadre: its stars are not counted (nor is the period's cap
    worth pointing to, review R81)."""
    text = hit.text.removesuffix(msg.SYSTEM_OVER)
    return RuleHit(hit.rule, template.format(text=text), 0, hit.amount, hit.source)


_place = attrgetter("township", "village", "name", "person_id")
_stars = attrgetter("stars")
_composite = attrgetter("composite")


def _rank_and_order(results: list[CadreResult], place: Callable[[Any], Any] = _place) -> list[CadreResult]:
    """Fill county and township ranks (stars desc, then rounded composite desc; ties share)
    and return the results in output order: ranked ones by county rank, then ``place``; then
    the 未定星 by ``place``, then the 取消评星 by ``place`` (a veto is not lost among them)."""
    rated = [r for r in results if r.status == "rated"]
    unranked = [r for r in results if r.status != "rated"]
    # Stable sorts, least significant key first: two sorts on single keys beat one sort
    # on (stars, composite) tuples by half.
    rated.sort(key=_composite, reverse=True)
    rated.sort(key=_stars, reverse=True)
    # One pass gives competition ranks county-wide and per township (same rule as
    # ranking.competition_rank). Two cadres tie within a township exactly when they tie
    # county-wide, so a township compares county ranks instead of keys.
    last_stars: int | None = None
    last_composite: Decimal | None = None
    rank = 0
    ties: list[tuple[int, int]] = []  # [start, end) of each group sharing a rank
    towns: dict[str, list[int]] = {}  # township -> [seen, last county rank, rank]
    for position, r in enumerate(rated, 1):
        if r.stars != last_stars or r.composite != last_composite:
            if position - rank > 1:
                ties.append((rank - 1, position - 1))
            rank = position
            last_stars = r.stars
            last_composite = r.composite
        r.rank_county = rank
        town = towns.get(r.township)
        if town is None:
            town = towns[r.township] = [0, 0, 0]
        town[0] += 1
        if rank != town[1]:
            town[1] = rank
            town[2] = town[0]
        r.rank_township = town[2]
    if len(rated) - rank >= 1:
        ties.append((rank - 1, len(rated)))
    # Within a shared rank, place and name order; sorting each small group is cheaper
    # than sorting everything by place first.
    for start, end in ties:
        rated[start:end] = sorted(rated[start:end], key=place)
    unranked.sort(key=place)
    unranked.sort(key=lambda r: r.status == "vetoed")  # stable: each group keeps its place order
    rated.extend(unranked)
    return rated


def facts_outside_policy(
    policy: Policy,
    quarter: Quarter,
    cadres: Iterable[Cadre],
    scores: Iterable[SystemScores],
    honours: Iterable[Honour],
    deductions: Iterable[Deduction],
    progress: Mapping[str, Sequence[ProgressStatus]],
) -> list[Diagnostic]:
    """Stored facts the policy no longer covers: imports check every value against the
    policy of their day, and the workspace's policy can be edited afterwards. Scored
    anyway, a post missing from the pay table would be paid 0 yuan, a new system scored 0
    for everyone and a renamed deduction measure forgotten; so each such value is named,
    with how many facts hold it and where the first one came from. Honours and deductions
    outside their windows cannot count, whatever they hold, and are not asked about."""
    rules = policy.star_rules
    end = quarter.end
    honours_from = window_start(end, rules.achievement.window_months)
    deductions_from = window_start(end, rules.deductions.window_months)
    found: dict[tuple[str, str], list[Source | str | None]] = {}  # (what, value) -> sources

    def note(what: str, value: str, where: Source | str | None) -> None:
        found.setdefault((what, value), []).append(where)

    positions = set(policy.positions)
    for c in cadres:
        if c.position not in positions:
            note("position", c.position, c.source)
    systems = rules.systems.names
    for s in scores:
        for name in systems:
            if name not in s.scores:
                note("system", name, s.source)
    levels = set(rules.honour_levels)
    for h in honours:
        if h.level not in levels and honours_from < h.date <= end:
            note("level", h.level, h.source)
    measures = rules.deductions.measures
    for d in deductions:
        if not deductions_from < d.date <= end:
            continue
        m = measures.get(d.measure)
        if m is None:
            note("measure", d.measure, d.source)
        elif m.outcome_required and d.outcome not in m.by_outcome and d.outcome not in m.veto:
            note("outcome", msg.OUTSIDE_POLICY_OUTCOME.format(measure=d.measure, outcome=d.outcome or msg.NOT_FILLED),
                 d.source)
    statuses = policy.completion.status_values
    township_level = {m.id: m.level == "township" for m in policy.measures}
    for township, rows in progress.items():
        for mid, village, status in rows:
            if status not in statuses:
                note("status", status, township)
            at_township = township_level.get(mid)
            if at_township is None:  # dropped from the policy: its rows would count for nothing
                note("measure_id", mid, township)
            elif (village is None) is not at_township:  # reported at the other level: counted 0
                note("measure_level", msg.OUTSIDE_POLICY_LEVEL.format(
                    measure=mid, level=LEVEL_NAMES["township" if village is None else "village"]), township)
    out = []
    for (what, value), where in found.items():
        first = where[0]
        src = first if isinstance(first, Source) else None
        code = "facts-missing-system" if what == "system" else "facts-outside-policy"
        out.append(make(code, file=src.file if src else None, sheet=src.sheet if src else None,
                        row=src.row if src else None, value=value, kind=msg.OUTSIDE_POLICY[what], n=len(where),
                        at=msg.OUTSIDE_POLICY_AT.format(township=first) if src is None and first else "",
                        field=msg.OUTSIDE_POLICY_FIELD[what], back=msg.OUTSIDE_POLICY_BACK.get(what, "")))
    return out


@dataclass(frozen=True, slots=True)
class VillageBonus:
    """A village's collective-economy bonus per eligible cadre, and the rule and cell it
    follows from, whether or not a cadre of the village receives it."""

    township: str
    village: str
    amount: Decimal  # yuan per eligible cadre; 0: the village does not qualify
    hit: RuleHit


def village_bonuses(
    policy: Policy, quarter: Quarter, villages: Iterable[tuple[str, str]],
    economy: Mapping[tuple[str, str], Economy],
) -> list[VillageBonus]:
    """The bonus of each (township, village), in a quarter that pays it (else none): worked
    out as each cadre's is, so that a village that qualifies with no one on its roster to
    receive it, or only vetoed heads, still shows its figures."""
    rules = _Rules(policy, quarter)
    if not rules.bonus_on:
        return []
    return [VillageBonus(t, v, *rules.bonus(t, v, economy)) for t, v in villages]


def score_cadres(
    policy: Policy,
    quarter: Quarter,
    cadres: Sequence[Cadre],
    scores: Mapping[str, SystemScores],
    honours: Iterable[Honour],
    deductions: Iterable[Deduction],
    economy: Mapping[tuple[str, str], Economy],
    *,
    registry: Registry | None = None,
) -> list[CadreResult]:
    """Score and rank every cadre of the quarter; sorted by county rank, then place and name
    (in ``registry``'s order of townships and villages, and the policy's of posts, when given).

    ``scores`` maps person id -> this quarter's six-system scores; ``honours`` and
    ``deductions`` are the whole history (every quarter's submissions, oldest first: a
    re-reported event keeps its first source); ``economy`` maps (township, village) ->
    collective income. Unranked cadres (未定星, 取消评星) follow the ranked ones.

    Pure: reads nothing but its arguments. It pauses the cyclic garbage collector while it
    runs, since it creates no reference cycles.
    """
    rules = _Rules(policy, quarter)
    with gc_paused():
        honour_by = _history(honours)
        deduction_by = _history(deductions)
        score_one = _scorer(rules, scores, honour_by, deduction_by, economy)
        results = list(map(score_one, cadres))
        return _rank_and_order(results, _place if registry is None else registry.place_key(policy.positions))


def changes(
    current: Sequence[CadreResult], previous: Sequence[CadreResult] | None
) -> dict[str, StarChange]:
    """Per person id, stars now against the previous quarter (None: everyone is new)."""
    return star_changes(current, {r.person_id: (r.status, r.stars) for r in previous or ()},
                        places_before={r.person_id: (r.township, r.village) for r in previous or ()})


def star_changes(current: Sequence[CadreResult], before: Mapping[str, tuple[str, int | None]],
                 sent_before: Container[str] | None = None,
                 unsent_now: Container[str] = (),
                 places_before: Mapping[str, tuple[str, str]] | None = None) -> dict[str, StarChange]:
    """Per person id, stars now against ``before`` (the previous quarter's status and stars
    per person id). Stars are compared only between two rated quarters: a vetoed cadre's 0
    is no star count (vetoed twice is not "same", vetoed after 2 stars not "down 2").
    With ``sent_before`` (the townships that sent the previous quarter), a cadre absent
    before whose township sent nothing then is "unsent", not "new": there was no roster of
    theirs to be absent from. Likewise a cadre of before absent now is "not_sent", not
    "left", when their id is in ``unsent_now`` (their township has sent nothing this quarter).
    With ``places_before`` (the previous quarter's township and village per person id), a
    cadre in another township or village now carries where they were (moved_from)."""
    out: dict[str, StarChange] = {}
    for r in current:
        pid = r.person_id
        if pid not in before:
            unsent = sent_before is not None and r.township not in sent_before
            out[pid] = StarChange(pid, "unsent" if unsent else "new", None, _rated(r.status, r.stars), None)
            continue
        status, stars = before[pid]
        old = _rated(status, stars)
        if r.status == "vetoed":
            out[pid] = StarChange(pid, "vetoed", old, None, None, status)
        elif r.status != "rated":
            out[pid] = StarChange(pid, "unrated", old, None, None, status)
        elif old is None:
            out[pid] = StarChange(pid, "restored" if status == "vetoed" else "rated", None, r.stars, None, status)
        else:
            delta = (r.stars or 0) - old
            kind = "up" if delta > 0 else "down" if delta < 0 else "same"
            out[pid] = StarChange(pid, kind, old, r.stars, delta, status)
    if places_before:
        for r in current:
            place = places_before.get(r.person_id)
            if place is not None and place != (r.township, r.village):
                out[r.person_id] = replace(out[r.person_id], moved_from=place)
    now = {r.person_id for r in current}
    for pid, (status, stars) in before.items():
        if pid not in now:
            out[pid] = StarChange(pid, "not_sent" if pid in unsent_now else "left", _rated(status, stars), None,
                                  None, status)
    return out


def namesakes(changes: dict[str, StarChange], current: Sequence[CadreResult],
              previous: Sequence[PreviousCadre]) -> dict[str, StarChange]:
    """``changes`` with each "new" cadre and a "left" one of the same township, village and
    name paired (``namesake``: the other's ID), where each is the only such of the other.
    Facts are remembered by resident ID: one person whose ID was typed differently in one of
    the two quarters is two people to the scoring, their honours and deductions split."""
    def key(township: str, village: str, name: str) -> tuple[str, str, str]:
        return township, village, name_key(name)

    new: dict[tuple[str, str, str], list[str]] = {}
    for c in current:
        ch = changes.get(c.person_id)
        if ch is not None and ch.kind == "new":
            new.setdefault(key(c.township, c.village, c.name), []).append(c.person_id)
    if not new:
        return changes
    left: dict[tuple[str, str, str], list[str]] = {}
    for p in previous:
        ch = changes.get(p.person_id)
        if ch is not None and ch.kind == "left":
            left.setdefault(key(p.township, p.village, p.name), []).append(p.person_id)
    out = dict(changes)
    for k, gone in left.items():
        came = new.get(k, ())
        if len(gone) == 1 and len(came) == 1:
            out[came[0]] = replace(out[came[0]], namesake=gone[0])
            out[gone[0]] = replace(out[gone[0]], namesake=came[0])
    return out


def departures(current: Sequence[CadreResult], previous: Sequence[PreviousCadre]
               ) -> tuple[list[PreviousCadre], list[tuple[PreviousCadre, str]]]:
    """The previous quarter's cadres this one has not (in its order), and those in another
    township now, each with that township."""
    now = {c.person_id: c.township for c in current}
    departed = [p for p in previous if p.person_id not in now]
    moved = [(p, now[p.person_id]) for p in previous if now.get(p.person_id, p.township) != p.township]
    return departed, moved


def _rated(status: str, stars: int | None) -> int | None:
    """Stars that count as a star count: a rated cadre's (a vetoed one's 0 does not)."""
    return stars if status == "rated" else None
