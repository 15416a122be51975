"""Spreadsheet coordinates (pure helpers shared by readers and writers)."""

from __future__ import annotations


def column_letter(index: int) -> str:
    """0-based column index -> Excel letter (0 -> A, 26 -> AA)."""
    n = index + 1
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def column_index(letter: str) -> int:
    """Excel letter -> 0-based column index (A -> 0, AA -> 26); -1 for text that is none."""
    n = 0
    for ch in letter:
        if not "A" <= ch <= "Z":
            return -1
        n = n * 26 + ord(ch) - 64
    return n - 1
