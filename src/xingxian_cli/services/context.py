"""Open a workspace with its store, policy and registry for one command."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from xingxian_cli.domain.diagnostics import DataError, make
from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.registry import Registry
from xingxian_cli.domain.text import listed
from xingxian_cli.errors import UsageError
from xingxian_cli.io.policy_io import load_policy
from xingxian_cli.io.registry_io import default_registry
from xingxian_cli.io.store import (
    DatabaseEmpty,
    DatabaseMissing,
    ServerDatabaseEmpty,
    Store,
    without_password,
)
from xingxian_cli.io.workspace import CONFIG_NAME, DB_NAME, Workspace, find_workspace, write_config
from xingxian_cli.messages import common as M
from xingxian_cli.messages import database as DBM


@dataclass
class Context:
    workspace: Workspace
    store: Store
    # The policy commands score and check by; None when the workspace's policy file cannot
    # be read (``policy_error`` says why): only what needs a policy is refused then, so
    # status, backup, verify and a closed quarter's stored results still work.
    _policy: Policy | None
    registry: Registry
    # Set by for_quarter: the quarter the policy is that quarter's, and the workspace's own
    # policy when the quarter's stored results were scored by another one (else None).
    quarter: str | None = None
    workspace_policy: Policy | None = None
    policy_error: DataError | None = None
    # Set by for_quarter, as workspace_policy: the workspace's registry when the quarter's
    # stored results were scored by another one (else None).
    workspace_registry: Registry | None = None

    @property
    def policy(self) -> Policy:
        """The policy; raises the workspace policy file's DataError when it cannot be read."""
        if self._policy is None:
            assert self.policy_error is not None
            raise self.policy_error
        return self._policy

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Context:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(ws: Workspace) -> Store:
    """The workspace's store. A workspace whose SQLite file is gone is refused before the
    file would be made afresh, empty (and a workspace of the shared server made by an
    older xx, which follows XX_DATABASE_URL without an address in xx.yaml, would then
    take that empty file for its data). Such a workspace, opened through the variable, has
    the server's address (no password) written into xx.yaml, so it no longer depends on it."""
    url = ws.database_url
    local = ws.local_database_url
    if url == local and not (ws.root / DB_NAME).exists():
        # Only a workspace of an older xx (not marked local) may have its data on a server.
        hint = DBM.ERR_EMPTY_HINT if ws.config.get("local_database") else DBM.ERR_MISSING_HINT
        raise DatabaseMissing(DBM.ERR_MISSING.format(path=ws.root / DB_NAME), hint=hint)
    store = Store(url, ws.county)
    if url != local and not ws.config.get("database_url"):
        try:
            write_config(ws.root, {**ws.config, "database_url": without_password(url)})
        except OSError:
            pass  # a read-only workspace: it keeps following the variable
    return store


def open_context(workspace: Path | None = None) -> Context:
    """Find the workspace and load what every command needs (raises WorkspaceNotFound)."""
    ws = find_workspace(workspace)
    store = open_store(ws)
    if store.schema_version() is None:
        # xx init made the tables: without them the data is gone (a file emptied, replaced
        # or deleted). Making them afresh would show an empty county as if all were well.
        store.close()
        if store.dialect != "sqlite":
            raise ServerDatabaseEmpty(DBM.ERR_EMPTY_SERVER.format(url=store.safe_url))
        raise DatabaseEmpty(DBM.ERR_EMPTY.format(url=store.safe_url))
    store.create_schema()  # idempotent; also brings an older SQLite file up to the tables
    stored_registry = store.registry()
    try:
        check_county(ws, store, stored_registry)
    except BaseException:
        store.close()
        raise
    policy, error = None, None
    try:
        if not ws.policy_path.is_file():
            # xx init put it there: without it the shipped sample policy would score the
            # county's quarters by another county's numbers, silently, and store them.
            error = DataError([make("policy-missing", file=ws.policy_path.name, name=ws.policy_path.name)])
        else:
            policy = load_policy(ws.policy_path)
    except DataError as exc:
        error = exc
    except BaseException:
        store.close()
        raise
    registry = stored_registry or default_registry()
    if stored_registry is not None and any(v.code for v in stored_registry.villages):
        registry = registry.with_former(recorded_renames(store))  # facts under a village's old name are its
    return Context(ws, store, policy, registry, policy_error=error)


