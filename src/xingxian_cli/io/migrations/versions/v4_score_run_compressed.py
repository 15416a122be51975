"""Schema 4: a score run's result document is stored compressed.

A province's result document is 130-170 MB of JSON; every stored run kept it as TEXT, and
writing it took longer than scoring. ``score_run.result_gz`` holds the document as
zlib-compressed UTF-8 JSON (about a tenth of the size); ``result`` keeps the documents of
runs stored before, and is '' for runs stored since. Only a column is added: no table is
copied, whatever the runs stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "4"
down_revision = "3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("score_run", sa.Column("result_gz", sa.LargeBinary, nullable=True))
    op.execute(sa.text("UPDATE meta SET value = '4' WHERE key = 'schema_version'"))


def downgrade() -> None:
    op.drop_column("score_run", "result_gz")
    op.execute(sa.text("UPDATE meta SET value = '3' WHERE key = 'schema_version'"))
