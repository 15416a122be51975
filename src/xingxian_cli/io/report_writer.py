"""The report workbook of ``xx report``: nine print-ready sheets, streamed with xlsxwriter."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_col_to_name

from xingxian_cli.domain.ids import mask_id
from xingxian_cli.domain.policy import json_number, policy_fingerprint
from xingxian_cli.domain.ranking import TaskResult, TownshipResult, VillageResult, township_tasks
from xingxian_cli.domain.scoring import CadreResult, PreviousCadre, VillageBonus
from xingxian_cli.errors import os_error_reason
from xingxian_cli.io.atomic import written_whole
from xingxian_cli.messages import places
from xingxian_cli.messages import report as msg
from xingxian_cli.messages.common import LIST_SEP
from xingxian_cli.messages.scoring import BONUS_VETOED, STATUS, rule_titles, stars_text
from xingxian_cli.messages.workbook import WORKBOOK_FONT

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

    from xingxian_cli.domain.diagnostics import Diagnostic
    from xingxian_cli.domain.policy import Policy
    from xingxian_cli.domain.registry import Registry
    from xingxian_cli.services.scoring import ScoreOutcome

_ZERO = Decimal(0)
_Person = TypeVar("_Person", CadreResult, PreviousCadre)

# Every workbook-level conversion of text is off: township text must stay text even if a
# caller ever used write(); the writer itself only calls write_string for text.
_MAX_PAGE_BREAKS = 1023  # what Excel takes in one sheet

# A report of more cadres than this is streamed to disk row by row (XlsxWriter's constant
# memory: each row written out as the next begins, text inline); a smaller one is kept in
# memory until it is closed, with its text shared: a county's (1,500) is written in 0.41 s
# instead of 0.52–0.65 s, for some 30 MB more at this bound.
STREAM_FROM_CADRES = 5_000
_WORKBOOK_OPTIONS = {
    "default_format_properties": dict(WORKBOOK_FONT),
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

# Column kinds: number format, default width (Excel character units) and alignment.
_KINDS: dict[str, dict[str, Any]] = {
    "text": {},  # plain text needs no format: the cell is then as cheap as a bare one
    "wrap": {"text_wrap": True, "valign": "top"},
    "center": {"align": "center", "valign": "vcenter"},
    "center_wrap": {"align": "center", "valign": "vcenter", "text_wrap": True},  # short as a rule, now and then long
    "int": {"num_format": "0", "align": "center", "valign": "vcenter"},
    "yuan": {"num_format": "#,##0", "valign": "vcenter"},
    "pct": {"num_format": "0.00%", "valign": "vcenter"},
}
_NUMBER_WIDTH = {"int": 6, "yuan": 12, "pct": 9, "rate": 9, "composite": 7, "mean_stars": 7}
# A header wider than this wraps onto two lines instead of widening the column: 乡镇排名 over
# a column of ranks stands as 乡镇 / 排名, and the sheets print larger one page wide.
_HEADER_WRAP = 6
# A header with its unit in brackets (村干部(人), 合计(元)) stays on one line up to the old
# width: split in two it breaks inside the bracket (review R77).
_HEADER_WRAP_UNIT = 12
_PAD = 2


class ReportWriteError(Exception):
    """The workbook could not be written (folder missing, file open in Excel, disk full)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.written: list[Path] = []  # what the same run wrote before (the county workbook)

    @property
    def os_error(self) -> OSError | None:
        """The system's error under this one (xlsxwriter wraps it), if any: what the hint is for."""
        return _os_error_in(self.__cause__ or self.__context__)


def _os_error_in(exc: BaseException | None) -> OSError | None:
    """``exc`` if it is the system's error, else the first one it was raised from or during."""
    while exc is not None and not isinstance(exc, OSError):
        exc = exc.__cause__ or exc.__context__
    return exc


# The sheets that carry resident IDs (full ones with --unmask).
ID_SHEETS = tuple(msg.SHEETS[key] for key in ("cadres", "payroll", "departed", "deductions", "basis"))


@dataclass(frozen=True)
class ReportFile:
    """What was written: the path, the scope (None = county) and the figures it holds."""

    path: Path
    township: str | None
    cadres: int
    total_pay: Decimal
    total_bonus: Decimal
    unmasked: bool


def text_width(text: str) -> int:
    """Display width in Excel character units: CJK and other wide characters count 2.

    UTF-8 length is 1 byte for ASCII and 3 for CJK, so (bytes + chars) / 2 gives 1 and 2
    without a Python loop over characters (this runs for every text cell of the report).
    """
    return (len(text.encode()) + len(text)) >> 1


def is_report(path: Path) -> bool:
    """Whether ``path`` is a workbook with the report's first sheet (总览): a report this tool
    wrote, saved since or not — one an officer may write a new report over."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return f'<sheet name="{msg.SHEETS["overview"]}"'.encode() in book


def added_sheets(path: Path) -> list[str]:
    """The sheets of the report at ``path`` that no report of this tool has: ones an officer
    added (领导批示, a pivot of 村排名), which writing a new report over it would lose (review
    R119)."""
    import html
    import re
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return []
    ours = set(msg.SHEETS.values())
    names = (html.unescape(m.group(1)) for m in re.finditer(r'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"', book))
    return [n for n in names if n not in ours]


def earlier_report(path: Path) -> tuple[str, str, str] | None:
    """The 数据核对码, 生成时间 and quarter (2022Q4) a county report at ``path`` shows on its 总览
    (None: not such a report, or unreadable): which figures a report about to be written over
    was made from."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is no report of ours to keep
        return None
    try:
        if msg.SHEETS["overview"] not in wb.sheetnames:
            return None
        found = {str(row[0]): str(row[1]) for row in wb[msg.SHEETS["overview"]].iter_rows(
            max_row=60, max_col=2, values_only=True) if len(row) == 2 and row[0] and row[1] is not None}
    finally:
        wb.close()
    inputs = next((found[k] for k in (msg.OV_INPUTS, *msg.OV_INPUTS_BEFORE) if k in found), None)
    generated = found.get(msg.OV_GENERATED)
    quarter = re.search(r"\d{4}Q[1-4]", found.get(msg.OV_QUARTER, ""))  # 2022年第四季度（2022Q4）
    return (inputs, generated, quarter.group(0) if quarter else "") if inputs and generated else None


