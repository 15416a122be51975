"""Create a workspace (``xx init``)."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from xingxian_cli.domain.diagnostics import DataError, Diagnostic
from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.registry import Registry
from xingxian_cli.domain.text import shell_arg
from xingxian_cli.errors import UsageError
from xingxian_cli.io.policy_io import (
    default_policy_text,
    export_policy,
    is_toml,
    load_policy,
    read_policy_file,
)
from xingxian_cli.io.registry_io import default_registry, load_registry
from xingxian_cli.io.store import Store, safe_url, without_password
from xingxian_cli.io.workspace import (
    ARCHIVE_DIR,
    CONFIG_NAME,
    DB_NAME,
    ENV_DATABASE_URL,
    ENV_WORKSPACE,
    POLICIES_DIR,
    POLICY_NAME,
    Workspace,
    new_config,
    read_config,
    write_config,
)
from xingxian_cli.messages import common as M
from xingxian_cli.services.registry import (
    check_keeps_data,
    check_own_county,
    keep_closed_quarters,
    record_registry,
    registry_warnings,
    renamed_notes,
    with_kept_codes,
    with_renames,
)

DEFAULT_COUNTY = "兴县"
DEFAULT_COUNTY_CODE = "141123"


class NextStep(Enum):
    """What a new workspace's officer is told to type next."""

    CD = "cd"  # cd into it, then xx template …
    HERE = "here"  # made in the folder typed in (xx init .): no "cd ." (review R78)
    ENV = "env"  # XX_WORKSPACE names another workspace, which commands would take first


@dataclass
class InitResult:
    workspace: Workspace
    created: bool
    policy: Policy
    registry: Registry
    # A workspace in a folder above the new one: commands run inside the new one find the
    # new one first, no longer that one.
    enclosing: Path | None = None
    # An existing workspace given --registry: its closed quarters, which keep the registry
    # they were scored by (see services.registry.keep_closed_quarters).
    kept: list[str] = field(default_factory=list)
    codes_kept: int = 0  # villages whose 区划代码 --registry left out, kept from the registry it replaced
    # --registry's (see services.registry.registry_warnings), and --policy's rule parts with no effect
    warnings: list[Diagnostic] = field(default_factory=list)
    next_step: NextStep = NextStep.CD
    env_workspace: str | None = None  # XX_WORKSPACE as set (NextStep.ENV names it)
    database_shown: str | None = None  # the server's address without its password; None: the workspace's own file
    password_kept: bool = False  # a new workspace's --db gave a password, written into its xx.yaml
    # the registry is the shipped one: Xing County's real townships, sample villages — to be
    # replaced by the county's own before templates go out (review R95)
    sample_registry: bool = False
    # --policy over another policy: where the one it replaced was kept, and what the quarters not
    # closed yet hold that it no longer covers (they cannot be scored until sent again or it is
    # added back: review R118, the old file was lost and the open quarter unscorable unsaid)
    policy_kept: Path | None = None
    policy_stale: list[tuple[str, list[Diagnostic]]] = field(default_factory=list)  # per quarter
    policy_unchanged: bool = False  # --policy held the workspace's policy already: nothing switched (R128)


def init_folder(directory: Path | None, named: Path | None) -> Path:
    """The folder ``xx init`` makes or opens: ``directory`` as typed, else the workspace -w
    names (``named``), else the current folder. Typed in a workspace's sub-folder (its 方案
    folder), ``xx init --policy …`` was meant for that workspace, not a new one inside it
    (review R60): refused, as is a folder other than the one -w names."""
    if directory is None and named is None and not Path(CONFIG_NAME).is_file() \
            and (outer := enclosing_workspace(Path("."))) is not None:
        raise UsageError(M.ERR_INIT_INSIDE.format(outer=outer, here=Path(".").resolve()))
    if directory is None:
        return named if named is not None else Path(".")
    if named is not None and named.resolve() != directory.resolve():
        raise UsageError(M.INIT_TWO_FOLDERS.format(workspace=named, directory=directory))
    return directory


