"""RSS and Atom feed files: each item becomes an article (its date becomes the publication date).

Feeds are untrusted XML. Before feedparser sees a byte, the document is refused (E008) when it declares
entities (billion-laughs bombs, external entities) or a DTD pointing outside; defusedxml then parses it with
entities and external references forbidden, so nothing is expanded or fetched.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser

from eventwire.errors import EmptyText, EventwireError, MalformedJSON, UnsafeInput
from eventwire.model import Article

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_EXTERNAL_DTD = re.compile(rb"<!DOCTYPE[^>\[]*\b(SYSTEM|PUBLIC)\b", re.IGNORECASE)


class MalformedFeed(MalformedJSON):
    """A feed that is not well-formed XML (same code family as malformed structured input)."""

    code = "E009"


def check_safe(raw: bytes) -> None:
    if _ENTITY_DECL.search(raw):
        raise UnsafeInput("the feed declares XML entities (entity expansion / external entities refused)")
    if _EXTERNAL_DTD.search(raw):
        raise UnsafeInput("the feed references an external DTD (refused)")
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise UnsafeInput(f"unsafe XML refused: {e}") from None
    except ParseError as e:
        raise MalformedFeed(f"the feed is not well-formed XML: {e}") from None


class _Text(HTMLParser):
    BLOCK = {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(" ".join(data.split("\n")))  # a raw line break is white space in HTML


def html_to_text(fragment: str) -> str:
    p = _Text()
    p.feed(fragment)
    p.close()
    lines = [" ".join(line.split()) for line in "".join(p.parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _date(entry) -> str | None:
    """The item's date as the feed writes it (the reader turns it into a day in the publisher's own zone);
    feedparser's parsed form, in UTC, only when the raw one is missing."""
    for key in ("published", "updated", "created", "dc_date"):
        if isinstance(entry.get(key), str) and entry[key].strip():
            return entry[key]
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        st = entry.get(key)
        if st:
            return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(st)))
    return None


def read_feed(raw: bytes, shown: str, lang: str | None = None) -> Iterator[Article | EventwireError]:
    import feedparser

    check_safe(raw)
    parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    feed = parsed.get("feed") or {}
    outlet = feed.get("title")
    feed_lang = (feed.get("language") or "").split("-")[0].lower() or None
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not feed:
            raise MalformedFeed(f"not a readable feed: {parsed.get('bozo_exception')}")
        raise EmptyText("the feed has no items")
    for n, entry in enumerate(entries, 1):
        where = f"{shown}#{n}"
        content = entry.get("content") or []
        body = content[0].get("value") if content else entry.get("summary") or entry.get("description") or ""
        text = html_to_text(body or "")
        title = html_to_text(entry.get("title") or "") or None
        if not text.strip():
            yield EmptyText("the feed item has no text", source=where)
            continue
        ident = entry.get("id") or entry.get("link")
        item_lang = (entry.get("language") or "").split("-")[0].lower() or None
        yield Article(id=str(ident or Article.stable_id(title, text)), text=text, title=title,
                      published=_date(entry), url=entry.get("link"), outlet=outlet, path=where,
                      lang=lang or item_lang or feed_lang)
