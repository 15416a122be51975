"""Facts read from township submissions: cadres, honours, scores, deductions, progress.

Facts are values: nothing changes one once it is read (``dataclasses.replace`` makes a
changed copy). They are not declared frozen only because a frozen dataclass's ``__init__``
costs four times as much, and a province's import builds over a million of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from xingxian_cli.domain.text import doc_number_text, identity_text
from xingxian_cli.messages import places


@dataclass(slots=True)
class Source:
    """Where a fact came from: file › sheet › row (1-based Excel row)."""

    file: str
    sheet: str
    row: int
    report: int | None = None  # the stored submission it belongs to (file names can repeat)

    def __str__(self) -> str:
        return places.SOURCE.format(self.file, self.sheet, self.row)


@dataclass(slots=True)
class Cadre:
    person_id: str
    name: str
    township: str
    village: str
    position: str
    start_date: date
    politics: str | None = None
    education: str | None = None
    phone: str | None = None
    source: Source | None = None


@dataclass(slots=True)
class Honour:
    person_id: str
    name: str
    title: str
    level: str
    date: date
    doc_no: str | None = None
    source: Source | None = None

    @property
    def key(self) -> tuple[str, str, str, date]:
        """Identity across quarters: the same honour reported again counts once (its title
        as :func:`identity_text` folds it)."""
        return (self.person_id, identity_text(self.title), self.level, self.date)


@dataclass(slots=True)
class SystemScores:
    person_id: str
    name: str
    scores: dict[str, Decimal]  # system name -> score 0..100
    source: Source | None = None


@dataclass(slots=True)
class Deduction:
    person_id: str
    name: str
    measure: str  # 考核问责 / 负面情形 / 违纪违法
    situation: str | None
    outcome: str | None
    date: date
    doc_no: str | None = None
    source: Source | None = None

    @property
    def key(self) -> tuple[str, str, str, date, str]:
        """Identity across quarters: the same event reported again counts once (outcome as
        :func:`identity_text` folds it, document number as :func:`doc_number_text` does)."""
        return (self.person_id, self.measure, identity_text(self.outcome), self.date, doc_number_text(self.doc_no))


_EVENT_MARKS = str.maketrans("", "", "，,。.；;、：:！!？?“”\"'‘’（）()【】[]《》<> ")


def event_detail(item: object) -> str:
    """What tells two deductions of one identity (:attr:`Deduction.key`) apart within one
    report: their 情形 (punctuation aside), when no 文号 names the event; with one, nothing
    does (the document is the event). An honour: nothing."""
    if getattr(item, "doc_no", None) is None or not doc_number_text(item.doc_no):  # type: ignore[attr-defined]
        return identity_text(getattr(item, "situation", None)).translate(_EVENT_MARKS)
    return ""


@dataclass(slots=True)
class Progress:
    measure_id: str
    village: str | None  # None for township-level measures
    status: str  # canonical: 已完成 / 推进中 / 未启动
    value: str | None = None
    note: str | None = None
    source: Source | None = None


# What completion reads of a progress row: (measure id, village or None, status). Scoring
# a province reads 600,000 of them: as the database driver's plain tuples they cost a
# fraction of full Progress facts.
ProgressStatus = tuple[str, str | None, str]


@dataclass(slots=True)
class Economy:
    village: str
    last_year: Decimal  # 万元
    this_year: Decimal  # 万元
    source: Source | None = None


@dataclass(slots=True)
class Submission:
    """One township's workbook for one quarter, as read and normalised."""

    file: str
    township: str
    quarter: str
    sha256: str = ""
    filler: str | None = None
    phone: str | None = None
    fill_date: date | None = None
    cadres: list[Cadre] = field(default_factory=list)
    honours: list[Honour] = field(default_factory=list)
    scores: list[SystemScores] = field(default_factory=list)
    deductions: list[Deduction] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    economy: list[Economy] = field(default_factory=list)
