"""Read every supported input into Article objects, or a coded error for that one input.

`read_inputs` yields, in input order, either an Article or an EventwireError; it never raises for a bad
input, so a batch goes on past it and the caller records the reason.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import (
    EmptyText,
    EventwireError,
    InputNotFound,
    InputTooLarge,
    InternalError,
    InvalidField,
    MalformedJSON,
    UndecodableInput,
    UnsupportedInput,
    UnsupportedLanguage,
)
from eventwire.model import Article
from eventwire.sources.encoding import check_text, clean, decode
from eventwire.sources.langdetect import detect, normalise_lang
from eventwire.sources.published import read_published

SUFFIXES = {".json", ".jsonl", ".ndjson", ".txt", ".text", ".html", ".htm", ".rss", ".atom", ".xml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ReadOptions:
    lang: str | None = None
    published: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    # languages that have a pipeline: detection picks among them, any other is refused (E010); None: any
    languages: frozenset[str] | None = None


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
    except RecursionError:
        yield MalformedJSON("the input is nested too deeply to read", source=source)
    except Exception as err:  # noqa: BLE001 - a reader bug must cost this input only, and say so
        yield InternalError(f"unexpected {type(err).__name__} while reading: {err}", source=source)


def _read_bytes(path: Path, opts: ReadOptions) -> bytes:
    if not path.exists():
        raise InputNotFound("no such file or directory")
    size = path.stat().st_size
    if size > opts.max_bytes:
        raise InputTooLarge(f"{size} bytes is over the limit of {opts.max_bytes} bytes")
    return path.read_bytes()


def _decode(raw: bytes, notes: list[str]) -> str:
    """Decoded and cleaned text (see encoding.py); a note says which encoding when it was not UTF-8."""
    text, note = decode(raw)
    if note:
        notes.append(note)
    check_text(text)
    return text


def _read_file(path: Path, shown: str, opts: ReadOptions) -> Iterator[Article | EventwireError]:
    raw = _read_bytes(path, opts)
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        yield from _from_feed(raw, shown, opts)
        return
    if suffix not in SUFFIXES and suffix != "":
        raise UnsupportedInput(f"unsupported file type '{suffix}' (use {', '.join(sorted(SUFFIXES))})")
    notes: list[str] = []
    text = _decode(raw, notes)
    if suffix in (".html", ".htm"):
        yield _from_html(text, shown, opts, notes)
    elif suffix in (".jsonl", ".ndjson"):
        yield from _from_jsonl(text, shown, opts, notes)
    elif suffix == ".json":
        yield from _from_json_text(text, shown, opts, notes)
    else:
        yield _from_plain(text, shown, opts, notes)


def _from_feed(raw: bytes, shown: str, opts: ReadOptions) -> Iterator[Article | EventwireError]:
    from eventwire.sources.feeds import read_feed

    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UndecodableInput("binary content (NUL bytes), not a feed")
    for item in read_feed(raw, shown, opts.lang):
        if isinstance(item, EventwireError):
            yield item
            continue
        try:
            raw_date, item.published = item.published, None
            yield _finish(item, opts, item.notes, raw_date)
        except EventwireError as err:
            err.source = err.source or item.path
            yield err


def _read_stdin(opts: ReadOptions) -> Iterator[Article | EventwireError]:
    raw = sys.stdin.buffer.read(opts.max_bytes + 1)
    if len(raw) > opts.max_bytes:
        raise InputTooLarge(f"standard input is over the limit of {opts.max_bytes} bytes")
    notes: list[str] = []
    text = _decode(raw, notes)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines):
            yield from _from_jsonl(text, "-", opts, notes)
        else:
            yield from _from_json_text(text, "-", opts, notes)
    elif stripped.startswith(("<?xml", "<rss", "<feed", "<rdf:RDF")):
        yield from _from_feed(raw, "-", opts)
    elif stripped.startswith("<"):
        yield _from_html(text, "-", opts, notes)
    else:
        yield _from_plain(text, "-", opts, notes)


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise MalformedJSON(f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}") from None
    except RecursionError:
        raise MalformedJSON("invalid JSON: nested too deeply") from None


def _from_json_text(text: str, shown: str, opts: ReadOptions, notes: list[str]) -> Iterator[Article | EventwireError]:
    obj = _loads(text)
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        raise EmptyText("the JSON list holds no article")
    for n, item in enumerate(items):
        where = shown if len(items) == 1 else f"{shown}#{n + 1}"
        try:
            yield article_from_mapping(item, where, opts, notes=list(notes))
        except EventwireError as err:
            err.source = where
            yield err


def _from_jsonl(text: str, shown: str, opts: ReadOptions, notes: list[str]) -> Iterator[Article | EventwireError]:
    found = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        found = True
        where = f"{shown}:{n}"
        try:
            yield article_from_mapping(_loads(line), where, opts, notes=list(notes))
        except EventwireError as err:
            err.source = where
            yield err
    if not found:
        raise EmptyText("the file has no lines")


def parse_published(value: object, where: str = "published") -> str | None:
    """YYYY-MM-DD from any form `read_published` reads (a whole day); None for empty; a coded error otherwise.
    For command-line options (--published, --since, --until, --date), where a wrong value is a usage error."""
    got = read_published(value)
    if got.problem or (value not in (None, "") and got.day is None):
        raise InvalidField(f"'{where}' is not a date (YYYY-MM-DD): {value!r}")
    return got.day


def _string(obj: dict, key: str, notes: list[str]) -> str | None:
    """A metadata field as a string; a number becomes its text, anything else is left out with a note."""
    v = obj.get(key)
    if v is None or isinstance(v, str):
        return v or None
    if isinstance(v, int | float) and not isinstance(v, bool):
        return str(v)
    notes.append(f"field '{key}' is a JSON {type(v).__name__}, not a string: ignored")
    return None


def article_from_mapping(obj: object, shown: str, opts: ReadOptions, notes: list[str] | None = None) -> Article:
    """An article from one JSON object; `shown` (the file, 'file#n' in a list, 'file:line' in JSON Lines) is its
    path, which errors and stored articles name."""
    notes = notes if notes is not None else []
    if not isinstance(obj, dict):
        raise MalformedJSON(f"expected a JSON object with a 'text' field, got a JSON {type(obj).__name__}")
    text = obj.get("text") if obj.get("text") is not None else obj.get("body")
    if isinstance(text, list) and all(isinstance(p, str) for p in text):
        notes.append("field 'text' is a list of paragraphs: joined with line breaks")
        text = "\n".join(text)
    if text is not None and not isinstance(text, str):
        raise InvalidField(f"'text' must be a string, not a JSON {type(text).__name__}")
    text = clean(text or "")
    title = _string(obj, "title", notes)
    title = clean(title) if title else None
    if not text.strip() and not (title or "").strip():
        raise EmptyText("the article has no text")
    if not text.strip():
        notes.append("the article has a title and no body: only the title is coded")
    lang = next((v for v in (obj.get("lang"), obj.get("language")) if isinstance(v, str) and v.strip()), None)
    for key in ("lang", "language"):
        if obj.get(key) is not None and not isinstance(obj.get(key), str):
            notes.append(f"field '{key}' is a JSON {type(obj[key]).__name__}, not a language code: ignored")
    art = Article(
        id=_string(obj, "id", notes) or Article.stable_id(title, text),
        text=text, title=title, url=_string(obj, "url", notes), outlet=_string(obj, "outlet", notes),
        path=shown, lang=lang or opts.lang or None,
    )
    published = obj.get("published", obj.get("date"))
    return _finish(art, opts, notes, published if published not in (None, "") else opts.published)


def _from_plain(text: str, shown: str, opts: ReadOptions, notes: list[str]) -> Article:
    text = clean(text)
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
    art = Article(id=Article.stable_id(title, body), text=body, title=title, path=shown, lang=opts.lang)
    return _finish(art, opts, notes, opts.published)


def _from_html(html: str, shown: str, opts: ReadOptions, notes: list[str]) -> Article:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True)
    except RecursionError:
        raise MalformedJSON("the HTML page is nested too deeply to read") from None
    if doc is None:
        raise EmptyText("no main text found in the HTML page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = clean(data.get("text") or "")
    if not text.strip():
        raise EmptyText("no main text found in the HTML page")
    art = Article(
        id=Article.stable_id(data.get("title"), text), text=text, title=data.get("title"),
        url=data.get("url"), outlet=data.get("sitename"), path=shown, lang=opts.lang or data.get("language") or None,
    )
    return _finish(art, opts, notes, opts.published or data.get("date"))


def _finish(art: Article, opts: ReadOptions, notes: list[str], published: object = None) -> Article:
    """Language (given, else detected; only one with a pipeline when the caller names them), then the
    publication date read in that language's conventions; what could not be read becomes a note."""
    art.notes = notes
    if not any(c.isalpha() for c in (art.title or "") + art.text):
        raise EmptyText("the text has no words (only numbers, punctuation or symbols)")
    if art.lang:
        art.lang = normalise_lang(art.lang)
    else:
        found = detect((art.title or "") + "\n" + art.text, opts.languages)
        art.lang, art.lang_detected = found.lang, True
        if found.note:
            notes.append(found.note)
    if opts.languages is not None and art.lang not in opts.languages:
        supported = ", ".join(sorted(opts.languages))
        if art.lang == "und":
            raise UnsupportedLanguage(f"no language could be detected (too few letters); supported: {supported}")
        how = "detected" if art.lang_detected else "given"
        raise UnsupportedLanguage(f"language '{art.lang}' ({how}) has no pipeline; supported: {supported}")
    if published not in (None, ""):
        got = read_published(published, art.lang)
        art.published, art.published_period = got.day, got.period
        if got.problem:
            notes.append(f"publication date not used: {got.problem}")
        elif got.period:
            notes.append(f"publication date known only to the {'month' if '-' in got.period else 'year'} "
                         f"({got.period}): weekdays and relative dates are not resolved")
    return art
