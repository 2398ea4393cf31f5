"""eventwire's stages are registered spaCy components: they run inside `nlp.pipe`, can be added to a model of
one's own, and leave docs without eventwire context alone."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import eventwire.components  # noqa: F401  (registers the factories)
from eventwire.nlp import models
from eventwire.pipeline import with_stages
from tests.conftest import article

pytestmark = pytest.mark.model


def test_the_stages_are_registered_factories():
    for name in ("eventwire_actors", "eventwire_coder", "eventwire_type_classifier"):
        assert Language.has_factory(name), name


def test_pipeline_runs_its_stages_inside_the_spacy_pipeline(pipeline):
    res = pipeline.code(article("Le ministre russe des Affaires étrangères, Sergueï Lavrov, a rencontré mardi "
                                "son homologue turc Hakan Fidan à Moscou.", "fr", "2025-03-14"))
    nlp = models.load(models.model_name_for("fr"))
    names = nlp.pipe_names
    assert names.index("parser") < names.index("eventwire_actors") < names.index("eventwire_coder")
    assert [(e.type, e.date) for e in res.events] == [("CONSULT", "2025-03-11")]


def test_a_bare_parse_on_the_same_model_is_left_alone(pipeline):
    nlp = with_stages(models.load(models.model_name_for("fr")))
    doc = nlp("Paris a condamné l'attaque russe contre Kiev.")
    assert doc._.ew_events is None and doc._.ew_mentions is None
    assert "eventwire" not in doc.user_data


def test_components_added_to_a_model_of_ones_own_code_each_doc():
    nlp = spacy.load(models.model_name_for("en"))
    nlp.add_pipe("eventwire_actors", config={"standalone": True})
    nlp.add_pipe("eventwire_coder", config={"standalone": True})
    docs = list(nlp.pipe(["Germany condemned the Russian missile strike on Kyiv.",
                          "Inflation in the euro area eased to 2.1 percent."]))
    first = [(e.type, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in docs[0]._.ew_events]
    assert first == [("ACCUSE", ["DEU"], ["RUS"])]
    assert [m.entity.code for m in docs[0]._.ew_mentions] == ["DEU", "RUS", "UKR"]
    assert docs[1]._.ew_events == []
    assert all(e.id.startswith("ev:") for e in docs[0]._.ew_events)
