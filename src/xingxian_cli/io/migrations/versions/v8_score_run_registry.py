"""Schema 8: the registry each stored run was scored by.

A county that loads a new registry (a village added, merged or renamed) must not see a
closed, paid quarter's completion rates and rankings scored again under it:
``score_run.registry`` keeps the townships and villages a run was scored by (as JSON), and
a closed quarter is scored by them until the officer asks for the workspace's (``xx score
--rescore``), as schema 7 does for the policy. Runs stored before have none (recorded the
next time the quarter is viewed, when its inputs show it was scored by the workspace's).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "8"
down_revision = "7"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("score_run", sa.Column("registry", sa.Text, nullable=True))
    op.execute(sa.text("UPDATE meta SET value = '8' WHERE key = 'schema_version'"))


def downgrade() -> None:
    with op.batch_alter_table("score_run") as batch:
        batch.drop_column("registry")
    op.execute(sa.text("UPDATE meta SET value = '7' WHERE key = 'schema_version'"))