def report_content(path: Path) -> tuple[str, tuple[tuple[str, tuple[tuple[object, ...], ...]], ...]] | None:
    """A report's 生成时间 and every sheet's values but that cell (None: not such a report, or
    unreadable): two township workbooks with equal contents say the same to the township."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = tuple((name, tuple(tuple(row) for row in wb.get_sheet_by_name(name).to_python()))
                       for name in wb.sheet_names)
    except Exception:  # noqa: BLE001 - any unreadable file is no report of ours to keep
        return None
    overview = dict(sheets).get(msg.SHEETS["overview"], ())
    generated = next((row[1] for row in overview if len(row) > 1 and row[0] == msg.OV_GENERATED), None)
    if not isinstance(generated, str):
        return None
    rest = tuple((name, tuple(row for row in rows if not (name == msg.SHEETS["overview"] and row
                                                          and row[0] == msg.OV_GENERATED)))
                 for name, rows in sheets)
    return generated, rest


def report_file_name(township: str, quarter: str) -> str:
    """``<乡镇>_<季度>_考核结果.xlsx`` with characters Windows forbids in names replaced."""
    safe = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in township).strip(" .")
    return msg.PER_TOWNSHIP_FILE.format(township=safe or "_", quarter=quarter)


# --- What one workbook shows -----------------------------------------------------------------


@dataclass
class _View:
    """The outcome narrowed to one scope: the whole county or one township."""

    township: str | None
    cadres: list[CadreResult]  # ranking order
    placed: list[CadreResult]  # registry order: township, village, position, name
    townships: list[TownshipResult]
    tasks: list[TaskResult]
    villages: list[VillageResult]
    warnings: list[Diagnostic]
    departed: list[PreviousCadre]  # registry order: in the previous quarter, not in this one
    moved_to: dict[str, str] = field(default_factory=dict)  # of those, person id -> township now (moved away)
    bonus: list[VillageBonus] = field(default_factory=list)  # each village's bonus (a quarter that pays it)
    refused: frozenset[str] = frozenset()  # townships not sent whose file was refused (to be sent again)
    # of those in scope: township -> (the refused file, its errors, its first error located)
    refusals: dict[str, tuple[str, int, str | None]] = field(default_factory=dict)

    def sent(self, township: str, submitted: Collection[str]) -> str:
        """已报送, 已拒收 or 未报送."""
        if township in submitted:
            return msg.SUBMITTED
        return msg.REFUSED if township in self.refused else msg.MISSING


def _placed(cadres: Sequence[_Person], policy: Policy, registry: Registry) -> list[_Person]:
    return sorted(cadres, key=registry.place_key(policy.positions))


def _view(
    o: ScoreOutcome,
    policy: Policy,
    registry: Registry,
    township: str | None,
    files: Mapping[str, str] | None,
) -> _View:
    if township is None:
        return _View(None, list(o.cadres), _placed(o.cadres, policy, registry), list(o.townships),
                     list(o.tasks), list(o.villages), list(o.warnings), _placed(o.departed, policy, registry),
                     bonus=list(o.village_bonus))
    cadres = [c for c in o.cadres if c.township == township]
    towns = [t for t in o.townships if t.township == township]
    tasks = township_tasks(policy, towns[0], o.tasks) if towns else []
    if len(o.warning_townships) == len(o.warnings):  # each warning's township, as stored
        warnings = [d for d, t in zip(o.warnings, o.warning_townships, strict=True) if t == township]
    else:  # by the file each names (two townships' files of one name cannot be told apart)
        owner = dict(files) if files is not None else {f: t for t, (f, _v) in o.sources.items()}
        warnings = [d for d in o.warnings if d.file is not None and owner.get(d.file) == township]
    # Who left the township: gone from the county, or moved to another township (whose own
    # file lists them; here their pay stops all the same).
    moved = {p.person_id: now for p, now in o.moved if p.township == township}
    departed = [p for p in o.departed if p.township == township]
    departed += [p for p, _now in o.moved if p.person_id in moved]
    return _View(township, cadres, _placed(cadres, policy, registry), towns, tasks,
                 [v for v in o.villages if v.township == township], warnings, _placed(departed, policy, registry),
                 moved, [b for b in o.village_bonus if b.township == township])


# --- Sheet machinery -------------------------------------------------------------------------


def _shown(decimals: int) -> str:
    """A number format showing ``decimals`` places (0 -> "0", 2 -> "0.00")."""
    return "0." + "0" * decimals if decimals > 0 else "0"


def _policy_kinds(policy: Policy) -> dict[str, dict[str, Any]]:
    """The column kinds whose decimals the policy sets: a composite of three places shown with
    two would show two cadres ranked apart as equal (review R79)."""
    sr, done = policy.star_rules, policy.completion
    return {
        # a completion rate of 4 places (0.5313) is a percent of 2 (53.13%)
        "rate": {"num_format": _shown(max(done.rate_decimals - 2, 0)) + "%", "valign": "vcenter"},
        "composite": {"num_format": _shown(sr.composite_decimals), "align": "center", "valign": "vcenter"},
        "mean_stars": {"num_format": _shown(done.mean_stars_decimals), "align": "center", "valign": "vcenter"},
    }


class _Formats:
    """The workbook's cell formats, created once."""

    def __init__(self, wb: xlsxwriter.Workbook, policy: Policy) -> None:
        self.title = wb.add_format({"bold": True, "font_size": 14, "valign": "vcenter"})
        self.header = wb.add_format({
            "bold": True, "text_wrap": True, "align": "center", "valign": "vcenter",
            "border": 1, "bg_color": "#DDEBF7",
        })
        self.label = wb.add_format({"bold": True, "valign": "top", "bg_color": "#F2F2F2"})
        kinds = {**_KINDS, **_policy_kinds(policy)}
        self.rate_format: str = kinds["rate"]["num_format"]  # (the chart's labels too)
        self.plain: dict[str, Format | None] = {k: wb.add_format(v) if v else None for k, v in kinds.items()}
        self.strong = {k: wb.add_format({**v, "bold": True, "bg_color": "#F2F2F2", "top": 1}) for k, v in kinds.items()}


@dataclass(frozen=True)
class _Col:
    label: str
    kind: str = "text"
    max_width: int = 30


