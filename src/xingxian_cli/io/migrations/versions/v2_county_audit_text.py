"""Schema 2: audit entries belong to a county; free text is TEXT on every engine.

- ``audit_log.county``: with several counties in one database each officer sees only their
  own county's log. Entries written before are given the database's county when it holds
  exactly one, else '' (kept, shown to no county: they cannot be attributed).
- Free text from workbooks, registry files and the config becomes TEXT. PostgreSQL
  enforces VARCHAR(n) where SQLite ignores it, so a 70-character 填报人 would load on a
  laptop and be refused by the server. SQLite is left as it is: its VARCHAR(n) columns
  already take any length (same TEXT affinity), and changing a declared type would mean
  copying every table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2"
down_revision = "1"
branch_labels = None
depends_on = None

WIDENED: dict[str, tuple[str, ...]] = {
    "registry_village": ("county", "township", "name", "code"),
    "submission": ("county", "township", "file_name", "imported_by", "filler", "phone"),
    "cadre": ("name", "village", "position", "politics", "education", "phone", "src_sheet"),
    "honour": ("name", "doc_no", "src_sheet"),
    "system_score": ("name", "src_sheet"),
    "deduction": ("name", "outcome", "doc_no", "src_sheet"),
    "progress": ("village", "src_sheet"),
    "economy": ("village", "last_year", "this_year", "src_sheet"),
    "issue": ("sheet", "header"),
    "score_run": ("county", "policy_version"),
    "audit_log": ("user",),
}


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("audit_log", sa.Column("county", sa.Text, nullable=False, server_default=""))
    counties = bind.execute(sa.text(
        "SELECT county FROM submission UNION SELECT county FROM registry_village UNION SELECT county FROM score_run"
    )).scalars().all()
    if len(counties) == 1:
        bind.execute(sa.text("UPDATE audit_log SET county = :c"), {"c": counties[0]})
    op.create_index("ix_audit_log_county", "audit_log", ["county"])
    if bind.dialect.name != "sqlite":
        for table, columns in WIDENED.items():
            for column in columns:
                op.alter_column(table, column, type_=sa.Text)
    op.execute(sa.text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))


def downgrade() -> None:
    op.drop_index("ix_audit_log_county", "audit_log")
    op.drop_column("audit_log", "county")
    op.execute(sa.text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
