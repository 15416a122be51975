"""The store: SQLAlchemy Core over SQLite (default) or PostgreSQL.

Every fact row keeps its source (sheet, row) and belongs to a submission version; the
current version of a township's quarter is the one flagged ``is_current``.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine

from xingxian_cli.domain.diagnostics import Diagnostic
from xingxian_cli.domain.facts import (
    Cadre,
    Deduction,
    Economy,
    Honour,
    Progress,
    Source,
    Submission,
    SystemScores,
)
from xingxian_cli.domain.registry import Registry, Village

SCHEMA_VERSION = 1

metadata = MetaData()

meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))

registry_village = Table(
    "registry_village",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("county", String(32), nullable=False),
    Column("ord", Integer, nullable=False),
    Column("township", String(64), nullable=False),
    Column("name", String(64), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("code", String(32)),
    UniqueConstraint("county", "township", "name"),
)

submission = Table(
    "submission",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("county", String(32), nullable=False),
    Column("township", String(64), nullable=False),
    Column("quarter", String(8), nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("archive_path", String(512), nullable=False),
    Column("imported_at", String(32), nullable=False),
    Column("imported_by", String(64)),
    Column("filler", String(64)),
    Column("phone", String(32)),
    Column("fill_date", Date),
    Column("n_cadres", Integer, nullable=False),
    Column("n_rows", Integer, nullable=False),
    Column("n_warnings", Integer, nullable=False),
    UniqueConstraint("county", "township", "quarter", "version"),
    Index("ix_submission_lookup", "county", "quarter", "is_current"),
    Index("ix_submission_sha", "county", "sha256"),
)


def _fact_table(name: str, *cols: Column) -> Table:
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("submission_id", Integer, ForeignKey("submission.id", ondelete="CASCADE"), nullable=False, index=True),
        *cols,
        Column("src_sheet", String(64), nullable=False),
        Column("src_row", Integer, nullable=False),
    )


cadre = _fact_table(
    "cadre",
    Column("person_id", String(18), nullable=False, index=True),
    Column("name", String(64), nullable=False),
    Column("village", String(64), nullable=False),
    Column("position", String(32), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("politics", String(32)),
    Column("education", String(32)),
    Column("phone", String(32)),
)
honour = _fact_table(
    "honour",
    Column("person_id", String(18), nullable=False, index=True),
    Column("name", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("level", String(16), nullable=False),
    Column("date", Date, nullable=False),
    Column("doc_no", String(128)),
)
system_score = _fact_table(
    "system_score",
    Column("person_id", String(18), nullable=False),
    Column("name", String(64), nullable=False),
    Column("scores", Text, nullable=False),  # JSON: system name -> decimal string
)
deduction = _fact_table(
    "deduction",
    Column("person_id", String(18), nullable=False, index=True),
    Column("name", String(64), nullable=False),
    Column("measure", String(16), nullable=False),
    Column("situation", Text),
    Column("outcome", String(32)),
    Column("date", Date, nullable=False),
    Column("doc_no", String(128)),
)
progress = _fact_table(
    "progress",
    Column("measure_id", String(8), nullable=False),
    Column("village", String(64)),
    Column("status", String(8), nullable=False),
    Column("value", Text),
    Column("note", Text),
)
economy = _fact_table(
    "economy",
    Column("village", String(64), nullable=False),
    Column("last_year", String(32), nullable=False),  # decimal text, 万元
    Column("this_year", String(32), nullable=False),
)
issue = Table(
    "issue",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submission.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("code", String(64), nullable=False),
    Column("severity", String(8), nullable=False),
    Column("sheet", String(64)),
    Column("row", Integer),
    Column("column", String(8)),
    Column("header", String(64)),
    Column("value", Text),
    Column("message", Text, nullable=False),
    Column("hint", Text),
)
score_run = Table(
    "score_run",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("county", String(32), nullable=False),
    Column("quarter", String(8), nullable=False),
    Column("policy_version", String(64), nullable=False),
    Column("inputs_hash", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("missing", Text, nullable=False),  # JSON list of townships missing
    Column("result", Text, nullable=False),  # JSON document
    Index("ix_score_run", "county", "quarter"),
)
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("user", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", Text, nullable=False),
)

FACT_TABLES = (cadre, honour, system_score, deduction, progress, economy)


def _sqlite_setup(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN; we take it over so that every
    # write transaction is BEGIN IMMEDIATE (writers serialise instead of failing late).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        _sqlite_setup(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class SubmissionMeta:
    id: int
    township: str
    quarter: str
    version: int
    sha256: str
    file_name: str
    archive_path: str
    imported_at: str
    n_cadres: int
    n_rows: int
    n_warnings: int
    is_current: bool


@dataclass
class QuarterFacts:
    """Everything scoring needs for one quarter, with sources."""

    submissions: list[SubmissionMeta] = field(default_factory=list)
    cadres: list[Cadre] = field(default_factory=list)
    scores: dict[str, SystemScores] = field(default_factory=dict)
    honours: list[Honour] = field(default_factory=list)  # history up to this quarter
    deductions: list[Deduction] = field(default_factory=list)  # history up to this quarter
    progress: dict[str, list[Progress]] = field(default_factory=dict)  # township -> rows
    economy: dict[tuple[str, str], Economy] = field(default_factory=dict)
    warnings: list[tuple[str, Diagnostic]] = field(default_factory=list)  # (township, diag)


def _dec(v: Decimal) -> str:
    return format(v, "f")


class Store:
    """Repository over the workspace database; one instance per command."""

    def __init__(self, url: str, county: str):
        self.url = url
        self.county = county
        self.engine = make_engine(url)

    # --- schema -------------------------------------------------------------------
    def create_schema(self) -> None:
        metadata.create_all(self.engine)
        with self.engine.begin() as c:
            found = c.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
            if found is None:
                c.execute(insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))

    def schema_version(self) -> int | None:
        with self.engine.connect() as c:
            v = c.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
        return int(v) if v is not None else None

    def close(self) -> None:
        self.engine.dispose()

    # --- registry -----------------------------------------------------------------
    def replace_registry(self, reg: Registry) -> None:
        with self.engine.begin() as c:
            c.execute(registry_village.delete().where(registry_village.c.county == self.county))
            c.execute(
                insert(registry_village),
                [
                    {"county": self.county, "ord": i, "township": v.township, "name": v.name, "kind": v.kind, "code": v.code}
                    for i, v in enumerate(reg.villages)
                ],
            )

    def registry(self) -> Registry | None:
        with self.engine.connect() as c:
            rows = c.execute(
                select(registry_village.c.township, registry_village.c.name, registry_village.c.kind, registry_village.c.code)
                .where(registry_village.c.county == self.county)
                .order_by(registry_village.c.ord)
            ).all()
        return Registry(tuple(Village(*r) for r in rows)) if rows else None

    # --- submissions --------------------------------------------------------------
    def _meta_rows(self, c: Connection, *conds: Any) -> list[SubmissionMeta]:
        s = submission.c
        rows = c.execute(
            select(s.id, s.township, s.quarter, s.version, s.sha256, s.file_name, s.archive_path, s.imported_at,
                   s.n_cadres, s.n_rows, s.n_warnings, s.is_current)
            .where(s.county == self.county, *conds)
            .order_by(s.quarter, s.township, s.version)
        ).all()
        return [SubmissionMeta(*r) for r in rows]

    def find_by_sha(self, sha256: str, quarter: str) -> SubmissionMeta | None:
        with self.engine.connect() as c:
            rows = self._meta_rows(c, submission.c.sha256 == sha256, submission.c.quarter == quarter)
        return rows[-1] if rows else None

    def current_submissions(self, quarter: str) -> list[SubmissionMeta]:
        with self.engine.connect() as c:
            return self._meta_rows(c, submission.c.quarter == quarter, submission.c.is_current.is_(True))

    def history(self, quarter: str) -> list[SubmissionMeta]:
        with self.engine.connect() as c:
            return self._meta_rows(c, submission.c.quarter == quarter)

    def people_in_quarter(self, quarter: str) -> dict[str, tuple[str, str]]:
        """person_id -> (township, file) over the quarter's current submissions."""
        s = submission.c
        with self.engine.connect() as c:
            rows = c.execute(
                select(cadre.c.person_id, s.township, s.file_name)
                .join(submission, submission.c.id == cadre.c.submission_id)
                .where(s.county == self.county, s.quarter == quarter, s.is_current.is_(True))
            ).all()
        return {pid: (t, f) for pid, t, f in rows}

    def add_submission(
        self,
        sub: Submission,
        *,
        sha256: str,
        file_name: str,
        archive_path: str,
        warnings: Sequence[Diagnostic],
    ) -> tuple[int, int]:
        """Store one validated submission as the township's new current version.

        One transaction: either every row lands or none. Returns (submission id, version).
        """
        n_rows = sum(len(x) for x in (sub.cadres, sub.honours, sub.scores, sub.deductions, sub.progress, sub.economy))
        with self.engine.begin() as c:
            s = submission.c
            cond = (s.county == self.county, s.township == sub.township, s.quarter == sub.quarter)
            last = c.execute(select(func.max(s.version)).where(*cond)).scalar() or 0
            c.execute(update(submission).where(*cond).values(is_current=False))
            sid = c.execute(
                insert(submission).values(
                    county=self.county, township=sub.township, quarter=sub.quarter, version=last + 1,
                    is_current=True, sha256=sha256, file_name=file_name, archive_path=archive_path,
                    imported_at=datetime.now().isoformat(timespec="seconds"), imported_by=_user(),
                    filler=sub.filler, phone=sub.phone, fill_date=sub.fill_date,
                    n_cadres=len(sub.cadres), n_rows=n_rows, n_warnings=len(warnings),
                )
            ).inserted_primary_key[0]

            def src(x: Any) -> dict[str, Any]:
                return {"submission_id": sid, "src_sheet": x.source.sheet if x.source else "", "src_row": x.source.row if x.source else 0}

            batches: list[tuple[Table, list[dict[str, Any]]]] = [
                (cadre, [{**src(x), "person_id": x.person_id, "name": x.name, "village": x.village, "position": x.position,
                          "start_date": x.start_date, "politics": x.politics, "education": x.education, "phone": x.phone}
                         for x in sub.cadres]),
                (honour, [{**src(x), "person_id": x.person_id, "name": x.name, "title": x.title, "level": x.level,
                           "date": x.date, "doc_no": x.doc_no} for x in sub.honours]),
                (system_score, [{**src(x), "person_id": x.person_id, "name": x.name,
                                 "scores": json.dumps({k: _dec(v) for k, v in x.scores.items()}, ensure_ascii=False)}
                                for x in sub.scores]),
                (deduction, [{**src(x), "person_id": x.person_id, "name": x.name, "measure": x.measure,
                              "situation": x.situation, "outcome": x.outcome, "date": x.date, "doc_no": x.doc_no}
                             for x in sub.deductions]),
                (progress, [{**src(x), "measure_id": x.measure_id, "village": x.village, "status": x.status,
                             "value": x.value, "note": x.note} for x in sub.progress]),
                (economy, [{**src(x), "village": x.village, "last_year": _dec(x.last_year), "this_year": _dec(x.this_year)}
                           for x in sub.economy]),
                (issue, [{"submission_id": sid, "code": d.code, "severity": d.severity.value, "sheet": d.sheet, "row": d.row,
                          "column": d.column, "header": d.header, "value": d.value, "message": d.message, "hint": d.hint}
                         for d in warnings]),
            ]
            for table, rows in batches:
                if rows:
                    c.execute(insert(table), rows)
        return sid, last + 1

    # --- reading facts ------------------------------------------------------------
    def latest_roster(self, township: str, before: str) -> tuple[str | None, list[Cadre]]:
        """(quarter, roster) of the township's most recent current submission before ``before``."""
        s = submission.c
        with self.engine.connect() as c:
            found = c.execute(
                select(s.id, s.quarter).where(s.county == self.county, s.township == township, s.quarter < before,
                                              s.is_current.is_(True)).order_by(s.quarter.desc()).limit(1)
            ).first()
            if found is None:
                return None, []
            sid, quarter = found
            rows = c.execute(select(cadre).where(cadre.c.submission_id == sid).order_by(cadre.c.id)).mappings().all()
        return quarter, [Cadre(r["person_id"], r["name"], township, r["village"], r["position"], r["start_date"],
                               r["politics"], r["education"], r["phone"]) for r in rows]

    def quarter_facts(self, quarter: str) -> QuarterFacts:
        """Current submissions of ``quarter`` plus honour/deduction history up to it."""
        facts = QuarterFacts()
        with self.engine.connect() as c:
            facts.submissions = self._meta_rows(c, submission.c.quarter == quarter, submission.c.is_current.is_(True))
            by_id = {m.id: m for m in facts.submissions}
            if by_id:
                ids = list(by_id)
                for r in c.execute(select(cadre).where(cadre.c.submission_id.in_(ids)).order_by(cadre.c.id)).mappings():
                    m = by_id[r["submission_id"]]
                    facts.cadres.append(Cadre(r["person_id"], r["name"], m.township, r["village"], r["position"],
                                              r["start_date"], r["politics"], r["education"], r["phone"],
                                              Source(m.file_name, r["src_sheet"], r["src_row"])))
                for r in c.execute(select(system_score).where(system_score.c.submission_id.in_(ids))).mappings():
                    m = by_id[r["submission_id"]]
                    sc = {k: Decimal(v) for k, v in json.loads(r["scores"]).items()}
                    facts.scores[r["person_id"]] = SystemScores(r["person_id"], r["name"], sc,
                                                                Source(m.file_name, r["src_sheet"], r["src_row"]))
                for r in c.execute(select(progress).where(progress.c.submission_id.in_(ids)).order_by(progress.c.id)).mappings():
                    m = by_id[r["submission_id"]]
                    facts.progress.setdefault(m.township, []).append(
                        Progress(r["measure_id"], r["village"], r["status"], r["value"], r["note"],
                                 Source(m.file_name, r["src_sheet"], r["src_row"])))
                for r in c.execute(select(economy).where(economy.c.submission_id.in_(ids))).mappings():
                    m = by_id[r["submission_id"]]
                    facts.economy[(m.township, r["village"])] = Economy(
                        r["village"], Decimal(r["last_year"]), Decimal(r["this_year"]),
                        Source(m.file_name, r["src_sheet"], r["src_row"]))
                for r in c.execute(select(issue).where(issue.c.submission_id.in_(ids)).order_by(issue.c.id)).mappings():
                    m = by_id[r["submission_id"]]
                    facts.warnings.append((m.township, Diagnostic(
                        code=r["code"], severity=r["severity"], file=m.file_name, sheet=r["sheet"], row=r["row"],
                        column=r["column"], header=r["header"], value=r["value"], message=r["message"], hint=r["hint"] or "")))
            # History: honours and deductions from every current submission up to this quarter.
            hist = {m.id: m for m in self._meta_rows(c, submission.c.quarter <= quarter, submission.c.is_current.is_(True))}
            if hist:
                hids = list(hist)
                # Earliest quarter first, so deduplication keeps the first report's source.
                def first(t: Table) -> list[Any]:
                    rows = c.execute(select(t).where(t.c.submission_id.in_(hids))).mappings().all()
                    return sorted(rows, key=lambda r: (hist[r["submission_id"]].quarter, r["id"]))

                for r in first(honour):
                    m = hist[r["submission_id"]]
                    facts.honours.append(Honour(r["person_id"], r["name"], r["title"], r["level"], r["date"], r["doc_no"],
                                                Source(m.file_name, r["src_sheet"], r["src_row"])))
                for r in first(deduction):
                    m = hist[r["submission_id"]]
                    facts.deductions.append(Deduction(r["person_id"], r["name"], r["measure"], r["situation"], r["outcome"],
                                                      r["date"], r["doc_no"], Source(m.file_name, r["src_sheet"], r["src_row"])))
        return facts

    # --- score runs ---------------------------------------------------------------
    def save_score_run(self, quarter: str, policy_version: str, inputs_hash: str, missing: Iterable[str],
                       result: dict[str, Any]) -> None:
        with self.engine.begin() as c:
            c.execute(insert(score_run).values(
                county=self.county, quarter=quarter, policy_version=policy_version, inputs_hash=inputs_hash,
                created_at=datetime.now().isoformat(timespec="seconds"), missing=json.dumps(list(missing), ensure_ascii=False),
                result=json.dumps(result, ensure_ascii=False)))

    def latest_score_run(self, quarter: str) -> dict[str, Any] | None:
        r = score_run.c
        with self.engine.connect() as c:
            row = c.execute(
                select(r.policy_version, r.inputs_hash, r.created_at, r.missing, r.result)
                .where(r.county == self.county, r.quarter == quarter).order_by(r.id.desc()).limit(1)
            ).first()
        if row is None:
            return None
        return {"policy_version": row[0], "inputs_hash": row[1], "created_at": row[2],
                "missing": json.loads(row[3]), "result": json.loads(row[4])}

    def scored_quarters(self) -> list[str]:
        with self.engine.connect() as c:
            return list(c.execute(select(score_run.c.quarter).where(score_run.c.county == self.county)
                                  .distinct().order_by(score_run.c.quarter)).scalars())

    # --- audit --------------------------------------------------------------------
    def audit(self, action: str, detail: dict[str, Any]) -> None:
        with self.engine.begin() as c:
            c.execute(insert(audit_log).values(at=datetime.now().isoformat(timespec="seconds"), user=_user(),
                                               action=action, detail=json.dumps(detail, ensure_ascii=False)))

    def audit_entries(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            rows = c.execute(select(audit_log).order_by(audit_log.c.id)).mappings().all()
        return [dict(r) for r in rows]


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers)
        return "unknown"