def check_county(ws: Workspace, store: Store, stored_registry: Registry | None, *, new: bool = False) -> None:
    """Refuse an existing workspace whose xx.yaml names a county its database does not hold
    under that code (see below); record the county's name where none is.

    - No registry under the code, but another county's data in the database: a county_code
      edited by hand (141124 for 141123), which would open an empty county and import into a
      hidden one.
    - A name other than the one recorded for the code: 临县's xx.yaml with 兴县's code 141123
      would show and change 兴县's data under 临县's name. Spellings of one name agree (兴县,
      興縣, 山西省兴县); a workspace's own SQLite file holds no other county, so a new spelling
      there is recorded instead.
    - No name recorded (data stored by an older xx): this workspace's is recorded.

    ``new``: a workspace whose xx.yaml was written before its first xx init (README's recipe for
    a shared server): no registry under its code yet is no sign of a code edited."""
    if stored_registry is None and not new:
        others = store.other_counties()
        if others:
            own = ws.database_url == ws.local_database_url
            raise UsageError(M.ERR_CONFIG_OTHER_CODE.format(path=ws.root / CONFIG_NAME, code=ws.county,
                                                            found="、".join(others)) + "\n"
                             + (M.ERR_CONFIG_HINT if own else M.ERR_CONFIG_HINT_SERVER))
    name = ws.county_name.strip()
    if not name:
        return
    recorded = store.county_name()
    if recorded is not None and same_county(recorded, name):
        return
    # shared: a server, another workspace's file, or this workspace's file holding another county too
    shared = ws.database_url != ws.local_database_url or bool(store.other_counties())
    if shared:
        elsewhere = names_elsewhere(store, name)
        if elsewhere:  # 方山县, whose data is under 141128, opening 141124's: a code edited (review R56)
            raise UsageError(M.ERR_CONFIG_NAME_ELSEWHERE.format(path=ws.root / CONFIG_NAME, name=name, code=ws.county,
                                                                other=elsewhere[0]))
        if recorded is not None:
            raise UsageError(M.ERR_CONFIG_OTHER_NAME.format(path=ws.root / CONFIG_NAME, code=ws.county, name=name,
                                                            recorded=recorded))
        # Data of an older xx under this code, its county not recorded: not for a config written by hand
        # to claim (review R54), nor, once files were imported under it, for a workspace that archived
        # none of them (an empty archive/ proves nothing: review R57).
        if stored_registry is not None and (new or not _established(ws)) or (
                store.has_submissions() and not _proven(ws, store)):
            raise UsageError(M.ERR_CODE_UNCLAIMED.format(code=ws.county, name=name,
                                                         townships=len(stored_registry.townships)
                                                         if stored_registry else 0))
    try:
        store.record_county_name(name)
    except Exception as exc:  # a read-only workspace or server: recorded by the next that can
        from xingxian_cli.io.store import read_only

        if not read_only(exc):
            raise


def _established(ws: Workspace) -> bool:
    """Whether xx init ran in the workspace (it writes policy.yaml and archive/)."""
    from xingxian_cli.io.workspace import ARCHIVE_DIR, POLICY_NAME

    return (ws.root / POLICY_NAME).exists() or (ws.root / ARCHIVE_DIR).exists()


def names_elsewhere(store: Store, name: str) -> list[str]:
    """The other county codes ``name`` (a spelling of it) is recorded under."""
    return [c for c, n in store.county_names().items() if c != store.county and same_county(n, name)]


def _proven(ws: Workspace, store: Store) -> bool:
    """Whether some of the workspace's archived originals are its county code's submissions."""
    from xingxian_cli.io.workspace import ARCHIVE_DIR

    mine = {p.relative_to(ws.root).as_posix() for p in (ws.root / ARCHIVE_DIR).rglob("*")
            if p.is_file() and _ARCHIVED.fullmatch(p.stem)}
    return bool(mine & store.archive_paths())


_ARCHIVED = re.compile(r"[0-9a-f]{64}")


def same_county(a: str, b: str) -> bool:
    """Whether two county names are spellings of one (兴县, 興縣, 兴 县, 山西省兴县, 吕梁市兴县)."""
    return county_core(a) == county_core(b)


def county_core(name: str) -> str:
    """A county's name folded, without the province or prefecture written before a county or
    banner (山西省吕梁市兴县 is 兴县); a district or city keeps them (阳泉市城区 is no 晋城市城区)."""
    from xingxian_cli.domain.text import norm

    core = norm(name)
    if not core.endswith(("县", "旗")):
        return core
    while (m := _ABOVE_COUNTY.match(core)) is not None:
        core = core[m.end():]
    return core


_ABOVE_COUNTY = re.compile(r"^[\u4e00-\u9fff]{2,7}?(?:省|自治区|地区|市|州|盟)(?=[\u4e00-\u9fff]{2,})")


