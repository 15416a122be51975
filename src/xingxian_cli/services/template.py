"""Write township templates (``xx template``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from xingxian_cli.domain.facts import Cadre
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.registry import Village
from xingxian_cli.errors import UsageError
from xingxian_cli.messages import common as M
from xingxian_cli.services.context import Context, for_quarter, resolve_township


@dataclass
class TemplateResult:
    paths: list[Path] = field(default_factory=list)
    prefilled_from: dict[str, str] = field(default_factory=dict)  # township -> quarter its roster came from
    blank: list[str] = field(default_factory=list)  # townships with no imported roster to pre-fill from
    unplaced: list[Cadre] = field(default_factory=list)  # see Prefill.unplaced
    stale: list[Cadre] = field(default_factory=list)  # see Prefill.stale, of the templates written
    # pre-filled posts the quarter's policy does not list (renamed in a new policy): post -> cadres
    unknown_posts: dict[str, int] = field(default_factory=dict)
    replaced: list[Path] = field(default_factory=list)  # files of other content overwritten (--force)

    @property
    def prefilled(self) -> int:
        return len(self.prefilled_from)


def template_name(township: str, quarter: Quarter) -> str:
    return f"{township}_{quarter}.xlsx"


@dataclass
class Prefill:
    """Each township's roster to pre-fill, (quarter, cadres), and the cadres of a township no
    longer in the registry whose village it no longer names once: pre-filled nowhere."""

    rosters: dict[str, tuple[str | None, list[Cadre]]]
    unplaced: list[Cadre] = field(default_factory=list)
    # Pre-filled in their township with a village its registry no longer names (deleted, or
    # merged under a name of no other township): the validator will refuse the row, so the
    # officer is told when the templates are written.
    stale: list[Cadre] = field(default_factory=list)


def prefill_rosters(ctx: Context, quarter: Quarter) -> Prefill:
    """Each township's roster to pre-fill: that of its latest submission before ``quarter`` —
    with the registry as it is now: a cadre of a village since moved to another township (or
    of a township since merged into another) is pre-filled there, unless that township has
    sent a newer roster naming the village since (it reported the village itself, leaving
    out whom it left out); a village written in another spelling gets the registry's; and a cadre on a newer
    roster of another township (who moved) is pre-filled there only. A cadre of a village the
    registry no longer names at all stays where they were, for the township to settle."""
    reg = ctx.registry
    towns = list(dict.fromkeys([*reg.townships, *ctx.store.places_with_data()]))
    latest = {t: ctx.store.latest_roster(t, str(quarter)) for t in towns}
    newest: dict[str, str] = {}  # person -> the latest quarter of any roster listing them
    for q, roster in latest.values():
        for c in roster:
            if q is not None and q > newest.get(c.person_id, ""):
                newest[c.person_id] = q
    # The villages each township's latest roster names (as the registry spells them now).
    reported = {t: {reg.village_named(t, c.village) or c.village for c in roster} for t, (_q, roster) in latest.items()}
    renamed = _renamed(ctx)
    own: dict[str, list[Cadre]] = {t: [] for t in towns}
    moved: dict[str, list[tuple[str, Cadre]]] = {t: [] for t in towns}  # (their roster's quarter, cadre)
    unplaced: list[Cadre] = []
    stale: list[Cadre] = []
    for t, (q, roster) in latest.items():
        for c in roster:
            if q is None or newest[c.person_id] > q:  # listed since by a newer roster: there only
                continue
            here = reg.village_named(t, c.village) if t in reg.by_township else None
            if here is not None:
                own[t].append(replace(c, village=here))
                continue
            elsewhere = [(t2, v) for t2 in reg.townships if t2 != t and (v := reg.village_named(t2, c.village))]
            if not elsewhere and (now := renamed(t, c.village)) is not None:
                if now.township == t:  # renamed (村改居: 城关村 is 城关社区 now, review R113)
                    own[t].append(replace(c, village=now.name))
                    continue
                elsewhere = [(now.township, now.name)]
            if len(elsewhere) == 1:
                t2, v = elsewhere[0]
                # Unless its new township has reported the village since (leaving out whom it
                # left out); a newer roster of it from before the move does not name the village.
                if latest[t2][0] is None or latest[t2][0] <= q or v not in reported[t2]:
                    moved[t2].append((q, replace(c, township=t2, village=v)))
            elif t in reg.by_township:
                own[t].append(c)
                stale.append(c)
            else:
                unplaced.append(c)
    rosters: dict[str, tuple[str | None, list[Cadre]]] = {}
    for t in reg.townships:
        ids = {c.person_id for c in own[t]}  # reported here since: their own row is kept
        arrived = [c for _q, c in moved[t] if c.person_id not in ids]
        quarters = [q for q in (latest[t][0], *(q for q, _c in moved[t])) if q]
        rosters[t] = (max(quarters) if quarters else None, own[t] + arrived)
    return Prefill(rosters, unplaced, stale)


def _renamed(ctx: Context) -> Callable[[str, str], Village | None]:
    """The registry's village that a village of a township was called before, by its 区划代码
    in the registries stored runs were scored by, or in the renames registry imports recorded
    (a quarter imported, not scored, before the registry renamed its villages: review R114);
    read when first asked. None when none."""
    from xingxian_cli.domain.text import norm
    from xingxian_cli.services.context import recorded_renames, stored_registry

    codes: dict[tuple[str, str], str] | None = None
    now = {v.code: v for v in ctx.registry.villages if v.code}

    def find(township: str, village: str) -> Village | None:
        nonlocal codes
        if codes is None:
            codes = {}
            for text in ctx.store.run_registries():
                for v in (r.villages if (r := stored_registry(text)) is not None else ()):
                    if v.code:
                        codes.setdefault((v.township, norm(v.name)), v.code)
            for township, name, code in recorded_renames(ctx.store):
                codes.setdefault((township, norm(name)), code)
        code = codes.get((township, norm(village)))
        return now.get(code) if code is not None else None

    return find


def make_templates(ctx: Context, quarter: Quarter, township: str | None, out_dir: Path, *,
                   force: bool = False) -> TemplateResult:
    """Write one template per township (all when ``township`` is None) into ``out_dir``.

    A township's roster is pre-filled from its latest imported quarter before ``quarter``.
    Templates are named as townships send their workbooks back, so a file already there
    that differs from the template about to replace it (a returned workbook, most likely)
    is not overwritten without ``force``: nothing is written then. All are written to a
    folder beside them first and moved into place at the end.
    """
    import shutil

    from xingxian_cli.domain.intake import posts_in_policy_words
    from xingxian_cli.io.atomic import (
        WORKBOOK_SUFFIXES,
        check_replaceable,
        make_dirs,
        staging_folder,
    )
    from xingxian_cli.io.template_writer import is_untouched_template, write_template

    ctx = for_quarter(ctx, quarter)  # a closed quarter's correction form: its own policy's measures
    townships = ctx.registry.townships
    if township is not None:
        townships = [resolve_township(ctx.registry, township)]
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(M.ERR_PATH_IS_FILE.format(path=out_dir))
    if not out_dir.exists() and out_dir.suffix.lower() in WORKBOOK_SUFFIXES:
        # -o 蔚汾镇.xlsx would become a folder of that name: the files are named for the township
        raise UsageError(M.ERR_TEMPLATE_DIR.format(path=out_dir, example=template_name(townships[0], quarter)))
    make_dirs(out_dir)
    res = TemplateResult()
    try:
        staging = staging_folder(out_dir, "template")
    except OSError as exc:  # a read-only folder: the folder is the user's, the draft name ours
        exc.filename, exc.filename2 = str(out_dir), None
        raise
    try:
        written: list[tuple[Path, Path]] = []
        prefill = prefill_rosters(ctx, quarter)
        res.unplaced = prefill.unplaced
        res.stale = [c for c in prefill.stale if c.township in townships]
        for t in townships:
            from_quarter, roster = prefill.rosters.get(t, (None, []))
            # a post the policy renamed to one of its spellings written in the new name (委员 ->
            # 两委委员, as a file is read: review R102); any other kept as written (the township
            # picks the new name), and said
            roster = posts_in_policy_words(ctx.policy.positions, roster)
            for c in roster:
                if c.position not in ctx.policy.positions:
                    res.unknown_posts[c.position] = res.unknown_posts.get(c.position, 0) + 1
            if roster and from_quarter:
                res.prefilled_from[t] = from_quarter
            else:
                res.blank.append(t)
            path = out_dir / template_name(t, quarter)
            draft = write_template(staging / path.name, policy=ctx.policy, registry=ctx.registry, township=t,
                                   quarter=quarter, roster=roster or None, roster_from=from_quarter)
            written.append((draft, path))
        # An earlier template nobody has saved since may be replaced; anything else is kept.
        changed = [path for draft, path in written if path.exists() and path.read_bytes() != draft.read_bytes()
                   and not is_untouched_template(path)]
        res.replaced = changed
        if changed and not force:
            raise UsageError(M.ERR_TEMPLATE_EXISTS.format(n=len(changed), names="、".join(p.name for p in changed[:5]),
                                                          more=M.ERR_TEMPLATE_MORE if len(changed) > 5 else "",
                                                          dir=out_dir))
        # One still open in Excel or WPS stops the run before any is replaced.
        check_replaceable([path for _draft, path in written])
        if res.prefilled_from:
            prefilled_names = {template_name(t, quarter) for t in res.prefilled_from}
            # A pre-filled roster carries the cadres' full IDs (the township fills the quarter
            # in by them): logged like --unmask, before any file is in place; a log that
            # cannot be written stops the run with nothing written.
            ctx.store.audit("roster-ids", {
                "command": "template", "quarter": str(quarter),
                "files": [str(path.resolve()) for _draft, path in written if path.name in prefilled_names],
                "cadres": sum(len(prefill.rosters[t][1]) for t in res.prefilled_from),
            })
        for draft, path in written:
            draft.replace(path)
            res.paths.append(path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return res
