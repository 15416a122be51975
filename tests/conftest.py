"""Shared fixtures: the default policy and registry, CLI runner, sample county, workspaces on each database."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from xingxian_cli.domain.policy import Policy
from xingxian_cli.domain.registry import Registry
from xingxian_cli.io.policy_io import default_policy
from xingxian_cli.io.registry_io import default_registry


@pytest.fixture(scope="session")
def policy() -> Policy:
    return default_policy()


@pytest.fixture(scope="session")
def registry() -> Registry:
    return default_registry()


@pytest.fixture(scope="session")
def q3_county(policy, registry):
    """The sample county's 2022Q3 submissions (seed 2022), generated once per test process. Read
    only: tests make their own workbooks of them (``book_from_submission`` copies the rows)."""
    from xingxian_cli.domain.period import Quarter
    from xingxian_cli.sample.generator import generate_county

    return generate_county(policy, registry, Quarter(2022, 3), seed=2022)


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out[-500:]!r}, err={self.err[-500:]!r})"


@pytest.fixture
def xx(capsys, monkeypatch):
    """Run the ``xx`` CLI in-process: ``xx("status", "--quarter", "2022Q3")``."""
    from xingxian_cli.cli.app import main

    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("XX_WORKSPACE", raising=False)

    def run(*args: object) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        cap = capsys.readouterr()
        return CliResult(code, cap.out, cap.err)

    return run


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory):
    """The sample county written once per session by the project's generator."""
    from xingxian_cli.sample.generator import generate_sample_data

    out = tmp_path_factory.mktemp("sample_data")
    generate_sample_data(out)
    return out


@pytest.fixture(scope="session")
def imported_ws(tmp_path_factory, sample_dir, db_backend):
    """A workspace with 2022Q3 and 2022Q4 of the sample county imported and scored.

    Read-only for tests: copy it (``copy_ws``) before changing anything. On the
    PostgreSQL run its config names a database of its own (see ``db_backend``).
    """
    from xingxian_cli.cli.app import main

    ws = tmp_path_factory.mktemp("ws") / "兴县"
    assert main(["init", str(ws), *_session_db_args(db_backend, "imported")]) == 0
    for q in ("2022Q3", "2022Q4"):
        assert main(["--workspace", str(ws), "import", str(sample_dir / q), "--quarter", q]) == 0
        assert main(["--workspace", str(ws), "score", "--quarter", q, "--format", "json"]) == 0
    return ws


@pytest.fixture(scope="session")
def q3_paid_ws(tmp_path_factory, sample_dir, db_backend):
    """A workspace whose 2022Q3 was imported, scored and stored (paid, closed: every township
    sent) under the default policy and registry. Read-only for tests: see ``q3_paid``."""
    from xingxian_cli.cli.app import main

    ws = tmp_path_factory.mktemp("q3") / "ws"
    assert main(["init", str(ws), *_session_db_args(db_backend, "q3")]) == 0
    assert main(["--workspace", str(ws), "import", str(sample_dir / "2022Q3"), "--quarter", "2022Q3"]) == 0
    assert main(["--workspace", str(ws), "score", "--quarter", "2022Q3"]) == 0
    return ws


@pytest.fixture
def q3_paid(q3_paid_ws, tmp_path):
    """A private copy of ``q3_paid_ws``: 2022Q3 scored and stored under the default policy
    and registry."""
    import shutil

    ws = tmp_path / "ws"
    shutil.copytree(q3_paid_ws, ws)
    _copy_server_database(ws)
    return ws


@pytest.fixture(scope="module")
def few_ws_base(tmp_path_factory, sample_dir, request):
    """A SQLite workspace with 2022Q3 and 2022Q4 of the test module's ``FEW`` townships
    imported, for tests of files written that need no whole county (three townships' report
    costs about a quarter of the county's; --per-township writes three workbooks, not 15).
    Read-only: tests take a copy (``few_ws``)."""
    from sample_edits import townships_workspace

    return townships_workspace(tmp_path_factory.mktemp("few") / "ws", sample_dir, request.module.FEW)