class PolicyUnknown(UsageError):
    """A quarter's stored results were scored by a policy this tool cannot apply again (one
    stored before schema 7 under another version, or one it cannot read): the officer
    decides (``--rescore``), nothing is rescored by a guess."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def for_quarter(ctx: Context, quarter: object, *, rescore: bool = False, default: Policy | None = None,
                default_registry: Registry | None = None) -> Context:
    """``ctx`` with the policy and registry ``quarter`` is scored by: the ones its stored
    results were scored by when every township had sent (a closed quarter: installing next
    year's policy or a new registry leaves it as it was paid, its late corrections checked
    and scored by its own rules and villages too); else ``default`` and ``default_registry``
    (the quarter compared with uses the comparing one's), else the workspace's; with
    ``rescore``, the workspace's, the officer's explicit choice. Idempotent for one quarter:
    services bind again what the CLI bound. Raises PolicyUnknown when the stored policy
    cannot be applied again."""

    q = str(quarter)
    if ctx.quarter == q:
        return ctx
    own = ctx.workspace_policy or ctx._policy  # None: the workspace's policy file cannot be read
    policy = default or own
    own_registry = ctx.workspace_registry or ctx.registry
    registry = default_registry or own_registry
    run = None if rescore else ctx.store.run_policy(q)
    if run is not None and run.closed:  # a complete stored run: the quarter keeps its policy and registry
        text, version = run.policy, run.version
        if run.registry:
            # (JSON this tool wrote; the same villages in another order or with 区划代码 filled in
            # keep the paid layout, with no note: see workspace_registry below)
            # (knowing the villages renamed since, as the workspace's does: an earlier quarter's
            # facts under a village's old name are no move, review R130)
            registry = (stored_registry(run.registry) or registry).with_former(own_registry.former)
        if text:
            kept = _stored_policy(text)
            if kept is None:
                raise PolicyUnknown(M.POLICY_UNREADABLE.format(quarter=q, version=version),
                                    M.POLICY_UNKNOWN_HINT.format(quarter=q))
            policy = kept
        elif policy is None:
            pass  # the workspace's policy file's own error, below
        elif version != policy.version:  # stored before schema 7, by another policy than this one
            raise PolicyUnknown(M.POLICY_NOT_RECORDED.format(quarter=q, version=version, now=policy.version),
                                M.POLICY_UNKNOWN_HINT_OLD.format(quarter=q, version=version))
    if policy is None:
        return ctx.policy  # type: ignore[return-value]  # raises the policy file's error
    return replace(ctx, _policy=policy, registry=registry, quarter=q, workspace_policy=None if policy == own else own,
                   workspace_registry=None if same_villages(registry, own_registry) else own_registry)


def _stored_policy(text: str) -> Policy | None:
    """A stored run's policy; None when this version of the tool cannot read it."""
    from pydantic import ValidationError

    try:
        return Policy.model_validate(json.loads(text))
    except (ValueError, ValidationError):
        return None


def stored_registry(text: str) -> Registry | None:
    """A stored run's registry; None when it cannot be read."""
    from xingxian_cli.domain.registry import Village

    try:
        return Registry(tuple(Village(*row) for row in json.loads(text)))
    except (ValueError, TypeError):
        return None


def recorded_renames(store: Store) -> list[tuple[str, str, str]]:
    """(township, name, 区划代码) of each village a registry import renamed (its code given to
    another name or township since: 村改居), as the imports recorded them, oldest first."""
    return [(t, n, c) for detail in store.audit_details("registry-import") for t, n, c in detail.get("renamed", ())]


def same_villages(a: Registry, b: Registry) -> bool:
    """Whether two registries hold the same villages (township, name, 村/社区), in any order."""
    return {(v.township, v.name, v.kind) for v in a.villages} == {(v.township, v.name, v.kind) for v in b.villages}


def registry_json(registry: Registry) -> str:
    """``registry`` as a stored run keeps it (see :func:`for_quarter`)."""
    return json.dumps([[v.township, v.name, v.kind, v.code] for v in registry.villages], ensure_ascii=False)


def kept_registry(ctx: Context) -> tuple[str, str] | None:
    """When ``ctx`` (bound to a quarter) scores by the registry the quarter's stored results
    were scored by, not the workspace's: the two as notes name them (their townships and
    villages counted; the same counts with other villages said so); else None."""
    if ctx.workspace_registry is None:
        return None
    used, now = (M.REGISTRY_LABEL.format(townships=len(r.townships), villages=len(r.villages))
                 for r in (ctx.registry, ctx.workspace_registry))
    return used, now if now != used else M.REGISTRY_LABEL_EDITED.format(label=now)


def kept_policy(ctx: Context) -> tuple[str, str] | None:
    """When ``ctx`` (bound to a quarter) scores by the policy the quarter's stored results were
    scored by, not the workspace's: the two as notes name them (name and version; the same
    name and version with other contents said so; a workspace policy file that cannot be
    read, with its first problem); else None."""

    if ctx.workspace_policy is None:
        if ctx.quarter is None or ctx._policy is None or ctx.policy_error is None:
            return None
        used = M.POLICY_LABEL_VERSION.format(version=ctx._policy.version)
        first = ctx.policy_error.diagnostics[0]
        return used, M.POLICY_LABEL_BROKEN.format(file=first.file or "policy.yaml", problem=first.message)
    return policy_labels(ctx.policy, ctx.workspace_policy)


def policy_labels(used: Policy, now: Policy) -> tuple[str, str]:
    """Two policies as notes name them: by version, with the name when they differ; the same
    name and version with other contents said so."""
    label = M.POLICY_LABEL if used.name != now.name else M.POLICY_LABEL_VERSION  # the name when it differs
    a, b = (label.format(name=p.name, version=p.version) for p in (used, now))
    return a, b if b != a else M.POLICY_LABEL_EDITED.format(label=b)


def policy_json(policy: Policy) -> str:
    """``policy`` as a stored run keeps it (see :func:`for_quarter`)."""
    return json.dumps(policy.model_dump(mode="json"), ensure_ascii=False)


def find_township(registry: Registry, name: str) -> str | None:
    """The registry township written as ``name`` (any width, Traditional), else None."""
    from xingxian_cli.domain.text import norm

    key = norm(name)
    return next((t for t in registry.townships if norm(t) == key), None)


def resolve_township(registry: Registry, name: str) -> str:
    """The registry township written as ``name`` (any width, Traditional); else UsageError,
    naming the one township meant when only the 乡 / 镇 is wrong (孟家坪镇 for 孟家坪乡)."""
    from xingxian_cli.errors import UsageError

    found = find_township(registry, name) or _township_without_suffix(registry, name)
    if found is None:
        raise UsageError(M.ERR_UNKNOWN_TOWNSHIP.format(value=name, meant=_meant(registry, name),
                                                       allowed=listed(registry.townships)))
    return found


def _meant(registry: Registry, name: str) -> str:
    """"Did you mean": the township whose 乡 / 镇 alone differs (孟家坪镇 for 孟家坪乡), else those
    whose names hold the one written (奥家湾乡 of a prefecture's 清徐县奥家湾乡), else one
    character apart (尉汾镇 for 蔚汾镇, review R107); "" when none or too many."""
    import difflib

    from xingxian_cli.domain.text import norm

    towns, bare = registry.townships, _bare(name)
    if bare and len(meant := [t for t in towns if _bare(t) == bare]) == 1:
        return M.ERR_TOWNSHIP_MEANT.format(meant=meant[0])
    key = norm(name)
    meant = ([t for t in towns if key and key in norm(t)] or [t for t in towns if _one_slip(key, norm(t))]
             or difflib.get_close_matches(name, towns, n=3, cutoff=0.6))
    return M.ERR_TOWNSHIP_MEANT.format(meant=M.ERR_TOWNSHIP_MEANT_SEP.join(meant)) if 0 < len(meant) <= _MEANT else ""


_MEANT = 10  # townships a "did you mean" names at most


def _one_slip(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one character typed wrong, left out or added (东三镇 and
    东兴镇; review R108: difflib's near matches, tied, came in code point order)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _bare(text: str) -> str:
    """A township's name without its 乡 / 镇 / 街道 (蔚汾 of 蔚汾镇), folded."""
    from xingxian_cli.domain.text import norm, place_stem

    return place_stem(norm(text), townships=True)


def _township_without_suffix(registry: Registry, name: str) -> str | None:
    """The one registry township ``name`` names without its 乡 / 镇 / 街道: 蔚汾 for 蔚汾镇, as
    an officer types it; None when none or two are (东会乡 and 东会镇), or ``name`` has a
    suffix of its own (东关街道 is no short name of 东关镇)."""
    from xingxian_cli.domain.text import norm

    key = norm(name)
    if not key or _bare(key) != key:
        return None
    hits = [t for t in registry.townships if _bare(t) == key]
    return hits[0] if len(hits) == 1 else None


def record_unmask(ctx: Context, detail: dict[str, object]) -> None:
    """Log that full IDs are about to be shown or written (``--unmask``), before they are: who
    and when are recorded by the store, ``detail`` says what. A log that cannot be written (a
    read-only workspace) stops the command with nothing shown (review R111; score said only
    that the database was read-only, R140)."""
    from xingxian_cli.io.store import read_only
    from xingxian_cli.messages import report as RM

    try:
        ctx.store.audit("unmask", detail)
    except Exception as exc:
        if not read_only(exc):
            raise
        raise UsageError(RM.ERR_UNMASK_READ_ONLY) from None
