"""Write the annotated copy of a township's workbook: bad cells coloured and commented, plus a list."""

from __future__ import annotations

import hashlib
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import fromstring, tostring

from xingxian_cli.domain.diagnostics import Diagnostic
from xingxian_cli.io.atomic import make_dirs, written_whole
from xingxian_cli.messages import diagnostics as DM

ERROR_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
WARNING_FILL = PatternFill(fill_type="solid", start_color="FFFFF2CC", end_color="FFFFF2CC")
_MARK_COLOURS = (ERROR_FILL.fgColor.rgb, WARNING_FILL.fgColor.rgb)
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9E1F2", end_color="FFD9E1F2")
LINK_FONT = Font(color="FF0563C1", underline="single")
COLUMN_WIDTHS = (18, 14, 6, 22, 6, 60, 50)
MAX_TEXT = 32_000  # Excel's cell limit is 32,767 characters
_COLUMNS = re.compile(r"(?:[A-Z]{1,3}(?:,[A-Z]{1,3})*)?")  # a kept row's columns: "A,B,E"
_KEPT_SHEET = "xx_marked_cells"  # very hidden: the clerk's own fill and comment of each marked cell


# Rows below a sheet's last value that hold only formatting (a border drawn down to row 65536):
# openpyxl loads and writes each of their cells, a minute for a few whole columns. The copy
# keeps this many of them under the data, for the clerk to go on filling in, and drops the rest.
EMPTY_ROWS_KEPT = 1000
_TRIM_FROM_BYTES = 1 << 20  # a sheet's XML smaller than this is copied as it is
_HOLDS_VALUE = re.compile(rb"<(?:[\w.-]+:)?(?:v|is|f)\b")  # a value, inline text or formula, any prefix
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')


# The longest name (UTF-8 bytes) an annotated copy is given: file systems allow 255 per name,
# less room for a _2 when two copies would share one.
_NAME_BYTES = 248
_KEEP_END = 8  # characters kept of a long name's end: 最终版 and 修改版 stay apart


def annotated_name(original: str) -> str:
    """``蔚汾镇_2022Q3.xlsx`` -> ``蔚汾镇_2022Q3_校验结果.xlsx`` (a returned copy keeps its name);
    a name too long for a file system once the suffix is added loses characters before its
    last few (…)."""
    path = Path(original)
    # 报送表2022.9.30 has no suffix to drop: its .30 is part of its name
    ext = path.suffix[1:]
    stem = path.stem if ext.isascii() and ext.isalpha() else path.name
    if stem.endswith(DM.ANNOTATE_SUFFIX):
        stem = stem[: -len(DM.ANNOTATE_SUFFIX)]
    room = _NAME_BYTES - len(f"{DM.ANNOTATE_SUFFIX}.xlsx".encode())
    if len(stem.encode()) > room:
        head, tail = stem[:-_KEEP_END], "…" + stem[-_KEEP_END:]
        while len((head + tail).encode()) > room:
            head = head[:-1]
        stem = head + tail
    return f"{stem}{DM.ANNOTATE_SUFFIX}.xlsx"


def write_annotated(data: bytes, diagnostics: list[Diagnostic], out_path: Path, *, file: str | None = None,
                    verdict: str | None = None) -> Path:
    """Write a copy of the workbook ``data`` (the township's ``file``) with every problem
    marked, to ``out_path``. ``verdict`` says what to do with a file with errors that goes back
    to no one (a second file of its township, an old version); by default it is to be corrected.

    When openpyxl cannot open the township's file (calamine could), the copy holds the
    problem list only.
    """
    data, dropped = _without_far_empty_rows(data)
    data = _transitional(data)
    try:
        with warnings.catch_warnings(record=True) as said:  # openpyxl's own words are no officer's business
            warnings.simplefilter("always")
            wb = load_workbook(io.BytesIO(data), rich_text=True)  # a struck word inside a cell stays
        _keep_numbers_out_of_date_range(wb, [str(w.message) for w in said])
    except Exception:  # a workbook calamine reads but openpyxl does not: keep the list at least
        wb = Workbook()
        wb.remove(wb.active)  # type: ignore[arg-type]
    list_only = not wb.worksheets  # (a workbook openpyxl opened and found no sheets in, too)
    if DM.ANNOTATE_SHEET in wb.sheetnames:
        wb.remove(wb[DM.ANNOTATE_SHEET])  # annotating an annotated copy again
    _clear_old_marks(wb)
    located = _mark_cells(wb, diagnostics)
    shown = _show_marked(wb, located.values(), {d.sheet for d in diagnostics if d.sheet})
    _problem_list(wb, diagnostics, located, file or Path(out_path).name, dropped, list_only=list_only, shown=shown,
                  verdict=verdict)
    wb.properties.lastModifiedBy = DM.ANNOTATE_COMMENT_AUTHOR  # ours, until Excel or WPS saves it (see is_our_copy)
    make_dirs(out_path.parent)
    # Saved in memory, then written in one go: a zip openpyxl leaves half-written on a full
    # disk would try again when collected, and print a traceback (review R61).
    buffer = io.BytesIO()
    wb.save(buffer)
    with written_whole(out_path) as draft:
        draft.write_bytes(buffer.getvalue())
    return out_path


