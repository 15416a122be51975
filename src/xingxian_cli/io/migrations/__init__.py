"""Alembic migrations of the store, run on a connection the store hands over (``xx db upgrade``).

Revisions are named after the schema version they produce ("1", "2" …), so
``meta.schema_version`` and Alembic's ``alembic_version`` always say the same number.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

_HERE = Path(__file__).resolve().parent


def _config(conn: Connection | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    # ConfigParser interpolation: a '%' in the install path must be doubled.
    cfg.set_main_option("script_location", str(_HERE).replace("%", "%%"))
    cfg.attributes["connection"] = conn
    return cfg


def head() -> str:
    """The newest revision this code knows."""
    from alembic.script import ScriptDirectory

    h = ScriptDirectory.from_config(_config()).get_current_head()
    assert h is not None
    return h


def upgrade(conn: Connection, found: int | None, target: str = "head") -> None:
    """Upgrade a database at schema version ``found`` (None: empty) to ``target``, inside
    ``conn``'s transaction.

    Databases made before Alembic came in carry only ``meta.schema_version``: they are
    stamped with the matching revision first.
    """
    from alembic import command

    cfg = _config(conn)
    if found is not None and not inspect(conn).has_table("alembic_version"):
        command.stamp(cfg, str(found))
    command.upgrade(cfg, target)
