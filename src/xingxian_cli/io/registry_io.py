"""Read the registry (行政区划名录) from .xlsx or .csv (UTF-8 or GBK)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

from xingxian_cli.domain.cells import column_letter
from xingxian_cli.domain.diagnostics import DataError, Diagnostic, make
from xingxian_cli.domain.intake import is_note_row, is_section_label, is_total_label
from xingxian_cli.domain.registry import Registry, Village
from xingxian_cli.domain.text import norm, without_controls
from xingxian_cli.messages.workbook import (
    REGISTRY_COLUMNS,
    REGISTRY_FILE_WHERE,
    REGISTRY_HEADER_NEEDED,
    REGISTRY_SHEET_WHERE,
    REGISTRY_SHEETS_JOIN,
    REGISTRY_UNREADABLE,
    VILLAGE_TYPE_ALIASES,
    VILLAGE_TYPE_ENDINGS,
    VILLAGE_TYPES,
)

_COLUMNS = REGISTRY_COLUMNS
_LABEL = {k: label for k, (label, _a, _r) in _COLUMNS.items()}


def _decode(raw: bytes) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's and WPS's "Unicode 文本": UTF-16 with its mark
        return raw.decode("utf-16")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("gb18030", raw, 0, 1, "neither UTF-8 nor GBK")


Table = tuple[str | None, list[list[object]]]  # a sheet's name (None: a CSV file) and its rows

HEADER_ROWS = 15  # the header is looked for in a table's first rows


def _tables_from_file(path: Path) -> list[Table] | Diagnostic:
    """The file's tables, the sheets a user sees first; or the diagnostic refusing it."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".xlsm", ".et"):
        raise ValueError("unsupported")
    raw = path.read_bytes()
    if not raw.strip():
        return make("registry-empty-file", file=path.name)
    if suffix in (".csv", ".txt") and not raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        # (.txt: what Excel's "Unicode 文本" and "文本文件(制表符分隔)" save, review R72)
        text = _decode(raw)
        # "Unicode 文本" separates by tabs; a CSV by commas, or as typed by hand in a Chinese
        # input method, by full-width commas or semicolons (review R113): the first that
        # splits out a header row is the file's
        tables = [[list(r) for r in csv.reader(io.StringIO(text), delimiter=d)] for d in _SEPARATORS]
        return [(None, next((t for t in tables if _find_header(t) is not None), tables[0]))]
    from xingxian_cli.io.xlsx_reader import read_workbook

    # The same guarded reader as the townships' workbooks: a registry is a file from
    # elsewhere too, and merged township cells are filled down the rows of their villages.
    book, refused = read_workbook(raw, file=path.name)
    if book is None:
        assert refused is not None  # said as for a township's workbook, but with the registry's hint
        said = make("registry-unreadable", file=path.name, reason=refused.message)
        if refused.code == "file-encrypted":  # not "provide an .xlsx": it is one, with a password (review R72)
            said = said.model_copy(update={"hint": REGISTRY_UNREADABLE["password"]})
        return said
    names = [n for n in book.sheet_names if n in book.sheets]
    names.sort(key=lambda n: n in book.hidden_sheets)  # visible sheets first, in order
    return [(n, book.sheets[n]) for n in names]


_SEPARATORS = (",", "\t", "，", ";", "；", "|")  # how a CSV or text file's cells may be separated

_CODE = re.compile(r"^\d{12}$")  # a village's statistical area code: 141123100001


_AS_NUMBER = re.compile(r"^\d(?:\.\d+)?[eE]\+?\d+$")  # 1.41123E+11: a code Excel rounded
_ROUNDED_TOLD = 3  # more rows than this with rounded codes are told as one column's problem
_EXACT = re.compile(r'^(?:="(?P<quoted>[^"]*)"|(?P<whole>\d{12})\.0+)$')


def _code_text(code: str) -> str:
    """A code as written, but for the ways an exact one is exported: full-width digits,
    ="141123100001" (Excel's way of keeping a CSV cell text) and 141123100001.0 (a number
    written by a program that reads every number as a float) — review R113."""
    code = unicodedata.normalize("NFKC", code).strip()
    m = _EXACT.match(code)
    if m is None:
        return code
    return (m["quoted"] if m["quoted"] is not None else m["whole"]).strip()


_TYPE_WORDS = frozenset({*VILLAGE_TYPES, *VILLAGE_TYPE_ALIASES, "村(社区)", "村/社区"})


def _labels_rows(village: str) -> bool:
    """Whether a 村(社区) cell, with no township, type or code beside it, labels the rows under
    or above it (以下为行政村, 以上共30个村, 其中：社区, or a type's name alone) and names no village.
    A name ending as a village's that begins as a label may (附城村, 新增村: review R117, two
    real villages dropped without a word) is a village, unless it reads as a label whole."""
    name = norm(village)
    if name in _TYPE_WORDS:
        return True
    if not is_section_label(village):
        return False
    return kind_by_name(village) is None or ":" in name or _NEVER_A_PLACE.match(name) is not None


