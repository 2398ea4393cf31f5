"""Per-language trigger lexicons (lexicons/<lang>.yaml) and the PLOVER ontology (data/ontology.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from eventwire.data import read_yaml
from eventwire.errors import DataFileError


@dataclass(frozen=True)
class Sense:
    type: str
    mode: str | None = None
    host: bool = False
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    obj: tuple[str, ...] = ()
    rule: str = ""
    undergo: bool = False  # the subject undergoes what a reporting speaker announces ("X would pay a heavy price")


@dataclass(eq=False)
class Lexicon:
    lang: str
    verbs: dict[str, list[Sense]] = field(default_factory=dict)
    nouns: dict[str, list[Sense]] = field(default_factory=dict)
    modes: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=dict)
    contexts: dict[str, set[str]] = field(default_factory=dict)

    def cue(self, name: str) -> set[str]:
        return set(self.cues.get(name, []))


def _senses(section: dict[str, dict[str, Any]], pos: str, lang: str) -> dict[str, list[Sense]]:
    out: dict[str, list[Sense]] = {}
    for typ, entries in (section or {}).items():
        for lemma, spec in (entries or {}).items():
            if isinstance(spec, dict):
                sense = Sense(typ, spec.get("mode"), bool(spec.get("host")), tuple(spec.get("requires") or ()),
                              tuple(spec.get("excludes") or ()), tuple(spec.get("obj") or ()),
                              undergo=bool(spec.get("undergo")))
            else:
                sense = Sense(typ, spec)
            rule = f"{lang}.{pos}.{typ}.{lemma}"
            out.setdefault(str(lemma).lower(), []).append(Sense(**{**sense.__dict__, "rule": rule}))
    return out


@cache
def lexicon(lang: str) -> Lexicon | None:
    """The language's lexicon; None when it has none; a coded error (E201) when its file is broken."""
    path = resources.files("eventwire.coding") / "lexicons" / f"{lang}.yaml"
    if not path.is_file():
        return None
    try:
        raw = read_yaml(path)
    except Exception as e:  # noqa: BLE001 - a YAML error, or a file that is not a mapping
        raise DataFileError(f"the trigger lexicon for '{lang}' cannot be read: {str(e).splitlines()[0]}",
                            source=str(path)) from None
    if not isinstance(raw, dict):
        raise DataFileError(f"the trigger lexicon for '{lang}' is not a mapping", source=str(path))
    return Lexicon(
        lang=lang, verbs=_senses(raw.get("verbs"), "verb", lang), nouns=_senses(raw.get("nouns"), "noun", lang),
        modes={t: {m: {w.lower() for w in ws} for m, ws in ms.items()} for t, ms in (raw.get("modes") or {}).items()},
        cues={k: [str(x).lower() for x in v] for k, v in (raw.get("cues") or {}).items()},
        dates=raw.get("dates") or {},
        contexts={k: {w.lower() for w in v} for k, v in (raw.get("contexts") or {}).items()},
    )


def has_lexicon(lang: str) -> bool:
    return (resources.files("eventwire.coding") / "lexicons" / f"{lang}.yaml").is_file()


def languages() -> list[str]:
    base = resources.files("eventwire.coding") / "lexicons"
    return sorted(p.name[:-5] for p in base.iterdir() if p.name.endswith(".yaml"))


@dataclass(frozen=True)
class Coding:
    cameo: str | None
    score: float | None
    quad_class: int | None


@cache
@cache
def ontology() -> dict[str, Any]:
    return read_yaml(resources.files("eventwire.coding") / "data" / "ontology.yaml")


@cache
def coding_for(typ: str, mode: str | None) -> Coding:
    t = ontology()["types"].get(typ) or {}
    m = (t.get("modes") or {}).get(mode or "") or {}
    score = m.get("score", t.get("score"))
    return Coding(str(m.get("cameo") or t.get("cameo") or "") or None,
                  float(score) if score is not None else None, t.get("quad_class"))


@cache
def target_from_article() -> frozenset[str]:
    return frozenset(ontology().get("target_from_article") or ())


@cache
def target_required() -> frozenset[str]:
    return frozenset(ontology().get("target_required") or ())


@cache
def target_in_sentence() -> frozenset[str]:
    return frozenset(ontology().get("target_in_sentence") or ())


@cache
def agent_from_place() -> dict[str, frozenset[str]]:
    return {t: frozenset(ms or ()) for t, ms in (ontology().get("agent_from_place") or {}).items()}


@cache
def domestic_by_default() -> dict[str, frozenset[str]]:
    return {t: frozenset(ms or ()) for t, ms in (ontology().get("domestic_by_default") or {}).items()}


@cache
def two_parties_required() -> frozenset[str]:
    return frozenset(ontology().get("two_parties_required") or ())
