"""Analyst tools over the actor knowledge base: look up, list, add to the overlay, import CAMEO and Wikidata.

The overlay directory (EVENTWIRE_ACTORS_DIR, else `<user config dir>/eventwire/actors`) holds files named and
formatted like the packaged ones; they are read after the packaged files, so what an analyst adds or imports
wins. Importers write new overlay files (`offices.import-<name>.tsv`, `groups.import-<name>.tsv`); nothing in
the package is ever modified.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.actors.kb import KnowledgeBase, Person, Spell, default_overlay_dir
from eventwire.errors import InvalidField, UsageError
from eventwire.nlp.text import fold

OFFICE_COLUMNS = ["name", "aliases", "wikidata", "code", "office", "role", "sector", "start", "end", "certainty",
                  "note"]
GROUP_COLUMNS = ["code", "name", "aliases", "sector", "kind", "note"]
SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD", "OPP", "REB", "CVL", "BUS", "MED", "NGO", "IGO", "SPY", "PTY",
           "ELI", "LAB", "EDU", "HLH", "REF", "RAD", "UAF", "CRM", "IMG", "AGR", "DEV", "ENV", "HRI", "MOD", "INS"}


def overlay_dir() -> Path:
    return default_overlay_dir()


# ------------------------------------------------------------------------------------------- lookup / list
def _person_entity(p: Person, s: Spell | None, text: str, how: str) -> dict[str, Any]:
    return {"text": text, "name": p.name, "code": s.code if s else None, "sector": s.sector if s else None,
            "role": s.role if s else None, "kind": "person", "wikidata": p.wikidata,
            "role_start": s.start if s else None, "role_end": s.end if s else None,
            "resolved_by": how if p.origin == "curated" else "learned"}


def lookup(kb: KnowledgeBase, text: str, day: str | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    """Entities that TEXT designates, best first: exact surface forms, then titles resolved on `day`, then
    forms that contain TEXT. Persons carry the role valid on `day` (or their latest, when no day is given)."""
    q = fold(text.strip())
    if not q:
        raise UsageError("nothing to look up")
    langs = [lang] if lang else sorted({k for k in kb.surface if k != "*"})
    exact: list[tuple[int, dict]] = []
    partial: list[tuple[int, dict]] = []
    seen: set[tuple] = set()
    for lg in [*langs, "*"]:
        for surface, term in kb.surface.get(lg, []):
            f = fold(surface)
            if f == q:
                bucket, rank = exact, 0
            elif len(q) >= 3 and re.search(rf"\b{re.escape(q)}\b", f):
                bucket, rank = partial, len(f)
            else:
                continue
            for ent in _entities_of(kb, term, surface, day):
                key = (ent["kind"], ent["code"], ent["name"], ent.get("role"))
                if key not in seen:
                    seen.add(key)
                    bucket.append((rank + _KIND_RANK.get(ent["kind"], 5), ent))
    titled = _title_lookup(kb, q, day, langs)
    return [e for _, e in sorted(exact, key=lambda x: x[0])] + titled + [
        e for _, e in sorted(partial, key=lambda x: x[0])]


_KIND_RANK = {"person": 0, "state": 1, "organization": 2, "group": 3, "place": 4, "title": 6}


def _entities_of(kb: KnowledgeBase, term, surface: str, day: str | None) -> Iterator[dict[str, Any]]:
    if term.ent_kind == "person" and term.person:
        p = kb.person(term.person)
        if p is None:
            return
        s = p.spell_on(day)
        yield _person_entity(p, s, surface, "kb" if s or day is None else "kb:no-role-on-date")
    elif term.kind == "title":
        yield {"text": surface, "name": None, "code": None, "sector": term.sector, "role": term.role,
               "kind": "title", "office": term.office, "wikidata": None}
    else:
        yield {"text": surface, "name": term.name, "code": term.code, "sector": term.sector,
               "role": None, "kind": term.ent_kind, "wikidata": None, "resolved_by": f"kb:{term.kind}"}


def _title_lookup(kb: KnowledgeBase, q: str, day: str | None, langs: list[str]) -> list[dict[str, Any]]:
    """"président français", "foreign minister of Turkey": a title plus a state -> the holder on `day`."""
    out = []
    for lg in langs:
        titles = [(fold(s), t) for s, t in kb.surface.get(lg, []) if t.kind == "title" and t.office]
        states = [(fold(s), t) for s, t in kb.terms_for(lg) if t.ent_kind == "state" and t.kind != "title"]
        for tf, tt in titles:
            if tf not in q:
                continue
            rest = q.replace(tf, " ").split()
            small = kb.linkwords["of"] | kb.linkwords["article"]  # "ministre des Finances de la France"
            rest_s = " ".join(w for w in rest if w not in small)
            for sf, st in states:
                if sf == rest_s or sf == rest_s.replace("'", ""):
                    held = kb.holder(st.code, tt.office, day) if day else None
                    if held:
                        person, spell = held
                        ent = _person_entity(person, spell, q, "kb:office")
                    else:
                        ent = {"text": q, "name": None, "code": st.code, "sector": tt.sector, "role": tt.role,
                               "kind": "person", "wikidata": None, "resolved_by": "title"}
                    if ent not in out:
                        out.append(ent)
    return out


def list_entities(kb: KnowledgeBase, kind: str | None = None, code: str | None = None,
                  day: str | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if kind in (None, "state"):
        for c, row in sorted(kb.countries.items()):
            if code in (None, c):
                out.append({"kind": "state", "code": c, "name": row.get("name_en")})
    if kind in (None, "organization", "group"):
        seen = set()
        for _lg, items in sorted(kb.surface.items()):
            for _, t in items:
                if t.ent_kind in ("organization", "group") and kind in (None, t.ent_kind) and code in (None, t.code):
                    k = (t.ent_kind, t.code, t.name)
                    if k not in seen:
                        seen.add(k)
                        out.append({"kind": t.ent_kind, "code": t.code, "name": t.name, "sector": t.sector})
    if kind in (None, "person"):
        for p in sorted(kb.persons.values(), key=lambda p: p.name):
            for s in sorted(p.spells, key=lambda s: s.start):
                if code not in (None, s.code):
                    continue
                if day and not (s.start <= day and (s.end is None or day <= s.end)):
                    continue
                out.append({"kind": "person", "name": p.name, "code": s.code, "office": s.office, "role": s.role,
                            "sector": s.sector, "role_start": s.start, "role_end": s.end,
                            "certainty": s.certainty, "origin": p.origin, "wikidata": p.wikidata})
    return out


# ------------------------------------------------------------------------------------------- overlay writes
def _write_rows(path: Path, columns: list[str], rows: list[dict[str, Any]], source: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    with open(path, "a", encoding="utf-8") as fh:
        if new:
            fh.write(f"# {path.name} - eventwire actor overlay. Source: {source}\n")
            fh.write("# Columns as in the packaged file of the same kind (see eventwire/actors/data).\n")
            fh.write("\t".join(columns) + "\n")
        for r in rows:
            fh.write("\t".join(_clean(r.get(c)) for c in columns) + "\n")


def _clean(v: Any) -> str:
    return "" if v is None else str(v).replace("\t", " ").replace("\n", " ")


def _check_date(value: str | None, what: str) -> str | None:
    if value in (None, ""):
        return None
    from datetime import date

    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise InvalidField(f"{what} must be a valid date YYYY-MM-DD, got {value!r}") from None
    return value


def add_person(name: str, code: str, role: str, start: str, end: str | None = None, office: str = "other",
               sector: str = "GOV", aliases: list[str] | None = None, wikidata: str | None = None,
               note: str | None = None, directory: Path | None = None) -> Path:
    """Append one dated role to the overlay's `offices.user.tsv` (curated by the analyst, wins over packaged)."""
    if sector not in SECTORS:
        raise InvalidField(f"unknown sector {sector!r}")
    start_ = _check_date(start, "--start")
    end_ = _check_date(end, "--end")
    if start_ is None:
        raise InvalidField("--start is required (YYYY-MM-DD)")
    if end_ and end_ < start_:
        raise InvalidField("--end is before --start")
    path = (directory or overlay_dir()) / "offices.user.tsv"
    _write_rows(path, OFFICE_COLUMNS, [{
        "name": name, "aliases": "|".join(aliases or []), "wikidata": wikidata, "code": code.upper(),
        "office": office, "role": role, "sector": sector, "start": start_, "end": end_, "certainty": "sure",
        "note": note or "added with `eventwire actors add`"}], "added by the analyst")
    return path