def _check_new_county(ws: Workspace, store: Store, recorded: str | None, before: Registry | None) -> None:
    """Refuse a new workspace whose county code is another county's in this database, whose code
    holds data of an older xx not yet claimed, or whose county is recorded under another code."""
    from xingxian_cli.services.context import names_elsewhere, same_county

    if recorded is not None and not same_county(recorded, ws.county_name):
        # 方山县 under 临县's code on a shared server: would take over 临县's registry and data
        raise UsageError(M.ERR_CODE_TAKEN.format(code=ws.county, recorded=recorded, name=ws.county_name))
    if recorded is None and before is not None:
        # data of an older xx under this code, whose county is not known yet: the first
        # workspace to claim it must be that county's own, not a new one with a code mistyped
        raise UsageError(M.ERR_CODE_UNCLAIMED.format(code=ws.county, name=ws.county_name,
                                                     townships=len(before.townships)))
    if same_county(ws.county_name, DEFAULT_COUNTY) and ws.county != DEFAULT_COUNTY_CODE:
        raise UsageError(M.ERR_XING_OTHER_CODE.format(code=ws.county, xing=DEFAULT_COUNTY_CODE))
    if not same_county(ws.county_name, DEFAULT_COUNTY) and ws.county == DEFAULT_COUNTY_CODE:  # (a config by hand too)
        raise UsageError(M.ERR_CODE_IS_XING.format(county=ws.county_name, code=DEFAULT_COUNTY_CODE))
    elsewhere = names_elsewhere(store, ws.county_name)
    if elsewhere:  # 临县 again under 141142, a code mistyped: would open an empty county
        raise UsageError(M.ERR_NAME_ELSEWHERE.format(name=ws.county_name, code=ws.county, other=elsewhere[0]))


def enclosing_workspace(folder: Path) -> Path | None:
    """The workspace whose folder holds ``folder`` (not ``folder`` itself), if any."""
    return next((p for p in folder.resolve().parents if (p / CONFIG_NAME).is_file()), None)


