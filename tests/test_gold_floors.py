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
# measured 2026-11-29 (see README "Measured"): all P 0.752 R 0.633 F1 0.687 type-only 0.791;
# fr F1 0.676/0.779, en 0.651/0.771, es 0.691/0.797, de 0.744/0.831 (F1 / type-only recall)
FLOORS = {"all": {"f1": 0.67, "precision": 0.74, "recall": 0.61, "type_only_recall": 0.77},
          "fr": {"f1": 0.66, "type_only_recall": 0.76}, "en": {"f1": 0.63, "type_only_recall": 0.75},
          "es": {"f1": 0.67, "type_only_recall": 0.78}, "de": {"f1": 0.72, "type_only_recall": 0.81}}
# the held-out set (never tuned on): first measured 2026-11-29 at F1 0.501; after the general rules of the same
# day: all P 0.670 R 0.462 F1 0.547 type-only 0.671; fr 0.386, en 0.671, es 0.484, de 0.631
HELDOUT_FLOORS = {"all": {"f1": 0.53, "precision": 0.65, "recall": 0.44, "type_only_recall": 0.65},
                  "fr": {"f1": 0.36}, "en": {"f1": 0.65}, "es": {"f1": 0.47}, "de": {"f1": 0.61}}


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
