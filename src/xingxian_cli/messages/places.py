"""How a place in a workbook is written for users: file › sheet › 第N行 › column."""

from __future__ import annotations

SEP = " › "
CUT = "…（共 {n} 字）"  # after the start of a long cell a diagnostic quotes
ROW = "第{row}行"
COLUMN = "{column}列"
HEADER_COLUMN = "{header}({column}列)"  # a column by its header, with its letter
VERSIONED_FILE = "{file}（第{version}版）"  # a file imported again as a later version
UNPLACED_FILE = "{file}（{township} {quarter}）"  # a file whose name says not whose and when
# A fact's source cell (positional: formatted once per fact when a province is scored).
SOURCE = "{} › {} › 第{}行"


def row_text(row: int) -> str:
    return ROW.format(row=row)


def column_text(header: str | None, column: str | None) -> str:
    """The column as the user reads it: its header with its letter, either alone, or ''."""
    if header and column:
        return HEADER_COLUMN.format(header=header, column=column)
    if column:
        return COLUMN.format(column=column)
    return header or ""
