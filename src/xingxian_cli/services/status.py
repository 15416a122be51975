"""Who has sent what for a quarter (``xx status``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from xingxian_cli.domain.diagnostics import DataError
from xingxian_cli.domain.period import Quarter
from xingxian_cli.io.store import Refusal, SubmissionMeta
from xingxian_cli.services.context import Context

if TYPE_CHECKING:
    from xingxian_cli.domain.versions import FactChange


@dataclass
class TownshipStatus:
    township: str
    current: SubmissionMeta | None
    versions: int
    # The last file an import refused since the current version was imported, in the same
    # run or later (or at all, when there is none): sent back, not replaced by a good one yet.
    refused: Refusal | None = None
    # When that refusal is of several files of the township sent in one run, each refused only
    # for the others (see Refusal.choose): all of them, for the officer to choose one.
    choices: list[Refusal] = field(default_factory=list)

    @property
    def submitted(self) -> bool:
        return self.current is not None

    @property
    def own_fault(self) -> Refusal | None:
        """The refusal for the file's own faults (None: none, or only files to choose between)."""
        return None if self.refused is None or self.refused.choose else self.refused

    @property
    def read_by_older_rules(self) -> bool:
        """Its current version was read by older reading rules (import the file again)."""
        from xingxian_cli.domain.intake import READING_RULES

        return self.current is not None and self.current.reader != READING_RULES


@dataclass
class QuarterStatus:
    quarter: Quarter
    townships: list[TownshipStatus]
    unattributed: list[Refusal] = field(default_factory=list)  # refused files naming no registry township
    # when the results were last stored, and the submissions imported since that they follow
    # from; None: none stored (see scoring.stored_run_state)
    stored: tuple[str, list[SubmissionMeta]] | None = None

    @property
    def missing(self) -> list[str]:
        return [t.township for t in self.townships if not t.submitted]

    @property
    def refused(self) -> list[TownshipStatus]:
        return [t for t in self.townships if t.refused is not None]

    @property
    def done(self) -> int:
        return sum(t.submitted for t in self.townships)

    @property
    def read_by_older_rules(self) -> list[str]:
        return [t.township for t in self.townships if t.read_by_older_rules]


def quarter_status(ctx: Context, quarter: Quarter) -> QuarterStatus:
    """One row per registry township: its current version (if any), how many versions, and
    the file last refused for it since; plus refused files that name no registry township.
    A closed quarter's townships are those of the registry it was scored by (as its score,
    report and late corrections take them)."""
    from xingxian_cli.services.context import PolicyUnknown, for_quarter
    from xingxian_cli.services.scoring import stored_run_state

    try:
        ctx = for_quarter(ctx, quarter)
    except (DataError, PolicyUnknown):
        pass  # the policy cannot be had: the townships are the workspace's (status needs no policy)
    stored = stored_run_state(ctx, quarter)
    history = ctx.store.history(str(quarter))
    # A refused file whose very bytes are another quarter's current version since (next quarter's
    # file come early, refused for naming it) is that quarter's, no refusal of this one (review R64).
    elsewhere = ctx.store.current_hashes(other_than=str(quarter))
    refusals = [r for r in ctx.store.refusals(str(quarter)) if not r.sha256 or r.sha256 not in elsewhere]
    towns = set(ctx.registry.townships)
    now = {m.township: m for m in history if m.is_current}
    # A misnamed file (罗峪口镇_2022Q3.xlsx holding 蔡家会镇's data) is listed under both townships
    # until its own one has a version since: then the import skips it as old, and so does this
    # (review R65).
    refusals = [r for r in refusals if r.own is None or r.own == r.township
                or (its := now.get(r.own)) is None or not r.before(its)]
    rows = []
    for t in ctx.registry.townships:
        mine = [m for m in history if m.township == t]
        current = now.get(t)
        # A file refused by the run that imported the current version may be the township's
        # newer copy: said as well (by the versions stored, as the import tells it, whatever
        # the clock's second says: review R65).
        since = [r for r in refusals if r.township == t and (
            current is None or not r.before(current) or r.alongside == current.id)]
        # The last run's refusals: several files of the township refused together only for one
        # another are no refusal of the township's work (review R129); a file refused for its
        # own faults in that run is said first, whatever the files' names (review R132).
        run = [r for r in since if (r.at, r.latest) == (since[-1].at, since[-1].latest)] if since else []
        choices = [r for r in run if r.choose]
        last = next((r for r in reversed(run) if not r.choose), run[-1] if run else None)
        if last is not None and last.sha256:
            # the same bytes refused by several imports of the folder: refused when first refused
            last = replace(last, at=next(r.at for r in refusals if r.township == t and r.sha256 == last.sha256))
        rows.append(TownshipStatus(t, current, len(mine), last, choices))
    # A refused file naming no township could be any missing township's: it stays listed
    # until every township has a current version (a file of another township taken in the
    # same run, or later, says nothing about whose it was).
    every_one_in = all(row.current is not None for row in rows)
    stray = [] if every_one_in else [r for r in refusals if r.township not in towns]
    return QuarterStatus(quarter, rows, stray, stored)


