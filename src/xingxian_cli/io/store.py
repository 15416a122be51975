"""The store: SQLAlchemy Core over SQLite (default) or PostgreSQL, one county per workspace.

Every fact row keeps its source (sheet, row) and belongs to a submission version; the
current version of a township's quarter is the one flagged ``is_current``. Several counties
may share one database: every row hangs off a ``county`` column (directly, or through its
submission) and every query of a ``Store`` is scoped to the store's county.

The schema is versioned with Alembic (``io/migrations``); ``meta.schema_version`` carries
the same number so ``xx verify`` and older tools can read it without Alembic.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import re
import sqlite3
import zlib
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    case,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from xingxian_cli.domain.diagnostics import Diagnostic
from xingxian_cli.domain.facts import (
    Cadre,
    Deduction,
    Economy,
    Honour,
    ProgressStatus,
    Source,
    Submission,
    SystemScores,
)
from xingxian_cli.domain.registry import Registry, Village
from xingxian_cli.errors import UsageError
from xingxian_cli.io.jsondoc import json_bytes, json_loads
from xingxian_cli.io.rows import Row, SubmissionRows, columns_match, issue_rows, submission_rows
from xingxian_cli.messages import database as DBM
from xingxian_cli.messages import places

# The schema this code reads and writes; the Alembic head revision is named after it.
# 1: the first release. 2: audit_log.county; free text as TEXT (PostgreSQL enforces
# VARCHAR lengths that SQLite ignores, so a long 填报人 would load on one and fail on the other).
# 3: no index on the fact tables' person IDs (no query used them; every insert paid for them).
# 4: score_run.result_gz. 5: score_cadre. 6: submission.reader (the reading rules' number).
# 7: score_run.policy (the policy a run was scored by, so that a closed quarter keeps it).
# 8: score_run.registry (the registry a run was scored by, for the same reason).
SCHEMA_VERSION = 8

metadata = MetaData()

meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))

registry_village = Table(
    "registry_village",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("county", Text, nullable=False),
    Column("ord", Integer, nullable=False),
    Column("township", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("code", Text),
    UniqueConstraint("county", "township", "name"),
)

submission = Table(
    "submission",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("county", Text, nullable=False),
    Column("township", Text, nullable=False),
    Column("quarter", String(8), nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("archive_path", String(512), nullable=False),
    Column("imported_at", String(32), nullable=False),
    Column("imported_by", Text),
    Column("filler", Text),
    Column("phone", Text),
    Column("fill_date", Date),
    Column("n_cadres", Integer, nullable=False),
    Column("n_rows", Integer, nullable=False),
    Column("n_warnings", Integer, nullable=False),
    Column("reader", Integer),  # READING_RULES the facts were read by (schema 6; None: older)
    UniqueConstraint("county", "township", "quarter", "version"),
    Index("ix_submission_lookup", "county", "quarter", "is_current"),
    Index("ix_submission_sha", "county", "sha256"),
)


def _fact_table(name: str, *cols: Column) -> Table:
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("submission_id", Integer, ForeignKey("submission.id", ondelete="CASCADE"), nullable=False, index=True),
        *cols,
        Column("src_sheet", Text, nullable=False),
        Column("src_row", Integer, nullable=False),
    )


cadre = _fact_table(
    "cadre",
    Column("person_id", String(18), nullable=False),
    Column("name", Text, nullable=False),
    Column("village", Text, nullable=False),
    Column("position", Text, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("politics", Text),
    Column("education", Text),
    Column("phone", Text),
)
honour = _fact_table(
    "honour",
    Column("person_id", String(18), nullable=False),
    Column("name", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("level", String(16), nullable=False),
    Column("date", Date, nullable=False),
    Column("doc_no", Text),
)
system_score = _fact_table(
    "system_score",
    Column("person_id", String(18), nullable=False),
    Column("name", Text, nullable=False),
    Column("scores", Text, nullable=False),  # JSON: system name -> decimal string
)
deduction = _fact_table(
    "deduction",
    Column("person_id", String(18), nullable=False),
    Column("name", Text, nullable=False),
    Column("measure", String(16), nullable=False),
    Column("situation", Text),
    Column("outcome", Text),
    Column("date", Date, nullable=False),
    Column("doc_no", Text),
)
progress = _fact_table(
    "progress",
    Column("measure_id", String(8), nullable=False),
    Column("village", Text),
    Column("status", String(8), nullable=False),
    Column("value", Text),
    Column("note", Text),
)
economy = _fact_table(
    "economy",
    Column("village", Text, nullable=False),
    Column("last_year", Text, nullable=False),  # decimal text, 万元
    Column("this_year", Text, nullable=False),
)
issue = Table(
    "issue",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submission.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("code", String(64), nullable=False),
    Column("severity", String(8), nullable=False),
    Column("sheet", Text),
    Column("row", Integer),
    Column("column", String(8)),
    Column("header", Text),
    Column("value", Text),
    Column("message", Text, nullable=False),
    Column("hint", Text),
)
score_run = Table(
    "score_run",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("county", Text, nullable=False),
    Column("quarter", String(8), nullable=False),
    Column("policy_version", Text, nullable=False),
    Column("inputs_hash", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("missing", Text, nullable=False),  # JSON list of townships missing
    Column("result", Text, nullable=False),  # JSON document of runs stored before schema 4; '' since
    Column("result_gz", LargeBinary, nullable=True),  # the JSON document, UTF-8, zlib-compressed (schema 4)
    Column("policy", Text, nullable=True),  # the policy scored by, as JSON (schema 7; None before)
    Column("registry", Text, nullable=True),  # the registry scored by, as JSON (schema 8; None before)
    Index("ix_score_run", "county", "quarter"),
)
# The ranked list of a quarter's latest stored run, one row per cadre (schema 5), so that
# showing it again reads a page and a few sums instead of scoring a province anew.
score_cadre = Table(
    "score_cadre",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("score_run.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),  # place in the ranked list
    Column("person_id", String(18), nullable=False),
    Column("name", Text, nullable=False),
    Column("township", Text, nullable=False),
    Column("village", Text, nullable=False),
    Column("position", Text, nullable=False),
    Column("status", String(8), nullable=False),
    Column("stars", Integer),
    Column("composite", Text, nullable=False),  # decimal text
    Column("rank_county", Integer),
    Column("rank_township", Integer),
    Column("pay", Text, nullable=False),  # decimal text, yuan
    Column("bonus", Text, nullable=False),
    Column("change_kind", String(8)),
    Column("change_delta", Integer),
    Index("ix_score_cadre_run", "run_id", "seq"),
)
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # '' marks entries written before schema 2 that could not be attributed to one county.
    Column("county", Text, nullable=False, server_default=""),
    Column("at", String(32), nullable=False),
    Column("user", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", Text, nullable=False),
    Index("ix_audit_log_county", "county"),
)

FACT_TABLES = (cadre, honour, system_score, deduction, progress, economy)
_TABLES = {t.name: t for t in FACT_TABLES}
for _t in (*FACT_TABLES, issue):  # the rows built in the workers must fit the tables
    assert columns_match([col.name for col in _t.columns], _t.name), f"{_t.name}: columns differ from io.rows"


# --- errors ----------------------------------------------------------------------------
class DatabaseError(UsageError):
    """The database cannot be used as it is (address, connection, schema version).

    A UsageError, so the CLI shows the Chinese message (with its hint) and exits 2,
    without a traceback.
    """

    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None):
        if hint is not None:
            self.hint = hint
        super().__init__(message + (f"\n{self.hint}" if self.hint else ""))
        self.message = message  # the CLI shows it and the hint apart (JSON: "message", "hint")


class BadDatabaseUrl(DatabaseError):
    hint = DBM.ERR_BAD_URL_HINT


class DatabaseUnavailable(DatabaseError):
    hint = DBM.ERR_UNAVAILABLE_HINT


class DatabaseFileUnavailable(DatabaseError):
    hint = DBM.ERR_SQLITE_OPEN_HINT


class DatabaseMissing(DatabaseError):
    """A workspace's SQLite file that is not there."""

    hint = DBM.ERR_MISSING_HINT


class DatabaseReplaced(DatabaseError):
    """A workspace's SQLite file taken away while a command waited for it (see ERR_FILE_GONE)."""


class DatabaseEmpty(DatabaseError):
    """A workspace's database without tables: its data is gone."""

    hint = DBM.ERR_EMPTY_HINT


class ServerDatabaseEmpty(DatabaseError):
    """A workspace's database on a server without this tool's tables."""

    hint = DBM.ERR_EMPTY_SERVER_HINT


_READ_ONLY = "xx_read_only"  # execution option of a connection that only reads (see _on_begin)
# How long a command waits for another one's transaction on SQLite: every transaction is
# BEGIN IMMEDIATE, and an import holds one for its whole run (a province's 1,200 files take
# about 13 s on a 2-core laptop). Waiting longer ends in a message (cli/errors.py).
BUSY_TIMEOUT_S = 60
# PRAGMA integrity_check stops after this many problems: so many means "this many or more".
INTEGRITY_MAX = 100


class SchemaTooOld(DatabaseError):
    """A shared server at an older schema: its administrator runs ``xx db upgrade``."""


class SchemaTooNew(DatabaseError):
    """The database was upgraded by a newer ``xx``."""


# Up to the last @: a password may hold @ itself (p@ss written as is, not as p%40ss).
_PASSWORD_IN_URL = re.compile(r"(://[^:/@]*:).*@")
# The driver's own English notes (a query cancelled on Ctrl-C, review R127) are not the
# officer's: what happened is said in Chinese by the command.
logging.getLogger("psycopg").addHandler(logging.NullHandler())

# libpq takes a password as a parameter too: postgresql://xx@host/db?password=… (review R127)
_PASSWORD_PARAM = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)
# libpq's key=value form (host=… password=secret), which is no URL: its password masked too (R128)
_PASSWORD_KEYWORD = re.compile(r"(\b(?:password|passwd|pwd)\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s;]*)", re.IGNORECASE)


