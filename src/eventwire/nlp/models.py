"""Choose and load the spaCy pipeline for a language, from the table in data/models.tsv."""

from __future__ import annotations

import importlib.util
from functools import cache
from importlib import resources

from spacy.language import Language

from eventwire.data import read_tsv


@cache
def model_table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for row in read_tsv(resources.files("eventwire.nlp") / "data" / "models.tsv"):
        table.setdefault(row["lang"], []).append(row["model"])
    return table


def model_name_for(lang: str, override: dict[str, str] | None = None) -> str | None:
    """The first installed model for `lang` (an override wins), or None when the language has none."""
    if override and lang in override:
        return override[lang]
    for name in model_table().get(lang, []):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def _paragraph_boundaries(doc):  # a component: a line break always ends a sentence
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not prev.is_space or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


Language.component("eventwire_paragraphs")(_paragraph_boundaries)


@cache
def load(name: str) -> Language:
    import spacy

    nlp = spacy.load(name, exclude=["senter"])
    if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    return nlp
