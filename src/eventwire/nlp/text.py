"""Offset-preserving text normalisation and paragraph/sentence segmentation.

Every replacement is one character for one character, so an offset into the normalised text is an offset
into the original: `original[start:end]` is always the evidence the analyst sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# typographic apostrophes break French tokens and entities ("Lavrov s’" tagged PER); exotic spaces confuse
# the tokenizer. All one-to-one.
_TABLE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u200a": " ",
    "\u2010": "-", "\u2011": "-",
    "\r": "\n",
})


def normalise(text: str) -> str:
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty paragraph; a single line break ends a paragraph."""
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


_FOLD_TABLE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "-": " "})


def fold(s: str | None) -> str:
    """Lower case, no accents, single spaces: the comparison key for names and surface forms."""
    import unicodedata

    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s.translate(_FOLD_TABLE))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


# A block is what one spaCy doc holds. Most articles fit in one; a longer text is coded block by block, so that
# memory stays bounded (the parser's memory grows with the length of a doc) and time grows linearly with the
# text, and spaCy's limit of 1,000,000 characters per doc never applies. Blocks end at a paragraph break, else
# after a sentence's final punctuation, else at a space; offsets stay relative to the whole text.
BLOCK_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?…»\"”)\]]\s+")


def blocks(text: str, size: int = BLOCK_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) spans covering `text` in order, each at most `size` characters long."""
    start, n = 0, len(text)
    while n - start > size:
        limit = start + size
        cut = text.rfind("\n", start + size // 2, limit)
        if cut < 0:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, start + size // 2, limit)]
            cut = ends[-1] if ends else text.rfind(" ", start + size // 2, limit)
        if cut <= start:
            cut = limit
        yield start, cut
        start = cut
    if start < n or n == 0:
        yield start, n