class _Table:
    """One sheet: a title row, a header row, then data rows written strictly in order."""

    def __init__(self, book: _Book, key: str, columns: Sequence[_Col], title: str | None = None) -> None:
        self.book = book
        self.ws: Worksheet = book.wb.add_worksheet(msg.SHEETS[key])
        self.columns = columns
        self.plain = [book.fmt.plain[c.kind] for c in columns]
        self.strong = [book.fmt.strong[c.kind] for c in columns]
        self.widths = [
            _NUMBER_WIDTH.get(c.kind, 4) for c in columns
        ]
        self.header_widths = [
            w if w <= (_HEADER_WRAP_UNIT if "(" in c.label or "（" in c.label else _HEADER_WRAP)
            else max(_HEADER_WRAP, (w + 1) // 2)
            for w, c in ((text_width(c.label), c) for c in columns)
        ]
        # Bound methods looked up once: add() runs for every row of every sheet.
        self._string = self.ws.write_string
        self._number = self.ws.write_number
        ws = self.ws
        ws.set_row(0, 24)
        ws.write_string(0, 0, title or book.title(key), book.fmt.title)
        ws.set_row(1, 32)
        for i, c in enumerate(columns):
            ws.write_string(1, i, c.label, book.fmt.header)
        self.row = 2

    def add(self, values: Sequence[object], strong: bool = False) -> None:
        """Write one row; text with write_string (never a formula), numbers with write_number."""
        r = self.row
        self.row = r + 1
        fmts = self.strong if strong else self.plain
        widths = self.widths
        string, number = self._string, self._number
        for i, v in enumerate(values):
            if v is None:
                continue
            if v.__class__ is str:
                if len(v) > EXCEL_MAX_TEXT:  # type: ignore[arg-type]
                    v = _fit(v)  # type: ignore[arg-type]
                string(r, i, v, fmts[i])  # type: ignore[arg-type]
                w = (len(v.encode()) + len(v)) >> 1  # type: ignore[attr-defined]  # text_width, inlined
                if w > widths[i]:
                    widths[i] = w
            else:
                number(r, i, v, fmts[i])  # type: ignore[arg-type]

    def note(self, text: str) -> None:
        """Write a line of text under the rows so far, in the second column, past the table's
        widths on purpose (a sign-off line: its width is no column's)."""
        self.ws.write_string(self.row, 1, text)
        self.row += 1

    def finish(self, *, filter_: bool = True, freeze: int = 0) -> int:
        """Set widths, freeze the header (and the ``freeze`` columns on its left) and filter
        it, set up printing; return the last row."""
        ws = self.ws
        last = max(self.row - 1, 1)
        for i, c in enumerate(self.columns):
            width = max(min(self.widths[i], c.max_width), self.header_widths[i])
            ws.set_column(i, i, width + _PAD)
        if self.row == 2:  # nothing to list: say so rather than leave a bare header
            ws.write_string(2, 0, msg.NO_ROWS)
            last = 2
        ws.freeze_panes(2, freeze)
        # An unmasked ID is text: no "number stored as text" flag inviting a click that makes it
        # a number and rounds it to 15 digits (review R73)
        ws.ignore_errors({"number_stored_as_text": f"A1:{xl_col_to_name(len(self.columns) - 1)}{last + 1}"})
        if filter_:
            ws.autofilter(1, 0, last, len(self.columns) - 1)
        self.book.print_setup(ws, repeat=True)
        return last


class _Book:
    """A workbook being written: formats, titles and the print set-up every sheet shares."""

    def __init__(self, path: Path, policy: Policy, quarter: str, scope: str, generated: str, missing: int,
                 refused: int = 0, *, cadres: int) -> None:
        self.path = path
        self.policy = policy
        self.quarter = quarter
        self.scope = scope
        self.generated = generated
        self.replaces: str | None = None  # the earlier report of other figures this one was written over
        # Every title of a quarter not all townships sent says so: leaders see the printed page.
        # (a township whose file was refused has sent something: said so, as the ranking says 已拒收)
        self.note = ((msg.TITLE_PROVISIONAL_REFUSED if refused else msg.TITLE_PROVISIONAL).format(n=missing)
                     if missing else "")
        # & starts a code in a header or footer: the texts' own are doubled.
        self.footer = msg.FOOTER.format(**{k: str(v).replace("&", "&&") for k, v in (
            ("quarter", quarter), ("note", self.note), ("version", policy.version), ("generated", generated))})
        # Zipped in memory, then written in one go (see _write_book): a zip xlsxwriter leaves
        # open on a full disk tries again when collected, and prints a traceback (review R133).
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buffer, {**_WORKBOOK_OPTIONS, "constant_memory": cadres > STREAM_FROM_CADRES})
        self.fmt = _Formats(self.wb, policy)
        self.titles = rule_titles(len(policy.star_rules.deductions.measures))  # each rule's, by the policy
        self.ident: Callable[[str], str] = mask_id  # how a resident ID is written (unmasked: as it is)

    def title(self, key: str, extra: str = "") -> str:
        """The sheet's title, then ``extra`` and the provisional note; a title ending in brackets
        takes the note into them (R105: 「…）（…」 read as a slip)."""
        title = msg.TITLES[key].format(scope=self.scope, quarter=self.quarter) + extra
        if title.endswith("）") and self.note.startswith("（"):
            return title[:-1] + "；" + self.note[1:]
        return title + self.note

    def print_setup(self, ws: Worksheet, *, repeat: bool) -> None:
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.center_horizontally()
        ws.hide_gridlines(0)  # 0: gridlines on screen and on paper
        ws.set_footer(self.footer)
        if repeat:
            ws.repeat_rows(0, 1)


# --- The sheets -------------------------------------------------------------------------------


def _quarter_cn(o: ScoreOutcome) -> str:
    return msg.QUARTER_CN.format(year=o.quarter.year, q=o.quarter.q)


