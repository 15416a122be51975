"""Lay out township submission workbooks: the blank quarterly template and filled books."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from xingxian_cli.domain.cells import column_letter
from xingxian_cli.domain.columns import text_width
from xingxian_cli.domain.facts import Cadre
from xingxian_cli.domain.intake import PERCENT_SCALE_MIN
from xingxian_cli.domain.period import Quarter
from xingxian_cli.domain.policy import Policy, plain_number, score_example
from xingxian_cli.domain.registry import Registry
from xingxian_cli.domain.text import norm
from xingxian_cli.io.atomic import make_dirs
from xingxian_cli.messages import template as msg
from xingxian_cli.messages.workbook import (
    COLUMNS,
    INFO_KEYS,
    PROGRESS_TITLE_LABEL,
    SHEETS,
    WORKBOOK_FONT,
)

# Fixed document and zip-entry times: the same content must give the same bytes, so a
# regenerated template or sample file does not show up as changed.
_FIXED_TIME = datetime(2022, 1, 1)
TEMPLATE_MARK = "xx-template"  # the document category of a template as written

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
# XlsxWriter, not openpyxl: it streams cells straight to XML, so a county's templates and
# the sample workbooks are written about twice as fast (openpyxl stays for what must keep a
# user's workbook as it is: the annotated copies).

_HEADER = {"bold": True, "bg_color": "#DDEBF7", "pattern": 1, "border": 1, "border_color": "#9BC2E6",
           "align": "center", "valign": "vcenter", "text_wrap": True}
_LABEL = {"bold": True, "bg_color": "#DDEBF7", "pattern": 1}  # 基本信息's keys
_TITLE = {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"}
_GUIDE_TITLE = {"bold": True, "font_size": 14}
_NOTE = {"italic": True, "font_color": "#595959"}
_STRUCK = {"font_strikeout": True}
_READONLY = {"font_color": "#808080", "bg_color": "#F2F2F2", "pattern": 1}
_BOLD = {"bold": True}
_WRAP = {"text_wrap": True, "valign": "top"}
# The formats Excel gives a typed date or time when none is set.
_IMPLIED_FORMATS: tuple[tuple[type, str], ...] = (
    (datetime, "yyyy-mm-dd h:mm:ss"), (date, DATE_FORMAT), (time, "h:mm:ss"), (timedelta, "[hh]:mm:ss"),
)
EXCEL_MAX_TEXT = 32_767  # characters a cell holds: longer text is cut there, as Excel cuts a paste


class _Formats:
    """Each combination of cell properties made into one workbook format, once."""

    def __init__(self, wb: Workbook):
        self._wb = wb
        self._made: dict[tuple[tuple[str, object], ...], Format] = {}

    def __call__(self, *parts: dict[str, object] | None, num_format: str | None = None) -> Format | None:
        props: dict[str, object] = {}
        for part in parts:
            if part:
                props.update(part)
        if num_format is not None:
            props["num_format"] = num_format
        if not props:
            return None
        key = tuple(sorted(props.items()))
        if key not in self._made:
            self._made[key] = self._wb.add_format(props)
        return self._made[key]


def write_sheets(
    path: Path, specs: Sequence[SheetSpec], *, policy: Policy, lists: dict[str, list[str]], blank: bool = False
) -> Path:
    """Write the sheets (plus a hidden dropdown-list sheet) to ``path``; return the path.
    A ``blank`` one (a template to fill in) is marked so (see :func:`is_untouched_template`).
    The same content gives the same bytes: fixed document time, fixed zip-entry times."""
    buffer = io.BytesIO()
    wb = Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                           "strings_to_numbers": False, "nan_inf_to_errors": True,  # NaN: #NUM!, as Excel shows it
                           "default_format_properties": dict(WORKBOOK_FONT)})
    wb.set_properties({"author": "xingxian-cli", "created": _FIXED_TIME, **({"category": TEMPLATE_MARK} if blank else {})})
    formats = _Formats(wb)
    refs = _write_lists_sheet_refs(lists)
    visible = None
    for spec in specs:
        ws = wb.add_worksheet(spec.name)
        if spec.key == "guide":
            _lay_out_guide(ws, spec, formats)
        elif spec.key == "info":
            _lay_out_info(ws, spec, formats)
        else:
            _lay_out_table(ws, spec, policy, refs, formats)
        if spec.hidden:
            ws.hide()
        elif visible is None:
            visible = ws
    _lay_out_lists(wb.add_worksheet(msg.LIST_SHEET_NAME), lists, formats)
    if visible is not None:
        visible.activate()
    wb.close()
    path = Path(path)
    make_dirs(path.parent)
    path.write_bytes(buffer.getvalue())
    return path


def _write_lists_sheet_refs(lists: dict[str, list[str]]) -> dict[str, str]:
    # Excel caps an inline list at 255 characters (the village list of a large township
    # passes it), so dropdowns point at ranges on the hidden list sheet instead.
    refs: dict[str, str] = {}
    for i, (key, values) in enumerate(lists.items()):
        if values:
            col = column_letter(i)
            refs[key] = f"'{msg.LIST_SHEET_NAME}'!${col}$2:${col}${len(values) + 1}"
    return refs


def _lay_out_lists(ws: Worksheet, lists: dict[str, list[str]], formats: _Formats) -> None:
    for i, (key, values) in enumerate(lists.items()):
        _put(ws, 0, i, msg.LIST_LABELS.get(key, key), formats, _BOLD)
        for r, value in enumerate(values, start=1):
            _put(ws, r, i, value, formats)
        ws.set_column(i, i, _width([msg.LIST_LABELS.get(key, key), *values]))
    ws.hide()
    ws.protect()


def _lay_out_guide(ws: Worksheet, spec: SheetSpec, formats: _Formats) -> None:
    row = 0
    if spec.title:
        _put(ws, row, 0, spec.title, formats, _GUIDE_TITLE)
        row += 1
    headings = {msg.GUIDE_GENERAL_HEADING, msg.GUIDE_SHEETS_HEADING, msg.GUIDE_CONTACT_HEADING}
    for line in spec.rows:
        value = line[0] if line else None
        _put(ws, row, 0, value, formats, _WRAP, _BOLD if value in headings else None)
        row += 1
    ws.set_column(0, 0, 110)
    ws.hide_gridlines(2)


def _lay_out_info(ws: Worksheet, spec: SheetSpec, formats: _Formats) -> None:
    row = _title_and_notes(ws, spec, 2, formats)
    for i, pair in enumerate(spec.rows):
        key = spec.column_keys[i] if i < len(spec.column_keys) else None
        for j, value in enumerate(pair):
            if j == 0:
                _put(ws, row, j, value, formats, _LABEL)
            elif key in TEXT_COLUMNS or key == "quarter":
                _put(ws, row, j, value, formats, num_format=TEXT_FORMAT)
            elif key in DATE_COLUMNS:
                _put(ws, row, j, value, formats, num_format=DATE_FORMAT)
            else:
                _put(ws, row, j, value, formats)
        row += 1
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, max(24, _width([p[1] for p in spec.rows if len(p) > 1])))


def _title_and_notes(ws: Worksheet, spec: SheetSpec, ncols: int, formats: _Formats) -> int:
    """Write the optional merged title and note rows; return the next free row (0-based)."""
    row = 0
    last_col = max(ncols, 2) - 1
    if spec.title:
        ws.merge_range(row, 0, row, last_col, spec.title, formats(_TITLE))
        ws.set_row(row, 24)
        row += 1
    for note in spec.notes:
        ws.merge_range(row, 0, row, last_col, note, formats(_NOTE))
        row += 1
    return row


def _lay_out_table(ws: Worksheet, spec: SheetSpec, policy: Policy, refs: dict[str, str], formats: _Formats) -> None:
    ncols = len(spec.labels)
    keys = spec.column_keys or resolve_columns(spec.key, spec.labels, policy)
    header_row = _title_and_notes(ws, spec, ncols, formats)  # 0-based
    for j, label in enumerate(spec.labels):
        _put(ws, header_row, j, label, formats, _HEADER)

    column_formats: list[str | None] = [None if spec.plain_cells else _column_format(k) for k in keys]
    column_formats += [None] * (ncols - len(column_formats))
    rows_at: list[int] = []  # the (0-based) sheet row of each data row
    row = header_row + 1
    for i in range(len(spec.rows)):
        if spec.blank_every and i and i % spec.blank_every == 0:
            row += 1
        rows_at.append(row)
        row += 1

    def style(i: int, j: int, value: object) -> tuple[tuple[dict[str, object] | None, ...], str | None, bool]:
        """A data cell's properties, number format, and whether its text is struck inside it."""
        number = column_formats[j] if j < ncols else None
        if number is not None and number != TEXT_FORMAT and isinstance(value, str):
            number = None  # a date typed as text stays text, as the clerk wrote it
        struck = i in spec.struck_rows
        in_text = struck and spec.struck_text and isinstance(value, str)
        return (_READONLY if j in spec.readonly_columns else None, _STRUCK if struck and not in_text else None), number, in_text

    # A clerk's habit: one village cell merged over all of its cadres' rows. Excel keeps the
    # first cell's value only, so the cells under it are left empty (and not struck through:
    # only the first row's cell is). Text struck inside a cell is no run with plain text.
    covered: set[tuple[int, int]] = set()
    for j in spec.merge_down:
        cells = [(r[j] if j < len(r) else None, spec.struck_text and i in spec.struck_rows) for i, r in enumerate(spec.rows)]
        for first, last in _runs(cells, rows_at):
            parts, number, _ = style(first, j, spec.rows[first][j])
            ws.merge_range(rows_at[first], j, rows_at[last], j, "", formats(parts[0], num_format=number))
            covered.update((i, j) for i in range(first + 1, last + 1))
    # Most cells are text, a number or empty in a row not struck through: their format
    # depends on the column only, so it is looked up once per column, not once per cell
    # (the same formats ``style`` and ``_put`` give; the rest go through them).
    shaded = [_READONLY if j in spec.readonly_columns else None for j in range(ncols)]
    text_formats = [formats(shaded[j], num_format=TEXT_FORMAT if n == TEXT_FORMAT else None)
                    for j, n in enumerate(column_formats)]
    cell_formats = [formats(shaded[j], num_format=n) for j, n in enumerate(column_formats)]
    for i, values in enumerate(spec.rows):
        plain = i not in spec.struck_rows
        at = rows_at[i]
        for j, value in enumerate(values):
            if covered and (i, j) in covered:
                continue
            kind = type(value)
            if plain and j < ncols:
                if kind is str:
                    ws.write_string(at, j, value[:EXCEL_MAX_TEXT], text_formats[j])
                    continue
                if value is None:
                    if cell_formats[j] is not None:
                        ws.write_blank(at, j, None, cell_formats[j])
                    continue
                if kind is int or kind is float or kind is Decimal:
                    ws.write_number(at, j, value, cell_formats[j])
                    continue
            parts, number, in_text = style(i, j, value)
            _put(ws, rows_at[i], j, RichText(((value, True),)) if in_text else value, formats, *parts,
                 num_format=number)
        if i in spec.hidden_rows:
            ws.set_row(rows_at[i], None, None, {"hidden": True})
    # Empty rows keep the formats too, so an ID typed into the template stays text.
    for r in range(row, row + spec.spare_rows):
        for j, number in enumerate(column_formats):
            if number is not None:
                ws.write_blank(r, j, None, formats(num_format=number))
    last_row = max(row - 1 + spec.spare_rows, header_row + MIN_TEMPLATE_ROWS)  # 0-based, inclusive

    for j, key in enumerate(keys):
        list_key = CHOICE_COLUMNS.get((spec.key, key)) if key else None
        area = (header_row + 1, j, last_row, j)
        if list_key and list_key in refs:
            ws.data_validation(*area, _dropdown(list_key, refs[list_key]))
        elif spec.key == "scores" and key == "system":
            rule = policy.star_rules.systems
            ws.data_validation(*area, _checked(
                "decimal", msg.DV_SCORE_TITLE,
                msg.DV_SCORE.format(lo=plain_number(rule.score_min), hi=plain_number(rule.score_max),
                                    example=score_example(rule.score_max)),
                criteria="between", minimum=str(rule.score_min), maximum=str(rule.score_max)))
        elif key == "person_id":
            ws.data_validation(*area, _checked("length", msg.DV_ID_TITLE, msg.DV_ID, criteria="==", value=18))
    for j in range(ncols):
        sample = [spec.labels[j]] + [r[j] for r in spec.rows[:300] if j < len(r)]
        # Wide enough for what will be typed there, even while the column is still empty.
        width = max(_width(sample), _MIN_WIDTHS.get(keys[j] or "", 0) if j < len(keys) else 0)
        # A column style makes Excel and WPS keep the format for rows typed below.
        number = column_formats[j]
        ws.set_column(j, j, width, formats(num_format=number) if number is not None else None,
                      {"hidden": True} if j in spec.hidden_columns else {})
    ws.freeze_panes(header_row + 1, 0)
    ws.repeat_rows(header_row)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)


