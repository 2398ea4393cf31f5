"""The actor knowledge base: states, metonyms, organisations, groups, places, titles and dated offices.

Everything here is loaded from the data files in `data/`; the code knows no country, name or title.
A user overlay directory (EVENTWIRE_ACTORS_DIR, or `overlay_dir`) holding files of the same names and
formats is read after the packaged files and wins over them.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from eventwire.data import read_tsv

STATE_KINDS = {"name", "capital", "seat", "demonym"}
ROMAN = re.compile(r"[IVXLC]+\.?")  # a regnal number ("XVI", "III.")


@dataclass(frozen=True)
class Term:
    """One surface form and what it designates."""

    kind: str  # name | adj | demonym | capital | seat | org | org-adj | group | place | person | surname | title
    code: str | None
    name: str | None  # canonical name
    sector: str | None = None
    ent_kind: str = "state"  # entity kind in the contract: state | organization | group | place | person
    person: str | None = None  # key into KnowledgeBase.persons
    office: str | None = None  # titles: office key
    role: str | None = None  # titles: role in English
    exact_case: bool = False  # acronyms: "US" must not match "us"
    proper: bool = True  # the first token must be capitalised in the text


@dataclass
class Spell:
    code: str
    office: str
    role: str
    sector: str
    start: str
    end: str | None
    certainty: str = "sure"
    layer: int = 0  # 0 packaged data, 1 the user's overlay (wins), -1 learned from articles


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    spells: list[Spell] = field(default_factory=list)
    origin: str = "curated"  # curated (packaged or overlay files) | learned (from articles, see add_learned)

    def spell_on(self, day: str | None) -> Spell | None:
        """The office held on `day` (the highest-ranked when several); without a day, the latest."""
        if not self.spells:
            return None
        if day is None:
            return max(self.spells, key=lambda s: (s.end or "9999", -_office_rank(s.office)))
        valid = [s for s in self.spells if s.start <= day and (s.end is None or day <= s.end)]
        if valid:
            return min(valid, key=lambda s: _office_rank(s.office))
        return None


_RANK = {"head_of_state": 0, "head_of_government": 1, "foreign_minister": 2, "defence_minister": 3,
         "org_head": 4, "finance_minister": 5, "interior_minister": 6, "economy_minister": 7, "trade_minister": 8,
         "other": 9, "government_spokesperson": 10, "foreign_ministry_spokesperson": 11, "defence_spokesperson": 12,
         "organisation_spokesperson": 13}
# a state with no separate ministry for an office: "ministre de l'Économie" in France is the finance minister
_FALLBACK = {"trade_minister": "economy_minister", "economy_minister": "finance_minister"}


def _office_rank(office: str) -> int:
    return _RANK.get(office, 9)


class KnowledgeBase:
    def __init__(self, overlay_dir: str | Path | None = None) -> None:
        self.countries: dict[str, dict[str, str]] = {}
        self.persons: dict[str, Person] = {}
        self.surface: dict[str, list[tuple[str, Term]]] = defaultdict(list)  # lang -> (text, term)
        self.holders: dict[tuple[str, str], list[tuple[Spell, Person]]] = defaultdict(list)
        self.sources: list[str] = []
        self.linkwords: dict[str, set[str]] = defaultdict(set)  # kind -> words (all languages)
        self.linkwords_of: dict[tuple[str, str], set[str]] = defaultdict(set)  # (lang, kind) -> words
        self.ambiguous: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)  # folded form -> (code, cues)
        self._layer = 0
        self._place_states: dict[str, dict[str, set[str]]] = {}  # lang -> folded place name -> state codes
        self._load(resources.files("eventwire.actors") / "data")
        overlay = overlay_dir or default_overlay_dir()
        if overlay and Path(overlay).is_dir():
            self._layer = 1
            self._load(Path(overlay))
        self._derive_surnames()

    # ---------------------------------------------------------------- loading
    def _files(self, base, prefix: str) -> list:
        return sorted((f for f in base.iterdir() if f.name.startswith(prefix) and f.name.endswith(".tsv")),
                      key=lambda f: f.name)

    def _load(self, base) -> None:
        self.sources.append(str(base))
        for f in self._files(base, "countries"):
            for row in read_tsv(f):
                self.countries[row["code"]] = row
        for f in self._files(base, "country_terms."):
            lang = f.name.split(".")[1]
            for row in read_tsv(f):
                kind = row["kind"]
                code = row["code"]
                ent_kind = "state"
                self._add(lang, row["text"], Term(kind, code, self.country_name(code), None, ent_kind,
                                                  proper=kind != "adj"))
        for f in self._files(base, "organizations"):
            for row in read_tsv(f):
                kind = "org-adj" if row.get("kind") == "adj" else "org"
                sector = row.get("sector") or ("IGO" if row["code"] != "WST" else None)
                self._add(row.get("lang") or "*", row["text"],
                          Term(kind, row["code"], row.get("body") or row.get("name"), sector,
                               "organization" if row["code"] != "WST" else "group",
                               proper=kind != "org-adj"))
        for f in self._files(base, "groups"):
            for row in read_tsv(f):
                for alias in [row["name"], *_split(row.get("aliases"))]:
                    self._add("*", alias, Term("group", row["code"], row["name"], row.get("sector") or "REB",
                                               "group"))
        for f in self._files(base, "places"):
            for row in read_tsv(f):
                term = Term("place", row["code"], row["text"], None, "place")
                # the English name serves Spanish and German too unless a column for them gives another
                for lang in ("en", "es", "de"):
                    self._add(lang, row.get(f"text_{lang}") or row["text"], term)
                if row.get("text_fr"):
                    self._add("fr", row["text_fr"], term)
        for f in self._files(base, "linkwords"):
            for row in read_tsv(f):
                self.linkwords[row["kind"]].add(row["text"])
                self.linkwords_of[(row["lang"], row["kind"])].add(row["text"])
        for f in self._files(base, "ambiguous"):
            for row in read_tsv(f):
                from eventwire.nlp.text import fold

                self.ambiguous[fold(row["text"])].append((row["code"], _split(row.get("cues"))))
        for f in self._files(base, "titles."):
            lang = f.name.split(".")[1]
            for row in read_tsv(f):
                # a title may imply its state ("Bundeskanzler" -> DEU): optional column `code`
                self._add(lang, row["text"], Term("title", row.get("code") or None, None, row.get("sector") or None,
                                                  row.get("kind") or "person", office=row.get("office") or None,
                                                  role=row.get("role") or None, proper=False))
        for f in self._files(base, "offices"):
            for row in read_tsv(f):
                self._add_spell(row)

    def _add(self, lang: str, text: str, term: Term) -> None:
        if not text:
            return
        exact = text.isupper() and len(text.replace(".", "")) <= 5
        if exact != term.exact_case:
            term = Term(**{**term.__dict__, "exact_case": exact})
        if term.proper and text[:1].islower():  # a form written lower case ("hutíes") is matched in lower case
            term = Term(**{**term.__dict__, "proper": False})
        self.surface[lang].append((text, term))

    def _add_spell(self, row: dict[str, str]) -> None:
        name = row["name"]
        person = self.persons.get(name)
        if person is None:
            person = self.persons[name] = Person(name, _split(row.get("aliases")), row.get("wikidata") or None)
            for alias in [name, *person.aliases]:
                self._add("*", alias, Term("person", None, name, None, "person", person=name))
        else:
            for alias in _split(row.get("aliases")):
                if alias not in person.aliases:
                    person.aliases.append(alias)
                    self._add("*", alias, Term("person", None, name, None, "person", person=name))
        spell = Spell(row["code"], row.get("office") or "other", row.get("role") or "", row.get("sector") or "GOV",
                      row["start"], row.get("end") or None, row.get("certainty") or "sure", self._layer)
        person.spells.append(spell)
        self.holders[(spell.code, spell.office)].append((spell, person))

    def _derive_surnames(self) -> None:
        """A bare surname ("Lavrov", "Orbán") designates a known person when no other person shares it."""
        by_surname: dict[str, set[str]] = defaultdict(set)
        for person in self.persons.values():
            for alias in [person.name, *person.aliases]:
                parts = alias.split()
                if any(ROMAN.fullmatch(w) for w in parts[:-1]):
                    continue  # "Carl XVI Gustaf", "Carlos XVI Gustavo": a regnal name, not a surname
                if len(parts) >= 2 and len(parts[-1]) >= 4:
                    by_surname[parts[-1]].add(person.name)
        common = {w.casefold() for w in self.linkwords["not-surname"]}  # "Franco", "Young": words, other people
        for surname, owners in by_surname.items():
            if len(owners) == 1 and surname.casefold() not in common:
                (owner,) = owners
                self._add("*", surname, Term("surname", None, owner, None, "person", person=owner))

    # ---------------------------------------------------------------- queries
    def country_name(self, code: str | None, lang: str = "en") -> str | None:
        row = self.countries.get(code or "")
        if not row:
            return None
        return row.get(f"name_{lang}") or row.get("name_en")

    def terms_for(self, lang: str) -> list[tuple[str, Term]]:
        return self.surface.get(lang, []) + self.surface.get("*", [])

    def place_state(self, text: str, lang: str) -> str | None:
        """The state a place name belongs to, whatever its case ("SEOUL", "Kiew", "Washington"): a capital, a
        well-known place or a country's name in `lang` (or in every language); None when unknown or ambiguous."""
        table = self._place_states.get(lang)
        if table is None:
            table = self._place_states[lang] = defaultdict(set)
            for form, term in self.terms_for(lang):
                if term.code and term.kind in ("capital", "place", "name"):
                    table[form.casefold()].add(term.code)
        found = table.get(text.strip().casefold(), set())
        return next(iter(found)) if len(found) == 1 else None

    def holder(self, code: str, office: str, day: str | None) -> tuple[Person, Spell] | None:
        """Who held `office` for `code` on `day` (YYYY-MM-DD)."""
        if day is None:
            return None
        valid = [(spell, person) for spell, person in self.holders.get((code, office), [])
                 if spell.start <= day and (spell.end is None or day <= spell.end)]
        if not valid:
            return self.holder(code, _FALLBACK[office], day) if office in _FALLBACK else None
        # the overlay wins; then the latest start (an open spell not yet closed in the data gives way)
        spell, person = max(valid, key=lambda sp: (sp[0].layer, sp[0].start))
        return person, spell

    def person(self, name: str) -> Person | None:
        return self.persons.get(name)

    def add_learned(self, rows: list[dict]) -> int:
        """Persons learned from earlier articles (store table `learned_actors`), below curated entries.

        A learned row never changes a curated person: a name the packaged or overlay files know is skipped.
        Rejected rows are ignored. The role is valid from the article's date on (end unknown).
        Returns the number of spells added.
        """
        added = 0
        for row in rows:
            name, code = row.get("name"), row.get("code")
            if not name or not code or row.get("status") == "rejected":
                continue
            person = self.persons.get(name)
            if person is not None and person.origin != "learned":
                continue
            if person is None:
                person = self.persons[name] = Person(name, origin="learned")
                self._add("*", name, Term("person", None, name, None, "person", person=name))
            spell = Spell(code, "other", row.get("role") or "", row.get("sector") or "GOV",
                          row.get("date") or "0001-01-01", None, "learned", -1)
            if all((s.code, s.role) != (spell.code, spell.role) for s in person.spells):
                person.spells.append(spell)
                person.spells.sort(key=lambda s: s.start)
                added += 1
        return added


def default_overlay_dir() -> Path:
    """EVENTWIRE_ACTORS_DIR, else `<user config dir>/eventwire/actors` (read when it exists)."""
    env = os.environ.get("EVENTWIRE_ACTORS_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("eventwire")) / "actors"


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


@cache
def default_kb() -> KnowledgeBase:
    return KnowledgeBase()
