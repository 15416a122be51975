"""Read township workbooks safely: sniff the bytes, guard against hostile zips, then read values."""

from __future__ import annotations

import html
import io
import os
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Container, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, islice
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from xingxian_cli.domain.cells import column_index
from xingxian_cli.domain.diagnostics import Diagnostic, make
from xingxian_cli.domain.intake_cells import cell_text
from xingxian_cli.domain.text import norm, without_controls
from xingxian_cli.io.atomic import WORKBOOK_SUFFIXES
from xingxian_cli.messages import workbook as W
from xingxian_cli.messages.diagnostics import (
    ARCHIVE_INSIDE,
    CORRUPT_REASONS,
    FILE_KINDS,
    TOO_LARGE_REASONS,
    UNSAFE_REASONS,
)

# Safety limits. A real county workbook (about 1,800 rows) is well under 2 MB on disk and
# 20 MB unpacked; these sit far above that and far below what would hurt a laptop.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_TOTAL_UNCOMPRESSED = 100 * 1024 * 1024
MAX_PART_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
# Parts compressed more than MAX_RATIO:1 (a real workbook's XML: about 5-15:1) may together
# unpack to this much: a few small parts of repeated XML do, a bomb spread over parts does not.
RATIO_MIN_BYTES = 10 * 1024 * 1024
# calamine allocates the whole rectangle from A1 to the last cell, so one cell at XFD1048576
# would cost gigabytes; bound the rectangle before asking it to load a sheet.
MAX_SHEET_CELLS = 2_000_000
# And every sheet read from one workbook together (many names can point at one part).
MAX_WORKBOOK_CELLS = 2 * MAX_SHEET_CELLS
# openpyxl (the fallback for a sheet calamine cannot read) parses the whole package into
# Python objects first: only for a package and a sheet of a real township's size.
MAX_FALLBACK_BYTES = 20 * 1024 * 1024  # of XML parts (pictures do not count)
MAX_FALLBACK_TAGS = 250_000
# calamine copies a shared string into every cell that refers to it, and Python copies it
# again: the cells' strings and the sheets' own bytes together, over every sheet loaded,
# stay under this (a real workbook: a few MB).
MAX_STRING_BYTES = 128 * 1024 * 1024  # with the sheets' own bytes, summed over every sheet loaded
MAX_SHEETS = 1_000
# Sheet XML that needs the exact (expat) span check, over the whole workbook: about 2 µs per
# element in Python, so this keeps the check within seconds. Only unusual markup takes that
# path (a real township workbook, even written with prefixes, is 1-3 MB).
MAX_EXACT_BYTES = 16 * 1024 * 1024
# The most <col> elements a sheet can mean (one per column, XFD = 16,384), and the most
# declarations and comments before an XML part's root element (Office writes one or two).
MAX_COL_TAGS = 16_384
MAX_PROLOG_ITEMS = 64
MAX_MERGED_AREAS = 10_000  # merged areas filled per sheet; a file declaring more is read as it is
# A cell of type "s" and its value: the index of the shared string it shows.
_STRING_CELL = re.compile(rb'<(?:[\w.-]+:)?c\b(?=[^<>]*\bt\s*=\s*["\']s["\'])[^<>]*>\s*<(?:[\w.-]+:)?v>\s*([0-9]{1,12})')
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x01\x00\x00\x00", b"BM", b"II*\x00", b"MM\x00*")

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OTHER_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c")  # RAR and 7-Zip: archives, not workbooks
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 1024 * 1024

# A sheet whose every cell element is a plain small cell — <c r="A1" …>, double-quoted
# attributes without "<" or ">" in their values and no second r — is bounded by
# construction: one search for any other cell element proves it (a clerk's sheet, nearly
# always). An element name ends at whitespace, "/" or ">" (so <col>, <cfRule>, … are not
# cells). Two bounds, tried in turn: every cell within Z9999, or every cell within T99999.
_PLAIN_REST = rb'"(?: [a-qs-zA-Z][\w:.-]*="[^"<>]*")* ?/?>)'  # after the reference's digits
_NOT_PLAIN_CELLS = [  # each with the most cells such a sheet can have
    (re.compile(rb'<c(?=[ \t\r\n/>])(?! r="[A-Za-z][0-9]{1,4}' + _PLAIN_REST), 26 * 9_999),  # within Z9999
    (re.compile(rb'<c(?=[ \t\r\n/>])(?! r="[A-Ta-t][0-9]{1,5}' + _PLAIN_REST), 20 * 99_999),  # within T99999
]
assert all(most <= MAX_SHEET_CELLS for _p, most in _NOT_PLAIN_CELLS)
_PREFIXED_CELL = re.compile(rb":c[ \t\r\n/>]")  # <x:c …>, which calamine reads as a cell too
_SHEET_DATA = re.compile(rb"[<:]sheetData[ \t\r\n/>]")  # the start of a sheet's cells, any prefix
# Otherwise the sheet is read element by element (see _exact_span).
_CELL_REF = re.compile(r"[A-Za-z]{1,3}([0-9]+)")
_COL_TAG = re.compile(rb"<col\b([^<>]*)>")  # never past the next tag: linear on any input
ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row\b([^<>]*)>")
SHEET_DATA_END = re.compile(rb"</(?:[\w.-]+:)?sheetData\s*>")
_XML_SPACE = re.compile(rb"[ \t\r\n]*")
_ATTR = re.compile(rb"(\w+)=\"([^\"]*)\"")
_CELL_TAG = re.compile(rb"<c\b([^<>]*)>")
_CELL_REF_ATTR = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
# A font's strike-through, unless switched off (<strike val="0"/>), with any prefix.
_STRIKE = re.compile(rb"""<(?:[\w.-]+:)?strike\b(?![^<>]*\bval\s*=\s*["'](?:0|false)["'])""")
_CELL_CLOSE = re.compile(rb"</(?:[\w.-]+:)?c>")
_CELL_STYLE = re.compile(rb'<(?:[\w.-]+:)?c\b[^<>]*?\bs="([0-9]{1,9})"')  # a cell and its format's index
# A run's properties opened and not closed before a struck run's strike: <rPr><b/><strike/>.
_IN_RUN_PROPS = re.compile(rb"<(?:[\w.-]+:)?rPr>(?:<[^<>/]+/>\s*)*$")
_INLINE_BACK = 16 * 1024  # how far before a struck run its cell's opening tag may start
_ERROR_VALUE = re.compile(rb"<v>([^<]{1,16})</v>")
_REF_PARTS = re.compile(rb"^([A-Z]{1,3})([0-9]{1,7})$")
# A formula element that ends its cell with no saved result: the formula, then no value or
# an empty one, then </c>. Excel and WPS save every formula's result; a workbook made by a
# program (openpyxl, an export) may not, and calamine reads such a cell as blank. Linear:
# each try starts at a "<f" and stops at the next tag that is not one of these.
_UNSAVED_FORMULA = re.compile(
    rb"<f\b[^<>]*(?:/>|>([^<]*)</f>)[ \t\r\n]*(?:<v[ \t\r\n]*/>|<v>[ \t\r\n]*</v>)?[ \t\r\n]*</c>")
_CELL_OPEN_BACK = 512  # how far before its formula a cell's opening tag may start
# A formula element naming another workbook ([1]Sheet1!B3, '[2]汇总 表'!C4): an external link's
# index in square brackets. A shared formula's later cells name only their group (si).
_EXTERNAL_FORMULA = re.compile(rb"<f\b([^<>]*)>([^<]*\[[0-9]{1,4}\][^<]*)</f>")
_ANY_FORMULA = re.compile(rb"<f\b([^<>]*)>([^<]*)</f>")
_SHARED_FORMULA = re.compile(rb"<f\b([^<>]*)/>")
# In a formula's text: a string literal ("[1]" is no link), and a link's index before a sheet
# or a name and its "!" ([1]汇总!C3, '[1]汇总 表'!C3, [1]!分数); a table's column (表1[2022]) is none.
_FORMULA_STRING = re.compile(r'"(?:[^"]|"")*"')
_LINKED_REF = re.compile(r"(?<![\w\]])'?\[[0-9]{1,4}\][^\[\]!\"]*!")
_DEFINED_NAME = re.compile(rb"<definedName\b[^<>]*\bname=\"([^\"]+)\"[^<>]*>([^<]*)</definedName>")
# A control character other than tab, line feed and carriage return, as the XML escapes it
# (see domain.text.without_controls).
_CONTROL_ESCAPE = re.compile(rb"_x00(?:0[0-8BbCcEeFf]|1[0-9A-Fa-f]|7[Ff])_")
_LINK_TARGET = re.compile(rb"<Relationship\b[^<>]*\bTarget=\"([^\"]*)\"[^<>]*>")

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# The same in a workbook saved as "Strict Open XML" (Excel's Save As offers it).
NS_MAIN_STRICT = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
NS_REL_ID_STRICT = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

Grid = list[list[object]]
Cell = tuple[int, int]  # 0-based (row, column)
Area = tuple[int, int, int, int]  # 0-based first row, first column, last row, last column


_DATE1904 = re.compile(rb"""<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']""")