# ------------------------------------------------------------------------------------------- CAMEO import
_CAMEO_CODE = re.compile(r"\[([^\]\s]+)(?:\s+([0-9]{6})?\s*-\s*([0-9]{6})?)?\s*\]")


@dataclass
class CameoEntry:
    name: str
    synonyms: list[str]
    codes: list[tuple[str, str | None, str | None]]  # (code, start, end)
    comment: str = ""


def _yymmdd(v: str | None) -> str | None:
    if not v:
        return None
    yy, mm, dd = int(v[:2]), v[2:4], v[4:6]
    return f"{(1900 if yy > 50 else 2000) + yy}-{mm}-{dd}"


def _cameo_name(token: str) -> str:
    words = [w for w in token.strip().strip("+").strip("_").split("_") if w]
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def parse_cameo(text: str) -> list[CameoEntry]:
    """PETRARCH/CAMEO actor dictionary text: `NAME_ [CODE yymmdd-yymmdd]`, `+SYNONYM_`, indented `[CODE]`."""
    entries: list[CameoEntry] = []
    cur: CameoEntry | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue
        s = line.strip()
        if s.startswith("<") or s.startswith("="):  # agent/verb-dictionary markup: not actors
            continue
        if s.startswith("["):
            if cur is None:
                raise InvalidField(f"line {n}: a code line before any name")
            cur.codes += [(m[1], _yymmdd(m[2]), _yymmdd(m[3])) for m in _CAMEO_CODE.finditer(s)]
            continue
        if s.startswith("+"):
            if cur is None:
                raise InvalidField(f"line {n}: a synonym before any name")
            cur.synonyms.append(_cameo_name(s.split("[")[0]))
            cur.codes += [(m[1], _yymmdd(m[2]), _yymmdd(m[3])) for m in _CAMEO_CODE.finditer(s)]
            continue
        head = s.split("[")[0].strip()
        if not head.endswith("_") and "_" not in head:
            raise InvalidField(f"line {n}: not a CAMEO dictionary line: {raw.strip()!r}")
        cur = CameoEntry(_cameo_name(head), [], [(m[1], _yymmdd(m[2]), _yymmdd(m[3]))
                                                   for m in _CAMEO_CODE.finditer(s)], comment.strip())
        entries.append(cur)
    return entries


