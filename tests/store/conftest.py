"""Fixtures for store tests: a database URL on the run's engine and workspaces sharing it."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def db_url(db_backend, tmp_path, monkeypatch):
    """The test's database: a fresh PostgreSQL database at the current schema, or a SQLite
    file. XX_DATABASE_URL is cleared so workspaces use the URL written in their config."""
    if db_backend == "postgresql":
        url = os.environ["XX_DATABASE_URL"]
        monkeypatch.delenv("XX_DATABASE_URL")
        return url
    return "sqlite:///" + (tmp_path / "shared.sqlite3").as_posix()


@pytest.fixture
def empty_db_url(db_backend, tmp_path, request, monkeypatch):
    """A database with no tables at all (for schema creation and migration tests);
    XX_DATABASE_URL is cleared so workspaces use the URL written in their config."""
    monkeypatch.delenv("XX_DATABASE_URL", raising=False)
    if db_backend == "postgresql":
        server = request.getfixturevalue("pg_databases")
        url = server.create()
        request.addfinalizer(lambda: server.drop(url))
        return url
    return "sqlite:///" + (tmp_path / "empty.sqlite3").as_posix()


@pytest.fixture
def make_ws(xx, tmp_path, db_url):
    """``make_ws(name, county_code)``: a workspace of that county on the shared database.

    The config is written before ``xx init`` (README's recipe for a shared server), so the
    workspace's registry lands under its own county from the start.
    """
    from xingxian_cli.io.workspace import new_config, write_config

    def make(name: str = "ws", county_code: str = "141123", county: str = "兴县", url: str | None = None):
        root = tmp_path / name
        root.mkdir()
        write_config(root, new_config(county, county_code, url or db_url))
        r = xx("init", root)
        assert r.code == 0, r
        return root

    return make