def _change_counts(o: ScoreOutcome, v: _View) -> str:
    """Cadres per kind of star change against the previous quarter, over the view: its
    cadres, and those of its previous quarter this one has not."""
    from xingxian_cli.messages.scoring import CHANGE_KINDS

    ids = {c.person_id for c in v.cadres} | {p.person_id for p in v.departed if p.person_id not in v.moved_to}
    n: dict[str, int] = {}
    for pid, ch in o.changes.items():
        if pid in ids:  # 未定星 in both quarters counts as 仍未定星, as the cadre sheet says it
            n[ch.shown_kind] = n.get(ch.shown_kind, 0) + 1
    counts = [f"{CHANGE_KINDS[k]} {n[k]}" for k in CHANGE_KINDS if n.get(k)]
    if v.moved_to:
        counts.append(msg.MOVED_AWAY_COUNT.format(n=len(v.moved_to)))
    return msg.CHANGE_SEP.join(counts) or msg.OV_NONE


def _overview(
    book: _Book,
    o: ScoreOutcome,
    v: _View,
    *,
    unmask: bool,
    county_townships: int,
) -> None:
    f = book.fmt
    ws = book.wb.add_worksheet(msg.SHEETS["overview"])
    ws.set_row(0, 24)
    ws.write_string(0, 0, book.title("overview"), f.title)
    ws.write_string(1, 0, msg.OVERVIEW_COLS[0], f.header)
    ws.write_string(1, 1, msg.OVERVIEW_COLS[1], f.header)
    ws.write_blank(1, 2, None, f.header)
    cadres = v.cadres
    pay = sum((c.pay for c in cadres), _ZERO)
    bonus = sum((c.bonus for c in cadres), _ZERO)
    counts = {s: 0 for s in STATUS}
    for c in cadres:
        counts[c.status] += 1
    rows: list[tuple[str, object, str]] = [
        (msg.OV_QUARTER, f"{_quarter_cn(o)}（{o.quarter}）", "text"),
        (msg.OV_SCOPE, v.township or msg.SCOPE_COUNTY, "text"),
        (msg.OV_POLICY, msg.OV_POLICY_VALUE.format(version=o.policy_version, fingerprint=policy_fingerprint(book.policy))
         if v.township is None else o.policy_version, "text"),
    ]
    if o.policy_kept is not None and v.township is None:  # a closed quarter kept to its policy (the county's book)
        rows.append((msg.OV_POLICY_KEPT, msg.OV_POLICY_KEPT_VALUE.format(used=o.policy_kept[0], now=o.policy_kept[1]),
                     "wrap"))
    if o.registry_kept is not None and v.township is None:  # ... and to its registry
        rows.append((msg.OV_REGISTRY_KEPT, msg.OV_REGISTRY_KEPT_VALUE.format(used=o.registry_kept[0],
                                                                             now=o.registry_kept[1]), "wrap"))
    if v.township is None:
        rows += [
            (msg.OV_SUBMITTED, _names(o.submitted), "wrap"),
            (msg.OV_MISSING, _names(o.missing), "wrap"),
        ]
        if v.refused:
            rows.append((msg.OV_REFUSED, _names([t for t in o.missing if t in v.refused]), "wrap"))
    else:
        town = v.townships[0] if v.townships else None
        rows += [
            (msg.OV_SENT, v.sent(v.township, o.submitted), "text"),
            (msg.OV_TOWNSHIP_RANK,
             msg.OV_RANK.format(rank=town.rank, total=county_townships) if town else msg.OV_NONE, "text"),
            (msg.OV_TOWNSHIP_RATE, float(town.rate_rounded) if town else 0.0, "rate"),
        ]
    rows += [
        (msg.OV_CADRES, len(cadres), "int"),
        (msg.OV_RATED, counts["rated"], "int"),
        (msg.OV_UNRATED, counts["unrated"], "int"),
        (msg.OV_VETOED, counts["vetoed"], "int"),
        (msg.OV_PAY, json_number(pay), "yuan"),
        (msg.OV_BONUS, json_number(bonus), "yuan"),
        (msg.OV_TOTAL, json_number(pay + bonus), "yuan"),
        (msg.OV_PREVIOUS, msg.OV_PREVIOUS_POLICY.format(quarter=o.previous_quarter, used=o.previous_policy.used,
                                                        now=o.previous_policy.now) if o.previous_policy is not None
         else o.previous_quarter or msg.OV_NO_PREVIOUS, "wrap" if o.previous_policy is not None else "text"),
        *([(msg.OV_CHANGES, _change_counts(o, v), "wrap")] if o.previous_quarter is not None else []),
        # (a township's own workbook goes to a township, which runs no xx: no commands, no
        # fingerprints, review R94)
        (msg.OV_EXPLAIN, (msg.OV_EXPLAIN_VALUE if v.township is None else msg.OV_EXPLAIN_TOWNSHIP).format(
            quarter=o.quarter, sheets=msg.OV_EXPLAIN_SHEETS + (msg.OV_EXPLAIN_BONUS_SHEET if v.bonus else "")), "wrap"),
        (msg.OV_MASK, msg.OV_UNMASKED if unmask else msg.OV_MASKED if v.township is None else msg.OV_MASKED_TOWNSHIP,
         "wrap"),
        *([(msg.OV_INPUTS, o.inputs_hash, "text")] if v.township is None else []),
        *([(msg.OV_REPLACES, book.replaces, "wrap")] if book.replaces else []),
        # The only cell that differs between two runs on the same inputs.
        (msg.OV_GENERATED, book.generated, "text"),
    ]
    left = f.plain
    r = 2
    for label, value, kind in rows:
        ws.write_string(r, 0, label, f.label)
        if isinstance(value, str):
            ws.write_string(r, 1, value, left[kind])
        else:
            ws.write_number(r, 1, value, left[kind])  # type: ignore[arg-type]
        r += 1

    # Star distribution of rated cadres, highest first, with a column chart.
    r += 1
    for i, label in enumerate(msg.DIST_COLS):
        ws.write_string(r, i, label, f.header)
    head = r
    dist: dict[int, int] = {}
    for c in cadres:
        if c.status == "rated" and c.stars is not None:
            dist[c.stars] = dist.get(c.stars, 0) + 1
    rated = counts["rated"]
    sr = book.policy.star_rules
    for stars in range(sr.max_stars, sr.min_stars - 1, -1):
        r += 1
        n = dist.get(stars, 0)
        ws.write_string(r, 0, msg.DIST_LABEL.format(stars=stars), left["center"])
        ws.write_number(r, 1, n, left["int"])
        ws.write_number(r, 2, n / rated if rated else 0.0, left["pct"])
    chart = book.wb.add_chart({"type": "column"})
    sheet = msg.SHEETS["overview"]
    chart.add_series({
        "name": msg.CHART_DIST,
        "categories": [sheet, head + 1, 0, r, 0],
        "values": [sheet, head + 1, 1, r, 1],
        "data_labels": {"value": True},
        "fill": {"color": "#4472C4"},
    })
    chart.set_title({"name": msg.CHART_DIST})
    chart.set_legend({"none": True})
    chart.set_y_axis({"name": msg.CHART_DIST_Y})
    chart.set_size({"width": 640, "height": 300})
    ws.insert_chart(r + 2, 0, chart)
    ws.set_h_pagebreaks([r + 1])  # the chart starts a printed page instead of being cut by one
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 70)
    ws.set_column(2, 2, 14)
    book.print_setup(ws, repeat=False)


