"""Who reports what: 'Selon ... Reuters', 'according to AFP', 'Les médias rapportent que ...'."""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.coding.lexicon import Lexicon


def sentence_attribution(sent: Span, lex: Lexicon) -> dict[str, str | None] | None:
    preps = lex.cue("attribution_prep")
    verbs = lex.cue("attribution_verbs")
    trailing = _trailing_report(sent, set(verbs) | lex.cue("reporting_verbs"), lex.cue("determiners"),
                                lex.cue("singular_anaphors") | lex.cue("plural_anaphors"))
    if not sent.doc.has_annotation("DEP"):
        return _window_attribution(sent, preps, set(lex.cue("determiners")), verbs) or trailing
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
    if trailing is not None:
        return trailing
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
            k = next((k for k, t in enumerate(toks) if t.lower_ in dets), None)
            if k is not None:
                toks = toks[k + 1:]  # "wie die thailändische Armee": the adjective after the article stays
            while toks and (toks[0].lower_ in dets or toks[0].text[:1].islower() and k is None):
                toks = toks[1:]
            if toks:
                text = sent.doc[toks[0].i:toks[-1].i + 1].text
                return {"text": text, "source": text}
    return None


def _trailing_report(sent: Span, verbs: set[str], dets: set[str], pronouns: set[str]) -> dict[str, str | None] | None:
    """A reporting clause after the last comma, however the parser attached it: ", a indiqué le Quai d'Orsay.",
    ", a fait savoir l'Élysée.", ", the state news agency TASS reported.", ", US President Donald Trump
    announced.", ", teilte das Auswärtige Amt mit." The source is the clause without its verbs; a pronoun
    ("a-t-il déclaré", "he said") names no source."""
    toks = [t for t in sent if not t.is_space]
    while toks and toks[-1].is_punct:
        toks.pop()
    commas = [k for k, t in enumerate(toks) if t.text == ","]
    if not commas:
        return None
    seg = toks[commas[-1] + 1:]
    if not seg or len(seg) > 9 or any(t.is_punct and t.text not in ("'", "’", "-") for t in seg):
        return None

    def is_verb(t: Token) -> bool:
        return t.lemma_.lower() in verbs or t.lower_ in verbs

    if not any(is_verb(t) for t in seg):
        return None
    words = [t for t in seg if not is_verb(t) and t.pos_ not in ("AUX", "VERB", "PART", "ADV")]
    while words and (words[0].lower_ in dets or words[0].pos_ == "DET" or words[0].lower_ in ("l'", "l’")
                     or not words[0].pos_ and words[0].text[:1].islower()):
        words = words[1:]
    while words and not words[-1].pos_ and words[-1].text[:1].islower() and len(words[-1]) <= 4:
        words = words[:-1]  # no parse: a separable particle ("teilte das Auswärtige Amt mit")
    if not words or any(t.lower_ in pronouns or t.pos_ == "PRON" for t in words):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") or t.text[:1].isupper() for t in words):
        return None
    text = sent.doc[words[0].i:words[-1].i + 1].text
    return {"text": text, "source": text}


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
    short = [t for t in toks if not t.is_punct and t.dep_ not in ("case", "prep")]
    while short and short[0].pos_ == "DET":
        short = short[1:]
    if short and len(short) <= 5 and all(t.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM") for t in short):
        # a short phrase is the source's name as the text gives it: "el Ejército tailandés", "la Fuerza Aérea
        # ucraniana" (the adjective says whose), "the state news agency TASS"
        source = doc[short[0].i:short[-1].i + 1].text
    elif propn:
        # the last run of proper nouns: "les informations diffusées par Reuters" -> Reuters
        run = [propn[-1]]
        for t in reversed(propn[:-1]):
            if t.i == run[0].i - 1:
                run.insert(0, t)
        source = doc[run[0].i:run[-1].i + 1].text
    else:
        source = text
    return {"text": text, "source": source}
