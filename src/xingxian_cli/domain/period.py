"""Assessment periods (quarters) and calendar-month window arithmetic."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

_QUARTER_RE = re.compile(r"^\s*(\d{4})\s*(?:年度?|[-_ .])?\s*[Qq]\s*([1-4])\s*$")
_CN_QUARTER_RE = re.compile(r"^\s*(\d{4})\s*(?:年度?|[-_ .])?\s*第?\s*([1-4一二三四])\s*季度?\s*$")
# A quarter written as its months: 2022年7-9月, 2022年7月—9月, 2022.7~9.
_MONTHS_RE = re.compile(r"^\s*(\d{4})\s*[年.\-/]?\s*(\d{1,2})\s*月?\s*[-—–~～至到]\s*(\d{1,2})\s*月?(?:份)?\s*$")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter such as 2022Q3."""

    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Return the quarter written as ``2022Q3``, ``2022-Q3``, ``2022.Q3``, ``2022年第3季度``,
        ``2022年度第三季度`` or by its months, ``2022年7-9月``.

        Raises ``ValueError`` for anything else.
        """
        s = unicodedata.normalize("NFKC", str(text)).strip()  # ２０２２Ｑ３ from a Chinese input method
        months = _MONTHS_RE.match(s)
        if months:
            first, last = int(months.group(2)), int(months.group(3))
            if first % 3 != 1 or first > 10 or last != first + 2:  # (review R111: 13-15月 was a "Q5")
                raise ValueError(f"not a quarter's months: {text!r}")
            year, q = int(months.group(1)), (first + 2) // 3
        else:
            m = _QUARTER_RE.match(s) or _CN_QUARTER_RE.match(s)
            if not m:
                raise ValueError(f"not a quarter: {text!r}")
            year = int(m.group(1))
            qs = m.group(2)
            q = _CN_DIGITS[qs] if qs in _CN_DIGITS else int(qs)
        if not 1900 <= year <= 2200:
            raise ValueError(f"year out of range: {text!r}")
        return cls(year, q)

    @classmethod
    def of(cls, day: date) -> Quarter:
        """The quarter ``day`` falls in."""
        return cls(day.year, (day.month + 2) // 3)

    def __post_init__(self) -> None:
        if not 1 <= self.q <= 4:
            raise ValueError(f"no quarter {self.q}")

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> date:
        month = 3 * self.q
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)


def add_months(d: date, months: int) -> date:
    """Return ``d`` shifted by calendar months, clamping the day to the month's length."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def window_start(period_end: date, months: int) -> date:
    """The last day before a window of ``months`` calendar months ending on ``period_end``:
    a day after it counts. A window ending on a month's last day (a quarter's) is whole
    months: 18 months to 2022-09-30 are April 2021 to September 2022, after 2021-03-31 (not
    after 2021-03-30, as shifting the 30th back would give: R99)."""
    shifted = add_months(period_end, -months)
    if period_end.day == calendar.monthrange(period_end.year, period_end.month)[1]:
        return shifted.replace(day=calendar.monthrange(shifted.year, shifted.month)[1])
    return shifted


def in_window(d: date, period_end: date, months: int) -> bool:
    """True when ``window_start(period_end, months) < d <= period_end`` (calendar months)."""
    return window_start(period_end, months) < d <= period_end


def full_years(start: date, end: date) -> int:
    """Whole anniversaries of ``start`` reached on or before ``end`` (0 if ``start > end``).

    A 29 February start reaches its anniversary on 28 February in common years.
    """
    if start > end:
        return 0
    years = end.year - start.year
    if add_months(start, 12 * years) > end:
        years -= 1
    return years
