"""Competition ranking, township completion, task roll-up and village ranking (§4 item 10, §4a)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from xingxian_cli.domain.facts import Progress
from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.registry import Registry

if TYPE_CHECKING:
    from xingxian_cli.domain.scoring import CadreResult

_ZERO_F = Fraction(0)


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


def _mean(values: Sequence[Fraction]) -> Fraction:
    return sum(values, _ZERO_F) / len(values) if values else _ZERO_F


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
    mean_stars: Decimal  # half-up to policy.star_rules.composite_decimals; what is ranked
    rank: int
    rate_rounded: Decimal  # completion half-up to policy.completion.rate_decimals; ranked


class _Completion:
    """Every measure's completion per township and per registry village, as exact fractions."""

    def __init__(
        self, policy: Policy, registry: Registry, progress: Mapping[str, Sequence[Progress]]
    ) -> None:
        values = {s: Fraction(v) for s, v in policy.completion.status_values.items()}
        town_ids = [m.id for m in policy.township_measures]
        village_ids = [m.id for m in policy.village_measures]
        self.township: dict[str, dict[str, Fraction]] = {}
        self.village: dict[tuple[str, str], dict[str, Fraction]] = {}
        for township in registry.townships:
            own: dict[str, Fraction] = {}
            per_village: dict[tuple[str, str], Fraction] = {}
            # A township that has not submitted has no rows: every measure counts 0.
            for row in progress.get(township, ()):
                value = values.get(row.status, _ZERO_F)
                if row.village is None:
                    own.setdefault(row.measure_id, value)
                else:
                    per_village.setdefault((row.measure_id, row.village), value)
            names = registry.village_names(township)
            town_values = {mid: own.get(mid, _ZERO_F) for mid in town_ids}
            for name in names:
                self.village[(township, name)] = {
                    mid: per_village.get((mid, name), _ZERO_F) for mid in village_ids
                }
            for mid in village_ids:
                # Mean over the township's registry villages; unreported villages count 0.
                town_values[mid] = _mean([self.village[(township, n)][mid] for n in names])
            self.township[township] = town_values


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
    policy: Policy, registry: Registry, progress: Mapping[str, Sequence[Progress]]
) -> list[TownshipResult]:
    """Every registry township's completion rate and rank, best first (then registry order).

    ``progress`` maps a township to the rows of its current submission; a township absent
    from it has not submitted and counts 0 for every measure.
    """
    comp = _Completion(policy, registry, progress)
    decimals = policy.completion.rate_decimals
    all_ids = [m.id for m in policy.measures]
    rows: list[TownshipResult] = []
    for township in registry.townships:
        values = comp.township[township]
        rate = _weighted(policy, values, all_ids)
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


def _county_measure_completion(
    policy: Policy, registry: Registry, comp: _Completion
) -> dict[str, Fraction]:
    townships = registry.townships
    villages = [(v.township, v.name) for v in registry.villages]
    out: dict[str, Fraction] = {}
    for m in policy.measures:
        if m.level == "township":
            out[m.id] = _mean([comp.township[t][m.id] for t in townships])
        else:
            out[m.id] = _mean([comp.village[key][m.id] for key in villages])
    return out


def task_rollup(
    policy: Policy, registry: Registry, progress: Mapping[str, Sequence[Progress]]
) -> list[TaskResult]:
    """Each task's county completion, in policy order: weighted mean over the measures serving it.

    A measure's county completion is the mean over all registry townships (township-level)
    or over all registry villages (village-level); missing reports count 0.
    """
    comp = _Completion(policy, registry, progress)
    county = _county_measure_completion(policy, registry, comp)
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


def village_ranking(
    policy: Policy,
    registry: Registry,
    progress: Mapping[str, Sequence[Progress]],
    cadre_results: Sequence[CadreResult],
) -> list[VillageResult]:
    """Every registry village ranked county-wide, best first (then registry order).

    Key: weighted completion of village-level measures, then the mean stars of the
    village's cadres (vetoed count 0, 未定星 excluded, none -> 0); both rounded half-up,
    ties share a rank.
    """
    comp = _Completion(policy, registry, progress)
    village_ids = [m.id for m in policy.village_measures]
    stars: dict[tuple[str, str], list[int]] = {}
    for r in cadre_results:
        if r.status == "rated" and r.stars is not None:
            stars.setdefault((r.township, r.village), []).append(r.stars)
        elif r.status == "vetoed":
            stars.setdefault((r.township, r.village), []).append(0)
    rate_decimals = policy.completion.rate_decimals
    star_decimals = policy.star_rules.composite_decimals
    rows: list[VillageResult] = []
    for v in registry.villages:
        key = (v.township, v.name)
        rate = _weighted(policy, comp.village[key], village_ids)
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
            )
        )
    ranks = competition_rank([(r.rate_rounded, r.mean_stars) for r in rows])
    for row, rank in zip(rows, ranks, strict=True):
        row.rank = rank
    order = {(v.township, v.name): i for i, v in enumerate(registry.villages)}
    rows.sort(key=lambda r: (r.rank, order[(r.township, r.village)]))
    return rows


__all__ = [
    "TaskResult",
    "TownshipResult",
    "VillageResult",
    "competition_rank",
    "half_up",
    "task_rollup",
    "township_completion",
    "village_ranking",
]
