"""Text measured in screen columns (a Chinese character takes two) and wrapped by them.

Kept apart from :mod:`xingxian_cli.domain.text` (whose patterns cost start-up time): help
pages use it on every ``xx --help``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Chinese line-breaking rules (禁则), the common subset: these never begin a line ...
_NO_START = frozenset("，。、；：？！）》」』】〕〉”’%·…—～,.;:?!)]}")
# ... and these never end one.
_NO_END = frozenset("（《「『【〔〈“‘([{")


@lru_cache(maxsize=4096)
def text_width(text: str) -> int:
    """Columns ``text`` takes on a terminal or in a spreadsheet cell: wide and full-width
    characters two, the rest one."""
    if text.isascii():
        return len(text)
    return sum(2 if _wide(ch) else 1 for ch in text)


def _wide(ch: str) -> bool:
    return not ch.isascii() and unicodedata.east_asian_width(ch) in "WF"


def _units(text: str) -> list[tuple[str, bool]]:
    """``text`` cut where a line may break: (piece, a space before it). A run of narrow
    characters (a word, an option, a number) is one piece; each wide character is one; so is
    a note in square brackets (``[默认：table]``), spaces and all."""
    out: list[tuple[str, bool]] = []
    word, space = "", False
    i = 0
    while i < len(text):
        ch = text[i]
        i += 1
        end = text.find("]", i) if ch == "[" and not word else -1
        if end >= 0:
            out.append((text[i - 1:end + 1], space))
            space, i = False, end + 1
        elif ch.isspace():
            if word:
                out.append((word, space))
                word = ""
            space = True
        elif _wide(ch):
            if word:
                out.append((word, space))
                word, space = "", False
            out.append((ch, space))
            space = False
        else:
            word += ch
    if word:
        out.append((word, space))
    return out


def _pieces(word: str, width: int) -> list[str]:
    """A piece longer than a whole line, cut into lines' worth."""
    out = [""]
    for ch in word:
        if out[-1] and text_width(out[-1] + ch) > width:
            out.append("")
        out[-1] += ch
    return out


def wrap_columns(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: broken at spaces or between wide
    characters, never before closing punctuation or after opening punctuation (a piece is
    carried over with it), a narrow word longer than a line cut. Whitespace between pieces
    on a line becomes one space; none is lost between two Chinese characters, since none
    was there."""
    width = max(width, 4)
    lines: list[list[tuple[str, bool]]] = []
    line: list[tuple[str, bool]] = []
    used = 0

    def length(items: list[tuple[str, bool]]) -> int:
        return sum(text_width(p) + (1 if s and i else 0) for i, (p, s) in enumerate(items))

    for piece, space in _units(text):
        for k, part in enumerate(_pieces(piece, width) if text_width(piece) > width else [piece]):
            gap = space and k == 0
            add = text_width(part) + (1 if gap and line else 0)
            if line and used + add > width:
                carried: list[tuple[str, bool]] = []
                if part[0] in _NO_START:  # what it closes goes with it (and what closes that)
                    while len(line) > 1:
                        carried.insert(0, line.pop())
                        if carried[0][0][0] not in _NO_START:
                            break
                while len(line) > 1 and line[-1][0][-1] in _NO_END:
                    carried.insert(0, line.pop())
                lines.append(line)
                line = carried
                used = length(line)
                add = text_width(part) + (1 if gap and line else 0)
            line.append((part, gap))
            used += add
    if line:
        lines.append(line)
    return ["".join((" " if s and i else "") + p for i, (p, s) in enumerate(items)) for items in lines]