def _runs(cells: list[tuple[object, bool]], rows_at: list[int]) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal, non-empty (value, struck inside) cells on
    adjacent sheet rows."""
    runs: list[tuple[int, int]] = []
    start = 0
    for k in range(1, len(cells) + 1):
        if (k < len(cells) and rows_at[k] == rows_at[k - 1] + 1 and cells[k] == cells[start]
                and cells[start][0] not in (None, "")):
            continue
        if k - 1 > start:
            runs.append((start, k - 1))
        start = k
    return runs


def _column_format(key: str | None) -> str | None:
    if key in TEXT_COLUMNS:
        return TEXT_FORMAT
    if key in DATE_COLUMNS:
        return DATE_FORMAT
    if key in MONEY_COLUMNS:
        return MONEY_FORMAT
    return None


def _dropdown(list_key: str, ref: str) -> dict[str, object]:
    label = msg.LIST_LABELS.get(list_key, list_key)
    warn = list_key in _WARN_ONLY_LISTS
    return {
        "validate": "list",
        "source": "=" + ref,
        "ignore_blank": True,
        "show_error": True,
        "show_input": False,
        "error_type": "warning" if warn else "stop",
        "error_title": msg.DV_ERROR_TITLE,
        "error_message": msg.DV_WARNING if warn else msg.DV_ERROR.format(label=label),
        "input_title": msg.DV_PROMPT_TITLE.format(label=label),
        "input_message": msg.DV_PROMPT,
    }


def _checked(kind: str, title: str, error: str, **rule: object) -> dict[str, object]:
    """A validation Excel and WPS apply as a value is typed (pasted values pass unchecked;
    ``xx validate`` checks every cell anyway)."""
    return {"validate": kind, "ignore_blank": True, "show_error": True, "show_input": False, "error_type": "stop",
            "error_title": title, "error_message": error, **rule}


@dataclass(frozen=True)
class ShownError:
    """A cell showing a formula's error, as a workbook a clerk made can hold (#N/A): one of
    the seven that XlsxWriter saves as an error result."""

    text: str = "#N/A"

    def __post_init__(self) -> None:
        if self.text not in ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"):
            raise ValueError(f"not an error value the writer can save: {self.text}")


@dataclass(frozen=True)
class RichText:
    """Text in runs, some struck through inside the cell (a word a clerk crossed out with
    Ctrl+5 while typing): ``runs`` are (text, struck) pairs."""

    runs: tuple[tuple[str, bool], ...]

    def __str__(self) -> str:
        return "".join(text for text, _struck in self.runs)


@dataclass(frozen=True)
class LinkedFormula:
    """A formula taking its value from another workbook, with the value Excel saved: ``text``
    without the "=" and naming the workbook by its link's index ([1]汇总!C3). The link parts
    themselves are the package's (see tests' ``with_external_link``)."""

    text: str
    value: object


@dataclass(frozen=True)
class UnsavedFormula:
    """A formula written with no saved result, as a workbook made by a program (not saved
    by Excel or WPS) holds it: ``text`` without the leading "="."""

    text: str


def _put(ws: Worksheet, row: int, column: int, value: object, formats: _Formats,
         *parts: dict[str, object] | None, num_format: str | None = None) -> None:
    """Write a value at 0-based ``row``/``column`` with the cell properties ``parts`` and
    ``num_format``: text stays text (never a formula or a number), a date without a number
    format gets the one Excel gives a typed date."""
    if num_format is None and isinstance(value, datetime | date | time | timedelta):
        num_format = next(f for kind, f in _IMPLIED_FORMATS if isinstance(value, kind))
    fmt = formats(*parts, num_format=num_format)
    if value is None:
        if fmt is not None:
            ws.write_blank(row, column, None, fmt)
    elif isinstance(value, ShownError):
        ws.write_formula(row, column, "=" + value.text, fmt, value.text)  # the error as the result
    elif isinstance(value, RichText):
        _put_rich(ws, row, column, value, formats, parts, num_format)
    elif isinstance(value, UnsavedFormula):
        ws.write_formula(row, column, "=" + value.text, fmt, "")  # no saved result
    elif isinstance(value, LinkedFormula):
        ws.write_formula(row, column, "=" + value.text, fmt, value.value)
    elif isinstance(value, str):
        ws.write_string(row, column, value[:EXCEL_MAX_TEXT], fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, column, value, fmt)
    elif isinstance(value, int | float | Decimal):
        ws.write_number(row, column, value, fmt)
    elif isinstance(value, datetime | date | time | timedelta):
        ws.write_datetime(row, column, value, fmt)
    else:
        ws.write_string(row, column, str(value)[:EXCEL_MAX_TEXT], fmt)


def _put_rich(ws: Worksheet, row: int, column: int, value: RichText, formats: _Formats,
              parts: tuple[dict[str, object] | None, ...], num_format: str | None) -> None:
    fmt = formats(*parts, num_format=num_format)
    runs: list[tuple[str, bool]] = []
    room = EXCEL_MAX_TEXT
    for text, struck in value.runs:
        text, room = text[:room], room - len(text[:room])
        if runs and runs[-1][1] == struck:
            runs[-1] = (runs[-1][0] + text, struck)
        elif text:
            runs.append((text, struck))
    if not any(struck for _text, struck in runs):
        ws.write_string(row, column, "".join(text for text, _struck in runs), fmt)
        return
    if len(runs) == 1:
        text, struck = runs[0]
        if len(text) == 1:  # one struck character: the cell's font struck instead
            ws.write_string(row, column, text, formats(*parts, _STRUCK, num_format=num_format))
            return
        runs = [(text[:1], struck), (text[1:], struck)]  # XlsxWriter writes two runs at least
    strike = formats(_STRUCK)
    tokens: list[object] = []
    for text, struck in runs:
        tokens += [strike, text] if struck else [text]
    ws.write_rich_string(row, column, *tokens, *([fmt] if fmt is not None else []))


def display_width(value: object) -> int:
    """Width of a value as Excel shows it, counting a CJK (wide) character as 2."""
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return 10
    text = str(value)
    return text_width(text)


# 18 and 11 digits, as _width gives them filled; free text (an honour's name, what happened, a
# document number) wide enough for what clerks usually write there.
_MIN_WIDTHS = {"person_id": 20.0, "phone": 13.0, "title": 28.0, "situation": 28.0, "doc_no": 18.0}


def _width(values: Sequence[object]) -> float:
    widest = max((display_width(v) for v in values), default=0)
    return float(min(max(widest + 2, 8), 60))
