"""Datelines and wire credits at the head of an article: "PARIS, 15 avril (Reuters) -", "MOSCOW, Aug 16 (AP) —",
"Madrid, 16 ago (EFE).-", "Berlin (dpa) -", "KYIV, Ukraine (AP) —", "NEW DELHI —".

The dateline's day (when it gives one) dates the events the article reports as its news and dates nowhere
else; its place and its agency are where and by whom the article was filed, not participants of its events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from eventwire.sources.published import month_number

# place (one or more capitalised words, "/" between places), then optionally ", <date or region>", then
# optionally "(<agency>)", then a dash ("-", "–", "—", ".-")
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÀ-ÖØ-Þ][\w'’.\- ]{0,40}?(?:/[A-ZÀ-ÖØ-Þ][\w'’.\- ]{0,40}?)*)"
    r"(?:,\s*(?P<when>[^()\n–—]{1,32}?))?\s*(?:\((?P<agency>[^()\n]{1,30})\))?\s*(?:\.?-|–|—)+\s")
_DAY_MONTH = re.compile(r"^(?:le\s+)?(\d{1,2})\.?(?:er)?\s+(?:de\s+)?([^\W\d_]{3,}\.?)(?:\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([^\W\d_]{3,}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")


@dataclass(frozen=True)
class Dateline:
    end: int  # characters of the body the dateline covers
    place: str
    day: str | None  # YYYY-MM-DD when the dateline gives a day
    agency: str | None


def find_dateline(text: str, lang: str | None, published: str | None,
                  determiners: frozenset[str] | set[str] = frozenset(),
                  particles: frozenset[str] | set[str] = frozenset()) -> Dateline | None:
    """The dateline opening `text`, if any (`determiners`: words that start a sentence, never a place;
    `particles`: lower-case words a place's name may hold, "de" in "Ciudad de México")."""
    m = _DATELINE.match(text[:160])
    if not m:
        return None
    place = m["place"].strip()
    words = place.replace("/", " ").split()
    # capitalised words, with short particles inside ("Ciudad de México", "Rio de Janeiro")
    if not words or len(words) > 6 or not words[0][:1].isupper() or not words[-1][:1].isupper() or not all(
            w[:1].isupper() or w in particles for w in words if w[:1].isalpha()):
        return None
    day = _day(m["when"], lang, published) if m["when"] else None
    if m["when"] and day is None and not m["when"].strip()[:1].isupper():
        return None  # "Lavrov, who ... -": a sentence, not a dateline
    dash = text[m.start("place") + len(m["place"]):m.end()].strip().lstrip(",").strip()
    after = text[m.end():m.end() + 1]
    bare = dash[:1] in "–—" and len(words) <= 3 and after.isupper() and words[0].lower() not in determiners
    # ".-" closes a dateline in Spanish wire copy ("Ciudad de México.-"), never a sentence
    efe = dash.startswith(".-")
    if not (m["agency"] or day or place.isupper() or "/" in place or bare or efe):
        return None  # "Kiev - ..." in running text: only a known shape counts ("Berlin – Mexikos ...": an en dash)
    return Dateline(m.end(), place, day, m["agency"].strip() if m["agency"] else None)


def _day(when: str, lang: str | None, published: str | None) -> str | None:
    when = when.strip()
    m = _DAY_MONTH.match(when)
    d_s, mon_s, y_s = (m[1], m[2], m[3]) if m else (None, None, None)
    if not m:
        m = _MONTH_DAY.match(when)
        if not m:
            return None
        mon_s, d_s, y_s = m[1], m[2], m[3]
    month = month_number(mon_s, lang)
    if not month:
        return None
    pub = date.fromisoformat(published) if published else None
    year = int(y_s) if y_s else (pub.year if pub else None)
    if year is None:
        return None
    try:
        value = date(year, month, int(d_s))
    except ValueError:
        return None
    if not y_s and pub and value > pub:
        value = date(year - 1, month, int(d_s))
    return value.isoformat()
