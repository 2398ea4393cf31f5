"""The one place that runs an article through the stages in order.

The CLI, the evaluator, ingest and the benchmarks all call `Pipeline.code` / `Pipeline.code_many`;
none re-implements a stage.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from eventwire.actors.kb import KnowledgeBase, default_kb
from eventwire.actors.resolve import ActorResolver, ArticleContext, EntityMention
from eventwire.coding.attribution import sentence_attribution
from eventwire.coding.coder import REACTIONS, SYMMETRIC_TYPES, Candidate, Coder
from eventwire.coding.dates import DateExpr, find_dates
from eventwire.coding.lexicon import coding_for, lexicon, target_required
from eventwire.coding.merge import absorb, codes, merge_events
from eventwire.coding.quotes import find_quotes
from eventwire.coding.window import CONFIDENCE as WINDOW_CONFIDENCE
from eventwire.coding.window import WindowCoder
from eventwire.model import Article, ArticleResult, Entity, Event, Mention, Quote
from eventwire.nlp import models
from eventwire.nlp.text import normalise

TERMINAL = {".", "!", "?", "»", "\"", "”", ":", ";"}
JOINT_TYPES = {"AGREE", "SUPPORT"}  # done together by plural subjects: signing, agreeing


@dataclass
class Trace:
    """What happened to each sentence, for `eventwire explain`."""

    sentences: list[dict] = field(default_factory=list)


class Pipeline:
    def __init__(self, kb: KnowledgeBase | None = None, model_override: dict[str, str] | None = None) -> None:
        self.kb = kb or default_kb()
        self.model_override = model_override or {}
        self._resolvers: dict[str, ActorResolver] = {}

    # ---------------------------------------------------------------- public
    def code(self, article: Article, trace: Trace | None = None) -> ArticleResult:
        return next(iter(self.code_many([article], trace=trace)))

    def code_many(self, articles: Iterable[Article], batch_size: int = 32,
                  trace: Trace | None = None) -> Iterator[ArticleResult]:
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= batch_size:
                yield from self._code_batch(batch, trace)
                batch = []
        if batch:
            yield from self._code_batch(batch, trace)

    # ---------------------------------------------------------------- internals
    def _code_batch(self, batch: list[Article], trace: Trace | None) -> Iterator[ArticleResult]:
        by_lang: dict[str, list[int]] = {}
        results: list[ArticleResult | None] = [None] * len(batch)
        for i, art in enumerate(batch):
            by_lang.setdefault(art.lang or "und", []).append(i)
        for lang, idx in by_lang.items():
            name = models.model_name_for(lang, self.model_override)
            lex = lexicon(lang)
            if name is None or lex is None:
                for i in idx:
                    missing = "no spaCy model" if name is None else "no trigger lexicon"
                    results[i] = ArticleResult(batch[i], diagnostics=[
                        f"language '{lang}' has no pipeline ({missing} installed for it): article not coded"])
                continue
            nlp = models.load(name)
            texts = []
            for i in idx:
                texts.append(normalise(batch[i].text))
                texts.append(normalise(batch[i].title or ""))
            docs = list(nlp.pipe(texts, batch_size=64))
            resolver = self._resolver(lang, nlp)
            coder = WindowCoder(lex) if models.is_blank(name) else Coder(lex)
            for k, i in enumerate(idx):
                res = self._code_article(batch[i], docs[2 * k], docs[2 * k + 1], resolver, coder, trace)
                res.pipeline = name
                results[i] = res
        for r in results:
            assert r is not None
            yield r

    def _resolver(self, lang: str, nlp) -> ActorResolver:
        if lang not in self._resolvers:
            self._resolvers[lang] = ActorResolver(self.kb, lang, nlp.tokenizer)
        return self._resolvers[lang]

    def _code_article(self, art: Article, body: Doc, title: Doc, resolver: ActorResolver, coder: Coder,
                      trace: Trace | None) -> ArticleResult:
        res = ArticleResult(art)
        lex = coder.lex
        if art.lang_detected:
            res.diagnostics.append(f"language detected as '{art.lang}' (not given in the input)")
        ctx = ArticleContext()
        events: list[Event] = []
        quotes: list[Quote] = []
        undated: list[str] = []
        date_problems: set[str] = set()
        last_date: str | None = None
        for field_name, doc in (("text", body), ("title", title)):
            if not len(doc):
                continue
            dates = find_dates(doc.text, lex, art.published)
            sents = _sentences(doc)
            sent_dates = {id(s): [d for d in dates if s.start_char <= d.start < s.end_char] for s in sents}

            def day_of(tok_i: int, sents=sents, sent_dates=sent_dates) -> str | None:
                s = next((x for x in sents if x.start <= tok_i < x.end), None)
                ds = [d.value for d in sent_dates.get(id(s), []) if d.value] if s is not None else []
                return ds[0] if ds else art.published

            mentions = resolver.resolve(doc, ctx, day_of, field_name)
            res.entities.extend(m.entity for m in mentions if m.kind == "actor")
            recent: list[tuple[int, Event]] = []
            for n, sent in enumerate(sents):
                s_mentions = [m for m in mentions if sent.start <= m.start < sent.end]
                kept, dropped = coder.code_sentence(sent, s_mentions)
                attribution = sentence_attribution(sent, lex)
                s_dates = sent_dates[id(sent)]
                for d in s_dates:
                    if d.problem:
                        date_problems.add(d.problem)
                _resolve_anaphors(kept, coder, recent, mentions, sent)
                _borrow_targets(kept, dropped, recent, coder)
                if trace is not None:
                    trace.sentences.append(_trace_row(field_name, sent, s_mentions, kept, dropped))
                for cand in kept:
                    if cand.temporal and not cand.actors:
                        cand.why.append("dropped: a time reference to an event, not a report of one")
                        continue
                    dexpr = _nearest_date(cand, s_dates)
                    day, day_text = None, None
                    if dexpr is not None:
                        day_text = dexpr.text
                        if dexpr.next_day and last_date:
                            day = (date.fromisoformat(last_date) + timedelta(days=1)).isoformat()
                        else:
                            day = dexpr.value
                    made = self._events(art, field_name, cand, day, day_text, attribution)
                    for ev in made:
                        if cand.anaphoric or len(codes(ev.actor + ev.recipient)) < (2 if ev.symmetric else 1):
                            target = _antecedent(ev, cand, recent, n)
                            if target is not None:
                                absorb(target, ev)
                                if cand.why is not None:
                                    ref = target.evidence.text[:40]
                                    cand.why.append(f"refers back to the event in «{ref}...»")
                                continue
                        if not ev.actor:
                            cand.why.append("no actor found: not an event")
                            continue
                        if ev.type in target_required() and not ev.recipient and not ev.negated:
                            who = ", ".join(e.code or e.text for e in ev.actor)
                            cand.why.append("no recipient: a dyadic type needs one")
                            res.diagnostics.append(f"{ev.type} by {who} has no recipient in the text "
                                                   f"(«{cand.trigger.text}» in «{ev.evidence.text[:60]}»): not coded")
                            continue
                        events.append(ev)
                        recent.append((n, ev))
                        if ev.date:
                            last_date = ev.date
            for q in find_quotes(doc, mentions, lex):
                speaker = q.speaker.entity if q.speaker else Entity("", None, "person", source="unknown")
                attr = sentence_attribution(q.sent, lex)
                original = art.field_text(field_name)[q.start:q.end]
                quotes.append(Quote(speaker, original, q.start, q.end, field_name,
                                    attr["source"] if attr else None))
                if q.speaker is None:
                    res.diagnostics.append(f"quote at {q.start} has no identified speaker")
        merged = merge_events(events)
        for k, ev in enumerate(merged):
            _choose_evidence(ev)
            ev.id = _event_id(art.id, ev, k)
            if ev.date is None:
                undated.append(ev.type)
        res.events = merged
        res.quotes = quotes
        for problem in sorted(date_problems):
            res.diagnostics.append(f"date: {problem}; event date left null")
        if undated:
            res.diagnostics.append(f"{len(undated)} event(s) have no date expression in their sentences "
                                   f"({', '.join(sorted(set(undated)))}): date left null, not guessed")
        if not merged:
            res.diagnostics.append("no event found: no trigger with an identified actor in any sentence")
        return res

    def _events(self, art: Article, field_name: str, cand: Candidate, day: str | None, day_text: str | None,
                attribution: dict | None) -> list[Event]:
        sent = cand.sent
        text = art.field_text(field_name)
        s, e = _trim(text, sent.start_char, sent.end_char)
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
                confidence=(WINDOW_CONFIDENCE if any("clause-window" in w for w in cand.why) else 0.8)
                * (0.75 if cand.anaphoric else 1.0), symmetric=cand.symmetric, mentions=[mention],
            )
            self._visit_by_location(ev)
            self._protest_by_location(ev)
            self._target_by_location(ev)
            out.append(ev)
        return out

    def _protest_by_location(self, ev: Event) -> None:
        """"Thousands rallied in Belgrade": protesters with no named side are civilians of the state where they
        demonstrate, and their target, when the text names none, is that state's government."""
        if ev.type != "PROTEST" or any(e.code for e in ev.actor) or not ev.location or not ev.location.get("code"):
            return
        where = ev.location["code"]
        ev.actor = [Entity("protesters", where, "group", name=self.kb.country_name(where), sector="CVL",
                           source="location")]
        if not any(e.code for e in ev.recipient):
            ev.recipient = [Entity(ev.location["text"], where, "state", name=self.kb.country_name(where),
                                   sector="GOV", source="location")]

    def _target_by_location(self, ev: Event) -> None:
        """"Israeli aircraft struck targets in southern Lebanon": an attack with no named target hits the state
        where it happens, when that is not the attacker's own."""
        if ev.type != "ASSAULT" or any(e.code for e in ev.recipient) or not ev.location:
            return
        where = ev.location.get("code")
        if where and where not in codes(ev.actor) and any(e.code for e in ev.actor):
            ev.recipient = [Entity(ev.location["text"], where, "state", name=self.kb.country_name(where),
                                   source="location")]

    def _visit_by_location(self, ev: Event) -> None:
        """A meeting in one participant's country is a visit by the others; elsewhere, a third-party meeting."""
        if ev.type != "CONSULT" or not ev.location or not ev.location.get("code"):
            return
        where = ev.location["code"]
        if ev.mode == "visit":
            # "une visite officielle à Rome": the host is the state visited when the text names no host
            if not ev.recipient and where not in codes(ev.actor):
                ev.recipient = [Entity(ev.location["text"], where, "state", name=self.kb.country_name(where),
                                       source="location")]
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
    return min(ds, key=lambda d: abs(d.start - pos))


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
        if kind == "plural" and recent:
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
