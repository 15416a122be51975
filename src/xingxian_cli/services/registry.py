"""Registry use cases: import a county's registry, summarise it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from xingxian_cli.domain.diagnostics import DataError, Diagnostic, make
from xingxian_cli.domain.registry import Registry
from xingxian_cli.domain.text import listed, shell_arg
from xingxian_cli.errors import UsageError
from xingxian_cli.io.registry_io import kind_by_name, load_registry
from xingxian_cli.io.store import Store
from xingxian_cli.io.workspace import Workspace
from xingxian_cli.messages import common as M
from xingxian_cli.messages import diagnostics as DM
from xingxian_cli.messages.diagnostics import LIST_SEP
from xingxian_cli.messages.workbook import COMMUNITY, VILLAGE, VILLAGE_TYPE_ENDINGS
from xingxian_cli.services.context import Context, registry_json


@dataclass
class TownshipCount:
    township: str
    villages: int
    communities: int

    @property
    def total(self) -> int:
        return self.villages + self.communities


@dataclass
class RegistryImport:
    registry: Registry
    # Quarters with submissions whose villages the new registry counts otherwise: scored
    # again, their completion rates and village ranks follow the new registry ...
    affected: list[str] = field(default_factory=list)
    # ... but for the closed ones (stored with every township sent), which keep the registry
    # they were scored by (see context.for_quarter) until rescored.
    kept: list[str] = field(default_factory=list)
    codes_kept: int = 0  # villages whose 区划代码 the file left out, kept from the registry it replaced
    warnings: list[Diagnostic] = field(default_factory=list)  # see registry_warnings


def import_registry(ctx: Context, path: Path, *, force: bool = False) -> RegistryImport:
    """Check the file and replace the workspace registry with it (raises DataError).

    A registry that drops a township or village the imported submissions hold is refused
    (unless ``force``): those cadres would still be scored and paid, under no township. So is
    one whose every 区划代码 is another county's (UsageError).
    """
    old = ctx.store.registry()
    loaded = load_registry(path)
    if not force:
        check_own_county(loaded, path, ctx.workspace, M.REGISTRY_FORCE)
    reg, codes_kept = with_kept_codes(loaded, old)
    reg, renamed = with_renames(ctx.store, reg, old)
    if not force:
        check_keeps_data(ctx.store, reg, path, old)
    affected, kept = keep_closed_quarters(ctx.store, old, reg)
    record_registry(ctx.store, reg, path.name, renamed)
    ctx.registry = reg
    return RegistryImport(reg, affected, kept, codes_kept,
                          registry_warnings(reg, path, ctx.workspace) + renamed_notes(renamed, reg, path))


def check_own_county(reg: Registry, path: Path, ws: Workspace, force: str) -> None:
    """Refuse (UsageError) a registry whose every 区划代码 is another county's than the
    workspace's (review R142); ``force`` says how to load it all the same."""
    # (an old xx.yaml without a county code: nothing to hold to)
    if ws.county_code is not None and (other := reg.other_county(ws.county_code)) is not None:
        raise UsageError(M.ERR_REGISTRY_IMPORT_OTHER_COUNTY.format(file=path.name, prefix=other, county=ws.county_name,
                                                                   code=ws.county, force=force))


def with_renames(store: Store, new: Registry, old: Registry | None) -> tuple[Registry, list[list[str]]]:
    """``new`` knowing the villages renamed by earlier imports and by this one (from ``old``),
    so that facts stored under a village's old name are the renamed village's (review R123: a
    renamed village counted as not reported, 0 %); and those this one renames, to record."""
    from xingxian_cli.services.context import recorded_renames

    renamed = renamed_villages(old, new)
    return new.with_former([*recorded_renames(store), *renamed]), renamed


def record_registry(store: Store, reg: Registry, file: str, renamed: list[list[str]]) -> None:
    """Make ``reg`` (read from ``file``, renaming ``renamed``) the workspace registry, with an
    audit entry: the renames it records are how later runs know a village's old name."""
    store.replace_registry(reg)
    detail: dict[str, object] = {"file": file, "villages": len(reg.villages)}
    if renamed:
        detail["renamed"] = renamed  # (what a template pre-fills them as: see services.template)
    store.audit("registry-import", detail)