# openpyxl's warning for a number in a date-formatted cell beyond Excel's dates (a phone typed into
# 任职起始日期): it loads the cell as the error #VALUE!, and the copy lost what the clerk typed (R141)
_OUT_OF_DATE_RANGE = re.compile(r"Cell (\$?[A-Z]{1,3}\$?\d+) is marked as a date but the serial value (\S+) is outside")


def _keep_numbers_out_of_date_range(wb: Workbook, said: list[str]) -> None:
    """Put back, as plain numbers, the cells openpyxl turned into #VALUE! for lying beyond the
    dates of their date format; ``said`` are its warnings, in the order of the sheets loaded."""
    found = [(m.group(1).replace("$", ""), m.group(2)) for w in said if (m := _OUT_OF_DATE_RANGE.search(w))]
    k = 0
    for ws in wb.worksheets:
        while k < len(found):
            cell = ws._cells.get(coordinate_to_tuple(found[k][0]))  # (ws[…] would add an empty cell)
            if cell is None or cell.data_type != "e" or cell.value != "#VALUE!" or not is_date_format(cell.number_format):
                break  # (the next warning is a later sheet's)
            number = Decimal(found[k][1])
            cell.value = int(number) if number == number.to_integral_value() else float(number)
            cell.number_format = "General"  # shown as typed, not as ####### under the date format
            k += 1


_LAST_SAVED_BY = re.compile(rb"<cp:lastModifiedBy>([^<]*)</cp:lastModifiedBy>")


