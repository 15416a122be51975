"""Schema 3: no index on the fact tables' person IDs.

``cadre``, ``honour`` and ``deduction`` had an index on ``person_id`` that no query uses
(facts are always read by submission); each one cost every imported row a second index
insert (a tenth of an import's inserts) and a province five megabytes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "3"
down_revision = "2"
branch_labels = None
depends_on = None

DROPPED = {"ix_cadre_person_id": "cadre", "ix_honour_person_id": "honour", "ix_deduction_person_id": "deduction"}


def upgrade() -> None:
    for index, table in DROPPED.items():
        op.drop_index(index, table_name=table)
    op.execute(sa.text("UPDATE meta SET value = '3' WHERE key = 'schema_version'"))


def downgrade() -> None:
    for index, table in DROPPED.items():
        op.create_index(index, table, ["person_id"])
    op.execute(sa.text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