def safe_url(url: str | URL) -> str:
    """The address without its password (after the user name, or as a ?password= parameter),
    for messages."""
    text = url.render_as_string(hide_password=True) if isinstance(url, URL) else _PASSWORD_IN_URL.sub(r"\1***@", url)
    text = _PASSWORD_PARAM.sub(r"\1***", text)
    return text if "://" in text else _PASSWORD_KEYWORD.sub(r"\1***", text)


def without_password(url: str) -> str:
    """``url`` with its password left out (for xx.yaml); as it is when it cannot be read."""
    try:
        u = make_url(url)
    except (ArgumentError, ValueError):
        return url
    query = {k: v for k, v in u.query.items() if k.lower() != "password"}
    if not u.password and len(query) == len(u.query):
        return url
    bare = URL.create(u.drivername, u.username, None, u.host, u.port, u.database, query)
    return bare.render_as_string(hide_password=False)


def read_only(exc: BaseException) -> bool:
    """Whether ``exc`` is the database refusing a write because it is read-only: a read-only
    SQLite file or folder, a PostgreSQL server or role in read-only mode (SQLSTATE 25006)."""
    orig = getattr(exc, "orig", None) or exc
    if getattr(orig, "sqlstate", None) == "25006":
        return True
    return type(orig).__module__.startswith(("sqlite3", "_sqlite3")) and "readonly database" in str(orig)


def driver_reason(exc: BaseException, *, line_too: bool = True) -> str:
    """What the database driver said went wrong (its first line: refused, timeout, password
    failed, not a database), said in Chinese first when it is one of the usual ones, then the
    driver's own line for whoever runs the server (not ``line_too``: the Chinese alone, when
    there is one: an officer's own SQLite file has no administrator, review R137)."""
    orig = getattr(exc, "orig", None) or exc
    line = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    for pattern, said in _DRIVER_REASONS:
        found = pattern.search(line)
        if found:
            told = said.format(*found.groups())
            return DBM.DRIVER_REASON.format(said=told, driver=line) if line_too else told
    return line


_DRIVER_REASONS = [(re.compile(pattern, re.IGNORECASE), said) for pattern, said in DBM.DRIVER_REASONS]