@dataclass(frozen=True)
class WorkbookData:
    """Cell values of the sheets that were read, as the user sees them.

    ``sheets[name][i]`` is Excel row ``i + 1`` starting at column A (blank rows kept, so
    reported rows match the sheet); ``hidden_columns[name]`` and ``hidden_rows[name]`` hold
    the 0-based hidden columns and rows.
    """

    sheets: dict[str, Grid]
    sheet_names: list[str] = field(default_factory=list)
    hidden_columns: dict[str, frozenset[int]] = field(default_factory=dict)
    hidden_rows: dict[str, frozenset[int]] = field(default_factory=dict)
    filtered_rows: dict[str, frozenset[int]] = field(default_factory=dict)  # hidden rows a filter left on hides
    hidden_sheets: frozenset[str] = frozenset()  # every sheet the workbook hides, read or not
    # 0-based (row, column) -> the error a cell shows (#N/A, #DIV/0!), per sheet: calamine
    # reads such a cell as blank.
    error_cells: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    # 0-based (row, column) -> the formula ("=B2*0.3", "=…" for a shared one) of a cell saved
    # without its result, per sheet: calamine reads it as blank.
    unsaved_formulas: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    # The 1904 date system (Excel for Mac's option): dates are read right by calamine, but a
    # number typed into a date cell is that many days from 1904-01-01.
    date1904: bool = False
    # 0-based row -> 0-based columns of the cells whose font strikes their text through (a
    # clerk's way of crossing out a row), per sheet: calamine reads them like any other.
    struck_cells: dict[str, dict[int, frozenset[int]]] = field(default_factory=dict)
    # per sheet, 0-based row -> the columns whose cells are formatted as percent (100% is 1)
    percent_cells: dict[str, dict[int, frozenset[int]]] = field(default_factory=dict)
    # likewise, the cells whose number format shows the number in 元 (0"元": 360000 shows 360000元)
    yuan_cells: dict[str, dict[int, frozenset[int]]] = field(default_factory=dict)
    # likewise, the cells whose number format shows the number divided by 1,000 (0.0,"万元": 5000
    # shows 5.0万元)
    scaled_cells: dict[str, dict[int, frozenset[int]]] = field(default_factory=dict)
    # 0-based (row, column) -> the formula of each cell whose value a formula takes from
    # another workbook, per sheet (the value read is the one saved with this file), and the
    # names of the workbooks linked
    external_cells: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    external_books: tuple[str, ...] = ()
    # per sheet, 0-based row -> column -> the decimals its number format shows, of the cells
    # formatted to show none or one (0, #,##0, 0.0): 89.6 there shows as 90
    rounded_cells: dict[str, dict[int, dict[int, int]]] = field(default_factory=dict)
    # per sheet, 0-based (row, column) of each cell given the value of an area merged down
    # over it, or left blank under an area on one row -> that area (first row, first column,
    # last row, last column; 0-based)
    merged_cells: dict[str, dict[Cell, Area]] = field(default_factory=dict)
    # per sheet, 0-based (row, column) of each cell under an area merged down that still held
    # a value of its own in the file (not one Excel or WPS writes: they keep the first cell's
    # only) -> that value; the cell reads the area's value, as shown
    merged_hidden: dict[str, dict[Cell, object]] = field(default_factory=dict)


class _Refused(Exception):
    """Internal: carries the one diagnostic that stops reading a file."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_workbook(
    data: bytes, *, file: str, want: Callable[[str], bool] | None = None
) -> tuple[WorkbookData | None, Diagnostic | None]:
    """Read the values of a workbook's sheets (those ``want`` accepts, default all).

    Returns ``(data, None)``, or ``(None, diagnostic)`` when the file is refused: not an
    .xlsx, password-protected, corrupt, too large or unsafe. Never raises for bad input.
    """
    try:
        parts = _inspect(data, file)
        # The readers get a package rebuilt from exactly the parts checked here: zip readers
        # disagree on odd archives (two end records, …) and could otherwise load other parts.
        with _rust_panics_unprinted():
            return _read_values(repack(parts.members), file, parts, want), None
    except _Refused as refused:
        return None, refused.diagnostic
    except BaseException as exc:  # any parser failure on a hostile file is a corrupt file, not a crash
        _reraise_system(exc)
        return None, _corrupt(file, "parse")


def sniff(data: bytes, *, file: str) -> Diagnostic | None:
    """The diagnostic refusing ``data`` before any parsing, or None when it looks like an .xlsx."""
    try:
        _inspect(data, file)
    except _Refused as refused:
        return refused.diagnostic
    except BaseException as exc:
        _reraise_system(exc)
        return _corrupt(file, "parse")
    return None


@contextmanager
def _rust_panics_unprinted() -> Iterator[None]:
    """Standard error pointed at nothing while the readers run: calamine's Rust code prints a
    panic there itself (a page of backtrace when RUST_BACKTRACE is set) before it reaches us as
    an exception and the file is refused in Chinese (review R128: a date cell of -1e20)."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no standard error to quiet
        yield
        return
    try:
        with open(os.devnull, "wb") as sink:
            os.dup2(sink.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)


def _reraise_system(exc: BaseException) -> None:
    # calamine's Rust panics arrive as pyo3's PanicException, a BaseException: those are a
    # bad file; Ctrl-C and exit are not. Nor is a name our own code got wrong: no file's
    # content raises NameError in it, and blaming the township's file would hide the bug (one
    # a library's code raises on some file stays a bad file, and the other files are read).
    if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit) or (isinstance(exc, NameError) and _ours(exc)):
        raise exc


def _ours(exc: BaseException) -> bool:
    """Whether ``exc`` was raised in this package's own code (its innermost frame)."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return Path(tb.tb_frame.f_code.co_filename).resolve().is_relative_to(_PACKAGE)


_PACKAGE = Path(__file__).resolve().parent.parent  # xingxian_cli/


# --- sniffing ------------------------------------------------------------------------


def _corrupt(file: str, reason: str, **ctx: object) -> Diagnostic:
    return make("file-corrupt", file=file, reason=CORRUPT_REASONS[reason].format(**ctx))


_DOCUMENTS = frozenset({"pdf", "image", "docx", "doc", "pptx"})  # no table to save as a workbook


def _not_xlsx(file: str, kind: str) -> _Refused:
    # a scan, a photo or a Word file: "open it in Excel and save as .xlsx" does not apply (review R72)
    return _Refused(make("file-not-a-table" if kind in _DOCUMENTS else "file-not-xlsx", file=file, kind=FILE_KINDS[kind]))


def _too_large(file: str, reason: str, **ctx: object) -> _Refused:
    return _Refused(make("file-too-large", file=file, reason=TOO_LARGE_REASONS[reason].format(**ctx)))


def refused_by_size(file: str, size: int) -> Diagnostic | None:
    """Why a file of ``size`` bytes is refused before it is read (None: it may be read)."""
    return _too_large(file, "file", size=_mb(size), limit=_mb(MAX_FILE_BYTES)).diagnostic \
        if size > MAX_FILE_BYTES else None


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}"


@dataclass
class _Parts:
    """What the zip inspection learned: sheet name -> worksheet part, and every part's bytes."""

    sheet_parts: dict[str, str]
    members: dict[str, bytes]
    strings: dict[str, int] = field(default_factory=dict)  # sheet part -> shared-string bytes it pulls in


def _inspect(data: bytes, file: str) -> _Parts:
    if not data:
        raise _Refused(_corrupt(file, "empty"))
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(file, "file", size=_mb(len(data)), limit=_mb(MAX_FILE_BYTES))
    head = data[:8]
    if head == _OLE2_MAGIC:
        raise _Refused(_ole2(data, file))
    if head.startswith(_OTHER_ARCHIVES):
        raise _Refused(make("file-archive", file=file, kind=FILE_KINDS["archive"], inside=""))
    if not head.startswith(_ZIP_MAGICS):
        raise _not_xlsx(file, _text_kind(data))
    return _inspect_zip(data, file)


def _ole2(data: bytes, file: str) -> Diagnostic:
    # An OLE2 container is either an old .xls (Excel 97-2003) or a password-protected
    # .xlsx (Office wraps the encrypted package in OLE2). We refuse old .xls rather than
    # read it: xlrd would add a dependency for a format our template never produces, and
    # 另存为 .xlsx takes the township a minute.
    try:
        import msoffcrypto

        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        if office.is_encrypted():
            return make("file-encrypted", file=file)
    except Exception:  # not an Office file msoffcrypto knows: fall through to the stream check
        pass
    try:
        import olefile

        ole = olefile.OleFileIO(io.BytesIO(data))
        streams = {"/".join(s).lower() for s in ole.listdir()}
        ole.close()
        if "encryptedpackage" in streams:
            return make("file-encrypted", file=file)
        if "workbook" in streams or "book" in streams:  # WPS's own .et is the same container
            return make("file-not-xlsx", file=file, kind=FILE_KINDS["et" if file.lower().endswith(".et") else "xls"])
        if "worddocument" in streams:  # a Word 97-2003 .doc (or WPS 文字's .wps)
            return _not_xlsx(file, "doc").diagnostic
    except Exception:
        return _corrupt(file, "parse-kind", detail=FILE_KINDS["ole_damaged"])
    return make("file-not-xlsx", file=file, kind=FILE_KINDS["ole"])


# JPEG, PNG, GIF, BMP and TIFF files start so (a phone's photo of the form, a scan)
_IMAGE_MAGICS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")


