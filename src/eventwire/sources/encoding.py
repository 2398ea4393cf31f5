"""Bytes to text, and text cleaned of what no reader can see.

`decode` tries, in order: a byte-order mark (UTF-8, UTF-16, UTF-32), UTF-16 without a mark (every other byte
NUL), strict UTF-8, then charset-normalizer's guess (Latin-1, Windows-1252, ...). Only what none of them reads
as text is refused as binary (E002). `clean` removes invisible format characters (zero-width spaces and
joiners, byte-order marks inside the text, bidirectional controls) and control characters, and turns the
other line separators into line breaks; the cleaned text is the article's text, so every offset the coder
gives refers to it.
"""

from __future__ import annotations

import re

from eventwire.errors import UndecodableInput

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# zero-width and bidirectional format characters, a BOM inside the text, soft hyphen: removed
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# line and paragraph separators, vertical tab, form feed, NEL: line breaks
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n"})
# other C0 and C1 control characters (tab, line feed and carriage return are kept)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_MAX_CONTROL_SHARE = 0.05
LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2", "cp1251", "koi8_r", "cp1253",
                    "iso8859_7", "cp1254", "iso8859_9", "cp1257", "mac_roman")


def decode(raw: bytes) -> tuple[str, str | None]:
    """(text, note): the note names the encoding when it was not UTF-8; UndecodableInput for binary data."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError as err:
                raise UndecodableInput(f"invalid {enc.upper()} after its byte-order mark (byte {err.start})") from None
            note = None if enc == "utf-8-sig" else f"decoded as {enc.upper()} (byte-order mark)"
            return text.lstrip("\ufeff"), note
    head = raw[:4096]
    note = None
    if b"\x00" in head:
        enc = _utf16_without_bom(head)
        if enc is not None:
            try:
                return raw.decode(enc), f"decoded as {enc.upper()} (no byte-order mark)"
            except UnicodeDecodeError:
                raise UndecodableInput("binary content (NUL bytes), not a text article") from None
        nuls = raw.count(b"\x00")
        if nuls > max(2, len(raw) // 100):
            raise UndecodableInput("binary content (NUL bytes), not a text article")
        raw = raw.replace(b"\x00", b"")  # a few stray NUL bytes in a text (a crawler's or a database's slip)
        note = f"{nuls} NUL byte(s) removed"
    try:
        return raw.decode("utf-8"), note
    except UnicodeDecodeError as err:
        where = err.start
    from charset_normalizer import from_bytes

    # the single-byte encodings of European and Cyrillic news sites, most likely first (charset-normalizer over
    # every code page picks UTF-16 or EBCDIC for a short Latin-1 text): the least chaotic reading wins
    def rank(m) -> int:  # the most likely of the encodings that give this same text
        return min(LEGACY_ENCODINGS.index(e) for e in m.could_be_from_charset if e in LEGACY_ENCODINGS)

    found = [m for m in from_bytes(raw, cp_isolation=list(LEGACY_ENCODINGS))
             if set(m.could_be_from_charset) & set(LEGACY_ENCODINGS)]
    best = min(found, key=lambda m: (round(m.chaos, 2), rank(m)), default=None)
    text = str(best) if best is not None else None
    if best is None or text is None or not _looks_like_text(text):
        raise UndecodableInput(f"not UTF-8 (byte {where}) and no other text encoding fits: binary content") from None
    return text, f"not UTF-8: decoded as {LEGACY_ENCODINGS[rank(best)]} (detected)"


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a mark: ASCII-range characters put a NUL in every other byte."""
    even, odd = head[0::2], head[1::2]
    n = min(len(even), len(odd))
    if n < 4:
        return None
    if odd.count(0) > 0.6 * n and even.count(0) < 0.1 * n:
        return "utf-16-le"
    if even.count(0) > 0.6 * n and odd.count(0) < 0.1 * n:
        return "utf-16-be"
    return None


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return True
    bad = sum(1 for c in sample if (c < " " and c not in "\t\n\r") or "\x7f" <= c <= "\x9f")
    return bad <= _MAX_CONTROL_SHARE * len(sample)


def clean(text: str) -> str:
    """The text without invisible format and control characters (see the module's docstring)."""
    text = _INVISIBLE.sub("", text.translate(_LINE_BREAKS))
    return _CONTROLS.sub("", text)


def check_text(text: str) -> None:
    """Refuse decoded text that is mostly control characters (a binary file that happened to decode)."""
    if not _looks_like_text(text):
        raise UndecodableInput("binary content (control characters), not a text article")
