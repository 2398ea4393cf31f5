"""Accuracy gate for actor resolution: the actor gold set (tests/data/actors/gold.jsonl, 416 mentions in four
languages, written by the eventwire authors; development data) must stay above its pinned floors, and the
fresh held-out set (heldout2.jsonl, never tuned on) above loose ones. Raise them; never lower them."""

from __future__ import annotations

import pytest

from eventwire.actors.evaluate import load, resolve_items, score
from tests.conftest import DATA

pytestmark = pytest.mark.model

# measured 2026-12-07 on the merged development set (the former held-out mentions included): code accuracy all
# 0.959 (fr 0.963, en 0.954, es 0.942, de 0.979), role and person accuracy 1.0. Ambiguous forms 0.519: the floor
# of 0.8 held while ambiguous.tsv carried cue words copied from these very sentences ("hand recount", "foreign
# agents"); with those removed the figure is what the cues really do.
FLOORS = {"all": {"code_accuracy": 0.95, "role_accuracy": 0.97, "person_accuracy": 0.97},
          "fr": {"code_accuracy": 0.95}, "en": {"code_accuracy": 0.94}, "es": {"code_accuracy": 0.93},
          "de": {"code_accuracy": 0.97}, "phenomenon:dated-role": {"role_accuracy": 1.0},
          "phenomenon:title-only": {"role_accuracy": 0.95}, "phenomenon:ambiguous": {"code_accuracy": 0.5}}


@pytest.fixture(scope="module")
def result():
    items = load(str(DATA / "actors" / "gold.jsonl"))
    return score(items, resolve_items(items))


@pytest.mark.parametrize("subset", sorted(FLOORS))
def test_actor_figures_stay_above_their_floors(result, subset):
    got = result["figures"][subset]
    for k, floor in FLOORS[subset].items():
        assert got[k] >= floor, f"{subset} {k} {got[k]} < floor {floor}; errors: {result['errors'][:10]}"


# the fresh held-out set (tests/data/actors/heldout2.jsonl, 219 mentions, written blind 2026-12-07, never tuned on):
# first measured code accuracy 0.895, role 0.803, person 0.967 (role values were written without seeing the
# knowledge base's, so some role misses are naming). Loose floors only: it is scored, never read.
HELDOUT_FLOORS = {"code_accuracy": 0.8, "person_accuracy": 0.85}


def test_heldout_actor_set_stays_above_loose_floors():
    items = load(str(DATA / "actors" / "heldout2.jsonl"))
    assert len(items) == 80
    got = score(items, resolve_items(items))["figures"]["all"]
    for k, floor in HELDOUT_FLOORS.items():
        assert got[k] >= floor, f"held-out {k} {got[k]} < floor {floor}"


def test_the_scorer_counts_a_missed_mention_as_wrong():
    items = [{"id": "x", "lang": "en", "date": "2025-01-01", "text": "Russia and Turkey met.",
              "mentions": [{"text": "Russia", "code": "RUS"}, {"text": "Turkey", "code": "TUR"}]}]
    res = score(items, [[{"start": 0, "end": 6, "code": "RUS", "name": None, "role": None, "ambiguous": False}]])
    assert res["figures"]["all"]["code_accuracy"] == 0.5
