"""The ScoreOutcome of generated submissions, scored without a workspace store: for the
report's tests and its benchmark (a county's report written without importing first)."""

from __future__ import annotations

from collections.abc import Mapping

from xingxian_cli.domain.diagnostics import Diagnostic
from xingxian_cli.domain.facts import Submission
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.ranking import task_rollup, township_completion, village_ranking
from xingxian_cli.domain.registry import Registry
from xingxian_cli.domain.scoring import (
    CadreResult,
    PreviousCadre,
    changes,
    departures,
    score_cadres,
    village_bonuses,
)
from xingxian_cli.services.scoring import ScoreOutcome


def _results(policy: Policy, quarter: Quarter, subs: list[Submission]) -> list[CadreResult]:
    return score_cadres(
        policy,
        quarter,
        [c for s in subs for c in s.cadres],
        {x.person_id: x for s in subs for x in s.scores},
        [h for s in subs for h in s.honours],
        [d for s in subs for d in s.deductions],
        {(s.township, e.village): e for s in subs for e in s.economy},
    )


def build_outcome(
    policy: Policy,
    registry: Registry,
    quarter: Quarter,
    county: Mapping[str, Submission],
    *,
    previous: tuple[Quarter, Mapping[str, Submission]] | None = None,
    warnings: list[Diagnostic] | None = None,
) -> ScoreOutcome:
    """The ScoreOutcome ``score_quarter`` would give for these submissions (no store)."""
    subs = list(county.values())
    cadres = _results(policy, quarter, subs)
    progress = {s.township: s.progress for s in subs}
    before = _results(policy, previous[0], list(previous[1].values())) if previous else None
    departed, moved = departures(cadres, [PreviousCadre.of(c) for c in before or ()])
    return ScoreOutcome(
        quarter=quarter,
        policy_version=policy.version,
        inputs_hash="0" * 64,
        cadres=cadres,
        townships=township_completion(policy, registry, progress),
        tasks=task_rollup(policy, registry, progress),
        villages=village_ranking(policy, registry, progress, cadres),
        changes=changes(cadres, before),
        submitted=[t for t in registry.townships if t in county],
        missing=[t for t in registry.townships if t not in county],
        warnings=warnings or [],
        previous_quarter=str(previous[0]) if previous else None,
        departed=departed,
        moved=moved,
        sources={s.township: (s.file, 1) for s in subs},
        village_bonus=village_bonuses(policy, quarter, [(v.township, v.name) for t in registry.townships if t in county
                                                         for v in registry.by_township[t]],
                                      {(s.township, e.village): e for s in subs for e in s.economy}),
    )
