"""Lay out township submission workbooks: the blank quarterly template and filled books."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from xingxian_cli.domain.cells import column_letter
from xingxian_cli.domain.facts import Cadre
from xingxian_cli.domain.intake import PERCENT_SCALE_MIN
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.policy import Policy, plain_number, score_example
from xingxian_cli.domain.registry import Registry
from xingxian_cli.domain.text import norm
from xingxian_cli.io.atomic import make_dirs
from xingxian_cli.messages import template as msg
from xingxian_cli.messages.workbook import COLUMNS, INFO_KEYS, PROGRESS_TITLE_LABEL, SHEETS

# Fixed document and zip-entry times: the same content must give the same bytes, so a
# regenerated template or sample file does not show up as changed.
_FIXED_TIME = datetime(2022, 1, 1)
TEMPLATE_MARK = "xx-template"  # the document category of a template as written
_ZIP_TIME = (2022, 1, 1, 0, 0, 0)

# Template rows that get formats and dropdowns: at least this many, or the pre-filled
# rows plus a margin for additions.
MIN_TEMPLATE_ROWS = 500
SPARE_TEMPLATE_ROWS = 200

TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "0.00"

# (sheet key, column key) -> dropdown list key.
CHOICE_COLUMNS: dict[tuple[str, str], str] = {
    ("roster", "village"): "village",
    ("roster", "position"): "position",
    ("honours", "level"): "level",
    ("deductions", "measure"): "measure",
    ("deductions", "outcome"): "outcome",
    ("progress", "measure_id"): "measure_id",
    ("progress", "village"): "village",
    ("progress", "status"): "status",
    ("economy", "village"): "village",
}
# 处理结果 is free text for 考核问责 and 负面情形, so its dropdown only warns.
_WARN_ONLY_LISTS = frozenset({"outcome"})
TEXT_COLUMNS = frozenset({"person_id", "phone"})
DATE_COLUMNS = frozenset({"start_date", "date", "fill_date"})
MONEY_COLUMNS = frozenset({"last_year", "this_year"})
SYSTEM_COLUMN = "system"
MEASURE_TITLE_COLUMN = "measure_title"
SEX_COLUMN = "sex"

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="9BC2E6")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TITLE_FONT = Font(bold=True, size=14)
_TITLE_ALIGN = Alignment(horizontal="center", vertical="center")
_NOTE_FONT = Font(italic=True, color="595959")
_STRUCK_FONT = Font(strike=True)
_READONLY_FONT = Font(color="808080")
_READONLY_FILL = PatternFill("solid", fgColor="F2F2F2")
_GUIDE_HEADING_FONT = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass
class SheetSpec:
    """One sheet to lay out: labels and rows as given, plus the clerk-style extras.

    ``key`` is a ``messages.workbook.SHEETS`` key. ``info`` rows are key | value pairs
    (no header); ``guide`` rows are single text lines.
    """

    key: str
    name: str
    labels: list[str]
    rows: list[list[object]]
    title: str | None = None
    notes: Sequence[str] = ()
    blank_every: int = 0  # a blank row after every N data rows (0: none)
    hidden_columns: frozenset[int] = frozenset()  # 0-based column indexes to hide
    hidden_rows: frozenset[int] = frozenset()  # 0-based indexes into ``rows`` to hide
    struck_rows: frozenset[int] = frozenset()  # 0-based indexes into ``rows`` struck through (Ctrl+5)
    struck_text: bool = False  # those rows' texts struck inside the cell (rich text), not by the cell format
    spare_rows: int = 0  # extra formatted empty rows after the data
    readonly_columns: frozenset[int] = frozenset()  # shown greyed (template helper columns)
    column_keys: list[str | None] = field(default_factory=list)  # resolved from labels when empty
    plain_cells: bool = False  # no number formats (a clerk's own sheet: a typed 2015.3 stays a number)
    merge_down: frozenset[int] = frozenset()  # 0-based columns whose runs of one value are merged down
    hidden: bool = False  # the whole sheet hidden


def quarter_cn(quarter: str) -> str:
    """``2022Q3`` -> ``2022年第3季度``; text that is not a quarter is returned as is."""
    try:
        q = Quarter.parse(quarter)
    except ValueError:
        return quarter
    return msg.QUARTER_CN.format(year=q.year, q=q.q)


def standard_labels(sheet_key: str, policy: Policy) -> list[str]:
    """Canonical header labels of a data sheet, in template column order."""
    labels = [spec[0] for spec in COLUMNS[sheet_key].values()]
    if sheet_key == "scores":
        labels += list(policy.systems)
    if sheet_key == "progress":
        labels.insert(1, PROGRESS_TITLE_LABEL)
    return labels


@lru_cache(maxsize=32)
def _label_index(sheet_key: str, systems: tuple[str, ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for key, (label, aliases, _required) in COLUMNS.get(sheet_key, {}).items():
        for text in (label, *aliases):
            index.setdefault(norm(text), key)
    if sheet_key == "scores":
        for name in systems:
            index.setdefault(norm(name), SYSTEM_COLUMN)
    if sheet_key == "progress":
        index.setdefault(norm(PROGRESS_TITLE_LABEL), MEASURE_TITLE_COLUMN)
    if sheet_key == "roster":
        index.setdefault(norm(msg.HIDDEN_COLUMN_LABEL), SEX_COLUMN)
    return index


def resolve_columns(sheet_key: str, labels: Sequence[str], policy: Policy) -> list[str | None]:
    """Column key of each label (canonical, alias, full-width or Traditional), None if unknown."""
    index = _label_index(sheet_key, tuple(policy.systems))
    return [index.get(norm(label)) for label in labels]


def choice_lists(policy: Policy, registry: Registry, township: str) -> dict[str, list[str]]:
    """Dropdown values by list key: the township's villages and the policy's coded values."""
    return {
        "village": registry.village_names(township),
        "position": list(policy.positions),
        "level": list(policy.star_rules.honour_levels),
        "measure": list(policy.deduction_measures),
        "outcome": list(policy.outcomes),
        "status": list(policy.completion.status_values),
        "measure_id": [m.id for m in policy.measures],
    }


def _outcome_rule(policy: Policy) -> str:
    """Which measures need a 处理结果, with the allowed ones; which may leave it blank but,
    when filled, take only the listed ones (the import refuses others); which are free."""
    sep = msg.LIST_SEPARATOR
    measures = policy.star_rules.deductions.measures

    def listed(names: list[str]) -> str:
        return sep.join(dict.fromkeys(o for name in names for o in (*measures[name].by_outcome, *measures[name].veto)))

    required = [name for name, dm in measures.items() if dm.outcome_required]
    only_listed = [name for name, dm in measures.items() if not dm.outcome_required and dm.per_event is None
                   and (dm.by_outcome or dm.veto)]
    optional = [name for name in measures if name not in required and name not in only_listed]
    parts = [msg.GUIDE_OUTCOME_REQUIRED.format(measures=sep.join(required), outcomes=listed(required))] if required else []
    parts += [msg.GUIDE_OUTCOME_LISTED.format(measure=name, outcomes=listed([name])) for name in only_listed]
    parts += [msg.GUIDE_OUTCOME_OPTIONAL.format(measures=sep.join(optional))] if optional else []
    return msg.GUIDE_OUTCOME_JOIN.join(parts)


def guide_spec(policy: Policy, township: str, quarter: str, prefilled_from: str | None = None) -> SheetSpec:
    """The 填报说明 sheet: how to fill each sheet and the allowed values (and, for a roster
    pre-filled from an earlier quarter, what to do with it)."""
    sep = msg.LIST_SEPARATOR
    sr = policy.star_rules
    values = {
        "positions": sep.join(policy.positions),
        "levels": sep.join(sr.honour_levels),
        "no_star": sep.join(lv for lv in sr.honour_levels if lv not in sr.achievement.levels),
        "systems": sep.join(policy.systems),
        "measures": sep.join(policy.deduction_measures),
        "outcome_rule": _outcome_rule(policy),
        "statuses": sep.join(policy.completion.status_values),
        "n_systems": len(policy.systems),
        "score_min": plain_number(sr.systems.score_min),
        "score_max": plain_number(sr.systems.score_max),
        "score_note": msg.GUIDE_SCORE_PERCENT if sr.systems.score_max >= PERCENT_SCALE_MIN else "",
    }
    file_name = f"{township}_{quarter}.xlsx"
    lines: list[str] = [msg.GUIDE_GENERAL_HEADING]
    lines += [line.format(file_name=file_name, **values) for line in msg.GUIDE_GENERAL]
    if prefilled_from:
        lines.append(msg.GUIDE_PREFILLED.format(n=len(msg.GUIDE_GENERAL) + 1, quarter_cn=quarter_cn(prefilled_from)))
    lines.append(msg.GUIDE_SHEETS_HEADING)
    for key, text in msg.GUIDE_SHEETS.items():
        window = {
            "honours": sr.achievement.window_months,
            "deductions": sr.deductions.window_months,
        }.get(key, 0)
        lines.append(text.format(window=window, **values))
    lines += [msg.GUIDE_CONTACT_HEADING, msg.GUIDE_CONTACT]
    title = msg.GUIDE_TITLE.format(township=township, quarter_cn=quarter_cn(quarter))
    return SheetSpec("guide", SHEETS["guide"], [], [[line] for line in lines], title=title)


def info_spec(
    info: dict[str, object], *, labels: dict[str, str] | None = None, name: str | None = None
) -> SheetSpec:
    """The 基本信息 sheet from ``INFO_KEYS`` key -> value (keys absent are left out)."""
    labels = labels or {}
    rows: list[list[object]] = []
    keys: list[str | None] = []
    for key, (label, _aliases) in INFO_KEYS.items():
        if key in info:
            rows.append([labels.get(key, label), info[key]])
            keys.append(key)
    spec = SheetSpec("info", name or SHEETS["info"], [], rows)
    spec.column_keys = keys  # for info: the key of each row
    return spec


def roster_row(c: Cadre) -> list[object]:
    """A cadre as a 村干部名册 row, in the standard column order."""
    return [c.village, c.name, c.person_id, c.position, c.start_date, c.politics, c.education, c.phone]


def template_specs(
    policy: Policy,
    registry: Registry,
    township: str,
    quarter: Quarter,
    roster: list[Cadre] | None = None,
    roster_from: str | None = None,
) -> list[SheetSpec]:
    """Every sheet of the blank (or roster-pre-filled, from quarter ``roster_from``) template,
    in workbook order."""
    villages = registry.village_names(township)
    rows: dict[str, list[list[object]]] = {key: [] for key in COLUMNS}
    if roster:
        rows["roster"] = [roster_row(c) for c in roster]
        rows["scores"] = [[c.person_id, c.name] + [None] * len(policy.systems) for c in roster]
    for m in policy.township_measures:
        rows["progress"].append([m.id, m.title, None, None, None, None])
    for m in policy.village_measures:
        for v in villages:
            rows["progress"].append([m.id, m.title, v, None, None, None])
    rows["economy"] = [[v, None, None] for v in villages]

    info = {
        "township": township,
        "quarter": str(quarter),
        "filler": None,
        "phone": None,
        "fill_date": None,
    }
    specs = [guide_spec(policy, township, str(quarter), roster_from if roster else None), info_spec(info)]
    for key in COLUMNS:
        n = len(rows[key])
        spare = max(MIN_TEMPLATE_ROWS, n + SPARE_TEMPLATE_ROWS) - n
        readonly = frozenset({1}) if key == "progress" else frozenset()
        specs.append(
            SheetSpec(
                key,
                SHEETS[key],
                standard_labels(key, policy),
                rows[key],
                spare_rows=spare,
                readonly_columns=readonly,
            )
        )
    return specs


def write_template(
    path: Path,
    *,
    policy: Policy,
    registry: Registry,
    township: str,
    quarter: Quarter,
    roster: list[Cadre] | None = None,
    roster_from: str | None = None,
) -> Path:
    """Write the standard township workbook for ``quarter`` to ``path`` and return the path.

    Raises ``ValueError`` when ``township`` is not in the registry.
    """
    if township not in registry.by_township:
        raise ValueError(f"unknown township: {township}")
    specs = template_specs(policy, registry, township, quarter, roster, roster_from)
    return write_sheets(path, specs, policy=policy, lists=choice_lists(policy, registry, township), blank=True)


def is_untouched_template(path: Path) -> bool:
    """Whether ``path`` is a template this tool wrote that nobody has saved since: marked as
    a template, and still carrying the fixed save time (Excel and WPS set it when saving)."""
    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    fixed = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return (f"<cp:category>{TEMPLATE_MARK}</cp:category>".encode() in core
            and re.search(rb"<dcterms:modified[^>]*>" + re.escape(fixed) + rb"<", core) is not None)


# --- The one place that lays sheets out -------------------------------------------------


def write_sheets(
    path: Path, specs: Sequence[SheetSpec], *, policy: Policy, lists: dict[str, list[str]], blank: bool = False
) -> Path:
    """Write the sheets (plus a hidden dropdown-list sheet) to ``path``; return the path.
    A ``blank`` one (a template to fill in) is marked so (see :func:`is_untouched_template`)."""
    wb = Workbook()
    if blank:
        wb.properties.category = TEMPLATE_MARK
    wb.remove(wb.active)
    refs = _write_lists_sheet_refs(lists)
    for spec in specs:
        ws = wb.create_sheet(spec.name)
        if spec.key == "guide":
            _lay_out_guide(ws, spec)
        elif spec.key == "info":
            _lay_out_info(ws, spec)
        else:
            _lay_out_table(ws, spec, policy, refs)
        if spec.hidden:
            ws.sheet_state = "hidden"
    _lay_out_lists(wb.create_sheet(msg.LIST_SHEET_NAME), lists)
    wb.active = 0
    return save_stable(wb, path)


def _write_lists_sheet_refs(lists: dict[str, list[str]]) -> dict[str, str]:
    # Excel caps an inline list at 255 characters (the village list of a large township
    # passes it), so dropdowns point at ranges on the hidden list sheet instead.
    refs: dict[str, str] = {}
    for i, (key, values) in enumerate(lists.items()):
        if values:
            col = column_letter(i)
            refs[key] = f"'{msg.LIST_SHEET_NAME}'!${col}$2:${col}${len(values) + 1}"
    return refs


def _lay_out_lists(ws: Worksheet, lists: dict[str, list[str]]) -> None:
    for i, (key, values) in enumerate(lists.items(), start=1):
        _put(ws, 1, i, msg.LIST_LABELS.get(key, key)).font = _HEADER_FONT
        for r, value in enumerate(values, start=2):
            _put(ws, r, i, value)
        ws.column_dimensions[column_letter(i - 1)].width = _width(
            [msg.LIST_LABELS.get(key, key), *values]
        )
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _lay_out_guide(ws: Worksheet, spec: SheetSpec) -> None:
    row = 1
    if spec.title:
        cell = _put(ws, row, 1, spec.title)
        cell.font = _TITLE_FONT
        row += 1
    headings = {msg.GUIDE_GENERAL_HEADING, msg.GUIDE_SHEETS_HEADING, msg.GUIDE_CONTACT_HEADING}
    for line in spec.rows:
        cell = _put(ws, row, 1, line[0] if line else None)
        cell.alignment = _WRAP
        if cell.value in headings:
            cell.font = _GUIDE_HEADING_FONT
        row += 1
    ws.column_dimensions["A"].width = 110
    ws.sheet_view.showGridLines = False


def _lay_out_info(ws: Worksheet, spec: SheetSpec) -> None:
    row = _title_and_notes(ws, spec, 2)
    for i, pair in enumerate(spec.rows):
        key = spec.column_keys[i] if i < len(spec.column_keys) else None
        for j, value in enumerate(pair):
            cell = _put(ws, row, j + 1, value)
            if j == 0:
                cell.font = _HEADER_FONT
                cell.fill = _HEADER_FILL
            elif key in TEXT_COLUMNS or key == "quarter":
                cell.number_format = TEXT_FORMAT
            elif key in DATE_COLUMNS:
                cell.number_format = DATE_FORMAT
        row += 1
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = max(24, _width([p[1] for p in spec.rows if len(p) > 1]))


def _merge_runs(ws: Worksheet, col: int, first: int, last: int) -> None:
    """Merge each run of equal, non-empty, adjacent cells of column ``col`` (rows first..last)."""
    start = first
    for r in range(first + 1, last + 2):
        value = ws.cell(row=start, column=col).value
        if r <= last and ws.cell(row=r, column=col).value == value and value not in (None, ""):
            continue
        if r - 1 > start:
            ws.merge_cells(start_row=start, start_column=col, end_row=r - 1, end_column=col)
        start = r


def _title_and_notes(ws: Worksheet, spec: SheetSpec, ncols: int) -> int:
    """Write the optional merged title and note rows; return the next free row."""
    row = 1
    last_col = max(ncols, 2)
    if spec.title:
        cell = _put(ws, row, 1, spec.title)
        cell.font = _TITLE_FONT
        cell.alignment = _TITLE_ALIGN
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        ws.row_dimensions[row].height = 24
        row += 1
    for note in spec.notes:
        _put(ws, row, 1, note).font = _NOTE_FONT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        row += 1
    return row


def _lay_out_table(ws: Worksheet, spec: SheetSpec, policy: Policy, refs: dict[str, str]) -> None:
    ncols = len(spec.labels)
    keys = spec.column_keys or resolve_columns(spec.key, spec.labels, policy)
    header_row = _title_and_notes(ws, spec, ncols)
    for j, label in enumerate(spec.labels, start=1):
        cell = _put(ws, header_row, j, label)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = _HEADER_ALIGN

    formats: list[str | None] = [None if spec.plain_cells else _column_format(k) for k in keys]
    formats += [None] * (ncols - len(formats))
    row = header_row + 1
    for i, values in enumerate(spec.rows):
        if spec.blank_every and i and i % spec.blank_every == 0:
            row += 1
        for j, value in enumerate(values):
            cell = _put(ws, row, j + 1, value)
            fmt = formats[j] if j < ncols else None
            if fmt is not None and (fmt == TEXT_FORMAT or not isinstance(value, str)):
                cell.number_format = fmt
            if j in spec.readonly_columns:
                cell.font = _READONLY_FONT
                cell.fill = _READONLY_FILL
            if i in spec.struck_rows:
                if spec.struck_text and isinstance(value, str):
                    from openpyxl.cell.rich_text import CellRichText, TextBlock
                    from openpyxl.cell.text import InlineFont

                    cell.value = CellRichText([TextBlock(InlineFont(strike=True), value)])
                else:
                    cell.font = _STRUCK_FONT
        if i in spec.hidden_rows:
            ws.row_dimensions[row].hidden = True
        row += 1
    data_end = row - 1
    for j in spec.merge_down:  # a clerk's habit: one village cell over all of its cadres' rows
        _merge_runs(ws, j + 1, header_row + 1, data_end)
    # Empty rows keep the formats too, so an ID typed into the template stays text.
    for r in range(row, row + spec.spare_rows):
        for j, fmt in enumerate(formats):
            if fmt is not None:
                ws.cell(row=r, column=j + 1).number_format = fmt
    last_row = max(data_end + spec.spare_rows, header_row + MIN_TEMPLATE_ROWS)

    for j, key in enumerate(keys):
        letter = column_letter(j)
        list_key = CHOICE_COLUMNS.get((spec.key, key)) if key else None
        sqref = f"{letter}{header_row + 1}:{letter}{last_row}"
        if list_key and list_key in refs:
            ws.add_data_validation(_dropdown(list_key, refs[list_key], sqref))
        elif spec.key == "scores" and key == "system":
            rule = policy.star_rules.systems
            ws.add_data_validation(_checked("decimal", sqref, msg.DV_SCORE_TITLE,
                                            msg.DV_SCORE.format(lo=plain_number(rule.score_min), hi=plain_number(rule.score_max),
                                                                  example=score_example(rule.score_max)),
                                            operator="between", formula1=str(rule.score_min),
                                            formula2=str(rule.score_max)))
        elif key == "person_id":
            ws.add_data_validation(_checked("textLength", sqref, msg.DV_ID_TITLE, msg.DV_ID,
                                            operator="equal", formula1="18"))
        if formats[j] is not None:
            # A column style makes Excel and WPS keep the format for rows typed below.
            ws.column_dimensions[letter].number_format = formats[j]
    for j in range(ncols):
        letter = column_letter(j)
        sample = [spec.labels[j]] + [r[j] for r in spec.rows[:300] if j < len(r)]
        # Wide enough for what will be typed there, even while the column is still empty.
        ws.column_dimensions[letter].width = max(_width(sample), _MIN_WIDTHS.get(keys[j] or "", 0) if j < len(keys) else 0)
        if j in spec.hidden_columns:
            ws.column_dimensions[letter].hidden = True
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _column_format(key: str | None) -> str | None:
    if key in TEXT_COLUMNS:
        return TEXT_FORMAT
    if key in DATE_COLUMNS:
        return DATE_FORMAT
    if key in MONEY_COLUMNS:
        return MONEY_FORMAT
    return None


def _dropdown(list_key: str, ref: str, sqref: str) -> DataValidation:
    label = msg.LIST_LABELS.get(list_key, list_key)
    warn = list_key in _WARN_ONLY_LISTS
    dv = DataValidation(
        type="list",
        formula1=ref,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=False,
        errorStyle="warning" if warn else "stop",
        errorTitle=msg.DV_ERROR_TITLE,
        error=msg.DV_WARNING if warn else msg.DV_ERROR.format(label=label),
        promptTitle=msg.DV_PROMPT_TITLE.format(label=label),
        prompt=msg.DV_PROMPT,
    )
    dv.add(sqref)
    return dv


def _checked(kind: str, sqref: str, title: str, error: str, **rule: str) -> DataValidation:
    """A validation Excel and WPS apply as a value is typed (pasted values pass unchecked;
    ``xx validate`` checks every cell anyway)."""
    dv = DataValidation(type=kind, allow_blank=True, showErrorMessage=True, errorStyle="stop",
                        errorTitle=title, error=error, **rule)
    dv.add(sqref)
    return dv


@dataclass(frozen=True)
class ShownError:
    """A cell showing a formula's error, as a workbook a clerk made can hold (#N/A)."""

    text: str = "#N/A"


