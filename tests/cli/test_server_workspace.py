"""A workspace on the county's server, named by XX_DATABASE_URL (runs on the PostgreSQL engine)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.both_engines  # PostgreSQL too: these are its tests


def test_init_on_the_server_named_by_xx_database_url_writes_its_address_without_the_password(
        xx, tmp_path, db_backend):
    import os

    import yaml

    if db_backend != "postgresql":
        pytest.skip("needs the test run's PostgreSQL server (XX_DATABASE_URL)")
    url = os.environ["XX_DATABASE_URL"]
    ws = tmp_path / "ws"
    r = xx("init", ws)
    assert r.code == 0, r
    written = yaml.safe_load((ws / "xx.yaml").read_text(encoding="utf-8"))["database_url"]
    assert written.startswith("postgresql") and written.split("@")[-1] == url.split("@")[-1]
    password = url.split("://")[1].split("@")[0].partition(":")[2]
    assert password and f":{password}@" not in written
    assert not (ws / "xx.sqlite3").exists()


def test_a_password_given_with_db_is_said_and_leaves_xx_yaml_readable_by_its_owner_alone(
        xx, tmp_path, db_backend, monkeypatch):
    # (review R85) xx.yaml holding the password was readable by every login of the machine
    import os

    if db_backend != "postgresql":
        pytest.skip("needs the test run's PostgreSQL server (XX_DATABASE_URL)")
    url = os.environ["XX_DATABASE_URL"]
    assert url.split("://")[1].split("@")[0].partition(":")[2]  # a password in it
    monkeypatch.delenv("XX_DATABASE_URL")
    ws = tmp_path / "ws"
    r = xx("init", ws, "--db", url)
    assert r.code == 0, r
    assert "口令已原样写入 xx.yaml" in r.err.replace("\n", "")
    if os.name == "posix":
        assert (ws / "xx.yaml").stat().st_mode & 0o777 == 0o600
