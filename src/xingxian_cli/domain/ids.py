"""Resident identity numbers (居民身份证号): checking and masking."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from stdnum.cn import ric


def clean_id(raw: object) -> str:
    """Return the ID as text: spaces removed, full-width digits folded, ``x`` upper-cased,
    and dashes between its parts dropped (141123-19630119-5956) when all else is digits."""
    import unicodedata

    return undashed(unicodedata.normalize("NFKC", str(raw)).strip().replace(" ", "").upper())


def undashed(s: str) -> str:
    """An ID written in parts (141123-19630119-5956) without its dashes, when the rest is an
    ID's 17 digits and check character; anything else as it is."""
    if "-" in s:
        bare = s.replace("-", "")
        if len(bare) == 18 and bare[:17].isdigit() and bare.isascii() and (bare[17].isdigit() or bare[17] == "X"):
            return bare
    return s


_ID_LIKE = re.compile(r"\d{17}[\dXx]")


def check_id(number: str, today: date) -> tuple[str, dict[str, Any]] | None:
    """Return ``(code, context)`` of the first problem with an 18-digit ID, or None if valid.

    The check digit and area code are verified by python-stdnum; the birth date is read
    from digits 7-14 directly (``ric.get_birth_date`` cleans the number again first, which
    made it nine tenths of the cost of checking an ID).
    """
    if len(number) != 18:
        if len(number) == 15 and number.isdigit() and number.isascii():
            return "id-old-15", {}  # the first-generation ID: 15 digits, no check digit
        if len(_ID_LIKE.findall(number)) > 1:
            return "id-two-in-cell", {}  # 1411…、1423…: two people, or a row's two lines
        return "id-invalid-length", {"length": len(number)}
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        bad = next(i for i, c in enumerate(number) if not c.isdigit() and not (i == 17 and c == "X"))
        return "id-bad-char", {"pos": bad + 1, "char": number[bad]}
    # An impossible birth date first: it says which digits are wrong, where a check digit
    # fixed alone would hide the mistyped date (review R62)
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        b = number[6:14]
        return "id-birth-date", {"birth": f"{b[:4]}-{b[4:6]}-{b[6:]}"}
    if birth > today or birth.year < 1900:
        return "id-birth-date", {"birth": birth.isoformat()}
    expected = ric.calc_check_digit(number)
    if number[17] != expected:
        return "id-checksum", {"expected": expected, "actual": number[17]}
    if not _known_area(number[:6]):
        return "id-area", {"area": number[:6]}
    return None


@lru_cache(maxsize=4096)  # numdb lookups cost ~0.1 ms and a county has a handful of area codes
def _known_area(code: str) -> bool:
    # stdnum's own place check rejects a code that did not exist in the birth year, but
    # IDs carry the code of the place of first registration (兴县 was 142325 before 2003
    # and 141123 since), so a county code valid at any time is accepted.
    from stdnum import numdb

    info = {k for _part, props in numdb.get("cn/loc").info(code) for k in props}
    return "county" in info


def birth_date(number: str) -> date:
    """Birth date encoded in a valid ID."""
    return ric.get_birth_date(number)


def mask_id(number: str) -> str:
    """``141123198001010014`` -> ``1411**********014``-style: first 4 and last 4 kept."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


# An ID written into free text: 18 digits (half- or full-width), the last maybe X, whole or
# in groups with spaces, tabs, line breaks, hyphens, dashes, dots, slashes or underscores
# between them (141123 19781216 3037, 141123 1978 1216 3037, 1411 2319 9809 2029 2X), or 15 to
# 19 digits written whole (see _WHOLE_OTHER). Each
# run of such groups is searched for IDs that start and end at a group's edge: 18 digits
# written whole are masked; in groups, when they are an ID (the check digit and birth date
# hold), so a bank card's 6222 0212 3456 7890 12 stays as written even beside an ID.
_DIGITS = "0123456789\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"
# spaces (incl. no-break, thin, ideographic, zero-width), line breaks, hyphens and dashes
# (incl. the non-breaking hyphen word processors insert), slashes, underscores, dots, tildes
_SEPARATORS = (" \t\r\n\u00a0\u00ad\u2002\u2003\u2009\u200a\u200b\u202f\u3000\ufeff"
               "-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d_\uff3f/\uff0f.\uff0e\u00b7\u30fb~\uff5e")
_RUN = re.compile(
    f"(?<![{_DIGITS}])[{_DIGITS}]+(?:[{re.escape(_SEPARATORS)}]{{1,4}}[{_DIGITS}]+)*[XxＸｘ]?(?![{_DIGITS}])"
)
# Other lengths of a number written whole that are masked too, when they look like an ID: one of
# 15 digits (issued before 1999: an area code, then YYMMDD), or of 17 or 19 (an ID typed a digit
# short or long, the slip anywhere: an area code's first two digits) (review R141, R145); a
# 企业微信 folder's 16 digits or a 文号's are not (R143).
_WHOLE_OTHER = frozenset({15, 17, 19})


def _id_like(number: str) -> bool:
    """Whether digits of another length than 18 read as an ID (see _WHOLE_OTHER)."""
    if not number[:-1].isdigit() or not 11 <= int(number[:2]) <= 82:
        return False
    if len(number) != 15:
        return True
    try:
        date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


_ID_CHARS = str.maketrans("０１２３４５６７８９Ｘｘx", "0123456789XXX")


def _an_id(number: str) -> bool:
    """Whether 18 characters are a resident ID's: the check digit and birth date hold."""
    if ric.calc_check_digit(number) != number[17]:
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return 1900 <= int(number[6:10]) <= 2100


