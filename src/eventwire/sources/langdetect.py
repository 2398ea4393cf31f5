"""Offline language detection (py3langid ships its model inside the package; nothing is downloaded).

Only languages with a pipeline come out when the caller says which those are: a text detected as a close
variant of one (data/languages.tsv) is read as it, a short text the detector is unsure of takes the supported
language it ranks first, and a text confidently in another language keeps that language (the reader then
refuses it with E010).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources

from eventwire.data import read_tsv

CONFIDENT = 0.8  # a detected language this likely is believed even when it has no pipeline


@dataclass(frozen=True)
class Detection:
    lang: str  # ISO 639-1 code (or the detector's own label), 'und' when there is nothing to judge
    prob: float
    note: str | None = None


@cache
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


@cache
def _table() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(alias -> code, detector variant -> code, code -> script)"""
    aliases: dict[str, str] = {}
    variants: dict[str, str] = {}
    scripts: dict[str, str] = {}
    for row in read_tsv(resources.files("eventwire.sources") / "data" / "languages.tsv"):
        aliases[row["code"]] = row["code"]
        for a in filter(None, row["aliases"].split("|")):
            aliases[a.lower()] = row["code"]
        for v in filter(None, row["variants"].split("|")):
            variants[v] = row["code"]
        scripts[row["code"]] = row["script"]
    return aliases, variants, scripts


def _script(text: str) -> str | None:
    """The writing system most of the letters of `text` are in (LATIN, CYRILLIC, ARABIC, CJK, ...)."""
    import unicodedata
    from collections import Counter

    found = Counter(unicodedata.name(c, "?").split(" ")[0] for c in text if c.isalpha())
    return found.most_common(1)[0][0] if found else None


def normalise_lang(value: str) -> str:
    """'fr-CA' -> 'fr', 'FRA' -> 'fr', 'Deutsch' -> 'de'; an unknown name is returned cut and lower-cased."""
    v = value.strip().lower().replace("_", "-").split("-")[0]
    return _table()[0].get(v, v)


def detect(text: str, allowed: Collection[str] | None = None) -> Detection:
    """The language of `text`; with `allowed`, one of them unless the text is confidently in another."""
    sample = text[:4000]
    if sum(c.isalpha() for c in sample) < 3:
        return Detection("und", 0.0, "too few letters to tell the language")
    ranked = _identifier().rank(sample)
    top, prob = ranked[0]
    if not allowed or top in allowed:
        return Detection(top, float(prob))
    variant = _table()[1].get(top)
    if variant in allowed:
        return Detection(variant, float(prob), f"detected as '{top}' (p={prob:.2f}), read as its close language "
                                               f"'{variant}'")
    scripts = _table()[2]
    if _script(sample) not in {scripts.get(lang) for lang in allowed}:
        return Detection(top, float(prob))  # written in a script none of them uses
    if prob < CONFIDENT:
        best, p = next((lang, p) for lang, p in ranked if lang in allowed)
        return Detection(best, float(p), f"language uncertain (best guess '{top}', p={prob:.2f}): coded as "
                                         f"'{best}', the supported language ranked first")
    return Detection(top, float(prob))
