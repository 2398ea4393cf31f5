"""Offline language detection (py3langid ships its model inside the package; nothing is downloaded)."""

from __future__ import annotations

from functools import cache


@cache
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) for the text; ('und', 0.0) when there is nothing to judge."""
    sample = text[:4000]
    if sum(c.isalpha() for c in sample) < 3:
        return "und", 0.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)
