"""Competition ranking, township completion, task roll-up and village ranking (§4 item 10, §4a)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING

from xingxian_cli.domain.facts import Progress, ProgressStatus
from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.registry import Registry

if TYPE_CHECKING:
    from xingxian_cli.domain.scoring import CadreResult

_ZERO_F = Fraction(0)
_UNSEEN = -1  # a village name not looked up yet


def competition_rank(keys: Sequence[tuple]) -> list[int]:
    """Ranks aligned with ``keys``: higher keys rank first, equal keys share a rank (1, 2, 2, 4)."""
    order = sorted(range(len(keys)), key=keys.__getitem__, reverse=True)
    ranks = [0] * len(keys)
    previous: object = None
    rank = 0
    for position, index in enumerate(order, 1):
        key = keys[index]
        if position == 1 or key != previous:
            rank = position
            previous = key
        ranks[index] = rank
    return ranks


def half_up(value: Decimal, decimals: int) -> Decimal:
    """``value`` rounded half-up (away from zero at .5) to ``decimals`` places."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _fraction_half_up(value: Fraction, decimals: int) -> Decimal:
    # Rounded from the exact fraction, so a rate that is exactly on a .5 boundary is never
    # pushed below it by a 28-digit Decimal division.
    scaled = abs(value) * 10**decimals
    units = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    if value < 0:
        units = -units
    return Decimal(units).scaleb(-decimals)


def _to_decimal(value: Fraction) -> Decimal:
    if value.denominator == 1:
        return Decimal(value.numerator)
    return Decimal(value.numerator) / Decimal(value.denominator)


@dataclass
class TownshipResult:
    """One township's completion of the policy's measures and its county rank."""

    township: str
    submitted: bool
    completion_rate: Decimal  # fraction 0..1 (exact to Decimal precision)
    rate_rounded: Decimal  # half-up to policy.completion.rate_decimals; what is ranked
    rank: int
    measures: dict[str, Decimal] = field(default_factory=dict)  # measure id -> completion


@dataclass
class TaskResult:
    """One key task's county-wide completion (weighted mean over the measures serving it)."""

    task_id: str
    area: str
    title: str
    completion: Decimal  # fraction 0..1
    measures: list[str]
    rate_rounded: Decimal = Decimal(0)


@dataclass
class VillageResult:
    """One registry village's completion of village-level measures and its county rank."""

    township: str
    village: str
    kind: str
    completion: Decimal  # fraction 0..1
    mean_stars: Decimal  # half-up to policy.completion.mean_stars_decimals; what is ranked
    rank: int
    rate_rounded: Decimal  # completion half-up to policy.completion.rate_decimals; ranked
    counted: int = 0  # cadres whose stars make the mean (none: the mean is ranked as 0, shown as none)