def _masked_run(run: str) -> str:
    """``run`` (digit groups and separators) with the IDs in it masked."""
    chars = [(i, c) for i, c in enumerate(run) if c not in _SEPARATORS]  # digits (and a final X)
    if len(chars) == len(run) and len(run) in _WHOLE_OTHER and _id_like(run.translate(_ID_CHARS)):
        return mask_id(run)
    if len(chars) < 18:
        return run
    starts = {k for k, (i, _c) in enumerate(chars) if i == 0 or run[i - 1] in _SEPARATORS}
    out, done, k = [], 0, 0
    while k + 18 <= len(chars):
        first, last = chars[k][0], chars[k + 17][0]
        ends_group = k + 18 == len(chars) or run[last + 1] in _SEPARATORS
        number = "".join(c for _i, c in chars[k:k + 18]).translate(_ID_CHARS)
        whole = last - first == 17
        if k in starts and ends_group and number[:17].isdigit() and (whole or _an_id(number)):
            out += [run[done:first], mask_id(number)]
            done, k = last + 1, k + 18
        else:
            k += 1
    return "".join(out) + run[done:] if out else run


# A mobile number in free text: 11 digits of a mobile prefix (13x, 145–149, 15x, 16x, 17x, 18x, 19x:
# not 140–144, so a Shanxi 区划代码 typed a digit short, 14112310020, is not one: review R151), whole
# or as 3-4-4 with a space or hyphen (138 1234 5678), maybe after +86 or 0086; not part of a longer
# number. Matched on the text with full-width digits folded (one character each).
_MOBILE = re.compile(r"(?:(?<=\+86)|(?<=\+86[ -])|(?<=0086)|(?<![0-9]))"
                     r"(1(?:3[0-9]|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8[0-9]|9[0-35-9]))([ \u00a0\-\u2010-\u2014]?)"
                     r"([0-9]{4})\2([0-9]{4})(?![0-9])")
_FOLD_DIGITS = str.maketrans("０１２３４５６７８９＋", "0123456789+")  # ＋86 too (review R152)


def _mask_mobiles(text: str) -> str:
    folded = text.translate(_FOLD_DIGITS)
    out, done = [], 0
    for m in _MOBILE.finditer(folded):
        sep = m.group(2)
        out += [text[done:m.start()], text[m.start(1):m.end(1)], sep, "****", sep, text[m.start(4):m.end(4)]]
        done = m.end()
    return "".join(out) + text[done:] if out else text


def mask_private_in(text: str) -> str:
    """``text`` with every resident ID written in it masked (an ID pasted into a name, a
    date or a 情形 cell, in any of the ways above), and every mobile number as the phone
    column is (a cadre's number typed into a 说明: review R141): shown anywhere, masked."""
    if len(text) < 11:
        return text
    text = _RUN.sub(lambda m: _masked_run(m.group()), text) if len(text) >= min(_WHOLE_OTHER) else text
    return _mask_mobiles(text)


# A run of digits, whole or in groups with the separators an ID may have between them (see _RUN)
_GROUPED = re.compile(f"(?<![{_DIGITS}])[{_DIGITS}]+(?:[{re.escape(_SEPARATORS)}]{{1,4}}[{_DIGITS}]+)*(?![{_DIGITS}])")
_DATE_LIKE = re.compile(r"^(\d{4})\D{0,4}(\d{1,2})\D{0,4}(\d{1,2})$")


def long_numbers(text: str) -> list[str]:
    """The numbers of 7 digits or more written in ``text`` (a phone, an ID; whole or in groups:
    139 1234 5678, 139.1234.5678), but for dates (2022-08-01, 20220801)."""
    found = []
    for m in _GROUPED.finditer(text):
        digits = "".join(c for c in m.group() if c.isdigit()).translate(_ID_CHARS)
        if len(digits) >= 7 and not _a_date(m.group().translate(_ID_CHARS)):
            found.append(m.group())
    return found


def _a_date(written: str) -> bool:
    """Whether digits read as a date: 2022-08-01, 2022.8.1, 20220801."""
    m = _DATE_LIKE.match(written.strip())
    if m is None:
        return False
    try:
        date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return 1900 <= int(m.group(1)) <= 2100


def mask_numbers_in(text: str) -> str:
    """``text`` with its IDs and mobiles masked (see :func:`mask_private_in`), and any other number of 7 digits
    or more (see :func:`long_numbers`) as a phone is: 乔红梅13912345678 -> 乔红梅139****5678,
    139 1234 5678 -> 139 **** 5678, 139.1234.5678 -> 139****5678 (its digits)."""
    text = mask_private_in(text)
    for number in long_numbers(text):
        digits = "".join(c for c in number if c.isdigit())
        shown = mask_phone(digits) if len(digits) >= 11 else "*" * (len(digits) - 4) + digits[-4:]  # (a landline's 7)
        text = text.replace(number, shown or "", 1)
    return text


def mask_phone(phone: str | None) -> str | None:
    """``13912345678`` -> ``139****5678``."""
    if not phone:
        return phone
    p = str(phone)
    if len(p) < 7:
        return "*" * len(p)
    return p[:3] + "*" * (len(p) - 7) + p[-4:]
