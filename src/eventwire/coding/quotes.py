"""Direct quotations and their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from eventwire.actors.resolve import EntityMention
from eventwire.coding.lexicon import Lexicon

_QUOTE = re.compile(r"«\s*([^»]{3,}?)\s*»|“([^”]{3,}?)”|\"([^\"]{3,}?)\"|„([^“”]{3,}?)[“”]")


@dataclass
class QuoteSpan:
    start: int
    end: int
    text: str
    speaker: EntityMention | None
    sent: Span


def find_quotes(doc: Doc, mentions: list[EntityMention], lex: Lexicon) -> list[QuoteSpan]:
    speech = lex.cue("speech_verbs")
    out = []
    text = doc.text
    for m in _QUOTE.finditer(text):
        g = next(k for k in (1, 2, 3, 4) if m.group(k))
        start, end = m.start(g), m.end(g)
        if len(m.group(g).split()) < 3:
            continue  # a scare-quoted word, not a quotation
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span[0].sent
        speaker = _speaker(sent, span, mentions, speech)
        if speaker is None:
            prev = [x for x in mentions if x.entity.kind == "person" and x.start < sent.start]
            speaker = prev[-1] if prev else None
        out.append(QuoteSpan(start, end, text[start:end], speaker, sent))
    return out


def _speaker(sent: Span, quote: Span, mentions: list[EntityMention], speech: set[str]) -> EntityMention | None:
    persons = [m for m in mentions if sent.start <= m.start < sent.end and m.entity.kind in ("person", "group",
                                                                                              "state")]
    inside = set(range(quote.start, quote.end))
    persons = [m for m in persons if not (m.tokens & inside)]
    for tok in sent:
        if tok.lemma_.lower() in speech and tok.pos_ in ("VERB", "AUX") and tok.i not in inside:
            for c in tok.children:
                if c.dep_ in ("nsubj", "nsubj:pass"):
                    sub = {x.i for x in c.subtree}
                    hit = [m for m in persons if m.tokens & sub]
                    if hit:
                        return max(hit, key=lambda m: (m.entity.kind == "person", -m.start))
    people = [m for m in persons if m.entity.kind == "person"]
    before = [m for m in people if m.start < quote.start]
    return before[-1] if before else (people[0] if people else None)
