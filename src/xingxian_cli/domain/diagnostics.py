"""One diagnostics model for every problem found in user data."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from xingxian_cli.domain.ids import mask_private_in
from xingxian_cli.messages import places
from xingxian_cli.messages.diagnostics import CATALOGUE


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# Codes whose default severity is a warning; every other code is an error.
WARNING_CODES: frozenset[str] = frozenset(
    {
        "village-no-secretary",
        "policy-rule-unused",
        "registry-other-county",
        "registry-other-counties",
        "registry-near-twins",  # 城关 and 城关村 in one township: loaded, and said (review R113)
        "registry-type-differs",  # 南关社区 typed 村: loaded, and said
        "registry-name-reused",  # a renamed village's old name given to another: loaded, and said
        "registry-village-renamed",  # the same 区划代码 under a new name: its stored facts follow it (R123)
        "deduction-relisted-differs",  # an earlier quarter's event in other words: counted twice
        "start-date-changed",  # tenure counts from the new date
        "village-changed",  # in another village of the township than last quarter: moved, or misplaced
        "village-two-heads",  # a village has one of each head's post: one of the two likely left
        "village-no-cadres",
        "name-line-break",  # 温泽⏎宇: kept as written, said before it prints over two lines
        "honour-outside-window",
        "deduction-outside-window",
        "honour-repeated",
        "deduction-repeated",
        "progress-repeated",  # a progress row pasted twice, word for word: counted once
        "hidden-row",
        "rows-hidden",  # as hidden-row, for many rows hidden at once: one warning
        "rows-filtered",  # as hidden-row, for the rows a filter left on the sheet hides: one warning
        "struck-row",
        "formula-external",  # a value a formula takes from another workbook: the one saved is read
        "score-shown-rounded",  # 89.6 formatted to show 90: the stars follow the one stored
        "value-merged-down",  # one score merged over two cadres' rows: read as each one's
        "value-hidden-under-merge",  # a value hidden under an area merged down: the one shown is read
        "value-covered-in-row",  # a value of its own under an area on one row: read as it is, said
        "sheet-hidden",
        "sheet-copy-not-read",
        "file-quarter-mismatch",
        "progress-missing",
        "template-other-policy",  # the reason of the unknown-measure-id errors beside it, said once
        "progress-measure-absent",  # as progress-missing, for every village of a measure with no row at all
        "progress-village-missing",  # as progress-missing, for every village-level measure of one village
        "progress-unfilled",  # as progress-missing, for every measure: nothing reported
        "economy-missing",
        "economy-missing-several",  # as economy-missing, for every village of a file outside the bonus quarter
        "status-value-differs",  # 已完成 beside 完成值 30%: the status counts, the clerk to confirm
        "status-note-check",  # 已完成 with a note worth a second look, read as 已完成
        "status-note-higher",  # 推进中（已完成）: read as written, the township's credit maybe too low
        "roster-vacant",  # 姓名 空缺: a post nobody holds, not read
        "row-label-skipped",  # 以下为新任人员 alone between data rows: a label, not read; the rows under it are
        "scores-vacant",  # the same post's score row, no ID and no score: not read
        "roster-note-left",  # 备注 已辞职: read as in post (free text may tell of others), to be looked at
        "roster-aside-left",  # the same written beside the table, no header over it
        "roster-column-left",  # … or in a column of the table that holds no note (联系电话 已离任)
        "level-note-check",  # 县级（未附文件）: the level counted, the note to look at
        "income-shown-rounded",  # 10.004 shown as 10.00: the stored figure read, the bonus said
        "status-note-other",  # 推进中（实际未启动）: counted as written, the note to look at
        "outcome-note-check",  # 警告（复查中）: the outcome counted as written, the note to look at
        # domain.md §5 does not refuse it (as missing progress rows): imported, the heads'
        # bonus counted 0, and said so where the officer looks (import, status, report)
        "economy-missing-bonus",
        "income-blank",  # one figure of a village's two: no data for it, as a row left out
        "number-large",
        "outcome-not-listed",
        # a result another measure rates otherwise (开除党籍 under 考核问责): kept as text, as
        # §4a says, and counted by its own measure; a veto meant but filed elsewhere is one star
        "outcome-of-other-measure",
        "date-future",
        "formula-cell",
        "fill-date-future",
        "fill-date-early",
        "roster-id-pending",
        "roster-name-only-pending",
        "age-implausible",  # an ID valid in every other way: the clerk confirms it
        "info-contact-missing",  # the guide asks for them; only needed to call back about the file
        "position-leaves-later",  # held all the period: rated and paid; next quarter's roster drops them
        # read as the post held, the note speaking of it changing hands: rated and paid, the officer
        # checks (free-text rules cannot know every way a clerk says a cadre left)
        "position-note-change",
    }
)

Code = StrEnum("Code", {k.replace("-", "_").upper(): k for k in CATALOGUE})  # type: ignore[misc]
"""Stable kebab-case codes, one per catalogue entry (``Code.ID_CHECKSUM == "id-checksum"``)."""


class Diagnostic(BaseModel):
    """A problem in user data, located as precisely as the data allows."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    file: str | None = None
    sheet: str | None = None
    row: int | None = None  # 1-based Excel row number as the user sees it
    column: str | None = None  # column letter, e.g. "C"
    header: str | None = None  # column header as written in the sheet
    value: str | None = None
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def title(self) -> str:
        return CATALOGUE[self.code].title

    def location(self) -> str:
        """Return ``file › sheet › 第N行 › header`` with the parts that are known."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(self.sheet)
        if self.row:
            parts.append(places.row_text(self.row))
        if self.header or self.column:
            parts.append(places.column_text(self.header, self.column))
        return places.SEP.join(parts)

    def text(self) -> str:
        """Return the one-line message with location and hint."""
        loc = self.location()
        head = f"{loc}: {self.message}" if loc else self.message
        return f"{head} — {self.hint}" if self.hint else head


QUOTED_MAX = 200  # characters of a cell's text a diagnostic quotes
QUOTED_HEAD = 120  # of a longer one, its start is quoted, and its length said


def shortened(text: str) -> str:
    """``text`` as a diagnostic quotes it: whole up to QUOTED_MAX characters, else its start
    and how long it is."""
    return text if len(text) <= QUOTED_MAX else text[:QUOTED_HEAD] + places.CUT.format(n=len(text))


def make(
    code: str,
    *,
    file: str | None = None,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    header: str | None = None,
    value: Any = None,
    severity: Severity | None = None,
    **ctx: Any,
) -> Diagnostic:
    """Build a diagnostic whose message and hint come from the catalogue template."""
    entry = CATALOGUE[code]
    # A cell quoted in a message is cut: one of 32,767 characters (or a hostile file's
    # megabytes) quoted whole made validate's table take minutes (review R72).
    # Lists and paths the checks put in a message are theirs to bound (review R74: a registry's
    # 28 villages were cut as if one long cell).
    value = shortened(value) if isinstance(value, str) else value
    header = shortened(header) if isinstance(header, str) else header
    fill = {"value": "" if value is None else value, "column": header or column or "", **ctx}
    if severity is None:
        severity = Severity.WARNING if code in WARNING_CODES else Severity.ERROR
    return Diagnostic(
        code=code,
        severity=severity,
        file=file,
        sheet=sheet,
        row=row,
        column=column,
        header=header,
        # An ID in any other cell (pasted into the wrong column) is masked as the ID column is.
        value=None if value is None else mask_private_in(str(value)),
        message=mask_private_in(entry.template.format(**fill)),
        hint=mask_private_in(entry.hint.format(**fill)),
    )


class DataError(Exception):
    """Raised when processing cannot continue; carries the diagnostics that explain why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(d.text() for d in diagnostics))
        self.diagnostics = diagnostics
