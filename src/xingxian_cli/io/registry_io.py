"""Read the registry (行政区划名录) from .xlsx or .csv (UTF-8 or GBK)."""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from xingxian_cli.domain.cells import column_letter
from xingxian_cli.domain.diagnostics import DataError, Diagnostic, make
from xingxian_cli.domain.registry import Registry, Village
from xingxian_cli.domain.text import norm
from xingxian_cli.messages.workbook import (
    COMMUNITY,
    REGISTRY_COLUMNS,
    REGISTRY_HEADER_NEEDED,
    REGISTRY_UNREADABLE,
    VILLAGE,
    VILLAGE_TYPE_ALIASES,
    VILLAGE_TYPES,
)

_COLUMNS = REGISTRY_COLUMNS
_LABEL = {k: label for k, (label, _a, _r) in _COLUMNS.items()}


def _decode(raw: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("gb18030", raw, 0, 1, "neither UTF-8 nor GBK")


def _rows_from_file(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = _decode(path.read_bytes())
        return [list(r) for r in csv.reader(io.StringIO(text))]
    if suffix in (".xlsx", ".xlsm"):
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(path))
        return wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    raise ValueError("unsupported")


_CODE = re.compile(r"^\d{12}$")  # a village's statistical area code: 141123100001


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def parse_registry_rows(rows: list[list[object]], file: str) -> tuple[Registry | None, list[Diagnostic]]:
    """Build a registry from table rows (the first row holding labels is the header)."""
    wanted = {k: {norm(lbl), *(norm(a) for a in al)} for k, (lbl, al, _r) in _COLUMNS.items()}
    header_idx, cols = None, {}
    for i, row in enumerate(rows[:15]):
        found = {}
        for j, v in enumerate(row):
            n = norm(_cell(v))
            for k, names in wanted.items():
                if n in names and k not in found:
                    found[k] = j
        if "township" in found and "village" in found:
            header_idx, cols = i, found
            break
    if header_idx is None:
        return None, [make("registry-missing-column", file=file, column=REGISTRY_HEADER_NEEDED)]
    problems: list[Diagnostic] = []
    for k, (label, _a, required) in _COLUMNS.items():
        if required and k not in cols:
            problems.append(make("registry-missing-column", file=file, row=header_idx + 1, column=label))
    if problems:
        return None, problems

    villages: list[Village] = []
    seen: dict[tuple[str, str], int] = {}
    seen_codes: dict[str, int] = {}
    for i in range(header_idx + 1, len(rows)):
        row = rows[i]
        excel_row = i + 1
        township, village, kind, code = (
            _cell(row[cols[k]]) if k in cols and cols[k] < len(row) else ""
            for k in ("township", "village", "kind", "code")
        )
        if not any((township, village, kind, code)):
            continue
        bad = False
        for k, val in (("township", township), ("village", village)):
            if not val:
                problems.append(make("registry-empty-name", file=file, row=excel_row, column=column_letter(cols[k]), header=_COLUMNS[k][0]))
                bad = True
        kind_n = norm(kind) if kind else (COMMUNITY if village.endswith(COMMUNITY) else VILLAGE)
        kind_n = VILLAGE_TYPE_ALIASES.get(kind_n, kind_n)
        if kind_n not in VILLAGE_TYPES:
            problems.append(make("registry-bad-type", file=file, row=excel_row, column=column_letter(cols["kind"]), header=_LABEL["kind"], value=kind))
            bad = True
        if bad:
            continue
        township_n = norm(township)
        key = (township_n, norm(village))  # twins as matching sees them: 城東社區 is 城东社区
        if key in seen:
            problems.append(make("registry-duplicate", file=file, row=excel_row, column=column_letter(cols["village"]), header=_LABEL["village"], value=village, township=township_n, village=village, first_row=seen[key]))
            continue
        seen[key] = excel_row
        if code and not _CODE.match(code):
            # 1.41123E+11: Excel turned the code into a number and rounded it
            problems.append(make("registry-bad-code", file=file, row=excel_row, column=column_letter(cols["code"]),
                                 header=_LABEL["code"], value=code))
            continue
        if code:
            if code in seen_codes:
                problems.append(make("registry-duplicate-code", file=file, row=excel_row, column=column_letter(cols["code"]), header=_LABEL["code"], value=code, first_row=seen_codes[code]))
                continue
            seen_codes[code] = excel_row
        villages.append(Village(township_n, village, kind_n, code or None))
    if not villages and not problems:
        problems.append(make("registry-empty", file=file))
    if problems:
        return None, problems
    return Registry(tuple(villages)), []


def read_registry_file(path: Path) -> tuple[Registry | None, list[Diagnostic]]:
    """Read and check a registry file; return the registry (or None) and every problem."""
    try:
        rows = _rows_from_file(path)
    except UnicodeDecodeError:  # a ValueError too: first
        return None, [make("registry-unreadable", file=path.name, reason=REGISTRY_UNREADABLE["encoding"])]
    except ValueError:
        return None, [make("registry-unreadable", file=path.name, reason=REGISTRY_UNREADABLE["suffix"])]
    except OSError as exc:  # missing, locked, a folder
        from xingxian_cli.errors import os_error_reason

        return None, [make("registry-unreadable", file=path.name, reason=os_error_reason(exc))]
    except Exception:  # calamine raises its own error types for corrupt files
        return None, [make("registry-unreadable", file=path.name, reason=REGISTRY_UNREADABLE["corrupt"])]
    return parse_registry_rows(rows, path.name)


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