_OV_LISTED = 40  # townships an overview cell names: a prefecture's 150 overflow the tallest row (R106)


def _names(names: Sequence[str]) -> str:
    if not names:
        return msg.OV_NONE
    if len(names) > _OV_LISTED:
        return msg.OV_NAMES_CUT.format(n=len(names), names="、".join(names[:_OV_LISTED]))
    return msg.OV_NAMES.format(n=len(names), names="、".join(names))


def _source(o: ScoreOutcome, township: str) -> str | None:
    """The submitted file (and its version) a township's figures come from."""
    src = o.sources.get(township)
    return places.VERSIONED_FILE.format(file=src[0], version=src[1]) if src else None


def _townships(book: _Book, o: ScoreOutcome, v: _View, registry: Registry) -> None:
    cols = [_Col(msg.TOWNSHIP_COLS[0], "int"), _Col(msg.TOWNSHIP_COLS[1]), _Col(msg.TOWNSHIP_COLS[2], "center"),
            _Col(msg.TOWNSHIP_COLS[3], "rate"), _Col(msg.TOWNSHIP_COLS[4], "int"), _Col(msg.TOWNSHIP_COLS[5], "int"),
            _Col(msg.TOWNSHIP_COLS[6], "yuan"), _Col(msg.TOWNSHIP_COLS[7], "text", 40)]
    t = _Table(book, "townships", cols)
    people: dict[str, int] = {}
    pay: dict[str, Decimal] = {}
    for c in v.cadres:
        people[c.township] = people.get(c.township, 0) + 1
        pay[c.township] = pay.get(c.township, _ZERO) + c.pay + c.bonus  # 发放合计: as 总览's
    submitted = set(o.submitted)
    for row in v.townships:
        t.add((
            row.rank, row.township, v.sent(row.township, submitted),
            float(row.rate_rounded), len(registry.by_township.get(row.township, ())),
            people.get(row.township, 0), json_number(pay.get(row.township, _ZERO)), _source(o, row.township),
        ))
    last = t.finish()
    if v.townships:  # under the filtered rows, so a sort leaves it last
        t.add((None, msg.GRAND_TOTAL + book.note, None, None, sum(len(registry.by_township.get(r.township, ()))
                                                              for r in v.townships),
               sum(people.values()), json_number(sum(pay.values(), _ZERO)), None), True)
    if v.townships:
        sheet = msg.SHEETS["townships"]
        chart = book.wb.add_chart({"type": "bar"})
        chart.add_series({
            "name": msg.CHART_TOWNSHIPS,
            "categories": [sheet, 2, 1, last, 1],
            "values": [sheet, 2, 3, last, 3],
            "data_labels": {"value": True, "num_format": book.fmt.rate_format},
            "fill": {"color": "#5B9BD5"},
        })
        chart.set_title({"name": msg.CHART_TOWNSHIPS})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True})  # best first, as in the table
        chart.set_x_axis({"num_format": "0%", "min": 0, "max": 1})
        chart.set_size({"width": 720, "height": max(220, 40 + 26 * len(v.townships))})
        t.ws.insert_chart(last + 3, 0, chart)
        t.ws.set_h_pagebreaks([last + 2])  # print the chart whole on its own page


def _tasks(book: _Book, policy: Policy, v: _View) -> None:
    cols = [_Col(msg.TASK_COLS[0], max_width=24), _Col(msg.TASK_COLS[1], "center"), _Col(msg.TASK_COLS[2], max_width=40),
            _Col(msg.TASK_COLS[3], "rate"), _Col(msg.TASK_COLS[4], "int"), _Col(msg.TASK_COLS[5], "wrap", 70)]
    t = _Table(book, "tasks", cols)
    area = {a: i for i, a in enumerate(policy.task_areas)}
    by_id = policy.measure_by_id
    for task in sorted(v.tasks, key=lambda x: area.get(x.area, len(area))):
        measures = "；".join(f"{m} {by_id[m].title}" if m in by_id else m for m in task.measures)
        t.add((task.area, task.task_id, task.title, float(task.rate_rounded), len(task.measures), measures))
    t.finish()


def _villages(book: _Book, o: ScoreOutcome, v: _View) -> None:
    cols = [_Col(msg.VILLAGE_COLS[0], "int"), _Col(msg.VILLAGE_COLS[1]), _Col(msg.VILLAGE_COLS[2]),
            _Col(msg.VILLAGE_COLS[3], "center"), _Col(msg.VILLAGE_COLS[4], "rate"), _Col(msg.VILLAGE_COLS[5], "mean_stars"),
            _Col(msg.VILLAGE_COLS[6], "text", 24)]
    t = _Table(book, "villages", cols)
    sent = set(o.submitted)
    for row in v.villages:
        if row.township in sent:
            # no cadre with stars (none listed, or all 未定星): ranked by 0, said as none (R98)
            t.add((row.rank, row.township, row.village, row.kind, float(row.rate_rounded), float(row.mean_stars),
                   None if row.counted else msg.VILLAGE_NO_STARS))
        else:  # ranked last with nothing done: said why, not read as a village of 0 % and 0 stars (review R73)
            t.add((row.rank, row.township, row.village, row.kind, 0.0, 0.0,
                   msg.VILLAGE_NOT_SENT.format(said=v.sent(row.township, sent))))
    t.finish()


_CADRE_FROZEN = 5  # 村干部星级's columns kept in view when scrolling right: the ranks, 乡镇, 村(社区), 姓名


