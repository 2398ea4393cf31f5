"""Normalisation keeps offsets; readers turn every input kind into articles or coded errors."""

from __future__ import annotations

import json

from eventwire.errors import EmptyText, EventwireError, InputNotFound, MalformedJSON
from eventwire.nlp.text import fold, normalise, paragraphs
from eventwire.sources.readers import ReadOptions, read_inputs


def test_normalise_replaces_typographic_apostrophes_one_for_one():
    s = "Lavrov s’engage\u00a0aujourd’hui"
    n = normalise(s)
    assert len(n) == len(s) and "’" not in n and "\u00a0" not in n


def test_paragraphs_split_on_single_line_breaks():
    text = "Premier.\nSecond paragraphe.\n\nTroisième."
    assert [text[s:e] for s, e in paragraphs(text)] == ["Premier.", "Second paragraphe.", "Troisième."]


def test_fold_ignores_case_and_accents():
    assert fold("Péter  SZIJJÁRTÓ") == "peter szijjarto"


def _read(paths, **kw):
    return list(read_inputs([str(p) for p in paths], ReadOptions(**kw)))


def test_json_jsonl_txt_and_directory_inputs_in_order(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"id": "A", "lang": "fr", "text": "Texte A.", "extra": 1}))
    (tmp_path / "b.jsonl").write_text('{"id": "B1", "text": "one"}\n\n{"id": "B2", "text": "two"}\n')
    (tmp_path / "c.txt").write_text("The title\n\nBody text of the article.")
    got = _read([tmp_path], lang="en", published="2025-01-02")
    assert [a.id for a in got[:3]] == ["A", "B1", "B2"]
    txt = got[3]
    assert txt.title == "The title" and txt.text == "Body text of the article." and txt.published == "2025-01-02"
    assert txt.path.endswith("c.txt")


def test_bad_inputs_give_coded_errors_and_the_batch_goes_on(tmp_path):
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "empty.json").write_text(json.dumps({"id": "E", "text": "  "}))
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "lines.jsonl").write_text('{"id": "ok", "text": "fine"}\n{broken\n')
    got = _read([tmp_path / "bad.json", tmp_path / "missing.json", tmp_path / "empty.json",
                 tmp_path / "latin1.txt", tmp_path / "lines.jsonl"], lang="en")
    kinds = [type(x) for x in got]
    assert kinds[:3] == [MalformedJSON, InputNotFound, EmptyText]
    # a Latin-1 file is read, not refused (the encoding is detected and noted)
    assert got[3].text == "Café" and any("not UTF-8" in n for n in got[3].notes)
    assert got[4].id == "ok" and isinstance(got[5], MalformedJSON) and got[5].source.endswith("lines.jsonl:2")
    assert all(x.code.startswith("E0") for x in got if isinstance(x, EventwireError))


def test_language_is_detected_when_not_given(tmp_path):
    (tmp_path / "x.txt").write_text("Le ministre a rencontré son homologue hier à Paris pour discuter de la crise.")
    (art,) = _read([tmp_path / "x.txt"])
    assert art.lang == "fr" and art.lang_detected


def test_html_page_main_text_and_date(tmp_path):
    html = ("<html><head><title>Talks in Paris</title><meta property='article:published_time' "
            "content='2025-02-03T10:00:00Z'></head><body><nav>Menu Home About</nav><article><h1>Talks in Paris"
            "</h1><p>The French foreign minister met his German counterpart in Paris on Monday to discuss "
            "support for Ukraine and the situation in the Middle East.</p><p>Both ministers agreed to meet "
            "again next month in Berlin, officials said after the meeting.</p></article></body></html>")
    (tmp_path / "p.html").write_text(html)
    (art,) = _read([tmp_path / "p.html"])
    assert "German counterpart" in art.text and "Menu" not in art.text
    assert art.published == "2025-02-03" and art.lang == "en"
