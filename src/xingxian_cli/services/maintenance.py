"""Store upkeep: ``xx verify`` (integrity), ``xx backup`` and ``xx restore``."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from xingxian_cli.errors import UsageError
from xingxian_cli.io.atomic import make_dirs, written_whole
from xingxian_cli.io.sqlite_file import (
    AuditRow,
    archived_paths,
    copy_database,
    current_quarters,
    snapshot_with_audit,
    write_gate,
)
from xingxian_cli.io.store import (
    INTEGRITY_MAX,
    SCHEMA_VERSION,
    Store,
    current_user,
    read_only,
    sqlite_snapshot,
)
from xingxian_cli.io.workspace import CONFIG_NAME, DB_NAME, POLICY_NAME, Workspace
from xingxian_cli.messages import common as M
from xingxian_cli.services.context import Context

BACKUP_DB = "xx.sqlite3"
BACKUP_MANIFEST = "manifest.txt"


@dataclass
class VerifyProblem:
    kind: str  # schema | integrity | orphans | current | archive
    message: str


@dataclass
class VerifyReport:
    problems: list[VerifyProblem]
    archives_checked: int
    # archive files no submission refers to (paths relative to the workspace): left by an
    # import that was killed, or kept from before a restore; they hold residents' IDs
    unreferenced: list[str] = field(default_factory=list)
    # on a shared server: originals this workspace does not hold (a colleague of the county
    # imported them into their own workspace), file names
    elsewhere: list[str] = field(default_factory=list)
    # folders a restore killed at its question left (they hold a backup's database, with IDs)
    leftovers: list[str] = field(default_factory=list)


def verify_store(ctx: Context) -> VerifyReport:
    """Every integrity problem of the workspace store (no problems: all good)."""
    problems: list[VerifyProblem] = []
    store = ctx.store
    version = store.schema_version()
    if version != SCHEMA_VERSION:
        problems.append(VerifyProblem("schema", M.VERIFY_SCHEMA.format(found=version, expected=SCHEMA_VERSION)))
    state = store.stored_state()
    if state.integrity:
        n = len(state.integrity)
        said = M.VERIFY_INTEGRITY_MANY if n >= INTEGRITY_MAX else M.VERIFY_INTEGRITY
        problems.append(VerifyProblem("integrity", said.format(n=n)))
    for table, n in state.orphans.items():
        problems.append(VerifyProblem("orphans", M.VERIFY_ORPHANS.format(table=table, n=n)))
    for township, quarter, n_current in state.current:
        if n_current != 1:
            problems.append(VerifyProblem("current", M.VERIFY_CURRENT.format(township=township, quarter=quarter,
                                                                               n=n_current)))
    archives = state.archives
    root = ctx.workspace.root
    referenced = {rel for _n, _s, rel, _u in archives}
    unreferenced = sorted(rel for p in ctx.workspace.archive_dir.rglob("*")
                          if p.is_file() and (rel := p.relative_to(root).as_posix()) not in referenced)
    # A database the workspace does not own (a server, or a shared file): each officer's
    # workspace keeps the originals it imported, not its colleagues'. One imported under
    # another login is said to be theirs; one of this officer's own that is missing is lost.
    shared = ctx.workspace.database_url != ctx.workspace.local_database_url
    me = current_user()
    elsewhere: list[str] = []
    for name, sha, rel, user in archives:
        path = root / rel
        if not path.is_file():
            if shared and user and user != me:
                elsewhere.append(M.VERIFY_ELSEWHERE_ITEM.format(file=name, user=user))
            else:  # on a shared database, another workspace of the same login may hold it (review R47)
                problems.append(VerifyProblem("archive", (M.VERIFY_ARCHIVE_MISSING_SHARED if shared
                                                          else M.VERIFY_ARCHIVE_MISSING).format(file=name, path=rel)))
        elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            problems.append(VerifyProblem("archive", M.VERIFY_ARCHIVE_CHANGED.format(file=name, path=rel)))
    return VerifyReport(problems, len(archives) - len(elsewhere), unreferenced, elsewhere,
                        [p.name for p in _restore_leftovers(root)])


RESTORE_STAGING = ".xx-restore-"  # the folder a restore unpacks the backup in, beside the workspace's files
# the folder a backup copies the database into before zipping it: in the workspace, not the
# system's temporary folder, so a killed backup's copy (IDs and all) is found and removed (R141)
BACKUP_STAGING = ".xx-backup-"
STALE_STAGING_S = 3600  # one older than this is no restore still asking (no backup still running): a killed one's


def _restore_leftovers(root: Path, older_than: float | None = None) -> list[Path]:
    """Folders a restore unpacked a backup in, or a backup copied the database into, and did not
    remove (killed while it asked, say), of those last changed over ``older_than`` seconds ago
    when given."""
    import time

    try:
        found = [p for p in root.iterdir() if p.is_dir() and p.name.startswith((RESTORE_STAGING, BACKUP_STAGING))]
    except OSError:
        return []
    if older_than is not None:
        found = [p for p in found if time.time() - p.stat().st_mtime > older_than]
    return sorted(found)


def _sqlite_path(store: Store) -> Path:
    if store.engine.dialect.name != "sqlite":
        raise UsageError(M.BACKUP_NOT_SQLITE)
    db = store.engine.url.database
    assert db is not None
    return Path(db)


@dataclass
class BackedUp:
    path: Path
    missing: list[str] = field(default_factory=list)  # archived originals the database names, not there
    changed: list[str] = field(default_factory=list)  # … there, with other bytes than their hash says
    logged: bool = True  # written in the workspace's audit log (not in a read-only workspace)


def backup_workspace(ctx: Context, target: Path) -> BackedUp:
    """Write one file holding a consistent copy of the database (SQLite online backup),
    the archived originals, the config and the policy. Safe while imports run. Originals
    missing or changed are named (the backup is written all the same: the best copy there is)."""
    db_path = _sqlite_path(ctx.store)  # (a server: pg_dump, said first)
    if ctx.workspace.database_url != ctx.workspace.local_database_url or ctx.store.other_counties():
        # a database file shared with other workspaces (or counties) is not this workspace's to copy whole
        raise UsageError(M.BACKUP_NOT_OWN)
    if target.exists() and target.is_dir():
        raise UsageError(M.ERR_PATH_IS_DIR.format(path=target))
    if target.exists():  # an earlier backup: replacing it would lose that state
        raise UsageError(M.ERR_BACKUP_EXISTS.format(path=target))
    make_dirs(target.parent)
    root = ctx.workspace.root
    for left in _restore_leftovers(root, STALE_STAGING_S):  # a backup or restore killed an hour ago or more
        shutil.rmtree(left, ignore_errors=True)
    try:
        staging = tempfile.TemporaryDirectory(prefix=BACKUP_STAGING, dir=root)
    except OSError:  # a read-only workspace (a CD, a share) is backed up all the same (review R111)
        staging = tempfile.TemporaryDirectory()
    with staging as tmp:
        snap = Path(tmp) / BACKUP_DB
        sqlite_snapshot(db_path, snap)
        from xingxian_cli.io.sqlite_file import damaged

        if damaged(snap):  # a backup of it would restore as damaged (review R138)
            raise UsageError(M.BACKUP_DAMAGED)
        with written_whole(target) as partial, zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.write(snap, BACKUP_DB)
            for name in (CONFIG_NAME, POLICY_NAME):
                if (root / name).is_file():
                    z.write(root / name, name)
            # Originals referenced by the snapshot (files added after it are not needed).
            rels = archived_paths(snap)
            done = BackedUp(target)
            for rel in rels:
                if not (root / rel).is_file():
                    done.missing.append(rel)  # (review R63: left out without a word)
                    continue
                data = (root / rel).read_bytes()  # read once: checked, then written
                if not _named_by(data, root / rel):
                    done.changed.append(rel)
                z.writestr(zipfile.ZipInfo.from_file(root / rel, rel), data, compress_type=zipfile.ZIP_DEFLATED)
            z.writestr(BACKUP_MANIFEST, f"schema={SCHEMA_VERSION}\nfiles={len(rels)}\n")
    try:
        ctx.store.audit("backup", {"file": str(target), "missing": len(done.missing), "changed": len(done.changed)})
    except Exception as exc:
        if not read_only(exc):
            raise
        done.logged = False  # a read-only workspace (a CD, a share) is backed up all the same (review R111)
    return done


def check_backup(path: Path) -> list[str]:
    """Names inside a backup file; raises UsageError when it is not one of ours, or damaged."""
    if not path.exists():
        raise UsageError(M.ERR_FILE_MISSING.format(path=path))
    if path.is_dir():
        raise UsageError(M.RESTORE_NOT_BACKUP.format(path=path))
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            if BACKUP_DB not in names or BACKUP_MANIFEST not in names:
                raise UsageError(M.RESTORE_NOT_BACKUP.format(path=path))
            for n in names:
                if n.startswith(("/", "\\")) or ".." in Path(n).parts:
                    raise UsageError(M.RESTORE_NOT_BACKUP.format(path=path))
            if z.testzip() is not None:
                raise UsageError(M.RESTORE_DAMAGED.format(path=path))
            return names
    except zipfile.BadZipFile:
        # A backup cut short (a copy that did not finish) has lost its zip directory at the
        # end, but still starts with the database xx backup writes first.
        damaged = _starts_with_member(path, BACKUP_DB)
        raise UsageError((M.RESTORE_DAMAGED if damaged else M.RESTORE_NOT_BACKUP).format(path=path)) from None
    # truncated or corrupt data inside a zip of ours; a flipped bit in its directory can name a
    # compression zipfile does not know (review R63: 程序内部错误 NotImplementedError)
    except (OSError, EOFError, zlib.error, NotImplementedError):
        raise UsageError(M.RESTORE_DAMAGED.format(path=path)) from None


def _starts_with_member(path: Path, name: str) -> bool:
    """Whether the file begins with a zip entry (a local file header) named ``name``."""
    try:
        with path.open("rb") as f:
            head = f.read(30 + len(name.encode()))
    except OSError:
        return False
    if len(head) < 30 or head[:4] != b"PK\x03\x04":
        return False
    size = int.from_bytes(head[26:28], "little")
    return size == len(name.encode()) and head[30:30 + size] == name.encode()


BEFORE_RESTORE = "before-restore-{stamp}"  # the folder the replaced database, config and policy are kept in


@dataclass
class Restored:
    originals: int  # archived originals restored
    kept: Path | None  # the folder keeping what was there before (None: there was nothing)
    audit_carried: int  # audit entries made after the backup, carried into the restored database


@dataclass
class Holdings:
    """What a workspace's database, or a backup's, holds: to say what a restore replaces."""

    county: str  # name and code as its xx.yaml gives them ("" when unknown)
    quarters: dict[str, int] = field(default_factory=dict)  # quarter -> current submissions
    # every version stored (township, quarter, version, file, imported at) and saved score result
    # (quarter, saved at): what the workspace has that the backup lacks is lost by a restore
    versions: set[tuple[str, str, int, str, str, str]] = field(default_factory=set)  # … and its SHA-256
    runs: set[tuple[str, str]] = field(default_factory=set)
    made: str | None = None  # a backup's: when it was made (its database's time in the zip)

    def lacking(self, other: Holdings) -> tuple[list[tuple[str, str, int, str, str]], list[tuple[str, str]]]:
        """The versions (the same file as the same version: township, quarter, version, SHA-256)
        and saved results of ``other`` this lacks, in time order, as (township, quarter,
        version, file, imported at) and (quarter, saved at)."""
        have = {(t, q, v, h) for t, q, v, _f, _at, h in self.versions}
        lost = sorted(((t, q, v, f, at) for t, q, v, f, at, h in other.versions if (t, q, v, h) not in have),
                      key=lambda v: (v[4], v[1], v[0], v[2]))
        return lost, sorted(other.runs - self.runs, key=lambda r: (r[1], r[0]))


def workspace_holdings(ws: Workspace) -> Holdings:
    """The same of the workspace as it is (nothing when its database is gone or damaged)."""
    from xingxian_cli.io.sqlite_file import stored_items

    db = ws.root / DB_NAME
    if not db.is_file():
        return Holdings(_county_text(ws.config))
    return Holdings(_county_text(ws.config), current_quarters(db), *stored_items(db))


def _config_of(raw: bytes) -> dict[str, object]:
    import yaml

    try:
        loaded = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _county_text(config: dict[str, object]) -> str:
    name, code = config.get("county"), config.get("county_code")
    return f"{name}（{code}）" if name and code else ""


def check_restorable(ws: Workspace, county: str | None = None) -> None:
    """A workspace on a database server cannot be restored from a backup (which holds a
    SQLite file): said before the officer is asked to confirm. ``county``: the backup's
    county code, whose data the workspace's file may hold (its own xx.yaml may be broken)."""
    if not ws.database_url.startswith("sqlite"):
        raise UsageError(M.BACKUP_NOT_SQLITE)
    if ws.database_url != ws.local_database_url:  # a shared file: restore would write a stray copy beside it
        raise UsageError(M.BACKUP_NOT_OWN)
    if _holds_other_counties(ws, county or ws.county):  # its own file, shared by another county's --db
        raise UsageError(M.BACKUP_NOT_OWN)