def is_our_copy(path: Path) -> bool:
    """Whether ``path`` is an annotated copy as :func:`write_annotated` left it: Excel, WPS or
    LibreOffice put their user's name as the last to save it, so a copy the township filled in
    and sent back under the same name is not one (nor is any other file: review R119)."""
    try:
        with zipfile.ZipFile(path) as z:
            found = _LAST_SAVED_BY.search(z.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False
    return found is not None and found.group(1).decode("utf-8", "replace") == DM.ANNOTATE_COMMENT_AUTHOR


# Strict Open XML (Excel's 另存为 "Strict Open XML 电子表格") names its parts in other namespaces,
# which openpyxl does not know: it opens such a file and finds no sheets. Renamed to the usual
# (transitional) ones, the same parts read; longer names first.
_STRICT_NAMES = {
    "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties":
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties":
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
    "http://purl.oclc.org/ooxml/officeDocument/relationships":
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/extendedProperties":
        "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://purl.oclc.org/ooxml/officeDocument/customProperties":
        "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes":
        "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "http://purl.oclc.org/ooxml/officeDocument/sharedTypes":
        "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
    "http://purl.oclc.org/ooxml/spreadsheetml/main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/": "http://schemas.openxmlformats.org/drawingml/2006/",
}
_STRICT = re.compile("|".join(re.escape(k) for k in sorted(_STRICT_NAMES, key=len, reverse=True)).encode())
_CONFORMANCE = re.compile(rb'\s+conformance="strict"')


def _transitional(data: bytes) -> bytes:
    """A Strict Open XML workbook's parts in the usual namespaces (see _STRICT_NAMES); any
    other workbook as it is."""
    from xingxian_cli.io.xlsx_reader import repack

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if b"purl.oclc.org/ooxml" not in z.read("xl/workbook.xml"):
                return data
            members = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return data
    for name, part in members.items():
        if name.endswith((".xml", ".rels")):
            members[name] = _CONFORMANCE.sub(b"", _STRICT.sub(lambda m: _STRICT_NAMES[m.group(0).decode()].encode(), part))
    return repack(members)


def _without_far_empty_rows(data: bytes) -> tuple[bytes, list[tuple[str, int, int]]]:
    """``data`` with the rows of formatting only far below each sheet's data taken out (see
    EMPTY_ROWS_KEPT), and (sheet, last row kept, rows dropped) of each sheet trimmed. A
    workbook that is not a plain zip of sheets is given back as it is."""
    from xingxian_cli.io.xlsx_reader import ROW_TAG, SHEET_DATA_END, repack, sheet_parts

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            big = [i.filename for i in z.infolist() if i.file_size >= _TRIM_FROM_BYTES]
            if not big:
                return data, []
            members = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return data, []
    names = {part: sheet for sheet, part in sheet_parts(members).items()}
    dropped = []
    for part in big:
        if part not in names:
            continue
        xml = members[part]
        end = SHEET_DATA_END.search(xml)
        if end is None:
            continue
        # One pass: a row runs from its tag to the next row's (or the sheet data's end), so a
        # row left unclosed costs no more than a closed one.
        tags = list(ROW_TAG.finditer(xml, 0, end.start()))
        bounds = [*(m.start() for m in tags), end.start()]
        last = max((i for i in range(len(tags)) if _HOLDS_VALUE.search(xml, bounds[i], bounds[i + 1])), default=-1)
        keep = last + EMPTY_ROWS_KEPT
        if keep + 1 >= len(tags):
            continue
        members[part] = xml[: bounds[keep + 1]] + xml[end.start():]
        kept_to = _ROW_NUMBER.search(tags[keep].group(1))
        dropped.append((names[part], int(kept_to.group(1)) if kept_to else keep + 1, len(tags) - keep - 1))
    return (repack(members), dropped) if dropped else (data, [])


def _clean(text: object) -> str:
    """Text safe to store: no XML-illegal control characters, within Excel's length limit."""
    s = ILLEGAL_CHARACTERS_RE.sub("", str(text))
    return s[:MAX_TEXT]


def _put(cell: Cell, value: object) -> None:
    """Store a value as plain data: a string that starts with '=' stays text, never a formula."""
    cell.value = _clean(value) if isinstance(value, str) else value
    if cell.data_type == "f":
        cell.data_type = "s"


def _target(wb: Workbook, d: Diagnostic, headings: dict[tuple[str, str], str | None]) -> tuple[Worksheet, str] | None:
    """Where ``d`` is marked: its sheet and cell (``headings`` caches the column of a heading
    per sheet, for problems given by their heading only)."""
    if not d.sheet or d.sheet not in wb.sheetnames:
        return None
    ws = wb[d.sheet]
    if not isinstance(ws, Worksheet):
        return None
    if not d.row:
        # A problem of the sheet as a whole (measures with no row at all, villages with no
        # income): marked on its first cell, so the clerk sees it where the rows are to go.
        if ws.max_row == 1 and ws.max_column == 1 and ws["A1"].value is None:
            return None  # an empty sheet: nothing to mark
        row, col = ws.min_row, ws.min_column
        column = get_column_letter(col)
    else:
        row = d.row
        if not d.column and d.header and (d.sheet, d.header) not in headings:
            headings[(d.sheet, d.header)] = _header_column(ws, d.header)
        column = d.column or (headings.get((d.sheet, d.header)) if d.header else None) or "A"
        try:
            col = column_index_from_string(column)
        except ValueError:
            return None
    # A cell inside merged cells (a village written once down its cadres' rows) is marked on
    # the merged block's first cell: the only one that holds a value, a fill and a comment.
    for block in ws.merged_cells.ranges:
        if block.min_row <= row <= block.max_row and block.min_col <= col <= block.max_col:
            return ws, block.start_cell.coordinate
    return ws, f"{column}{row}"


def _header_column(ws: Worksheet, header: str) -> str | None:
    """The column whose heading (in the sheet's first rows) is ``header`` or one of the names
    the reader takes for it (任职时间, 任職起始日期 …): where a problem found without the
    cell's column (one against earlier quarters) is marked."""
    from xingxian_cli.domain.intake import HEADER_SCAN_ROWS, norm_header

    names = _heading_names(header)
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS), max_col=min(ws.max_column, 64)):
        for cell in row:
            if isinstance(cell.value, str) and norm_header(cell.value) in names:
                return str(cell.column_letter)
    return None


