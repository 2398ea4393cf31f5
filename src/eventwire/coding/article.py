"""One article, coded: the state its body blocks and title share, the sentence loop, and the result.

`analyse_field` finds each doc's sentences, dates and actors; `code_field` turns each sentence's candidates
into events (participants completed by the discourse rules, dates, attribution, quotes); `finish` merges an
article's events (body and title), chooses their evidence, gives them ids and writes the diagnostics. The spaCy
components (`eventwire.components`) only call these; they hold no coding logic of their own.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.resolve import ActorResolver, ArticleContext, EntityMention
from eventwire.coding.attribution import sentence_attribution
from eventwire.coding.coder import Candidate, Coder
from eventwire.coding.dateline import Dateline, find_dateline
from eventwire.coding.dates import DateExpr, find_dates
from eventwire.coding.discourse import (
    TopicAct,
    antecedent,
    article_counterpart,
    article_state_for_sectors,
    borrow_targets,
    protest_at_embassy,
    protest_at_home,
    resolve_anaphors,
    topic_acts,
)
from eventwire.coding.lexicon import (
    Sense,
    agent_from_place,
    coding_for,
    domestic_by_default,
    target_from_article,
    target_in_sentence,
    target_required,
    two_parties_required,
)
from eventwire.coding.merge import absorb, codes, merge_events
from eventwire.coding.places import place_rules, visit_by_dateline, visit_to
from eventwire.coding.quotes import find_quotes
from eventwire.coding.window import CONFIDENCE as WINDOW_CONFIDENCE
from eventwire.model import Article, ArticleResult, Entity, Event, Mention, Quote

TERMINAL = {".", "!", "?", "»", "\"", "”", ":", ";"}
RECENT_EVENTS = 100  # events kept for reference across sentences (bounds the work per sentence in long texts)
CLASSIFIER_MODES = ("add", "veto", "both")
ADD_THRESHOLD = 0.7  # a typed prediction this sure was right 94% of the time in cross-validation (README)
VETO_THRESHOLD = 0.8  # NONE this sure was right 99% of the time in cross-validation
CLASSIFIER_CONFIDENCE = 0.4


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
    topics: dict[str, list[tuple[int, TopicAct]]] = field(default_factory=dict)  # acts told only as topics
    sentences_seen: dict[str, int] = field(default_factory=dict)
    dateline: Dateline | None = None  # "PARIS, 15 avril (Reuters) -" at the head of the body
    dateline_state: str | None = None  # the state of the dateline's place, when it names one ("SEOUL": KOR)
    skipped: int = 0  # sentences the prefilter kept from the parse
    # dyadic events whose sentence names no target, with their candidate: given the article's counterpart of
    # their actor at the end (`finish`), else left out with a diagnostic
    targetless: list[tuple[Event, Candidate]] = field(default_factory=list)
    # meetings and calls told with one state alone: given the side the article meets it with, or not coded
    partyless: list[tuple[Event, Candidate]] = field(default_factory=list)

    def __post_init__(self) -> None:
        art = self.article
        lex = self.coder.lex
        self.dateline = find_dateline(art.text, art.lang, art.published, lex.cue("determiners"),
                                      lex.cue("genitive_preps") | lex.cue("definite_articles"))


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


def analyse_field(doc: Doc, fs: FieldState) -> None:
    """Sentences, date expressions and actor mentions of one doc (a block of an article's body, or its title),
    each actor resolved by the date of its sentence; the state that dominates the article so far."""
    st = fs.article
    art = st.article
    if not len(doc):
        return
    fs.sents = _sentences(doc)
    dates = find_dates(doc.text, st.coder.lex, art.published)
    char_starts = [s.start_char for s in fs.sents]
    fs.sent_dates = {}
    filed = st.dateline.end - fs.offset if fs.field == "text" and st.dateline is not None else 0
    for d in dates:
        if d.start < filed:
            continue  # the dateline's day ("KYIV, March 4 (Wire) -") dates the report, not the sentence's act
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
    if fs.field == "text" and st.dateline is not None and off < st.dateline.end:
        # where and by whom it was filed: not a participant
        # the state it was filed from ("SEOUL": KOR); "SANAA/WASHINGTON" names two, hence neither
        filed_at = {st.resolver.kb.place_state(p, art.lang) for p in st.dateline.place.split("/")}
        st.dateline_state = next(iter(filed_at)) if len(filed_at) == 1 else None
        fs.mentions = [m for m in fs.mentions if m.entity.start < 0 or m.entity.start >= st.dateline.end]
    article_state_for_sectors(fs)
    st.entities.extend(m.entity for m in fs.mentions if m.kind == "actor")


def classify_sentences(fs: FieldState) -> None:
    """The learned type classifier's prediction for each sentence that names an actor with a code."""
    from eventwire.coding.classifier import default_classifier

    by_sent = _mentions_by_sentence(fs)
    todo = [k for k in range(len(fs.sents)) if any(m.entity.code for m in by_sent[k])]
    preds = default_classifier().predict([fs.sents[k].text.strip() for k in todo])
    fs.sentence_types = dict(zip(todo, preds, strict=True))


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
        resolve_anaphors(kept, coder, recent, mentions, sent)
        topics = st.topics.setdefault(fs.field, [])
        borrow_targets(kept, dropped, recent, coder, topics, s_mentions)
        topics.extend((n, act) for act in topic_acts(dropped))
        del topics[:-RECENT_EVENTS]
        protest_at_embassy(kept, coder, s_mentions)
        protest_at_home(kept, st.resolver.kb.country_name)
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
            background = _background(cand, dexpr, coder)
            other_act = _other_act(cand, lex)
            for ev in made:
                ev.date_period = dexpr.period if dexpr is not None else None
                ev.evidence.day, ev.evidence.background = ev.date, background
                ev.evidence.other_act = other_act
                ev.date_basis = "text" if ev.date else None
                if cand.anaphoric or len(codes(ev.actor + ev.recipient)) < (2 if ev.symmetric else 1):
                    target = antecedent(ev, cand, recent, n)
                    if target is not None:
                        absorb(target, ev)
                        if cand.why is not None:
                            ref = target.evidence.text[:40]
                            cand.why.append(f"refers back to the event in «{ref}...»")
                        continue
                if not ev.actor and not background and not ev.negated:
                    _agent_from_place(ev, st, cand, lex)
                if not any(e.code for e in ev.actor):
                    # "Gunmen opened fire", "the demonstrators accused the authorities": who acted is unknown
                    cand.why.append("no actor with a code: not an event" if ev.actor
                                    else "no actor found: not an event")
                    continue
                _weapon_test(ev, lex)
                if ev.type in target_required() and not any(e.code for e in ev.recipient) and not ev.negated:
                    st.targetless.append((ev, cand))
                    continue
                if ev.type in two_parties_required() and _one_state_alone(ev) and not ev.negated:
                    # completed or dropped at the article's end; later mentions ("das Gespräch") may refer to it
                    st.partyless.append((ev, cand))
                    recent.append((n, ev))
                    del recent[:-RECENT_EVENTS]
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
    _targets_from_article(st, res.diagnostics)
    merged = merge_events(st.events)
    if st.dateline_state is not None:  # after the merge: a mention elsewhere may say it was a call
        for ev in merged:
            if _news_of_the_day(ev, st):
                visit_by_dateline(ev, st.dateline_state)
    for ev in merged:
        _persons_in_sentences(ev, st.entities)
    undated: list[str] = []
    for k, ev in enumerate(merged):
        _choose_evidence(ev)
        _date_by_article(ev, st)
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
    by_news = sorted({ev.type for ev in merged if ev.date_basis in ("dateline", "published")})
    if by_news:
        res.diagnostics.append(f"event(s) reported as news without date words ({', '.join(by_news)}): dated by the "
                               f"{'dateline' if st.dateline and st.dateline.day else 'publication day'}")
    if undated:
        why = "told as background (recap, pluperfect, 'since')" if art.published else "no publication date"
        res.diagnostics.append(f"{len(undated)} event(s) dated nowhere ({', '.join(sorted(set(undated)))}): {why}; "
                               f"date left null, not guessed")
    if not merged:
        res.diagnostics.append("no event found: no trigger with an identified actor in any sentence")
    return res


def _persons_in_sentences(ev: Event, entities: list[Entity]) -> None:
    """"France formally recognised a Palestinian state on Monday, with President Emmanuel Macron telling the
    assembly ...", "Starmer s'est rendu à Kiev, où il a scellé avec Volodymyr Zelensky ...": a side coded as a bare
    state takes the one office-holder of that state the event's own sentences name (a person resolved with a role
    on that day), the person researchers name as the participant. Only the actors of a hostile act: the leader of
    a state attacked or sanctioned is not its target. Two office-holders of one state in those sentences: neither."""
    if ev.negated:
        return
    spans = [(m.field, m.start, m.end) for m in ev.mentions]
    named = {e.person_key or e.name for e in ev.actor + ev.recipient if e.kind == "person"}
    sides = [ev.actor] if ev.symmetric or (ev.score or 0) < 0 else [ev.actor, ev.recipient]
    for side in sides:
        bare = {e.code for e in side if e.code and e.kind == "state"} - {e.code for e in side if e.kind == "person"}
        found: dict[str, dict[str, Entity]] = {}
        for e in entities:
            if e.kind == "person" and e.code in bare and e.name and e.role and any(
                    f == e.field and a <= e.start < b for f, a, b in spans):
                found.setdefault(e.code, {}).setdefault(e.person_key or e.name, e)
        for people in found.values():
            if len(people) == 1 and not set(people) & named:
                side.append(replace(next(iter(people.values()))))


def _news_of_the_day(ev: Event, st: ArticleState) -> bool:
    """The event is the news the article files: dated in the two days up to its dateline's or publication day,
    or undated and not told as background."""
    day = (st.dateline.day if st.dateline else None) or st.article.published
    if ev.date and day:
        try:
            return 0 <= (date.fromisoformat(day[:10]) - date.fromisoformat(ev.date)).days <= 2
        except ValueError:
            return False
    return not ev.date and not ev.evidence.background


def _targets_from_article(st: ArticleState, diagnostics: list[str]) -> None:
    """An event whose sentence names no target takes the side the article pairs its actor with
    (`discourse.article_counterpart`, from the events coded with a target): a dyadic one (ontology
    `target_required`) that has no such side is not coded; one of `target_from_article` stays as it is."""
    coded = list(st.events)
    found = [(ev, article_counterpart(codes(ev.actor), coded, st.resolver.kb.country_name)) for ev in coded
             if ev.type in target_from_article() and not ev.recipient and not ev.symmetric and not ev.negated
             and len(codes(ev.actor)) == 1]
    for ev, other in found:  # all sides found first, then given: the result does not depend on the order
        if other is not None:
            ev.recipient = [other]
    for ev, cand in st.targetless:
        who = ", ".join(e.code or e.text for e in ev.actor)
        mine = codes(ev.actor)
        # one side acting: "Rusia y Ucrania" or an actor list mixing both sides has no single counterpart
        other = article_counterpart(mine, coded, st.resolver.kb.country_name,
                                    hostile=(ev.score or 0) < 0) if len(mine) == 1 else None
        if other is None and ev.type in target_in_sentence():
            other = _only_other_state(ev, cand, st.entities)
        if other is None and ev.mode in domestic_by_default().get(ev.type, ()) and len(mine) == 1 and all(
                e.kind == "state" or e.kind == "person" or e.sector == "GOV" for e in ev.actor) and (
                st.resolver.kb.country_name(next(iter(mine)))):
            # "Bangladesh imposed a nationwide curfew", "la junte a coupé l'accès aux réseaux sociaux": repression
            # aimed at no one named, neither in the sentence nor in the article, is a state's act on its own people
            other = _state(st.resolver.kb, next(iter(mine)), "domestic", sector="GOV")
        where = f"«{cand.trigger.text}» in «{ev.evidence.text[:60]}»"
        if other is None:
            cand.why.append("no recipient: a dyadic type needs one")
            diagnostics.append(f"{ev.type} by {who} has no recipient in the text ({where}): not coded")
            continue
        ev.recipient = [other]
        cand.why.append(f"target: {other.code}, " + ("its own state (domestic)" if other.source == "domestic" else
                                                     f"the side the article pairs {who} with"))
        diagnostics.append(f"{ev.type} by {who} names no recipient ({where}): {other.code} taken from the "
                           f"article's other events")
        st.events.append(ev)
    kb = st.resolver.kb
    for ev, cand in st.partyless:
        mine = codes(ev.actor + ev.recipient)
        where = (ev.location or {}).get("code")
        if where and mine and where not in mine and ev.mode in (None, "visit"):
            visit_to(kb, ev, where)
            cand.why.append(f"one side meeting in {where}: a visit there")
            st.events.append(ev)
            continue
        same = [e for e in coded if e.type == ev.type]
        other = (article_counterpart(mine, same, kb.country_name)
                 or article_counterpart(mine, coded, kb.country_name))
        where = f"«{cand.trigger.text}» in «{ev.evidence.text[:60]}»"
        who = ", ".join(sorted(mine))
        if other is None:
            cand.why.append("one party alone: a meeting or call needs two")
            diagnostics.append(f"{ev.type} of {who} alone ({where}): the article names no other party; not coded")
            continue
        if ev.symmetric or not ev.actor:
            ev.actor = [*ev.actor, other]
        else:
            ev.recipient = [other]
        cand.why.append(f"other party: {other.code}, the side the article meets {who} with")
        diagnostics.append(f"{ev.type} of {who} names no other party ({where}): {other.code} taken from the "
                           f"article's other events")
        st.events.append(ev)


def _agent_from_place(ev: Event, st: ArticleState, cand: Candidate, lex) -> None:
    """"20 people were arrested" (ontology `agent_from_place`): no actor named, the authorities of the state the
    article is filed from (its dateline: "RABAT —") arrested them, and the people arrested without a code are its
    own."""
    if ev.mode not in agent_from_place().get(ev.type, ()) or "Inf" in cand.trigger.morph.get("VerbForm"):
        return  # "hasta que detener la agresión", "en lugar de detener a sus tripulantes": no arrest told
    before = " " + " ".join(t.lower_ for t in cand.sent if t.i < cand.trigger.i) + " "
    if any(f" {w} " in before for w in lex.cue("negative_subjects")):
        return  # "No one was arrested", "Nadie fue detenido": no arrest
    # the place the arrest verb itself names ("were arrested in Tehran"), else the dateline's; not any place the
    # sentence names: "a missionary from Calgary was arrested in Lebanon" has Calgary first
    own = cand.own_place.entity.code if cand.own_place is not None else None
    code = own or st.dateline_state
    if not code:
        return
    state = _state(st.resolver.kb, code, "place")
    ev.actor = [state]
    if not any(e.code for e in ev.recipient):
        # "a missionary from Calgary was arrested": the people arrested are of the place named with them
        home = cand.patient_home.entity.code if cand.patient_home is not None else None
        ev.recipient = [_state(st.resolver.kb, home, "place") if home else replace(state)]
    cand.why.append(f"no actor: the authorities of {code}, " + (
        f"where the arrest was made ('{cand.own_place.entity.text}')" if own else "where the article is filed from"))


def _state(kb: KnowledgeBase, code: str, source: str, sector: str | None = None) -> Entity:
    """A state as a participant the text implies, named as the knowledge base names it."""
    name = kb.country_name(code)
    return Entity(name or code, code, "state", name=name, sector=sector, source=source, start=-1, end=-1)


def _only_other_state(ev: Event, cand: Candidate, entities: list[Entity]) -> Entity | None:
    """"Les forces américaines ont frappé un nouveau bateau présenté comme transportant de la drogue depuis le
    Venezuela": an attack whose target the parse does not reach, in a sentence naming one state besides the
    attacker's, after the trigger (and besides whoever the sentence quotes), is aimed at that state."""
    mine = codes(ev.actor)
    source = ((ev.attribution or {}).get("source") or "").lower()
    m = ev.evidence
    # after the trigger: a state before it is the sentence's speaker or the subject of another clause ("Italy
    # announced a suspension of air links, one day after a Serbian jet shot down a helicopter")
    after = m.start + (cand.trigger.idx - cand.sent.start_char) + len(cand.trigger.text)
    found = {e.code: e for e in entities if e.field == m.field and after <= e.start < m.end and e.code
             and e.kind == "state" and e.code not in mine and (e.text or "").lower() not in source}
    if len(found) != 1:
        return None
    e = next(iter(found.values()))
    return replace(e, role=None, role_start=None, role_end=None, source="sentence", person_key=None)


def _one_state_alone(ev: Event) -> bool:
    """A meeting with fewer than two coded parties, none of them an organisation (whose members meet)."""
    parts = [e for e in ev.actor + ev.recipient if e.code]
    return len({e.code for e in parts}) < 2 and not any(e.kind == "organization" for e in parts)


def _weapon_test(ev: Event, lex) -> None:
    """"North Korea fired a ballistic missile toward the East Sea": a missile or rocket fired at no one is a
    weapons test (MOBILIZE), not an attack (PLOVER)."""
    if ev.type != "ASSAULT" or any(e.code for e in ev.recipient):
        return
    words = set(ev.evidence.text.lower().replace(",", " ").replace(".", " ").split())
    if words & lex.cue("weapon_test_nouns"):
        ev.type, ev.mode = "MOBILIZE", "weapons"
        coding = coding_for(ev.type, ev.mode)
        ev.cameo, ev.score, ev.quad_class = coding.cameo, coding.score, coding.quad_class


def _background(cand: Candidate, dexpr: DateExpr | None, coder: Coder) -> bool:
    """Does the sentence tell this event as background rather than as the article's news? A time reference
    ("after the summit"), a month or year only ("in March 2022"), a pluperfect ("had met", "avait affirmé"),
    or a background marker in the sentence ("since", "last year", "depuis")."""
    if cand.temporal or (dexpr is not None and dexpr.period):
        return True
    t = cand.trigger
    verb = t if t.pos_ in ("VERB", "AUX") else t.head
    plup = coder.c.get("pluperfect_aux", set())
    if any(c.dep_.startswith("aux") and c.lower_ in plup for c in verb.children):
        return True
    if not t.doc.has_annotation("DEP"):  # clause windows: the auxiliary anywhere before the trigger
        if any(x.lower_ in plup for x in cand.sent if x.i < t.i):
            return True
    low = f" {cand.sent.text.lower()} "
    return any(f" {m} " in low or f" {m}," in low for m in coder.c.get("background_markers", ()))


def _other_act(cand: Candidate, lex) -> bool:
    """"Selenskyj unterzeichnete ein ähnliches Abkommen mit Macron", "held a separate call with": a word near the
    trigger (lexicon `other_act_words`) says the act is another one than those told before."""
    t, words = cand.trigger, lex.cue("other_act_words")
    return bool(words) and any(x.lower_ in words for x in cand.sent if -3 <= x.i - t.i <= 6 and x.i != t.i)


def _date_by_article(ev: Event, st: ArticleState) -> None:
    """The event's date as the article gives it: its own sentence's date words (text); else those of another
    sentence telling it (article); else, when one of its sentences tells it as news, the dateline's day or the
    publication day; else none (background dated nowhere)."""
    if ev.date:
        ev.date_basis = "text" if ev.evidence.day == ev.date else "article"
        return
    ev.date_basis = None
    if ev.date_period or all(m.background for m in ev.mentions):
        return
    if st.dateline is not None and st.dateline.day:
        ev.date, ev.date_basis = st.dateline.day, "dateline"
    elif st.article.published:
        ev.date, ev.date_basis = st.article.published, "published"


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
        place_rules(kb, ev)
        out.append(ev)
    return out


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
