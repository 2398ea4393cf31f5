"""Which sentences can hold an event, decided before any parse.

A sentence is parsed only when it has a trigger candidate — a token whose form or lookup lemma is a lexicon
verb or noun — and something that can be a participant: a knowledge-base name (the gazetteer the actor stage
uses), a word that refers back to one (the lexicon's anaphors), or a capitalised word after its first (a name
the knowledge base does not know). Sentences with quotation marks are kept too (what someone said, and who).
Everything else — description, figures, background without a named side — is never parsed.

The decision is made on the model's own tokenizer, a rule sentence splitter and spaCy's lookup lemmas
(spacy-lookups-data, installed with eventwire): no tagger, parser or recogniser runs. Kept sentences are coded
in runs of consecutive sentences, each run a doc whose offsets stay relative to the whole text.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from eventwire.actors.matcher import Gazetteer
from eventwire.coding.lexicon import Lexicon

QUOTE_MARKS = set("«»“”„\"")


@cache
def _splitter(lang: str) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except Exception:  # noqa: BLE001 - no lookup table for this language: forms only
        nlp.remove_pipe("lemmatizer")
    return nlp


class Prefilter:
    def __init__(self, lex: Lexicon, gazetteer: Gazetteer, tokenizer) -> None:
        """`gazetteer` and `tokenizer`: the actor stage's and the model's (one gazetteer per language)."""
        self.keys = set(lex.verbs) | set(lex.nouns)
        # the lookup tables leave many participles as they are ("entretenu", "rencontré"): a verb's stem (all
        # but its last three letters, at least four) also marks a candidate
        self.stems = {v[:max(4, len(v) - 3)] for v in lex.verbs if len(v) >= 6}
        self.stem_lengths = sorted({len(x) for x in self.stems})
        self.refer = lex.cue("plural_anaphors") | lex.cue("singular_anaphors")
        self.tokenizer = tokenizer
        self.steps = [proc for _, proc in _splitter(lex.lang).pipeline]  # sentencizer, lookup lemmatizer
        self.gazetteer = gazetteer

    def runs(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each run of consecutive sentences worth parsing, in order."""
        out: list[tuple[int, int]] = []
        pos = 0
        for para in text.split("\n"):
            if para.strip():
                doc = self.tokenizer(para)
                for step in self.steps:
                    doc = step(doc)
                names = {i for m in self.gazetteer.find(doc, titles=True) for i in range(m.start, m.end)}
                names |= {i for m in self.gazetteer.find(doc, titles=False) for i in range(m.start, m.end)}
                for s in doc.sents:
                    if self._keep(s, names):
                        start, end = pos + s.start_char, pos + s.end_char
                        if out and not text[out[-1][1]:start].strip():
                            out[-1] = (out[-1][0], end)  # the previous kept sentence: one run
                        else:
                            out.append((start, end))
            pos += len(para) + 1
        return out

    def _keep(self, s, names: set[int]) -> bool:
        if any(c in QUOTE_MARKS for c in s.text):
            return True
        if not any(t.lower_ in self.keys or t.lemma_.lower() in self.keys
                   or any(t.lower_[:n] in self.stems for n in self.stem_lengths if n <= len(t)) for t in s):
            return False
        return (any(t.i in names for t in s) or any(t.lower_ in self.refer for t in s)
                or any(t.text[:1].isupper() for t in list(s)[1:]))
