"""eventwire's stages as registered spaCy components.

`eventwire_actors` (dates and actors, resolved by the date of each sentence) and `eventwire_coder` (triggers,
participants, modality, reference across sentences, quotes) run inside the spaCy pipeline, after the parser;
`eventwire_type_classifier` (coding/classifier.py) runs between them only when asked for. `Pipeline` adds them
to the model it loads and passes each doc its article's context — publication date, knowledge base, the state
shared by the body and the title — in ``doc.user_data["eventwire"]``; docs without that context pass through
untouched, so the same loaded model still serves bare parses. Added by hand to a model of your own
(``nlp.add_pipe("eventwire_actors", config={"standalone": True}); nlp.add_pipe("eventwire_coder",
config={"standalone": True})``), each doc is coded as an article of its own and ``doc._.ew_events`` holds its
events.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.actors.kb import KnowledgeBase, default_kb
from eventwire.actors.resolve import ActorResolver, ArticleContext, EntityMention
from eventwire.coding.attribution import sentence_attribution
from eventwire.coding.coder import REACTIONS, SYMMETRIC_TYPES, Candidate, Coder
from eventwire.coding.dates import DateExpr, find_dates
from eventwire.coding.lexicon import Sense, coding_for, lexicon, target_required
from eventwire.coding.merge import absorb, codes, merge_events
from eventwire.coding.quotes import find_quotes
from eventwire.coding.window import CONFIDENCE as WINDOW_CONFIDENCE
from eventwire.coding.window import WindowCoder
from eventwire.errors import ModelUnavailable
from eventwire.model import Article, ArticleResult, Entity, Event, Mention, Quote

TERMINAL = {".", "!", "?", "»", "\"", "”", ":", ";"}
JOINT_TYPES = {"AGREE", "SUPPORT"}  # done together by plural subjects: signing, agreeing
KEY = "eventwire"
STAGES = ("eventwire_actors", "eventwire_coder")
CLASSIFIER = "eventwire_type_classifier"
CLASSIFIER_MODES = ("add", "veto", "both")
ADD_THRESHOLD = 0.7  # a typed prediction this sure was right 94% of the time in cross-validation (README)
VETO_THRESHOLD = 0.8  # NONE this sure was right 99% of the time in cross-validation
CLASSIFIER_CONFIDENCE = 0.4
# state agents that a text names without their state ("la police", "the army", "die Regierung")
ARTICLE_SECTORS = {"GOV", "COP", "MIL", "JUD", "LEG", "SPY"}
RECENT_EVENTS = 100  # events kept for reference across sentences (bounds the work per sentence in long texts)

for _name in ("ew_mentions", "ew_events", "ew_sentence_types"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass
class Trace:
    """What happened to each sentence, for `eventwire explain`."""

    sentences: list[dict] = field(default_factory=list)


@dataclass
class ArticleState:
    """What the stages share while coding one article (its body and title docs)."""

    article: Article
    resolver: ActorResolver
    coder: Coder
    trace: Trace | None = None
    ctx: ArticleContext = field(default_factory=ArticleContext)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    diagnostics: list[str] = field(default_factory=list)
    date_problems: set[str] = field(default_factory=set)
    last_date: str | None = None
    classifier: str | None = None  # None, or how the type classifier is used: add | veto | both
    state_counts: dict[str, int] = field(default_factory=dict)  # coded state mentions so far (body, then title)
    # per field: the latest events with the number of their sentence in the field (over all its blocks), and
    # how many sentences the field's blocks coded so far: reference across sentences goes on across blocks
    recent: dict[str, list[tuple[int, Event]]] = field(default_factory=dict)
    sentences_seen: dict[str, int] = field(default_factory=dict)


@dataclass
class FieldState:
    """One doc (the body or the title of an article) and what the stages found in it."""

    article: ArticleState
    field: str
    offset: int = 0  # where this doc's text starts in the field's text (a long text is coded in blocks)
    sents: list[Span] = field(default_factory=list)
    sent_dates: dict[int, list[DateExpr]] = field(default_factory=dict)
    mentions: list[EntityMention] = field(default_factory=list)
    # for each sentence (index in sents): the events kept from it, in order
    sentence_events: dict[int, list[Event]] = field(default_factory=dict)
    # for each sentence with an actor, the classifier's (best type, its probability, probability of NONE)
    sentence_types: dict[int, tuple[str, float, float]] = field(default_factory=dict)


def field_state(doc: Doc) -> FieldState | None:
    st = doc.user_data.get(KEY)
    return st if isinstance(st, FieldState) else None


def _standalone_state(nlp: Language, doc: Doc, kb: KnowledgeBase | None = None) -> FieldState:
    lex = lexicon(nlp.lang)
    if lex is None:
        raise ModelUnavailable(f"eventwire has no trigger lexicon for language '{nlp.lang}'")
    art = Article(id=Article.stable_id(None, doc.text), text=doc.text, lang=nlp.lang)
    coder = Coder(lex) if "parser" in nlp.pipe_names else WindowCoder(lex)
    state = ArticleState(art, ActorResolver(kb or default_kb(), nlp.lang, nlp.tokenizer), coder)
    return FieldState(state, "text")


class _Stage:
    def __init__(self, nlp: Language, standalone: bool) -> None:
        self.nlp = nlp
        self.standalone = standalone  # code docs that carry no eventwire context, each as an article


class ActorsStage(_Stage):
    """Dates, sentences and actor mentions, each actor resolved by the date of its sentence."""

    def __call__(self, doc: Doc) -> Doc:
        fs = field_state(doc)
        if fs is None:
            if not self.standalone:
                return doc
            fs = doc.user_data[KEY] = _standalone_state(self.nlp, doc)
        st = fs.article
        art = st.article
        if not len(doc):
            return doc
        fs.sents = _sentences(doc)
        dates = find_dates(doc.text, st.coder.lex, art.published)
        char_starts = [s.start_char for s in fs.sents]
        fs.sent_dates = {}
        for d in dates:
            k = bisect_right(char_starts, d.start) - 1
            if k >= 0 and d.start < fs.sents[k].end_char:
                fs.sent_dates.setdefault(k, []).append(d)
        starts = [s.start for s in fs.sents]

        def day_of(tok_i: int) -> str | None:
            k = bisect_right(starts, tok_i) - 1
            ds = [d.value for d in fs.sent_dates.get(k, []) if d.value] if k >= 0 else []
            return ds[0] if ds else art.published

        off = fs.offset
        fs.mentions = st.resolver.resolve(doc, st.ctx, day_of, fs.field,
                                          offset_map=(lambda c: c + off) if off else None)
        _article_state_for_sectors(fs)
        st.entities.extend(m.entity for m in fs.mentions if m.kind == "actor")
        doc._.ew_mentions = fs.mentions
        return doc


def _article_state_for_sectors(fs: FieldState) -> None:
    """"La police a interpellé douze militants" in an article about Niger: a sector noun that no state in its
    own sentence claims belongs to the article's state, when one state clearly dominates the article (named at
    least twice, and in at least half of the coded state mentions so far: body first, then the title)."""
    st = fs.article
    counts = st.state_counts
    for m in fs.mentions:
        e = m.entity
        if m.kind == "actor" and e.code and (e.kind == "state" or e.kind == "group" and e.sector
                                             and e.source == "title"):
            counts[e.code] = counts.get(e.code, 0) + 1
    if not counts:
        return
    top, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if n < 2 or n * 2 < sum(counts.values()):
        return
    for m in fs.mentions:
        e = m.entity
        if m.kind == "actor" and e.code is None and e.kind == "group" and e.sector in ARTICLE_SECTORS:
            m.entity = replace(e, code=top, source="article")


class CoderStage(_Stage):
    """Candidate events per sentence, their participants, modality, dates and references across sentences;
    quotes. Events are added to the article's state (and, standalone, merged into ``doc._.ew_events``)."""

    def __call__(self, doc: Doc) -> Doc:
        fs = field_state(doc)
        if fs is None:
            return doc  # no actors stage ran on it: a bare parse
        if len(doc):
            code_field(doc, fs)
        if self.standalone:
            doc._.ew_events = finish(fs.article).events
        else:
            doc._.ew_events = [ev for evs in fs.sentence_events.values() for ev in evs]
        return doc


