"""Accuracy gate for actor resolution: the actor gold set (tests/data/actors/gold.jsonl, 261 mentions in four
languages, written by the eventwire authors) must stay above its pinned floors. Raise them; never lower them."""

from __future__ import annotations

import pytest

from eventwire.actors.evaluate import load, resolve_items, score
from tests.conftest import DATA

pytestmark = pytest.mark.model

# measured 2026-11-29: code accuracy all 0.989 (fr 1.0, en 0.971, es 0.984, de 1.0), role accuracy 1.0
FLOORS = {"all": {"code_accuracy": 0.97, "role_accuracy": 0.97, "person_accuracy": 0.97},
          "fr": {"code_accuracy": 0.97}, "en": {"code_accuracy": 0.95}, "es": {"code_accuracy": 0.96},
          "de": {"code_accuracy": 0.97}, "phenomenon:dated-role": {"role_accuracy": 1.0},
          "phenomenon:title-only": {"role_accuracy": 0.95}, "phenomenon:ambiguous": {"code_accuracy": 0.8}}


@pytest.fixture(scope="module")
def result():
    items = load(str(DATA / "actors" / "gold.jsonl"))
    return score(items, resolve_items(items))


@pytest.mark.parametrize("subset", sorted(FLOORS))
def test_actor_figures_stay_above_their_floors(result, subset):
    got = result["figures"][subset]
    for k, floor in FLOORS[subset].items():
        assert got[k] >= floor, f"{subset} {k} {got[k]} < floor {floor}; errors: {result['errors'][:10]}"


# the held-out set (tests/data/actors/heldout.jsonl) was written after the resolver was tuned and is only measured:
# 2026-11-29 code accuracy 0.935, role accuracy 1.0, ambiguous forms 0.462 (cue words generalise poorly)
HELDOUT_FLOORS = {"code_accuracy": 0.92, "role_accuracy": 0.97, "person_accuracy": 0.97}


def test_heldout_actor_set_stays_above_its_floors():
    items = load(str(DATA / "actors" / "heldout.jsonl"))
    got = score(items, resolve_items(items))["figures"]["all"]
    for k, floor in HELDOUT_FLOORS.items():
        assert got[k] >= floor, f"held-out {k} {got[k]} < floor {floor}"


def test_the_scorer_counts_a_missed_mention_as_wrong():
    items = [{"id": "x", "lang": "en", "date": "2025-01-01", "text": "Russia and Turkey met.",
              "mentions": [{"text": "Russia", "code": "RUS"}, {"text": "Turkey", "code": "TUR"}]}]
    res = score(items, [[{"start": 0, "end": 6, "code": "RUS", "name": None, "role": None, "ambiguous": False}]])
    assert res["figures"]["all"]["code_accuracy"] == 0.5
