"""Schema 1: the store as first released (tables created by the first ``xx init``)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "1"
down_revision = None
branch_labels = None
depends_on = None


def _fact(name: str, *cols: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("submission_id", sa.Integer, sa.ForeignKey("submission.id", ondelete="CASCADE"), nullable=False),
        *cols,
        sa.Column("src_sheet", sa.String(64), nullable=False),
        sa.Column("src_row", sa.Integer, nullable=False),
    )
    op.create_index(f"ix_{name}_submission_id", name, ["submission_id"])


def upgrade() -> None:
    meta = op.create_table("meta", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text))
    op.create_table(
        "registry_village",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("county", sa.String(32), nullable=False),
        sa.Column("ord", sa.Integer, nullable=False),
        sa.Column("township", sa.String(64), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("code", sa.String(32)),
        sa.UniqueConstraint("county", "township", "name"),
    )
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("county", sa.String(32), nullable=False),
        sa.Column("township", sa.String(64), nullable=False),
        sa.Column("quarter", sa.String(8), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("archive_path", sa.String(512), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("imported_by", sa.String(64)),
        sa.Column("filler", sa.String(64)),
        sa.Column("phone", sa.String(32)),
        sa.Column("fill_date", sa.Date),
        sa.Column("n_cadres", sa.Integer, nullable=False),
        sa.Column("n_rows", sa.Integer, nullable=False),
        sa.Column("n_warnings", sa.Integer, nullable=False),
        sa.UniqueConstraint("county", "township", "quarter", "version"),
    )
    op.create_index("ix_submission_lookup", "submission", ["county", "quarter", "is_current"])
    op.create_index("ix_submission_sha", "submission", ["county", "sha256"])
    _fact(
        "cadre",
        sa.Column("person_id", sa.String(18), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("village", sa.String(64), nullable=False),
        sa.Column("position", sa.String(32), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("politics", sa.String(32)),
        sa.Column("education", sa.String(32)),
        sa.Column("phone", sa.String(32)),
    )
    op.create_index("ix_cadre_person_id", "cadre", ["person_id"])
    _fact(
        "honour",
        sa.Column("person_id", sa.String(18), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("doc_no", sa.String(128)),
    )
    op.create_index("ix_honour_person_id", "honour", ["person_id"])
    _fact(
        "system_score",
        sa.Column("person_id", sa.String(18), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("scores", sa.Text, nullable=False),
    )
    _fact(
        "deduction",
        sa.Column("person_id", sa.String(18), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("measure", sa.String(16), nullable=False),
        sa.Column("situation", sa.Text),
        sa.Column("outcome", sa.String(32)),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("doc_no", sa.String(128)),
    )
    op.create_index("ix_deduction_person_id", "deduction", ["person_id"])
    _fact(
        "progress",
        sa.Column("measure_id", sa.String(8), nullable=False),
        sa.Column("village", sa.String(64)),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("note", sa.Text),
    )
    _fact(
        "economy",
        sa.Column("village", sa.String(64), nullable=False),
        sa.Column("last_year", sa.String(32), nullable=False),
        sa.Column("this_year", sa.String(32), nullable=False),
    )
    op.create_table(
        "issue",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("submission_id", sa.Integer, sa.ForeignKey("submission.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("sheet", sa.String(64)),
        sa.Column("row", sa.Integer),
        sa.Column("column", sa.String(8)),
        sa.Column("header", sa.String(64)),
        sa.Column("value", sa.Text),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("hint", sa.Text),
    )
    op.create_index("ix_issue_submission_id", "issue", ["submission_id"])
    op.create_table(
        "score_run",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("county", sa.String(32), nullable=False),
        sa.Column("quarter", sa.String(8), nullable=False),
        sa.Column("policy_version", sa.String(64), nullable=False),
        sa.Column("inputs_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("missing", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
    )
    op.create_index("ix_score_run", "score_run", ["county", "quarter"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.bulk_insert(meta, [{"key": "schema_version", "value": "1"}])


def downgrade() -> None:
    for name in ("audit_log", "score_run", "issue", "economy", "progress", "deduction", "system_score", "honour",
                 "cadre", "submission", "registry_village", "meta"):
        op.drop_table(name)
