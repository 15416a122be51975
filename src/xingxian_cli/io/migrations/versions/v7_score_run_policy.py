"""Schema 7: the policy each stored run was scored by.

A county that installs next year's policy must not see a closed, paid quarter scored again
under it: ``score_run.policy`` keeps the policy a run was scored by (as JSON), and a
quarter with a stored run is scored by that policy until the officer asks for the
workspace's (``xx score --rescore``). Runs stored before have none (scored by the
workspace's policy, as before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "7"
down_revision = "6"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("score_run", sa.Column("policy", sa.Text, nullable=True))
    op.execute(sa.text("UPDATE meta SET value = '7' WHERE key = 'schema_version'"))


def downgrade() -> None:
    with op.batch_alter_table("score_run") as batch:
        batch.drop_column("policy")
    op.execute(sa.text("UPDATE meta SET value = '6' WHERE key = 'schema_version'"))
