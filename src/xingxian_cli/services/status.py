"""Who has sent what for a quarter (``xx status``)."""

from __future__ import annotations

from dataclasses import dataclass

from xingxian_cli.domain.period import Quarter
from xingxian_cli.io.store import SubmissionMeta
from xingxian_cli.services.context import Context


@dataclass
class TownshipStatus:
    township: str
    current: SubmissionMeta | None
    versions: int

    @property
    def submitted(self) -> bool:
        return self.current is not None

    @property
    def read_by_older_rules(self) -> bool:
        """Its current version was read by older reading rules (import the file again)."""
        from xingxian_cli.domain.intake import READING_RULES

        return self.current is not None and self.current.reader != READING_RULES


@dataclass
class QuarterStatus:
    quarter: Quarter
    townships: list[TownshipStatus]

    @property
    def missing(self) -> list[str]:
        return [t.township for t in self.townships if not t.submitted]

    @property
    def done(self) -> int:
        return sum(t.submitted for t in self.townships)

    @property
    def read_by_older_rules(self) -> list[str]:
        return [t.township for t in self.townships if t.read_by_older_rules]


def quarter_status(ctx: Context, quarter: Quarter) -> QuarterStatus:
    """One row per registry township: its current version (if any) and how many versions."""
    history = ctx.store.history(str(quarter))
    rows = []
    for t in ctx.registry.townships:
        mine = [m for m in history if m.township == t]
        current = next((m for m in mine if m.is_current), None)
        rows.append(TownshipStatus(t, current, len(mine)))
    return QuarterStatus(quarter, rows)