# --- engines ---------------------------------------------------------------------------
def _sqlite_setup(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN; we take it over so that every
    # write transaction is BEGIN IMMEDIATE (writers serialise instead of failing late).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Reads (marked by Store._connect) take a plain BEGIN: under WAL they see one
        # snapshot without the write lock, so an import holding it for its whole run
        # blocks no `xx status` or `xx score`.
        if conn.get_execution_options().get(_READ_ONLY):
            conn.exec_driver_sql("BEGIN")
            return
        hook = waiting_hook  # (read once: another thread may clear it)
        if hook is None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        # The write lock tried at once first: held by another command, the officer is told
        # why nothing happens before the wait (up to BUSY_TIMEOUT_S) begins.
        dbapi = conn.connection.dbapi_connection
        dbapi.execute("PRAGMA busy_timeout=0")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as exc:
            if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
                raise
            hook()
            dbapi.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            dbapi.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")


# SQLAlchemy's pool logs a close cut short by Ctrl-C as a traceback on stderr (Python's
# last-resort handler): the command's own message says what happened (review R60).
logging.getLogger("sqlalchemy.pool").addHandler(logging.NullHandler())

# Called once when a write has to wait for another command's lock (the CLI says so); None: wait quietly.
waiting_hook: Callable[[], None] | None = None


def _read_only_folder_reader(database: str | None) -> Callable[[], sqlite3.Connection] | None:
    """How to open a SQLite file kept in a folder this process cannot write (a read-only
    share, a CD, a write-protected USB stick), None for any other: a WAL database needs its
    -shm beside it, which SQLite cannot make there, so the file would not open at all (review
    R108). Opened read-only; with no -wal or -shm beside it (no writer has it open) as
    immutable, which needs neither. Writes then fail as read-only, and scoring says so."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = Path(database)
    if not path.is_file() or os.access(path.parent, os.W_OK):
        return None
    live = any(path.with_name(path.name + end).exists() for end in ("-wal", "-shm"))
    uri = f"{path.resolve().as_uri()}?mode=ro{'' if live else '&immutable=1'}"
    return lambda: sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a bare ``postgresql://`` uses the psycopg (3) driver we ship."""
    try:
        u = make_url(url)
        if u.host and "@" in u.host:  # a password holding @ written as is: its tail would pass for the host
            raise ValueError(url)
        if u.get_backend_name() == "sqlite":
            reader = _read_only_folder_reader(u.database)
            engine = create_engine(u, **({"creator": reader} if reader else {"connect_args": {"timeout": BUSY_TIMEOUT_S}}))
            _sqlite_setup(engine)
            return engine
        if u.drivername in ("postgresql", "postgres"):
            u = u.set(drivername="postgresql+psycopg")
        if u.get_backend_name() != "postgresql":  # mysql://, mssql://: a driver we do not ship
            raise BadDatabaseUrl(DBM.ERR_BAD_URL.format(
                url=safe_url(url), reason=DBM.ERR_ENGINE_UNSUPPORTED.format(engine=u.get_backend_name())))
        connect_args: dict[str, Any] = {}
        if u.get_backend_name() == "postgresql":
            # A server that does not answer must not hang an officer's command; one whose line
            # went dead mid-command is found by TCP keepalives within about a minute (review R127).
            connect_args = {"connect_timeout": 15, "application_name": "xx", "keepalives": 1, "keepalives_idle": 30,
                            "keepalives_interval": 10, "keepalives_count": 3}

        return create_engine(u, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError, ValueError):
        # The parser's own words may quote the address, password included: never shown.
        # (libpq's key=value form is not an address SQLAlchemy takes: said so, review R130)
        reason = DBM.ERR_URL_KEYWORDS if "://" not in url and "=" in url else DBM.ERR_URL_FORM
        raise BadDatabaseUrl(DBM.ERR_BAD_URL.format(url=safe_url(url), reason=reason)) from None


def _lock_key(*parts: str) -> int:
    """A signed 64-bit key for pg_advisory_xact_lock, stable across processes."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _advisory_lock(c: Connection, *parts: str) -> None:
    """Serialise writers of one thing on PostgreSQL until the transaction ends.

    SQLite needs nothing here: every write transaction is BEGIN IMMEDIATE, which already
    admits one writer at a time. On PostgreSQL two imports of the same township would both
    read the same highest version under READ COMMITTED; the lock makes the second wait for
    the first to commit, and its next statement then sees the new version.
    """
    if c.dialect.name == "postgresql":
        key = _lock_key(*parts)
        hook = waiting_hook  # (read once: another thread may clear it)
        if hook is not None and not c.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key}).scalar():
            hook()  # a colleague's import holds it: said before the wait
        # Waited for as long as SQLite's busy timeout, then refused as busy (55P03), not
        # forever behind a colleague's stuck import.
        c.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_S}s'")
        c.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def _insert_rows(c: Connection, sid: int, batches: Iterable[tuple[Table, list[Row]]]) -> None:
    """INSERT each batch's rows (tuples in the table's column order after its generated id
    and its parent's id: ``submission_id``, or ``run_id``) under the parent ``sid``.

    The rows come ready-made from the worker processes (:mod:`xingxian_cli.io.rows`), so
    they go straight to the driver: on SQLite one ``executemany`` per table with the
    submission id in the statement; on PostgreSQL with psycopg 3 through COPY
    (``executemany`` sends one INSERT per row there).
    """
    batches = [(t, rows) for t, rows in batches if rows]
    if not batches:
        return
    dialect = c.dialect
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        with c.connection.dbapi_connection.cursor() as cur:  # type: ignore[union-attr]
            for table, rows in batches:
                with cur.copy(f"COPY {_insert_head(dialect, table)} FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row((sid, *r))
        return
    if dialect.name == "sqlite":
        cur = c.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            for table, rows in batches:
                # The id is an int from the database: safe to write into the statement, and
                # it spares building a new tuple per row.
                marks = ", ".join("?" * (len(table.columns) - 2))
                cur.executemany(f"INSERT INTO {_insert_head(dialect, table)} VALUES ({int(sid)}, {marks})", rows)
        finally:
            cur.close()
        return
    for table, rows in batches:
        names = [col.name for col in table.columns][1:]
        c.execute(insert(table), [dict(zip(names, (sid, *r), strict=True)) for r in rows])


@lru_cache(maxsize=64)
def _insert_head(dialect: Any, table: Table) -> str:
    """``"table" ("submission_id", …)``: the table and its columns but the generated id."""
    q = dialect.identifier_preparer
    return f"{q.format_table(table)} ({', '.join(q.quote(col.name) for col in list(table.columns)[1:])})"


def _read_version(c: Connection) -> int | None:
    if not inspect(c).has_table("meta"):
        return None
    v = c.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    return int(v) if v is not None else None


@dataclass
class SubmissionMeta:
    id: int
    township: str
    quarter: str
    version: int
    sha256: str
    file_name: str
    archive_path: str
    imported_at: str
    n_cadres: int
    n_rows: int
    n_warnings: int
    is_current: bool
    reader: int | None = None  # the reading rules it was read by (None: before schema 6)
    fill_date: date | None = None  # its 基本信息's 填报日期


@dataclass(frozen=True)
class Refusal:
    """A file ``xx import`` refused for a quarter (kept in the audit log)."""

    township: str | None  # as its 基本信息 names it (None: not readable)
    file_name: str
    sha256: str
    errors: int
    at: str  # ISO time, as SubmissionMeta.imported_at
    alongside: int | None = None  # the submission the same run made current for the township
    path: str | None = None  # where it was read from (None: refused by an older xx)
    first: str | None = None  # its first error, located (None: likewise)
    # the highest submission id stored when it was refused (None: refused by an older xx): a
    # version with a higher id came after it, whatever the clock's second says
    latest: int | None = None
    # the township the file is its own: its 基本信息's, or its name's when unreadable (None:
    # refused by an older xx); ``township`` may be the other one of a misnamed file
    own: str | None = None
    content: str | None = None  # its sheets' values' key (see FileResult.content; None: unread or older xx)
    # refused only for another file of its township in the same run: the officer's to choose
    # between, nothing for the township to mend (False: its own faults, or an older xx)
    choose: bool = False
    # its first error as the diagnostics model gives it (code, sheet, row, column, value, message,
    # hint …: review R140); None: refused by an older xx (``first`` has its text)
    first_problem: dict[str, Any] | None = None

    def before(self, now: SubmissionMeta) -> bool:
        """Whether this refusal came before version ``now`` was stored: by the submission ids
        then stored; for one recorded by an older xx, by the clock (to the second: one in the
        same second may have come after it, and is still news, review R52)."""
        return self.latest < now.id if self.latest is not None else self.at < now.imported_at


REFUSED_ACTION = "import-refused"
MOVE_ACTION = "db-move"  # a county's history copied in by xx db move


class RunBasis(NamedTuple):
    """What a quarter's last stored run was scored by (see :meth:`Store.run_policy`)."""

    policy: str | None  # JSON; None: stored before schema 7
    version: str
    closed: bool  # some run of the quarter was stored with every township sent
    registry: str | None = None  # JSON; None: stored before schema 8


@dataclass
class StoredPage:
    """A page of a stored ranked list (:meth:`Store.ranked_page`)."""

    policy_version: str
    missing: list[str]
    groups: list[tuple[str, int | None, str, str, int]]  # (status, stars, pay, bonus, cadres) over the whole list
    rows: list[tuple[Any, ...]]  # rank_county, rank_township, township, village, name, position, status, stars,
    # composite, pay, bonus, change_kind, change_delta, person_id; in ranked order
    kinds: dict[str, int] = field(default_factory=dict)  # change_kind -> cadres, over the whole list


@dataclass
class QuarterFacts:
    """Everything scoring needs for one quarter, with sources."""

    submissions: list[SubmissionMeta] = field(default_factory=list)
    cadres: list[Cadre] = field(default_factory=list)
    scores: dict[str, SystemScores] = field(default_factory=dict)
    honours: list[Honour] = field(default_factory=list)  # history up to this quarter
    deductions: list[Deduction] = field(default_factory=list)  # history up to this quarter
    progress: dict[str, list[ProgressStatus]] = field(default_factory=dict)  # township -> its rows' statuses
    economy: dict[tuple[str, str], Economy] = field(default_factory=dict)
    warnings: list[tuple[str, Diagnostic]] = field(default_factory=list)  # (township, diag)
    history: list[SubmissionMeta] = field(default_factory=list)  # current submissions up to this quarter



def _source_name(m: SubmissionMeta) -> str:
    """A stored file as its facts' sources name it: with its township and quarter when its
    name does not say them (报送表.xlsx each quarter, from several townships), and with its
    version once it has several (a corrected file often keeps its name:
    蔚汾镇_2022Q3.xlsx（第2版） › 降星事项 › 第11行)."""
    name = m.file_name
    if m.township not in name or m.quarter not in name.upper():
        name = places.UNPLACED_FILE.format(file=name, township=m.township, quarter=m.quarter)
    return name if m.version == 1 else places.VERSIONED_FILE.format(file=name, version=m.version)


def _ranked_groups(c: Connection, *where: Any) -> list[tuple[Any, ...]]:
    """A stored ranked list's (status, stars, pay, bonus, cadres) groups: its counts and sums."""
    k = score_cadre.c
    return [tuple(g) for g in c.execute(select(k.status, k.stars, k.pay, k.bonus, func.count())
                                        .where(*where).group_by(k.status, k.stars, k.pay, k.bonus))]


def _driver_rows(c: Connection, stmt: Any) -> list[tuple[Any, ...]]:
    """Every row of ``stmt`` as the driver's plain tuples, in ``c``'s transaction.

    A province's facts are a million rows: SQLAlchemy's Row objects and result processing
    cost half as much again as the driver's own fetch. Columns come as the driver gives
    them (SQLite: a date is its ISO text). A driver error is raised as SQLAlchemy's.
    """
    compiled = stmt.compile(dialect=c.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    args = [params[k] for k in compiled.positiontup] if compiled.positiontup is not None else params
    dbapi_error = c.dialect.loaded_dbapi.Error
    cursor = c.connection.cursor()
    try:
        cursor.execute(compiled.string, args)
        return cursor.fetchall()  # type: ignore[no-any-return]
    except dbapi_error as exc:
        raise DBAPIError.instance(compiled.string, args, exc, dbapi_error) from exc
    finally:
        cursor.close()


@dataclass
class StoredState:
    """See :meth:`Store.stored_state`."""

    integrity: list[str]  # the engine's integrity check's findings (SQLite); empty: sound
    orphans: dict[str, int]  # table -> rows whose submission is gone
    current: list[tuple[str, str, int]]  # (township, quarter, current versions): one each when sound
    archives: list[tuple[str, str, str, str]]  # (file name, sha256, archive path, imported by) per submission


class Store:
    """Repository over the workspace database; one instance per command."""

    def __init__(self, url: str, county: str):
        self.url = url
        self.county = county
        self.engine = make_engine(url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def safe_url(self) -> str:
        """The database as messages name it: a SQLite file by its path as written (the URL
        would show a Chinese folder percent-encoded), a server by its address without the
        password."""
        if self.dialect == "sqlite" and self.engine.url.database:
            return self.engine.url.database
        return safe_url(self.engine.url.set(drivername=self.engine.url.get_backend_name()))  # postgresql://, as typed

    @contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[Connection]:
        """A connection (for reads, unless ``write``); a server that cannot be reached
        becomes DatabaseUnavailable."""
        try:
            c = self.engine.connect()
        except OperationalError as exc:
            if self.dialect == "sqlite" and "database is locked" in str(exc):
                raise  # another program holds the file after the wait: said as busy, not as a folder to check
            if self.dialect == "sqlite":  # a file: no server to start, a folder to check
                raise DatabaseFileUnavailable(DBM.ERR_SQLITE_OPEN.format(
                    path=self.engine.url.database, reason=driver_reason(exc, line_too=False))) from None
            raise DatabaseUnavailable(DBM.ERR_UNAVAILABLE.format(url=self.safe_url, reason=driver_reason(exc))) from None
        with c:
            if not write:
                c.execution_options(**{_READ_ONLY: True})
            try:
                yield c
            except OperationalError as exc:
                if self.dialect == "sqlite" and "no such table" in str(exc):
                    # the file was taken away while this command waited for it (xx db move, a
                    # restore): SQLite opened a new, empty one (review R87: an internal error)
                    raise DatabaseReplaced(DBM.ERR_FILE_GONE.format(path=self.engine.url.database)) from None
                raise

    def holds_county(self) -> bool:
        """Whether this database holds anything of this county: a registry, a submission, a
        score run, an audit entry or its recorded name."""
        with self._connect() as c:
            for t in (registry_village, submission, score_run, audit_log):
                if c.execute(select(t.c.id).where(t.c.county == self.county).limit(1)).first() is not None:
                    return True
            return c.execute(select(meta.c.key).where(meta.c.key == self._county_key)).first() is not None

    def version_keys(self) -> set[tuple[str, str, int, str]]:
        """(township, quarter, version, sha256) of every submission of this county: what two
        databases holding the same county's history agree on, whatever their ids."""
        s = submission.c
        with self._connect() as c:
            return {(str(t), str(q), int(v), str(h)) for t, q, v, h in
                    c.execute(select(s.township, s.quarter, s.version, s.sha256).where(s.county == self.county))}

    def moved_in(self) -> bool:
        """Whether this county's data came here by ``xx db move`` (its audit entry)."""
        with self._connect() as c:
            return c.execute(select(audit_log.c.id).where(audit_log.c.county == self.county,
                                                          audit_log.c.action == MOVE_ACTION).limit(1)).first() is not None

    def copy_county_into(self, target: Store, before_commit: Callable[[], None] | None = None,
                         note: dict[str, Any] | None = None) -> dict[str, int]:
        """Copy every row of this county into ``target`` (this schema version, holding nothing
        of the county), read in one view and written in one transaction: all or nothing. Rows
        get the target's own ids, in the order they had here (facts are read back in id
        order), and what refers to them follows: facts and problems their submission, ranked
        cadres their run, a refusal noted in the audit log the versions it was made beside.
        ``before_commit`` runs last inside the transaction: what it raises undoes the copy.
        ``note``: the move's own audit entry (MOVE_ACTION), written in the same transaction.
        Returns the rows copied per table."""
        county, counts = self.county, {}
        chunk = 5000

        def plain(row: Any, *drop: str) -> dict[str, Any]:
            d = dict(row._mapping)
            for k in ("id", *drop):
                d.pop(k, None)
            return d

        with self._snapshot() as src, target._begin() as dst:
            name = src.execute(select(meta.c.value).where(meta.c.key == self._county_key)).scalar()
            if name is not None:
                dst.execute(insert(meta), [{"key": target._county_key, "value": name}])
            villages = [plain(r) for r in src.execute(select(registry_village).where(registry_village.c.county == county)
                                                      .order_by(registry_village.c.id))]
            if villages:
                dst.execute(insert(registry_village), villages)
            counts["registry_village"] = len(villages)
            ids: dict[int, int] = {}
            for r in src.execute(select(submission).where(submission.c.county == county).order_by(submission.c.id)).all():
                ids[r.id] = dst.execute(insert(submission), plain(r)).inserted_primary_key[0]
            counts["submission"] = len(ids)
            mine = select(submission.c.id).where(submission.c.county == county)
            for t in (*FACT_TABLES, issue):
                n = 0
                result = src.execute(select(t).where(t.c.submission_id.in_(mine)).order_by(t.c.id))
                while rows := result.fetchmany(chunk):
                    dst.execute(insert(t), [{**plain(r), "submission_id": ids[r.submission_id]} for r in rows])
                    n += len(rows)
                counts[t.name] = n
            runs: dict[int, int] = {}
            for r in src.execute(select(score_run).where(score_run.c.county == county).order_by(score_run.c.id)).all():
                runs[r.id] = dst.execute(insert(score_run), plain(r)).inserted_primary_key[0]
            counts["score_run"] = len(runs)
            n = 0
            result = src.execute(select(score_cadre).where(score_cadre.c.run_id.in_(
                select(score_run.c.id).where(score_run.c.county == county))).order_by(score_cadre.c.id))
            while rows := result.fetchmany(chunk):
                dst.execute(insert(score_cadre), [{**plain(r), "run_id": runs[r.run_id]} for r in rows])
                n += len(rows)
            counts["score_cadre"] = n
            entries = [plain(r) for r in src.execute(select(audit_log).where(audit_log.c.county == county)
                                                     .order_by(audit_log.c.id))]
            for e in entries:
                if e["action"] == REFUSED_ACTION:
                    e["detail"] = _refusal_with_ids(e["detail"], ids)
            if entries:
                dst.execute(insert(audit_log), entries)
            counts["audit_log"] = len(entries)
            if note is not None:
                dst.execute(insert(audit_log), [target._audit_entry(MOVE_ACTION, {**note, **counts})])
            if before_commit is not None:
                before_commit()
        return counts

    def stored_state(self) -> StoredState:
        """What ``xx verify`` checks the store by, read in one view: the engine's own
        integrity check, rows whose submission is gone, current versions per township and
        quarter, and the archived original each submission names."""
        with self._snapshot() as c:
            integrity: list[str] = []
            if c.dialect.name == "sqlite":
                found = c.exec_driver_sql(f"PRAGMA integrity_check({INTEGRITY_MAX})").scalars().all()
                integrity = [] if found == ["ok"] else [str(r) for r in found]
            orphans: dict[str, int] = {}
            for t in (*FACT_TABLES, issue):
                n = c.execute(select(func.count()).select_from(t.outerjoin(submission, submission.c.id == t.c.submission_id))
                              .where(submission.c.id.is_(None))).scalar() or 0
                if n:
                    orphans[t.name] = int(n)
            current_flag = case((submission.c.is_current, 1), else_=0)
            current = [(str(t), str(q), int(n or 0)) for t, q, n in c.execute(
                select(submission.c.township, submission.c.quarter, func.sum(current_flag))
                .where(submission.c.county == self.county).group_by(submission.c.township, submission.c.quarter))]
            archives = [tuple(r) for r in c.execute(
                select(submission.c.file_name, submission.c.sha256, submission.c.archive_path, submission.c.imported_by)
                .where(submission.c.county == self.county))]
        return StoredState(integrity, orphans, current, archives)  # type: ignore[arg-type]

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE on SQLite), committed on success."""
        with self._connect(write=True) as c, c.begin():
            yield c

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """One consistent read view for several SELECTs.

        PostgreSQL's default READ COMMITTED takes a new snapshot per statement, so a score
        running while an import commits could mix versions; REPEATABLE READ keeps the first
        statement's snapshot. On SQLite (WAL) a read transaction keeps the snapshot of its
        first read, while writers go on.
        """
        with self._connect() as c:
            if c.dialect.name == "postgresql":
                c.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with c.begin():
                yield c

    # --- schema -------------------------------------------------------------------
    def schema_version(self) -> int | None:
        """``meta.schema_version``; None for an empty database."""
        with self._connect() as c:
            return _read_version(c)

    def create_schema(self) -> None:
        """Make the database ready for this code; every command calls this first.

        Empty: every table is created at the current schema (the Alembic revisions run).
        Older, SQLite: upgraded in place, after a copy of the file is kept beside it. A
        SQLite store belongs to this one workspace, so nobody else can still be running an
        older ``xx`` on it, and an officer should not need a second command after updating.
        Older, PostgreSQL: refused (SchemaTooOld). A shared server is upgraded on purpose by
        its administrator with ``xx db upgrade``: other counties may still run the older
        tool, the officer's role may lack DDL rights, and a pg_dump should come first.
        Newer than this code: refused (SchemaTooNew), whatever the engine.
        """
        found = self.schema_version()
        if found == SCHEMA_VERSION:
            return
        if found is not None and found > SCHEMA_VERSION:
            raise SchemaTooNew(DBM.ERR_TOO_NEW.format(url=self.safe_url, found=found, expected=SCHEMA_VERSION))
        if found is not None and self.dialect != "sqlite":
            raise SchemaTooOld(DBM.ERR_TOO_OLD.format(url=self.safe_url, found=found, expected=SCHEMA_VERSION))
        self.upgrade()

    def upgrade(self) -> tuple[int | None, int, Path | None]:
        """Bring the schema to SCHEMA_VERSION: (version found, version now, SQLite copy kept).

        One transaction holding the schema lock (BEGIN IMMEDIATE on SQLite, an advisory
        lock on PostgreSQL, whose DDL is transactional): a failure changes nothing, and two
        processes upgrading at once do it once.
        """
        from xingxian_cli.io import migrations

        found = self.schema_version()
        if found is not None and found > SCHEMA_VERSION:
            raise SchemaTooNew(DBM.ERR_TOO_NEW.format(url=self.safe_url, found=found, expected=SCHEMA_VERSION))
        kept = self._keep_sqlite_copy(found) if found is not None and found < SCHEMA_VERSION else None
        with self._begin() as c:
            _advisory_lock(c, "xx-schema")
            found = _read_version(c)  # another process may have done it meanwhile
            if found is None or found < SCHEMA_VERSION:
                # An empty database goes through the same revisions as an old one, so a
                # new and an upgraded database cannot differ.
                migrations.upgrade(c, found)
        return found, SCHEMA_VERSION, kept

    def _keep_sqlite_copy(self, found: int) -> Path | None:
        """Copy a SQLite file before upgrading it (online backup: consistent under WAL)."""
        db = self.engine.url.database
        if self.dialect != "sqlite" or not db or db == ":memory:":
            return None
        path = Path(db)
        target = path.with_name(f"{path.name}.schema{found}.bak")
        sqlite_snapshot(path, target)
        return target

    def counts(self) -> tuple[int, int]:
        """(submission versions, score runs) of this county."""
        with self._connect() as c:
            subs = c.execute(select(func.count()).select_from(submission)
                             .where(submission.c.county == self.county)).scalar() or 0
            runs = c.execute(select(func.count()).select_from(score_run)
                             .where(score_run.c.county == self.county)).scalar() or 0
        return subs, runs

    def county_name(self) -> str | None:
        """The county name recorded for this county code (see record_county_name); None when
        none is."""
        with self._connect() as c:
            return c.execute(select(meta.c.value).where(meta.c.key == self._county_key)).scalar()

    def county_names(self) -> dict[str, str]:
        """The county name recorded per county code, every county's."""
        prefix = "county_name:"
        with self._connect() as c:
            rows = c.execute(select(meta.c.key, meta.c.value).where(meta.c.key.like(prefix + "%"))).all()
        return {k[len(prefix):]: v for k, v in rows}

    def has_submissions(self) -> bool:
        """Whether any file was imported under this county's code."""
        with self._connect() as c:
            return c.execute(select(submission.c.id).where(submission.c.county == self.county).limit(1)).first() is not None

    def archive_paths(self) -> set[str]:
        """The archived originals this county's submissions refer to (paths in the workspace)."""
        with self._connect() as c:
            return {r[0] for r in c.execute(select(submission.c.archive_path).where(submission.c.county == self.county))
                    if r[0]}

    def record_county_name(self, name: str) -> None:
        """Record the county name this county code's data belongs to: on a shared server, a
        second county under the same code (or a code mistyped into another county's) is then
        told apart by its name."""
        with self._begin() as c:
            c.execute(meta.delete().where(meta.c.key == self._county_key))
            c.execute(insert(meta), [{"key": self._county_key, "value": name}])

    @property
    def _county_key(self) -> str:
        return f"county_name:{self.county}"[:64]

    def other_counties(self) -> list[str]:
        """The county codes other than this one that have a registry or submissions here."""
        with self._connect() as c:
            found = {r[0] for r in c.execute(select(registry_village.c.county).distinct()
                                              .where(registry_village.c.county != self.county))}
            found |= {r[0] for r in c.execute(select(submission.c.county).distinct()
                                               .where(submission.c.county != self.county))}
        return sorted(found)

    def close(self) -> None:
        self.engine.dispose()

    # --- registry -----------------------------------------------------------------
    def replace_registry(self, reg: Registry) -> None:
        with self._begin() as c:
            c.execute(registry_village.delete().where(registry_village.c.county == self.county))
            c.execute(
                insert(registry_village),
                [
                    {"county": self.county, "ord": i, "township": v.township, "name": v.name, "kind": v.kind, "code": v.code}
                    for i, v in enumerate(reg.villages)
                ],
            )

    def version_with_facts(self, rows: SubmissionRows) -> tuple[int, bool] | None:
        """``(version, is current)`` of the stored version of ``rows``' township and quarter
        that holds exactly ``rows`` (its header and every fact row: other bytes, the same
        file's data), the current one first; None when none does."""
        with self._connect() as c:
            found = _version_with_facts(c, self.county, rows)
        return None if found is None else (found[1], found[2])

    def same_facts(self, sid: int, rows: SubmissionRows) -> bool:
        """Whether stored submission ``sid`` holds exactly ``rows`` (what an import of the same
        bytes read by newer rules would find: see ImportSession.stage)."""
        with self._connect() as c:
            return _same_facts(c, sid, rows)

    def places_with_data(self, leave_out: Collection[str] = ()) -> dict[str, tuple[list[str], set[str]]]:
        """Per township with a current submission (of a quarter not in ``leave_out``): its
        quarters, and the villages its current rosters name (what a new registry must still hold)."""
        s, k = submission.c, cadre.c
        out: dict[str, tuple[list[str], set[str]]] = {}
        which = [s.county == self.county, s.is_current.is_(True), *([s.quarter.not_in(list(leave_out))] if leave_out else [])]
        with self._snapshot() as c:
            # sorted here, not by the server's collation (see _meta_rows: review R67)
            for township, quarter in sorted(c.execute(select(s.township, s.quarter).where(*which)).all()):
                out.setdefault(township, ([], set()))[0].append(quarter)
            for township, village in c.execute(select(s.township, k.village).distinct().join(
                    submission, k.submission_id == s.id).where(*which)):
                out.setdefault(township, ([], set()))[1].add(village)
        return out

    def registry(self) -> Registry | None:
        with self._connect() as c:
            rows = c.execute(
                select(registry_village.c.township, registry_village.c.name, registry_village.c.kind, registry_village.c.code)
                .where(registry_village.c.county == self.county)
                .order_by(registry_village.c.ord)
            ).all()
        return Registry(tuple(Village(*r) for r in rows)) if rows else None

    # --- submissions --------------------------------------------------------------
    def _meta_rows(self, c: Connection, *conds: Any) -> list[SubmissionMeta]:
        s = submission.c
        rows = c.execute(
            select(s.id, s.township, s.quarter, s.version, s.sha256, s.file_name, s.archive_path, s.imported_at,
                   s.n_cadres, s.n_rows, s.n_warnings, s.is_current, s.reader, s.fill_date)
            .where(s.county == self.county, *conds)
        ).all()
        # Sorted here, not in SQL: a server's collation (zh_CN, en_US …) orders Chinese names
        # differently from SQLite's code-point order, and output must not depend on the engine.
        return sorted((SubmissionMeta(*r) for r in rows), key=lambda m: (m.quarter, m.township, m.version))

    def _ids(self, *conds: Any) -> Any:
        """The ids of this county's submissions meeting ``conds`` (as for :meth:`_meta_rows`),
        as a subquery."""
        return select(submission.c.id).where(submission.c.county == self.county, *conds)

    def current_submissions(self, quarter: str) -> list[SubmissionMeta]:
        with self._connect() as c:
            return self._meta_rows(c, submission.c.quarter == quarter, submission.c.is_current.is_(True))

    def progress_rows(self, submission_id: int) -> list[tuple[str, str | None, str, str, int]]:
        """A submission's 任务进度 rows in sheet order: (measure, village, status, sheet, row)."""
        p = progress.c
        with self._connect() as c:
            return [tuple(r) for r in c.execute(  # type: ignore[misc]
                select(p.measure_id, p.village, p.status, p.src_sheet, p.src_row)
                .where(p.submission_id == submission_id).order_by(p.id))]

    def versions_of(self, quarter: str, township: str) -> list[tuple[SubmissionMeta, dict[str, Any]]]:
        """Every version of ``township``'s file for ``quarter``, oldest first, each with who
        imported it and what its 基本信息 says (imported_by, filler, phone)."""
        s = submission.c
        with self._connect() as c:
            metas = self._meta_rows(c, s.quarter == quarter, s.township == township)
            who = {r.id: dict(r._mapping) for r in c.execute(
                select(s.id, s.imported_by, s.filler, s.phone).where(s.id.in_([m.id for m in metas])))}
        return [(m, {k: v for k, v in who.get(m.id, {}).items() if k != "id"}) for m in metas]

    def fact_rows(self, sid: int) -> dict[str, list[dict[str, Any]]]:
        """Submission ``sid``'s fact rows by table name (cadre, honour, …), each as its columns
        (``src_sheet`` and ``src_row`` too), in the order they were stored."""
        with self._connect() as c:
            return {t.name: [{k: v for k, v in r._mapping.items() if k not in ("id", "submission_id")}
                             for r in c.execute(select(t).where(t.c.submission_id == sid).order_by(t.c.id))]
                    for t in FACT_TABLES}

    def history(self, quarter: str) -> list[SubmissionMeta]:
        with self._connect() as c:
            return self._meta_rows(c, submission.c.quarter == quarter)

    def people_in_quarter(self, quarter: str) -> dict[str, tuple[str, str]]:
        """person_id -> (township, file) over the quarter's current submissions."""
        with self._connect() as c:
            return self._people(c, quarter)

    def earlier_facts(self, quarter: str) -> tuple[list[tuple[str, str, str | None, date, str | None, str, str]],
                                                   list[tuple[str, date | None, str, str, str, str, str]]]:
        """What the current submissions before ``quarter`` say, for the checks of a new file
        against them (:func:`domain.intake.against_earlier`): every deduction as (person ID,
        措施, 处理结果, 发生日期, 文号, quarter, file as sources name it), and every roster row
        as (person ID, 任职起始日期, 职务, quarter, file, township, village), oldest quarter first."""
        def day(v: Any) -> date | None:
            return date.fromisoformat(v) if type(v) is str else v

        with self._connect() as c:
            earlier = (submission.c.quarter < quarter, submission.c.is_current.is_(True))
            metas = {m.id: m for m in self._meta_rows(c, *earlier)}
            if not metas:
                return [], []
            ids = self._ids(*earlier)
            d, k = deduction.c, cadre.c
            deductions = _driver_rows(c, select(d.submission_id, d.person_id, d.measure, d.outcome, d.date, d.doc_no)
                                      .where(d.submission_id.in_(ids)).order_by(d.id))
            roster = _driver_rows(c, select(k.submission_id, k.person_id, k.start_date, k.position, k.village)
                                  .where(k.submission_id.in_(ids)).order_by(k.id))
        names = {sid: (m.quarter, _source_name(m)) for sid, m in metas.items()}
        return ([(pid, measure, outcome, day(when), doc, *names[sid])
                 for sid, pid, measure, outcome, when, doc in deductions],
                sorted(((pid, day(start), position, *names[sid], metas[sid].township, village)
                        for sid, pid, start, position, village in roster), key=itemgetter(3)))

    def current_hashes(self, *, other_than: str) -> set[str]:
        """The SHA-256 of every current submission of this county in quarters other than ``other_than``."""
        s = submission.c
        with self._connect() as c:
            return set(c.execute(select(s.sha256).where(s.county == self.county, s.is_current.is_(True),
                                                        s.quarter != other_than)).scalars())

    def archive_in_use(self, archive_path: str) -> bool:
        """Whether any submission of this county keeps its original at ``archive_path``."""
        s = submission.c
        with self._connect() as c:
            return c.execute(select(s.id).where(s.county == self.county, s.archive_path == archive_path)
                             .limit(1)).first() is not None

    def _people(self, c: Connection, quarter: str) -> dict[str, tuple[str, str]]:
        s = submission.c
        rows = c.execute(
            select(cadre.c.person_id, s.township, s.file_name)
            .join(submission, submission.c.id == cadre.c.submission_id)
            .where(s.county == self.county, s.quarter == quarter, s.is_current.is_(True))
        ).all()
        return {pid: (t, f) for pid, t, f in rows}

    @contextmanager
    def import_session(self) -> Iterator[ImportSession]:
        """One write transaction for an import run: files are staged as their checks finish
        and become current together at commit; nothing of a failed or killed run remains."""
        with self._begin() as c:
            # One import of a county at a time (SQLite's write lock already does this): two
            # runs staging shared townships in different orders would otherwise deadlock on
            # their township locks, and the people read for the checks across files could
            # change under a run.
            _advisory_lock(c, "xx-import", self.county)
            yield ImportSession(self, c)

    def add_submission(
        self,
        sub: Submission,
        *,
        sha256: str,
        file_name: str,
        archive_path: str,
        warnings: Sequence[Diagnostic],
    ) -> tuple[int, int]:
        """Store one validated submission as the township's new current version.

        One transaction: either every row lands or none. Returns (submission id, version).
        """
        with self.import_session() as session:
            staged = session.stage(submission_rows(sub), sha256=sha256, file_name=file_name,
                                   archive=lambda: archive_path, warnings=warnings, skip_identical=False)
            assert staged.sid is not None
            session.publish([staged.sid])
        return staged.sid, staged.version

    # --- reading facts ------------------------------------------------------------
    def latest_roster(self, township: str, before: str) -> tuple[str | None, list[Cadre]]:
        """(quarter, roster) of the township's most recent current submission before ``before``."""
        s = submission.c
        with self._connect() as c:
            found = c.execute(
                select(s.id, s.quarter).where(s.county == self.county, s.township == township, s.quarter < before,
                                              s.is_current.is_(True)).order_by(s.quarter.desc()).limit(1)
            ).first()
            if found is None:
                return None, []
            sid, quarter = found
            rows = c.execute(select(cadre).where(cadre.c.submission_id == sid).order_by(cadre.c.id)).mappings().all()
        return quarter, [Cadre(r["person_id"], r["name"], township, r["village"], r["position"], r["start_date"],
                               r["politics"], r["education"], r["phone"]) for r in rows]

    def system_scores_of(self, quarter: str, person_id: str) -> dict[str, str] | None:
        """One cadre's six-system scores (system -> the score as stored) in the current
        submissions of ``quarter``, for an explanation; None when there is no such row."""
        with self._connect() as c:
            ids = self._ids(submission.c.quarter == quarter, submission.c.is_current.is_(True))
            text = c.execute(select(system_score.c.scores).where(system_score.c.submission_id.in_(ids),
                                                                 system_score.c.person_id == person_id)
                             .order_by(system_score.c.id).limit(1)).scalar()
        return json.loads(text) if text is not None else None

    def quarter_facts(self, quarter: str) -> QuarterFacts:
        """Current submissions of ``quarter`` plus honour/deduction history up to it."""
        facts = QuarterFacts()
        with self._snapshot() as c:
            current = (submission.c.quarter == quarter, submission.c.is_current.is_(True))
            facts.submissions = self._meta_rows(c, *current)
            by_id = {m.id: m for m in facts.submissions}
            # A township that submitted has a progress entry even when its sheet was empty:
            # ranking tells "submitted, nothing done" from "not submitted" by the key.
            facts.progress = {m.township: [] for m in facts.submissions}
            if by_id:
                # The submissions as a subquery, not a list of ids: a province's 1,200 ids pass
                # the 999 parameters of SQLite's older builds.
                ids = self._ids(*current)

                def rows(t: Table, *names: str) -> list[Any]:
                    cols = [t.c.submission_id, *(t.c[n] for n in names), t.c.src_sheet, t.c.src_row]
                    return _driver_rows(c, select(*cols).where(t.c.submission_id.in_(ids)).order_by(t.c.id))

                where = {m.id: (_source_name(m), m.township) for m in facts.submissions}
                cadres = facts.cadres
                for sid, pid, name, village, position, start, politics, education, phone, sheet, row in rows(
                        cadre, "person_id", "name", "village", "position", "start_date", "politics", "education",
                        "phone"):
                    file, township = where[sid]
                    if type(start) is str:  # SQLite's driver gives the stored text
                        start = date.fromisoformat(start)
                    cadres.append(Cadre(pid, name, township, village, position, start, politics, education, phone,
                                        Source(file, sheet, row)))
                score_rows = rows(system_score, "person_id", "name", "scores")
                # One JSON document for every row's scores, and each distinct score text
                # made a Decimal once (they repeat: a province has a few hundred).
                decoded = json.loads("[" + ",".join(r[3] for r in score_rows) + "]")
                number: dict[str, Decimal] = {}
                for (sid, pid, name, _text, sheet, row), raw in zip(score_rows, decoded, strict=True):
                    sc = {k: number[v] if v in number else number.setdefault(v, Decimal(v)) for k, v in raw.items()}
                    facts.scores[pid] = SystemScores(pid, name, sc, Source(where[sid][0], sheet, row))
                # Completion reads a progress row's measure, village and status only: the
                # driver's tuples, grouped by submission in C (600,000 rows for a province).
                p = progress.c
                statuses = _driver_rows(c, select(p.submission_id, p.measure_id, p.village, p.status)
                                        .where(p.submission_id.in_(ids)).order_by(p.submission_id, p.id))
                for sid, group in groupby(statuses, itemgetter(0)):
                    facts.progress[by_id[sid].township] = list(map(itemgetter(1, 2, 3), group))
                for sid, village, last, this, sheet, row in rows(economy, "village", "last_year", "this_year"):
                    file, township = where[sid]
                    facts.economy[(township, village)] = Economy(village, Decimal(last), Decimal(this),
                                                                 Source(file, sheet, row))
                for r in c.execute(select(issue).where(issue.c.submission_id.in_(ids)).order_by(issue.c.id)).mappings():
                    m = by_id[r["submission_id"]]
                    facts.warnings.append((m.township, Diagnostic(
                        code=r["code"], severity=r["severity"], file=_source_name(m), sheet=r["sheet"], row=r["row"],
                        column=r["column"], header=r["header"], value=r["value"], message=r["message"], hint=r["hint"] or "")))
            # History: honours and deductions from every current submission up to this quarter.
            up_to = (submission.c.quarter <= quarter, submission.c.is_current.is_(True))
            facts.history = self._meta_rows(c, *up_to)
            hist = {m.id: m for m in facts.history}
            if hist:
                hids = self._ids(*up_to)
                # Earliest quarter first, so deduplication keeps the first report's source.
                def first(t: Table) -> list[Any]:
                    rows = c.execute(select(t).where(t.c.submission_id.in_(hids))).mappings().all()
                    return sorted(rows, key=lambda r: (hist[r["submission_id"]].quarter, r["id"]))

                for r in first(honour):
                    m = hist[r["submission_id"]]
                    facts.honours.append(Honour(r["person_id"], r["name"], r["title"], r["level"], r["date"], r["doc_no"],
                                                Source(_source_name(m), r["src_sheet"], r["src_row"], m.id)))
                for r in first(deduction):
                    m = hist[r["submission_id"]]
                    facts.deductions.append(Deduction(r["person_id"], r["name"], r["measure"], r["situation"], r["outcome"],
                                                      r["date"], r["doc_no"], Source(_source_name(m), r["src_sheet"], r["src_row"], m.id)))
        return facts

    # --- score runs ---------------------------------------------------------------
    def save_score_run(self, quarter: str, policy_version: str, inputs_hash: str, missing: Iterable[str],
                       result: dict[str, Any], ranked: Sequence[Row] = (), policy: str | None = None,
                       registry: str | None = None) -> None:
        """Store a run: its result document, ``ranked`` (tuples in ``score_cadre``'s column
        order after ``run_id``) as the quarter's ranked list, replacing the last run's, and
        ``policy`` and ``registry``, what it was scored by as JSON (see :meth:`run_policy`)."""
        from concurrent.futures import ThreadPoolExecutor

        # The fastest zlib level: a province's 170 MB of JSON becomes 17 MB in 0.7 s, and
        # writing it costs a tenth of writing the text. zlib lets go of the interpreter while
        # it works, so the document is packed beside the ranked rows' insert (issue 7) and
        # set on the run, in the same transaction, once both are done.
        with ThreadPoolExecutor(1) as pool:
            packing = pool.submit(zlib.compress, json_bytes(result), 1)
            with self._begin() as c:
                # One save of a quarter at a time (SQLite's write lock already does this), so
                # that each sees the last one's list to delete.
                _advisory_lock(c, "xx-score", self.county, quarter)
                r = score_run.c
                older = select(r.id).where(r.county == self.county, r.quarter == quarter)
                c.execute(score_cadre.delete().where(score_cadre.c.run_id.in_(older)))
                run_id = c.execute(insert(score_run).values(
                    county=self.county, quarter=quarter, policy_version=policy_version, inputs_hash=inputs_hash,
                    created_at=datetime.now().isoformat(timespec="seconds"),
                    missing=json.dumps(list(missing), ensure_ascii=False),
                    result="", result_gz=None, policy=policy, registry=registry)).inserted_primary_key[0]
                _insert_rows(c, run_id, [(score_cadre, list(ranked))])
                c.execute(score_run.update().where(r.id == run_id).values(result_gz=packing.result()))

    def _latest_run(self, c: Connection, quarter: str, *cols: Any) -> Any:
        """``cols`` of the quarter's last stored run (a Row), or None."""
        r = score_run.c
        return c.execute(select(*cols).where(r.county == self.county, r.quarter == quarter)
                         .order_by(r.id.desc()).limit(1)).first()

    def run_policy(self, quarter: str) -> RunBasis | None:
        """Of the quarter's last stored run: the policy it was scored by (JSON; None for a run
        stored before schema 7), that policy's version and the registry it was scored by
        (JSON; None before schema 8); and whether any run of the quarter was stored with
        every township sent (the quarter closed once; runs stored with townships missing
        before that are provisional). None when there is no run."""
        r = score_run.c
        with self._connect() as c:
            row = self._latest_run(c, quarter, r.policy, r.policy_version, r.registry)
            if row is None:
                return None
            closed = c.execute(select(r.id).where(r.county == self.county, r.quarter == quarter,
                                                  r.missing == "[]").limit(1)).first() is not None
        return RunBasis(row[0], row[1], closed, row[2])

    def record_run_policy(self, quarter: str, inputs_hash: str, policy: str, registry: str | None = None) -> None:
        """Record ``policy`` and ``registry`` (JSON) on the quarter's last run where it was
        stored without them (before schema 7, 8) from ``inputs_hash`` (whose policy and
        registry parts show it was scored by these very ones)."""
        r = score_run.c
        with self._begin() as c:
            run = self._latest_run(c, quarter, r.id, r.inputs_hash, r.policy, r.registry)
            if run is None or run.inputs_hash != inputs_hash:
                return
            values = {**({"policy": policy} if run.policy is None else {}),
                      **({"registry": registry} if run.registry is None and registry is not None else {})}
            if values:
                c.execute(score_run.update().where(r.id == run.id).values(**values))

    def run_registries(self) -> list[str]:
        """The registries (JSON) stored runs of any quarter were scored by, each once: what
        the county's villages were called before a registry renamed some (see
        services.template.prefill_rosters)."""
        r = score_run.c
        with self._connect() as c:
            return sorted(x for (x,) in c.execute(select(r.registry).distinct().where(
                r.county == self.county, r.registry.is_not(None))))

    def record_run_registry(self, quarter: str, registry: str) -> None:
        """Record ``registry`` (JSON) on the quarter's last run when it was stored without one
        (before schema 8): see services.registry.import_registry."""
        r = score_run.c
        with self._begin() as c:
            run = self._latest_run(c, quarter, r.id, r.registry)
            if run is not None and run.registry is None:
                c.execute(score_run.update().where(r.id == run.id).values(registry=registry))

    def stored_result(self, quarter: str, inputs_hash: str) -> dict[str, Any] | None:
        """The result document of the quarter's latest run, when it was made from ``inputs_hash``."""
        r = score_run.c
        with self._connect() as c:
            run = self._latest_run(c, quarter, r.inputs_hash, r.result_gz)
        if run is None or run.inputs_hash != inputs_hash or not run.result_gz:
            return None
        doc: dict[str, Any] = json_loads(zlib.decompress(run.result_gz))
        return doc

    def stored_cadres(self, quarter: str, inputs_hash: str) -> list[Row] | None:
        """Each cadre of the quarter's latest run, in ranked order, as (person id, name,
        township, village, position, status, stars) — when it was made from ``inputs_hash``
        and has its ranked list (None otherwise: stored before schema 5, or nobody ranked)."""
        r, k = score_run.c, score_cadre.c
        with self._snapshot() as c:
            run = self._latest_run(c, quarter, r.id, r.inputs_hash)
            if run is None or run.inputs_hash != inputs_hash:
                return None
            rows = _driver_rows(c, select(k.person_id, k.name, k.township, k.village, k.position, k.status, k.stars)
                                .where(k.run_id == run.id).order_by(k.seq))
        return rows or None

    def inputs_of(self, quarter: str) -> list[SubmissionMeta]:
        """What a score of ``quarter`` is computed from, read without its facts: the current
        submissions up to it (as :attr:`QuarterFacts.history`)."""
        with self._snapshot() as c:
            return self._meta_rows(c, submission.c.quarter <= quarter, submission.c.is_current.is_(True))

    def ranked_page(self, quarter: str, inputs_hash: str, township: str | None, limit: int) -> StoredPage | None:
        """The first ``limit`` places (all when ``limit`` <= 0) of the quarter's stored ranked
        list, optionally of one township, with the counts and sums of the whole list — when
        the quarter's latest run was made from ``inputs_hash`` and has its list."""
        r, k = score_run.c, score_cadre.c
        with self._snapshot() as c:
            run = self._latest_run(c, quarter, r.id, r.policy_version, r.missing, r.inputs_hash)
            if run is None or run.inputs_hash != inputs_hash:
                return None
            if c.execute(select(k.id).where(k.run_id == run.id).limit(1)).first() is None:
                return None  # stored before schema 5, or with nobody to rank: no list to show
            where = [k.run_id == run.id] + ([k.township == township] if township is not None else [])
            groups = _ranked_groups(c, *where)
            cols = [k.rank_county, k.rank_township, k.township, k.village, k.name, k.position, k.status, k.stars,
                    k.composite, k.pay, k.bonus, k.change_kind, k.change_delta, k.person_id]
            page = select(*cols).where(*where).order_by(k.seq)
            rows = _driver_rows(c, page if limit <= 0 else page.limit(limit))
            kinds = dict(c.execute(select(k.change_kind, func.count()).where(*where, k.change_kind.is_not(None))
                                   .group_by(k.change_kind)).all())
        return StoredPage(run.policy_version, json.loads(run.missing), groups, rows, kinds)

    def latest_run_groups(self, quarter: str) -> tuple[str, list[tuple[Any, ...]]] | None:
        """When the quarter's latest run was stored and has its ranked list: its time and
        (status, stars, pay, bonus, cadres) groups, the sums a newer result is told against."""
        r, k = score_run.c, score_cadre.c
        with self._snapshot() as c:
            run = self._latest_run(c, quarter, r.id, r.created_at)
            if run is None:
                return None
            groups = _ranked_groups(c, k.run_id == run.id)
        return (run.created_at, groups) if groups else None

    def latest_run_people(self, quarter: str) -> dict[str, tuple[Any, ...]]:
        """Each cadre of the quarter's latest stored ranked list: person id -> (name, township,
        village, status, stars, pay, bonus); empty when there is none."""
        r, k = score_run.c, score_cadre.c
        with self._snapshot() as c:
            run = self._latest_run(c, quarter, r.id)
            if run is None:
                return {}
            rows = c.execute(select(k.person_id, k.name, k.township, k.village, k.status, k.stars, k.pay, k.bonus)
                             .where(k.run_id == run.id)).all()
        return {row[0]: tuple(row[1:]) for row in rows}

    def scored_quarters(self) -> list[str]:
        """The quarters with a stored score run, in order."""
        r = score_run.c
        with self._connect() as c:
            return sorted(c.execute(select(r.quarter).where(r.county == self.county).distinct()).scalars())

    def latest_score_run(self, quarter: str, *, with_result: bool = False) -> dict[str, Any] | None:
        """The quarter's last stored run: policy version, inputs hash, time, missing townships,
        and with ``with_result`` the result document (tens of megabytes for a province)."""
        r = score_run.c
        cols = [r.policy_version, r.inputs_hash, r.created_at, r.missing] + ([r.result, r.result_gz] if with_result else [])
        with self._connect() as c:
            row = self._latest_run(c, quarter, *cols)
        if row is None:
            return None
        out = {"policy_version": row[0], "inputs_hash": row[1], "created_at": row[2], "missing": json.loads(row[3])}
        if with_result:
            out["result"] = json_loads(zlib.decompress(row[5]) if row[5] is not None else row[4].encode("utf-8"))
        return out

    # --- audit --------------------------------------------------------------------
    def audit(self, action: str, detail: dict[str, Any]) -> None:
        with self._begin() as c:
            c.execute(insert(audit_log), [self._audit_entry(action, detail)])

    def _audit_entry(self, action: str, detail: dict[str, Any]) -> dict[str, Any]:
        """An audit_log row of this county, now, by the current user."""
        return {"county": self.county, "at": datetime.now().isoformat(timespec="seconds"), "user": current_user(),
                "action": action, "detail": json.dumps(detail, ensure_ascii=False)}

    def add_audit_entries(self, rows: Iterable[tuple[str, str, str, str, str]]) -> int:
        """Append the (county, at, user, action, detail) entries this database lacks, in
        their order; the number appended (a restored backup keeps the trail made since)."""
        a = audit_log.c
        with self._begin() as c:
            have = {tuple(r) for r in c.execute(select(a.county, a.at, a.user, a.action, a.detail))}
            new = [r for r in rows if tuple(r) not in have]
            if new:
                c.execute(insert(audit_log), [dict(zip(("county", "at", "user", "action", "detail"), r, strict=True))
                                              for r in new])
        return len(new)

    def record_refusals(self, quarter: str,
                        refused: Sequence[tuple[str | None, str, str, int, int | None, str | None, str | None,
                                                str | None, str | None, bool, dict[str, Any] | None]]) -> None:
        """Note in the audit log the (township, file name, sha256, errors, id of the version the
        same run made current for the township, path it was read from, its first error, the
        township it is its own: see Refusal.own, the key of its values: Refusal.content, whether
        it is one of several files of its township: Refusal.choose, its first error's fields:
        Refusal.first_problem) of files
        an import of ``quarter`` refused, so that ``xx status`` can tell a refused township from a
        silent one, and say where the file is and what is wrong first."""
        if not refused:
            return
        at, user = datetime.now().isoformat(timespec="seconds"), current_user()
        with self._begin() as c:
            latest = c.execute(select(func.max(submission.c.id))).scalar() or 0
            c.execute(insert(audit_log), [
                {"county": self.county, "at": at, "user": user, "action": REFUSED_ACTION,
                 "detail": json.dumps({"quarter": quarter, "township": t, "file": f, "sha256": h, "errors": n,
                                       "alongside": sid, "path": path, "first": first, "latest": latest,
                                       "own": own, "content": content, "choose": choose, "first_problem": problem},
                                      ensure_ascii=False)}
                for t, f, h, n, sid, path, first, own, content, choose, problem in refused])

    def refusals(self, quarter: str) -> list[Refusal]:
        """The files imports of ``quarter`` refused, oldest first."""
        a = audit_log.c
        with self._connect() as c:
            rows = c.execute(select(a.at, a.detail).where(a.county == self.county, a.action == REFUSED_ACTION)
                             .order_by(a.id)).all()
        out = []
        for at, detail in rows:
            d = json.loads(detail)
            if d.get("quarter") == quarter:
                out.append(Refusal(d.get("township"), d.get("file", ""), d.get("sha256", ""), d.get("errors", 0), at,
                                   d.get("alongside"), d.get("path"), d.get("first"), d.get("latest"), d.get("own"),
                                   d.get("content"), bool(d.get("choose")), d.get("first_problem")))
        return out

    def audit_details(self, action: str) -> list[dict[str, Any]]:
        """The details (JSON) of this county's audit entries of ``action``, oldest first."""
        a = audit_log.c
        with self._connect() as c:
            rows = c.execute(select(a.detail).where(a.county == self.county, a.action == action).order_by(a.id))
            return [json.loads(d) for (d,) in rows if d]

    def audit_entries(self) -> list[dict[str, Any]]:
        """This county's audit entries, oldest first."""
        with self._connect() as c:
            rows = c.execute(select(audit_log).where(audit_log.c.county == self.county)
                             .order_by(audit_log.c.id)).mappings().all()
        return [dict(r) for r in rows]


@dataclass(frozen=True)
class Staged:
    """What :meth:`ImportSession.stage` did with one file."""

    sid: int | None  # the new submission's id; None: identical to the current version, nothing stored
    version: int  # the new version, or the current one it is identical to
    same_as: int | None = None  # stored: an earlier, replaced version with the very same bytes
    replacing: int | None = None  # stored: the version current until now
    reread: bool = False  # the current version's very bytes, read by older reading rules
    # Not stored: those bytes read by these rules gave the current version's facts again;
    # its id, for :meth:`ImportSession.refresh` once the run's files are all accepted.
    refresh: int | None = None
    current: int | None = None  # not stored: the id of the current version it is identical to
    # Not stored: other bytes (saved again, an annotated copy) that read to the current
    # version's very facts and header; nothing to score differently, so no new version.
    same_content: bool = False
    replacing_filled: date | None = None  # stored: the 填报日期 of the version it replaces


class ImportSession:
    """The write transaction of one import run (see :meth:`Store.import_session`).

    ``stage`` stores a file's rows as a new version that is not yet current, as soon as
    its own checks pass; once every file of the run is checked, a file refused across
    files is ``discard``-ed and the accepted ones are made current by ``publish``. Readers
    see none of it until the transaction commits, and then all of it.
    """

    def __init__(self, store: Store, c: Connection):
        self._store, self._c = store, c
        self._staged: dict[int, tuple[str, str]] = {}  # submission id -> (township, quarter)

    def people_in_quarter(self, quarter: str) -> dict[str, tuple[str, str]]:
        """person_id -> (township, file) over the quarter's current submissions."""
        return self._store._people(self._c, quarter)

    def stage(self, rows: SubmissionRows, *, sha256: str, file_name: str, archive: Callable[[], str],
              warnings: Sequence[Diagnostic], skip_identical: bool = True, reader: int | None = None) -> Staged:
        """Insert one file's rows as its township's next version, not yet current.

        With ``skip_identical``, a file whose bytes are those of the current version, read
        by the same reading rules (``reader``), stores nothing; nor does one of other bytes
        that reads to the current version's very facts (``same_content``). ``archive`` keeps the
        original and gives its path; it is called only when the file is stored.
        """
        c, county = self._c, self._store.county
        _advisory_lock(c, "xx-submission", county, rows.township, rows.quarter)
        where = {"county": county, "township": rows.township, "quarter": rows.quarter}
        versions = [tuple(r) for r in c.execute(_VERSIONS, where)]
        reread = False
        if skip_identical:
            for sid, version, current, sha, read_by, _f in versions:
                if current and sha == sha256:
                    if read_by == reader:
                        return Staged(None, version, current=sid)
                    if _same_facts(c, sid, rows):  # read again by newer rules, to the same facts
                        return Staged(None, version, reread=True, refresh=sid, current=sid)
                    reread = True  # the same file, read otherwise by the rules of this version
        same_old = None  # a replaced version's very facts in other bytes (a re-saved old copy)
        if skip_identical and versions and not any(current and sha == sha256 for _i, _v, current, sha, _r, _f in versions):
            # (the bytes of a replaced version whose data is current again, after a --revert of
            # a re-saved copy: unchanged, not an old version to refuse, review R93)
            found = _version_with_facts(c, county, rows, skip=self._staged)
            if found is not None and found[2]:
                return Staged(None, found[1], current=found[0], same_content=True)
            if all(sha != sha256 for _i, _v, _c, sha, _r, _f in versions):
                same_old = found[1] if found is not None else None
        version = max((v for _i, v, _c, _s, _r, _f in versions), default=0) + 1
        sid = c.execute(_INSERT_SUBMISSION, {
            **where, "version": version, "is_current": False, "sha256": sha256, "file_name": file_name,
            "archive_path": archive(), "imported_at": datetime.now().isoformat(timespec="seconds"),
            "imported_by": current_user(), "filler": rows.filler, "phone": rows.phone, "fill_date": rows.fill_date,
            "n_cadres": rows.n_cadres, "n_rows": rows.n_rows, "n_warnings": len(warnings), "reader": reader,
        }).inserted_primary_key[0]
        _insert_rows(c, int(sid), [*((_TABLES[name], r) for name, r in rows.tables.items()),
                                   (issue, issue_rows(warnings))])
        self._staged[sid] = (rows.township, rows.quarter)
        # An old file imported again would quietly undo a correction: say which version it is
        # (not one staged by this run: a second copy of a new file is no old version).
        same_as = next((v for i, v, current, sha, _r, _f in versions
                        if not current and sha == sha256 and i not in self._staged), same_old)
        replacing, filled = next(((v, f) for _i, v, current, _sha, _r, f in versions if current), (None, None))
        return Staged(sid, version, same_as, replacing, reread, replacing_filled=filled)

    def refresh(self, sid: int, *, reader: int, warnings: Sequence[Diagnostic]) -> None:
        """Record that current version ``sid``'s very bytes, read by the rules numbered
        ``reader``, gave its facts again: it counts as read by them, with their warnings."""
        c = self._c
        c.execute(issue.delete().where(issue.c.submission_id == sid))
        _insert_rows(c, sid, [(issue, issue_rows(warnings))])
        c.execute(update(submission).where(submission.c.id == sid).values(reader=reader, n_warnings=len(warnings)))

    def discard(self, sid: int) -> str:
        """Take a staged file out again (refused once all files were checked); returns the
        archive path it was stored under (see :meth:`Store.archive_in_use`)."""
        township, quarter = self._staged.pop(sid)  # only this run's staged files (a KeyError otherwise)
        s = submission.c
        path, version = self._c.execute(select(s.archive_path, s.version).where(s.id == sid)).one()
        for t in (*FACT_TABLES, issue):
            self._c.execute(t.delete().where(t.c.submission_id == sid))
        self._c.execute(submission.delete().where(s.id == sid))
        # The township's versions staged after it move down one: two copies of one file leave
        # version 1, not a version 2 with no version 1 (review R69). Only this run's staged
        # files come after it (the township's lock is held), one at a time for the unique key.
        later = self._c.execute(select(s.id).where(s.county == self._store.county, s.township == township,
                                                   s.quarter == quarter, s.version > version)
                                .order_by(s.version)).scalars().all()
        for k in later:
            self._c.execute(update(submission).where(s.id == k).values(version=s.version - 1))
        return str(path)

    def same_facts(self, sid: int, rows: SubmissionRows) -> bool:
        """Whether file ``sid`` staged in this run holds exactly ``rows``: two files of one
        township in other bytes holding the same data are copies of one file."""
        return _same_facts(self._c, sid, rows)

    def version_of(self, sid: int) -> int:
        """The version number of staged file ``sid`` (it moves when one staged before it is discarded)."""
        return int(self._c.execute(select(submission.c.version).where(submission.c.id == sid)).scalar_one())

    def publish(self, sids: Iterable[int]) -> None:
        """Make each staged file its township's current version for its quarter."""
        by_quarter: dict[str, list[tuple[int, str]]] = {}
        for sid in sids:
            township, quarter = self._staged.pop(sid)
            by_quarter.setdefault(quarter, []).append((sid, township))
        s = submission.c
        for quarter, staged in by_quarter.items():
            for k in range(0, len(staged), _IN_CHUNK):
                chunk = staged[k:k + _IN_CHUNK]
                self._c.execute(update(submission).where(
                    s.county == self._store.county, s.quarter == quarter, s.is_current.is_(True),
                    s.township.in_([t for _sid, t in chunk])).values(is_current=False))
                self._c.execute(update(submission).where(s.id.in_([sid for sid, _t in chunk])).values(is_current=True))


_IN_CHUNK = 500  # ids or names per IN list, well under any engine's limit on parameters
# Built once, so SQLAlchemy compiles each once (a statement built per file cost as much as
# inserting its rows).
_VERSIONS = select(submission.c.id, submission.c.version, submission.c.is_current, submission.c.sha256, submission.c.reader,
                   submission.c.fill_date).where(
    submission.c.county == bindparam("county"), submission.c.township == bindparam("township"),
    submission.c.quarter == bindparam("quarter"))
_INSERT_SUBMISSION = insert(submission)


def _version_with_facts(c: Connection, county: str, rows: SubmissionRows,
                        skip: Container[int] = ()) -> tuple[int, int, bool] | None:
    """``(id, version, is current)`` of the stored version of ``rows``' township and quarter
    that holds exactly ``rows`` (see :func:`_same_facts`), the current one first, then the
    latest; versions in ``skip`` are passed over. None when none does."""
    s = submission.c
    found = c.execute(select(s.id, s.version, s.is_current).where(
        s.county == county, s.township == rows.township, s.quarter == rows.quarter,
        s.filler == rows.filler, s.phone == rows.phone, s.fill_date == rows.fill_date,
        s.n_cadres == rows.n_cadres, s.n_rows == rows.n_rows).order_by(s.is_current.desc(), s.version.desc())).all()
    return next(((sid, version, bool(current)) for sid, version, current in found
                 if sid not in skip and _same_facts(c, sid, rows)), None)


def _same_facts(c: Connection, sid: int, rows: SubmissionRows) -> bool:
    """Whether stored submission ``sid`` holds exactly ``rows`` (header values and every
    fact row, in order)."""
    s = submission.c
    head = c.execute(select(s.filler, s.phone, s.fill_date, s.n_cadres, s.n_rows).where(s.id == sid)).one()
    if tuple(head) != (rows.filler, rows.phone, rows.fill_date, rows.n_cadres, rows.n_rows):
        return False
    for t in FACT_TABLES:
        new = rows.tables.get(t.name, [])
        cols = [col for col in t.columns if col.name not in ("id", "submission_id")]
        stored = c.execute(select(*cols).where(t.c.submission_id == sid).order_by(t.c.id)).all()
        if len(stored) != len(new):
            return False
        for old, now in zip(stored, new, strict=True):
            if tuple(v.isoformat() if isinstance(v, date) else v for v in old) != tuple(now):
                return False
    return True


def _refusal_with_ids(detail: str, ids: Mapping[int, int]) -> str:
    """A refusal's audit detail with the submission ids it names (the version made current
    beside it; the last id when it was noted) as another database gave them (``ids``)."""
    try:
        d = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(d, dict):
        return detail
    if isinstance(d.get("alongside"), int):
        d["alongside"] = ids.get(d["alongside"])
    if isinstance(d.get("latest"), int):  # the newest id then, as the newest of them copied
        d["latest"] = max((new for old, new in ids.items() if old <= d["latest"]), default=0)
    return json.dumps(d, ensure_ascii=False)


def sqlite_snapshot(db: Path, target: Path) -> None:
    """A consistent copy of a SQLite database file (online backup), even with writers active;
    from a folder this process cannot write, read as the store reads it there (review R111)."""
    reader = _read_only_folder_reader(str(db))
    src = reader() if reader is not None else sqlite3.connect(db, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def current_user() -> str:
    """The login name recorded with imports and audit entries."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers)
        return "unknown"

