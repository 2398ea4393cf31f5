"""Publication dates as feeds, scrapers and archives write them.

`read_published` never raises: it returns the day (YYYY-MM-DD) when the value names one, the month or year
(`period`: "2025-06", "2025") when that is all it says, and otherwise a `problem` the caller reports as a
diagnostic while the article is coded without a publication date. Metadata never costs an article.

Read: ISO 8601 dates and timestamps (with or without time and zone), compact `YYYYMMDD`, `YYYY-MM` and `YYYY`,
RFC 2822 (`Sun, 17 Aug 2025 10:22:00 GMT`, RSS), numeric dates in the article's language order (`17/08/2025`,
`17.08.2025`; English `08/17/2025`), written-out dates in English, French, Spanish and German (`17 août 2025`,
`1er août 2025`, `August 17, 2025`, `17 de agosto de 2025`, `17. August 2025`; month names from
`data/calendar.tsv`), a month written out with its year (`août 2025`), and Unix timestamps (JSON numbers).
The day is the one written: a timestamp with a zone is not moved to UTC, because "today" and "yesterday" in
the text are the publisher's days.
"""

from __future__ import annotations

import email.utils
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources

from eventwire.data import read_tsv

# numeric dates where the day comes after the month when both could be either
MONTH_FIRST_LANGS = {"en"}
_YEARS = range(1900, 2101)


@dataclass(frozen=True)
class Published:
    day: str | None = None  # YYYY-MM-DD
    period: str | None = None  # "2025-06" or "2025" when only the month or year is known
    problem: str | None = None  # why (part of) the value could not be used; reported as a diagnostic


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).rstrip(".")


@cache
def _months() -> dict[str, dict[str, int]]:
    """lang -> folded month form -> month number; '*' holds the forms of every language."""
    table: dict[str, dict[str, int]] = {"*": {}}
    for row in read_tsv(resources.files("eventwire.sources") / "data" / "calendar.tsv"):
        for form in row["forms"].split("|"):
            table.setdefault(row["lang"], {})[_fold(form)] = int(row["month"])
            table["*"].setdefault(_fold(form), int(row["month"]))
    return table


def month_number(word: str, lang: str | None = None) -> int | None:
    """1..12 for a month name or abbreviation ("août", "Aug.", "ago"); the language's forms first."""
    return _month(word, lang)


def _month(word: str, lang: str | None) -> int | None:
    m = _months()
    key = _fold(word)
    return (m.get(lang or "", {}).get(key)) or m["*"].get(key)


def _day(y: int, m: int, d: int) -> Published:
    if y not in _YEARS:
        return Published(problem=f"year {y} is out of range")
    try:
        return Published(day=date(y, m, d).isoformat())
    except ValueError:
        return Published(problem=f"{y:04d}-{m:02d}-{d:02d} is not a calendar day")


def _year(y: str) -> int:
    n = int(y)
    return n + (2000 if n < 70 else 1900) if len(y) == 2 else n


_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ]\d)")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:$|T\d)")
_MONTH_ONLY = re.compile(r"(\d{4})[-/](\d{1,2})$")
_YEAR_ONLY = re.compile(r"(\d{4})$")
_NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:$|[ ,T])")
_WORD = r"([^\W\d_]{3,}\.?)"
_D_MONTH_Y = re.compile(r"(\d{1,2})(?:er|st|nd|rd|th|º|°|\.)?\s+(?:de\s+)?" + _WORD + r",?\s+(?:de\s+|del\s+)?(\d{4})")
_MONTH_D_Y = re.compile(_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTH_Y = re.compile(_WORD + r",?\s+(?:de\s+|del\s+)?(\d{4})")


def read_published(value: object, lang: str | None = None) -> Published:
    """Read a publication date (see the module's docstring); never raises."""
    if value is None or value == "":
        return Published()
    if isinstance(value, bool):
        return Published(problem=f"not a date: {value!r}")
    if isinstance(value, int | float):
        return _number(value)
    if not isinstance(value, str):
        return Published(problem=f"not a date: a JSON {type(value).__name__}")
    s = " ".join(value.split())
    shown = s if len(s) <= 60 else s[:57] + "..."
    if not s:
        return Published()
    if m := _ISO.match(s):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT.match(s):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH_ONLY.match(s):
        y, mo = int(m[1]), int(m[2])
        ok = y in _YEARS and 1 <= mo <= 12
        return Published(period=f"{y:04d}-{mo:02d}") if ok else Published(problem=f"not a month: {shown!r}")
    if m := _YEAR_ONLY.match(s):
        y = int(m[1])
        return Published(period=str(y)) if y in _YEARS else Published(problem=f"year out of range: {shown!r}")
    if m := _NUMERIC.match(s):
        return _numeric(int(m[1]), m[2], int(m[3]), _year(m[4]), lang)
    if any(c.isalpha() for c in s):
        rfc = email.utils.parsedate_tz(s)
        if rfc is not None and rfc[0] in _YEARS:
            return _day(rfc[0], rfc[1], rfc[2])
        for m in _D_MONTH_Y.finditer(s):
            mo = _month(m[2], lang)
            if mo:
                return _day(int(m[3]), mo, int(m[1]))
        for m in _MONTH_D_Y.finditer(s):
            mo = _month(m[1], lang)
            if mo:
                return _day(int(m[3]), mo, int(m[2]))
        for m in _MONTH_Y.finditer(s):
            mo = _month(m[1], lang)
            if mo and int(m[2]) in _YEARS:
                return Published(period=f"{int(m[2]):04d}-{mo:02d}")
    return Published(problem=f"unreadable publication date {shown!r}")


def _numeric(a: int, sep: str, b: int, y: int, lang: str | None) -> Published:
    """dd/mm/yyyy or mm/dd/yyyy: the one that is a date; the language's order when both are."""
    if sep == "." or a > 12:
        return _day(y, b, a)
    if b > 12:
        return _day(y, a, b)
    if lang in MONTH_FIRST_LANGS:
        return _day(y, a, b)
    return _day(y, b, a)


def _number(v: float) -> Published:
    n = int(v)
    if 19000101 <= n <= 21001231:
        return _day(n // 10000, n // 100 % 100, n % 100)
    if n > 10**11:  # milliseconds since 1970
        n //= 1000
    if 10**8 < n < 4 * 10**9:
        return Published(day=datetime.fromtimestamp(n, UTC).date().isoformat())
    return Published(problem=f"not a date: {v!r}")