def _holds_other_counties(ws: Workspace, county: str) -> bool:
    """Whether the workspace's own SQLite file holds other counties' data than ``county``'s
    (the backup's) and the workspace's own; False when it is gone or cannot be read (what a
    restore is for), or no county is known (a broken xx.yaml and a backup without one: review
    R63, this county's own data was taken for another's). Another county's backup restored
    over a workspace holding only its own county's data is no shared file (review R142): it is
    said before the officer confirms (RESTORE_OTHER_COUNTY)."""
    if not (ws.root / DB_NAME).is_file() or not county:
        return False
    # by the workspace's own county where its xx.yaml says it (a file it shares with any other
    # county, the backup's too, is refused: self-review); else by the backup's
    own = ws.county_code or county
    store = Store(ws.database_url, own)
    try:
        return store.schema_version() is not None and bool(store.other_counties())
    except Exception:  # damaged: the backup will replace it
        return False
    finally:
        store.close()


@dataclass
class RestorePlan:
    """A backup checked and its database, config and policy unpacked beside the workspace,
    with what it holds and what the workspace holds now: shown before the officer confirms."""

    ws: Workspace
    path: Path
    names: list[str]  # the backup's members
    staged: Path  # the folder they are unpacked in (archived originals are not: see restore_workspace)
    backup: Holdings
    current: Holdings