def _split_cameo_code(code: str, states: set[str]) -> tuple[str, str | None]:
    """RUSGOV -> (RUS, GOV); IGOUNO -> (UN?): IGO codes keep the whole code; a bare state code has no sector."""
    if code[:3] in states:
        rest = code[3:6] or None
        return code[:3], rest if rest in SECTORS else None
    if code.startswith("IGO"):
        return code[3:] or code, "IGO"
    return code, code[3:6] if code[3:6] in SECTORS else None


def import_cameo(kb: KnowledgeBase, text: str, name: str = "cameo",
                 directory: Path | None = None) -> dict[str, int]:
    """Persons (entries with dated codes) -> offices.import-<name>.tsv; undated entries -> groups.import-<name>.tsv."""
    states = set(kb.countries)
    persons, groups = [], []
    for e in parse_cameo(text):
        dated = [c for c in e.codes if c[1] or c[2]]
        if dated:
            for code, start, end in dated:
                c, sector = _split_cameo_code(code, states)
                persons.append({"name": e.name, "aliases": "|".join(e.synonyms), "code": c, "office": "other",
                                "role": "", "sector": sector or "GOV", "start": start or "1900-01-01", "end": end,
                                "certainty": "check", "note": f"CAMEO {code}" + (f"; {e.comment}" if e.comment
                                                                                  else "")})
        elif e.codes:
            c, sector = _split_cameo_code(e.codes[0][0], states)
            groups.append({"code": c, "name": e.name, "aliases": "|".join([e.name, *e.synonyms]),
                           "sector": sector or "", "kind": "group", "note": f"CAMEO {e.codes[0][0]}"})
    base = directory or overlay_dir()
    if persons:
        _write_rows(base / f"offices.import-{name}.tsv", OFFICE_COLUMNS, persons, "CAMEO/PETRARCH dictionary import")
    if groups:
        _write_rows(base / f"groups.import-{name}.tsv", GROUP_COLUMNS, groups, "CAMEO/PETRARCH dictionary import")
    return {"person_spells": len(persons), "groups": len(groups)}


