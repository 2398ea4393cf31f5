"""The founding sample article: exact figures with its publication date, null dates without it."""

from __future__ import annotations

import json

import jsonschema
import pytest

from eventwire.evaluate import load_jsonl, score
from eventwire.sources.readers import ReadOptions, read_inputs
from tests.conftest import DATA

pytestmark = pytest.mark.model
SEED = DATA / "seed"


@pytest.fixture(scope="module")
def seed_result(pipeline):
    (art,) = list(read_inputs([str(SEED / "article.json")], ReadOptions()))
    return pipeline.code(art).to_dict()


def test_seed_scores_perfectly(seed_result):
    res = score(load_jsonl(str(SEED / "gold.jsonl")), [seed_result], show_errors=True)
    assert res["recall"] == 1.0 and res["precision"] == 1.0, res["errors"]
    for k in ("date_accuracy", "name_accuracy", "initiator_accuracy", "attribution_accuracy", "quote_recall"):
        assert res[k] == 1.0, (k, res["errors"])


def test_seed_output_follows_the_contract(seed_result, schema):
    jsonschema.validate(seed_result, schema)


def test_seed_calls_carry_all_their_mentions(seed_result):
    calls = [e for e in seed_result["events"] if e["type"] == "CONSULT" and not e["negated"]]
    assert len(calls) == 2
    for ev in calls:
        fields = {m["field"] for m in ev["mentions"]}
        assert fields == {"title", "text"} and len(ev["mentions"]) >= 3
    turkey = next(e for e in calls if any(a["code"] == "TUR" for a in e["actor"]))
    assert turkey["initiator"] == "TUR" and turkey["attribution"]["source"] == "Reuters"
    assert turkey["date"] == "2025-08-16" and turkey["date_text"].endswith("samedi")


def test_every_offset_points_at_its_text(seed_result):
    art = json.loads((SEED / "article.json").read_text(encoding="utf-8"))
    for ev in seed_result["events"]:
        for m in ev["mentions"] + [ev["evidence"]]:
            src = art["title"] if m.get("field") == "title" else art["text"]
            assert src[m["start"]:m["end"]] == m["text"]
    for q in seed_result["quotes"]:
        assert art["text"][q["start"]:q["end"]] == q["text"]


def test_without_publication_date_the_calls_have_no_date_and_say_why(pipeline):
    (art,) = list(read_inputs([str(SEED / "article.json")], ReadOptions()))
    art.published = None
    res = pipeline.code(art).to_dict()
    calls = [e for e in res["events"] if e["type"] == "CONSULT"]
    assert len(calls) == 2 and all(e["date"] is None for e in calls)
    assert any("samedi" in d and "publication date" in d for d in res["diagnostics"])