_NEVER_A_PLACE = re.compile(r"^\(?(?:以下|以上|下列|其中)")  # words no place's name begins with


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return without_controls(str(v)).strip()  # a NUL from an export: invisible, and refused by PostgreSQL


_WANTED = {k: frozenset({norm(lbl), *(norm(a) for a in al)}) for k, (lbl, al, _r) in _COLUMNS.items()}


def _find_header(rows: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    """The header row's index and each column's position. A label that could name two
    columns (村/社区: the village, or its type) goes to the one no other label names."""
    for i, row in enumerate(rows[:HEADER_ROWS]):
        found: dict[str, int] = {}
        shared: list[tuple[int, list[str]]] = []
        for j, v in enumerate(row):
            n = norm(_cell(v))
            keys = [k for k, names in _WANTED.items() if n in names]
            if len(keys) == 1:
                found.setdefault(keys[0], j)
            elif keys:
                shared.append((j, keys))
        for j, keys in shared:
            free = [k for k in keys if k not in found]
            if free:
                found[free[0]] = j
        if "township" in found and "village" in found:
            return i, found
    return None


def _kind_of(kind: str, village: str) -> str | None:
    """村 or 社区 as written (or its committee's name), or told by the name when blank."""
    if kind:
        n = norm(kind)
        return VILLAGE_TYPE_ALIASES.get(n, n)
    return kind_by_name(village)


def kind_by_name(village: str) -> str | None:
    """村 or 社区 as a village's name ends (城东社区, 王家村, 南关居委会); None when it cannot tell."""
    name = norm(village)
    return next((k for ending, k in VILLAGE_TYPE_ENDINGS if name.endswith(ending)), None)


def parse_registry_tables(tables: list[Table], file: str) -> tuple[Registry | None, list[Diagnostic]]:
    """Build a registry from the first table whose header row has every required column
    (a summary sheet of 乡镇 | 村 | 社区 counts may come first), else the first with a header."""
    partial: tuple[str | None, list[list[object]], tuple[int, dict[str, int]]] | None = None
    for sheet, rows in tables:
        found = _find_header(rows)
        if found is not None and all(k in found[1] for k, (_l, _a, required) in _COLUMNS.items() if required):
            return parse_registry_rows(rows, file, sheet=sheet, header=found)
        if found is not None and partial is None:
            partial = (sheet, rows, found)
    if partial is not None:
        return parse_registry_rows(partial[1], file, sheet=partial[0], header=partial[2])
    if not any(_cell(v) for _s, rows in tables for row in rows for v in row):
        return None, [make("registry-empty-file", file=file)]
    sheets = [s for s, _r in tables if s is not None]
    where = (REGISTRY_SHEETS_JOIN.join(REGISTRY_SHEET_WHERE.format(sheet=s) for s in sheets) if sheets
             else REGISTRY_FILE_WHERE)
    return None, [make("registry-no-header", file=file, where=where, rows=HEADER_ROWS)]


def parse_registry_rows(rows: list[list[object]], file: str, *, sheet: str | None = None,
                        header: tuple[int, dict[str, int]] | None = None) -> tuple[Registry | None, list[Diagnostic]]:
    """Build a registry from table rows (the first row holding labels is the header)."""
    header = header or _find_header(rows)
    if header is None:
        return None, [make("registry-missing-column", file=file, sheet=sheet, column=REGISTRY_HEADER_NEEDED)]
    header_idx, cols = header
    problems: list[Diagnostic] = []
    for k, (label, _a, required) in _COLUMNS.items():
        if required and k not in cols:
            problems.append(make("registry-missing-column", file=file, sheet=sheet, row=header_idx + 1, column=label))
    if problems:
        return None, problems

    villages: list[Village] = []
    seen: dict[tuple[str, str], int] = {}
    seen_codes: dict[str, int] = {}
    rounded: list[int] = []  # rows whose code Excel showed as a rounded number (1.41123E+11)
    above = ""  # the township of the village row above
    for i in range(header_idx + 1, len(rows)):
        row = rows[i]
        excel_row = i + 1
        township, village, kind, code = (
            _cell(row[cols[k]]) if k in cols and cols[k] < len(row) else ""
            for k in ("township", "village", "kind", "code")
        )
        if not any((township, village, kind, code)):
            continue
        # A total line (合计 | 253个, 全县合计 in a 序号 column), a subtotal (蔚汾镇小计, 蔚汾镇 |
        # 小计：23个村、7个社区), notes and signatures are no villages.
        first = next((v for v in row if _cell(v)), None)
        if is_note_row(row) or any(is_total_label(v) for v in (first, township, village)):
            continue
        if township and not (village or kind or code):
            above = township  # a heading row naming the township of the rows under it (review R114)
            continue
        if not township and village and not (kind or code) and _labels_rows(village):
            continue  # 以下为行政村, 社区: a label over rows, no village (review R114: one was loaded, and counted)
        if not township and village and above:
            # each township named on its group's first row only: what Excel writes to CSV for a
            # merged 乡镇 cell, and a common way of typing the list (read as the merged cells
            # of an .xlsx are; review R113: 238 rows were refused, told to delete "the empty row")
            township = above
        above = township
        at = {"file": file, "sheet": sheet, "row": excel_row}
        bad = False
        for k, val in (("township", township), ("village", village)):
            if not val:
                problems.append(make("registry-empty-name", **at, column=column_letter(cols[k]), header=_COLUMNS[k][0]))
                bad = True
        kind_n = _kind_of(kind, village)
        if kind_n is None:
            if village:
                problems.append(make("registry-blank-type", **at, column=column_letter(cols["kind"]),
                                     header=_LABEL["kind"], village=village))
            bad = True
        elif kind_n not in VILLAGE_TYPES:
            problems.append(make("registry-bad-type", **at, column=column_letter(cols["kind"]), header=_LABEL["kind"], value=kind))
            bad = True
        if bad:
            continue
        assert kind_n is not None
        township_n = norm(township)
        key = (township_n, norm(village))  # twins as matching sees them: 城東社區 is 城东社区
        if key in seen:
            problems.append(make("registry-duplicate", **at, column=column_letter(cols["village"]), header=_LABEL["village"], value=village, township=township_n, village=village, first_row=seen[key]))
            continue
        seen[key] = excel_row
        code = _code_text(code)
        if code and not _CODE.match(code):
            if _AS_NUMBER.match(code):  # 1.41123E+11: Excel turned the code into a number and rounded it
                rounded.append(excel_row)
            problems.append(make("registry-bad-code", **at, column=column_letter(cols["code"]),
                                 header=_LABEL["code"], value=code))
            continue
        if code:
            if code in seen_codes:
                problems.append(make("registry-duplicate-code", **at, column=column_letter(cols["code"]), header=_LABEL["code"], value=code, first_row=seen_codes[code]))
                continue
            seen_codes[code] = excel_row
        villages.append(Village(township_n, village, kind_n, code or None))
    if len(rounded) > _ROUNDED_TOLD:
        # the whole column turned into numbers: one message for it, not one per row (review R113: 253)
        first = next(d for d in problems if d.code == "registry-bad-code" and d.row == rounded[0])
        problems = [d for d in problems if not (d.code == "registry-bad-code" and d.row in set(rounded))]
        problems.insert(0, make("registry-codes-as-numbers", file=file, sheet=sheet, column=first.column,
                                header=_LABEL["code"], value=first.value, count=len(rounded), first_row=rounded[0]))
    if not villages and not problems:
        problems.append(make("registry-empty", file=file, sheet=sheet))
    if problems:
        return None, problems
    return Registry(tuple(villages)), []


def read_registry_file(path: Path) -> tuple[Registry | None, list[Diagnostic]]:
    """Read and check a registry file; return the registry (or None) and every problem."""
    try:
        tables = _tables_from_file(path)
    except UnicodeDecodeError:  # a ValueError too: first
        return None, [make("registry-unreadable", file=path.name, reason=REGISTRY_UNREADABLE["encoding"])]
    except ValueError:
        return None, [make("registry-unreadable", file=path.name, reason=REGISTRY_UNREADABLE["suffix"])]
    except OSError as exc:  # missing, locked, a folder
        from xingxian_cli.errors import os_error_reason

        return None, [make("registry-unreadable", file=path.name, reason=os_error_reason(exc))]
    if isinstance(tables, Diagnostic):
        return None, [tables]
    return parse_registry_tables(tables, path.name)


def load_registry(path: Path) -> Registry:
    """The registry at ``path``; raises DataError when invalid."""
    reg, problems = read_registry_file(path)
    if reg is None:
        raise DataError(problems)
    return reg


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The shipped Xing County registry: 15 townships, 253 sample villages."""
    text = resources.files("xingxian_cli.data").joinpath("registry_default.csv").read_text("utf-8")
    reg, problems = parse_registry_rows([list(r) for r in csv.reader(io.StringIO(text))], "registry_default.csv")
    if reg is None:  # pragma: no cover - guarded by tests
        raise DataError(problems)
    return reg


def registry_csv(reg: Registry) -> str:
    """The registry as UTF-8 CSV text in the import format."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(_LABEL.values()))
    for v in reg.villages:
        w.writerow([v.township, v.name, v.kind, v.code or ""])
    return buf.getvalue()