class TypeClassifierStage:
    """The learned type classifier's prediction for each sentence that names an actor (coding/classifier.py);
    the coder uses them as the article's state says (add, veto, both)."""

    def __init__(self, nlp: Language, mode: str | None) -> None:
        self.nlp = nlp
        self.mode = mode  # standalone use: the mode to code with

    def __call__(self, doc: Doc) -> Doc:
        fs = field_state(doc)
        if fs is None:
            return doc
        if fs.article.classifier is None and self.mode:
            fs.article.classifier = self.mode
        if fs.article.classifier is None or not len(doc):
            return doc
        from eventwire.coding.classifier import default_classifier

        by_sent = _mentions_by_sentence(fs)
        todo = [k for k in range(len(fs.sents)) if any(m.entity.code for m in by_sent[k])]
        preds = default_classifier().predict([fs.sents[k].text.strip() for k in todo])
        fs.sentence_types = dict(zip(todo, preds, strict=True))
        doc._.ew_sentence_types = {fs.sents[k].start_char: p for k, p in fs.sentence_types.items()}
        return doc


@Language.factory("eventwire_actors", default_config={"standalone": False})
def make_actors(nlp: Language, name: str, standalone: bool) -> ActorsStage:
    return ActorsStage(nlp, standalone)


@Language.factory("eventwire_coder", default_config={"standalone": False},
                  requires=["doc._.ew_mentions"], assigns=["doc._.ew_events"])
