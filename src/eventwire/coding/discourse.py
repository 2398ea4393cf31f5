"""Reference across an article's sentences: subjects that refer back ("ils", "the two sides", a dropped
Spanish subject), later mentions of an event told earlier ("la conversation"), reactions and threats whose target
is the author of an act reported earlier, protests at an embassy, and state agents named without their state."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Span

from eventwire.actors.resolve import EntityMention
from eventwire.coding.coder import REACTIONS, SUBJ, SYMMETRIC_TYPES, Candidate, Coder
from eventwire.coding.merge import codes
from eventwire.model import Entity, Event

if TYPE_CHECKING:
    from eventwire.coding.article import FieldState

@dataclass
class TopicAct:
    """An act mentioned only as the topic of another ("condemned the strikes that both countries launched"):
    not an event of its own, but whoever did it is who a later reaction to "the strikes" is aimed at."""

    type: str
    actor: list
    text: str

    @property
    def evidence(self) -> TopicAct:
        return self


def topic_acts(dropped: list[Candidate]) -> list[TopicAct]:
    """The nested acts of a sentence whose authors are known."""
    out = []
    for d in dropped:
        ents = [m.entity for m in d.actors if m.entity.code]
        if ents and any(w.startswith("nested under") for w in d.why):
            out.append(TopicAct(d.type, ents, d.sent.text))
    return out


JOINT_TYPES = {"AGREE", "SUPPORT"}  # done together by plural subjects: signing, agreeing
ARTICLE_SECTORS = {"GOV", "COP", "MIL", "JUD", "LEG", "SPY"}


def article_state_for_sectors(fs: FieldState) -> None:
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


def borrow_targets(kept: list[Candidate], dropped: list[Candidate], recent: list[tuple[int, Event]],
                    coder: Coder | None = None, topics: list[tuple[int, TopicAct]] = (),
                    mentions: list[EntityMention] = ()) -> None:
    """"Berlin condemned the attack", "Alger a rejeté ces accusations": a reaction without a named target whose
    object is an act or statement reported earlier in the article takes that act's author as its target
    (the latest event of the object's type by someone else, else the latest event by someone else)."""
    for cand in kept:
        if cand.type not in REACTIONS | {"THREATEN"} or cand.recipients or not (cand.actors or cand.borrowed_actors):
            continue
        acts = [d for d in dropped if d.trigger.i > cand.trigger.i and d.trigger.sent == cand.trigger.sent]
        if cand.type == "THREATEN":
            # "warned that it would use nuclear weapons if attacked by South Korea": a threat is aimed at whoever
            # would commit the act it is conditioned on
            acts += [k for k in kept if k.hypothetical and k is not cand and k.trigger.i > cand.trigger.i
                     and k.trigger.sent == cand.trigger.sent]
        mine = {m.entity.code for m in cand.actors} | {e.code for e in cand.borrowed_actors}
        document = not acts and coder is not None and _answers_a_document(cand, coder)
        if not acts and coder is not None and (document or coder.object_is_demonstrative(
                cand, {i for m in mentions if m.entity.code for i in m.tokens})):
            # "a rejeté ces critiques", "rejected these claims": the latest event by someone else
            acts = [cand]
        if not acts:
            # "Moscou a promis une réponse": whoever acted on the speaker just before is the target
            prior = next((ev for _, ev in reversed(recent[-3:]) if mine & codes(ev.recipient)
                          and not codes(ev.actor) <= mine), None)
            _take_target(cand, prior, mine, f"who acted on {'/'.join(sorted(c for c in mine if c))} just before "
                                            f"(«{prior.evidence.text[:40] if prior else ''}...»)")
            continue
        # the acts told so far, events and topics alike, latest first
        told = [ev for _, ev in sorted([*recent, *topics], key=lambda x: x[0], reverse=True)]
        for d in acts:
            own = [m.entity for m in d.actors if m.entity.code and m.entity.code not in mine] if d is not cand else []
            if own:
                # "promised a response to the expulsion of its diplomats by Poland": the act names its author
                cand.borrowed = own
                cand.why.append(f"target: the author of «{d.trigger.text}», the act it answers")
                break
            others = [ev for ev in told if not codes(ev.actor) <= mine]
            if document and d is cand:
                # "a salué une décision", "welcomed the resolution": a decision is an act, not a reaction to one
                others = [ev for ev in others if ev.type not in REACTIONS] or others
            prior = next((ev for ev in others if ev.type == d.type and d is not cand), None) or (
                others[0] if others else None)
            if _take_target(cand, prior, mine, f"the author of the {prior.type if prior else ''} reported "
                                               f"earlier («{d.trigger.text}» refers back to it)"):
                break


def _answers_a_document(cand: Candidate, coder: Coder, span: int = 4) -> bool:
    """A decision, resolution or ruling (lexicon `document_nouns`) follows the reaction's trigger within a few
    words: "a salué une décision", "welcomed the resolution", "begrüßt die Resolution"."""
    nouns = coder.lex.cue("document_nouns")
    t = cand.trigger
    after = t.doc[t.i + 1:min(t.i + 1 + span, t.sent.end)]
    return any(w.lower_ in nouns or w.lemma_.lower() in nouns for w in after if not w.is_punct)


def protest_at_embassy(kept: list[Candidate], coder: Coder, mentions: list[EntityMention]) -> None:
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


def protest_at_home(kept: list[Candidate], name_of) -> None:
    """"Thousands of Nigerians rallied in Lagos to protest rights violations", "Young Algerians blocked roads to press
    their demands": a protest by one state's people, at home, with no target named, is aimed at their own state
    (its government), as ICEWS and the PLOVER records code domestic protest."""
    for cand in kept:
        if cand.type != "PROTEST" or any(m.entity.code for m in cand.recipients) or cand.borrowed:
            continue
        own = {m.entity.code for m in cand.actors if m.entity.code}
        if len(own) != 1 or any(m.entity.kind == "organization" for m in cand.actors):
            continue
        code = next(iter(own))
        if cand.location is not None and cand.location.entity.code not in (None, code):
            continue  # a protest abroad ("outside the embassy in Paris") is aimed at someone else
        cand.borrowed = [Entity(name_of(code) or code, code, "state", name=name_of(code), sector="GOV",
                                source="domestic", start=-1, end=-1)]
        cand.why.append("target: the protesters' own state (a protest at home naming no other target)")


def _take_target(cand: Candidate, prior: Event | None, mine: set, why: str) -> bool:
    """Make the actors of `prior` (other than the candidate's own) the candidate's target; True if any."""
    if prior is None:
        return False
    cand.borrowed = [e for e in prior.actor if e.code and e.code not in mine]
    if cand.borrowed:
        cand.why.append("target: " + why)
    return bool(cand.borrowed)


def resolve_anaphors(kept: list[Candidate], coder: Coder, recent: list[tuple[int, Event]],
                      mentions: list[EntityMention], sent: Span) -> None:
    """A subject that refers back — "ils", "they", "les deux dirigeants", "the two sides", "beide", a Spanish
    verb without a subject — takes its actors from the article: a plural one the participants of the latest
    event, a singular one the latest person named before the sentence."""
    cues = coder.c
    plural_cues = set(cues.get("plural_anaphors", []))
    singular_cues = set(cues.get("singular_anaphors", []))
    dual_cues = set(cues.get("dual_anaphors", []))
    for cand in kept:
        if any(m.entity.code for m in cand.actors):
            continue
        words, plural = coder.subject_words(cand)
        dual = bool(set(words) & dual_cues)
        if any(ev.type == cand.type for _, ev in recent[-3:]) and not (
                dual and not any(ev.type == cand.type and ev.symmetric for _, ev in recent[-3:])):
            continue  # "la conversation", "les deux parties ont échangé": the same happening, merged later
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
            if dual:
                # "les deux présidents sont convenus", "ambos mandatarios coincidieron": the two parties of the
                # latest event between two sides (a call, a meeting), not whoever acted last
                pairs = [ev for _, ev in reversed(recent[-5:]) if len(codes(ev.actor + ev.recipient)) == 2]
                prior = next((ev for ev in pairs if ev.symmetric), pairs[0] if pairs else prior)
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
            # the person who was the subject of the sentence before ("À Kiev, Zelensky s'est dit favorable ...
            # Mercredi, il a accusé"), else the latest event's actor when it is a person ("Il a appelé ..."), else
            # the latest person named
            prior_person = _previous_subject_person(mentions, sent) or next(
                (e for _, ev in reversed(recent[-2:]) for e in ev.actor if e.kind == "person" and e.code), None)
            person = prior_person or next((m.entity for m in reversed(mentions) if m.entity.kind == "person"
                                           and m.entity.code and m.start < cand.trigger.i
                                           and m not in cand.recipients), None)
            if person is not None:
                cand.borrowed_actors = [person]
                cand.why.append(f"subject refers back to {person.name or person.text}")


def _previous_subject_person(mentions: list[EntityMention], sent: Span) -> Entity | None:
    """The person with a code named as the subject of the sentence just before `sent` (parsed text only)."""
    doc = sent.doc
    if sent.start == 0 or not doc.has_annotation("DEP"):
        return None
    prev = doc[sent.start - 1].sent
    for m in reversed(mentions):
        if m.entity.kind != "person" or not m.entity.code or not (prev.start <= m.start < prev.end):
            continue
        root = next((doc[i] for i in sorted(m.tokens) if doc[i].head.i not in m.tokens or doc[i].head.i == i), None)
        while root is not None and root.dep_ in ("appos", "flat", "flat:name", "compound") and root.head.i != root.i:
            root = root.head
        if root is not None and root.dep_ in SUBJ:
            return m.entity
    return None


def antecedent(ev: Event, cand: Candidate, recent: list[tuple[int, Event]], n: int) -> Event | None:
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


def article_counterpart(actor_codes: set[str], events: list[Event], name_of=lambda code: None,
                        hostile: bool = False) -> Entity | None:
    """"Russia launched another wave of drones overnight", "l'UE a adopté son 17e paquet de sanctions": an act aimed
    at someone by nature, whose sentence names no target, is aimed at the side the article pairs its actor with:
    the code that stands most often opposite the actor (recipient of its acts, or author of acts on it) in the
    article's coded events (only its hostile ones, negative score, when `hostile`: an attack's target is the
    side it fights, not the one it meets), when one code leads. None when the article pairs the actor with nobody,
    or with two sides equally: then no target is guessed."""
    pairs: dict[str, int] = {}
    seen: dict[str, Entity] = {}
    for ev in events:
        if ev.negated or ev.hypothetical or hostile and not (ev.score or 0) < 0:
            continue
        acts, recs = codes(ev.actor), codes(ev.recipient)
        if actor_codes & acts:
            opposite = [e for e in ev.recipient if e.code and e.code not in actor_codes]
        elif actor_codes & recs:
            opposite = [e for e in ev.actor if e.code and e.code not in actor_codes]
        else:
            continue
        for code in {e.code for e in opposite}:
            pairs[code] = pairs.get(code, 0) + 1
        for e in opposite:
            # the side as a whole (its state or organisation) rather than one of its persons
            if e.code not in seen or e.kind in ("state", "organization") and seen[e.code].kind == "person":
                seen[e.code] = e
    if not pairs:
        return None
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    e = seen[ranked[0][0]]
    if e.kind == "person":
        name = name_of(e.code)
        return Entity(name or e.code or "", e.code, "state", name=name, source="article", start=-1, end=-1)
    return replace(e, role=None, role_start=None, role_end=None, source="article", start=-1, end=-1,
                   person_key=None)

