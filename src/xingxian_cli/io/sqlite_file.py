"""A workspace's SQLite database as a file: what backup and restore read from it and do to
it directly (a copy, a backup's database before it is the workspace's, the write lock held
across a restore), not through a :class:`~xingxian_cli.io.store.Store`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from xingxian_cli.io.store import BUSY_TIMEOUT_S, sqlite_snapshot

AuditRow = tuple[str, str, str, str, str]  # (county, at, user, action, detail)


def archived_paths(db: Path) -> list[str]:
    """The archived originals (paths in the workspace) a database file's submissions name."""
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT DISTINCT archive_path FROM submission")]
    finally:
        con.close()


def current_quarters(db: Path) -> dict[str, int]:
    """quarter -> current submissions of a database file, read only; empty when it cannot
    be read (damaged, or no database of ours)."""
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            rows = con.execute("SELECT quarter, count(*) FROM submission WHERE is_current = 1 GROUP BY quarter "
                               "ORDER BY quarter").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return {}
    return {str(q): int(n) for q, n in rows}


def stored_items(db: Path) -> tuple[set[tuple[str, str, int, str, str, str]], set[tuple[str, str]]]:
    """The versions (township, quarter, version, file name, imported at, SHA-256) and the saved
    score results (quarter, saved at) of a database file, read only; empty when it cannot be read."""
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            versions = con.execute("SELECT township, quarter, version, file_name, imported_at, sha256 "
                                    "FROM submission").fetchall()
            runs = con.execute("SELECT quarter, created_at FROM score_run").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return set(), set()
    return ({(str(t), str(q), int(v), str(f), str(at), str(h)) for t, q, v, f, at, h in versions},
            {(str(q), str(at)) for q, at in runs})


def damaged(db: Path) -> bool:
    """Whether SQLite's own quick check finds a database file damaged (or it is no database)."""
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            return con.execute("PRAGMA quick_check(1)").fetchone() != ("ok",)
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return True


def write_gate(db: Path) -> sqlite3.Connection | None:
    """A connection holding ``db``'s write lock, once a command writing to it (an import) is
    done; None when there is no database, or one too damaged to lock (nobody uses it)."""
    if not db.is_file():
        return None
    con = sqlite3.connect(db, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        con.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise  # still held after the wait: said as a busy database
        return None
    except sqlite3.DatabaseError:
        con.close()
        return None
    return con


def copy_database(source: Path, target: Path, gate: sqlite3.Connection | None = None) -> None:
    """Replace ``target``'s content with ``source``'s in one transaction (SQLite's backup
    API: it waits for the write lock, and readers see the old content or the new). With
    ``gate`` (holding the write lock), the lock is let go and taken straight back by the copy."""
    src = sqlite3.connect(source)
    dst = gate if gate is not None else sqlite3.connect(target, timeout=BUSY_TIMEOUT_S)
    try:
        if gate is not None:
            gate.execute("ROLLBACK")  # the backup API needs its destination outside a transaction
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def snapshot_with_audit(db: Path, target: Path) -> list[AuditRow] | None:
    """Copy ``db`` consistently to ``target`` and return the copy's audit entries; None when
    the database cannot be read (damaged: the caller copies its files as they are)."""
    try:
        sqlite_snapshot(db, target)
        return _audit_rows(target)
    except sqlite3.DatabaseError:
        return None


def _audit_rows(db: Path) -> list[AuditRow]:
    """(county, at, user, action, detail) of every audit entry of a SQLite database file."""
    con = sqlite3.connect(db, timeout=30)
    try:
        cols = {r[1] for r in con.execute("PRAGMA table_info(audit_log)")}
        if not cols:
            return []
        county = "county" if "county" in cols else "''"
        return [tuple(r) for r in con.execute(f"SELECT {county}, at, user, action, detail FROM audit_log ORDER BY id")]
    finally:
        con.close()