def make_coder(nlp: Language, name: str, standalone: bool) -> CoderStage:
    return CoderStage(nlp, standalone)


@Language.factory(CLASSIFIER, default_config={"mode": None}, requires=["doc._.ew_mentions"],
                  assigns=["doc._.ew_sentence_types"])
def make_classifier(nlp: Language, name: str, mode: str | None) -> TypeClassifierStage:
    if mode is not None and mode not in CLASSIFIER_MODES:
        raise ValueError(f"classifier mode must be one of {CLASSIFIER_MODES}")
    return TypeClassifierStage(nlp, mode)


def _classifier_fallback(fs: FieldState, n: int, sent: Span, mentions: list[EntityMention]):
    """The classifier's trigger for a sentence, when it is sure of a type (add mode)."""
    pred = fs.sentence_types.get(n)
    if fs.article.classifier not in ("add", "both") or pred is None:
        return None
    label, p, _ = pred
    if label == "NONE" or p < ADD_THRESHOLD:
        return None
    anchor = fs.article.coder.anchor(sent, mentions)
    return [(anchor, Sense(label, None, rule=f"classifier.{label}"))] if anchor is not None else None


def _classifier_veto(fs: FieldState, n: int, kept: list[Candidate], dropped: list[Candidate]) -> list[Candidate]:
    pred = fs.sentence_types.get(n)
    if fs.article.classifier not in ("veto", "both") or pred is None or pred[2] < VETO_THRESHOLD:
        return kept
    for cand in kept:
        cand.why.append(f"dropped: the type classifier finds no event in this sentence (p={pred[2]:.2f})")
        dropped.append(cand)
    return []


