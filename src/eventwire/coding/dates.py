"""Event dates from the words of the text and the publication date; never a guess.

Weekday names resolve by our own rule (the most recent such day on or before publication; with 'prochain'
/'next', the next one), relative words by the lexicon's offsets, explicit dates by dateparser restricted to
the article's language. Without a publication date, relative expressions stay unresolved and say why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from eventwire.coding.lexicon import Lexicon


@dataclass
class DateExpr:
    start: int  # character offset in the analysed text
    end: int
    text: str
    value: str | None  # YYYY-MM-DD
    problem: str | None = None
    next_day: bool = False  # "le lendemain": one day after the previous event
    period: str | None = None  # "en 2014" -> "2014", "in March 2022" -> "2022-03": known only to the year/month


@cache
def _patterns(lex: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    d = lex.dates
    if not d:
        return []
    months = "|".join(sorted((re.escape(m) for m in d.get("months", [])), key=len, reverse=True))
    days = "|".join(re.escape(w) for w in d.get("weekdays", []))
    rel = "|".join(sorted((re.escape(w) for w in d.get("relative", {})), key=len, reverse=True))
    nxt = "|".join(re.escape(w) for w in d.get("next_words", []) + d.get("last_words", []))
    # "Donnerstagabend": a weekday written as one word with the part of the day (the lexicon's weekday_suffixes)
    sfx = "|".join(re.escape(w) for w in d.get("weekday_suffixes", [])) or "(?!)"
    sfx_day = "|".join(re.escape(w) for w in d.get("day_suffixes", [])) or "(?!)"
    links = "|".join(re.escape(w) for w in d.get("date_links", [])) or "(?!)"
    pats = [
        ("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        # "12 mars 2025", "1er juin", "12 de marzo de 2025", "12. März 2025" (the lexicon's day_suffixes and
        # date_links: what may stand between the day, the month and the year)
        ("dmy", rf"\b(\d{{1,2}})(?:{sfx_day})?\s+(?:(?:{links})\s+)?({months})"
                rf"(?:,?\s+(?:(?:{links})\s+)?(\d{{4}}))?\b"),
        ("mdy", rf"\b({months})\s+(\d{{1,2}})(?:{sfx_day})?(?:,?\s+(\d{{4}}))?\b"),
        # "dans la nuit de vendredi à samedi", "the night of Friday to Saturday": a night is dated by the day it
        # ends on (the lexicon's `overnight` patterns, {days} standing for the weekday names)
        *(("overnight", p.replace("{days}", f"(?:{days})").replace("{day}", f"(?P<day>{days})"))
          for p in d.get("overnight", [])),
        ("weekday", rf"\b({days})(?:{sfx})?(?:\s+({nxt}))?\b"),
        # a month and a year without a day ("mars 2022", "marzo de 2022", "im März 2022")
        ("month_year", rf"\b({months})\s+(?:(?:{links})\s+)?(\d{{4}})\b"),
    ]
    year_preps = "|".join(sorted((re.escape(w) for w in d.get("year_preps", [])), key=len, reverse=True))
    if year_preps:  # a year after a preposition ("en 2014", "in 2014", "im Jahr 2014"): a historical recap
        pats.append(("year", rf"\b(?:{year_preps})\s+((?:19|20)\d\d)\b(?![.,]?\d)"))
    if rel:
        pats.append(("relative", rf"(?<![\w-])({rel})(?![\w-])"))
    for ago in d.get("ago", []):
        pats.append(("ago", ago))
    for w in d.get("next_day", []):
        pats.append(("next_day", rf"\b{re.escape(w)}\b"))
    return [(k, re.compile(p, re.IGNORECASE)) for k, p in pats]


def find_dates(text: str, lex: Lexicon, published: str | None) -> list[DateExpr]:
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    pub = date.fromisoformat(published) if published else None
    for kind, pat in _patterns(lex):
        for m in pat.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            expr = _resolve(kind, m, lex, pub)
            if expr is not None:
                found.append(expr)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda x: x.start)


def _resolve(kind: str, m: re.Match[str], lex: Lexicon, pub: date | None) -> DateExpr | None:
    text = m.group(0)
    d = lex.dates
    need_pub = f"'{text}' cannot be resolved without a publication date"
    if kind == "iso":
        try:
            return DateExpr(m.start(), m.end(), text, date(int(m[1]), int(m[2]), int(m[3])).isoformat())
        except ValueError:
            return None
    if kind in ("dmy", "mdy"):
        months = [x.lower() for x in d["months"]]
        day_s, month_s, year_s = (m[1], m[2], m[3]) if kind == "dmy" else (m[2], m[1], m[3])
        month = months.index(month_s.lower()) + 1
        if kind == "mdy" and not year_s and m[1] in d.get("month_homographs", ()):  # the modal "may 3"
            return None
        try:
            if year_s:
                return DateExpr(m.start(), m.end(), text, date(int(year_s), month, int(day_s)).isoformat())
            if pub is None:
                return DateExpr(m.start(), m.end(), text, None, f"'{text}' has no year and no publication date")
            value = date(pub.year, month, int(day_s))
            if value > pub + timedelta(days=182):
                value = date(pub.year - 1, month, int(day_s))  # "le 28 décembre" in an article of 3 January
            elif value > pub + timedelta(days=7):
                # "les droits de douane entreront en vigueur le 1er août": a date to come dates no act reported
                return None
            return DateExpr(m.start(), m.end(), text, value.isoformat())
        except ValueError:
            return None
    if kind == "weekday":
        if pub is None:
            return DateExpr(m.start(), m.end(), text, None, need_pub)
        wd = [x.lower() for x in d["weekdays"]].index(m[1].lower())
        if m[2] and m[2].lower() in [x.lower() for x in d.get("next_words", [])]:
            delta = (wd - pub.weekday()) % 7 or 7
            return DateExpr(m.start(), m.end(), text, (pub + timedelta(days=delta)).isoformat())
        back = (pub.weekday() - wd) % 7
        if m[2] and back == 0:  # "lundi dernier" on a Monday: a week ago
            back = 7
        return DateExpr(m.start(), m.end(), text, (pub - timedelta(days=back)).isoformat())
    if kind == "overnight":
        if pub is None:
            return DateExpr(m.start(), m.end(), text, None, need_pub)
        wd = [x.lower() for x in d["weekdays"]].index(m["day"].lower())
        return DateExpr(m.start(), m.end(), text, (pub - timedelta(days=(pub.weekday() - wd) % 7)).isoformat())
    if kind == "relative":
        offsets = {k.lower(): v for k, v in d["relative"].items()}
        if pub is None:
            return DateExpr(m.start(), m.end(), text, None, need_pub)
        return DateExpr(m.start(), m.end(), text, (pub + timedelta(days=offsets[text.lower()])).isoformat())
    if kind == "ago":
        if pub is None:
            return DateExpr(m.start(), m.end(), text, None, need_pub)
        n_s = m.group(1).lower()
        n = int(n_s) if n_s.isdigit() else int(d.get("numbers", {}).get(n_s, 0))
        if n <= 0:
            return None
        return DateExpr(m.start(), m.end(), text, (pub - timedelta(days=n)).isoformat())
    if kind == "next_day":
        return DateExpr(m.start(), m.end(), text, None, next_day=True)
    if kind == "month_year":
        month = [x.lower() for x in d["months"]].index(m[1].lower()) + 1
        return DateExpr(m.start(), m.end(), text, None, period=f"{int(m[2]):04d}-{month:02d}")
    if kind == "year":
        return DateExpr(m.start(), m.end(), text, None, period=m[1])
    return None
