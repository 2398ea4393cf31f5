"""Who reports what: 'Selon ... Reuters', 'according to AFP', 'Les médias rapportent que ...'."""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.coding.lexicon import Lexicon


def sentence_attribution(sent: Span, lex: Lexicon) -> dict[str, str | None] | None:
    preps = lex.cue("attribution_prep")
    verbs = lex.cue("attribution_verbs")
    if not sent.doc.has_annotation("DEP"):
        return _window_attribution(sent, preps, set(lex.cue("determiners")), verbs)
    low = sent.text.lower()
    for cue in sorted(preps, key=len, reverse=True):
        if " " in cue and cue in low:  # multi-word: "according to", "d'après"
            start = sent.start_char + low.index(cue)
            tok = next((t for t in sent if t.idx >= start + len(cue)), None)
            if tok is not None:
                return _from_phrase(_np_root(tok), sent)
    for tok in sent:
        if tok.lower_ in preps and tok.dep_ in ("case", "prep"):
            root = tok.head if tok.dep_ == "case" else next((c for c in tok.children if c.dep_ == "pobj"), None)
            if root is not None:
                return _from_phrase(root, sent)
    for tok in sent:
        if tok.lemma_.lower() in verbs and tok.pos_ == "VERB" and any(
                c.dep_ in ("ccomp",) for c in tok.children):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj",)), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return _from_phrase(subj, sent)
    return None


def _window_attribution(sent: Span, preps: set[str], dets: set[str], verbs: set[str]) -> dict[str, str | None] | None:
    """Without a parse: the words after an attribution preposition, up to punctuation ("laut der Agentur dpa")."""
    low = sent.text.lower()
    for cue in sorted(preps, key=len, reverse=True):
        at = low.find(cue + " ")
        while at > 0 and low[at - 1].isalpha():
            at = low.find(cue + " ", at + 1)
        if at < 0:
            continue
        start = sent.start_char + at + len(cue)
        toks = []
        for t in sent:
            if t.idx < start:
                continue
            if t.is_punct or len(toks) >= 6:
                break
            toks.append(t)
        while toks and toks[0].lower_ in dets:
            toks = toks[1:]
        if toks:
            text = sent.doc[toks[0].i:toks[-1].i + 1].text
            return {"text": text, "source": text}
    # "..., wie das Auswärtige Amt mitteilte": the words between the clause start and a reporting verb
    for tok in sent:
        if (tok.lower_ in verbs or tok.lemma_.lower() in verbs) and tok.i > sent.start and (
                tok.i + 1 >= sent.end or sent.doc[tok.i + 1].is_punct):  # verb-final: a subordinate 'wie' clause
            j = tok.i - 1
            toks = []
            while j >= sent.start and not sent.doc[j].is_punct and len(toks) < 6:
                toks.insert(0, sent.doc[j])
                j -= 1
            while toks and (toks[0].lower_ in dets or toks[0].text[:1].islower()):
                toks = toks[1:]
            if toks:
                text = sent.doc[toks[0].i:toks[-1].i + 1].text
                return {"text": text, "source": text}
    return None


def _np_root(tok: Token) -> Token:
    node = tok
    while node.head.i != node.i and node.head.i >= tok.i and node.dep_ not in ("ROOT",) and node.head.pos_ in (
            "NOUN", "PROPN") and node.head.i - tok.i < 6:
        node = node.head
    return node


def _from_phrase(root: Token, sent: Span) -> dict[str, str | None]:
    toks = sorted(root.subtree, key=lambda t: t.i)
    toks = [t for t in toks if not (t.is_punct and t.i > root.i)]
    cut = next((i for i, t in enumerate(toks) if t.i > root.i and t.text == ","), len(toks))
    toks = toks[:cut]
    doc = sent.doc
    text = doc[toks[0].i:toks[-1].i + 1].text if toks else root.text
    propn = [t for t in toks if t.pos_ == "PROPN" or (t.ent_type_ in ("ORG", "PER", "PERSON") and t.text[:1].isupper())]
    if propn:
        # the last run of proper nouns: "les informations diffusées par Reuters" -> Reuters
        run = [propn[-1]]
        for t in reversed(propn[:-1]):
            if t.i == run[0].i - 1:
                run.insert(0, t)
        source = doc[run[0].i:run[-1].i + 1].text
    else:
        source = text
    return {"text": text, "source": source}
