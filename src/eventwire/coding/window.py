"""Coding without a dependency parse (languages with a tokenizer and lookup lemmas only, e.g. German).

The sentence is cut into clauses at commas, semicolons and clause-joining words that the lexicon's cues name;
in each clause a trigger (a lexicon verb or noun, looked up by lemma or form, no part of speech) takes:
  - as actors: the actors of the clause before the trigger's first verb group (German verb-second order puts
    the subject first: "Russland hat die Ukraine angegriffen"), or after a passive agent preposition ("von");
  - as partners: those after a partner preposition ("mit", "zwischen");
  - as recipients: the other actors of the clause after the first one, unless a location or attribution
    preposition stands before them.
Negation, hypothesis and future come from cue words anywhere in the clause. Candidates carry a lower
confidence than parsed ones and say in `why` that the clause-window rules made them.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from eventwire.actors.resolve import EntityMention
from eventwire.coding.coder import CONTENT_TYPES, Candidate, Coder, settle_modality
from eventwire.coding.lexicon import Lexicon, Sense

CONFIDENCE = 0.5




class WindowCoder(Coder):
    """Same interface as Coder (code_sentence -> kept, dropped), rules over token windows."""

    def __init__(self, lex: Lexicon) -> None:
        super().__init__(lex)
        self.split_words = set(self.c.get("clause_breaks", [])) | {";", ":", "—", "–"}
        # separable verbs take the infinitive particle inside: "abzuziehen", "aufzunehmen", "zurückzuziehen"
        prefixes = "|".join(sorted(map(re.escape, self.c.get("separable_prefixes", ())), key=len, reverse=True))
        particle = "|".join(map(re.escape, self.c.get("infinitive_particle", ())))
        self.zu_infix = re.compile(rf"^({prefixes})({particle})\w+en$") if prefixes and particle else None

    # ------------------------------------------------------------ clauses and triggers
    def clauses(self, sent: Span) -> list[Span]:
        out, start = [], sent.start
        doc = sent.doc
        subs = set(self.c.get("subordinators", []))
        for t in sent:
            if t.i == sent.start:
                continue
            # a comma ends a subordinate clause that opened the current one ("Wenn Teheran ..., würde die EU")
            closes_sub = t.text == "," and doc[start].lower_ in subs
            if t.lower_ in self.split_words or (t.text == "," and (self._clause_after_comma(t) or closes_sub)):
                if t.i > start:
                    out.append(doc[start:t.i])
                start = t.i + 1 if t.text in (",", ";", ":", "—", "–") else t.i
        if start < sent.end:
            out.append(doc[start:sent.end])
        return [c for c in out if len(c)]

    def _clause_after_comma(self, comma: Token) -> bool:
        """A comma opens a new clause when a subordinator or relative pronoun follows it."""
        nxt = comma.nbor(1) if comma.i + 1 < len(comma.doc) else None
        return nxt is not None and nxt.lower_ in set(self.c.get("subordinators", []))

    def triggers(self, sent: Span) -> list[tuple[Token, Sense]]:
        out = []
        for clause in self.clauses(sent):
            words = {t.lower_ for t in clause} | {t.lemma_.lower() for t in clause}
            for t in clause:
                if t.is_punct:
                    continue
                senses = (self.lex.verbs.get(t.lower_) or self.lex.verbs.get(t.lemma_.lower())
                          if not t.text[:1].isupper() or t.i == sent.start else None)
                if not senses:
                    senses = self.lex.nouns.get(t.lower_) or self.lex.nouns.get(t.lemma_.lower())
                for sense in senses or ():
                    if sense.requires and not words & set(sense.requires):
                        continue
                    if sense.excludes and words & set(sense.excludes):
                        continue
                    if sense.obj and not words & set(sense.obj):
                        continue
                    out.append((t, sense))
                    break
        return out

    def anchor(self, sent: Span, mentions: list[EntityMention]) -> Token | None:
        """Without a parse: the first lower-case word after the first actor named (German puts the finite verb
        second: "Die Polizei nahm ... fest")."""
        first = min((m.end for m in mentions), default=sent.start)
        return next((t for t in sent if t.i >= first and t.is_alpha and t.text[:1].islower()), None)

    # ------------------------------------------------------------ candidates
    def code_sentence(self, sent: Span, mentions: list[EntityMention],
                      fallback: list[tuple[Token, Sense]] | None = None) -> tuple[list[Candidate], list[Candidate]]:
        kept: list[Candidate] = []
        dropped: list[Candidate] = []
        clauses = self.clauses(sent)
        trig = self.triggers(sent) or list(fallback or ())
        prev_agents: list[EntityMention] = []
        for clause in clauses:
            in_clause = [(t, s) for t, s in trig if clause.start <= t.i < clause.end]
            conj = set(self.c.get("conjunctions", []))
            parts = [clause]
            for t, _ in in_clause[1:]:
                # "verurteilte den Angriff und forderte Moskau ... auf": a verb after 'und' opens a new clause
                j = t.i - 1
                if t.text[:1].islower() and any(clause.doc[k].lower_ in conj for k in range(parts[-1].start, j + 1)):
                    k = max(k for k in range(parts[-1].start, t.i) if clause.doc[k].lower_ in conj)
                    # "für bessere Krankenhäuser und Schulen hat die Polizei ... festgenommen": a capitalised word
                    # after 'und' is a coordinated noun, not a verb opening a clause with the subject before it
                    if k > parts[-1].start and not clause.doc[k + 1].text[:1].isupper():
                        parts[-1] = clause.doc[parts[-1].start:k]
                        parts.append(clause.doc[k + 1:clause.end])
            if len(parts) > 1:
                first_agents: list[EntityMention] = []
                for n_part, part in enumerate(parts):
                    sub = [(t, s_) for t, s_ in in_clause if part.start <= t.i < part.end]
                    made = self._clause(sub, part, sent, mentions, kept, dropped, shared_subject=n_part > 0)
                    if made is not None and n_part == 0:
                        first_agents = made.actors
                    elif made is not None and not made.actors and first_agents:
                        _share_subject(made, first_agents)
                prev_agents = first_agents or prev_agents
                continue
            words = [x for x in clause if not x.is_punct]
            if (len(words) > 1 and words[0].lower_ in conj and in_clause and in_clause[0][0].i == words[1].i
                    and words[1].text[:1].islower() and prev_agents):
                # "warf Manila vor, die Boote seien ... eingedrungen, und machte allein die philippinische Seite
                # verantwortlich": a clause opened by 'und' and its verb shares the subject of the clause before
                made = self._clause(in_clause, clause, sent, mentions, kept, dropped, shared_subject=True)
                if made is not None and not made.actors:
                    _share_subject(made, prev_agents)
                continue
            made = self._clause(in_clause, clause, sent, mentions, kept, dropped)
            if made is not None and made.actors:
                prev_agents = made.actors
        self._nest_infinitives(kept, dropped)
        return kept, dropped

    def _nest_infinitives(self, kept: list[Candidate], dropped: list[Candidate]) -> None:
        """"Selenskyj forderte Deutschland auf, Luftabwehrsysteme zu liefern", "Scholz forderte Putin auf, seine
        Truppen abzuziehen": a zu-infinitive clause after a request, threat or promise is what was asked,
        threatened or promised, not an event of the sentence's subject."""
        for k in list(kept):
            t = k.trigger
            before = t.doc[t.i - 1].lower_ if t.i > k.sent.start else ""
            infinitive = before in self.c.get("infinitive_particle", ()) or bool(
                self.zu_infix and self.zu_infix.match(t.lower_))
            owner = next((o for o in kept if o is not k and o.trigger.i < t.i and o.type in CONTENT_TYPES), None)
            if infinitive and owner is not None:
                kept.remove(k)
                k.why.append(f"zu-infinitive: what '{owner.trigger.text}' is about, a topic")
                dropped.append(k)
                owner.topics.append(t.text)
                if not owner.recipients:
                    owner.recipients = [m for m in k.recipients if m.entity.code]

    def _clause(self, in_clause, clause: Span, sent: Span, mentions: list[EntityMention], kept: list[Candidate],
                dropped: list[Candidate], shared_subject: bool = False) -> Candidate | None:
        """One event per clause: its first trigger; later ones in the same clause are its topics."""
        made = None
        for n, (t, sense) in enumerate(in_clause):
            cand = Candidate(sense.type, sense.mode, sense.rule, t, sent)
            cand.why.append("clause-window rules (no dependency parse for this language)")
            if n > 0:
                cand.why.append(f"second trigger in the clause of '{in_clause[0][0].text}': a topic")
                dropped.append(cand)
                if made is not None:
                    made.topics.append(t.text)
                continue
            self._window_arguments(cand, sense, clause, mentions, shared_subject)
            self._window_modality(cand, clause, sent)
            self._window_mode(cand, clause)
            cand.contexts = self._contexts(sent)
            kept.append(cand)
            made = cand
        return made

    def _window_arguments(self, cand: Candidate, sense: Sense, clause: Span, mentions: list[EntityMention],
                          shared_subject: bool = False) -> None:
        t = cand.trigger
        ms = sorted((m for m in mentions if clause.start <= m.start < clause.end), key=lambda m: m.start)
        c = self.c
        if cand.type in CONTENT_TYPES:
            # "warf Blinken Russland vor, Nordkorea ... zu versorgen": a zu-infinitive past a comma after the
            # trigger is what was said or asked, and the states it names are not the act's target
            # the comma that opens the infinitive: the last one before its first zu-word ("warf am Mittwoch, einen
            # Tag nach dem Treffen, Washington vor, ... zu politisieren")
            zu = next((x.i for x in clause if x.i > t.i and (x.lower_ in c.get("infinitive_particle", ()) or (
                self.zu_infix and self.zu_infix.match(x.lower_)))), None)
            commas = [x.i for x in clause if zu is not None and t.i < x.i < zu and x.text == ","]
            if commas:
                ms = [m for m in ms if m.start < commas[-1]]
        partner_p = set(c.get("partner_preps", []))
        recip_p = set(c.get("recipient_preps", []))
        loc_p = set(c.get("location_preps", []))
        attr_p = set(c.get("attribution_prep", []))
        agent_p = set(c.get("passive_agent", []))
        temporal_p = set(c.get("temporal_preps", []))
        doc = clause.doc

        def prep_before(m: EntityMention) -> str | None:
            j = m.start - 1
            while j >= clause.start and (doc[j].pos_ == "DET" or doc[j].lower_ in self.c.get("determiners", [])
                                         or doc[j].text[:1].islower() and j > m.start - 3
                                         and doc[j].lower_ not in partner_p | recip_p | loc_p | attr_p | agent_p):
                j -= 1
            return doc[j].lower_ if j >= clause.start and not doc[j].is_punct else None

        agents: list[EntityMention] = []
        partners: list[EntityMention] = []
        recips: list[EntityMention] = []
        places: list[EntityMention] = []
        passive = any(tok.lower_ in set(c.get("passive_aux", [])) for tok in clause)
        first_actor = not shared_subject  # a coordinated verb's clause has its subject in the clause before
        preps = partner_p | recip_p | loc_p | attr_p | agent_p | temporal_p
        for m in ms:
            p = prep_before(m)
            # only a preposition says a role: "Im Jahr 2019 verhängten die USA ..." (the subject after the verb
            # when an adverbial comes first) has 'verhängten' before 'die USA', which is no preposition
            p = p if p in preps else None
            if p in attr_p or p in temporal_p:
                continue
            if m.kind == "place" or (p in loc_p and p not in recip_p):
                places.append(m)
                if p in loc_p and cand.own_place is None and m.entity.code:
                    cand.own_place = m  # "wurden in Teheran festgenommen": where the act itself took place
                continue
            if p in agent_p and passive:
                agents.append(m)
                continue
            if p in partner_p:
                partners.append(m)
                continue
            if first_actor and p is None:
                (recips if passive else agents).append(m)
                first_actor = False
                # coordinated subjects: "Paris und Berlin", "Paris, Berlin und Rom"
                continue
            if agents and p is None and _coordinated(doc, agents[-1], m, set(c.get("conjunctions", ["und"]))):
                agents.append(m)
                continue
            if agents and p is None and agents[-1].start < m.start < t.i and self._genitive_of(doc, agents[-1], m):
                # "Ein Sprecher des chinesischen Außenministeriums warf Washington vor": the subject's genitive
                agents.append(m)
                continue
            recips.append(m)
        self._assign(cand, sense, agents, partners, recips, places, {i: m for m in ms for i in m.tokens})
        if not cand.actors and t.i > clause.start:
            cand.why.append("no actor before the trigger in its clause")

    def _genitive_of(self, doc, head: EntityMention, m: EntityMention) -> bool:
        """`m` follows `head` within a few words, opened by a genitive determiner (lexicon `genitive_determiners`,
        adjectives between): "Sprecher des chinesischen Außenministeriums", "die Sprecherin der Regierung"."""
        finite = set(self.c.get("finite_aux", ()))
        if any(doc[k].pos_ in ("VERB", "AUX") or doc[k].lower_ in finite for k in range(head.end, m.start)):
            return False  # "Deutschland hat der Ukraine ... übergeben": a dative after the verb, no genitive
        if m.start < head.end:
            # overlapping matches of one phrase ("Sprecher des chinesischen", "chinesischen Außenministeriums")
            return True
        if m.start == head.end:
            # a name in the genitive right after its noun ("der Regierung Frankreichs"), not a second noun phrase
            # after a name ("weil Peking Washington vorwarf", "weil Moskau Paris vorwarf")
            return head.entity.kind != "state" and doc[m.end - 1].lower_.endswith(
                tuple(self.c.get("genitive_name_endings", ())))
        gen = set(self.c.get("genitive_determiners", ()))
        j = m.start - 1
        while j >= head.end and doc[j].text[:1].islower() and doc[j].lower_ not in gen and not doc[j].is_punct:
            j -= 1  # lower-case adjectives between the determiner and the name
        if j < head.end or doc[j].lower_ not in gen:
            return False
        return all(not doc[k].is_punct for k in range(head.end, m.start)) and m.start - head.end <= 4

    def _distributive(self, cand: Candidate, agents: list[EntityMention], partners: list[EntityMention]) -> bool:
        return False  # "in getrennten Gesprächen" is not detected without a parse

    def object_is_demonstrative(self, cand: Candidate, by_token: set[int] | None = None) -> bool:
        """Without a parse: a demonstrative after the trigger in its clause; with `by_token`, also a definite
        article right after it ("verurteilte den Start") when the rest of the clause names no actor."""
        dem = set(self.c.get("demonstratives", []))
        clause = next((c for c in self.clauses(cand.sent) if c.start <= cand.trigger.i < c.end), cand.sent)
        after = [t for t in clause if t.i > cand.trigger.i]
        if any(t.lower_ in dem for t in after):
            return True
        if by_token is None or not after or any(t.i in by_token for t in after):
            return False
        first = next((t for t in after if t.pos_ not in ("ADV", "PART")), None)
        return first is not None and ("Def" in first.morph.get("Definite") and first.pos_ == "DET" or (
            first.lower_ in self.c.get("definite_articles", ())))

    def subject_words(self, cand: Candidate) -> tuple[list[str], bool | None]:
        """Without a parse: the words of the trigger's clause before it."""
        clause = next((c for c in self.clauses(cand.sent) if c.start <= cand.trigger.i < c.end), cand.sent)
        return [t.lower_ for t in clause if t.i < cand.trigger.i], None

    def _window_modality(self, cand: Candidate, clause: Span, sent: Span) -> None:
        words = {t.lower_ for t in clause} | {t.lemma_.lower() for t in clause}
        # "warf Russland vor, die Sanktionen nicht einzuhalten": past a comma after the trigger is what was said
        # or asked, whose negation is not the act's
        comma = next((t.i for t in clause if t.i > cand.trigger.i and t.text == ","), clause.end)
        own = {w for t in clause if t.i < comma for w in (t.lower_, t.lemma_.lower())}
        neg = set(self.c.get("negation", []))
        if own & neg:
            cand.negated = True
            cand.why.append(f"negated by '{sorted(own & neg)[0]}' in the clause")
        if words & set(self.c.get("hypothetical_mark", [])) or words & set(self.c.get("conditional_aux", [])):
            cand.hypothetical = True
        if sent.text.rstrip().endswith("?"):
            cand.hypothetical = True
        # future: a present form of the future auxiliary with an infinitive at the clause end, and no passive
        # agent ("Kiew wird von Raketen getroffen" is passive)
        forms = {t.lower_ for t in clause}
        if forms & set(self.c.get("future_aux", [])) and not forms & set(self.c.get("passive_agent", [])) and any(
                t.lower_.endswith(("en", "ern", "eln")) and not t.lower_.startswith("ge") for t in clause[-2:]):
            cand.future = True
        settle_modality(cand)

    def _window_mode(self, cand: Candidate, clause: Span) -> None:
        cues = self.lex.modes.get(cand.type)
        if not cues:
            return
        words = {t.lower_ for t in clause} | {t.lemma_.lower() for t in clause}
        for mode, ws in cues.items():
            if words & ws and (cand.mode is None or cand.mode == mode):
                cand.mode = mode
                return


def _coordinated(doc, a: EntityMention, b: EntityMention, conj: set[str]) -> bool:
    gap = [doc[i] for i in range(a.end, b.start)]
    return bool(gap) and len(gap) <= 2 and all(t.lower_ in conj or t.text == "," for t in gap)


def _share_subject(made: Candidate, agents: list[EntityMention]) -> None:
    """A coordinated verb without a subject of its own acts for the subject of the verb before it."""
    made.actors = list(agents)
    made.anaphoric = not any(m.entity.code for m in made.actors + made.recipients)
    made.why.append("subject shared with the coordinated verb before it")
