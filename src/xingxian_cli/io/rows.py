"""How a checked submission becomes database rows, built where the file was checked.

The worker process that checked a file turns its facts into plain row tuples here, in the
column order of the store's fact tables, so that the main process only runs the inserts
(pickling tuples of text costs a tenth of pickling the fact objects, and building them in
the workers spreads the work over the cores). Pure: no database library is imported, so a
worker started before the main process loaded SQLAlchemy never loads it.

Dates are ISO text and amounts decimal text, exactly as the store writes and reads them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from xingxian_cli.domain.diagnostics import Diagnostic
from xingxian_cli.domain.facts import Source, Submission

# Each fact table's columns in insert order; every table also has ``id`` (generated) and
# ``submission_id`` (first on insert). ``io.store`` checks its tables against these.
FACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "cadre": ("person_id", "name", "village", "position", "start_date", "politics", "education", "phone",
              "src_sheet", "src_row"),
    "honour": ("person_id", "name", "title", "level", "date", "doc_no", "src_sheet", "src_row"),
    "system_score": ("person_id", "name", "scores", "src_sheet", "src_row"),
    "deduction": ("person_id", "name", "measure", "situation", "outcome", "date", "doc_no", "src_sheet", "src_row"),
    "progress": ("measure_id", "village", "status", "value", "note", "src_sheet", "src_row"),
    "economy": ("village", "last_year", "this_year", "src_sheet", "src_row"),
}
ISSUE_COLUMNS = ("code", "severity", "sheet", "row", "column", "header", "value", "message", "hint")

Row = tuple[Any, ...]
# One encoder for every row: json.dumps with options builds a new encoder per call, which
# cost more than encoding a row's few scores. Same output as json.dumps(ensure_ascii=False).
_JSON = json.JSONEncoder(ensure_ascii=False)


@dataclass
class SubmissionRows:
    """One submission ready to store: its header values and each fact table's rows."""

    file: str
    township: str
    quarter: str
    filler: str | None
    phone: str | None
    fill_date: date | None
    tables: dict[str, list[Row]] = field(default_factory=dict)

    @property
    def n_cadres(self) -> int:
        return len(self.tables.get("cadre", ()))

    @property
    def n_rows(self) -> int:
        return sum(len(rows) for rows in self.tables.values())

    def people(self) -> list[tuple[str, str | None, int | None]]:
        """(person ID, sheet, row) of each roster row, for the checks across files."""
        return [(r[0], r[-2] or None, r[-1] or None) for r in self.tables.get("cadre", ())]

    def starts(self) -> list[tuple[str, date | None, str, int, str]]:
        """(person ID, 任职起始日期, sheet, row, village) of each roster row, for the check
        against earlier quarters (``domain.intake.against_earlier``)."""
        return [(r[0], date.fromisoformat(r[4]) if r[4] else None, r[-2], r[-1], r[2])
                for r in self.tables.get("cadre", ())]

    def deductions(self) -> list[tuple[str, str, str | None, date, str | None, str, int]]:
        """(person ID, 措施, 处理结果, 发生日期, 文号, sheet, row) of each deduction row, for the
        check against earlier quarters (``domain.intake.relisted_deductions``)."""
        return [(r[0], r[2], r[4], date.fromisoformat(r[5]), r[6], r[7], r[8])
                for r in self.tables.get("deduction", ()) if r[5]]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _src(s: Source | None) -> tuple[str, int]:
    return (s.sheet, s.row) if s is not None else ("", 0)


def submission_rows(sub: Submission) -> SubmissionRows:
    """The rows of every fact table for ``sub``, in :data:`FACT_COLUMNS` order."""
    tables = {
        "cadre": [(x.person_id, x.name, x.village, x.position, _iso(x.start_date), x.politics, x.education,
                   x.phone, *_src(x.source)) for x in sub.cadres],
        "honour": [(x.person_id, x.name, x.title, x.level, _iso(x.date), x.doc_no, *_src(x.source))
                   for x in sub.honours],
        "system_score": [(x.person_id, x.name,
                          _JSON.encode({k: format(v, "f") for k, v in x.scores.items()}),
                          *_src(x.source)) for x in sub.scores],
        "deduction": [(x.person_id, x.name, x.measure, x.situation, x.outcome, _iso(x.date), x.doc_no,
                       *_src(x.source)) for x in sub.deductions],
        # The largest table (hundreds of rows a file): its source unpacked inline.
        "progress": [(x.measure_id, x.village, x.status, x.value, x.note, s.sheet, s.row)
                     if (s := x.source) is not None else (x.measure_id, x.village, x.status, x.value, x.note, "", 0)
                     for x in sub.progress],
        "economy": [(x.village, format(x.last_year, "f"), format(x.this_year, "f"), *_src(x.source))
                    for x in sub.economy],
    }
    return SubmissionRows(sub.file, sub.township, sub.quarter, sub.filler, sub.phone, sub.fill_date, tables)


def issue_rows(warnings: Iterable[Diagnostic]) -> list[Row]:
    """The ``issue`` table's rows for a stored file's warnings, in :data:`ISSUE_COLUMNS` order."""
    return [(d.code, d.severity.value, d.sheet, d.row, d.column, d.header, d.value, d.message, d.hint)
            for d in warnings]


def columns_match(table_columns: Sequence[str], table: str) -> bool:
    """Whether a store table's columns are ``id``, ``submission_id`` and this module's order."""
    wanted = FACT_COLUMNS[table] if table in FACT_COLUMNS else ISSUE_COLUMNS
    return list(table_columns) == ["id", "submission_id", *wanted]