def code_field(doc: Doc, fs: FieldState) -> None:
    st = fs.article
    art, coder, trace = st.article, st.coder, st.trace
    lex = coder.lex
    mentions = fs.mentions
    by_sent = _mentions_by_sentence(fs)
    recent = st.recent.setdefault(fs.field, [])
    base = st.sentences_seen.get(fs.field, 0)
    st.sentences_seen[fs.field] = base + len(fs.sents)
    for k, sent in enumerate(fs.sents):
        n = base + k  # the sentence's number in the whole field, over all its blocks
        s_mentions = by_sent[k]
        kept, dropped = coder.code_sentence(sent, s_mentions, _classifier_fallback(fs, k, sent, s_mentions))
        kept = _classifier_veto(fs, k, kept, dropped)
        attribution = sentence_attribution(sent, lex)
        s_dates = fs.sent_dates.get(k, [])
        for d in s_dates:
            if d.problem:
                st.date_problems.add(d.problem)
        _resolve_anaphors(kept, coder, recent, mentions, sent)
        _borrow_targets(kept, dropped, recent, coder)
        _protest_at_embassy(kept, coder, s_mentions)
        if trace is not None:
            trace.sentences.append(_trace_row(fs.field, sent, s_mentions, kept, dropped))
        for cand in kept:
            if cand.temporal and not cand.actors:
                cand.why.append("dropped: a time reference to an event, not a report of one")
                continue
            dexpr = _nearest_date(cand, s_dates)
            day, day_text = None, None
            if dexpr is not None:
                day_text = dexpr.text
                if dexpr.next_day and st.last_date:
                    day = (date.fromisoformat(st.last_date) + timedelta(days=1)).isoformat()
                else:
                    day = dexpr.value
            made = make_events(st.resolver.kb, art, fs.field, cand, day, day_text, attribution, fs.offset)
            for ev in made:
                ev.date_period = dexpr.period if dexpr is not None else None
                if cand.anaphoric or len(codes(ev.actor + ev.recipient)) < (2 if ev.symmetric else 1):
                    target = _antecedent(ev, cand, recent, n)
                    if target is not None:
                        absorb(target, ev)
                        if cand.why is not None:
                            ref = target.evidence.text[:40]
                            cand.why.append(f"refers back to the event in «{ref}...»")
                        continue
                if not any(e.code for e in ev.actor):
                    # "Gunmen opened fire", "the demonstrators accused the authorities": who acted is unknown
                    cand.why.append("no actor with a code: not an event" if ev.actor
                                    else "no actor found: not an event")
                    continue
                if ev.type in target_required() and not ev.recipient and not ev.negated:
                    who = ", ".join(e.code or e.text for e in ev.actor)
                    cand.why.append("no recipient: a dyadic type needs one")
                    st.diagnostics.append(f"{ev.type} by {who} has no recipient in the text "
                                          f"(«{cand.trigger.text}» in «{ev.evidence.text[:60]}»): not coded")
                    continue
                st.events.append(ev)
                fs.sentence_events.setdefault(k, []).append(ev)
                recent.append((n, ev))
                if len(recent) > RECENT_EVENTS:
                    del recent[0]
                if ev.date:
                    st.last_date = ev.date
    for q in find_quotes(doc, mentions, lex):
        speaker = q.speaker.entity if q.speaker else Entity("", None, "person", source="unknown")
        attr = sentence_attribution(q.sent, lex)
        start, end = q.start + fs.offset, q.end + fs.offset
        original = art.field_text(fs.field)[start:end]
        st.quotes.append(Quote(speaker, original, start, end, fs.field, attr["source"] if attr else None))
        if q.speaker is None:
            st.diagnostics.append(f"quote at {start} has no identified speaker")


def finish(st: ArticleState) -> ArticleResult:
    """Merge the article's events (body and title), choose evidence, give ids, write diagnostics."""
    art = st.article
    res = ArticleResult(art, entities=list(st.entities))
    if art.lang_detected:
        res.diagnostics.append(f"language detected as '{art.lang}' (not given in the input)")
    res.diagnostics.extend(art.notes)
    res.diagnostics.extend(st.diagnostics)
    merged = merge_events(st.events)
    undated: list[str] = []
    for k, ev in enumerate(merged):
        _choose_evidence(ev)
        ev.id = _event_id(art.id, ev, k)
        if ev.date is None and ev.date_period is None:
            undated.append(ev.type)
    res.events = merged
    res.quotes = list(st.quotes)
    for problem in sorted(st.date_problems):
        res.diagnostics.append(f"date: {problem}; event date left null")
    periods = sorted({ev.type for ev in merged if ev.date is None and ev.date_period})
    if periods:
        res.diagnostics.append(f"event(s) dated only to a month or year ({', '.join(periods)}): date null, "
                               f"date_period set")
    if undated:
        res.diagnostics.append(f"{len(undated)} event(s) have no date expression in their sentences "
                               f"({', '.join(sorted(set(undated)))}): date left null, not guessed")
    if not merged:
        res.diagnostics.append("no event found: no trigger with an identified actor in any sentence")
    return res