def renamed_notes(renamed: list[list[str]], new: Registry, path: Path) -> list[Diagnostic]:
    """Each village ``new`` renames in its own township, said (its stored facts now follow it:
    registry-village-renamed), and one whose old name another village now has
    (registry-name-reused)."""
    by_code = {v.code: v for v in new.villages if v.code}
    said = [make("registry-village-renamed", file=path.name, township=township, village=name, village_code=code,
                 renamed=by_code[code].name)
            for township, name, code in renamed
            if by_code[code].township == township and new.village_named(township, name) == by_code[code].name]
    return said + _names_reused(renamed, new, path)


def _names_reused(renamed: list[list[str]], new: Registry, path: Path) -> list[Diagnostic]:
    """A village renamed (its 区划代码 now another name's) whose old name another village of the
    new registry has: cadres imported under the old name are taken for the new village's
    (review R114: a template pre-filled them there without a word)."""
    now = {(v.township, v.name): v for v in new.villages}
    by_code = {v.code: v for v in new.villages if v.code}
    said = []
    for township, name, code in renamed:
        other = now.get((township, name))
        if other is not None and other.code != code:
            said.append(make("registry-name-reused", file=path.name, township=township, village=name,
                             old_code=code, renamed=by_code[code].name, other_code=other.code or "—"))
    return said


def renamed_villages(old: Registry | None, new: Registry) -> list[list[str]]:
    """[township, name, code] of each village of ``old`` whose 区划代码 ``new`` gives a village of
    another name or township (村改居: 赵家坪村 → 赵家坪社区)."""
    if old is None:
        return []
    now = {v.code: v for v in new.villages if v.code}
    return [[v.township, v.name, v.code] for v in old.villages
            if v.code and (n := now.get(v.code)) is not None and (n.township, n.name) != (v.township, v.name)]


def registry_warnings(reg: Registry, path: Path, workspace: Workspace) -> list[Diagnostic]:
    """What looks wrong with a registry loaded from ``path`` into ``workspace``, though it
    loads: every 区划代码 in it another county's (registry-other-county); a village named as
    another of its township is with a type's ending (城关 and 城关村: a file writing 城关 for
    城关村 is taken for the other one); a 类型 its name's ending says otherwise (南关社区, 村)
    — review R113."""
    said: list[Diagnostic] = []
    other = reg.other_county(workspace.county)
    if other is not None:
        said.append(make("registry-other-county", file=path.name, prefix=other, county_code=workspace.county,
                         county=workspace.county_name))
    elif (codes := reg.other_counties(workspace.county)) is not None:  # several counties' (R135, R136)
        said.append(make("registry-other-counties", file=path.name, n=len(codes), county_code=workspace.county,
                         prefixes=listed(codes, 5), county=workspace.county_name,
                         example=DM.REGISTRY_COVERING_EXAMPLE.format(code=code) if (code := reg.covering_code()) else ""))
    for township, villages in reg.by_township.items():
        names = {v.name for v in villages}
        for v in villages:
            stem = next((v.name.removesuffix(end) for end, _kind in VILLAGE_TYPE_ENDINGS
                         if v.name.endswith(end) and len(v.name) > len(end)), None)
            if stem in names:
                said.append(make("registry-near-twins", file=path.name, township=township, short=stem, long=v.name))
            told = kind_by_name(v.name)
            if told is not None and told != v.kind:
                said.append(make("registry-type-differs", file=path.name, township=township, village=v.name,
                                 kind=v.kind, told=told))
    return said


def with_kept_codes(new: Registry, old: Registry | None) -> tuple[Registry, int]:
    """``new`` with the 区划代码 of ``old`` kept for the same villages when its file gave none (a
    CSV typed for the names wiped them, review R50), and how many were kept."""
    if old is None or not any(v.code for v in old.villages) or all(v.code for v in new.villages):
        return new, 0
    given = {v.code for v in new.villages if v.code}  # (a code the file gives another village is not kept)
    known = {(v.township, v.name): v.code for v in old.villages if v.code and v.code not in given}
    villages = tuple(v if v.code else replace(v, code=known.get((v.township, v.name))) for v in new.villages)
    kept = sum(1 for a, b in zip(new.villages, villages, strict=True) if b.code and not a.code)
    return (Registry(villages), kept) if kept else (new, 0)