@pytest.fixture
def few_ws(few_ws_base, tmp_path):
    """A private copy of ``few_ws_base``."""
    import shutil

    ws = tmp_path / "few_ws"
    shutil.copytree(few_ws_base, ws)
    return ws


@pytest.fixture
def copy_ws(imported_ws, tmp_path):
    """A private copy of the imported workspace."""
    import shutil

    target = tmp_path / "ws"
    shutil.copytree(imported_ws, target)
    _copy_server_database(target)
    return target


# --- database backends ---------------------------------------------------------------
# Tests run on SQLite always and, when XX_TEST_DATABASE_URL names a PostgreSQL database (its
# role needs CREATEDB), some run on PostgreSQL as well (the session header says so):
#   XX_TEST_DATABASE_URL=postgresql://xx:xx@127.0.0.1:5432/xx_test python -m pytest -n auto
# Which tests: every test under tests/store, and every test marked ``both_engines`` (say
# why beside the mark). Every query lives in io/store.py; tests/store and the marked tests
# together run each of its lines that the whole suite runs on PostgreSQL, and cli/errors.py's
# handling of the server's errors (checked with coverage's per-test contexts when the set was
# chosen). The other command tests would repeat the same queries with other Chinese words
# around them, at a database made per test. ``sqlite_only`` keeps a test off PostgreSQL even
# under tests/store (it reads the SQLite file or uses backup and restore).
# Each PostgreSQL test gets a database of its own, cloned from a session template already at
# the current schema and dropped afterwards; XX_DATABASE_URL points ``xx init`` (in-process
# and in subprocesses) at it. Workspaces built from ``imported_ws`` carry their database in
# their config instead.

TEST_PG_URL = os.environ.get("XX_TEST_DATABASE_URL") or None
BACKENDS = ("sqlite", "postgresql")
_BACKEND_DIRS = {"cli", "store"}
_WORKSPACE_FIXTURES = {"xx", "tmp_path", "imported_ws", "copy_ws", "q3_paid_ws"}
_names = itertools.count(1)


def pytest_configure(config):
    # Files are checked in this process, not in a pool of worker processes: with one test
    # process per core, a pool only adds its fork and start-up (about 8% of the suite's time).
    # The pool is checked by tests/perf/test_parallel_intake.py (against this process's
    # results), the tests that ask for a number of workers, and ``xx demo``'s test.
    os.environ.setdefault("XX_WORKERS", "0")
    _remember_written_books()
    _remember_fresh_schema()
    config.addinivalue_line("markers", "both_engines: runs on PostgreSQL as well as SQLite (tests/store "
                                       "always does); say why beside the mark")
    config.addinivalue_line("markers", "sqlite_only: reads the SQLite file or uses backup/restore, or no "
                                       "engine plays a part; never run on PostgreSQL")


def _remember_fresh_schema() -> None:
    """Build an empty SQLite database's schema once per test process, then lay it down again.

    ``xx init`` replays every Alembic revision on an empty database (about 45 ms), and the tests
    make some hundreds of workspaces. The first empty SQLite database of the process goes
    through the real revisions; its resulting tables, indexes and rows (the version stamps) are
    recorded and written as they are into each later empty one. An old database being upgraded,
    and every PostgreSQL one, still runs the revisions.
    """
    from sqlalchemy import text

    from xingxian_cli.io import migrations

    real = migrations.upgrade
    made: dict[str, list] = {}

    def upgrade(conn, found, target="head"):  # type: ignore[no-untyped-def]
        if found is not None or target != "head" or conn.dialect.name != "sqlite":
            return real(conn, found, target)
        if made:
            for sql in made["ddl"]:
                conn.exec_driver_sql(sql)
            for table, columns, rows in made["rows"]:
                names = ", ".join(columns)
                marks = ", ".join(f":{c}" for c in columns)
                conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"),
                             [dict(zip(columns, r, strict=True)) for r in rows])
            return None
        real(conn, found, target)
        master = conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                                      "AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all()
        made["ddl"] = [sql for _type, _name, sql in master]
        made["rows"] = []
        for kind, name, _sql in master:
            if kind == "table":
                result = conn.exec_driver_sql(f'SELECT * FROM "{name}"')
                rows = result.all()
                if rows:
                    made["rows"].append((name, list(result.keys()), rows))
        return None

    upgrade.__wrapped__ = real  # type: ignore[attr-defined]  (tests/store checks the two agree)
    migrations.upgrade = upgrade


