"""Cell values as townships type them: text, numbers, dates in many forms, resident IDs."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from xingxian_cli.domain.ids import check_id, undashed

# Characters str.strip() keeps but clerks paste around values (zero-width space, BOM).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_NO_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))
# Excel's mark for "keep as text", typed or pasted in as a character ('84, ‘2015-03-01).
TEXT_MARKS = "'‘’"

_DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*"
    r"(?:月份?|[-/.月]\s*(?:(\d{1,2})\s*[日号]?)?)?\.?"  # 2015年3月份, 2015.03.01.
    r"\s*(?:\(?(?:星期|周)[一二三四五六日天]\)?)?"  # 2015/3/1 星期日 (a long date format), 2015-03-01（周日）
    r"\s*(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
# ... and a dash that looks like a hyphen (Word's and WPS's autocorrect, a pasted web page:
# 2012‐09‐30, 2012–09–30, 2012−09−30).
_DATE_DOTS = str.maketrans({"。": ".", "、": ".", ",": ".", **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63", "-")})
_DASH_RUN = re.compile(r"(?<=\d)\s*-{2,}\s*(?=\d)")  # 2012——09——30: a Chinese input method's dash is two
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
_SERIAL_TEXT = re.compile(r"^\d{5}$")
_NUMBER_NOTE = re.compile(r"^([^()]*\d[^()]*?)\s*[(\[【]([^()\[\]【】\d]{1,12})[)\]】]$")
_NEUTRAL_NOTE = re.compile(r"^(?:优秀|良好|合格|较好|一般|称职|基本称职|百分制|满分|(?:单位[:：])?万元"
                           r"|含[^，,；;。扣减除预借负债待未应结转计划]{1,10}(?:收益|收入))$")  # 含光伏收益; not 含预计收入
NUMBER_TRAILING = "。，,；;：:！!、"  # after NFKC; not "." (95. is a number already)
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?E\+?\d+$")
# Digits grouped by thousands (1,250 or 1 250.5): the only separators a number may hold. A
# comma elsewhere is a decimal comma (12,5 from a Chinese input method's 12，5) or a slip.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d+)?$")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 once Excel's 1900 leap-year bug is absorbed
_EXCEL_EPOCH_1904 = date(1904, 1, 1)  # serial 0 on the 1904 date system (Excel for Mac's option)
# Serial numbers accepted as dates: 10000 (1927) … 73050 (2099-12-31). A bare year such as
# 2015 typed into a date cell is refused rather than read as serial 2015 (1905-07-07).
_SERIAL_MIN, _SERIAL_MAX = 10_000, 73_050  # Excel serials read as dates: 1927 … 2099
# Serials of 1952-1957 have the shape of a year and a month typed without their dot
# (20227 for 2022年7月, read as 1955-05-18): not read as dates.
_YEAR_MONTH_SERIALS = range(19_001, 21_000)
_YEAR_MIN, _YEAR_MAX = 1900, 2100


def excel_number_text(v: float) -> str:
    """A float as Excel shows and compares it: to 15 significant digits. A formula such as
    =39.9+39.8+10.3 is saved as 89.999999999999986 yet shows, and counts in Excel, as 90."""
    s = repr(v)  # the shortest text that reads back as v: when that short, already the 15-digit one
    return s if len(s) <= 15 else format(v, ".15g")


def is_blank(v: object) -> bool:
    """True for an empty cell (None, '' or only spaces)."""
    if v is None or v == "":
        return True
    if isinstance(v, str):
        s = v.strip()
        # Most cells hold no invisible characters at their ends: skip the second strip.
        if s and s[0] not in INVISIBLE and s[-1] not in INVISIBLE:
            return False
        return not s.strip(INVISIBLE).strip()
    return False


def cell_text(v: object) -> str | None:
    """The cell as trimmed text the way Excel shows it; None when blank."""
    if v is None:
        return None
    if isinstance(v, str):
        s = v.strip()
        if s and s[0] not in INVISIBLE and s[-1] not in INVISIBLE:
            return s
        s = s.strip(INVISIBLE).strip()
        return s or None
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return excel_number_text(v) if math.isfinite(v) else repr(v)
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == time(0) else v.isoformat(sep=" ")
    if isinstance(v, date | time):
        return v.isoformat()
    if isinstance(v, timedelta):  # an elapsed-time format: as Excel shows [h]:mm:ss
        seconds = int(v.total_seconds())
        sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
        return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return str(v)


def _ymd(y: int, m: int, d: int) -> date | None:
    if not _YEAR_MIN <= y <= _YEAR_MAX:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_month_number(n: float) -> tuple[int, str] | None:
    """``2015.3`` typed into a General cell, which Excel and WPS keep as the number 2015.3:
    (year, the digits after the point) when ``n`` looks like one, else None."""
    if not (_YEAR_MIN <= n < _YEAR_MAX + 1) or float(n).is_integer():
        return None
    whole, _, frac = repr(float(n)).partition(".")
    return (int(whole), frac) if len(frac) <= 2 else None


def typed_number(v: object, date1904: bool = False) -> float | None:
    """The number a clerk typed into a date-formatted cell, when the date it shows cannot be
    meant: ``2015.3`` or ``201503`` typed into the template's yyyy-mm-dd cells is kept by
    Excel as that number of days, shown as 1905-07-14 or 2453-08-09 (on the 1904 date system,
    ``date1904``, Excel for Mac's option: 1909-07-15 or 2457-08-10). A date whose serial is a
    year (1900-2100, with a fraction) or a year and month (190001-210012) is that number; any
    other date (or value), None."""
    if isinstance(v, timedelta):  # an elapsed-time format shows it as hours: the number typed
        serial = round(v.days + v.seconds / 86_400, 6)
        return serial if _YEAR_MIN <= serial < _YEAR_MAX + 1 or 190_001 <= serial <= 210_012 else None
    if not isinstance(v, date):
        return None
    # Serials 1900-2101 fall in 1905, 190001-210012 in 2420-2474 (1904 system: four years
    # and a day later); no date of ours (a start, an honour, an event) is in those years.
    shift = 4 if date1904 else 0
    if v.year != 1905 + shift and not 2419 + shift <= v.year <= 2475 + shift:
        return None
    epoch = _EXCEL_EPOCH_1904 if date1904 else _EXCEL_EPOCH
    if isinstance(v, datetime):
        delta = v - datetime(epoch.year, epoch.month, epoch.day)
        serial = delta.days + delta.seconds / 86_400
    else:
        serial = float((v - epoch).days)
    if _YEAR_MIN <= serial < _YEAR_MAX + 1 or 190_001 <= serial <= 210_012:
        return round(serial, 6)
    return None


def month_lost_by_number(v: object, date1904: bool = False) -> bool:
    """Whether ``v`` is a number such as 2015.1 that cannot tell its month: a clerk's
    ``2015.10`` is stored as 2015.1, the same number as ``2015.1``."""
    if isinstance(v, date | timedelta):
        v = typed_number(v, date1904)
    if type(v) is not float:
        return False
    ym = _year_month_number(v)
    return ym is not None and ym[1] == "1"


def _from_number(n: float, date1904: bool = False) -> date | None:
    """The date a number in a date cell stands for: a year and month (2015.3, 201503), a
    day (20150301), or an Excel serial counted from the workbook's epoch (``date1904``)."""
    epoch = _EXCEL_EPOCH_1904 if date1904 else _EXCEL_EPOCH
    ym = _year_month_number(n) if math.isfinite(n) else None
    if ym is not None:
        year, frac = ym
        return None if frac == "1" else _ymd(year, int(frac), 1)
    if not math.isfinite(n) or not float(n).is_integer():
        # A fractional serial is a date-time: the day is its whole part.
        if math.isfinite(n) and _SERIAL_MIN <= n <= _SERIAL_MAX + 1:
            return epoch + timedelta(days=int(n))
        return None
    i = int(n)
    if 19_000_101 <= i <= 21_001_231:
        return _ymd(i // 10_000, i // 100 % 100, i % 100)
    if 190_001 <= i <= 210_012:
        return _ymd(i // 100, i % 100, 1)
    if _SERIAL_MIN <= i <= _SERIAL_MAX and not (i in _YEAR_MONTH_SERIALS and i % 10):
        return epoch + timedelta(days=i)
    return None


def impossible_date(v: object) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written in a date's form with no such day (2023-02-30,
    2023.13, 20230431), to say why; None for anything else. A month alone has day 0."""
    text = cell_text(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
    if not isinstance(text, str):
        return None
    s = unicodedata.normalize("NFKC", text).strip().strip(INVISIBLE).lstrip(TEXT_MARKS).strip().translate(_DATE_DOTS)
    m = _DATE_TEXT.match(s) or _DATE_COMPACT.match(s)
    if m is None:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if not _YEAR_MIN <= y <= _YEAR_MAX or _ymd(y, mo, d or 1) is not None:
        return None
    return y, mo, d


def serial_date(n: float, date1904: bool = False) -> date | None:
    """The day an Excel serial number (a date kept as a number, 10000 … 73050) stands for,
    counted from the workbook's epoch (``date1904``: the 1904 date system); None for any
    other number (a year, a year and month, 20150301)."""
    if not math.isfinite(n) or not _SERIAL_MIN <= n < _SERIAL_MAX + 1:
        return None
    return (_EXCEL_EPOCH_1904 if date1904 else _EXCEL_EPOCH) + timedelta(days=int(n))


_DIGIT_CHARS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_CHINESE_NUMERAL_CHARS = frozenset(_DIGIT_CHARS) | {"十"}
_CHINESE_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")
_CHINESE_MONTH_DAY = re.compile(r"(?<=[年月])([一二三四五六七八九十]{1,3})(?=[月日号])")


def _chinese_number(text: str) -> str:
    """1–39 written in Chinese numerals (三, 十二, 二十, 二十五) as digits; as it is otherwise."""
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _DIGIT_CHARS.get(text, text) if len(text) == 1 else text
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return text
    return str(int(_DIGIT_CHARS.get(tens, "1") if tens else "1") * 10 + (int(_DIGIT_CHARS[ones]) if ones else 0))


def _chinese_date_numbers(s: str) -> str:
    """A date's year, month and day written in Chinese numerals (二〇一六年三月五日) as digits."""
    s = _CHINESE_YEAR.sub(lambda m: "".join(_DIGIT_CHARS[c] for c in m.group(1)) + "年", s)
    return _CHINESE_MONTH_DAY.sub(lambda m: _chinese_number(m.group(1)), s)


def cell_date(v: object, date1904: bool = False) -> date | None:
    """Parse a date cell; None when it is not a date.

    Accepts Excel dates and date-times, serial numbers, and text such as ``2015-03-01``,
    ``2015/3/1``, ``2015.3.1``, ``2015.3``, ``2015年3月``, ``2015年3月1日``, ``201503`` and
    ``20150301``; also ``2015.3`` kept as a number, except 2015.1, which may have been
    2015.10 (see :func:`month_lost_by_number`). A month without a day means the first day
    of that month. ``date1904``: the workbook is on the 1904 date system.
    """
    if isinstance(v, date):  # a datetime too
        typed = typed_number(v, date1904)
        if typed is not None:
            return _from_number(typed)
        return v.date() if isinstance(v, datetime) else v
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):  # a date kept as a plain number, on the workbook's epoch
        return _from_number(v, date1904)
    if isinstance(v, timedelta):
        # A date cell given an elapsed-time format ([h]:mm:ss): its serial, from the workbook's
        # epoch, is the date; a year or a year and month typed there (2015.3, 201503) is that.
        serial = v.days + v.seconds / 86_400
        return serial_date(serial, date1904) or _from_number(round(serial, 6), date1904)
    if not isinstance(v, str):
        return None
    # A Chinese input method's 。 or a comma typed for the dot: 2015。3。1, 2015,3,1.
    # A leading ' (Excel's text mark, pasted in as a character: '2015-03-01) is not part of it.
    s = unicodedata.normalize("NFKC", v).strip().strip(INVISIBLE).lstrip(TEXT_MARKS).strip().translate(_DATE_DOTS)
    if "--" in s:
        s = _DASH_RUN.sub("-", s)
    if "元月" in s:  # 1997年元月: January
        s = s.replace("元月", "1月")
    if _CHINESE_NUMERAL_CHARS.intersection(s):  # 2016年三月, 二〇一六年三月五日 (review R86)
        s = _chinese_date_numbers(s)
    m = _DATE_TEXT.match(s)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    m = _DATE_COMPACT.match(s)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    if _SERIAL_TEXT.match(s):  # an Excel date's serial kept as text (44927): read as the number is
        return _from_number(int(s), date1904)
    return None


_PLAIN_NUMBER = re.compile(r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$", re.ASCII)  # as typed: 95, -3.5, 95., .5


def cell_decimal(v: object, units: tuple[str, ...] = ()) -> Decimal | None:
    """Parse a number cell exactly as Excel shows it (a float to 15 significant digits); None
    if not a number.

    ``units`` are suffixes a clerk may type after the number (``分``, ``万元``), dropped.
    """
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(excel_number_text(v)) if math.isfinite(v) else None
    if not isinstance(v, str):
        return None
    # An input method's mark after the number (95， 88.5。) is not part of it.
    # Nor is a leading ' (Excel's text mark, pasted in as a character: '84).
    s = unicodedata.normalize("NFKC", v).strip().strip(INVISIBLE).lstrip(TEXT_MARKS).strip().rstrip(NUMBER_TRAILING).rstrip()
    noted = _NUMBER_NOTE.match(s)  # 90（良好）, 9.13（万元）, 6.95万（含光伏收益）: a note that changes nothing
    if noted is not None and ((note := noted.group(2).strip()) in units or _NEUTRAL_NOTE.match(note)):
        # (not 12（亿）, another unit, nor 90（扣分前）, 9.13（亏损）, 15（全年预计）: refused for the clerk to settle)
        s = noted.group(1).rstrip() + (note if note in units else "")
    for unit in units:
        if s.endswith(unit):
            s = s[: -len(unit)].rstrip()
            break
    if not s or len(s) > 40:
        return None
    if "," in s or " " in s:
        if not _GROUPED.match(s):
            return None  # 12,5 is not 125, nor 9 5 95
        s = s.replace(",", "").replace(" ", "")
    if not _PLAIN_NUMBER.match(s):
        return None  # 1e2, ١٠٠: no number a clerk types (Decimal would take them: review R115)
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


_NUMERAL_CHARS = frozenset("〇零一二两三四五六七八九十百点壹贰叁肆伍陆柒捌玖拾佰")


def chinese_numeral(v: object, units: tuple[str, ...] = ()) -> Decimal | None:
    """The number a text cell spells in Chinese numerals (九十五, 八十七点五, 玖拾伍), after
    any of ``units`` (九五 too, digit by digit); None for anything else (digits, words)."""
    if not isinstance(v, str):
        return None
    s = unicodedata.normalize("NFKC", v).strip().rstrip(NUMBER_TRAILING).rstrip()
    for unit in units:
        if s.endswith(unit):
            s = s[: -len(unit)].rstrip()
            break
    if not s or len(s) > 20 or not set(s) <= _NUMERAL_CHARS:
        return None
    import cn2an  # the error path only: 0.16 s to import

    try:
        n = cn2an.cn2an(s, "normal")
    except Exception:  # noqa: BLE001 - its parser raises KeyError too (五十零): then it is no numeral
        return None
    d = Decimal(str(n))
    return d if d.is_finite() else None


def cell_id(v: object, today: date) -> tuple[str, tuple[str, dict[str, Any]] | None]:
    """Clean a resident-ID cell; return ``(id_text, problem)`` where problem is ``(code, ctx)``.

    An ID that arrives as a number was rounded by Excel (15 significant digits) and is
    reported as such, never guessed back.
    """
    if isinstance(v, bool):
        text = cell_text(v) or ""
        return text, ("id-invalid-format", {})
    if isinstance(v, int | float):
        if math.isfinite(v) and v == int(v) and 0 < v < 10**15:
            # Up to 15 digits a number is kept exactly: an old 15-digit ID (or a short
            # number), told as such, not as rounded
            v = str(int(v))
        else:
            # As Excel shows it (141123198001011000), not the binary float's digits (...1008).
            shown = f"{Decimal(repr(v)):f}" if isinstance(v, float) and math.isfinite(v) else str(v)
            return shown, ("id-number-rounded", {"value": shown})
    if isinstance(v, datetime | date | time | timedelta):
        text = cell_text(v) or ""
        return text, ("id-invalid-format", {})
    s, problem = _text_id(str(v), today)
    # The context is the caller's to change: never hand out the cached dict itself.
    return s, (problem[0], dict(problem[1])) if problem is not None else None


@lru_cache(maxsize=8192)
def _text_id(v: str, today: date) -> tuple[str, tuple[str, dict[str, Any]] | None]:
    # Cached: an ID is met on the roster, again in the scores and often in honours, and
    # the check-digit and birth-date checks are the dearest per-cell work of a workbook.
    s = unicodedata.normalize("NFKC", v)
    s = undashed("".join(s.split()).translate(_NO_INVISIBLE).lstrip(TEXT_MARKS).upper())
    if _SCIENTIFIC.match(s):
        return s, ("id-number-rounded", {"value": s})
    if len(s) == 18 and s[-1] in _X_LIKE:  # ×, Greek Χ, Cyrillic Х: the X the clerk meant
        s = s[:-1] + "X"
    if len(s) == 18 and not s.isascii():
        # str.isdigit() accepts digits of other scripts that the check-digit code cannot use.
        return s, _bad_char(s)
    return s, check_id(s, today)


# What a clerk types for the final X when the keyboard is in another mode (after NFKC and upper()).
_X_LIKE = "\u00d7\u03a7\u0425\u2715\u2716\u2717"


def _bad_char(s: str) -> tuple[str, dict[str, Any]]:
    """id-bad-char for the first character of an 18-character ID that is no digit (no X at the
    end): its place and the character, which the masked value would hide (O for 0)."""
    for i, c in enumerate(s):
        if not (c.isascii() and c.isdigit()) and not (i == 17 and c == "X"):
            return "id-bad-char", {"pos": i + 1, "char": c}
    return "id-invalid-format", {}