def _cadres(book: _Book, o: ScoreOutcome, v: _View) -> None:
    kinds = ("int", "int", "text", "text", "text", "center", "text", "int", "int", "int", "int",
             "center", "int", "composite", "center_wrap", "center", "wrap")
    stars_col = 12  # 星数, the star count as a number: the colour scale goes there
    # 较上季度 and 否决原因 wrap in narrow columns: few cadres moved or were vetoed, and wide
    # ones would shrink the whole sheet when it is printed one page wide.
    cols = [_Col(label, kind, 14 if "wrap" in kind else 30) for label, kind in zip(msg.CADRE_COLS, kinds, strict=True)]
    t = _Table(book, "cadres", cols)
    max_stars = book.policy.star_rules.max_stars
    star_texts: dict[tuple[str, int | None], str] = {}
    change_texts: dict[tuple[str, int | None], str] = {}
    status_texts = dict(STATUS)
    changes = o.changes if o.previous_quarter is not None else {}
    add, ident = t.add, book.ident
    for c in v.cadres:
        key = (c.status, c.stars)
        stars = star_texts.get(key)
        if stars is None:
            stars = star_texts[key] = stars_text(c.stars, c.status, max_stars)
        ch = changes.get(c.person_id)
        change = None
        if ch is not None:
            kind = ch.shown_kind  # 取消评星 in both quarters is no news (review R62), nor 持平 (R112)
            ck = (kind, ch.delta)
            change = change_texts.get(ck)
            if change is None:
                change = change_texts[ck] = msg.CHANGE[kind].format(delta=abs(ch.delta or 0))
            if ch.moved_from is not None:  # where their stars were given last quarter
                was_town, was_village = ch.moved_from
                change += msg.CHANGE_MOVED.format(place=was_village if was_town == c.township else was_town + was_village)
            if ch.namesake is not None:  # one person under two IDs?
                change += msg.CHANGE_NAMESAKE
        # A 未定星 or vetoed cadre has no stars of their own: no base, added or deducted ones either.
        rated = c.status == "rated"
        add((
            c.rank_county, c.rank_township, c.township, c.village, c.name, ident(c.person_id), c.position,
            c.tenure_years, c.base if rated else None, c.added if rated else None,
            c.deducted if rated else None, stars, c.stars, float(c.composite), change,
            status_texts[c.status], c.veto_reason,
        ))
    # 17 columns: the rank, place and name stay in sight while a reader scrolls to the stars (R105)
    last = t.finish(freeze=_CADRE_FROZEN)
    sr = book.policy.star_rules
    if v.cadres:
        t.ws.conditional_format(2, stars_col, last, stars_col, {
            "type": "3_color_scale",
            "min_type": "num", "min_value": sr.min_stars, "min_color": "#F8696B",
            "mid_type": "num", "mid_value": (sr.min_stars + sr.max_stars) / 2, "mid_color": "#FFEB84",
            "max_type": "num", "max_value": sr.max_stars, "max_color": "#63BE7B",
        })


def _payroll(book: _Book, v: _View) -> tuple[Decimal, Decimal]:
    kinds = ("int", "text", "text", "text", "text", "text", "center", "yuan", "yuan", "yuan", "text")
    cols = [_Col(label, kind) for label, kind in zip(msg.PAYROLL_COLS, kinds, strict=True)]
    # masked IDs cannot be paid to: said on the sheet itself, which is printed alone (review R94)
    t = _Table(book, "payroll", cols, title=book.title("payroll", msg.PAYROLL_MASKED if v.township is None else msg.PAYROLL_MASKED_TOWNSHIP)
               if book.ident is mask_id else None)
    max_stars = book.policy.star_rules.max_stars
    star_texts: dict[tuple[str, int | None], str] = {}
    add = t.add
    pay_total = bonus_total = _ZERO
    town: str | None = None
    town_pay = town_bonus = _ZERO
    seq = 0
    breaks: list[int] = []  # the row after each township's sign-off: it ends its page

    def close(township: str, pay: Decimal, bonus: Decimal) -> None:
        if v.township is not None:
            return  # one township's payroll: its total is the township's, a subtotal would repeat it (R102)
        # the county's payroll: each township's page is signed on its own (R98), and ends after it;
        # the county's total and sign-off have a page of their own (R102: they were on the last township's)
        add(_subtotal(township, pay, bonus), True)
        t.note(msg.PAYROLL_TOWN_CAPITAL.format(township=township, amount=capital_yuan(pay + bonus)))
        t.note(msg.PAYROLL_TOWN_SIGN)
        breaks.append(t.row)

    for c in v.placed:
        if c.township != town:
            if town is not None:
                close(town, town_pay, town_bonus)
            # each township's page is signed on its own: its rows are numbered from 1 (R105)
            town, town_pay, town_bonus, seq = c.township, _ZERO, _ZERO, 0
        key = (c.status, c.stars)
        stars = star_texts.get(key)
        if stars is None:
            stars = star_texts[key] = stars_text(c.stars, c.status, max_stars)
        seq += 1
        pay, bonus = c.pay, c.bonus
        town_pay += pay
        town_bonus += bonus
        add((seq, c.township, c.village, c.name, book.ident(c.person_id), c.position,
             stars, json_number(pay), json_number(bonus), json_number(pay + bonus)))
        pay_total += pay
        bonus_total += bonus
    if town is not None:
        close(town, town_pay, town_bonus)
    # The totals are the exact Decimal sums of the rows above, written once as numbers.
    add((None, msg.GRAND_TOTAL + book.note, None, None, None, None, None, json_number(pay_total), json_number(bonus_total),
         json_number(pay_total + bonus_total)), True)
    t.widths[10] = max(t.widths[10], 12)  # room for a signature
    # No filter: one over the township subtotals and the total would hide a township's
    # subtotal with its people, and a sort would scatter them among the people.
    last = t.finish(filter_=False)
    t.ws.set_h_pagebreaks(breaks[:_MAX_PAGE_BREAKS])
    # Under the table, as a payroll is signed: the total in capital numerals, then who drew
    # it up and who checked it (written past the table's columns' widths on purpose).
    t.ws.write_string(last + 1, 1, msg.PAYROLL_CAPITAL.format(amount=capital_yuan(pay_total + bonus_total)))
    t.ws.write_string(last + 3, 1, msg.PAYROLL_SIGN)
    return pay_total, bonus_total