def _remember_written_books(keep: int = 256) -> None:
    """Write each distinct generated workbook once per test process.

    A quarter of the books tests write are ones written before in the same process (the
    same township, style and edits); the generator is deterministic, so the bytes written
    before are the bytes it would write again. Keyed by the pickled book, policy and
    registry, so only equal content hits; the last ``keep`` books are kept.
    """
    import collections
    import hashlib
    import pickle

    from xingxian_cli import sample
    from xingxian_cli.io.atomic import make_dirs
    from xingxian_cli.sample import generator

    write = generator.write_book
    books: collections.OrderedDict[bytes, bytes] = collections.OrderedDict()

    def write_book(book, path, *, policy, registry):
        path = Path(path)
        key = hashlib.blake2b(pickle.dumps((book, policy, registry, path.suffix))).digest()
        data = books.get(key)
        if data is None:
            written = write(book, path, policy=policy, registry=registry)
            books[key] = written.read_bytes()
            if len(books) > keep:
                books.popitem(last=False)
            return written
        books.move_to_end(key)
        make_dirs(path.parent)
        path.write_bytes(data)
        return path

    generator.write_book = sample.write_book = write_book


def _on_both_engines(definition) -> bool:
    if definition.get_closest_marker("sqlite_only"):
        return False
    return definition.path.parent.name == "store" or definition.get_closest_marker("both_engines") is not None


def pytest_generate_tests(metafunc):
    path = metafunc.definition.path
    in_area = path.parent.name in _BACKEND_DIRS and path.parent.parent.name == "tests"
    wants = (path.parent.name == "store" or _WORKSPACE_FIXTURES & set(metafunc.fixturenames)) if in_area else False
    if "db_backend" not in metafunc.fixturenames and not wants:
        return
    if "db_backend" not in metafunc.fixturenames:
        # Adds the fixture to the test's closure, so plain ``tmp_path`` tests say their engine.
        metafunc.fixturenames.append("db_backend")
    both = TEST_PG_URL and _on_both_engines(metafunc.definition)
    metafunc.parametrize("db_backend", BACKENDS if both else BACKENDS[:1], indirect=True, scope="session")


def pytest_report_header(config):
    if TEST_PG_URL:
        from sqlalchemy.engine import make_url

        return f"database engines: sqlite, postgresql ({make_url(TEST_PG_URL).render_as_string(hide_password=True)})"
    return "database engines: sqlite only (set XX_TEST_DATABASE_URL to run the store tests on PostgreSQL too)"


@pytest.fixture(scope="session")
def db_backend(request):
    """'sqlite' or 'postgresql': the engine this run of the test uses."""
    return getattr(request, "param", "sqlite")