@contextmanager
def planned_restore(ws: Workspace, path: Path) -> Iterator[RestorePlan]:
    """Check a backup for restoring into ``ws`` and unpack its database once, for the preview
    and the restore both (a province's database is hundreds of megabytes); the unpacked
    files are removed on leaving, restored or not. Raises UsageError before anything is
    unpacked when the backup is not one, is damaged, or cannot go into this workspace."""
    names = check_backup(path)
    with zipfile.ZipFile(path) as z:
        config = _config_of(z.read(CONFIG_NAME)) if CONFIG_NAME in names else {}
    code = config.get("county_code")
    check_restorable(ws, str(code) if code else None)
    for left in _restore_leftovers(ws.root, STALE_STAGING_S):  # a restore killed at its question (review R74)
        shutil.rmtree(left, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=RESTORE_STAGING, dir=ws.root) as tmp:
        staged = Path(tmp)
        with zipfile.ZipFile(path) as z:
            for n in names:
                if n != BACKUP_MANIFEST and not n.startswith("archive/"):
                    dest = staged / n
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    with z.open(n) as src, dest.open("wb") as out:
                        shutil.copyfileobj(src, out, 1 << 20)
        from xingxian_cli.io.sqlite_file import damaged, stored_items

        if damaged(staged / BACKUP_DB):  # (review R138: restored without a word, then unusable)
            raise UsageError(M.RESTORE_DAMAGED_DB.format(path=path))
        with zipfile.ZipFile(path) as z:
            try:
                made: str | None = datetime(*z.getinfo(BACKUP_DB).date_time).strftime("%Y-%m-%d %H:%M")
            except ValueError:  # a zip's zeroed DOS date: the time unknown, said so
                made = None
        backup = Holdings(_county_text(config), current_quarters(staged / BACKUP_DB), *stored_items(staged / BACKUP_DB),
                          made=made)
        yield RestorePlan(ws, path, names, staged, backup, workspace_holdings(ws))