@lru_cache(maxsize=32)
def _heading_names(header: str) -> frozenset[str]:
    """``header`` and the other names the reader takes for that column, as headings are matched."""
    from xingxian_cli.domain.intake import norm_header
    from xingxian_cli.messages.workbook import COLUMNS

    return frozenset({norm_header(header)} | {norm_header(alias) for columns in COLUMNS.values()
                                              for name, aliases, _required in columns.values() if name == header
                                              for alias in aliases})


def _clear_old_marks(wb: Workbook) -> None:
    """Take off the marks an earlier annotation left (a returned copy sent back fixed): its
    comments and the fill of the cells it commented. Otherwise a corrected cell would
    stay red under a verdict saying the file is fine. The clerk's own comment and fill of
    a marked cell, kept aside when it was marked, come back: to the one cell of its column
    carrying the same mark whose row still holds what it held then in its other filled,
    unmarked cells (the person's ID, name …: rows the clerk deleted, inserted or sorted since
    move it; a fixed neighbour or a reply typed beside it does not); when that is not one
    cell, nowhere rather than on someone else's row."""
    kept: list[tuple[str, str, str, str, str]] = []  # sheet, column, mark, the row's columns, their hash
    entries: list[tuple[str, str, str]] = []  # the clerk's fill, note author and text, in the same order
    earlier: list[tuple[str, str, str, tuple[str, str, str]]] = []  # rows an earlier xx kept: by address only
    if _KEPT_SHEET in wb.sheetnames:
        aside = wb[_KEPT_SHEET]
        for row in aside.iter_rows(min_row=1, values_only=True):
            # An editor's save drops trailing empty cells: pad them back.
            sheet, ref, fill_xml, author, text, mark, columns, key = (str(v or "") for v in (*row, *([None] * 8))[:8])
            if not (sheet and ref):
                continue
            if _COLUMNS.fullmatch(columns) and len(key) == 40:
                kept.append((sheet, ref.rstrip("0123456789"), mark, columns, key))
                entries.append((fill_xml, author, text))
            else:  # a copy annotated by an earlier xx: its cell, if it still carries that mark
                earlier.append((sheet, ref, mark, (fill_xml, author, text)))
        wb.remove(aside)
    marked = [(ws, cell) for ws in wb.worksheets
              for cell in [c for c in ws._cells.values() if c.comment is not None]  # noqa: SLF001 - only the cells that exist
              if cell.comment.author == DM.ANNOTATE_COMMENT_AUTHOR]
    by_place: dict[tuple[str, str, str], list[tuple[Worksheet, Cell]]] = {}
    for ws, cell in marked:
        by_place.setdefault((ws.title, cell.column_letter, cell.comment.text), []).append((ws, cell))
    claims: dict[int, list[int]] = {}  # cell -> the entries that fit it
    fits: list[list[Cell]] = []
    for i, (sheet, column, mark, columns, key) in enumerate(kept):
        cells = [cell for ws, cell in by_place.get((sheet, column, mark), [])
                 if _row_key(ws, cell.row, columns.split(",") if columns else [])[1] == key]
        fits.append(cells)
        for cell in cells:
            claims.setdefault(id(cell), []).append(i)
    found: dict[int, tuple[str, str, str]] = {}
    for i, cells in enumerate(fits):
        if len(cells) == 1 and claims[id(cells[0])] == [i]:
            found[id(cells[0])] = entries[i]
    ours = {(ws.title, cell.coordinate): cell for ws, cell in marked}
    for sheet, ref, mark, entry in earlier:
        cell = ours.get((sheet, ref))
        if cell is not None and id(cell) not in found and (not mark or cell.comment.text == mark):
            found[id(cell)] = entry
    for _ws, cell in marked:  # each mark of ours comes off: the clerk's own back, or none
        fill_xml, author, text = found.get(id(cell), ("", "", ""))
        cell.comment = Comment(text, author) if text else None
        if fill_xml:
            try:
                cell.fill = PatternFill.from_tree(fromstring(fill_xml))
                continue
            except (ValueError, TypeError, SyntaxError):  # not a fill we wrote: as if none was kept
                pass
        if _is_mark(cell.fill):
            cell.fill = PatternFill()


