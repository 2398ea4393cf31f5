"""Direct quotations and their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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
    from eventwire.coding.lexicon import ontology

    ranks = set(ontology().get("office_rank_words") or ())
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
        if speaker is not None and not speaker.entity.name and speaker.entity.role:
            # "le porte-parole a déclaré": the spokesperson the article named before ("Mohammed Abdulsalam,
            # porte-parole des Houthis")
            named = [x for x in mentions if x.start < speaker.start and x.entity.kind == "person" and x.entity.name
                     and _same_office(x.entity.role or "", speaker.entity, ranks)
                     and (speaker.entity.code is None or x.entity.code in (None, speaker.entity.code))]
            if named:
                speaker = _titled(named[-1], speaker)
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
                        best = max(hit, key=lambda m: (m.entity.kind == "person", -m.start))
                        if best.entity.kind == "person" and not best.entity.name:
                            # "le porte-parole du Quai d'Orsay, Christophe Lemoine, a indiqué": the title's person
                            # is the one named beside it
                            named = [m for m in hit if m.entity.kind == "person" and m.entity.name and _appositive(
                                m, sent) and (best.entity.code is None or m.entity.code in (None, best.entity.code))]
                            if named:
                                return _titled(named[0], best)
                        return best
    people = [m for m in persons if m.entity.kind == "person"]
    before = [m for m in people if m.start < quote.start]
    return before[-1] if before else (people[0] if people else None)


def _titled(named: EntityMention, title: EntityMention) -> EntityMention:
    """The person `named` with the side and office its title gives, where the name alone has none."""
    e, t = named.entity, title.entity
    return replace(named, entity=replace(e, kind="person", code=e.code or t.code, sector=e.sector or t.sector,
                                         role=e.role or t.role))


def _same_office(role: str, title, ranks: set[str]) -> bool:
    """A person's office and a bare title name the same one: "foreign ministry spokeswoman" for "spokesperson" or
    for "the spokeswoman", but not "vice president" for "the president" (`ranks`: ontology `office_rank_words`)."""
    words = role.lower().split()
    if not words or set(words[:-1]) & ranks:
        return False
    want = {(title.role or "").lower(), (title.text or "").lower()}
    return role.lower() in want or words[-1] in {w.split()[-1] for w in want if w}


def _appositive(m: EntityMention, sent: Span) -> bool:
    """Is the name set beside a noun as its apposition ("le porte-parole du Quai d'Orsay, Christophe Lemoine"), not
    the complement of one ("a spokesman for Prime Minister Benjamin Netanyahu")?"""
    doc = sent.doc
    root = next((doc[i] for i in sorted(m.tokens) if doc[i].head.i not in m.tokens), None)
    return root is not None and root.dep_ == "appos"
