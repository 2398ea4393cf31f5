"""Read every supported input into Article objects, or a coded error for that one input.

`read_inputs` yields, in input order, either an Article or an EventwireError; it never raises for a bad
input, so a batch goes on past it and the caller records the reason.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventwire.errors import (
    EmptyText,
    EventwireError,
    InputNotFound,
    InputTooLarge,
    InvalidField,
    MalformedJSON,
    UndecodableInput,
    UnsupportedInput,
)
from eventwire.model import Article
from eventwire.sources.langdetect import detect

SUFFIXES = {".json", ".jsonl", ".ndjson", ".txt", ".text", ".html", ".htm", ".rss", ".atom", ".xml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ReadOptions:
    lang: str | None = None
    published: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Article | EventwireError]:
    opts = options or ReadOptions()
    for given in paths:
        if given == "-":
            yield from _guard("-", lambda: _read_stdin(opts))
            continue
        p = Path(given)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            for f in files:
                shown = os.path.join(given, str(f.relative_to(p)))
                yield from _guard(shown, lambda f=f, shown=shown: _read_file(f, shown, opts))
        else:
            yield from _guard(given, lambda p=p, given=given: _read_file(p, given, opts))


def _guard(source: str, produce) -> Iterator[Article | EventwireError]:
    try:
        for item in produce():
            if isinstance(item, EventwireError) and item.source is None:
                item.source = source
            yield item
    except EventwireError as err:
        if err.source is None:
            err.source = source
        yield err
    except OSError as err:
        yield InputNotFound(f"cannot read: {err.strerror or err}", source=source)


def _read_bytes(path: Path, opts: ReadOptions) -> bytes:
    if not path.exists():
        raise InputNotFound("no such file or directory")
    size = path.stat().st_size
    if size > opts.max_bytes:
        raise InputTooLarge(f"{size} bytes is over the limit of {opts.max_bytes} bytes")
    return path.read_bytes()


def _decode(raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise UndecodableInput("binary content (NUL bytes), not a text article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UndecodableInput(f"not valid UTF-8 (byte {err.start}: {raw[err.start:err.start + 1]!r})") from None


def _read_file(path: Path, shown: str, opts: ReadOptions) -> Iterator[Article | EventwireError]:
    raw = _read_bytes(path, opts)
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        from eventwire.sources.feeds import read_feed

        if b"\x00" in raw[:8192]:
            raise UndecodableInput("binary content (NUL bytes), not a feed")
        for item in read_feed(raw, shown, opts.lang):
            yield item if isinstance(item, EventwireError) else _with_language(item)
        return
    if suffix in (".html", ".htm"):
        yield _from_html(_decode(raw), shown, opts)
        return
    text = _decode(raw)
    if suffix in (".jsonl", ".ndjson"):
        yield from _from_jsonl(text, shown, opts)
    elif suffix == ".json":
        yield from _from_json_text(text, shown, opts)
    elif suffix in (".txt", ".text", ""):
        yield _from_plain(text, shown, opts)
    else:
        raise UnsupportedInput(f"unsupported file type '{suffix}' (use .json, .jsonl, .txt, .html, .rss, .atom, .xml)")


def _read_stdin(opts: ReadOptions) -> Iterator[Article | EventwireError]:
    raw = sys.stdin.buffer.read(opts.max_bytes + 1)
    if len(raw) > opts.max_bytes:
        raise InputTooLarge(f"standard input is over the limit of {opts.max_bytes} bytes")
    text = _decode(raw)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines):
            yield from _from_jsonl(text, "-", opts)
        else:
            yield from _from_json_text(text, "-", opts)
    elif stripped.startswith(("<?xml", "<rss", "<feed", "<rdf:RDF")):
        from eventwire.sources.feeds import read_feed

        for item in read_feed(raw, "-", opts.lang):
            yield item if isinstance(item, EventwireError) else _with_language(item)
    elif stripped.startswith("<"):
        yield _from_html(text, "-", opts)
    else:
        yield _from_plain(text, "-", opts)


def _from_json_text(text: str, shown: str, opts: ReadOptions) -> Iterator[Article]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        raise MalformedJSON(f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
    items = obj if isinstance(obj, list) else [obj]
    for n, item in enumerate(items):
        yield article_from_mapping(item, shown if len(items) == 1 else f"{shown}#{n + 1}", opts)


def _from_jsonl(text: str, shown: str, opts: ReadOptions) -> Iterator[Article | EventwireError]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{shown}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield MalformedJSON(f"invalid JSON on line {n}: {err.msg}", source=where)
            continue
        try:
            yield article_from_mapping(obj, shown, opts, where=where)
        except EventwireError as err:
            err.source = where
            yield err


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_published(value: object, where: str = "published") -> str | None:
    """YYYY-MM-DD from 'YYYY-MM-DD' or an ISO timestamp; None for empty; a coded error otherwise."""
    if value in (None, ""):
        return None
    m = _DATE.match(str(value).strip())
    if not m:
        raise InvalidField(f"'{where}' is not a date (YYYY-MM-DD): {value!r}")
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        raise InvalidField(f"'{where}' is not a valid date: {value!r}") from None


def article_from_mapping(obj: object, shown: str, opts: ReadOptions, where: str | None = None) -> Article:
    if not isinstance(obj, dict):
        raise MalformedJSON(f"expected a JSON object with a 'text' field, got {type(obj).__name__}")
    text = obj.get("text") or obj.get("body") or ""
    if not isinstance(text, str):
        raise InvalidField("'text' must be a string")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        raise InvalidField("'title' must be a string")
    if not text.strip() and not (title or "").strip():
        raise EmptyText("the article has no text")
    published = parse_published(obj.get("published", opts.published))
    art = Article(
        id=str(obj.get("id") or Article.stable_id(title, text)),
        text=text, title=title, published=published,
        url=obj.get("url"), outlet=obj.get("outlet"), path=shown,
        lang=(obj.get("lang") or opts.lang or None),
    )
    return _with_language(art)


def _from_plain(text: str, shown: str, opts: ReadOptions) -> Article:
    if not text.strip():
        raise EmptyText("the file has no text")
    title = None
    lines = text.split("\n")
    # first line is the title when a blank line follows it
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip():
        title = lines[0].strip()
        body = "\n".join(lines[2:]).strip("\n")
    else:
        body = text.strip("\n")
    art = Article(id=Article.stable_id(title, body), text=body, title=title,
                  published=parse_published(opts.published), path=shown, lang=opts.lang)
    return _with_language(art)


def _from_html(html: str, shown: str, opts: ReadOptions) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True)
    if doc is None:
        raise EmptyText("no main text found in the HTML page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        raise EmptyText("no main text found in the HTML page")
    published = opts.published or data.get("date")
    art = Article(
        id=Article.stable_id(data.get("title"), text), text=text, title=data.get("title"),
        published=parse_published(published), url=data.get("url"), outlet=data.get("sitename"),
        path=shown, lang=opts.lang or data.get("language") or None,
    )
    return _with_language(art)


def _with_language(art: Article) -> Article:
    if not art.lang:
        art.lang, _ = detect((art.title or "") + "\n" + art.text)
        art.lang_detected = True
    art.lang = art.lang.lower()[:2] if art.lang != "und" else "und"
    return art
