"""``xx score --explain 乡镇``: how a township's completion rate and rank come about, measure by
measure, from the rows of its 任务进度 sheet (§4 item 10, §4a)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.ranking import township_completion
from xingxian_cli.services.context import Context


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

    def document(self) -> dict[str, object]:
        return {
            "quarter": str(self.quarter), "township": self.township, "rank": self.rank,
            "townships": self.n_townships, "completion_rate": float(self.rate), "weighted": float(self.weighted),
            "total_weight": float(self.total_weight), "villages": self.n_villages, "file": self.file,
            "version": self.version, "sheet": self.sheet,
            "measures": [{"id": m.measure_id, "level": m.level, "weight": float(m.weight),
                          "completion": float(m.completion), "status": m.status, "row": m.row,
                          "statuses": m.counts, "unreported": m.unreported, "rows": m.rows} for m in self.lines],
        }


def explain_township(ctx: Context, quarter: Quarter, township: str) -> TownshipExplanation | None:
    """The township's completion measure by measure, with its rank among all (None: nothing
    submitted for the quarter). Village-level measures: the mean over the township's
    registry villages, unreported ones 0; the first row for a measure (and village) counts."""
    facts = ctx.store.quarter_facts(str(quarter))
    if not facts.submissions:
        return None
    policy, registry = ctx.policy, ctx.registry
    results = township_completion(policy, registry, facts.progress)
    mine = next(r for r in results if r.township == township)
    meta = next((m for m in facts.submissions if m.township == township), None)
    rows = ctx.store.progress_rows(meta.id) if meta is not None else []
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
                               sheet, lines)
