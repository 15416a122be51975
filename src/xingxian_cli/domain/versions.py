"""What changed between two versions of a township's file (``xx status --township``): pure."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from xingxian_cli.domain.ids import mask_numbers_in, mask_private_in
from xingxian_cli.domain.policy import plain_number
from xingxian_cli.messages import diagnostics as DM

# Per stored table: the workbook sheet key, the fields that say which row it is (a row whose key
# is in both versions is the same row, its other fields compared), and those compared.
_TABLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "cadre": ("roster", ("person_id",), ("name", "village", "position", "start_date", "politics", "education",
                                         "phone")),
    "system_score": ("scores", ("person_id",), ("scores",)),
    "honour": ("honours", ("person_id", "title", "level", "date"), ("doc_no",)),
    "deduction": ("deductions", ("person_id", "measure", "date"), ("situation", "outcome", "doc_no")),
    "progress": ("progress", ("measure_id", "village"), ("status", "value", "note")),
    "economy": ("economy", ("village",), ("last_year", "this_year")),
}

Rows = Mapping[str, Sequence[Mapping[str, Any]]]


@dataclass(frozen=True)
class FactChange:
    """One difference between two versions: a row ``added`` or ``removed``, or a field of a row
    in both ``changed``; where the row is in the newer file (in the older, when removed)."""

    kind: Literal["added", "removed", "changed"]
    sheet: str  # the sheet key (roster, scores, …)
    person_id: str | None
    name: str | None  # the cadre's name, or None for a village's or a measure's row
    subject: str  # what the row is of, beyond the person: a village, a measure and its village, an honour …
    field: str | None  # the changed field (a system's name for a score), None when added or removed
    before: str | None
    after: str | None
    src_sheet: str
    src_row: int


def version_changes(old: Rows, new: Rows, *, mask: Callable[[str | None], str | None]) -> list[FactChange]:
    """Every row added, removed or changed from ``old`` to ``new`` (both as
    ``Store.fact_rows`` gives them), sheet by sheet, in the newer file's row order. Phones pass
    through ``mask``."""
    out: list[FactChange] = []
    for table, (sheet, key_fields, fields) in _TABLES.items():
        before, after = _keyed(old.get(table, ()), key_fields), _keyed(new.get(table, ()), key_fields)
        for k, r in after.items():
            was = before.get(k)
            if was is None:
                out.append(_row_change("added", table, sheet, r))
                continue
            for f in fields:
                if f == "scores":
                    a, b = _scores(was.get(f)), _scores(r.get(f))
                    for system in dict.fromkeys((*b, *a)):
                        if a.get(system) != b.get(system):
                            out.append(_field_change(table, sheet, r, system, a.get(system), b.get(system)))
                elif (shown := _shown(was.get(f), r.get(f), f, mask)) is not None:
                    out.append(_field_change(table, sheet, r, f, *shown))
        out += [_row_change("removed", table, sheet, r) for k, r in before.items() if k not in after]
    return out


def info_changes(old: Mapping[str, Any], new: Mapping[str, Any], *, sheet: str,
                 mask: Callable[[str | None], str | None]) -> list[FactChange]:
    """What 基本信息 says differently (填报人, 联系电话, 填报日期: ``filler``, ``phone``,
    ``fill_date``) from one version to the next."""
    out = []
    for f in ("filler", "phone", "fill_date"):
        if (shown := _shown(old.get(f), new.get(f), f, mask)) is not None:
            out.append(FactChange("changed", "info", None, None, "", f, *shown, sheet, 0))
    return out


def _shown(a: Any, b: Any, field: str, mask: Callable[[str | None], str | None]) -> tuple[str | None, str | None] | None:
    """A field's two values as shown (a phone masked) when they differ as written (None: the
    same); a phone changed only where the mask hides says so (review: masked numbers compared equal)."""
    if _text(a, field) == _text(b, field):
        return None
    before, after = _text(a, field, mask), _text(b, field, mask)
    if before == after:
        after = DM.CHANGED_HIDDEN.format(value=after)
    return before, after


def _keyed(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> dict[tuple[Any, ...], Mapping[str, Any]]:
    """The rows by what says which row each is (the n-th of rows alike, the same n in both versions)."""
    out: dict[tuple[Any, ...], Mapping[str, Any]] = {}
    seen: dict[tuple[Any, ...], int] = {}
    for r in rows:
        k = tuple(_text(r.get(f), f) for f in fields)
        seen[k] = seen.get(k, 0) + 1
        out[(*k, seen[k])] = r
    return out


def _text(value: Any, field: str = "", mask: Callable[[str | None], str | None] | None = None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    if field in _FIGURES:  # 30 as the clerk wrote it, not the 30.0 stored
        try:
            return plain_number(Decimal(str(value)))
        except (InvalidOperation, ValueError):
            return str(value)
    if mask is None:  # compared: as written
        return str(value)
    # shown: a phone masked, and an ID typed into any text (a 文号, a 情形) as everywhere (R141); a
    # phone typed after the 填报人's name too
    return mask(str(value)) if field == "phone" else mask_numbers_in(str(value)) if field in _NAMES \
        else mask_private_in(str(value))


_FIGURES = frozenset({"last_year", "this_year", "value"})  # 万元 "12.50" and "12.5" are one value


def _scores(text: Any) -> dict[str, str]:
    """A stored row's six scores (system -> the score as written, trailing zeros dropped)."""
    if not text:
        return {}
    out = {}
    for system, v in json.loads(text).items():
        try:
            out[system] = plain_number(Decimal(str(v)))
        except (InvalidOperation, ValueError):
            out[system] = str(v)
    return out


def _subject(table: str, row: Mapping[str, Any]) -> str:
    return mask_private_in(_subject_text(table, row))  # (an ID typed into an honour's title: R141)


def _subject_text(table: str, row: Mapping[str, Any]) -> str:
    if table == "honour":
        return DM.CHANGE_HONOUR.format(title=row.get("title"), level=row.get("level"), date=_text(row.get("date")))
    if table == "deduction":
        return DM.CHANGE_DEDUCTION.format(measure=row.get("measure"), date=_text(row.get("date")))
    if table == "progress":
        return " ".join(str(x) for x in (row.get("measure_id"), row.get("village")) if x)
    if table == "economy":
        return str(row.get("village"))
    return ""


def _row_change(kind: Literal["added", "removed"], table: str, sheet: str, row: Mapping[str, Any]) -> FactChange:
    return FactChange(kind, sheet, row.get("person_id"), _name(row), _subject(table, row), None, None, None,
                      row["src_sheet"], row["src_row"])


def _field_change(table: str, sheet: str, row: Mapping[str, Any], field: str, before: str | None,
                  after: str | None) -> FactChange:
    return FactChange("changed", sheet, row.get("person_id"), _name(row), _subject(table, row), field, before,
                      after, row["src_sheet"], row["src_row"])


def _name(row: Mapping[str, Any]) -> str | None:
    name = row.get("name")
    return None if name is None else mask_numbers_in(str(name))


_NAMES = frozenset({"name", "filler"})  # a person's name: any number pasted into it masked (R141, R146)