def init_workspace(
    root: Path,
    *,
    registry_file: Path | None = None,
    policy_file: Path | None = None,
    database_url: str | None = None,
    county: str | None = None,
    county_code: str | None = None,
    use_env: bool = True,
) -> InitResult:
    """Create the workspace at ``root``; an existing one is opened, never overwritten.

    Without ``database_url``, ``XX_DATABASE_URL`` names the server (its address is written
    to the config without the password), unless ``use_env`` is False: ``xx demo`` always
    works on a SQLite file of its own. The policy and registry files are checked before
    anything is written, so a bad file leaves no half-made workspace behind (raises DataError).
    """
    from xingxian_cli.services.context import check_county, same_county

    if county_code is not None and not (county_code.isascii() and county_code.isdigit() and len(county_code) == 6):
        raise UsageError(M.ERR_COUNTY_CODE.format(value=county_code))
    county = " ".join(county.split()) if county is not None else None  # "兴县 ": no trailing space kept
    xing = county is None or same_county(county, DEFAULT_COUNTY)  # 兴县, 興縣, 山西省兴县
    if county is not None and county_code is None and not xing \
            and not (root / CONFIG_NAME).is_file():  # an existing workspace keeps its county (said so)
        # The code, not the name, says whose data a shared server's rows are: another county
        # left with the default code would read and write 兴县's.
        raise UsageError(M.ERR_COUNTY_NEEDS_CODE.format(county=county))
    if (county_code is not None and county is None and county_code != DEFAULT_COUNTY_CODE
            and not (root / CONFIG_NAME).is_file()):  # another county's code under 兴县's name
        raise UsageError(M.ERR_CODE_NEEDS_COUNTY.format(code=county_code))
    if not xing and county_code == DEFAULT_COUNTY_CODE and not (root / CONFIG_NAME).is_file():
        raise UsageError(M.ERR_CODE_IS_XING.format(county=county, code=DEFAULT_COUNTY_CODE))  # another county under 兴县's code
    if root.exists() and not root.is_dir():  # xx init 名录.csv: the registry given as the folder
        raise UsageError(M.ERR_PATH_IS_FILE.format(path=root))
    new_policy = load_policy(policy_file) if policy_file is not None else None  # DataError before anything is written
    registry = load_registry(registry_file) if registry_file else None
    exists = (root / CONFIG_NAME).is_file()
    if exists:
        _refuse_another_identity(root, county, county_code, database_url)
    if registry is not None and not exists and county_code is None \
            and (other := registry.other_county(DEFAULT_COUNTY_CODE)) is not None:
        # 临县's registry without --county: every report would say 兴县, and the code cannot change later
        raise UsageError(M.ERR_REGISTRY_OTHER_COUNTY.format(prefix=other, code=DEFAULT_COUNTY_CODE,
                                                            county=DEFAULT_COUNTY))
    if registry is not None and not exists and county_code is None \
            and (codes := registry.other_counties(DEFAULT_COUNTY_CODE)) is not None:  # several counties' (R136): the same
        from xingxian_cli.domain.text import listed

        covering = registry.covering_code()
        raise UsageError(M.ERR_REGISTRY_OTHER_COUNTIES.format(
            prefixes=listed(codes, 5), code=DEFAULT_COUNTY_CODE, county=DEFAULT_COUNTY,
            example=M.INIT_COVERING_EXAMPLE.format(code=covering) if covering else ""))
    # What this run makes, taken away again when it fails: the first folder of root's path
    # that was not there, else the archive folder and the database file it adds to root.
    established = (root / POLICY_NAME).exists() or (root / ARCHIVE_DIR).exists()  # xx init ran here before
    made = next((p for p in (root.absolute(), *root.absolute().parents) if p.parent.exists()), None) \
        if not root.exists() else None
    added = [p for p in (root / ARCHIVE_DIR, root / DB_NAME) if not p.exists()] if made is None else []
    kept: list[str] = []
    codes_kept = 0
    renamed: list[list[str]] = []  # villages --registry renames (the same 区划代码 under a new name)
    store: Store | None = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / ARCHIVE_DIR).mkdir(exist_ok=True)
        if exists:
            config = read_config(root)
        else:
            env = os.environ.get(ENV_DATABASE_URL) if use_env else None
            if database_url is None and env:
                database_url = without_password(env)
            database_url = _absolute_sqlite(database_url)
            # The county code scopes every row of a shared database to this county.
            config = new_config(county or DEFAULT_COUNTY, county_code or DEFAULT_COUNTY_CODE, database_url)
        ws = Workspace(root.resolve(), config)
        # A new workspace without a server address makes its own SQLite file.
        local = not exists and not config.get("database_url")
        store = Store(ws.local_database_url if local else ws.database_url, ws.county)
        store.create_schema()
        before = store.registry()
        recorded = store.county_name()
        if not exists or not established:  # a new workspace, by flags or by a config written by hand (R57)
            _check_new_county(ws, store, recorded, before)
        if exists:  # what every other command refuses (a code edited into another county's) init refuses too
            check_county(ws, store, before, new=not established)
        if (not exists or not established) and ws.county_name and not (
                recorded is not None and same_county(recorded, ws.county_name)):
            # first, so that an init cut short after the registry below leaves its county claimed
            store.record_county_name(ws.county_name)
        if registry_file is not None and registry is not None:
            if exists:  # the same checks as xx registry import: another county's is refused, and
                check_own_county(registry, registry_file, ws, M.REGISTRY_FORCE_BY_IMPORT.format(
                    ws=shell_arg(ws.root), path=shell_arg(registry_file.absolute())))
            # the county may have data already, in this workspace or (a shared server) in another
            # workspace of the same county code.
            registry, codes_kept = with_kept_codes(registry, before)
            registry, renamed = with_renames(store, registry, before)
            check_keeps_data(store, registry, registry_file, before)
            kept = keep_closed_quarters(store, before, registry)[1]
            record_registry(store, registry, registry_file.name, renamed)
        elif before is None:
            store.replace_registry(default_registry())
        reg = store.registry()
    except BaseException:
        if store is not None:
            store.close()
        if made is not None:  # nothing half-made left behind
            shutil.rmtree(made, ignore_errors=True)
        for p in added:
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
        raise
    finally:
        if store is not None:
            store.close()
    # After the registry, which an existing workspace's data may refuse: nothing half-applied.
    policy_kept: Path | None = None
    stale: list[tuple[str, list[Diagnostic]]] = []
    was: Policy | None = None
    if policy_file is not None and new_policy is not None:
        # the workspace keeps YAML: a JSON or TOML policy is written as YAML (a JSON text kept as
        # it is was told in YAML's terms when edited later: review R118); a YAML file verbatim
        text = (export_policy(new_policy, "yaml").encode("utf-8")
                if is_toml(policy_file.name) or policy_file.suffix.lower() == ".json" else policy_file.read_bytes())
        current = root / POLICY_NAME
        was = read_policy_file(current)[0] if exists and current.is_file() else None
        # the same policy in another form or layout (review R126): the file stays as it is
        if was is None or was != new_policy:
            if exists and current.is_file():
                policy_kept, stale = _policy_replaced(ws, current, was, new_policy)
            current.write_bytes(text)
    elif not ws.policy_path.is_file():
        ws.policy_path.write_text(default_policy_text(), encoding="utf-8")
    if not exists:
        write_config(root, config)  # last: its presence marks a complete workspace
    pol, problems = read_policy_file(ws.policy_path)
    if pol is None:
        raise DataError(problems)
    assert reg is not None
    enclosing = None if exists else enclosing_workspace(ws.root)
    said = registry_warnings(registry, registry_file, ws) + renamed_notes(renamed, registry, registry_file) \
        if registry is not None and registry_file else []
    if policy_file is not None:  # what xx policy check says of it: parts of a rule with no effect (review R142)
        from xingxian_cli.domain.policy import unused_rule_parts

        said += unused_rule_parts(pol)
    env = os.environ.get(ENV_WORKSPACE)
    # XX_WORKSPACE naming another workspace comes before the folder a command is typed in.
    step = NextStep.ENV if env and Path(env).resolve() != ws.root else \
        NextStep.HERE if ws.root.resolve() == Path.cwd().resolve() else NextStep.CD
    url = ws.database_url
    return InitResult(ws, not exists, pol, reg, enclosing, kept, codes_kept, said, step, env,
                      None if url == ws.local_database_url else safe_url(url),
                      not exists and bool(database_url) and without_password(database_url or "") != database_url,
                      registry_file is None and reg == default_registry(), policy_kept, stale,
                      policy_file is not None and was is not None and was == new_policy)


