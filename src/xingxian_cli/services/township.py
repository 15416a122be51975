"""``xx score --explain 乡镇 | 村 | 任务编号``: how a township's completion rate and rank, a
village's rank, or a key task's completion come about, measure by measure, from the rows of
the 任务进度 sheets (§4 item 10, §4a)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.ranking import Completion, counted_stars, task_rollup, township_completion
from xingxian_cli.domain.registry import Registry
from xingxian_cli.services.context import Context, for_quarter

if TYPE_CHECKING:
    from xingxian_cli.io.store import QuarterFacts, SubmissionMeta


@dataclass
class MeasureLine:
    """One measure's part of a township's rate: its completion and the rows it came from."""

    measure_id: str
    title: str
    level: str  # township / village
    weight: Decimal
    completion: Decimal
    status: str | None = None  # township-level: the status read (None: not reported)
    row: int | None = None  # township-level: its row
    counts: dict[str, int] = field(default_factory=dict)  # village-level: villages per status read
    unreported: int = 0  # village-level: registry villages without a row
    rows: list[int] = field(default_factory=list)  # village-level: the rows read


@dataclass
class TownshipExplanation:
    quarter: Quarter
    township: str
    rank: int
    n_townships: int
    rate: Decimal  # as ranked (rounded half-up to the policy's decimals)
    weighted: Decimal  # Σ weight × completion
    total_weight: Decimal
    n_villages: int
    file: str | None  # the current submission's file (None: not submitted)
    version: int | None
    sheet: str | None
    lines: list[MeasureLine]
    decimals: int = 4  # the policy's rate decimals: each measure's completion is shown to them
    refused: bool = False  # not submitted because its file was refused (the report's 已拒收)
    missing: list[str] = field(default_factory=list)  # townships not sent: the rank is provisional (R129)

    def document(self) -> dict[str, object]:
        return {
            "quarter": str(self.quarter), "township": self.township, "rank": self.rank, "missing": self.missing,
            "townships": self.n_townships, "completion_rate": float(self.rate), "weighted": float(self.weighted),
            "total_weight": float(self.total_weight), "villages": self.n_villages, "file": self.file,
            "version": self.version, "sheet": self.sheet,
            "measures": [{"id": m.measure_id, "level": m.level, "weight": float(m.weight),
                          "completion": float(m.completion), "status": m.status, "row": m.row,
                          "statuses": m.counts, "unreported": m.unreported, "rows": m.rows} for m in self.lines],
        }


def _checked_facts(ctx: Context, quarter: Quarter) -> QuarterFacts | None:
    """The quarter's facts (None: nothing submitted), refused as ``xx score`` refuses them
    when the policy no longer covers them: no explanation of figures the score refuses."""
    from xingxian_cli.services.scoring import quarter_facts, refuse_facts_outside_policy

    facts = quarter_facts(ctx, quarter)
    if not facts.submissions:
        return None
    refuse_facts_outside_policy(ctx, quarter, facts)  # ctx bound to the quarter by the caller
    return facts


def _refused(ctx: Context, quarter: Quarter, township: str) -> bool:
    """Whether an import of the quarter refused a file of ``township`` (the report's 已拒收, R82)."""
    return any(r.township == township for r in ctx.store.refusals(str(quarter)))


def _progress_rows(ctx: Context, meta: SubmissionMeta | None) -> list[tuple[str, str | None, str, str, int]]:
    """A submission's 任务进度 rows (see Store.progress_rows), their statuses in the words of
    ``ctx``'s policy as scoring reads them (a status renamed since: review R96)."""
    if meta is None:
        return []
    from xingxian_cli.domain.intake import status_in_policy_words

    word = status_in_policy_words(ctx.policy.completion.status_values)
    return [(mid, village, word(status), sheet, row) for mid, village, status, sheet, row in ctx.store.progress_rows(meta.id)]


def explain_township(ctx: Context, quarter: Quarter, township: str) -> TownshipExplanation | None:
    """The township's completion measure by measure, with its rank among all (None: nothing
    submitted for the quarter). Village-level measures: the mean over the township's
    registry villages, unreported ones 0; the first row for a measure (and village) counts."""
    from xingxian_cli.services.scoring import missing_townships

    ctx = for_quarter(ctx, quarter)
    facts = _checked_facts(ctx, quarter)
    if facts is None:
        return None
    policy, registry = ctx.policy, ctx.registry
    results = township_completion(policy, registry, facts.progress)
    mine = next(r for r in results if r.township == township)
    meta = next((m for m in facts.submissions if m.township == township), None)
    rows = _progress_rows(ctx, meta)
    firsts: dict[tuple[str, str | None], tuple[str, str, int]] = {}
    for mid, village, status, sheet, row in rows:
        if village is not None:
            village = registry.village_named(township, village)
            if village is None:
                continue  # no longer a registry village of the township: counts nowhere
        firsts.setdefault((mid, village), (status, sheet, row))
    villages = registry.village_names(township)
    lines: list[MeasureLine] = []
    for m in policy.measures:
        line = MeasureLine(m.id, m.title, m.level, Decimal(m.weight), mine.measures[m.id])
        if m.level == "township":
            hit = firsts.get((m.id, None))
            if hit is not None:
                line.status, line.row = hit[0], hit[2]
        else:
            for v in villages:
                hit = firsts.get((m.id, v))
                if hit is None:
                    line.unreported += 1
                else:
                    line.counts[hit[0]] = line.counts.get(hit[0], 0) + 1
                    line.rows.append(hit[2])
        lines.append(line)
    weighted = sum((ln.weight * ln.completion for ln in lines), Decimal(0))
    total = sum((ln.weight for ln in lines), Decimal(0))
    sheet = rows[0][3] if rows else None
    return TownshipExplanation(quarter, township, mine.rank, len(results), mine.rate_rounded, weighted, total,
                               len(villages), meta.file_name if meta else None, meta.version if meta else None,
                               sheet, lines, policy.completion.rate_decimals,
                               meta is None and _refused(ctx, quarter, township), missing_townships(registry, facts))


# --- a village ---------------------------------------------------------------------------


@dataclass
class VillageLine:
    """One village-level measure of a village: its weight, the status read and its row."""

    measure_id: str
    title: str
    weight: Decimal
    value: Decimal  # the status's completion (0: not reported)
    status: str | None = None
    row: int | None = None


@dataclass
class VillageCadre:
    name: str
    position: str
    status: str  # rated / unrated / vetoed
    stars: int | None
    counted: int | None = None  # the stars the village's mean counts for them (None: not counted)


@dataclass
class VillageExplanation:
    quarter: Quarter
    township: str
    village: str
    rank: int
    n_villages: int
    rate: Decimal  # as ranked (rounded half-up)
    weighted: Decimal
    total_weight: Decimal
    mean_stars: Decimal  # as ranked
    cadres: list[VillageCadre]
    file: str | None
    version: int | None
    sheet: str | None
    lines: list[VillageLine]
    decimals: int = 4  # the policy's rate decimals (as TownshipExplanation.decimals)
    star_decimals: int = 2  # the policy's mean-stars decimals: 3.0, not 3, with one
    refused: bool = False  # as TownshipExplanation.refused
    missing: list[str] = field(default_factory=list)  # as TownshipExplanation.missing

    def document(self) -> dict[str, object]:
        return {
            "quarter": str(self.quarter), "township": self.township, "village": self.village, "rank": self.rank,
            "missing": self.missing,
            "villages": self.n_villages, "completion": float(self.rate), "weighted": float(self.weighted),
            "total_weight": float(self.total_weight), "mean_stars": float(self.mean_stars),
            "cadres": [{"name": c.name, "position": c.position, "status": c.status, "stars": c.stars}
                       for c in self.cadres],
            "file": self.file, "version": self.version, "sheet": self.sheet,
            "measures": [{"id": m.measure_id, "weight": float(m.weight), "completion": float(m.value),
                          "status": m.status, "row": m.row} for m in self.lines],
        }


def place_named(ctx: Context, name: str, township: str | None) -> tuple[str | None, str | None, tuple[str, str] | None]:
    """What ``xx score --explain NAME`` names besides a cadre: (township, task id, (township,
    village)), one of them or none. A village several townships have, or named with another
    township's ``--township``, is a UsageError saying whose it is."""
    from xingxian_cli.errors import UsageError
    from xingxian_cli.messages import common as M
    from xingxian_cli.services.context import find_township

    place = find_township(ctx.registry, name)
    if place is not None:
        return place, None, None
    task = find_task(ctx, name)
    if task is not None:
        return None, task, None
    villages = find_villages(ctx.registry, name, township)
    if not villages and township and (others := find_villages(ctx.registry, name)):  # 城东社区 --township 康宁镇
        raise UsageError(M.SCORE_VILLAGE_ELSEWHERE.format(arg=name.strip(), township=township,
                                                          places=M.LIST_SEP.join(t for t, _v in others)))
    if len(villages) > 1:  # 城关村 in two townships
        raise UsageError(M.SCORE_MANY_VILLAGES.format(arg=name.strip(), n=len(villages),
                                                      places=M.LIST_SEP.join(t + v for t, v in villages)))
    return None, None, villages[0] if villages else None


def find_villages(registry: Registry, name: str, township: str | None = None) -> list[tuple[str, str]]:
    """(township, village) of each registry village written ``name`` (any width, Traditional),
    within ``township`` when given: a name several townships use names several."""
    towns = [township] if township else registry.townships
    return [(t, v) for t in towns if (v := registry.village_named(t, name.strip())) is not None]


def named_then(then: Registry, now: Registry, places: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Of ``places`` ((township, village) of registry ``now``), the (township, name) each had in
    registry ``then`` when renamed since (the same 区划代码 under another name)."""
    codes = {(v.township, v.name): v.code for v in now.villages if v.code}
    before = {(v.township, v.code): v.name for v in then.villages if v.code}
    return [(t, old) for t, v in places
            if (code := codes.get((t, v))) and (old := before.get((t, code))) is not None and old != v]


def explain_village(ctx: Context, quarter: Quarter, township: str, village: str) -> VillageExplanation | None:
    """The village's rank (county-wide: village-level completion, then the mean stars of its
    rated cadres) with each measure's row and each cadre's stars (None: nothing submitted)."""
    from xingxian_cli.services.scoring import score_quarter

    ctx = for_quarter(ctx, quarter)
    o = score_quarter(ctx, quarter, store=False)
    if not o.submitted:
        return None
    policy, registry = ctx.policy, ctx.registry
    mine = next(v for v in o.villages if v.township == township and v.village == village)
    meta = next((m for m in ctx.store.current_submissions(str(quarter)) if m.township == township), None)
    rows = _progress_rows(ctx, meta)
    firsts: dict[str, tuple[str, str, int]] = {}
    for mid, written, status, sheet, row in rows:  # the first row for a measure counts
        if written is not None and registry.village_named(township, written) == village:
            firsts.setdefault(mid, (status, sheet, row))
    values = policy.completion.status_values
    lines = []
    for m in policy.village_measures:
        hit = firsts.get(m.id)
        lines.append(VillageLine(m.id, m.title, Decimal(m.weight), Decimal(values.get(hit[0], 0)) if hit else Decimal(0),
                                 hit[0] if hit else None, hit[2] if hit else None))
    cadres = [VillageCadre(c.name, c.position, c.status, c.stars, counted_stars(c.status, c.stars)) for c in o.cadres
              if c.township == township and c.village == village]
    return VillageExplanation(
        quarter, township, village, mine.rank, len(o.villages), mine.rate_rounded,
        sum((ln.weight * ln.value for ln in lines), Decimal(0)), sum((ln.weight for ln in lines), Decimal(0)),
        mine.mean_stars, cadres, meta.file_name if meta else None, meta.version if meta else None,
        next((r[3] for r in rows), None), lines, policy.completion.rate_decimals,
        policy.completion.mean_stars_decimals, meta is None and _refused(ctx, quarter, township), list(o.missing))


# --- a key task ----------------------------------------------------------------------------


@dataclass
class TaskLine:
    """One measure serving a task: its county completion and how the townships reported it."""

    measure_id: str
    title: str
    level: str
    weight: Decimal
    completion: Decimal  # county-wide: mean over the townships or the villages
    counts: dict[str, int] = field(default_factory=dict)  # townships or villages per status read
    unreported: int = 0
    units: int = 0  # townships (township-level) or villages (village-level) of the registry
    # Where: per status (None: not reported) the townships, and for a village-level measure
    # the townships with how many of their villages (蔚汾镇 -> 3).
    where: dict[str | None, dict[str, int]] = field(default_factory=dict)


@dataclass
class TaskExplanation:
    quarter: Quarter
    task_id: str
    area: str
    title: str
    rate: Decimal  # as shown (rounded half-up)
    weighted: Decimal
    total_weight: Decimal
    lines: list[TaskLine]
    decimals: int = 4  # as TownshipExplanation.decimals
    missing: list[str] = field(default_factory=list)  # as TownshipExplanation.missing

    def document(self) -> dict[str, object]:
        return {
            "quarter": str(self.quarter), "task": self.task_id, "area": self.area, "title": self.title,
            "missing": self.missing,
            "completion": float(self.rate), "weighted": float(self.weighted), "total_weight": float(self.total_weight),
            "measures": [{"id": m.measure_id, "level": m.level, "weight": float(m.weight),
                          "completion": float(m.completion), "statuses": m.counts, "unreported": m.unreported,
                          "of": m.units,
                          # per status ("" not reported): each township, with its villages so for a village-level one
                          "where": {k or "": v for k, v in m.where.items()}} for m in self.lines],
        }


def find_task(ctx: Context, name: str) -> str | None:
    """The policy's task written ``name`` (T01, t1, Ｔ０１), else None."""
    from xingxian_cli.domain.text import norm

    key = norm(name).upper()
    by_number = {(t.id[:1], int(t.id[1:])): t.id for t in ctx.policy.tasks if t.id[1:].isdigit()}
    if key[:1].isalpha() and key[1:].isdigit():
        return by_number.get((key[:1], int(key[1:])))
    return next((t.id for t in ctx.policy.tasks if t.id.upper() == key), None)


def explain_task(ctx: Context, quarter: Quarter, task_id: str) -> TaskExplanation | None:
    """The task's county completion: the weighted mean of its measures' county completion,
    each counted over every registry township or village (None: nothing submitted)."""
    from xingxian_cli.services.scoring import missing_townships

    ctx = for_quarter(ctx, quarter)
    facts = _checked_facts(ctx, quarter)
    if facts is None:
        return None
    policy, registry = ctx.policy, ctx.registry
    comp = Completion(policy, registry, facts.progress)
    county = comp.county_values()
    task = next(r for r in task_rollup(policy, registry, facts.progress, comp) if r.task_id == task_id)
    reported: dict[tuple[str, str, str | None], str] = {}  # (township, measure, village) -> the first status
    for township, rows in facts.progress.items():
        for mid, written, status in rows:
            village = registry.village_named(township, written) if written is not None else None
            if written is None or village is not None:
                reported.setdefault((township, mid, village), status)
    lines = []
    for mid in task.measures:
        m = policy.measure_by_id[mid]
        line = TaskLine(mid, m.title, m.level, Decimal(m.weight), Decimal(county[mid].numerator) / county[mid].denominator)
        places = [(t, None) for t in registry.townships] if m.level == "township" else [
            (t, v) for t in registry.townships for v in registry.village_names(t)]
        line.units = len(places)
        for t, v in places:
            status = reported.get((t, mid, v))
            if status is None:
                line.unreported += 1
            else:
                line.counts[status] = line.counts.get(status, 0) + 1
            at = line.where.setdefault(status, {})
            at[t] = at.get(t, 0) + 1
        order = list(policy.completion.status_values)
        line.counts = dict(sorted(line.counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
        lines.append(line)
    weighted = sum((ln.weight * ln.completion for ln in lines), Decimal(0))
    return TaskExplanation(quarter, task.task_id, task.area, task.title, task.rate_rounded, weighted,
                           sum((ln.weight for ln in lines), Decimal(0)), lines, policy.completion.rate_decimals,
                           missing_townships(registry, facts))
