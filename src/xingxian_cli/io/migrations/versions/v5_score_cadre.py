"""Schema 5: the ranked list of a quarter's latest stored run, one row per cadre.

Showing a province's scores again (121,000 cadres) meant reading a million fact rows and
scoring them anew; ``score_cadre`` keeps the latest stored run's ranked list so that
``xx score`` with unchanged inputs reads one page and a few sums. Runs stored before have
no list and are scored again the first time (and the list stored then).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5"
down_revision = "4"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "score_cadre",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("score_run.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("person_id", sa.String(18), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("township", sa.Text, nullable=False),
        sa.Column("village", sa.Text, nullable=False),
        sa.Column("position", sa.Text, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("stars", sa.Integer),
        sa.Column("composite", sa.Text, nullable=False),
        sa.Column("rank_county", sa.Integer),
        sa.Column("rank_township", sa.Integer),
        sa.Column("pay", sa.Text, nullable=False),
        sa.Column("bonus", sa.Text, nullable=False),
        sa.Column("change_kind", sa.String(8)),
        sa.Column("change_delta", sa.Integer),
    )
    op.create_index("ix_score_cadre_run", "score_cadre", ["run_id", "seq"])
    op.execute(sa.text("UPDATE meta SET value = '5' WHERE key = 'schema_version'"))


def downgrade() -> None:
    op.drop_index("ix_score_cadre_run", "score_cadre")
    op.drop_table("score_cadre")
    op.execute(sa.text("UPDATE meta SET value = '4' WHERE key = 'schema_version'"))
