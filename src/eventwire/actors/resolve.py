"""Find the actors of a parsed Doc: states, metonyms, organisations, groups, titled persons, places.

Persons get their role and country from the article ("le ministre turc des Affaires étrangères, Hakan
Fidan"), from the knowledge base on the day of the sentence ("Sergey Lavrov" in 2025 is foreign minister),
or both; a title without a name resolves through the dated office list ("le président français").
Names learned in one sentence resolve short mentions later ("Lavrov" -> Sergey Lavrov).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from eventwire.actors.kb import KnowledgeBase, Term
from eventwire.actors.matcher import Gazetteer, Match
from eventwire.model import Entity
from eventwire.nlp.text import fold

PERSON_LABELS = frozenset({"PER", "PERSON"})


@dataclass
class EntityMention:
    start: int  # first token of the whole mention (title included)
    end: int  # token after it
    entity: Entity
    tokens: set[int] = field(default_factory=set)
    kind: str = "actor"  # actor | adjective | place
    office: str | None = None


@dataclass
class ArticleContext:
    """What one article teaches about its persons, shared by its title and body."""

    learned: dict[str, Entity] = field(default_factory=dict)  # folded name or surname -> entity template
    # organisations named so far, in order, with the words of their names ("the fund" may repeat one)
    orgs: list[tuple[frozenset[str], Entity]] = field(default_factory=list)
    # office -> the coded persons named so far as holding it ("the Prime Minister" repeats the only one)
    offices: dict[str, dict[str, Entity]] = field(default_factory=dict)

    def hold(self, office: str | None, entity: Entity) -> None:
        if office and office != "counterpart" and entity.kind == "person" and entity.code and entity.name:
            self.offices.setdefault(office, {}).setdefault(entity.name, entity)

    def holder(self, office: str | None) -> Entity | None:
        """The one person the article has named in this office; None if none, or several."""
        held = self.offices.get(office or "", {})
        return next(iter(held.values())) if len(held) == 1 else None

    def learn(self, entity: Entity, text: str) -> None:
        if entity.kind != "person" or not (entity.name or text):
            return
        for key in {fold(text), fold(entity.name)}:
            if key:
                self.learned.setdefault(key, entity)
                parts = key.split()
                if len(parts) > 1:
                    self.learned.setdefault(parts[-1], entity)


@dataclass
class _Title:
    start: int
    end: int
    term: Term
    countries: list[tuple[int, int, Term]]  # (start, end, country/org term)

    @property
    def span_end(self) -> int:
        return max([self.end, *(e for _, e, _ in self.countries)])

    @property
    def span_start(self) -> int:
        return min([self.start, *(s for s, _, _ in self.countries)])


class ActorResolver:
    def __init__(self, kb: KnowledgeBase, lang: str, tokenizer, person_labels: frozenset[str] | None = None) -> None:
        self.kb = kb
        self.lang = lang
        self.person_labels = person_labels or PERSON_LABELS  # the model's NER labels that may mark a person
        self.gazetteer = Gazetteer(kb, lang, tokenizer)
        self.conj = kb.linkwords["conj"]
        self.of = kb.linkwords["of"]
        self.articles = kb.linkwords["article"]

    def resolve(self, doc: Doc, ctx: ArticleContext, day_of: Callable[[int], str | None],
                field_name: str = "text", offset_map: Callable[[int], int] | None = None) -> list[EntityMention]:
        base = self.gazetteer.find(doc, titles=False)
        adjs = [m for m in base if _first(m, {"adj", "org-adj"})]
        adj_tokens = {i for m in adjs for i in range(m.start, m.end)}
        skip = set(adj_tokens)
        for a, b in zip(adjs, adjs[1:], strict=False):
            if all(fold(doc[i].text) in self.conj for i in range(a.end, b.start)):
                skip.update(range(a.end, b.start))
        # titles that name their state themselves ("canciller alemana") win over the same title matched with
        # the adjective stepped over ("canciller" = foreign minister in Spanish)
        whole = [m for m in self.gazetteer.find(doc, titles=True)
                 if any(i in adj_tokens for i in range(m.start, m.end))]
        taken_t = {i for m in whole for i in range(m.start, m.end)}
        stepped = [m for m in self.gazetteer.find(doc, titles=True, skip=frozenset(skip))
                   if not any(i in taken_t for i in range(m.start, m.end))]
        named = [b for b in base if _first(b, {"org", "group", "name", "seat", "capital"})]
        titles = [self._title(doc, m, base) for m in sorted(whole + stepped, key=lambda m: m.start)
                  if not any(b.start <= m.start and m.end <= b.end and b.end - b.start > m.end - m.start
                             for b in named)]
        used: set[int] = set()
        out: list[EntityMention] = []
        names = self._names(doc, base, ctx, {i for t in titles for i in range(t.span_start, t.span_end)})

        def chars(i: int, j: int) -> tuple[int, int]:
            s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
            return (offset_map(s), offset_map(e)) if offset_map else (s, e)

        adj_ends = {m.end: _best(m.terms) for m in base if _best(m.terms).kind == "adj" and _best(m.terms).code}
        # persons: a name with a title before or after it, or alone
        for n_start, n_end, term in names:
            title = next((t for t in titles if t.term.ent_kind == "person" and _adjacent_before(doc, t, n_start)), None)
            if title is None:
                title = next((t for t in titles if t.term.ent_kind == "person"
                              and _adjacent_after(doc, n_end, t, self.articles)),
                             None)
            day = day_of(n_start)
            ent = self._person(doc[n_start:n_end].text, term, title, day, ctx, out)
            if ent.code is None and title is None:
                # "Palestinian leader Yasser Arafat", "Venezuelan opposition lawmaker Ana Pérez": a person the
                # knowledge base does not know, described by a nationality adjective and a role noun before the name
                adj = _nationality_before(doc, n_start, adj_ends)
                if adj is not None:
                    ent = replace(ent, code=adj.code, source="article")
            lo, hi = n_start, n_end
            if title:
                lo, hi = min(lo, title.span_start), max(hi, title.span_end)
                titles.remove(title)
            s, e = chars(n_start, n_end)
            ent = replace(ent, text=doc[n_start:n_end].text, field=field_name, start=s, end=e)
            ctx.learn(ent, doc[n_start:n_end].text)
            m = EntityMention(lo, hi, ent, set(range(lo, hi)), office=(title.term.office if title else None)
                              or _office_of(self.kb, ent))
            ctx.hold(m.office, ent)
            out.append(m)
            used.update(range(lo, hi))
        # titles without a name: one entity per country they name ("les ministres turc et hongrois")
        for t in titles:
            prev = [m for m in out if m.entity.kind == "person" and m.start < t.start and m.office]
            office, role = t.term.office, t.term.role
            if office == "counterpart":
                office = prev[-1].office if prev else None
                role = prev[-1].entity.role if prev else role
            countries = t.countries or [(t.start, t.end, None)]
            if self._not_current(doc, t):  # "le président élu", "der designierte US-Präsident": no holder
                office = None
            for c_start, c_end, cterm in countries:
                code = cterm.code if cterm else t.term.code
                ent = self._titled(code, office, role, t.term, day_of(t.start), cterm)
                named = ctx.holder(office) if code is None and cterm is None and t.term.ent_kind == "person" else None
                if named is not None:
                    # "Keir Starmer ... The Prime Minister arrived": the one holder of that office the article named
                    ent = replace(named, source="article")
                elif ent.code:
                    ctx.hold(office, ent)
                lo, hi = t.start, t.end
                tokens = set(range(t.start, t.end)) | set(range(c_start, c_end))
                s, e = chars(min(lo, c_start), max(hi, c_end))
                text = doc[min(lo, c_start):max(hi, c_end)].text
                out.append(EntityMention(min(lo, c_start), max(hi, c_end),
                                         replace(ent, text=text, field=field_name, start=s, end=e), tokens,
                                         office=office))
                used.update(tokens)
        # states, metonyms, organisations, groups, places, free adjectives
        for m in base:
            if any(i in used for i in range(m.start, m.end)):
                continue
            term = _best(m.terms)
            if term.kind in ("person", "surname"):
                continue
            s, e = chars(m.start, m.end)
            if term.kind == "place":
                ent = Entity(m.text, term.code, "place", name=term.name, source="kb", field=field_name,
                             start=s, end=e)
                out.append(EntityMention(m.start, m.end, ent, set(range(m.start, m.end)), kind="place"))
                continue
            kind = "adjective" if term.kind in ("adj", "org-adj") else "actor"
            if term.kind in ("capital", "seat"):
                kind = "actor"
            code, source = term.code, "kb:" + term.kind
            choices = self.kb.ambiguous.get(fold(m.text))
            if choices and term.ent_kind == "state":
                code, source = self._disambiguate(doc.text, choices)
            ent = Entity(m.text, code, term.ent_kind, name=term.name or self.kb.country_name(code) if code else None,
                         sector=term.sector if term.ent_kind != "state" else None,
                         source=source, field=field_name, start=s, end=e)
            out.append(EntityMention(m.start, m.end, ent, set(range(m.start, m.end)), kind=kind))
        out.sort(key=lambda m: m.start)
        _capitals_by_adjective(out, doc, {fold(w) for w in self.kb.linkwords["capital"]}, chars)
        self._places_by_noun(out, doc)
        self._org_anaphors(doc, out, ctx, chars, field_name)
        _context_states(out, doc, self.of | self.kb.linkwords["for"], self.kb.linkwords["in"])
        return out

    def _places_by_noun(self, out: list[EntityMention], doc: Doc) -> None:
        """"frente a las costas de Libia", "dans le sud du Liban", "off the coast of Libya": a state named after a
        word for a part of it is a place, not a side (linkwords 'part-of', after an article); "en mer du Japon",
        "the Sea of Japan": after a word for sea, a place that belongs to no state (linkwords 'sea')."""
        seas = {fold(w) for w in self.kb.linkwords["sea"]}
        parts = {fold(w) for w in self.kb.linkwords["part-of"]}
        skip = {fold(w) for w in self.of | self.articles}
        for k, m in enumerate(out):
            if m.kind != "actor" or m.entity.kind != "state" or not m.entity.code:
                continue
            j = m.start - 1
            while j >= 0 and m.start - j <= 3 and fold(doc[j].text) in skip:
                j -= 1
            if j < 0 or j == m.start - 1:
                continue  # the word must be tied to the state by "de", "of", "du"...
            word = fold(doc[j].text)
            if word in seas:
                out[k] = replace(m, kind="place", entity=replace(m.entity, kind="place", code=None,
                                                                 source="place:sea"))
            elif word in parts and j > 0 and fold(doc[j - 1].text) in {fold(w) for w in self.articles}:
                out[k] = replace(m, kind="place", entity=replace(m.entity, kind="place", source="place:part"))

    def _org_anaphors(self, doc: Doc, out: list[EntityMention], ctx: ArticleContext,
                      chars: Callable[[int, int], tuple[int, int]], field_name: str) -> None:
        """"the fund", "le Fonds", "der Fonds", "l'organisation régionale", "the bloc": a definite noun that is a
        word of the name of an organisation the article has named (or a generic word for one, linkwords
        'org-anaphor') refers back to the latest such organisation. Organisations named in this text count
        from their position on; those of earlier texts of the article (title, blocks) count everywhere."""
        generic = self.kb.linkwords["org-anaphor"]
        # a sector noun with no state of its own ("la Cour", "the court") may be the organisation's short name
        loose = {m.start: m for m in out if m.entity.code is None and m.end - m.start == 1 and m.kind == "actor"}
        taken = {i for m in out for i in m.tokens if m.start not in loose}
        here = [(m.start, _org_words(m.entity), m.entity) for m in out
                if m.entity.kind == "organization" and m.entity.code]
        earlier = list(ctx.orgs)
        ctx.orgs.extend((words, ent) for _, words, ent in here)
        if not (here or earlier):
            return
        self._org_members(doc, out, earlier, here, taken, chars, field_name)
        parsed, tagged = doc.has_annotation("DEP"), doc.has_annotation("POS")
        definite = self.kb.linkwords["definite"]
        for tok in doc:
            if tok.i in taken or tok.i == 0:
                continue
            if tagged:
                det = [c for c in tok.children if c.dep_ == "det"] if parsed else [doc[tok.i - 1]]
                if tok.pos_ != "NOUN" or not any(d.pos_ == "DET" and (
                        "Def" in d.morph.get("Definite") or "Dem" in d.morph.get("PronType")) for d in det):
                    continue
            elif not (tok.text[:1].isupper() and doc[tok.i - 1].lower_ in definite):
                continue  # no tagger (German): a capitalised noun after a definite article
            w = fold(tok.text)
            if len(w) < 4:
                continue
            known = earlier + [(words, ent) for start, words, ent in here if start < tok.i]
            ref = next((ent for words, ent in reversed(known) if w in words or w in generic
                        or any(len(x) > len(w) and x.endswith(w) for x in words)), None)
            if ref is None:
                continue
            s, e = chars(tok.i, tok.i + 1)
            ent = replace(ref, text=tok.text, field=field_name, start=s, end=e, source="article")
            if tok.i in loose:
                out.remove(loose[tok.i])
            out.append(EntityMention(tok.i, tok.i + 1, ent, {tok.i}))
        out.sort(key=lambda m: m.start)

    def _org_members(self, doc: Doc, out: list[EntityMention], earlier: list, here: list, taken: set[int],
                     chars: Callable[[int, int], tuple[int, int]], field_name: str) -> None:
        """"les représentants des États membres", "ambassadors of the 27 member states", "die Mitgliedstaaten":
        the members of the organisation the article named last act as it (linkwords 'org-members')."""
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in self.kb.linkwords["org-members"]:
            ph = tuple(fold(w) for w in p.split())
            by_first.setdefault(ph[0], []).append(ph)
        i = 0
        while i < len(doc):
            first = by_first.get(fold(doc[i].text)) if doc[i].is_alpha else None  # one fold per token
            hit = next((ph for ph in first or () if i + len(ph) <= len(doc) and all(
                fold(doc[i + k].text) == w for k, w in enumerate(ph[1:], 1))), None)
            if hit is None or any(i + k in taken for k in range(len(hit))):
                i += 1
                continue
            known = earlier + [(words, ent) for start, words, ent in here if start < i]
            if known:
                s, e = chars(i, i + len(hit))
                ent = replace(known[-1][1], text=doc[i:i + len(hit)].text, field=field_name, start=s, end=e,
                              source="article")
                out.append(EntityMention(i, i + len(hit), ent, set(range(i, i + len(hit)))))
            i += len(hit)

    def _disambiguate(self, text: str, choices: list[tuple[str, list[str]]]) -> tuple[str | None, str]:
        """The candidate with the most distinct cue words in the text; no cue, or a tie: no code, 'ambiguous'."""
        folded = fold(text)
        hits: dict[str, int] = {}
        for code, cues in choices:
            n = sum(1 for cue in cues if (
                re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", text) if cue.isupper()
                else re.search(rf"(?<!\w){re.escape(fold(cue))}(?!\w)", folded)))
            if n:
                hits[code] = n
        if hits:
            ranked = sorted(((n, code) for code, n in hits.items()), reverse=True)
            if len(ranked) == 1 or ranked[0][0] > ranked[1][0]:
                return ranked[0][1], "context:" + ranked[0][1]
        return None, "ambiguous"

    # ------------------------------------------------------------------ pieces
    def _title(self, doc: Doc, m: Match, base: list[Match]) -> _Title:
        term = _best(m.terms)
        countries: list[tuple[int, int, Term]] = []
        by_start = {b.start: b for b in base}
        by_end = {b.end: b for b in base}
        # adjectives inside the title span (skipped while matching)
        for b in base:
            if m.start <= b.start and b.end <= m.end and _first(b, {"adj", "org-adj"}):
                countries.append((b.start, b.end, _best(b.terms)))
        # after: "turc et hongrois", "de Turquie et de Hongrie", "of Turkey", "de l'ONU"
        i = m.end
        while i < len(doc):
            b = by_start.get(i)
            if b and _first(b, {"adj", "org-adj", "name", "org", "group"}) and (
                    _first(b, {"adj", "org-adj"}) or _prev_is_of(doc, i, m.end, self.of, self.articles)):
                countries.append((b.start, b.end, _best(b.terms)))
                i = b.end
                continue
            if fold(doc[i].text) in self.conj | self.of or doc[i].lower_ in self.articles:
                i += 1
                continue
            break
        # before (English): "Turkish and Hungarian foreign ministers", "NATO Secretary General"
        j = m.start
        while j > 0:
            b = by_end.get(j)
            if b and _first(b, {"adj", "org-adj", "org", "name"}):
                countries.append((b.start, b.end, _best(b.terms)))
                j = b.start
                continue
            if fold(doc[j - 1].text) in self.conj and by_end.get(j - 1) and countries:
                j -= 1
                continue
            # "Germany's foreign ministry", "Russia's ambassador": a possessive names the title's state
            if doc[j - 1].lower_ in self.kb.linkwords["possessive"] and j >= 2 and by_end.get(j - 1) and _first(
                    by_end[j - 1], {"org", "name"}) and not countries:
                b = by_end[j - 1]
                countries.append((b.start, b.end, _best(b.terms)))
                j = b.start
                continue
            # German compounds split at the hyphen: "US-Präsident", "EU-Außenbeauftragte"
            if doc[j - 1].text == "-" and j >= 2 and by_end.get(j - 1) and _first(
                    by_end[j - 1], {"adj", "org-adj", "org", "name"}):
                b = by_end[j - 1]
                countries.append((b.start, b.end, _best(b.terms)))
                j = b.start
                continue
            # "the Swedish foreign ministry spokesperson": up to three lower-case modifiers between them
            k = j
            while k > 0 and j - k < 3 and _modifier(doc[k - 1]):
                k -= 1
                b = by_end.get(k)
                if b and not countries and _first(b, {"adj", "org-adj", "name"}):
                    countries.append((b.start, b.end, _best(b.terms)))
                    break
            if countries and countries[-1][1] == k and k < j:
                j = countries[-1][0]
                continue
            break
        countries.sort(key=lambda c: c[0])
        # keep the countries contiguous to the title only
        return _Title(m.start, m.end, term, _dedupe(countries))

    def _names(self, doc: Doc, base: list[Match], ctx: ArticleContext,
               titled: set[int] = frozenset()) -> list[tuple[int, int, Term | None]]:
        found: dict[int, tuple[int, int, Term | None]] = {}
        other = set()
        tagged = doc.has_annotation("POS")
        matched = {i for m in base for i in range(m.start, m.end)} | titled  # "President Zelenskyy"
        for m in base:
            term = _best(m.terms)
            if term.kind == "surname" and tagged and m.start > 0 and m.start - 1 not in matched and (
                    self._other_given_name(doc[m.start - 1], term)):
                continue  # "Pablo Vázquez Camacho" is not Tabaré Vázquez: a name of someone the KB does not know
            if term.kind == "surname" and tagged and m.end < len(doc) and m.end not in matched and (
                    self._other_given_name(doc[m.end], term)):
                continue  # "Martin Harris" is not Micheál Martin: the surname is someone else's given name
            if term.kind in ("person", "surname"):
                found[m.start] = (m.start, m.end, term)
            else:
                other.update(range(m.start, m.end))
        taken = {i for s, e, _ in found.values() for i in range(s, e)}
        for s, e, label in self._unknown_names(doc):
            if any(i in other or i in taken for i in range(s, e)) or all(i in titled for i in range(s, e)):
                continue  # "The Prime Minister arrived": a capitalised title is not a name
            if label == "MISC" and not all(t.pos_ in ("PROPN", "NOUN", "X") for t in doc[s:e]):
                continue
            found[s] = (s, e, None)
            taken.update(range(s, e))
        # short mentions of names learned earlier in the article
        for t in doc:
            if t.i in taken or t.i in other or not t.text[:1].isupper():
                continue
            if fold(t.text) in ctx.learned and len(t.text) > 2:
                found[t.i] = (t.i, t.i + 1, None)
                taken.add(t.i)
        return [found[k] for k in sorted(found)]

    def _other_given_name(self, prev: Token, term: Term) -> bool:
        """The proper noun before a bare surname is a given name that is not the known person's."""
        if prev.pos_ != "PROPN" or not prev.text[:1].isupper() or len(prev.text) < 3 or prev.text.endswith("."):
            return False
        return fold(prev.text) not in fold(term.name or "").replace("-", " ").split()

    def _unknown_names(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Spans that may name a person the knowledge base does not know: the model's person entities when it
        has a named-entity recogniser in the pipeline, else runs of two to four capitalised proper nouns (the
        tagger's PROPN), which need no recogniser (eventwire's models run without it: it costs a third of the
        parse time)."""
        out: list[tuple[int, int, str]] = []
        if doc.has_annotation("ENT_IOB"):
            for ent in doc.ents:
                if ent.label_ not in self.person_labels:
                    continue
                toks = [t for t in ent if t.text[:1].isupper() and not t.is_punct]
                if toks:
                    out.append((toks[0].i, toks[-1].i + 1, ent.label_))
            return out
        i = 0
        while i < len(doc):
            if doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and doc[i].is_alpha:
                j = i + 1
                while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and j - i < 4:
                    j += 1
                if j - i >= 2:
                    out.append((i, j, "PROPN"))
                i = j
            else:
                i += 1
        return out

    def _person(self, text: str, term: Term | None, title: _Title | None, day: str | None,
                ctx: ArticleContext, prev: list[EntityMention]) -> Entity:
        person = self.kb.person(term.person) if term and term.person else None
        if person is None:
            learned = ctx.learned.get(fold(text))
            if learned is not None and learned.name:
                person = self.kb.person(learned.name)
                if person is None and not title:
                    return replace(learned, source="article")
        t_code = title.countries[0][2].code if title and title.countries else (title.term.code if title else None)
        t_role = title.term.role if title else None
        if title and title.term.office == "counterpart":
            before = [m for m in prev if m.office]
            t_role = before[-1].entity.role if before else t_role
        if person is not None:
            spell = person.spell_on(day)
            if spell is None and day is not None and t_code is None:
                spell = person.spell_on(None)
                source = "kb:latest"
            else:
                source = "kb" if person.origin == "curated" else "learned"
            return Entity(text, spell.code if spell else t_code, "person", name=person.name,
                          sector=spell.sector if spell else "GOV", role=(spell.role if spell else t_role),
                          wikidata=person.wikidata, role_start=spell.start if spell else None,
                          role_end=spell.end if spell else None, source=source, person_key=person.name)
        sector = title.term.sector if title else None
        return Entity(text, t_code, "person", name=text, sector=sector, role=t_role,
                      source="article" if title else "ner", person_key=fold(text))

    def _not_current(self, doc: Doc, t: _Title) -> bool:
        """A word next to the title (two before, two after, or inside it) saying its holder is not the one in
        office on the day: elected, incoming, former, designate."""
        words = {fold(w) for w in self.kb.linkwords["not-current"]}
        lo, hi = max(0, t.span_start - 2), min(len(doc), t.span_end + 2)
        return any(fold(doc[i].text).strip("-") in words for i in range(lo, hi))

    def _titled(self, code: str | None, office: str | None, role: str | None, term: Term, day: str | None,
                cterm: Term | None) -> Entity:
        if code and office and office != "counterpart":
            held = self.kb.holder(code, office, day)
            if held:
                person, spell = held
                return Entity("", code, "person", name=person.name, sector=spell.sector, role=spell.role,
                              wikidata=person.wikidata, role_start=spell.start, role_end=spell.end,
                              source="kb:office", person_key=person.name)
        sector = term.sector
        if cterm is not None and cterm.ent_kind == "organization":
            sector = "IGO"
        return Entity("", code, "person" if term.ent_kind == "person" else "group",
                      name=None, sector=sector, role=role, source="title")


def _org_words(entity: Entity) -> frozenset[str]:
    """The words (4 letters or more) of an organisation's mention and name: what "the fund" may repeat."""
    words = {fold(w) for w in f"{entity.text} {entity.name or ''}".replace("-", " ").split()}
    return frozenset(w for w in words if len(w) >= 4)


def _capitals_by_adjective(out: list[EntityMention], doc: Doc, words: set[str],
                           chars: Callable[[int, int], tuple[int, int]]) -> None:
    """"the Ukrainian capital", "la capitale ukrainienne", "die ukrainische Hauptstadt": a nationality adjective
    beside a word for capital names that state's capital, as its name would ("arrived in Kyiv")."""
    for k, m in enumerate(out):
        e = m.entity
        if m.kind != "adjective" or e.kind != "state" or not e.code:
            continue
        noun = next((i for i in (m.end, m.start - 1) if 0 <= i < len(doc) and fold(doc[i].text) in words), None)
        if noun is None:
            continue
        lo, hi = min(m.start, noun), max(m.end, noun + 1)
        s, t = chars(lo, hi)
        out[k] = EntityMention(lo, hi, replace(e, text=doc[lo:hi].text, source="kb:capital", start=s, end=t),
                               set(range(lo, hi)), kind="actor")


def _after_location_word(doc: Doc, m: EntityMention, where: set[str]) -> bool:
    """"dans le nord de l'Ukraine": a state named as a place, not as a side."""
    j = m.start - 1
    while j >= 0 and j >= m.start - 5 and not doc[j].is_punct:
        if fold(doc[j].text) in where:
            return True
        j -= 1
    return False


def _context_states(out: list[EntityMention], doc: Doc, of: set[str], where: set[str]) -> None:
    """A body named by a sector noun without its state ("the army", "les députés", "die Polizei") acts for the
    state its own phrase names ("rebels in Yemen", "la police au Kenya"), else for the state named nearest to it
    in the same sentence (before it first), as analysts code domestic actors. A person whose title names no
    state ("spokeswoman Maria Zakharova") acts for the body named right beside the title ("Russian Foreign
    Ministry spokeswoman", "Kremlin spokesman", "portavoz del Ministerio de Exteriores ruso")."""
    for m in out:
        e = m.entity
        if e.code or m.kind != "actor":
            continue
        if e.kind == "person":
            beside = _beside(out, m, doc, of)
            if beside is not None:
                m.entity = replace(e, code=beside.entity.code, source="context:title")
            continue
        if e.kind != "group" or e.source != "title":
            continue
        if m.end < len(doc) and fold(doc[m.end].text) in of:  # "la Cour de justice de ...": its own complement
            continue
        sent = doc[m.start].sent
        near = [x for x in out if x is not m and x.entity.code and x.entity.kind in ("state", "person", "group")
                and x.kind in ("actor", "adjective") and sent.start <= x.start < sent.end
                and len(x.entity.code) == 3]
        # its own phrase: no punctuation, and no verb between unless in a relative clause on it ("las juntas que
        # gobiernan Mali"; but "the foreign ministry said Baku ..." is not Baku's)
        own = [x for x in near if 0 <= x.start - m.end <= 3 and not any(doc[i].is_punct for i in range(m.end, x.start))
               and (not any(doc[i].pos_ in ("VERB", "AUX") for i in range(m.end, x.start))
                    or any("Rel" in doc[i].morph.get("PronType") for i in range(m.end, x.start)))]
        near = [x for x in near if not _after_location_word(doc, x, where)]
        if not own and not near:
            continue
        before = [x for x in near if x.start < m.start]
        pick = own[0] if own else before[-1] if before else min(near, key=lambda x: x.start)
        m.entity = replace(e, code=pick.entity.code, source="context")


def _beside(out: list[EntityMention], m: EntityMention, doc: Doc, of: set[str]) -> EntityMention | None:
    """The coded body or state right before a person's mention (its title's compound or possessive), or right
    after it behind an 'of'-word or a comma and an 'of'-word ("Zakharova, spokeswoman for the ministry")."""
    for x in out:
        if x is m or not x.entity.code or x.entity.kind == "person" or x.kind == "place":
            continue
        # distances first: the gap is read only when it is short (a text has thousands of tokens)
        if 0 <= m.start - x.end <= 1 and all(doc[i].text in ("'s", "’s", "'") for i in range(x.end, m.start)):
            return x
        if 1 <= x.start - m.end <= 4 and any(fold(doc[i].text) in of for i in range(max(m.end, x.start - 2), x.start)):
            return x
    return None


def _modifier(tok) -> bool:
    return tok.is_alpha and tok.text.islower() and tok.pos_ not in ("VERB", "AUX", "DET", "ADP", "PRON", "CCONJ")


def _first(m: Match, kinds: set[str]) -> bool:
    return _best(m.terms).kind in kinds


_PRIORITY = {"person": 0, "name": 1, "org": 2, "group": 3, "capital": 4, "seat": 4, "demonym": 5, "adj": 6,
             "org-adj": 6, "surname": 7, "place": 8, "title": 9}


def _best(terms: list[Term]) -> Term:
    return min(terms, key=lambda t: _PRIORITY.get(t.kind, 10))


def _prev_is_of(doc: Doc, i: int, title_end: int, of: set[str], articles: set[str]) -> bool:
    j = i - 1
    while j >= title_end and doc[j].lower_ in articles:
        j -= 1
    return j >= title_end and fold(doc[j].text) in of


def _nationality_before(doc: Doc, name_start: int, adj_ends: dict[int, Term]) -> Term | None:
    """A state adjective before a name with at most three lower-case role words between ("Palestinian leader",
    "Venezuelan opposition lawmaker")."""
    k = name_start
    for _ in range(4):
        if k in adj_ends:
            return adj_ends[k]
        prev = doc[k - 1] if k > 0 else None
        if prev is None or not prev.is_alpha or not prev.is_lower or prev.pos_ not in ("NOUN", "ADJ"):
            return None
        k -= 1
    return None


def _adjacent_before(doc: Doc, t: _Title, name_start: int) -> bool:
    if not 0 <= name_start - t.span_end <= 1:  # checked first: titles far away cost nothing in long texts
        return False
    return all(doc[i].text in (",", "-") for i in range(t.span_end, name_start))


def _adjacent_after(doc: Doc, name_end: int, t: _Title, articles: set[str]) -> bool:
    """"Sergueï Lavrov, le ministre russe": a title after the name, a comma and an article between them."""
    if not 1 <= t.span_start - name_end <= 3 or doc[name_end].text != ",":
        return False
    rest = [doc[i] for i in range(name_end + 1, t.span_start)]
    return all(tok.pos_ == "DET" or tok.lower_ in articles for tok in rest)


def _dedupe(items: list[tuple[int, int, Term]]) -> list[tuple[int, int, Term]]:
    seen, out = set(), []
    for s, e, t in items:
        if (s, e) not in seen:
            seen.add((s, e))
            out.append((s, e, t))
    return out


def _office_of(kb: KnowledgeBase, ent: Entity) -> str | None:
    if ent.person_key and ent.role:
        person = kb.person(ent.person_key)
        if person:
            for s in person.spells:
                if s.role == ent.role:
                    return s.office
    return None
