"""Schema versions: new databases at head, revision-1 databases upgraded without loss."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import insert, inspect, select, text

from xingxian_cli.domain.period import Quarter
from xingxian_cli.io import migrations
from xingxian_cli.io.store import FACT_TABLES, SCHEMA_VERSION, Store, metadata
from xingxian_cli.io.workspace import new_config, write_config

Q3 = Quarter(2022, 3)


def _build_revision_1(url: str, ws, county: str, subs) -> dict:
    """A database exactly as the first release left it (no Alembic table), with data."""
    store = Store(url, county)
    with store.engine.begin() as c:
        migrations.upgrade(c, None, "1")
        c.execute(text("DROP TABLE alembic_version"))  # the first release had none
    # The rows as this code stores them, in a scratch database at head, then copied into the
    # revision-1 one with the columns revision 1 has (ids assigned in the same order).
    scratch = Store("sqlite:///" + (ws.parent / "scratch.sqlite3").as_posix(), county)
    scratch.create_schema()
    for sub in subs:
        data = f"{sub.township} 原件".encode()
        sha = hashlib.sha256(data).hexdigest()
        rel = f"archive/{sha[:2]}/{sha}.xlsx"
        (ws / rel).parent.mkdir(parents=True, exist_ok=True)
        (ws / rel).write_bytes(data)
        scratch.add_submission(sub, sha256=sha, file_name=f"{sub.township}_2022Q3.xlsx", archive_path=rel,
                               warnings=[])
    with scratch.engine.connect() as src, store.engine.begin() as dst:
        for name in ("submission", *(t.name for t in FACT_TABLES), "issue"):
            table = metadata.tables[name]
            cols = [col["name"] for col in inspect(dst).get_columns(name) if col["name"] != "id"]
            rows = src.execute(select(*(table.c[n] for n in cols)).order_by(table.c.id)).mappings().all()
            if rows:
                dst.execute(insert(table), [dict(r) for r in rows])
    before = scratch.quarter_facts(str(Q3))  # the same rows the revision-1 database now holds
    scratch.close()
    with store.engine.begin() as c:
        # A run as that release stored it: the document as JSON text.
        c.execute(text("INSERT INTO score_run (county, quarter, policy_version, inputs_hash, created_at, missing, result) "
                       "VALUES ('141123', :q, '2022.1', :h, '2022-10-01T08:00:00', '[]', '{\"cadres\": []}')"),
                  {"q": str(Q3), "h": "0" * 64})
        c.execute(text('INSERT INTO audit_log (at, "user", action, detail) VALUES '
                       "('2022-10-01T09:00:00', '张三', 'unmask', '{\"command\": \"score\"}')"))
    assert store.schema_version() == 1
    store.close()
    return {"cadres": before.cadres, "honours": before.honours, "deductions": before.deductions,
            "scores": before.scores, "economy": before.economy, "progress": before.progress,
            "submissions": [(m.township, m.version, m.sha256) for m in before.submissions]}


@pytest.fixture
def v1_workspace(empty_db_url, tmp_path, policy, registry):
    from xingxian_cli.sample.generator import generate_county

    ws = tmp_path / "旧工作区"
    ws.mkdir()
    write_config(ws, new_config("兴县", "141123", empty_db_url))
    subs = list(generate_county(policy, registry, Q3, seed=2022).values())[:3]
    before = _build_revision_1(empty_db_url, ws, "141123", subs)
    store = Store(empty_db_url, "141123")
    store.replace_registry(registry)  # same columns in revision 1
    store.close()
    return ws, empty_db_url, before


def _assert_nothing_lost(url: str, before: dict) -> None:
    store = Store(url, "141123")
    try:
        assert store.schema_version() == SCHEMA_VERSION
        after = store.quarter_facts(str(Q3))
        assert [(m.township, m.version, m.sha256) for m in after.submissions] == before["submissions"]
        for key in ("cadres", "honours", "deductions", "scores", "economy", "progress"):
            assert getattr(after, key) == before[key], key
        run = store.latest_score_run(str(Q3), with_result=True)
        assert run["policy_version"] == "2022.1" and run["result"] == {"cadres": []}  # stored before, read as it was
        audit = store.audit_entries()  # the single county of the database owns the old entries
        assert [(e["user"], e["action"]) for e in audit] == [("张三", "unmask")]
    finally:
        store.close()


def test_db_upgrade_brings_a_revision_1_database_to_head_without_losing_a_row(xx, v1_workspace):
    ws, url, before = v1_workspace
    r = xx("-w", ws, "db", "upgrade")
    assert r.code == 0 and f"从第 1 版升级到第 {SCHEMA_VERSION} 版" in r.out, r
    _assert_nothing_lost(url, before)
    r = xx("-w", ws, "verify")
    assert r.code == 0 and "3 份报送原件完好" in r.out, r
    r = xx("-w", ws, "db", "upgrade")
    assert r.code == 0 and "无需升级" in r.out


def test_an_old_sqlite_workspace_upgrades_itself_and_an_old_server_asks_for_xx_db_upgrade(xx, v1_workspace, db_backend):
    ws, url, before = v1_workspace
    r = xx("-w", ws, "status", "-q", "2022Q3", "-f", "json")
    if db_backend == "sqlite":
        # The workspace owns its file: the command upgrades it, keeping the old file beside it.
        assert r.code == 0, r
        assert json.loads(r.out)["submitted"] == 3
        kept = next(ws.parent.glob("*.schema1.bak"))
        assert Store("sqlite:///" + kept.as_posix(), "141123").schema_version() == 1
    else:
        # A shared server is upgraded on purpose, by its administrator.
        assert r.code == 2 and "Traceback" not in r.out + r.err
        assert "第 1 版" in r.err and "xx db upgrade" in r.err and "xx:***@" in r.err, r.err
        assert Store(url, "141123").schema_version() == 1  # untouched
        assert xx("db", "upgrade", "--db", url).code == 0  # no workspace needed
        r = xx("-w", ws, "status", "-q", "2022Q3", "-f", "json")
        assert r.code == 0 and json.loads(r.out)["submitted"] == 3
    _assert_nothing_lost(url, before)


def test_a_database_newer_than_the_code_is_refused_without_traceback(xx, make_ws, ws_engine):
    ws = make_ws()
    with ws_engine(ws).begin() as c:
        c.execute(text("UPDATE meta SET value = '99' WHERE key = 'schema_version'"))
    for args in (("status", "-q", "2022Q3"), ("db", "upgrade")):
        r = xx("-w", ws, *args)
        assert r.code == 2 and "第 99 版" in r.err and "升级到最新版本" in r.err, r
        assert "Traceback" not in r.out + r.err


def test_init_on_an_empty_database_creates_every_table_at_head(xx, tmp_path, empty_db_url):
    r = xx("init", tmp_path / "ws", "--db", empty_db_url)
    assert r.code == 0, r
    store = Store(empty_db_url, "141123")
    try:
        assert store.schema_version() == SCHEMA_VERSION
        with store.engine.connect() as c:
            assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrations.head()
        assert set(metadata.tables) <= set(inspect(store.engine).get_table_names())
    finally:
        store.close()
    r = xx("-w", tmp_path / "ws", "db", "status")
    assert r.code == 0 and f"第 {SCHEMA_VERSION} 版" in r.out and "***" not in r.out.replace("xx:***@", "")


def test_the_migrated_schema_is_exactly_the_models(empty_db_url):
    """Alembic's comparison finds nothing to change between the revisions and store.py."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = Store(empty_db_url, "x")
    try:
        store.create_schema()
        with store.engine.connect() as c:
            # SQLite keeps the VARCHAR(n) it was created with: lengths mean nothing there.
            mc = MigrationContext.configure(c, opts={"compare_type": store.dialect != "sqlite"})
            assert compare_metadata(mc, metadata) == []
    finally:
        store.close()