def make_events(kb: KnowledgeBase, art: Article, field_name: str, cand: Candidate, day: str | None,
                day_text: str | None, attribution: dict | None, offset: int = 0) -> list[Event]:
    sent = cand.sent
    text = art.field_text(field_name)
    s, e = _trim(text, offset + sent.start_char, offset + sent.end_char)
    mention = Mention(art.id, field_name, text[s:e], s, e, cand.trigger.text, cand.rule, attribution,
                      art.url, art.path, art.lang)
    groups: list[tuple[list[EntityMention], list[EntityMention]]]
    if cand.distributive:
        agents = cand._agents  # type: ignore[attr-defined]
        groups = [(agents + [p], []) for p in cand._partners]  # type: ignore[attr-defined]
    else:
        groups = [(cand.actors, cand.recipients)]
    out = []
    for actors, recips in groups:
        coding = coding_for(cand.type, cand.mode)
        ev = Event(
            id="", type=cand.type, mode=cand.mode, actor=[m.entity for m in actors if m.entity.code]
            or [m.entity for m in actors] if not cand.borrowed_actors else list(cand.borrowed_actors),
            recipient=[m.entity for m in recips] or list(cand.borrowed), evidence=mention, date=day,
            date_text=day_text,
            context=list(cand.contexts), cameo=coding.cameo, score=coding.score, quad_class=coding.quad_class,
            initiator=cand.initiator.entity.code if cand.initiator else None,
            location=_location(cand.location), topics=list(cand.topics), attribution=attribution,
            negated=cand.negated, hypothetical=cand.hypothetical,
            confidence=(CLASSIFIER_CONFIDENCE if cand.rule.startswith("classifier.") else WINDOW_CONFIDENCE
                        if any("clause-window" in w for w in cand.why) else 0.8) * (0.75 if cand.anaphoric else 1.0),
            symmetric=cand.symmetric, mentions=[mention],
        )
        _visit_by_location(kb, ev)
        _protest_by_location(kb, ev)
        _target_by_location(kb, ev)
        _domestic_coercion(kb, ev)
        out.append(ev)
    return out


def _state_at(kb: KnowledgeBase, ev: Event, code: str, sector: str | None = None) -> Entity:
    """The state an event's place belongs to, as a participant guessed from the location."""
    return Entity((ev.location or {}).get("text") or "", code, "state", name=kb.country_name(code), sector=sector,
                  source="location")


def _protest_by_location(kb: KnowledgeBase, ev: Event) -> None:
    """"Thousands rallied in Belgrade": protesters with no named side are civilians of the state where they
    demonstrate, and their target, when the text names none, is that state's government."""
    if ev.type != "PROTEST" or any(e.code for e in ev.actor) or not ev.location or not ev.location.get("code"):
        return
    where = ev.location["code"]
    ev.actor = [Entity("protesters", where, "group", name=kb.country_name(where), sector="CVL",
                       source="location")]
    if not any(e.code for e in ev.recipient):
        ev.recipient = [_state_at(kb, ev, where, "GOV")]


def _target_by_location(kb: KnowledgeBase, ev: Event) -> None:
    """"Israeli aircraft struck targets in southern Lebanon": an attack with no named target hits the state
    where it happens, when that is not the attacker's own — or when the attackers are an armed group, not a
    state ("al-Shabaab detonated a car bomb in Mogadishu": SOM)."""
    if ev.type != "ASSAULT" or any(e.code for e in ev.recipient) or not ev.location:
        return
    where = ev.location.get("code")
    groups_only = all(e.kind == "group" or e.sector in ("REB", "INS") for e in ev.actor if e.code)
    if where and (where not in codes(ev.actor) or groups_only) and any(e.code for e in ev.actor):
        ev.recipient = [_state_at(kb, ev, where)]