def _text_kind(data: bytes) -> str:
    """Name what a non-zip, non-OLE2 file most likely is (HTML, CSV, …)."""
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(_IMAGE_MAGICS) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or head[4:12] in (
            b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "image"
    text = _decode_head(head).lstrip("\ufeff \t\r\n").lower()
    if text.startswith("<"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in text or "<workbook" in text:
            return "xml2003"
        if any(tag in text for tag in ("<html", "<!doctype html", "<table", "<meta", "<body", "<head")):
            return "html"
        return "unknown"
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    if text and printable / len(text) > 0.95:
        return "csv"
    return "unknown"


def _decode_head(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    for enc in ("utf-8", "gb18030"):
        try:
            return head.decode(enc)
        except UnicodeDecodeError:
            continue
    return head.decode("latin-1")


def _inspect_zip(data: bytes, file: str) -> _Parts:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, struct.error):
        raise _Refused(_corrupt(file, "zip")) from None
    if len(infos) > MAX_MEMBERS:
        raise _too_large(file, "members", count=len(infos), limit=MAX_MEMBERS)
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise _Refused(_corrupt(file, "duplicate", part=dup))
    _classify_package(zf, set(names), file)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _too_large(file, "total", size=_mb(total), limit=_mb(MAX_TOTAL_UNCOMPRESSED))
    for info in infos:
        if info.flag_bits & 0x1:
            raise _Refused(make("file-encrypted", file=file))
        if info.file_size > MAX_PART_UNCOMPRESSED:
            raise _too_large(file, "part", part=info.filename, size=_mb(info.file_size),
                             limit=_mb(MAX_PART_UNCOMPRESSED))
    packed = [i for i in infos if i.file_size > MAX_RATIO * max(i.compress_size, 1)]
    if sum(i.file_size for i in packed) > RATIO_MIN_BYTES:
        worst = max(packed, key=lambda i: i.file_size)
        raise _too_large(file, "ratio", part=worst.filename, ratio=worst.file_size // max(worst.compress_size, 1))
    members: dict[str, bytes] = {}
    for info in infos:
        # Every member is inflated here under its declared size and CRC, so a member whose
        # declared size lies (the classic zip bomb) is caught before calamine inflates it.
        content = members[info.filename] = _inflate(data, info, file)
        if info.filename.lower().endswith(_XML_SUFFIXES):
            _check_prolog(content, info.filename, file)
    parts_of = sheet_parts(members)
    named = {part: name for name, part in parts_of.items()}
    # calamine copies a shared string into every cell showing it (and Python once more):
    # each sheet part's cost is the text its string cells pull in, charged per load.
    lengths: list[int] = []
    shifted = False
    for part, content in members.items():
        if part.lower().endswith("sharedstrings.xml"):  # calamine's, matched ignoring case
            found, blank = _shared_string_lengths(content, part, file)
            if sum(found) >= sum(lengths):
                lengths, shifted = found, blank
    # calamine drops blank shared strings, so with one among them an index may point further
    # on: then a cell is charged the longest string from its index on.
    reach = list(accumulate(reversed(lengths), max))[::-1] if shifted else lengths
    longest = reach[0] if reach else 0
    strings: dict[str, int] = {}
    exact_left = MAX_EXACT_BYTES
    for part, content in members.items():
        # calamine takes cells only from a part holding sheetData: check every such part,
        # whatever its name, extension or first bytes, and whichever sheet it turns out to be.
        if b"sheetData" in content and _SHEET_DATA.search(content) is not None:
            exact_left -= _span_check(content, named.get(part, part), file, exact_left)
            cost = longest * (content.count(b"<v") + content.count(b":v")) if longest else 0
            if cost > MAX_STRING_BYTES // 16:  # only then are the string cells read one by one
                cost = sum(reach[i] for i in map(int, _STRING_CELL.findall(content)) if i < len(reach))
            if cost > MAX_STRING_BYTES:
                raise _too_large(file, "strings", size=_mb(cost), limit=_mb(MAX_STRING_BYTES))
            strings[part] = cost + len(content)  # its own text (inline strings) comes along too
    return _Parts(sheet_parts=parts_of, members=members, strings=strings)


def _shared_string_lengths(content: bytes, part: str, file: str) -> tuple[list[int], bool]:
    """The length of each shared string of a part, read with expat on the raw bytes (every
    character inside an outermost ``si`` element, any prefix), and whether any of them may
    be blank to calamine (no text but phonetic runs, or only spaces). A part of plain items
    only, as Excel, WPS and XlsxWriter write plain text, is measured on its bytes instead,
    with the same result: expat's cost is a Python call per element."""
    plain = _plain_shared_strings(content)
    return plain if plain is not None else _expat_shared_string_lengths(content, part, file)


def _expat_shared_string_lengths(content: bytes, part: str, file: str) -> tuple[list[int], bool]:
    """:func:`_shared_string_lengths` for any part: expat on the raw bytes."""
    from xml.parsers import expat

    out: list[int] = []
    blank = [False]
    at = [0, 0, 0, 0]  # depth of si elements, characters of the current one, depth in rPh, its plain text

    def start(name: str, _attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "si":
            at[0] += 1
            if at[0] == 1:
                at[1] = at[3] = 0
        elif local == "rPh":
            at[2] += 1

    def end(name: str) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "si":
            at[0] -= 1
            if at[0] == 0:
                out.append(at[1])
                blank[0] = blank[0] or not at[3]
        elif local == "rPh":
            at[2] -= 1

    def text(data: str) -> None:
        if at[0]:
            at[1] += len(data)
            if not at[2] and data.strip():
                at[3] += 1

    if b"\x00" in content or content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Refused(_corrupt(file, "prolog", part=part))
    parser = expat.ParserCreate("ISO-8859-1")
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.buffer_text = True
    try:
        parser.Parse(content, True)
    except expat.ExpatError:
        raise _Refused(_corrupt(file, "prolog", part=part)) from None
    return out, blank[0]


# Plain shared strings, as Excel, WPS and XlsxWriter write plain text: <si><t>text</t></si>
# items (the t with xml:space="preserve", an empty phoneticPr after it as Excel writes in a
# Chinese locale) between the sst tags, nothing else: no runs, phonetic text, entities,
# comments, prefixes, other attributes or characters XML forbids. Each pattern has one way to
# match any input (linear).
_XML_TEXT = rb"[^<&\x00-\x08\x0b\x0c\x0e-\x1f]*"
_SST_OPEN = re.compile(rb'(?:<\?xml version="1\.[0-9]"(?: encoding="[A-Za-z][\w.-]*")?(?: standalone="(?:yes|no)")?\?>)?'
                       rb'[ \t\r\n]*<sst xmlns="' + _XML_TEXT.replace(b"<&", b'"<&') + rb'"'
                       rb'(?: count="[0-9]{1,12}")?(?: uniqueCount="[0-9]{1,12}")?>')
_SST_ITEMS = re.compile(rb'(?:<si><t(?: xml:space="preserve")?>' + _XML_TEXT + rb'</t>'
                        rb'(?:<phoneticPr(?: fontId="[0-9]{1,9}")?(?: type="[A-Za-z]{1,20}")?'
                        rb'(?: alignment="[A-Za-z]{1,20}")?/>)?</si>)*+</sst>[ \t\r\n]*')  # possessive: no
# backtracking state kept per item (review R72: 4.3 million items took 1.6 GB to match)
_SST_TEXT = re.compile(rb"<t[^>]*>([^<]*)</t>")


def _plain_shared_strings(content: bytes) -> tuple[list[int], bool] | None:
    """What :func:`_shared_string_lengths` finds, for a part of plain items only (None for
    any other): each text's characters as expat counts them on the raw bytes (a CR LF is
    one), and whether one of them is blank (only spaces) once stripped the same way."""
    start = _SST_OPEN.match(content)
    if start is None or b"]]>" in content or _SST_ITEMS.fullmatch(content, start.end()) is None:
        return None
    lengths: list[int] = []
    blank = False
    for m in _SST_TEXT.finditer(content, start.end()):  # one text at a time, not a list of millions
        t = m.group(1)
        lengths.append(len(t) - t.count(b"\r\n"))
        blank = blank or not t.decode("latin-1").strip()
    return lengths, blank


def repack(members: dict[str, bytes]) -> bytes:
    """A plain zip (stored, not deflated: the parts are inflated already) of ``members``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


def _check_prolog(content: bytes, part: str, file: str) -> None:
    problem = _prolog_problem(content)
    if problem == "doctype":
        raise _Refused(make("file-unsafe", file=file, reason=UNSAFE_REASONS["doctype"].format(part=part)))
    if problem == "prolog":
        raise _Refused(_corrupt(file, "prolog", part=part))


def workbooks_in(zf: zipfile.ZipFile) -> list[str]:
    """The file names of the workbooks an archive holds (报送表/蔚汾镇_2022Q3.xlsx gives
    蔚汾镇_2022Q3.xlsx), as their maker wrote them."""
    names = (zip_member_name(i) for i in zf.infolist())
    return [n.rsplit("/", 1)[-1] for n in names if n.lower().endswith(WORKBOOK_SUFFIXES) and not n.startswith("__MACOSX/")]


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as its maker wrote it: Windows' built-in zip on a Chinese system
    stores names in GBK without the UTF-8 flag, which zipfile reads as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    # Linux's zip writes UTF-8 without the flag: taken when it reads as Chinese (a short GBK name
    # such as 平鲁 can be valid UTF-8 too, but not as Chinese characters), else GBK
    try:
        text = raw.decode("utf-8")
        if all(ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
               or "\u2000" <= ch <= "\u206f" or ch == "\u00b7" for ch in text):  # Chinese, its punctuation, —, ·
            return text
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gbk")
    except UnicodeDecodeError:
        return info.filename


def _classify_package(zf: zipfile.ZipFile, names: set[str], file: str) -> None:
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        raise _not_xlsx(file, "xlsb")
    if "word/document.xml" in names:
        raise _not_xlsx(file, "docx")
    if "ppt/presentation.xml" in names:
        raise _not_xlsx(file, "pptx")
    if "mimetype" in names:
        try:
            mime = zf.read("mimetype")[:100]
        except Exception:
            mime = b""
        if b"opendocument" in mime:
            raise _not_xlsx(file, "ods")
    if any(n.startswith("xl/") for n in names):
        raise _Refused(_corrupt(file, "no-workbook"))
    # An archive of workbooks (报送表.zip): said to unzip it, with what it holds
    books = workbooks_in(zf)
    raise _Refused(make("file-archive", file=file, kind=FILE_KINDS["zip"], inside=ARCHIVE_INSIDE.format(
        n=len(books), names="、".join(sorted(books)[:3])) if books else ""))


def _inflate(data: bytes, info: zipfile.ZipInfo, file: str) -> bytes:
    """Inflate one member from the raw bytes, refusing more output than declared."""
    off = info.header_offset
    local = data[off:off + 30]
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise _Refused(_corrupt(file, "member", part=info.filename))
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    start = off + 30 + name_len + extra_len
    raw = data[start:start + info.compress_size]
    if len(raw) < info.compress_size:
        raise _Refused(_corrupt(file, "zip"))
    if info.compress_type == zipfile.ZIP_STORED:
        out = raw
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        pieces: list[bytes] = []
        size = 0
        pending = raw
        try:
            while True:
                piece = inflater.decompress(pending, _CHUNK)
                size += len(piece)
                if size > info.file_size:
                    raise _too_large(file, "lie", part=info.filename)
                pieces.append(piece)
                pending = inflater.unconsumed_tail
                if not pending:
                    break
            tail = inflater.flush()
        except zlib.error:
            raise _Refused(_corrupt(file, "member", part=info.filename)) from None
        size += len(tail)
        if size > info.file_size:
            raise _too_large(file, "lie", part=info.filename)
        pieces.append(tail)
        out = b"".join(pieces)
    else:
        raise _Refused(_corrupt(file, "compression", part=info.filename))
    if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
        raise _Refused(_corrupt(file, "member", part=info.filename))
    return out


def _prolog_problem(xml: bytes) -> str | None:
    """Walk the XML prolog up to the root element: 'doctype', 'prolog' (garbage) or None.

    A DOCTYPE (and with it any ENTITY) can only stand before the root element, so reading
    the prolog exactly is enough; an Office part never has one.
    """
    if xml.startswith((b"\xff\xfe", b"\xfe\xff")):
        xml = xml[:1_000_000].decode("utf-16", errors="replace").encode("utf-8")
    if xml.startswith(b"\xef\xbb\xbf"):
        xml = xml[3:]
    i, n = 0, len(xml)
    for _item in range(MAX_PROLOG_ITEMS + 1):
        i = _XML_SPACE.match(xml, i).end()  # type: ignore[union-attr]
        if i >= n:
            return None
        if xml.startswith(b"<?", i):
            j = xml.find(b"?>", i + 2)
            if j < 0:
                return "prolog"
            i = j + 2
        elif xml.startswith(b"<!--", i):
            j = xml.find(b"-->", i + 4)
            if j < 0:
                return "prolog"
            i = j + 3
        elif xml.startswith(b"<!", i):
            return "doctype"
        elif xml.startswith(b"<", i):
            return None
        else:
            return "prolog"
    return "prolog"


def _xml_root(content: bytes) -> Element | None:
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(content)
    except Exception:
        return None


@lru_cache(maxsize=4)
def _styles_root(styles: bytes) -> Element | None:
    """A workbook's styles.xml parsed once for every format helper that reads it (struck,
    percent, rounding, 元, scaling: read only), not once each."""
    return _xml_root(styles)


def sheet_parts(members: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> worksheet part path, from xl/workbook.xml and its relationships (to
    find a sheet's hidden columns; the size checks do not depend on it)."""
    wb = _xml_root(members.get("xl/workbook.xml", b""))
    rels = _xml_root(members.get("xl/_rels/workbook.xml.rels", b""))
    if wb is None or rels is None:
        return {}
    targets: dict[str, str] = {}
    for rel in rels.iter(f"{NS_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else "xl/" + target
        parts: list[str] = []
        for seg in path.split("/"):
            if seg == "..":
                if parts:
                    parts.pop()
            elif seg and seg != ".":
                parts.append(seg)
        targets[rel.get("Id", "")] = "/".join(parts)
    out: dict[str, str] = {}
    for main, rel_id in ((NS_MAIN, NS_REL_ID), (NS_MAIN_STRICT, NS_REL_ID_STRICT)):
        for sheet in wb.iter(f"{main}sheet"):
            name = sheet.get("name")
            rid = sheet.get(rel_id)
            if name is not None and rid in targets:
                out.setdefault(name, targets[rid])
    return out


def _letters_to_index(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n  # 1-based


def _span_check(xml: bytes, sheet: str, file: str, exact_left: int) -> int:
    """Refuse a sheet whose A1-anchored rectangle would be too large to load; the bytes it
    gave the exact check, of the ``exact_left`` the workbook's sheets may still give it."""
    if _PREFIXED_CELL.search(xml) is None and any(p.search(xml) is None for p, _most in _NOT_PLAIN_CELLS):
        return 0
    if len(xml) > exact_left:
        raise _too_large(file, "markup", sheet=sheet, limit=_mb(MAX_EXACT_BYTES))
    max_row, max_col = _exact_span(xml, sheet, file)
    _bound(max_row, max_col, sheet, file)
    return len(xml)


def _bound(max_row: int, max_col: int, sheet: str, file: str) -> None:
    cells = max_row * max_col
    if cells > MAX_SHEET_CELLS:
        from xingxian_cli.domain.cells import column_letter

        ref = f"{column_letter(max_col - 1)}{max_row}"
        raise _too_large(file, "span", sheet=sheet, ref=ref, cells=cells, limit=MAX_SHEET_CELLS)


def _exact_span(xml: bytes, sheet: str, file: str) -> tuple[int, int]:
    """At least the last row and column (1-based) calamine could place a cell of this sheet
    at, read with expat; a sheet that is not well-formed XML is refused.

    A cell is any element named ``c`` after any prefix, a row any element named ``row``. A
    cell's ``r`` must be a reference (letters, digits) and a row's a number — what every
    spreadsheet program writes; anything else is refused, as calamine and openpyxl would
    each read it their own way. A cell with ``r`` and nothing in it (``<c r="XFD1" s="1"/>``:
    a fill or border on an empty cell, as Excel writes one a clerk formatted) holds no value
    calamine loads and is not counted; one holding any element is. A cell without ``r``
    follows the one before it: such cells are bounded by every row number and row end seen,
    and by their count across.
    """
    from xml.parsers import expat

    at = [0, 0, 0, 0, 0]  # last cell row, last cell column, largest row number, rows ended, cells without r
    open_cell = [0, 0, 0]  # the open cell's row and column, and 1 until something in it is seen
    anywhere = [0, 0]  # the farthest row and column of any cell with r, empty or not

    def refuse(detail: str) -> None:
        raise _Refused(_corrupt(file, "sheet-xml", sheet=sheet, detail=detail))

    def start(name: str, attrs: dict[str, str]) -> None:
        if open_cell[2]:  # an element inside a cell: the cell holds something (<v>, <is>, <f>)
            open_cell[2] = 0
            at[0], at[1] = max(at[0], open_cell[0]), max(at[1], open_cell[1])
        if name == "c" or name.endswith(":c"):
            r = attrs.get("r")
            if r is None:
                at[4] += 1
                return
            m = _CELL_REF.fullmatch(r)
            if m is None:
                refuse(f"r={r[:20]!r}")
            open_cell[0] = int(m.group(1))  # type: ignore[union-attr]
            open_cell[1] = _letters_to_index(r[: m.start(1)].encode())  # type: ignore[union-attr]
            open_cell[2] = 1
            anywhere[0], anywhere[1] = max(anywhere[0], open_cell[0]), max(anywhere[1], open_cell[1])
        elif name == "row" or name.endswith(":row"):
            r = attrs.get("r")
            if r is not None:
                if not (r.isascii() and r.isdigit()):
                    refuse(f"r={r[:20]!r}")
                at[2] = max(at[2], int(r))

    def end(name: str) -> None:
        if name == "c" or name.endswith(":c"):
            open_cell[2] = 0  # closed with nothing in it
        elif name == "row" or name.endswith(":row"):
            at[3] += 1

    # Bytes as they are, whatever the declaration: calamine's reader tokenises the raw bytes,
    # so a part that is UTF-16 to expat could hide cells it reads. expat detects UTF-16 from
    # a byte-order mark or the first bytes whatever it is told: such a sheet (calamine reads
    # no cells from one anyway; UTF-16 markup always has zero bytes, UTF-8 XML never) is refused.
    if b"\x00" in xml or xml.startswith((b"\xff\xfe", b"\xfe\xff")):
        refuse("UTF-16/32")
    parser = expat.ParserCreate("ISO-8859-1")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = lambda *_a: refuse("DOCTYPE")
    parser.EntityDeclHandler = lambda *_a: refuse("ENTITY")
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        refuse(expat.ErrorString(exc.code) or "XML")
    max_row, max_col, rows, ended, refless = at
    if refless:
        # A cell without r is placed after the cell before it, empty or not (<c r="XFD9"/><c>…):
        # then every cell's place counts, as before empty ones were left out.
        max_row = max(max_row, anywhere[0], rows + ended + 1)
        max_col = max(max_col, anywhere[1]) + refless
    return max_row, max_col


def _hidden_columns(xml: bytes) -> frozenset[int]:
    end = xml.find(b"<sheetData")
    head = xml if end < 0 else xml[:end]
    start = head.find(b"<cols")
    if start < 0:
        return frozenset()
    hidden: set[int] = set()
    for tag in islice(_COL_TAG.finditer(head, start), MAX_COL_TAGS):
        a = dict(_ATTR.findall(tag.group(1)))
        if a.get(b"hidden") not in (b"1", b"true"):
            continue
        try:
            lo, hi = int(a.get(b"min", b"0")), int(a.get(b"max", b"0"))
        except ValueError:
            continue
        # Whole-width hidden ranges (…:XFD) matter only where data can be.
        hidden.update(range(max(lo, 1) - 1, min(hi, 1024)))
        if len(hidden) >= 1024:
            break
    return frozenset(hidden)


def _error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Cells showing a formula's error (``<c r="C5" t="e"><v>#N/A</v>``), at most
    MAX_COL_TAGS of them; a sheet with none (nearly all) costs one search."""
    start = xml.find(b"<sheetData")
    if start < 0 or xml.find(b't="e"', start) < 0:
        return {}
    found: dict[tuple[int, int], str] = {}
    for tag in _CELL_TAG.finditer(xml, start):
        attrs = tag.group(1)
        if b't="e"' not in attrs or attrs.endswith(b"/"):
            continue
        ref = _REF_PARTS.match(dict(_ATTR.findall(attrs)).get(b"r", b""))
        if ref is None:
            continue
        end = xml.find(b"</c>", tag.end())
        value = _ERROR_VALUE.search(xml, tag.end(), end if end >= 0 else tag.end())
        col = column_index(ref.group(1).decode("ascii"))
        found[(int(ref.group(2)) - 1, col)] = value.group(1).decode("ascii", "replace") if value else "#VALUE!"
        if len(found) >= MAX_COL_TAGS:
            break
    return found


def _linked_books(members: dict[str, bytes]) -> tuple[str, ...]:
    """The file names of the workbooks this one links to (its external links' targets:
    file:///C:/Users/%E5%BC%A0%E4%B8%89/Desktop/%E6%B1%87%E6%80%BB.xlsx is 汇总.xlsx)."""
    from urllib.parse import unquote

    found: dict[str, None] = {}
    for part, content in members.items():
        low = part.lower()
        if low.startswith("xl/externallinks/_rels/") and low.endswith(".rels"):
            for m in _LINK_TARGET.finditer(content):
                target = unquote(html.unescape(m.group(1).decode("utf-8", "replace")))
                # (a SharePoint or OneDrive address ends in ?web=1: no part of the name)
                name = target.split("?", 1)[0].split("#", 1)[0].replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
                if name:
                    found[name[:100]] = None
    return tuple(found)


def _linked(formula: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether a formula's text takes a value from another workbook: a link's index before a
    sheet or a name, outside string literals, or a defined name that does (``names``)."""
    text = _FORMULA_STRING.sub("", formula)
    return _LINKED_REF.search(text) is not None or (
        bool(names) and any(n in names for n in re.findall(r"[^\W\d][\w.]*", text)))


def _linked_names(workbook: bytes) -> frozenset[str]:
    """The workbook's defined names that stand for another workbook's cells ([1]汇总!$C$2)."""
    return frozenset(html.unescape(m.group(1).decode("utf-8", "replace")) for m in _DEFINED_NAME.finditer(workbook)
                     if _linked(html.unescape(m.group(2).decode("utf-8", "replace"))))


def _external_formulas(xml: bytes, names: frozenset[str] = frozenset()) -> dict[tuple[int, int], str]:
    """Formula cells taking their value from another workbook (see _linked), with the later
    cells of a shared one, at most MAX_COL_TAGS of them. Linear in the sheet."""
    start = xml.find(b"<sheetData")
    first = xml.find(b"<f", start) if start >= 0 else -1
    if first < 0:
        return {}
    found: dict[tuple[int, int], str] = {}
    groups: dict[bytes, str] = {}  # shared formula group (si) -> its first cell's formula

    def note(at: int, formula: str) -> bool:
        cell = xml.rfind(b"<c", max(start, at - _CELL_OPEN_BACK), at)
        opened = xml.find(b">", cell, at) if cell >= 0 else -1
        if opened < 0 or xml[opened + 1:at].strip():
            return False
        ref = _REF_PARTS.match(dict(_ATTR.findall(xml[cell + 2:opened])).get(b"r", b""))
        if ref is not None:
            found[(int(ref.group(2)) - 1, column_index(ref.group(1).decode("ascii")))] = formula
        return len(found) >= MAX_COL_TAGS

    for m in (_ANY_FORMULA if names else _EXTERNAL_FORMULA).finditer(xml, first):
        text = html.unescape(m.group(2).decode("utf-8", "replace"))
        if not _linked(text, names):
            continue
        formula = "=" + text[:200]
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get(b"t") == b"shared" and b"si" in attrs:
            groups[attrs[b"si"]] = formula
        if note(m.start(), formula):
            return found
        if attrs.get(b"t") == b"array":  # {=[1]汇总!C2:C40} over C2:C40: each of its cells
            for cell in _area_cells(attrs.get(b"ref", b""), MAX_COL_TAGS - len(found)):
                found.setdefault(cell, formula)
            if len(found) >= MAX_COL_TAGS:
                return found
    if groups:
        for m in _SHARED_FORMULA.finditer(xml, first):
            attrs = dict(_ATTR.findall(m.group(1)))
            if attrs.get(b"t") == b"shared" and (formula := groups.get(attrs.get(b"si", b""))) is not None \
                    and note(m.start(), formula):
                break
    return found


def _area_cells(ref: bytes, most: int) -> list[tuple[int, int]]:
    """The (0-based row, column) cells of an area such as ``C2:D40``, row by row, at most
    ``most`` of them; none for a ref that is not an area."""
    corners = [_REF_PARTS.match(part) for part in ref.split(b":")]
    if len(corners) != 2 or None in corners:
        return []
    (r0, c0), (r1, c1) = ((int(m.group(2)) - 1, column_index(m.group(1).decode("ascii"))) for m in corners)
    return list(islice(((r, c) for r in range(min(r0, r1), max(r0, r1) + 1)
                        for c in range(min(c0, c1), max(c0, c1) + 1)), max(most, 0)))


def _unsaved_formulas(xml: bytes) -> dict[tuple[int, int], str]:
    """Formula cells saved without a result (see _UNSAVED_FORMULA), at most MAX_COL_TAGS of
    them; a sheet with no formula in its cells (nearly all) costs one search. A text result
    saved empty (``t="str"`` and ``<v></v>``: =IF(A2="","",…) showing nothing) is a value,
    and not one of them. Every step is bounded: a hostile sheet of formula tags costs its length."""
    start = xml.find(b"<sheetData")
    if start < 0:
        return {}
    first = xml.find(b"<f", start)  # 'f' is rare in cells: quick even over a large sheet
    if first < 0:
        return {}
    end = xml.rfind(b"</sheetData>", first)  # near the end: searched from there
    if end < 0:
        return {}  # only <formula1> of a data validation, after the cells
    found: dict[tuple[int, int], str] = {}
    for m in _UNSAVED_FORMULA.finditer(xml, first, end):
        # The cell's opening tag right before its formula: <c r="C2" s="3">.
        cell = xml.rfind(b"<c", max(start, m.start() - _CELL_OPEN_BACK), m.start())
        opened = xml.find(b">", cell, m.start()) if cell >= 0 else -1
        if opened < 0 or xml[opened + 1:m.start()].strip() or xml[opened - 1:opened] == b"/":
            continue
        attrs = dict(_ATTR.findall(xml[cell + 2:opened]))
        ref = _REF_PARTS.match(attrs.get(b"r", b""))
        kind = attrs.get(b"t")
        if ref is None or kind in (b"s", b"inlineStr", b"e") or (kind == b"str" and b"<v" in m.group(0)):
            continue  # (a text formula with no <v> at all saved no result: review R48)
        # A shared formula's later cells name no formula of their own.
        text = html.unescape(m.group(1).decode("utf-8", "replace"))[:200] if m.group(1) else "…"
        found[(int(ref.group(2)) - 1, column_index(ref.group(1).decode("ascii")))] = "=" + text
        if len(found) >= MAX_COL_TAGS:
            break
    return found


def _struck_styles(styles: bytes) -> frozenset[int]:
    """The cell formats (``s="N"``) whose font is struck through (``<strike/>``); a workbook
    with no such font (nearly all) costs one search."""
    if b"strike" not in styles or _STRIKE.search(styles) is None:
        return frozenset()
    root = _styles_root(styles)
    if root is None:
        return frozenset()

    struck_fonts: set[str] = set()
    for i, font in enumerate(_styles_items(root, "fonts", "font")):
        strike = next((el for el in font if _local(el) == "strike"), None)
        if strike is not None and strike.get("val", "1").strip().lower() not in ("0", "false"):
            struck_fonts.add(str(i))
    if not struck_fonts:
        return frozenset()
    return frozenset(i for i, xf in enumerate(_styles_items(root, "cellXfs", "xf")) if xf.get("fontId", "0") in struck_fonts)


def _local(el: Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _styles_items(root: Element, parent_name: str, name: str) -> list[Element]:
    """The ``name`` elements of styles.xml's ``parent_name`` list (fonts/font, cellXfs/xf)."""
    parent = next((el for el in root if _local(el) == parent_name), None)
    return [] if parent is None else [el for el in parent if _local(el) == name]


def _cell_formats_with(root: Element, number_formats: Container[str]) -> frozenset[int]:
    """The cell formats (``s="N"``, by index in cellXfs) whose number format is one of
    ``number_formats`` (numFmtId)."""
    return frozenset(i for i, xf in enumerate(_styles_items(root, "cellXfs", "xf"))
                     if xf.get("numFmtId", "0") in number_formats)


def _struck_strings(members: dict[str, bytes]) -> frozenset[int]:
    """The shared strings (by index) with text struck through, whole or in part: a strike set
    while editing a cell's text (its cell format says nothing of it). A workbook with no
    struck run (nearly all) costs one search; one with some is read once with expat (the part
    was already found well-formed), which no markup can make slower than its length."""
    content = next((c for p, c in members.items() if p.lower().endswith("sharedstrings.xml")), b"")
    if b"strike" not in content or _STRIKE.search(content) is None:
        return frozenset()
    from xml.parsers import expat

    struck: set[int] = set()
    # [shared strings closed, si depth, in a run's properties, this run struck, this run's text]
    at: list = [0, 0, False, False, False]

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "si":
            at[1] += 1
        elif local == "r":
            at[3] = at[4] = False
        elif local == "rPr":
            at[2] = True
        elif local == "strike" and at[2]:
            at[3] = attrs.get("val", "1").strip().lower() not in ("0", "false")

    def end(name: str) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "si":
            at[1] -= 1
            if at[1] == 0:
                at[0] += 1
        elif local == "rPr":
            at[2] = False
        elif local == "r" and at[3] and at[4] and at[1]:
            struck.add(at[0])

    def text(data: str) -> None:
        if at[1] and data.strip():
            at[4] = True

    parser = expat.ParserCreate("ISO-8859-1")  # names and blankness only: any bytes will do
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    try:
        parser.Parse(content, True)
    except expat.ExpatError:
        return frozenset()
    return frozenset(struck)


def _struck_cells(xml: bytes, styles: frozenset[int], strings: frozenset[int] = frozenset()) -> dict[int, frozenset[int]]:
    """0-based row -> columns of a sheet's cells in one of the struck-through ``styles``, or
    showing one of the struck-through shared ``strings``, at most MAX_COL_TAGS cells of each;
    nothing to look for (nearly always) costs nothing."""
    found_data = _SHEET_DATA.search(xml)  # <sheetData, or <x:sheetData in a prefixed sheet
    start = found_data.start() if found_data is not None else -1
    # Rich text kept in the cell (t="inlineStr", as openpyxl writes every text): a plain
    # search first, the sheet being large.
    inline = start >= 0 and xml.find(b"strike", start) >= 0 and _STRIKE.search(xml, start) is not None
    if not (styles or strings or inline) or start < 0:
        return {}
    found: dict[int, set[int]] = {}

    def note(at: int) -> None:
        _note_cell(xml, at, found)

    if styles:
        _note_styled(xml, start, styles, found)
    if strings:
        hits = (m for m in _STRING_CELL.finditer(xml, start) if int(m.group(1)) in strings)
        for m in islice(hits, MAX_COL_TAGS):
            note(m.start())
    if inline:  # each struck run: the cell it lies in, when that holds its own text (t="inlineStr")
        for m in islice(_STRIKE.finditer(xml, start), MAX_COL_TAGS):
            back = max(start, m.start() - _INLINE_BACK)
            cell = max(xml.rfind(b"<c ", back, m.start()), xml.rfind(b":c ", back, m.start()))
            opened = xml.find(b">", cell, m.start()) if cell >= 0 else -1
            if opened >= 0 and b't="inlineStr"' in xml[cell:opened] and _CELL_CLOSE.search(xml, opened, m.start()) is None \
                    and _IN_RUN_PROPS.search(xml, opened, m.start()) is not None:
                note(cell)
    return {row: frozenset(cols) for row, cols in found.items()}


def _note_cell(xml: bytes, at: int, found: dict[int, set[int]]) -> None:
    """Add the cell whose tag opens at ``at`` to ``found`` (0-based row -> columns)."""
    close = xml.find(b">", at)
    ref = _CELL_REF_ATTR.search(xml, at, close) if close >= 0 else None
    if ref is not None:
        found.setdefault(int(ref.group(2)) - 1, set()).add(column_index(ref.group(1).decode("ascii")))


def _note_styled(xml: bytes, start: int, styles: frozenset[int], found: dict[int, set[int]]) -> None:
    """Add the cells (from ``start``, at most MAX_COL_TAGS) in one of the cell ``styles``."""
    hits = (m for m in _CELL_STYLE.finditer(xml, start) if int(m.group(1)) in styles)
    for m in islice(hits, MAX_COL_TAGS):
        _note_cell(xml, m.start(), found)


def _cells_in_styles(xml: bytes, styles: frozenset[int]) -> dict[int, frozenset[int]]:
    """0-based row -> columns of a sheet's cells in one of the cell ``styles``; no styles to
    look for (nearly always) costs nothing."""
    found_data = _SHEET_DATA.search(xml) if styles else None
    if found_data is None:
        return {}
    found: dict[int, set[int]] = {}
    _note_styled(xml, found_data.start(), styles, found)
    return {row: frozenset(cols) for row, cols in found.items()}


_PERCENT_FORMATS = frozenset({"9", "10"})  # Excel's built-in 0% and 0.00%
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # a format's literal text, escapes and [colours]


def _percent_styles(styles: bytes) -> frozenset[int]:
    """The cell formats (``s="N"``) whose number format shows a percent: a 1 there reads 100%.
    A workbook with none (nearly all) costs a search or two."""
    if b"%" not in styles and not re.search(rb'numFmtId="(?:9|10)"', styles):
        return frozenset()
    root = _styles_root(styles)
    if root is None:
        return frozenset()

    percent = set(_PERCENT_FORMATS)
    for fmt in _styles_items(root, "numFmts", "numFmt"):
        if "%" in _QUOTED.sub("", fmt.get("formatCode", "")):
            percent.add(fmt.get("numFmtId", ""))
    return _cell_formats_with(root, percent)


_FORMAT_LITERAL = re.compile(r'"([^"]*)"|\\(.)|([^\x00-\x7f])')  # "元", \元, or a bare 元: text a format shows


def _yuan_styles(styles: bytes) -> frozenset[int]:
    r"""The cell formats whose number format shows a unit of 元 other than 万元 after the number
    (0"元", #,##0.00"元", 0.00"千元"): an income cell showing 360000元 does not hold 万元,
    whatever its column says (review R87: read as 360000 万元). What the format shows is its
    text however written (0.00\万\元 and 0.00"万""元" show 万元, review R88). A workbook with
    none costs a search."""
    if "元".encode() not in styles:
        return frozenset()
    root = _styles_root(styles)
    if root is None:
        return frozenset()

    def shown(code: str) -> str:  # (every section: [>=10000]0"元";0.00"万元" shows an income in 万元)
        return "".join(a or b or c for a, b, c in _FORMAT_LITERAL.findall(code))

    yuan = {fmt.get("numFmtId", "") for fmt in _styles_items(root, "numFmts", "numFmt")
            if "元" in (text := shown(fmt.get("formatCode", ""))) and "万元" not in text}
    return _cell_formats_with(root, yuan)


# A format's thousands scaling: a comma after its last digit (0, 0.0, 0!.0,"万元"), once its
# literal text and escapes are taken out; a comma between digits (#,##0) only groups them.
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|!.|\[[^\]]*\]|_.|\*.')
_SCALING = re.compile(r"[0#?],+(?![0#?,])")


def _scaled_styles(styles: bytes) -> frozenset[int]:
    """The cell formats whose number format shows the number divided by 1,000 per trailing
    comma (0.0,"万元": 5000 shows 5.0万元): what the officer sees is not what the cell holds
    (review R88: read as 5000 万元 and paid on). A workbook with none costs a search."""
    if b"<numFmt " not in styles:
        return frozenset()
    root = _styles_root(styles)
    if root is None:
        return frozenset()
    scaled = {fmt.get("numFmtId", "") for fmt in _styles_items(root, "numFmts", "numFmt")
              if _SCALING.search(_FORMAT_NOISE.sub("", fmt.get("formatCode", "").split(";", 1)[0]))}
    return _cell_formats_with(root, scaled)


_ROUNDING_FORMATS = {"1": 0, "2": 2, "3": 0, "4": 2}  # Excel's built-in 0, 0.00, #,##0 and #,##0.00
# A number format's digits: the decimals it shows are the zeros after its point.
_FORMAT_DIGITS = re.compile(r"[#0,]*0(?:\.(0*))?")
_NOT_PLAIN_NUMBER = re.compile(r"[%Ee@yYmMdDhHsS/?]")  # percents, exponents, text, dates, fractions
# The sheets whose scores a rounding format may show across the star's threshold: looked at
# for such formats.
_SCORE_SHEETS = frozenset(norm(n) for n in (W.SHEETS["scores"], *W.SHEET_ALIASES.get("scores", ())))
# ... and the incomes, whose 0.00 may show 10.004 as 10.00 across the bonus's growth line (review R150)
_ROUNDED_SHEETS = _SCORE_SHEETS | frozenset(norm(n) for n in (W.SHEETS["economy"], *W.SHEET_ALIASES.get("economy", ())))
# 89.999 formatted 0.00 shows 90.00 (review R86): any format may round a score across the
# threshold; the check warns only of those that do. Past this many, a format is no rounding.
ROUNDED_MAX_DECIMALS = 6


def _rounding_styles(styles: bytes) -> dict[int, frozenset[int]]:
    """Decimals shown -> the cell formats (``s="N"``) whose number format shows a number to at
    most ROUNDED_MAX_DECIMALS decimals (0, #,##0, 0.0, 0.00, 0"分"). A workbook with none (nearly
    all: the template's score cells are General) costs a search or two."""
    if b"<numFmt " not in styles and not re.search(rb'numFmtId="[1-4]"', styles):
        return {}
    root = _styles_root(styles)
    if root is None:
        return {}
    places = dict(_ROUNDING_FORMATS)
    for fmt in _styles_items(root, "numFmts", "numFmt"):
        first = _QUOTED.sub("", fmt.get("formatCode", "")).split(";", 1)[0]
        digits = _FORMAT_DIGITS.search(first)
        if digits is not None and not _NOT_PLAIN_NUMBER.search(first):
            shown = len(digits.group(1) or "")
            if shown <= ROUNDED_MAX_DECIMALS:
                places[fmt.get("numFmtId", "")] = shown
    found: dict[int, set[int]] = {}
    for i, xf in enumerate(_styles_items(root, "cellXfs", "xf")):
        shown = places.get(xf.get("numFmtId", "0"))
        if shown is not None:
            found.setdefault(shown, set()).add(i)
    return {shown: frozenset(ids) for shown, ids in found.items()}


def _rounded_cells(xml: bytes, styles: Mapping[int, frozenset[int]]) -> dict[int, dict[int, int]]:
    """0-based row -> column -> decimals shown, of a sheet's cells in ``styles`` (see
    :func:`_rounding_styles`)."""
    found: dict[int, dict[int, int]] = {}
    for shown, ids in styles.items():
        for row, cols in _cells_in_styles(xml, ids).items():
            found.setdefault(row, {}).update(dict.fromkeys(cols, shown))
    return found


_AUTO_FILTER = re.compile(rb"<(?:[\w.-]+:)?autoFilter\b([^>]*)>")
_FILTER_REF = re.compile(rb'\bref="\$?[A-Z]{1,3}\$?([0-9]{1,7}):\$?[A-Z]{1,3}\$?([0-9]{1,7})"')
_FILTER_COLUMN = re.compile(rb"<(?:[\w.-]+:)?filterColumn\b")
_CUSTOM_VIEWS = re.compile(rb"<(?:[\w.-]+:)?customSheetViews\b")


def _filtered_rows(xml: bytes, hidden: frozenset[int]) -> frozenset[int]:
    """Of a sheet's ``hidden`` rows (0-based), those its own filter hides: a filter set on a
    column (<autoFilter ref="A1:H30"><filterColumn …>) after the sheet data, not one saved in
    a custom view, and only rows under its header within its range. Rows hidden by hand are
    not among them."""
    data_end = SHEET_DATA_END.search(xml) if hidden else None
    if data_end is None:
        return frozenset()
    found = _AUTO_FILTER.search(xml, data_end.end())
    if found is None or found.group(1).endswith(b"/"):
        return frozenset()
    views = _CUSTOM_VIEWS.search(xml, data_end.end())
    if views is not None and views.start() < found.start():
        return frozenset()  # the only filter is a custom view's
    close = xml.find(b"autoFilter>", found.end())
    ref = _FILTER_REF.search(found.group(1))
    if ref is None or close < 0 or _FILTER_COLUMN.search(xml, found.end(), close) is None:
        return frozenset()
    top, bottom = int(ref.group(1)), int(ref.group(2))  # 1-based: the header, the last row
    return frozenset(i for i in hidden if top <= i < bottom)


def _hidden_rows(xml: bytes) -> frozenset[int]:
    """0-based rows a sheet hides (``<row r="7" hidden="1">``), at most MAX_COL_TAGS of them;
    a sheet hiding none (nearly all) costs one search."""
    found_data = _SHEET_DATA.search(xml)  # <sheetData, or <x:sheetData in a prefixed sheet
    start = found_data.start() if found_data is not None else -1
    if start < 0 or xml.find(b"hidden", start) < 0:
        return frozenset()
    hidden: set[int] = set()
    for tag in ROW_TAG.finditer(xml, start):
        a = dict(_ATTR.findall(tag.group(1)))
        if a.get(b"hidden") in (b"1", b"true"):
            try:
                hidden.add(int(a.get(b"r", b"0")) - 1)
            except ValueError:
                continue
            if len(hidden) >= MAX_COL_TAGS:
                break
    hidden.discard(-1)
    return frozenset(hidden)


# --- values ----------------------------------------------------------------------------


def _read_values(data: bytes, file: str, parts: _Parts, want: Callable[[str], bool] | None) -> WorkbookData:
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        raise _Refused(make("file-encrypted", file=file)) from None
    names = list(book.sheet_names)
    if len(names) > MAX_SHEETS:
        raise _too_large(file, "sheets", count=len(names), limit=MAX_SHEETS)
    seen: set[str] = set()
    for n in names:
        if n in seen:  # calamine would load the first of the name: refuse the doubt
            raise _Refused(_corrupt(file, "sheet-twice", sheet=n))
        seen.add(n)
    kinds = {m.name: m.typ for m in book.sheets_metadata}
    hidden_sheets = frozenset(m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible)
    sheets: dict[str, Grid] = {}
    hidden: dict[str, frozenset[int]] = {}
    hidden_rows: dict[str, frozenset[int]] = {}
    filtered: dict[str, frozenset[int]] = {}
    hidden_of: dict[str, tuple[frozenset[int], frozenset[int]]] = {}  # per part: many names may point at one
    errors: dict[str, dict[tuple[int, int], str]] = {}
    unsaved: dict[str, dict[tuple[int, int], str]] = {}
    external: dict[str, dict[tuple[int, int], str]] = {}
    books = _linked_books(parts.members)
    linked_names = _linked_names(parts.members.get("xl/workbook.xml", b"")) if books else frozenset()
    struck: dict[str, dict[int, frozenset[int]]] = {}
    percent: dict[str, dict[int, frozenset[int]]] = {}
    struck_styles = _struck_styles(parts.members.get("xl/styles.xml", b""))
    percent_styles = _percent_styles(parts.members.get("xl/styles.xml", b""))
    yuan_styles = _yuan_styles(parts.members.get("xl/styles.xml", b""))
    in_yuan: dict[str, dict[int, frozenset[int]]] = {}
    scaled_styles = _scaled_styles(parts.members.get("xl/styles.xml", b""))
    scaled: dict[str, dict[int, frozenset[int]]] = {}
    rounding_styles = _rounding_styles(parts.members.get("xl/styles.xml", b""))
    rounded: dict[str, dict[int, dict[int, int]]] = {}
    merged: dict[str, dict[Cell, Area]] = {}
    merged_hidden: dict[str, dict[Cell, object]] = {}
    struck_strings = _struck_strings(parts.members)
    fallback = _Fallback(data, file, parts.members)
    heaviest = max(parts.strings.values(), default=0)
    try:
        total = strings = 0
        for name in names:
            if kinds.get(name) != SheetTypeEnum.WorkSheet or (want is not None and not want(name)):
                continue
            # Every part calamine could load as a sheet was span-checked in _inspect_zip.
            part = parts.sheet_parts.get(name)
            part_xml = parts.members.get(part, b"") if part else b""
            if part is not None and part_xml:
                if part not in hidden_of:
                    hidden_of[part] = (_hidden_columns(part_xml), _hidden_rows(part_xml))
                hidden[name], hidden_rows[name] = hidden_of[part]
                if by_filter := _filtered_rows(part_xml, hidden_rows[name]):
                    filtered[name] = by_filter
                if cells := _error_cells(part_xml):
                    errors[name] = cells
                if cells := _unsaved_formulas(part_xml):
                    unsaved[name] = cells
                if books and (cells := _external_formulas(part_xml, linked_names)):
                    external[name] = cells
                if rows := _struck_cells(part_xml, struck_styles, struck_strings):
                    struck[name] = rows
                if rows := _cells_in_styles(part_xml, percent_styles):
                    percent[name] = rows
                if rows := _cells_in_styles(part_xml, yuan_styles):
                    in_yuan[name] = rows
                if rows := _cells_in_styles(part_xml, scaled_styles):
                    scaled[name] = rows
                if rounding_styles and norm(name) in _ROUNDED_SHEETS and (cells := _rounded_cells(part_xml, rounding_styles)):
                    rounded[name] = cells
            # One part can stand behind many names: its strings are charged at every load.
            strings += parts.strings.get(part, heaviest) if part is not None else heaviest
            if strings > MAX_STRING_BYTES:
                raise _too_large(file, "strings", size=_mb(strings), limit=_mb(MAX_STRING_BYTES))
            try:
                sheet = book.get_sheet_by_name(name)
                # Again from what calamine loaded, and over the whole workbook: one small part
                # can stand behind many sheet names.
                end = sheet.end
                rows, cols = (end[0] + 1, end[1] + 1) if end is not None else (0, 0)
                _bound(rows, cols, name, file)
                total += rows * cols
                if total > MAX_WORKBOOK_CELLS:
                    raise _too_large(file, "cells", cells=total, limit=MAX_WORKBOOK_CELLS)
                grid = sheet.to_python(skip_empty_area=False)
                filled, covered = _fill_merged_down(grid, _merged_ranges(sheet, part_xml))
                if filled:
                    merged[name] = filled
                if covered:
                    merged_hidden[name] = covered
                sheets[name] = grid
            except _Refused:
                raise
            except BaseException as exc:
                # calamine panics on some values (a large negative number in a date-formatted
                # cell); openpyxl reads such a cell as "#VALUE!", so the rest of the sheet is
                # still checked and the bad cell is reported where it is.
                _reraise_system(exc)
                grid = fallback.grid(name, part, MAX_WORKBOOK_CELLS - total)
                total += len(grid) * max([1, *map(len, grid)])  # its span, as calamine's above
                if total > MAX_WORKBOOK_CELLS:
                    raise _too_large(file, "cells", cells=total, limit=MAX_WORKBOOK_CELLS) from None
                sheets[name] = grid
    finally:
        fallback.close()
    if any(_CONTROL_ESCAPE.search(content) for part, content in parts.members.items()
           if part.lower().endswith(".xml") and part.lower().startswith("xl/")):
        # (review R67: a NUL in a 情形 was stored by SQLite and crashed PostgreSQL's import)
        for grid in sheets.values():
            for row in grid:
                for k, v in enumerate(row):
                    if type(v) is str:
                        row[k] = without_controls(v)
    return WorkbookData(sheets=sheets, sheet_names=names, hidden_columns=hidden, hidden_rows=hidden_rows,
                        filtered_rows=filtered,
                        hidden_sheets=hidden_sheets, error_cells=errors, unsaved_formulas=unsaved, struck_cells=struck,
                        percent_cells=percent, yuan_cells=in_yuan, scaled_cells=scaled, external_cells=external, external_books=books, rounded_cells=rounded,
                        merged_cells=merged, merged_hidden=merged_hidden,
                        date1904=bool(_DATE1904.search(parts.members.get("xl/workbook.xml", b""))))


def _merged_ranges(sheet: Any, part_xml: bytes) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The sheet's merged areas, when it declares a township sheet's number of them: one
    count of the part's bytes answers for nearly every sheet (none), and a file declaring
    millions gets its values read as they are rather than a list of millions."""
    declared = part_xml.count(b"mergeCell ")  # <mergeCell ref=…>, any prefix; not <mergeCells …>
    if declared == 0 or declared > MAX_MERGED_AREAS:
        return []
    try:
        return list(sheet.merged_cell_ranges)
    except BaseException as exc:  # a malformed area: the values are still the values
        _reraise_system(exc)
        return []


def _blank(v: object) -> bool:
    return v is None or (type(v) is str and not v.strip())


def _fill_merged_down(grid: Grid, ranges: list[tuple[tuple[int, int], tuple[int, int]]]
                      ) -> tuple[dict[Cell, Area], dict[Cell, object]]:
    """Give the cells of an area merged over several rows the value Excel shows there: a
    village merged down the rows of its cadres is each cadre's village. Only rows holding
    data of their own get it (an area may run past the table's last row); areas on one row,
    a title over the columns, are left as they are. Never looks at more cells than the grid
    has, whatever the file declares: a row an area passes costs one, each cell it may fill
    one, and all may cost four times the grid's cells (every column merged down costs two).
    Returns each cell filled (0-based) -> its area (first row, first column, last row, last
    column, 0-based): a score shared that way is one the officer should hear of; and likewise
    each cell an area on one row covers (two scores merged into one cell: the second reads
    blank, and the clerk, who sees a number there, must hear why). Second, each covered cell
    that held a value of its own in the file -> that value: under an area merged down it is
    given the area's value, the one shown (review R77); under an area on one row it keeps its
    own, no other cell's being its (review R87)."""
    budget = 4 * sum(len(row) for row in grid)
    filled_from: dict[Cell, Area] = {}
    covered: dict[Cell, object] = {}
    spans: dict[int, tuple[int, int] | None] = {}  # row -> its first and last filled column, before filling

    def span(r: int) -> tuple[int, int] | None:
        if r not in spans:
            filled = [j for j, v in enumerate(grid[r]) if not _blank(v)]
            spans[r] = (filled[0], filled[-1]) if filled else None
        return spans[r]

    for (r0, c0), (r1, c1) in ranges:
        if r1 < r0 or r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        value = grid[r0][c0]
        if _blank(value) and r1 == r0:
            continue
        if r1 == r0:  # on one row: a title over the columns, or two cells of a row made one
            row = grid[r0]
            last = min(c1, len(row) - 1)
            budget -= 1 + max(0, last - c0)
            if budget < 0:
                return filled_from, covered
            for c in range(c0 + 1, last + 1):
                if _blank(row[c]):
                    filled_from[(r0, c)] = (r0, c0, r1, c1)
                elif cell_text(row[c]) != cell_text(value):  # a value of its own under the first cell's: kept, said (R87)
                    covered[(r0, c)] = row[c]
                    filled_from[(r0, c)] = (r0, c0, r1, c1)
            continue
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            last = min(c1, len(row) - 1)
            budget -= 1 + max(0, last - c0 + 1)
            if budget < 0:
                return filled_from, covered
            # data of its own: a cell the file fills left or right of the area (not one another area filled)
            own = span(r)
            if r > r0 and (own is None or (own[0] >= c0 and own[1] <= c1)):
                continue
            for c in range(c0, last + 1):
                if _blank(row[c]):
                    if not _blank(value):
                        row[c] = value
                        filled_from[(r, c)] = (r0, c0, r1, c1)
                elif (r, c) != (r0, c0) and (r, c) not in filled_from and cell_text(row[c]) != cell_text(value):
                    # hidden under the area: what is shown is read, blank too (R88: an area blank at
                    # its first cell over an income kept below paid a bonus on what no one saw)
                    covered[(r, c)] = row[c]
                    row[c] = value
                    filled_from[(r, c)] = (r0, c0, r1, c1)
    return filled_from, covered


class _Fallback:
    """openpyxl for the sheets calamine cannot read (values Excel 365 writes, such as
    #SPILL!, and a few calamine panics on): loaded once per workbook, each part read once,
    and only for XML of a real township's size (openpyxl parses it whole into Python objects)."""

    def __init__(self, data: bytes, file: str, members: dict[str, bytes]):
        self.data, self.file = data, file
        # Every part but pictures: openpyxl finds its parts by content type, whatever their names.
        self.parts = [c for c in members.values() if not c.startswith(_IMAGE_MAGIC)]
        self.book: Any = None
        self.grids: dict[str, Grid] = {}

    def grid(self, name: str, part: str | None, budget: int) -> Grid:
        if part is not None and part in self.grids:
            return self.grids[part]
        if self.book is None and (sum(map(len, self.parts)) > MAX_FALLBACK_BYTES
                                  or sum(c.count(b"<") for c in self.parts) > MAX_FALLBACK_TAGS):
            # (a value calamine cannot read in a sheet too large to look for it cell by cell, R130)
            raise _Refused(make("file-value-unreadable", file=self.file, sheet=name, name=name))
        import warnings

        from openpyxl import load_workbook

        with warnings.catch_warnings():  # openpyxl warns on the values it cannot read: they are reported
            warnings.simplefilter("ignore")
            if self.book is None:
                self.book = load_workbook(io.BytesIO(self.data), read_only=True, data_only=True)
            grid = _openpyxl_grid(self.book, name, self.file, budget)
        if part is not None:
            self.grids[part] = grid
        return grid

    def close(self) -> None:
        if self.book is not None:
            self.book.close()


def _openpyxl_grid(wb: Any, name: str, file: str, budget: int) -> Grid:
    """One sheet's values through openpyxl (the slow path), anchored at A1 like calamine's.

    openpyxl reads row numbers and references its own way (``3e7``, a trailing space) and
    pads every gap with empty rows: the grid is counted as it grows, as calamine's span is
    (every row as wide as the widest), and refused past the same bound. A gap of millions of
    padded rows under a real sheet's columns is so refused after a few hundred thousand.
    """
    ws = wb[name]
    # The sheet's own <dimension> may claim any size: read the cells that are there.
    ws.reset_dimensions()
    grid: Grid = []
    widest = 1
    for r in ws.iter_rows(min_row=1, min_col=1, values_only=True):
        widest = max(widest, len(r))
        span = (len(grid) + 1) * widest
        if span > MAX_SHEET_CELLS:
            _bound(len(grid) + 1, widest, name, file)
        if span > budget:  # the workbook's other sheets took the rest
            raise _too_large(file, "cells", cells=MAX_WORKBOOK_CELLS - budget + span, limit=MAX_WORKBOOK_CELLS)
        grid.append(list(r))
    return grid