@dataclass
class Version:
    """One stored version of a township's file: who imported it, what its 基本信息 says (the
    phone masked), and what changed against the version before it (none for the first)."""

    meta: SubmissionMeta
    imported_by: str | None
    filler: str | None
    phone: str | None
    changes: list[FactChange] = field(default_factory=list)


@dataclass
class TownshipHistory:
    township: str
    quarter: Quarter
    versions: list[Version]
    refusals: list[Refusal]  # the township's files imports of the quarter refused, oldest first
    # the version a refused file's very bytes were imported as later (one of several to choose
    # from, then imported on its own: review R136), by its SHA-256
    taken_as: dict[str, int] = field(default_factory=dict)


def township_history(ctx: Context, quarter: Quarter, name: str) -> TownshipHistory:
    """Every version of the township written ``name``'s file for ``quarter``, oldest first, each
    with what changed against the one before it, row by row and cell by cell, where in the file;
    and the files refused for it (review R133: who imported which file, and what a correction
    changed, could not be had from the tool). The township is looked up in the registry the
    quarter is scored by (a closed quarter's, whatever the workspace's says since: review R134),
    then in the workspace's."""
    from xingxian_cli.domain.ids import mask_numbers_in, mask_phone
    from xingxian_cli.domain.versions import info_changes, version_changes
    from xingxian_cli.messages.workbook import SHEETS
    from xingxian_cli.services.context import (
        PolicyUnknown,
        find_township,
        for_quarter,
        resolve_township,
    )

    try:
        registry = for_quarter(ctx, quarter).registry
    except (DataError, PolicyUnknown):
        registry = ctx.registry
    township = find_township(registry, name) or resolve_township(ctx.registry, name)
    versions: list[Version] = []
    before: tuple[dict[str, Any], dict[str, Any]] | None = None
    for meta, who in ctx.store.versions_of(str(quarter), township):
        rows = ctx.store.fact_rows(meta.id)
        info = {**who, "fill_date": meta.fill_date}
        changes = [] if before is None else [
            *info_changes(before[1], info, sheet=SHEETS["info"], mask=mask_phone),
            *version_changes(before[0], rows, mask=mask_phone)]
        filler = who.get("filler")  # (a phone typed after the name masked as the phone is: R141)
        versions.append(Version(meta, who.get("imported_by"), mask_numbers_in(filler) if filler else filler,
                                mask_phone(who.get("phone")), changes))
        before = rows, info
    refusals = [r for r in ctx.store.refusals(str(quarter)) if r.township == township]
    taken_as = {r.sha256: v.meta.version for r in refusals for v in versions
                if r.sha256 and v.meta.sha256 == r.sha256 and r.before(v.meta)}
    return TownshipHistory(township, quarter, versions, refusals, taken_as)