def _domestic_coercion(kb: KnowledgeBase, ev: Event) -> None:
    """"Turkish police detained the mayor", "Les autorités russes ont interdit l'ONG": an arrest, raid, ban or
    seizure by one state's agents whose target the text does not tie to a state is aimed at that state's own
    people (domestic coding, as for protests); abroad ("in Kherson"), at the state where it happens."""
    if ev.type != "COERCE" or any(e.code for e in ev.recipient):
        return
    mine = codes(ev.actor)
    if len(mine) != 1 or any(e.kind == "organization" for e in ev.actor if e.code):
        return
    where = (ev.location or {}).get("code")
    if where is None and not any(not e.code for e in ev.recipient):
        return  # neither a place nor a person or group acted on: the target may be abroad ("schiebt ... ab")
    where = where or next(iter(mine))
    ev.recipient = [_state_at(kb, ev, where, "CVL" if where in mine else None)]


def _visit_by_location(kb: KnowledgeBase, ev: Event) -> None:
    """A meeting in one participant's country is a visit by the others; elsewhere, a third-party meeting."""
    if ev.type != "CONSULT" or not ev.location or not ev.location.get("code"):
        return
    where = ev.location["code"]
    if ev.mode == "visit":
        # "une visite officielle à Rome": the host is the state visited when the text names no host
        if not ev.recipient and where not in codes(ev.actor):
            ev.recipient = [_state_at(kb, ev, where)]
            ev.symmetric = False
        return
    if ev.mode is not None:
        return
    parts = ev.actor + ev.recipient
    pcodes = codes(parts)
    if len(pcodes) < 2:
        return
    if where in pcodes:
        ev.mode = "visit"
        ev.actor = [p for p in parts if p.code != where]
        ev.recipient = [p for p in parts if p.code == where]
        ev.symmetric = False
    else:
        ev.mode = "third-party"
    coding = coding_for(ev.type, ev.mode)
    ev.cameo, ev.score = coding.cameo, coding.score


def _mentions_by_sentence(fs: FieldState) -> list[list[EntityMention]]:
    """The actor mentions of each sentence (by its index in fs.sents), in one pass."""
    starts = [s.start for s in fs.sents]
    out: list[list[EntityMention]] = [[] for _ in fs.sents]
    for m in fs.mentions:
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and m.start < fs.sents[k].end:
            out[k].append(m)
    return out