def _row_key(ws: Worksheet, row: int, columns: list[str] | None = None,
             skip: set[int] | frozenset[int] = frozenset()) -> tuple[list[str], str]:
    """Which row a kept entry belongs to, wherever the row has moved: the row's ``columns``
    (by default its filled cells outside ``skip``, the marked ones the clerk will fix) and a
    hash of what they hold."""
    if columns is None:
        cells = [c for c in ws[row] if c.value is not None and c.column not in skip]
        columns = [c.column_letter for c in cells]
        values = [c.value for c in cells]
    else:
        values = [ws[f"{col}{row}"].value for col in columns]
    # Rich text by its plain text: the key is the same as when the copy was read without it.
    values = [str(v) if isinstance(v, CellRichText) else v for v in values]
    return columns, hashlib.sha1(repr(values).encode("utf-8")).hexdigest()


def _is_mark(fill: PatternFill | None) -> bool:
    return fill is not None and fill.fill_type == "solid" and fill.fgColor.rgb in _MARK_COLOURS


def _mark_cells(wb: Workbook, diagnostics: Iterable[Diagnostic]) -> dict[int, tuple[str, str]]:
    """Fill and comment each problem's cell; return diagnostic index -> (sheet, cell ref).

    The clerk's own fill and comment of a marked cell are noted, with the mark put there,
    in a sheet the clerk does not see, so a later annotation of the returned copy can put
    them back."""
    by_cell: dict[tuple[str, str], list[Diagnostic]] = {}
    located: dict[int, tuple[str, str]] = {}
    headings: dict[tuple[str, str], str | None] = {}
    for i, d in enumerate(diagnostics):
        target = _target(wb, d, headings)
        if target is None:
            continue
        ws, ref = target
        located[i] = (ws.title, ref)
        by_cell.setdefault((ws.title, ref), []).append(d)
    aside: list[tuple[str, ...]] = []
    marked_columns: dict[tuple[str, int], set[int]] = {}  # (sheet, row) -> the columns marked in it
    for title, ref in by_cell:
        c = wb[title][ref]
        marked_columns.setdefault((title, c.row), set()).add(c.column)
    for (title, ref), items in by_cell.items():
        cell = wb[title][ref]
        # The clerk's own: a fill that is not a mark of ours (left on a cell whose note they
        # deleted), a comment not ours.
        own_fill = cell.fill is not None and cell.fill.fill_type is not None and not _is_mark(cell.fill)
        own = cell.comment if cell.comment is not None and cell.comment.author != DM.ANNOTATE_COMMENT_AUTHOR else None
        items.sort(key=lambda d: not d.is_error)
        text = "\n".join(
            f"【{DM.SEVERITY_LABELS[d.severity.value]}】{d.message}" + (f"\n  {d.hint}" if d.hint else "")
            for d in items
        )
        if own is not None and own.text:
            text = f"{text}\n——\n{own.text}"
        mark = _clean(text)
        if own_fill or own is not None:
            columns, key = _row_key(wb[title], cell.row, skip=marked_columns.get((title, cell.row), set()))
            aside.append((title, ref, tostring(cell.fill.to_tree()).decode() if own_fill else "",
                          (own.author or "") if own is not None else "", own.text if own is not None else "", mark,
                          ",".join(columns), key))
        cell.fill = ERROR_FILL if items[0].is_error else WARNING_FILL
        comment = Comment(mark, DM.ANNOTATE_COMMENT_AUTHOR)
        comment.width = 360
        comment.height = min(400, 80 + 40 * len(items))
        cell.comment = comment
    if aside:
        sheet = wb.create_sheet(_KEPT_SHEET)
        sheet.sheet_state = "veryHidden"
        for row in aside:
            sheet.append([_clean(v) for v in row])
    return located


