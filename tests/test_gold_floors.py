"""Accuracy gate: our own gold set (tests/data/gold, texts written by the eventwire authors) must not fall
below its pinned floors. Raise the floors as the coder improves; never lower them."""

from __future__ import annotations

import pytest

from eventwire.evaluate import load_jsonl, score
from eventwire.sources.readers import ReadOptions, read_inputs
from tests.conftest import DATA

pytestmark = pytest.mark.model
GOLD = DATA / "gold"
HELDOUT = DATA / "heldout"
# measured 2026-11-29 (see README "Measured"): all P 0.772 R 0.653 F1 0.708 type-only 0.802;
# fr F1 0.697/0.788, en 0.668/0.771, es 0.710/0.811, de 0.767/0.859 (F1 / type-only recall)
FLOORS = {"all": {"f1": 0.69, "precision": 0.75, "recall": 0.63, "type_only_recall": 0.78},
          "fr": {"f1": 0.68, "type_only_recall": 0.77}, "en": {"f1": 0.65, "type_only_recall": 0.75},
          "es": {"f1": 0.69, "type_only_recall": 0.79}, "de": {"f1": 0.75, "type_only_recall": 0.84}}
# the held-out set (never tuned on): first measured 2026-11-29 at F1 0.501; at the end of that day's work:
# all P 0.661 R 0.497 F1 0.567 type-only 0.706; fr 0.386, en 0.671, es 0.523, de 0.666
HELDOUT_FLOORS = {"all": {"f1": 0.55, "precision": 0.64, "recall": 0.48, "type_only_recall": 0.69},
                  "fr": {"f1": 0.36}, "en": {"f1": 0.65}, "es": {"f1": 0.50}, "de": {"f1": 0.64}}


def _code(pipeline, folder):
    arts = [a for a in read_inputs([str(folder / "articles")], ReadOptions())]
    return [r.to_dict() for r in pipeline.code_many(arts)]


def _check(folder, predictions, subset, floors):
    gold = load_jsonl(str(folder / "gold.jsonl"))
    if subset != "all":
        gold = [g for g in gold if g["id"].startswith(subset + "-")]
    res = score(gold, predictions)
    for k, floor in floors[subset].items():
        assert res[k] >= floor, f"{folder.name} {subset} {k} {res[k]} < floor {floor}"


@pytest.fixture(scope="module")
def predictions(pipeline):
    return _code(pipeline, GOLD)


@pytest.mark.parametrize("subset", ["all", "fr", "en", "es", "de"])
def test_gold_set_figures_stay_above_their_floors(predictions, subset):
    _check(GOLD, predictions, subset, FLOORS)


def test_gold_outputs_follow_the_contract(predictions, schema):
    import jsonschema

    for p in predictions:
        jsonschema.validate(p, schema)


@pytest.fixture(scope="module")
def heldout_predictions(pipeline):
    return _code(pipeline, HELDOUT)


@pytest.mark.parametrize("subset", ["all", "fr", "en", "es", "de"])
def test_heldout_figures_stay_above_their_floors(heldout_predictions, subset):
    assert len(load_jsonl(str(HELDOUT / "gold.jsonl"))) == 40
    _check(HELDOUT, heldout_predictions, subset, HELDOUT_FLOORS)
