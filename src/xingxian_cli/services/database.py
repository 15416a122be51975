"""The database itself: ``xx db upgrade`` (schema migrations) and ``xx db status``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xingxian_cli.io.store import SCHEMA_VERSION, DatabaseEmpty, Store
from xingxian_cli.io.workspace import find_workspace
from xingxian_cli.messages import database as DBM
from xingxian_cli.services.context import open_store


@dataclass
class UpgradeResult:
    url: str  # without password
    found: int | None  # None: the database was empty
    now: int
    kept_copy: Path | None  # SQLite: the file as it was before the upgrade

    @property
    def changed(self) -> bool:
        return self.found != self.now


@dataclass
class DatabaseStatus:
    url: str
    dialect: str
    found: int | None
    expected: int
    county: str
    submissions: int
    score_runs: int
    # No registry under this county's code, but other counties' data: a county_code mistyped
    # in xx.yaml (which every other command refuses); the codes found.
    other_counties: list[str] | None = None
    # The county name recorded for the code, when it is not xx.yaml's (every other command
    # refuses such a workspace): the name recorded.
    recorded_name: str | None = None

    @property
    def needs_upgrade(self) -> bool:
        return self.found is not None and self.found < self.expected


def _store(workspace: Path | None, url: str | None) -> Store:
    # Not open_context: that refuses a database older than the code, which is what we fix.
    # With ``url`` (a server's administrator, who may have no workspace) no county applies.
    if url:
        return Store(url, "")
    store = open_store(find_workspace(workspace))
    if store.dialect == "sqlite" and store.schema_version() is None:
        # The workspace's own file, emptied: its data is gone, not a database to build afresh
        # (review R63: db upgrade made empty tables, and verify then called every original
        # unreferenced), as every other command says.
        store.close()
        raise DatabaseEmpty(DBM.ERR_EMPTY.format(url=store.safe_url))
    return store


def upgrade_database(workspace: Path | None = None, url: str | None = None) -> UpgradeResult:
    """Bring the database (``url``, else the workspace's: SQLite file or shared server) to
    this code's schema.

    The whole upgrade is one transaction: on failure nothing has changed. Raises
    SchemaTooNew when the database is newer than this code.
    """
    store = _store(workspace, url)
    try:
        found, now, kept = store.upgrade()
        return UpgradeResult(store.safe_url, found, now, kept)
    finally:
        store.close()


def database_status(workspace: Path | None = None, url: str | None = None) -> DatabaseStatus:
    """Where the database is, its schema version and how much of this county it holds
    (nothing is counted when only ``url`` is given: no county then)."""
    store = _store(workspace, url)
    try:
        found = store.schema_version()
        subs, runs = store.counts() if found is not None and store.county else (0, 0)
        others = None
        if found is not None and store.county and not subs and store.registry() is None:
            others = store.other_counties() or None
        recorded = None
        if found is not None and store.county and not url:
            from xingxian_cli.services.context import same_county

            name = find_workspace(workspace).county_name.strip()
            recorded = store.county_name()
            recorded = recorded if recorded is not None and name and not same_county(recorded, name) else None
        return DatabaseStatus(store.safe_url, store.dialect, found, SCHEMA_VERSION, store.county, subs, runs, others,
                              recorded)
    finally:
        store.close()


@dataclass
class MoveResult:
    url: str  # the server's address, without password
    counts: dict[str, int]  # rows copied per table
    kept: Path  # the workspace's SQLite file as it was, kept beside it
    password_kept: bool  # the address given holds a password, written into xx.yaml as it is
    left: bool = False  # the file could not be taken away (open in another program): it stays, unused
    resumed: bool = False  # an earlier move's copy found on the server and finished (counts empty)

    @property
    def facts(self) -> int:
        """Fact rows copied (cadres, honours, scores, deductions, progress, incomes)."""
        from xingxian_cli.io.store import FACT_TABLES

        return sum(self.counts.get(t.name, 0) for t in FACT_TABLES)


def move_to_server(workspace: Path | None, url: str) -> MoveResult:
    """``xx db move``: copy this county's data from the workspace's own SQLite file to the
    server at ``url`` and make the workspace use it (a county that outgrew one laptop keeps
    its versions, stored scores, refusals and audit trail).

    The copy is one transaction on the server (its audit entry with it), taken while the
    file's write lock keeps imports out; Ctrl-C is held off from just before its commit
    until xx.yaml names the server and the file is set aside. Before the commit nothing has
    changed anywhere. A move cut off after it (the power gone, xx.yaml unwritable) leaves
    the county on the server and the workspace on its file: run again, it finds its own
    copy there (the move's audit entry, the same versions) and finishes, where anything
    else of the county's code on the server is refused (review R87, R88). Refused too: a
    workspace already on a server, a server of another schema."""
    import os
    from contextlib import ExitStack
    from datetime import datetime

    from xingxian_cli.errors import UsageError
    from xingxian_cli.io.sqlite_file import write_gate
    from xingxian_cli.io.store import sqlite_snapshot, without_password
    from xingxian_cli.io.workspace import DB_NAME, write_config
    from xingxian_cli.services.context import open_context
    from xingxian_cli.services.maintenance import uninterrupted

    ws = find_workspace(workspace)
    if ws.database_url != ws.local_database_url:
        raise UsageError(DBM.MOVE_NOT_LOCAL.format(url=Store(ws.database_url, "").safe_url))
    if url.strip().lower().startswith("sqlite"):
        raise UsageError(DBM.MOVE_NOT_SERVER)
    db = ws.root / DB_NAME
    config = {k: v for k, v in ws.config.items() if k != "local_database"}  # (as init --db writes it)
    held = ExitStack()
    counts: dict[str, int] = {}
    target = Store(url, ws.county)
    with held:
        try:
            target.create_schema()  # an empty server gets the tables; another schema is refused
            with open_context(ws.root) as ctx:
                resumed = target.holds_county()
                if resumed and not (target.moved_in() and target.version_keys() == ctx.store.version_keys()):
                    raise UsageError(DBM.MOVE_TARGET_HOLDS.format(url=target.safe_url, county=ws.county_name,
                                                                  code=ws.county))
                if not resumed:
                    gate = write_gate(db)  # no import lands in the file once the copy has read it
                    try:
                        counts = ctx.store.copy_county_into(
                            target, before_commit=lambda: held.enter_context(uninterrupted()),
                            note={"to": target.safe_url})
                    finally:
                        if gate is not None:
                            gate.close()
        finally:
            target.close()
        if resumed:  # (a copy just made: held from before its commit)
            held.enter_context(uninterrupted())
        try:
            write_config(ws.root, {**config, "database_url": url})
        except OSError as exc:  # the copy stays on the server: a rerun finishes the move
            raise UsageError(DBM.MOVE_CONFIG_FAILED.format(path=ws.root, reason=exc.strerror or exc)) from None
        kept = ws.root / f"{DB_NAME}.before-move-{datetime.now():%Y%m%d-%H%M%S}"
        sqlite_snapshot(db, kept)
        left = False
        for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"):
            try:
                os.unlink(ws.root / name)
            except FileNotFoundError:
                pass
            except OSError:  # open in another program (Windows): it stays, no longer used
                left = True
    return MoveResult(Store(url, "").safe_url, counts, kept, without_password(url) != url, left, resumed)