def restore_workspace(plan: RestorePlan) -> Restored:
    """Replace the workspace's database, config and policy with the backup's (unpacked by
    :func:`planned_restore`), and add its archived originals.

    The database is replaced in place through SQLite's backup API, in one transaction that
    waits for a command writing to it (an import) to finish, and that one waiting to start
    writes into the restored database afterwards (a file renamed over the old one would
    let it commit into the old, unlinked file). Ctrl-C is held off from then until config
    and policy are in place too. What was there before (database, config, policy) is kept
    in a new ``before-restore-<time>`` folder, so a wrong backup can be undone, even twice
    over. The audit log is a trail, not data: entries the backup lacks (an ``--unmask``
    after it) are carried into the restored database, and the restore itself is logged. A
    workspace on a database server is refused: the backup holds a SQLite file.
    """
    root, staged = plan.ws.root, plan.staged
    db_target = root / DB_NAME
    restored = 0
    with zipfile.ZipFile(plan.path) as z:
        for n in plan.names:
            if not n.startswith("archive/"):
                continue
            dest = root / n
            if _intact(dest):
                restored += 1  # stored under its hash, with those bytes still
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            part = dest.with_name(dest.name + ".restoring")
            part.write_bytes(z.read(n))
            os.replace(part, dest)
            restored += 1
    # The write lock is taken before what is there is kept, and held until it is replaced:
    # an import running meanwhile lands in the copy kept, not between the two (review R63:
    # one that committed after the copy was taken was in neither).
    gate = write_gate(db_target)
    try:
        kept, trail = _keep_before_restore(root)
        with uninterrupted():
            if trail is not None:
                copy_database(staged / BACKUP_DB, db_target, gate)
                gate = None  # closed by the copy
            else:  # missing or damaged (the very reason to restore): nobody can be using it
                if gate is not None:
                    gate.close()
                    gate = None
                for suffix in ("-wal", "-shm"):
                    (root / (DB_NAME + suffix)).unlink(missing_ok=True)
                os.replace(staged / BACKUP_DB, db_target)
            for name in (CONFIG_NAME, POLICY_NAME):
                if (staged / name).is_file():
                    os.replace(staged / name, root / name)
            carried = _log_restore(root, plan.path, kept, trail or [], plan.backup.lacking(plan.current))
    finally:
        if gate is not None:  # not replaced (interrupted, or the copy kept failed): let go
            gate.close()
    return Restored(restored, kept, carried)