def _absolute_sqlite(url: str | None) -> str | None:
    """A SQLite file named relative to the folder typed in, made absolute, so that the workspace
    finds it from its own folder too (review R57); any other address as it is."""
    if url and url.startswith("sqlite:///") and not url.startswith("sqlite:////") \
            and not re.match(r"sqlite:///[A-Za-z]:", url):
        return "sqlite:///" + Path(url[len("sqlite:///"):]).resolve().as_posix()
    return url


def _refuse_another_identity(root: Path, county: str | None, county_code: str | None,
                             database_url: str | None) -> None:
    """``xx init`` on an existing workspace with another county, code or database than its own:
    refused before anything is applied (review R142). These are fixed when the workspace is
    made, and the folder is far more likely the wrong one than the wish to change them: a
    ``--policy`` given with them would otherwise change this county's policy."""
    from xingxian_cli.services.context import same_county

    if database_url is not None and "://" not in database_url:  # a path: said as init says it of a new one (R152)
        from xingxian_cli.io.store import BadDatabaseUrl
        from xingxian_cli.messages import database as DBM

        raise BadDatabaseUrl(DBM.ERR_BAD_URL.format(url=safe_url(database_url), reason=DBM.ERR_URL_KEYWORDS
                                                    if "=" in database_url else DBM.ERR_URL_FORM))
    config = read_config(root)
    ws = Workspace(root.resolve(), config)
    other: list[str] = []
    if county_code is not None and county_code != ws.county_code:
        other.append(f"--county-code {county_code}")
    if county is not None and not same_county(county, ws.county_name):
        other.append(f"--county {shell_arg(county)}")
    given = without_password(_absolute_sqlite(database_url) or "") if database_url is not None else None
    own = without_password(str(config.get("database_url") or "")) or f"sqlite:///{(ws.root / DB_NAME).as_posix()}"
    if given is not None and given != own and not (  # its own file named (review R151)
            given.startswith("sqlite:///") and own.startswith("sqlite:///")
            and Path(given[len("sqlite:///"):]).resolve() == Path(own[len("sqlite:///"):]).resolve()):
        other.append(f"--db {shell_arg(safe_url(database_url))}")
    if other:
        options = " ".join(other)
        raise UsageError(M.ERR_INIT_ANOTHER_IDENTITY.format(
            root=ws.root, name=ws.county_name, code=ws.county_code or ws.county,
            db=M.INIT_DATABASE_LOCAL if not config.get("database_url") else safe_url(str(config["database_url"])),
            options=options, new=shell_arg(root.absolute().parent / M.INIT_NEW_FOLDER)))


def _policy_replaced(ws: Workspace, current: Path, was: Policy | None, new: Policy
                     ) -> tuple[Path, list[tuple[str, list[Diagnostic]]]]:
    """Before ``new`` replaces the workspace's policy file ``current`` (read as ``was``; None:
    unreadable): a copy of the current one under ``policies/``, and what the stored submissions
    of the quarters not closed yet hold that the new policy does not cover, per quarter."""
    from datetime import datetime

    from xingxian_cli.services.scoring import facts_outside_of

    old = current.read_bytes()
    folder = ws.root / POLICIES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    # a policy switched back and forth is kept once (review R126): its earlier copy is named
    kept = next((p for p in sorted(folder.glob("policy_*.yaml"))
                 if p.read_bytes() == old or (was is not None and read_policy_file(p)[0] == was)), None)
    if kept is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept, n = folder / f"policy_{stamp}.yaml", 2
        while kept.exists():
            kept, n = folder / f"policy_{stamp}_{n}.yaml", n + 1
        kept.write_bytes(old)
    store = Store(ws.database_url, ws.county)
    try:
        quarters = sorted({q for quarters, _v in store.places_with_data().values() for q in quarters})
        stale = [(q, found) for q in quarters if not ((run := store.run_policy(q)) is not None and run.closed)
                 and (found := facts_outside_of(store, new, q))]
    finally:
        store.close()
    return kept, stale
