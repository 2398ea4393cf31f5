"""Properties that must hold for any input (hypothesis): readers, normalisation and the coder never raise,
keep offsets inside the text, and produce output valid against the contract."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import EventwireError
from eventwire.model import Article
from eventwire.nlp.text import blocks, normalise, paragraphs
from eventwire.sources.encoding import clean, decode
from eventwire.sources.published import read_published
from eventwire.sources.readers import ReadOptions, article_from_mapping

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGS = frozenset({"fr", "en", "es", "de"})

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
article_like = st.fixed_dictionaries({}, optional={
    "id": json_values, "text": st.text(max_size=300) | json_values, "title": st.text(max_size=60) | json_values,
    "lang": st.sampled_from(["fr", "en", "es", "de", "it", "FR", "fr-CA", "xx", ""]) | json_values,
    "published": st.sampled_from(["2025-08-17", "2025-06", "17/08/2025", "Sun, 17 Aug 2025 10:22:00 GMT",
                                  "17 août 2025", "", "garbage"]) | json_values,
    "url": json_values, "outlet": json_values})


@SETTINGS
@given(st.binary(max_size=2000))
def test_decoding_any_bytes_gives_text_or_a_coded_error(raw):
    try:
        text, note = decode(raw)
    except EventwireError as e:
        assert e.code == "E002"
        return
    assert isinstance(text, str) and (note is None or isinstance(note, str))


@SETTINGS
@given(st.text(max_size=500))
def test_cleaning_leaves_no_invisible_or_control_characters(text):
    out = clean(text)
    assert all(c in "\t\n\r" or not (ord(c) < 32 or 0x7f <= ord(c) <= 0x9f) for c in out)
    assert "\u200b" not in out and "\u202e" not in out and "\ufeff" not in out


@SETTINGS
@given(st.text(max_size=500))
def test_normalisation_keeps_every_offset_and_paragraphs_lie_inside(text):
    out = normalise(text)
    assert len(out) == len(text)
    for s, e in paragraphs(out):
        assert 0 <= s < e <= len(out) and "\n" not in out[s:e]


@SETTINGS
@given(st.text(max_size=3000), st.integers(min_value=10, max_value=400))
def test_blocks_cover_the_text_in_order_within_their_size(text, size):
    spans = list(blocks(text, size))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(0 < e - s <= size for s, e in spans) or text == ""


@SETTINGS
@given(json_values | st.text(max_size=80))
def test_any_publication_value_gives_a_day_a_period_or_a_problem(value):
    got = read_published(value, "fr")
    assert got.day is None or (len(got.day) == 10 and got.day[4] == "-")
    assert not (got.day and got.period)


@SETTINGS
@given(article_like)
def test_any_json_object_gives_an_article_or_a_coded_error(obj):
    try:
        art = article_from_mapping(obj, "x.json", ReadOptions(languages=LANGS))
    except EventwireError as e:
        assert e.code in {"E003", "E004", "E006", "E010"}
        return
    assert art.lang in LANGS and isinstance(art.text, str) and isinstance(art.id, str)
    assert art.published is None or len(art.published) == 10


WORDS = ["Le", "ministre", "russe", "Sergueï", "Lavrov", "a", "rencontré", "son", "homologue", "turc", "Hakan",
         "Fidan", "mardi", "à", "Ankara", ",", ".", "«", "»", "\n", "condamné", "l'attaque", "contre", "Kiev", "the",
         "President", "Macron", "met", "German", "Chancellor", "Merz", "on", "Monday", "in", "Berlin", "condemned",
         "Russia", "sanctions", "against", "Iran", "der", "Bundeskanzler", "traf", "gestern", "Präsident", "el",
         "presidente", "Sánchez", "se", "reunió", "con", "ayer", "en", "Madrid", "no", "not", "ne", "pas", "did",
         "2025", "17", "août", "(Reuters)", "-", "PARIS,", "said", "a-t-il", "déclaré", "«Nous", "»,", "'", '"']


@pytest.mark.model
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["fr", "en", "es", "de"]), st.lists(st.sampled_from(WORDS) | st.text(max_size=6),
                                                           min_size=1, max_size=80),
       st.sampled_from([None, "2025-08-17"]))
def test_the_coder_on_generated_text_keeps_offsets_and_the_contract(pipeline, schema, lang, words, published):
    import jsonschema

    text = " ".join(words)
    if not text.strip():
        return
    res = pipeline.code(Article(id="h", text=text, title=" ".join(words[:5]), lang=lang, published=published))
    out = res.to_dict()
    jsonschema.validate(json.loads(json.dumps(out)), schema)
    for ev in res.events:
        for m in ev.mentions:
            src = res.article.field_text(m.field)
            assert 0 <= m.start <= m.end <= len(src) and src[m.start:m.end] == m.text
    for q in res.quotes:
        src = res.article.field_text(q.field)
        assert src[q.start:q.end] == q.text
