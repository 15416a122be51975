"""Schema 6: the reading rules each submission was read by.

A file imported again with the same bytes was "unchanged" and kept its stored facts, so
a corrected reading rule (a formula's 89.999999999999986 read as 90, say) never reached
a file imported before it. ``submission.reader`` records the rules' number
(``domain.intake.READING_RULES``); the same bytes read by older rules are read again and
stored as a new version. Submissions stored before have none (read by older rules).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "6"
down_revision = "5"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("submission", sa.Column("reader", sa.Integer, nullable=True))
    op.execute(sa.text("UPDATE meta SET value = '6' WHERE key = 'schema_version'"))


def downgrade() -> None:
    with op.batch_alter_table("submission") as batch:
        batch.drop_column("reader")
    op.execute(sa.text("UPDATE meta SET value = '5' WHERE key = 'schema_version'"))