def capital_yuan(amount: Decimal) -> str:
    """An amount of yuan in capital numerals: 8961065 -> 捌佰玖拾陆万壹仟零陆拾伍元整."""
    import cn2an

    text: str = cn2an.an2cn(format(amount, "f"), "rmb")
    return text


def _subtotal(township: str, pay: Decimal, bonus: Decimal) -> tuple[object, ...]:
    return (None, msg.SUBTOTAL.format(township=township), None, None, None, None, None,
            json_number(pay), json_number(bonus), json_number(pay + bonus))


def _bonus(book: _Book, v: _View) -> None:
    """Each village's collective-economy bonus, in a quarter that pays it: the figures, the rule
    and the cell they come from, then who receives how much (the payroll's 集体经济奖励 column).
    Every village of the townships that sent is listed, also one that qualifies with no one on
    its roster to receive it, or whose heads are all vetoed: its figures still show."""
    kinds = ("text", "text", "wrap", "yuan", "int", "yuan", "wrap")
    widths = (30, 30, 60, 30, 30, 30, 40)
    # (township, village) -> [rule hit, per-cadre amount, receivers, total, vetoed heads]
    villages: dict[tuple[str, str], list] = {(b.township, b.village): [b.hit, b.amount, 0, _ZERO, 0] for b in v.bonus}
    for c in v.placed:
        for h in c.rules:
            if h.rule == "bonus":
                key = (c.township, c.village)
                row = villages.get(key)
                if row is None:  # a village the registry no longer lists in its township
                    row = villages[key] = [h, h.amount or _ZERO, 0, _ZERO, 0]
                elif row[0].text == BONUS_VETOED and h.text != BONUS_VETOED:
                    row[0], row[1] = h, h.amount or _ZERO  # the village's figures, not a vetoed cadre's "not paid"
                if h.text == BONUS_VETOED:
                    row[4] += 1
                elif c.bonus:
                    row[2] += 1
                    row[3] += c.bonus
                break
    if not villages:
        return  # not a quarter that pays the bonus
    cols = [_Col(label, kind, w) for label, kind, w in zip(msg.BONUS_COLS, kinds, widths, strict=True)]
    t = _Table(book, "bonus", cols)
    for (township, village), (hit, amount, receivers, total, vetoed) in villages.items():
        if hit.text == BONUS_VETOED:  # every head vetoed, and the village not in the registry's list
            text = msg.BONUS_ALL_VETOED.format(village=village)
        else:
            text = hit.text
            if vetoed and amount:
                text += msg.BONUS_SOME_VETOED.format(n=vetoed)
            elif amount and not receivers:
                text += msg.BONUS_NO_HEADS.format(heads=LIST_SEP.join(book.policy.pay.bonus.positions))
        t.add((township, village, text, json_number(amount), receivers, json_number(total), hit.source))
    t.finish()
    # under the filtered rows, so a sort leaves it last: as the payroll's 集体经济奖励 column sums
    t.add((msg.GRAND_TOTAL + book.note, None, None, None, sum(r[2] for r in villages.values()),
           json_number(sum((r[3] for r in villages.values()), _ZERO)), None), True)


def _departed(book: _Book, o: ScoreOutcome, v: _View) -> None:
    """Who the previous quarter had and this one has not: their pay stops, so say who."""
    kinds = ("text", "text", "text", "text", "text", "center", "wrap")
    widths = (30, 30, 30, 30, 30, 30, 40)
    cols = [_Col(label, kind, w) for label, kind, w in zip(msg.DEPARTED_COLS, kinds, widths, strict=True)]
    t = _Table(book, "departed", cols)
    if o.previous_quarter is None:
        t.add((msg.OV_NO_PREVIOUS,))
    max_stars = book.policy.star_rules.max_stars
    missing = set(o.missing)
    namesakes = {pid for pid, ch in o.changes.items() if ch.namesake is not None}
    for p in v.departed:
        t.add((p.township, p.village, p.name, book.ident(p.person_id), p.position,
               stars_text(p.stars, p.status, max_stars),
               msg.DEPARTED_MOVED.format(township=v.moved_to[p.person_id]) if p.person_id in v.moved_to
               else msg.DEPARTED_NOT_SENT if p.township in missing
               else msg.DEPARTED_NAMESAKE if p.person_id in namesakes else msg.DEPARTED_NOT_LISTED))
    t.finish()


def _deductions(book: _Book, v: _View) -> None:
    kinds = ("text", "text", "text", "text", "center", "int", "wrap", "wrap")
    widths = (30, 30, 30, 30, 30, 30, 44, 30)
    cols = [_Col(label, kind, w) for label, kind, w in zip(msg.DEDUCTION_COLS, kinds, widths, strict=True)]
    t = _Table(book, "deductions", cols)
    add = t.add
    titles = {**msg.KINDS, "deduction": book.titles["deduction"]}
    for c in v.placed:
        masked: str | None = None
        for h in c.rules:
            rule = h.rule
            if rule == "deduction" or rule == "veto":
                if masked is None:
                    masked = book.ident(c.person_id)
                # stars taken, as 村干部星级's 降星 counts them (positive); none shown for a cadre
                # vetoed or not rated, on whom the event has no effect on stars
                taken = (-h.delta if h.delta else 0) if c.status == "rated" else None
                # a veto event outside the window (delta 0, not None) is listed, and counts for nothing
                kind = titles[rule] + (msg.KIND_NOT_COUNTED if rule == "veto" and h.delta == 0 else "")
                add((c.township, c.village, c.name, masked, kind, taken, h.text, h.source))
    t.finish()


# Rules left out of 评星依据: those with a sheet of their own (降星与否决), and the sum of the
# others (最终星级 = 基础 + 加星 − 降星), which 村干部星级 gives in its columns.
_NOT_IN_BASIS = frozenset({"deduction", "veto", "stars"})
EXCEL_MAX_ROWS = 1_048_576


