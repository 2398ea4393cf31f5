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