def _sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences, with bad splits merged back (a sentence that does not end in punctuation and is
    not followed by a line break continues in the next one)."""
    out: list[Span] = []
    for s in doc.sents:
        if out:
            prev = out[-1]
            last = next((t for t in reversed(prev) if not t.is_space), None)
            if last is not None and last.text not in TERMINAL and "\n" not in doc[prev.end - 1].text_with_ws \
                    and "\n" not in doc.text[prev.end_char:s.start_char]:
                out[-1] = doc[prev.start:s.end]
                continue
        out.append(s)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _nearest_date(cand: Candidate, ds: list[DateExpr]) -> DateExpr | None:
    if not ds:
        return None
    pos = cand.trigger.idx
    # a day beats a month or year in the same sentence ("Monday ... the 2015 agreement")
    days = [d for d in ds if d.period is None] or ds
    return min(days, key=lambda d: abs(d.start - pos))


def _borrow_targets(kept: list[Candidate], dropped: list[Candidate], recent: list[tuple[int, Event]],
                    coder: Coder | None = None) -> None:
    """"Berlin condemned the attack", "Alger a rejeté ces accusations": a reaction without a named target whose
    object is an act or statement reported earlier in the article takes that act's author as its target
    (the latest event of the object's type by someone else, else the latest event by someone else)."""
    for cand in kept:
        if cand.type not in REACTIONS | {"THREATEN"} or cand.recipients or not (cand.actors or cand.borrowed_actors):
            continue
        acts = [d for d in dropped if d.trigger.i > cand.trigger.i and d.trigger.sent == cand.trigger.sent]
        mine = {m.entity.code for m in cand.actors} | {e.code for e in cand.borrowed_actors}
        if not acts and coder is not None and coder.object_is_demonstrative(cand):
            # "a rejeté ces critiques", "rejected these claims": the latest event by someone else
            acts = [cand]
        if not acts:
            # "Moscou a promis une réponse": whoever acted on the speaker just before is the target
            prior = next((ev for _, ev in reversed(recent[-3:]) if mine & codes(ev.recipient)
                          and not codes(ev.actor) <= mine), None)
            _take_target(cand, prior, mine, f"who acted on {'/'.join(sorted(c for c in mine if c))} just before "
                                            f"(«{prior.evidence.text[:40] if prior else ''}...»)")
            continue
        for d in acts:
            others = [ev for _, ev in reversed(recent) if not codes(ev.actor) <= mine]
            prior = next((ev for ev in others if ev.type == d.type and d is not cand), None) or (
                others[0] if others else None)
            if _take_target(cand, prior, mine, f"the author of the {prior.type if prior else ''} reported "
                                               f"earlier («{d.trigger.text}» refers back to it)"):
                break


def _protest_at_embassy(kept: list[Candidate], coder: Coder, mentions: list[EntityMention]) -> None:
    """"marched past the Russian embassy", "devant l'ambassade de France": a protest with no named target is aimed
    at the state whose embassy it is (the state named inside the embassy's phrase, or next to the word)."""
    nouns = set(coder.c.get("embassy_nouns", ()))
    for cand in kept:
        if cand.type != "PROTEST" or any(m.entity.code for m in cand.recipients):
            continue
        for t in cand.sent:
            if t.lower_ not in nouns and t.lemma_.lower() not in nouns:
                continue
            if t.doc.has_annotation("DEP"):
                inside = {x.i for x in t.subtree} - {t.i}
            else:  # no parse: "der russischen Botschaft", "Botschaft Russlands"
                inside = set(range(t.i - 2, t.i)) | set(range(t.i + 1, t.i + 3))
            near = sorted((m for m in mentions if m.entity.code and m.entity.kind == "state" and m.tokens & inside),
                          key=lambda m: min(abs(i - t.i) for i in m.tokens))
            state = near[0] if near else None
            if state is not None:
                # "des manifestants ... devant l'ambassade de Russie": the protesters took that state from the
                # sentence (a sector noun without a state of its own), but it is the embassy's, not theirs
                cand.actors = [m for m in cand.actors if not (m.entity.code == state.entity.code
                                                              and m.entity.source == "context")]
                cand.recipients = [state]
                cand.why.append(f"target: the state whose embassy is named ('{t.text}')")
                break


def _take_target(cand: Candidate, prior: Event | None, mine: set, why: str) -> bool:
    """Make the actors of `prior` (other than the candidate's own) the candidate's target; True if any."""
    if prior is None:
        return False
    cand.borrowed = [e for e in prior.actor if e.code and e.code not in mine]
    if cand.borrowed:
        cand.why.append("target: " + why)
    return bool(cand.borrowed)


def _resolve_anaphors(kept: list[Candidate], coder: Coder, recent: list[tuple[int, Event]],
                      mentions: list[EntityMention], sent: Span) -> None:
    """A subject that refers back — "ils", "they", "les deux dirigeants", "the two sides", "beide", a Spanish
    verb without a subject — takes its actors from the article: a plural one the participants of the latest
    event, a singular one the latest person named before the sentence."""
    cues = coder.c
    plural_cues = set(cues.get("plural_anaphors", []))
    singular_cues = set(cues.get("singular_anaphors", []))
    for cand in kept:
        if any(m.entity.code for m in cand.actors):
            continue
        if any(ev.type == cand.type for _, ev in recent[-3:]):
            continue  # "la conversation", "les deux parties ont échangé": the same happening, merged later
        words, plural = coder.subject_words(cand)
        if words and not (set(words) & (plural_cues | singular_cues)):
            continue
        kind = "plural" if set(words) & plural_cues or (not words and plural) else "singular" if (
            set(words) & singular_cues or (not words and plural is False)) else None
        before = [k for k in kept if k is not cand and k.trigger.i < cand.trigger.i
                  and len({m.entity.code for m in k.actors if m.entity.code}) >= 2]
        if kind == "plural" and before:
            # "Meloni and Trudeau travelled to Kyiv, where they were received": the actors named earlier in the
            # same sentence
            cand.borrowed_actors = [m.entity for m in before[-1].actors if m.entity.code]
            cand.why.append(f"subject refers back to the actors of '{before[-1].trigger.text}' in this sentence")
        elif kind == "plural" and recent:
            prior = recent[-1][1]
            ents = [e for e in prior.actor + prior.recipient if e.code]
            joint = cand.type in SYMMETRIC_TYPES | JOINT_TYPES and not cand.recipients
            if len({e.code for e in ents}) >= 2 and joint:
                # "les deux dirigeants ont signé", "the two sides agreed": every participant, jointly
                cand.borrowed_actors = ents
                cand.symmetric = True
            elif not joint:
                cand.borrowed_actors = [e for e in prior.actor if e.code]
            if cand.borrowed_actors:
                cand.why.append(f"subject refers back to the participants of «{prior.evidence.text[:40]}...»")
        elif kind == "singular":
            # the latest event's actor when it is a person ("Il a appelé ..."), else the latest person named
            prior_person = next((e for _, ev in reversed(recent[-2:]) for e in ev.actor
                                 if e.kind == "person" and e.code), None)
            person = prior_person or next((m.entity for m in reversed(mentions) if m.entity.kind == "person"
                                           and m.entity.code and m.start < cand.trigger.i
                                           and m not in cand.recipients), None)
            if person is not None:
                cand.borrowed_actors = [person]
                cand.why.append(f"subject refers back to {person.name or person.text}")


def _antecedent(ev: Event, cand: Candidate, recent: list[tuple[int, Event]], n: int) -> Event | None:
    """The event an anaphoric mention ("la conversation", "the talks", "ils ont évoqué") refers back to."""
    want = codes(ev.actor + ev.recipient) | ({ev.initiator} if ev.initiator else set())
    for k, prior in reversed(recent):
        if n - k > 3:
            break
        if prior.type != ev.type or prior.negated != ev.negated or prior.hypothetical != ev.hypothetical:
            continue
        if ev.mode and prior.mode and ev.mode != prior.mode:
            continue
        if want and not want <= codes(prior.actor + prior.recipient):
            continue
        return prior
    return None


def _choose_evidence(ev: Event) -> None:
    """The evidence is the body mention that names the participants best (else the first)."""
    def score(m: Mention) -> tuple[int, int, int]:
        named = sum(1 for e in ev.actor + ev.recipient if e.name and e.text and e.text in m.text)
        return (m.field == "text", named, -m.start)

    ev.evidence = max(ev.mentions, key=score)
    ev.mentions.sort(key=lambda m: (m.field != "title", m.start))


def _event_id(article_id: str, ev: Event, k: int) -> str:
    key = f"{article_id}|{ev.type}|{sorted(codes(ev.actor))}|{sorted(codes(ev.recipient))}|{ev.date}|{k}"
    return "ev:" + hashlib.sha1(key.encode()).hexdigest()[:16]


def _location(m: EntityMention | None) -> dict | None:
    if m is None:
        return None
    e = m.entity
    return {"text": e.text, "name": e.name, "code": e.code, "lat": None, "lon": None}


def _trace_row(field_name: str, sent: Span, mentions: list[EntityMention], kept: list[Candidate],
               dropped: list[Candidate]) -> dict:
    def cand(c: Candidate, status: str) -> dict:
        return {"status": status, "type": c.type, "mode": c.mode, "trigger": c.trigger.text, "rule": c.rule,
                "actors": [m.entity.code or m.entity.text for m in c.actors],
                "recipients": [m.entity.code or m.entity.text for m in c.recipients],
                "negated": c.negated, "hypothetical": c.hypothetical, "why": list(c.why)}

    return {"field": field_name, "text": sent.text.strip(),
            "actors": [{"text": m.entity.text, "code": m.entity.code, "name": m.entity.name,
                        "role": m.entity.role, "kind": m.kind} for m in mentions],
            "candidates": [cand(c, "kept") for c in kept] + [cand(c, "dropped") for c in dropped]}