class Completion:
    """Every measure's completion per township and per registry village, exact.

    Status values are held as whole numbers of ``1 / scale`` (0.5 with scale 2 is 1), so
    the hundreds of thousands of village values of a province add up as integers; a rate
    becomes a Fraction (or a Decimal) only once, at the end. Build it once per quarter and
    pass it to :func:`township_completion`, :func:`task_rollup` and :func:`village_ranking`.
    """

    def __init__(
        self, policy: Policy, registry: Registry, progress: Mapping[str, Sequence[Progress | ProgressStatus]]
    ) -> None:
        values = {s: Fraction(v) for s, v in policy.completion.status_values.items()}
        self.scale = lcm(1, *(f.denominator for f in values.values()))
        units = {s: int(f * self.scale) for s, f in values.items()}
        self.registry = registry
        self.town_ids = [m.id for m in policy.township_measures]
        self.village_ids = [m.id for m in policy.village_measures]
        # Per township: its own measures' units, the sum over its registry villages of each
        # village measure's units, and how many registry villages it has.
        self.own: dict[str, list[int]] = {}
        self.sums: dict[str, list[int]] = {}
        self.n_villages: dict[str, int] = {}
        self.village: dict[tuple[str, str], list[int]] = {}  # aligned with village_ids
        town_pos = {mid: k for k, mid in enumerate(self.town_ids)}
        village_pos = {mid: k for k, mid in enumerate(self.village_ids)}
        width = len(self.village_ids)
        for township in registry.townships:
            names = registry.village_names(township)
            # None until reported: the first row for a measure (and village) counts.
            own: list[int | None] = [None] * len(self.town_ids)
            at: dict[str, int | None] = {name: i for i, name in enumerate(names)}
            grid: list[list[int | None]] = [[None] * width for _ in names]
            # A township that has not submitted has no rows: every measure counts 0.
            for row in progress.get(township, ()):
                mid, village, status = row if type(row) is tuple else (row.measure_id, row.village, row.status)
                if village is None:
                    k = town_pos.get(mid)
                    if k is not None and own[k] is None:
                        own[k] = units.get(status, 0)
                    continue
                k, i = village_pos.get(mid), at.get(village, _UNSEEN)
                if i == _UNSEEN:  # stored under an earlier registry's spelling (or no longer held)
                    i = at[village] = at.get(registry.village_named(township, village) or "")
                if k is not None and i is not None and grid[i][k] is None:
                    grid[i][k] = units.get(status, 0)
            sums = [0] * width
            for name, cells in zip(names, grid, strict=True):
                vals = [v or 0 for v in cells]
                self.village[(township, name)] = vals
                sums = [a + b for a, b in zip(sums, vals, strict=True)]
            self.own[township] = [v or 0 for v in own]
            self.sums[township] = sums
            self.n_villages[township] = len(names)

    def township_values(self, township: str) -> dict[str, Fraction]:
        """Measure id -> the township's completion (village measures: mean over its villages)."""
        scale, n = self.scale, self.n_villages[township]
        out = {mid: Fraction(u, scale) for mid, u in zip(self.town_ids, self.own[township], strict=True)}
        for mid, total in zip(self.village_ids, self.sums[township], strict=True):
            # Unreported villages count 0; a township without villages counts 0.
            out[mid] = Fraction(total, scale * n) if n else _ZERO_F
        return out

    def township_rate(self, township: str, weights: _Weights) -> Fraction:
        """The weighted completion over every measure, from the integer units."""
        n = self.n_villages[township] or 1  # no villages: every village sum is 0
        num = n * sum(w * u for w, u in zip(weights.town, self.own[township], strict=True)) \
            + sum(w * u for w, u in zip(weights.village, self.sums[township], strict=True))
        den = self.scale * n * weights.total
        return Fraction(num, den) if den else _ZERO_F

    def village_rate(self, key: tuple[str, str], weights: _Weights) -> Fraction:
        """The weighted completion of the village-level measures for one registry village."""
        den = self.scale * weights.village_total
        if not den:
            return _ZERO_F
        return Fraction(sum(w * u for w, u in zip(weights.village, self.village[key], strict=True)), den)

    def county_values(self) -> dict[str, Fraction]:
        """Measure id -> mean over every registry township (township measures) or every
        registry village (village measures); missing reports count 0."""
        townships = self.registry.townships
        out: dict[str, Fraction] = {}
        for k, mid in enumerate(self.town_ids):
            total = sum(self.own[t][k] for t in townships)
            out[mid] = Fraction(total, self.scale * len(townships)) if townships else _ZERO_F
        n_villages = sum(self.n_villages.values())
        for k, mid in enumerate(self.village_ids):
            total = sum(self.sums[t][k] for t in townships)
            out[mid] = Fraction(total, self.scale * n_villages) if n_villages else _ZERO_F
        return out


@dataclass(frozen=True)
class _Weights:
    """Measure weights as whole numbers of a common unit (only their ratios matter)."""

    town: list[int]
    village: list[int]

    @property
    def total(self) -> int:
        return sum(self.town) + sum(self.village)

    @property
    def village_total(self) -> int:
        return sum(self.village)

    @classmethod
    def of(cls, policy: Policy, comp: Completion) -> _Weights:
        by_id = policy.measure_by_id
        exact = {mid: Fraction(by_id[mid].weight) for mid in (*comp.town_ids, *comp.village_ids)}
        unit = lcm(1, *(f.denominator for f in exact.values()))
        return cls([int(exact[mid] * unit) for mid in comp.town_ids],
                   [int(exact[mid] * unit) for mid in comp.village_ids])


def _weighted(
    policy: Policy, values: Mapping[str, Fraction], measure_ids: Sequence[str]
) -> Fraction:
    by_id = policy.measure_by_id
    total_weight = sum((Fraction(by_id[mid].weight) for mid in measure_ids), _ZERO_F)
    if not total_weight:
        return _ZERO_F
    done = sum((Fraction(by_id[mid].weight) * values[mid] for mid in measure_ids), _ZERO_F)
    return done / total_weight


def township_completion(
    policy: Policy, registry: Registry, progress: Mapping[str, Sequence[Progress | ProgressStatus]],
    comp: Completion | None = None,
) -> list[TownshipResult]:
    """Every registry township's completion rate and rank, best first (then registry order).

    ``progress`` maps a township to the rows of its current submission; a township absent
    from it has not submitted and counts 0 for every measure. ``comp``: the same
    progress's :class:`Completion`, when already built.
    """
    comp = comp or Completion(policy, registry, progress)
    weights = _Weights.of(policy, comp)
    decimals = policy.completion.rate_decimals
    all_ids = [m.id for m in policy.measures]
    rows: list[TownshipResult] = []
    for township in registry.townships:
        values = comp.township_values(township)
        rate = comp.township_rate(township, weights)
        rows.append(
            TownshipResult(
                township=township,
                submitted=township in progress,
                completion_rate=_to_decimal(rate),
                rate_rounded=_fraction_half_up(rate, decimals),
                rank=0,
                measures={mid: _to_decimal(values[mid]) for mid in all_ids},
            )
        )
    ranks = competition_rank([(r.rate_rounded,) for r in rows])
    for row, rank in zip(rows, ranks, strict=True):
        row.rank = rank
    order = {t: i for i, t in enumerate(registry.townships)}
    rows.sort(key=lambda r: (r.rank, order[r.township]))
    return rows