def _intact(original: Path) -> bool:
    """Whether an archived original is there with the bytes its name (their SHA-256) says: one
    changed since is put back from the backup (review R63: it was counted as restored)."""
    try:
        return original.is_file() and _named_by(original.read_bytes(), original)
    except OSError:
        return False


def _named_by(data: bytes, original: Path) -> bool:
    """Whether ``data`` are the bytes an archived original's name (their SHA-256) says."""
    return hashlib.sha256(data).hexdigest() == original.stem


def _log_restore(root: Path, path: Path, kept: Path | None, trail: list[AuditRow],
                 dropped: tuple[list[tuple[str, str, int, str, str]], list[tuple[str, str]]] = ([], [])) -> int:
    """Carry the audit entries made since the backup into the restored database and log the
    restore, with the versions and saved results it dropped (review R133: the restored
    workspace kept no trace that a report had been paid on them); returns how many were carried."""
    from xingxian_cli.services.context import open_context

    versions, runs = dropped
    with open_context(root) as ctx:  # brings an older backup's schema up to date first
        carried = ctx.store.add_audit_entries(trail)
        ctx.store.audit("restore", {"from": str(path), "kept": str(kept) if kept else None,
                                    "carried_audit_entries": carried,
                                    "dropped_versions": [{"township": t, "quarter": q, "version": v, "file": f,
                                                          "imported_at": at} for t, q, v, f, at in versions],
                                    "dropped_score_results": [{"quarter": q, "saved_at": at} for q, at in runs]})
    return carried


def _keep_before_restore(root: Path) -> tuple[Path | None, list[AuditRow] | None]:
    """Copy the workspace's database (consistently), config and policy into a new folder;
    return it (None: none of them was there) and the database's audit entries, read from
    the copy (None: no database, or one that cannot be read, which is copied as it is)."""
    db = root / DB_NAME
    if not any((root / name).is_file() for name in (DB_NAME, CONFIG_NAME, POLICY_NAME)):
        return None, None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = root / BEFORE_RESTORE.format(stamp=stamp)
    n = 1
    while folder.exists():
        n += 1
        folder = root / (BEFORE_RESTORE.format(stamp=stamp) + f"-{n}")
    folder.mkdir()
    trail = snapshot_with_audit(db, folder / DB_NAME) if db.is_file() else None
    if db.is_file() and trail is None:  # damaged: its files copied as they are
        (folder / DB_NAME).unlink(missing_ok=True)
        for name in (DB_NAME, DB_NAME + "-wal"):
            if (root / name).is_file():
                shutil.copy2(root / name, folder / name)
    for name in (CONFIG_NAME, POLICY_NAME):
        if (root / name).is_file():
            shutil.copy2(root / name, folder / name)
    return folder, trail


@contextmanager
def uninterrupted() -> Iterator[list[int]]:
    """Hold Ctrl-C (and SIGTERM, SIGHUP) off for the last few steps of a command, which must
    all happen or none; yields the signals that arrived meanwhile. Once they are done the
    command is too: it ends as it would have without them (a restore that is complete
    says so, rather than "interrupted")."""
    pressed: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return
    held = [s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s is not None]
    previous = [(s, signal.signal(s, lambda signum, _frame: pressed.append(signum))) for s in held]
    try:
        yield pressed
    finally:
        for s, handler in previous:
            signal.signal(s, handler)