def test_meta_schema_version_and_alembic_head_agree():
    assert migrations.head() == str(SCHEMA_VERSION)


def test_a_wrong_address_or_a_dead_server_is_a_clear_message(xx, tmp_path, monkeypatch):
    monkeypatch.delenv("XX_DATABASE_URL", raising=False)  # the --db given here must be used
    r = xx("init", tmp_path / "a", "--db", "postgresql://xx:秘密@127.0.0.1:1/none")
    assert r.code == 2 and "无法连接数据库" in r.err and "秘密" not in r.err and "Traceback" not in r.err, r
    r = xx("init", tmp_path / "b", "--db", "这不是地址")
    assert r.code == 2 and "无法识别" in r.err, r
    assert not (tmp_path / "a" / "xx.yaml").exists() and not (tmp_path / "b" / "xx.yaml").exists()


@pytest.mark.sqlite_only  # the test processes' shortcut is for SQLite alone (see tests/conftest.py)
def test_the_test_runs_fresh_schema_shortcut_lays_down_exactly_what_the_revisions_make(xx, tmp_path):
    import sqlite3

    from sqlalchemy import create_engine

    from xingxian_cli.io import migrations

    def dump(db):  # type: ignore[no-untyped-def]
        con = sqlite3.connect(db)
        try:
            master = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
            return master, {n: con.execute(f'SELECT * FROM "{n}"').fetchall() for t, n, _tn, _s in master if t == "table"}
        finally:
            con.close()

    assert xx("init", tmp_path / "a").code == 0  # through the shortcut, once a first database was made
    assert xx("init", tmp_path / "b").code == 0
    engine = create_engine("sqlite:///" + (tmp_path / "real.sqlite3").as_posix())
    with engine.begin() as c:
        migrations.upgrade.__wrapped__(c, None)  # the revisions themselves
    engine.dispose()
    real = dump(tmp_path / "real.sqlite3")
    assert dump(tmp_path / "b" / "xx.sqlite3")[0] == real[0]
    made = dump(tmp_path / "b" / "xx.sqlite3")[1]  # (init adds the registry, the county's name …)
    assert made["alembic_version"] == real[1]["alembic_version"] and set(real[1]["meta"]) <= set(made["meta"])