def _basis(book: _Book, v: _View) -> None:
    """评星依据: every other rule each cadre's stars and pay follow from, as ``--explain`` gives
    it (工龄赋星, 成就赋星, 六大体系加星, the caps, 薪酬待遇依星, 集体经济奖励), with the
    cell it comes from, so a figure on paper can be traced without the tool (review R73)."""
    titles = book.titles
    kinds = ("text", "text", "text", "text", "text", "int", "yuan", "wrap", "wrap")
    widths = (30, 30, 30, 30, 30, 30, 30, 60, 36)
    cols = [_Col(label, kind, w) for label, kind, w in zip(msg.BASIS_COLS, kinds, widths, strict=True)]
    t = _Table(book, "basis", cols)
    add, room = t.add, EXCEL_MAX_ROWS - 3  # the title, the header and the note that the rest is cut
    cut = 0
    for c in v.placed:
        masked: str | None = None
        for h in c.rules:
            if h.rule in _NOT_IN_BASIS:
                continue
            if t.row >= room:
                cut += 1
                continue
            if masked is None:
                masked = book.ident(c.person_id)
            add((c.township, c.village, c.name, masked, titles.get(h.rule, h.rule), h.delta,
                 json_number(h.amount) if h.amount is not None else None, h.text, h.source))
    if cut:
        t.ws.write_string(t.row, 0, msg.BASIS_CUT.format(n=cut))
        t.row += 1
    t.finish()


def _warnings(book: _Book, v: _View) -> None:
    kinds = ("text", "text", "int", "text", "text", "wrap", "wrap", "wrap")
    widths = (36, 16, 6, 20, 24, 60, 20, 40)
    cols = [_Col(label, kind, w) for label, kind, w in zip(msg.WARNING_COLS, kinds, widths, strict=True)]
    t = _Table(book, "warnings", cols, title=book.title("warnings_refused") if v.refusals else None)
    for township, (file, n, first) in v.refusals.items():  # why a township has no result: its file's errors
        t.add((file, None, None, None, msg.ISSUE_REFUSED_TITLE,
               msg.ISSUE_REFUSED.format(township=township, n=n) + (msg.ISSUE_REFUSED_FIRST.format(first=first)
                                                                 if first else ""),
               None, msg.ISSUE_REFUSED_HINT.format(file=file)))
    for d in v.warnings:
        column = places.column_text(d.header, d.column) or None
        t.add((d.file, d.sheet, d.row, column, d.title, d.message, d.value or None, d.hint or None))
    t.finish()


# --- Entry point ------------------------------------------------------------------------------


def write_report(
    outcome: ScoreOutcome,
    policy: Policy,
    registry: Registry,
    path: Path,
    *,
    unmask: bool = False,
    township: str | None = None,
    files: Mapping[str, str] | None = None,
    generated_at: datetime | None = None,
    county: str = "",
    refused: Collection[str] = (),
    refusals: Mapping[str, tuple[str, int, str | None]] | None = None,
    replaces: str | None = None,
) -> ReportFile:
    """Write the report workbook for the county, or for one ``township``; return what it holds.

    IDs are masked everywhere, unless ``unmask`` (every sheet then carries full IDs). ``files``
    maps a submitted file name to its township (to give a township its own warnings; by
    default taken from the cadres' roster sources); ``refused``: townships whose file was
    refused and not sent again (shown as 已拒收 rather than 未报送), ``refusals`` each one's
    refused file, its errors and the first (listed on the issue sheet); ``replaces``: what 总览
    says of the earlier report of other figures written over. Raises ReportWriteError.
    """
    view = _view(outcome, policy, registry, township, files)
    view.refused = frozenset(refused) - set(outcome.submitted)
    view.refusals = {t: r for t, r in (refusals or {}).items()
                     if t in view.refused and (township is None or t == township)}
    generated = (generated_at or datetime.now()).strftime("%Y-%m-%d %H:%M:%S")
    scope = township if township is not None else county
    path = Path(path)
    try:
        with written_whole(path) as draft:
            pay, bonus = _write_book(draft, outcome, view, policy, registry, scope=scope, generated=generated,
                                     generated_at=generated_at, unmask=unmask, replaces=replaces)
    except (OSError, XlsxWriterException) as exc:
        cause = _os_error_in(exc)
        wrapped = exc.__context__ if isinstance(exc, XlsxWriterException) and exc.__context__ else exc
        reason = os_error_reason(cause) if cause is not None else str(wrapped)
        raise ReportWriteError(path, reason) from exc
    return ReportFile(path, township, len(view.cadres), pay, bonus, unmask)


EXCEL_MAX_TEXT = 32_767  # characters a cell holds (XlsxWriter cuts longer text there, silently)
_KEPT_TAIL = 200  # a rule's text ends with what it does (：降 1 星): kept whole


def _fit(text: str) -> str:
    """Text longer than a cell holds (a 情形 of 30,000 characters quoted in its rule) with its
    middle left out, saying so, and its end kept (review R67: the rule's 降 1 星 was cut off)."""
    cut = len(text) - EXCEL_MAX_TEXT + len(msg.TEXT_CUT) + 8  # (+8: room for the count's digits)
    head = EXCEL_MAX_TEXT - _KEPT_TAIL - len(msg.TEXT_CUT) - 8
    return text[:head] + msg.TEXT_CUT.format(n=f"{cut:,}") + text[head + cut:]


def _write_book(path: Path, outcome: ScoreOutcome, view: _View, policy: Policy, registry: Registry, *, scope: str,
                generated: str, generated_at: datetime | None, unmask: bool,
                replaces: str | None = None) -> tuple[Decimal, Decimal]:
    book = _Book(path, policy, _quarter_cn(outcome), scope, generated, len(outcome.missing), len(view.refused),
                 cadres=len(view.cadres))
    book.replaces = replaces
    if unmask:
        book.ident = str
    book.wb.set_properties({
        "title": book.title("overview"),
        "subject": str(outcome.quarter),
        "created": generated_at or datetime.now(),
    })
    _overview(book, outcome, view, unmask=unmask, county_townships=len(outcome.townships))
    _townships(book, outcome, view, registry)
    _tasks(book, policy, view)
    _villages(book, outcome, view)
    _cadres(book, outcome, view)
    pay, bonus = _payroll(book, view)
    _bonus(book, view)
    _departed(book, outcome, view)
    _deductions(book, view)
    _basis(book, view)
    _warnings(book, view)
    book.wb.close()  # zips the workbook
    with open(path, "wb") as f:
        f.write(book.buffer.getbuffer())
    return pay, bonus
