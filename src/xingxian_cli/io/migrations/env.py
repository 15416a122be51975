"""Alembic environment: migrate the connection handed over by the store, in its transaction."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from xingxian_cli.io.store import make_engine, metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # One transaction for the whole upgrade: PostgreSQL and SQLite both roll DDL back.
        transaction_per_migration=False,
        transactional_ddl=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


conn = context.config.attributes.get("connection")
if conn is not None:
    _run(conn)
else:
    # Developers only (``alembic -c … revision --autogenerate``): XX_DATABASE_URL or
    # sqlalchemy.url. Officers and CI always go through ``xx db upgrade``.
    url = os.environ.get("XX_DATABASE_URL") or context.config.get_main_option("sqlalchemy.url")
    engine = make_engine(url) if url else create_engine("sqlite://")
    with engine.begin() as c:
        _run(c)