class PgServer:
    """Creates and drops the throwaway databases of one test session."""

    def __init__(self, url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        from xingxian_cli.io.store import make_engine

        self.base = make_url(make_engine(url).url.render_as_string(hide_password=False))
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        self.prefix = f"xx_t{os.getpid()}_"
        self.template: str | None = None

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); returns its URL."""
        from sqlalchemy import text

        name = f"{self.prefix}{next(_names)}"
        with self.admin.connect() as c:
            if template:
                # CREATE DATABASE … TEMPLATE needs the source idle: end our own leftover sessions
                # (only ours: an autovacuum worker there belongs to the superuser, may not be
                # terminated by us, and is stopped by CREATE DATABASE itself).
                c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = :d AND pid <> pg_backend_pid() AND usename = current_user"),
                          {"d": template})
            c.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        return self.url(name)

    def drop(self, url: str) -> None:
        import time

        from sqlalchemy import text
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ProgrammingError

        name = make_url(url).database
        # FORCE ends our sessions, not an autovacuum worker's (the superuser's): that one
        # finishes in a moment, so try again for a while rather than fail the test.
        for attempt in range(50):
            try:
                with self.admin.connect() as c:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except ProgrammingError:
                if attempt == 49:
                    raise
                time.sleep(0.2)

    def at_head(self) -> str:
        """A fresh database already at the current schema (cloned from a session template)."""
        if self.template is None:
            from sqlalchemy.engine import make_url

            from xingxian_cli.io.store import Store

            url = self.create()
            store = Store(url, "template")
            store.create_schema()
            store.close()
            self.template = make_url(url).database
        return self.create(self.template)

    def close(self) -> None:
        from sqlalchemy import text

        with self.admin.connect() as c:
            names = c.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                              {"p": self.prefix + "%"}).scalars().all()
        for name in names:
            self.drop(self.url(name))
        self.admin.dispose()


_server: PgServer | None = None


def pg_server() -> PgServer:
    """The session's PostgreSQL helper (only when XX_TEST_DATABASE_URL is set)."""
    global _server
    assert TEST_PG_URL is not None
    if _server is None:
        _server = PgServer(TEST_PG_URL)
    return _server


def pytest_sessionfinish(session, exitstatus):
    if _server is not None:
        _server.close()


def _session_db_args(backend: str, _label: str) -> list[str]:
    """``xx init`` arguments for a session workspace: its own database on PostgreSQL."""
    return ["--db", pg_server().at_head()] if backend == "postgresql" else []


def _copy_server_database(ws) -> None:
    """Give a copied workspace a copy of its server database (SQLite travels in the folder)."""
    from xingxian_cli.io.workspace import read_config, write_config

    config = read_config(ws)
    url = config.get("database_url")
    if url and not str(url).startswith("sqlite"):
        from sqlalchemy.engine import make_url

        config["database_url"] = pg_server().create(template=make_url(url).database)
        write_config(ws, config)


@pytest.fixture(autouse=True)
def _test_database(request, monkeypatch):
    """Point a test at its database: none of the developer's XX_DATABASE_URL leaks in, and
    a PostgreSQL run gets a fresh database unless its workspaces carry their own."""
    monkeypatch.delenv("XX_DATABASE_URL", raising=False)
    spec = getattr(request.node, "callspec", None)
    if spec is None or spec.params.get("db_backend") != "postgresql" or TEST_PG_URL is None:
        yield None
        return
    if {"imported_ws", "copy_ws", "q3_paid_ws"} & set(request.fixturenames):
        yield None  # the workspace's config names its database
        return
    url = pg_server().at_head()
    monkeypatch.setenv("XX_DATABASE_URL", url)
    yield url
    pg_server().drop(url)


@pytest.fixture
def ws_engine():
    """``ws_engine(ws)``: an engine on a workspace's database, SQLite or PostgreSQL alike,
    for assertions on stored rows (disposed after the test)."""
    from xingxian_cli.io.store import make_engine
    from xingxian_cli.io.workspace import Workspace, read_config

    engines = []

    def make(ws):
        engines.append(make_engine(Workspace(ws, read_config(ws)).database_url))
        return engines[-1]

    yield make
    for e in engines:
        e.dispose()


@pytest.fixture(scope="session")
def pg_databases(db_backend) -> PgServer:
    """The session's PostgreSQL database maker (``create()``, ``at_head()``, ``drop(url)``)."""
    if db_backend != "postgresql":
        pytest.fail("pg_databases is for the PostgreSQL run only")
    return pg_server()
