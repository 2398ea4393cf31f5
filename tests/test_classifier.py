"""The optional learned type classifier: its training data, its shipped model, its use in the pipeline."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from eventwire.coding import classifier as cl
from eventwire.coding.lexicon import ontology
from eventwire.pipeline import Pipeline, Trace
from tests.conftest import article

pytestmark = pytest.mark.model

# sentences written for this test (not in the training files), one clear type each
NEW = [
    ("COERCE", "Die Bundespolizei hat am Montag in Hamburg drei mutmaßliche Schleuser festgenommen."),
    ("MOBILIZE", "Rusia desplegó dos brigadas adicionales cerca de la frontera finlandesa."),
    ("AID", "The Netherlands handed over six more F-16 jets to Ukraine on Thursday."),
    ("RETREAT", "Los rebeldes liberaron a doce rehenes tras la mediación de Catar."),
    ("COOPERATE", "Seoul and Washington wrapped up a week of joint air drills over the peninsula."),
    ("NONE", "Le prix du blé a reculé de 4 % sur le marché de Chicago."),
    ("NONE", "Der Winter war in Skandinavien ungewöhnlich mild."),
    ("NONE", "The committee will publish its annual report in March."),
    ("CONCEDE", "Las autoridades iraníes anunciaron una amnistía para los presos políticos."),
    ("THREATEN", "Ankara warned Athens that any militarisation of the islands would not go unanswered."),
    ("PROTEST", "Los estibadores del puerto de Valencia iniciaron una huelga indefinida."),
    ("ACCUSE", "Israel accused Egypt of failing to stop the smuggling of weapons."),
    ("REJECT", "Der Kreml wies die Vorwürfe der Nato als haltlos zurück."),
    ("CONSULT", "Le Premier ministre japonais s'est rendu lundi à Canberra."),
    ("SANCTION", "L'Union européenne a gelé les avoirs de six officiers iraniens."),
    ("ASSAULT", "Des drones ont frappé dans la nuit un dépôt de carburant près d'Odessa."),
]


def test_training_examples_cover_every_type_in_every_language():
    rows = cl.load_examples()
    types = set(ontology()["types"]) | {cl.NONE}
    assert {r[1] for r in rows} == types
    for lang in ("fr", "en", "es", "de"):
        counts = Counter(r[1] for r in rows if r[0] == lang)
        assert min(counts.values()) >= 10 and set(counts) == types, (lang, counts)
    texts = {r[2] for r in rows}
    assert len(texts) == len(rows), "duplicate training sentences"
    assert not texts & {t for _, t in NEW}, "test sentences must not be training sentences"


def test_the_shipped_model_was_trained_on_the_shipped_examples():
    import hashlib

    rows = cl.load_examples()
    digest = hashlib.sha256("\n".join("\t".join(r) for r in rows).encode()).hexdigest()[:16]
    model = cl.default_classifier()
    assert model.meta["examples_sha256_16"] == digest, "examples changed: run `eventwire classifier train`"
    assert model.meta["examples"] == len(rows)
    assert model.labels == sorted(set(ontology()["types"]) | {cl.NONE})


def test_fit_is_deterministic_and_learns_a_separable_toy_problem():
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(0, 1, (30, 8)) + 3 * np.eye(8)[k] for k in range(3)])
    y = np.repeat(np.arange(3), 30)
    a, b = cl.fit(x, y, 3), cl.fit(x, y, 3)
    assert all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))
    assert (cl._apply(x, a).argmax(1) == y).mean() > 0.95


def test_new_sentences_in_four_languages_are_mostly_typed_right():
    preds = cl.default_classifier().predict([t for _, t in NEW])
    right = sum(p[0] == want for (want, _), p in zip(NEW, preds, strict=True))
    # measured 2026-11-29: 12 of 16 (wrong: AID->MOBILIZE, CONCEDE->COERCE, ACCUSE->REJECT, and one more)
    assert right >= 11, [(w, p[0]) for (w, _), p in zip(NEW, preds, strict=True)]


def test_add_mode_codes_a_sentence_the_lexicon_has_no_trigger_for():
    text = "Les garde-côtes iraniens ont intercepté mardi un pétrolier grec près du détroit d'Ormuz."
    rules = Pipeline().code(article(text, "fr", "2025-03-14"))
    assert rules.events == []
    res = Pipeline(classifier="add").code(article(text, "fr", "2025-03-14"))
    [ev] = res.events
    assert (ev.type, [a.code for a in ev.actor], [r.code for r in ev.recipient]) == ("COERCE", ["IRN"], ["GRC"])
    assert ev.evidence.rule == "classifier.COERCE" and ev.confidence == pytest.approx(0.4)
    assert ev.date == "2025-03-11"


def test_veto_mode_drops_a_candidate_in_a_sentence_without_an_event():
    trace = Trace()
    Pipeline(classifier="veto").code(article("Les manifestations sont fréquentes à Tbilissi en été.", "fr"), trace)
    [cand] = trace.sentences[0]["candidates"]
    assert cand["status"] == "dropped" and any("type classifier finds no event" in w for w in cand["why"])


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        Pipeline(classifier="sometimes")