def keep_closed_quarters(store: Store, old: Registry | None, new: Registry) -> tuple[list[str], list[str]]:
    """Before ``new`` replaces the registry ``old``: the quarters with submissions not closed
    yet, whose villages it counts otherwise, and the closed ones that keep another registry,
    the one they were scored by (see context.for_quarter). A closed quarter stored before schema 8 has none
    recorded: ``old``, the one it was last shown by (a registry change rescored it when next
    viewed), is recorded on it now, so that it keeps it as one stored since does."""
    from xingxian_cli.services.context import same_villages, stored_registry

    if old is not None and same_villages(old, new):
        return [], []
    quarters = sorted({q for quarters, _v in store.places_with_data().values() for q in quarters})
    kept, open_ = [], []
    for q in quarters:
        run = store.run_policy(q)
        if run is None or not run.closed:
            open_.append(q)
            continue
        if run.registry is None and old is not None:
            store.record_run_registry(q, registry_json(old))
        theirs = stored_registry(run.registry) if run.registry else old
        if theirs is not None and not same_villages(theirs, new):  # loaded back as it was: no longer kept
            kept.append(q)
    return open_, kept


def check_keeps_data(store: Store, reg: Registry, path: Path, old: Registry | None = None) -> None:
    """Raise DataError when ``reg`` (read from ``path``) lacks a township or village the
    store's current submissions hold; a village the new registry has under another township,
    or (by its 区划代码 in ``old``, the registry it replaces) under another name, is said to be
    so. The hint gives the command that imports it all the same, with the path as given.

    Of a closed quarter (scored by its own registry: see keep_closed_quarters), only the places
    ``old`` still holds count: one an earlier import dropped with --force (a merged village)
    does not refuse every later import (review R123)."""
    file = path.name
    shown = shell_arg(path)
    problems = []
    every = store.places_with_data()
    closed = [q for q in sorted({q for quarters, _v in every.values() for q in quarters})
              if (run := store.run_policy(q)) is not None and run.closed]
    open_ = store.places_with_data(leave_out=closed) if closed else every
    for township, (quarters, villages) in every.items():
        kept = old is not None and township in old.by_township  # else only an open quarter's count
        if township not in open_ and not kept:
            continue
        if township not in reg.by_township:
            problems.append(make("registry-drops-township", file=file, township=township,
                                 quarters=LIST_SEP.join(quarters), path=shown))
            continue
        held = open_.get(township, ([], set()))[1]
        gone = sorted(v for v in villages if reg.village_named(township, v) is None
                      and (v in held or old is None or old.village_named(township, v) is not None))
        if gone:
            problems.append(make("registry-drops-village", file=file, township=township,
                                 villages=LIST_SEP.join(_where_now(v, township, reg, old) for v in gone), path=shown))
    if problems:
        raise DataError(problems)


def _where_now(village: str, township: str, reg: Registry, old: Registry | None) -> str:
    """``village`` (of ``township``) as the new registry has it: moved to another township,
    or renamed (the same 区划代码), else just its name."""
    towns = [t for t in reg.townships if t != township and reg.village_named(t, village)]
    if len(towns) == 1:
        return DM.VILLAGE_MOVED.format(village=village, township=towns[0])
    code = next((v.code for v in old.villages if v.township == township and v.name == village and v.code), None) \
        if old is not None else None
    renamed = next((v for v in reg.villages if code and v.code == code), None)
    if renamed is not None:
        return DM.VILLAGE_RENAMED.format(village=village, township=renamed.township, name=renamed.name)
    return village


def registry_summary(reg: Registry) -> list[TownshipCount]:
    """Per township, the number of 村 and 社区, in registry order."""
    return [
        TownshipCount(t, sum(v.kind == VILLAGE for v in vs), sum(v.kind == COMMUNITY for v in vs))
        for t, vs in reg.by_township.items()
    ]