# ------------------------------------------------------------------------------------------- Wikidata import
def _time(v: dict | None) -> str | None:
    t = ((v or {}).get("datavalue") or {}).get("value", {}).get("time") if v else None
    if not t:
        return None
    m = re.match(r"^[+]?(\d{4})-(\d{2})-(\d{2})", t)
    if not m:
        return None
    y, mo, d = m.groups()
    return f"{y}-{mo if mo != '00' else '01'}-{d if d != '00' else '01'}"


def _item(claim: dict) -> str | None:
    v = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
    return v.get("id") if isinstance(v, dict) else None


def _label(ent: dict, lang: str = "en") -> str | None:
    return ((ent.get("labels") or {}).get(lang) or {}).get("value")


def import_wikidata(kb: KnowledgeBase, data: dict[str, Any], name: str = "wikidata",
                    directory: Path | None = None) -> dict[str, int]:
    """Wikidata entity JSON (Special:EntityData format: {"entities": {Qid: ...}}): humans (P31=Q5) with their
    positions held (P39, qualifiers P580 start, P582 end) -> offices.import-<name>.tsv. A position's state comes
    from an included position/state entity (P17 country, P1001 jurisdiction, P298 ISO code) or from a state
    name found in the position's English label; its office from the titles in that label."""
    ents = data.get("entities") if isinstance(data, dict) else None
    if not isinstance(ents, dict):
        raise InvalidField("expected Wikidata entity JSON with an 'entities' object")
    iso: dict[str, str] = {}
    for qid, e in ents.items():
        for c in (e.get("claims") or {}).get("P298", []):
            v = ((c.get("mainsnak") or {}).get("datavalue") or {}).get("value")
            if isinstance(v, str) and v.upper() in kb.countries:
                iso[qid] = v.upper()
    rows, skipped = [], 0
    for qid, e in ents.items():
        if "Q5" not in [_item(c) for c in (e.get("claims") or {}).get("P31", [])]:
            continue
        label = _label(e) or next((v.get("value") for v in (e.get("labels") or {}).values()), None)
        if not label:
            skipped += 1
            continue
        aliases = sorted({v["value"] for lg in ("en", "fr", "es", "de") for v in
                          [*(e.get("aliases") or {}).get(lg, []), (e.get("labels") or {}).get(lg) or {}]
                          if v.get("value") and v.get("value") != label})
        for claim in (e.get("claims") or {}).get("P39", []):
            pos = _item(claim)
            q = claim.get("qualifiers") or {}
            start = _time((q.get("P580") or [None])[0])
            end = _time((q.get("P582") or [None])[0])
            pos_ent = ents.get(pos or "", {})
            pos_label = _label(pos_ent) or ""
            code = None
            for prop in ("P1001", "P17"):
                for c in (pos_ent.get("claims") or {}).get(prop, []):
                    code = code or iso.get(_item(c) or "")
            office, role = _office_from_label(kb, pos_label)
            code = code or _state_in_label(kb, pos_label)
            if not code or not start:
                skipped += 1
                continue
            rows.append({"name": label, "aliases": "|".join(aliases), "wikidata": qid, "code": code,
                         "office": office, "role": role or pos_label, "sector": "GOV", "start": start, "end": end,
                         "certainty": "sure" if end or start else "check",
                         "note": f"Wikidata {pos}: {pos_label}"})
    if rows:
        _write_rows((directory or overlay_dir()) / f"offices.import-{name}.tsv", OFFICE_COLUMNS, rows,
                    "Wikidata entity JSON import")
    return {"person_spells": len(rows), "skipped": skipped}


def _office_from_label(kb: KnowledgeBase, label: str) -> tuple[str, str | None]:
    f = fold(label)
    best = None
    for surface, t in kb.surface.get("en", []):
        if t.kind == "title" and t.office and t.office != "counterpart":
            s = fold(surface)
            if re.search(rf"\b{re.escape(s)}\b", f) and (best is None or len(s) > len(best[0])):
                best = (s, t)
    return (best[1].office, best[1].role) if best else ("other", None)


def _state_in_label(kb: KnowledgeBase, label: str) -> str | None:
    f = fold(label)
    best = None
    for surface, t in kb.surface.get("en", []):
        if t.ent_kind == "state" and t.kind in ("name", "adj"):
            s = fold(surface)
            if len(s) > 2 and re.search(rf"\b{re.escape(s)}\b", f) and (best is None or len(s) > len(best[0])):
                best = (s, t.code)
    return best[1] if best else None


def load_json(path: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise InvalidField(f"{path}: invalid JSON: {e.msg}") from None