@dataclass(frozen=True)
class UnsavedFormula:
    """A formula written with no saved result, as a workbook made by a program (not saved
    by Excel or WPS) holds it: ``text`` without the leading "="."""

    text: str


def _put(ws: Worksheet, row: int, column: int, value: object):  # type: ignore[no-untyped-def]
    """Write a value (never a formula) and return the cell."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, ShownError):
        cell.value = value.text
        cell.data_type = "e"
        return cell
    if isinstance(value, UnsavedFormula):
        cell.value = "=" + value.text  # openpyxl saves a formula and no value
        return cell
    cell.value = value
    if isinstance(value, str):
        # openpyxl turns text starting with "=" into a formula; what a clerk or a test
        # wrote must stay the text it was.
        cell.data_type = "s"
    return cell


def display_width(value: object) -> int:
    """Width of a value as Excel shows it, counting a CJK (wide) character as 2."""
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return 10
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_MIN_WIDTHS = {"person_id": 20.0, "phone": 13.0}  # 18 and 11 digits, as _width gives them filled


def _width(values: Sequence[object]) -> float:
    widest = max((display_width(v) for v in values), default=0)
    return float(min(max(widest + 2, 8), 60))


class _StableZip(zipfile.ZipFile):
    """A zip whose entries carry a fixed timestamp, so equal content gives equal bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):  # type: ignore[no-untyped-def,override]
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo = zipfile.ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            zinfo.compress_type = self.compression
            zinfo.external_attr = 0o600 << 16
            zinfo_or_arcname = zinfo
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):  # type: ignore[no-untyped-def,override]
        with open(filename, "rb") as fh:
            data = fh.read()
        self.writestr(arcname or str(filename), data)


def save_stable(wb: Workbook, path: Path) -> Path:
    """Save ``wb`` with fixed document properties and zip timestamps (so an unchanged template
    is the same bytes, and one saved since in Excel or WPS can be told apart); return ``path``."""
    wb.properties.creator = "xingxian-cli"
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    path = Path(path)
    make_dirs(path.parent)
    archive = _StableZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # closes the archive
    return path