def task_rollup(
    policy: Policy, registry: Registry, progress: Mapping[str, Sequence[Progress | ProgressStatus]],
    comp: Completion | None = None,
) -> list[TaskResult]:
    """Each task's county completion, in policy order: weighted mean over the measures serving it.

    A measure's county completion is the mean over all registry townships (township-level)
    or over all registry villages (village-level); missing reports count 0.
    """
    county = (comp or Completion(policy, registry, progress)).county_values()
    serving: dict[str, list[str]] = {t.id: [] for t in policy.tasks}
    for m in policy.measures:
        for tid in m.tasks:
            serving.setdefault(tid, []).append(m.id)
    decimals = policy.completion.rate_decimals
    out = []
    for task in policy.tasks:
        ids = serving[task.id]
        rate = _weighted(policy, county, ids)
        out.append(
            TaskResult(
                task_id=task.id,
                area=task.area,
                title=task.title,
                completion=_to_decimal(rate),
                measures=ids,
                rate_rounded=_fraction_half_up(rate, decimals),
            )
        )
    return out


def township_tasks(policy: Policy, town: TownshipResult, county: Sequence[TaskResult]) -> list[TaskResult]:
    """Each task of ``county`` (task_rollup's) within one township: the weighted mean of its
    measures' completion there (a township's own report lists them)."""
    weights = policy.measure_by_id
    decimals = policy.completion.rate_decimals
    zero = Decimal(0)
    out = []
    for t in county:
        total_weight = sum((Decimal(weights[m].weight) for m in t.measures), zero)
        done = sum((Decimal(weights[m].weight) * town.measures.get(m, zero) for m in t.measures), zero)
        rate = done / total_weight if total_weight else zero
        out.append(TaskResult(task_id=t.task_id, area=t.area, title=t.title, completion=rate,
                              measures=list(t.measures), rate_rounded=half_up(rate, decimals)))
    return out


def counted_stars(status: str, stars: int | None) -> int | None:
    """A cadre's stars as their village's mean stars count them: a rated cadre's own, 0 for
    a vetoed one; None for one not counted (未定星)."""
    if status == "rated" and stars is not None:
        return stars
    return 0 if status == "vetoed" else None


def village_ranking(
    policy: Policy,
    registry: Registry,
    progress: Mapping[str, Sequence[Progress | ProgressStatus]],
    cadre_results: Sequence[CadreResult],
    comp: Completion | None = None,
) -> list[VillageResult]:
    """Every registry village ranked county-wide, best first (then registry order).

    Key: weighted completion of village-level measures, then the mean stars of the
    village's cadres (vetoed count 0, 未定星 excluded, none -> 0); both rounded half-up,
    ties share a rank.
    """
    comp = comp or Completion(policy, registry, progress)
    weights = _Weights.of(policy, comp)
    stars: dict[tuple[str, str], list[int]] = {}
    for r in cadre_results:
        counted = counted_stars(r.status, r.stars)
        if counted is None:
            continue
        key = (r.township, registry.village_named(r.township, r.village) or r.village)
        stars.setdefault(key, []).append(counted)
    rate_decimals = policy.completion.rate_decimals
    star_decimals = policy.completion.mean_stars_decimals
    rows: list[VillageResult] = []
    for v in registry.villages:
        key = (v.township, v.name)
        rate = comp.village_rate(key, weights)
        counted = stars.get(key, [])
        mean = Fraction(sum(counted), len(counted)) if counted else _ZERO_F
        rows.append(
            VillageResult(
                township=v.township,
                village=v.name,
                kind=v.kind,
                completion=_to_decimal(rate),
                rate_rounded=_fraction_half_up(rate, rate_decimals),
                mean_stars=_fraction_half_up(mean, star_decimals),
                rank=0,
                counted=len(counted),
            )
        )
    ranks = competition_rank([(r.rate_rounded, r.mean_stars) for r in rows])
    for row, rank in zip(rows, ranks, strict=True):
        row.rank = rank
    order = {(v.township, v.name): i for i, v in enumerate(registry.villages)}
    rows.sort(key=lambda r: (r.rank, order[(r.township, r.village)]))
    return rows


__all__ = [
    "Completion",
    "TaskResult",
    "TownshipResult",
    "VillageResult",
    "competition_rank",
    "half_up",
    "task_rollup",
    "township_completion",
    "village_ranking",
]