def _show_marked(wb: Workbook, cells: Iterable[tuple[str, str]], named: set[str]) -> list[str]:
    """Unhide each hidden sheet a problem names (``named``), and each hidden row and column
    holding a marked cell: a mark in a row the clerk hid is not seen (review R83). What was
    unhidden, as the problem list notes it."""
    from openpyxl.utils.cell import coordinate_from_string

    cells = list(cells)
    sheets = [t for t in wb.sheetnames if wb[t].sheet_state != "visible" and (t in named or any(t == c[0] for c in cells))]
    for title in sheets:
        wb[title].sheet_state = "visible"
    rows: dict[str, set[int]] = {}
    columns: dict[str, set[str]] = {}
    for title, ref in cells:
        ws = wb[title]
        letter, row = coordinate_from_string(ref)
        if ws.row_dimensions[row].hidden:
            ws.row_dimensions[row].hidden = False
            rows.setdefault(title, set()).add(row)
        index = column_index_from_string(letter)
        for dim in list(ws.column_dimensions.values()):  # one dimension may span several columns
            if dim.hidden and (dim.min or 0) <= index <= (dim.max or 0):
                dim.hidden = False  # the whole group, each of its columns said (review R84)
                columns.setdefault(title, set()).update(get_column_letter(k) for k in range(dim.min, dim.max + 1))
    notes = [DM.ANNOTATE_SHOWN_SHEET.format(sheet=t) for t in sheets]
    notes += [DM.ANNOTATE_SHOWN_ROWS.format(sheet=t, rows=DM.LIST_SEP.join(map(str, sorted(r)))) for t, r in rows.items()]
    notes += [DM.ANNOTATE_SHOWN_COLUMNS.format(sheet=t, columns=DM.LIST_SEP.join(sorted(c, key=column_index_from_string)))
              for t, c in columns.items()]
    return notes


def _problem_list(wb: Workbook, diagnostics: list[Diagnostic], located: dict[int, tuple[str, str]],
                  file: str, dropped: list[tuple[str, int, int]], *, list_only: bool = False,
                  shown: Sequence[str] = (), verdict: str | None = None) -> None:
    ws = wb.create_sheet(DM.ANNOTATE_SHEET, 0)
    wb.active = 0
    errors = sum(1 for d in diagnostics if d.is_error)
    # The verdict first: what the township has to do with this file.
    returned = errors and verdict is None  # to be corrected by the township
    if verdict is None or not errors:
        verdict = (DM.ANNOTATE_REFUSED_LIST_ONLY if list_only else DM.ANNOTATE_REFUSED) if errors else DM.ANNOTATE_ACCEPTED
    headline = ws.cell(row=1, column=1, value=_clean(DM.ANNOTATE_HEADLINE.format(
        file=file, errors=errors, warnings=len(diagnostics) - errors, verdict=verdict)))
    headline.font = Font(bold=True, size=12, color="FFC00000" if returned else "FF9C5700" if errors else "FF375623")
    for j, label in enumerate(DM.ANNOTATE_HEADERS, 1):
        c = ws.cell(row=2, column=j, value=label)
        c.font = Font(bold=True)
        c.fill = HEADER_FILL
    for j, width in enumerate(COLUMN_WIDTHS, 1):
        ws.column_dimensions[ws.cell(row=2, column=j).column_letter].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    order = sorted(range(len(diagnostics)), key=lambda i: (not diagnostics[i].is_error, i))
    r = 2
    for i in order:
        d = diagnostics[i]
        r += 1
        place = located.get(i)
        first = ws.cell(row=r, column=1)
        if place is not None:
            sheet, ref = place
            _put(first, f"{sheet}!{ref}")
            quoted = sheet.replace("'", "''")
            first.hyperlink = Hyperlink(ref=first.coordinate, location=f"'{quoted}'!{ref}")
            first.font = LINK_FONT
        else:  # by the file's own name: the officer's folders are not the township's business
            own = d if not d.file or d.file == file else d.model_copy(update={"file": file})
            _put(first, own.location() or file)
        column = d.column or ""
        if d.header:
            column = DM.ANNOTATE_COLUMN.format(letter=d.column, header=d.header) if d.column else d.header
        values = (d.sheet or "", d.row, column, DM.SEVERITY_LABELS[d.severity.value], d.message, d.hint)
        for j, v in enumerate(values, 2):
            _put(ws.cell(row=r, column=j), v)
        ws.cell(row=r, column=5).fill = ERROR_FILL if d.is_error else WARNING_FILL
    if not diagnostics:
        _put(ws.cell(row=3, column=1), DM.ANNOTATE_NO_PROBLEMS)
    ws.auto_filter.ref = f"A2:G{max(r, 2)}"
    notes = [DM.ANNOTATE_ROWS_DROPPED.format(sheet=sheet, row=row, count=count) for sheet, row, count in dropped]
    for at, note in enumerate([*notes, *shown], max(r, 3) + 2):  # under the table, outside its filter
        _put(ws.cell(row=at, column=1), note)
