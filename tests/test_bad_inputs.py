"""What a real crawl throws at eventwire: a corpus of bad inputs, each beside a good article.

Every case is a folder holding one or more bad inputs and `good.json`, an ordinary article that must be coded
and stored whatever its neighbour does. One `eventwire ingest` runs over all the folders at once (so a case
that crashed the process would fail every case), one `eventwire extract` over them too; then each case checks
its own outcome: which inputs were refused with which code, which were stored, and what their diagnostics say.
No output of any command may contain a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import count

import pytest

pytestmark = pytest.mark.model
EW = [sys.executable, "-m", "eventwire.cli"]

FR_TEXT = ("Le ministre français des Affaires étrangères, Jean-Noël Barrot, a rencontré mardi à Berlin son homologue "
      "allemand, Johann Wadephul, pour évoquer la guerre en Ukraine.")
EN_TEXT = ("British Foreign Secretary David Lammy met his Turkish counterpart Hakan Fidan in Ankara on Tuesday to "
      "discuss the war in Ukraine and the situation in Syria.")
DE_TEXT = ("Bundeskanzler Friedrich Merz hat am Dienstag in Paris den französischen Präsidenten Emmanuel Macron "
           "getroffen.")
IT = ("Il ministro degli Esteri italiano ha incontrato ieri a Roma il suo omologo francese per discutere della "
      "situazione in Medio Oriente e della guerra in Ucraina, hanno riferito fonti diplomatiche.")
RU = "Министр иностранных дел России Сергей Лавров провёл во вторник переговоры с турецким коллегой в Анкаре."
AR = "التقى وزير الخارجية الفرنسي نظيره الألماني في برلين يوم الثلاثاء لبحث الحرب في أوكرانيا."
ZH = "法国外长周二在柏林会见了德国外长，讨论了乌克兰战争。"
_serial = count(1)


def fr() -> str:
    """The French sentence with a serial number: every case's text differs (equal texts are one article)."""
    return FR_TEXT.replace("Ukraine.", f"Ukraine (réf. {next(_serial)}).")


def en() -> str:
    return EN_TEXT.replace("Syria.", f"Syria (ref. {next(_serial)}).")


def de() -> str:
    return DE_TEXT.replace("getroffen.", f"getroffen (Ref. {next(_serial)}).")


def art(text: str, **kw) -> bytes:
    return json.dumps({"text": text, **kw}, ensure_ascii=False).encode("utf-8")


def feed(items: str, title: str = "Wire") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<language>en</language>{items}</channel></rss>").encode()


def item(desc: str, date: str = "Tue, 16 Sep 2025 10:00:00 GMT", guid: str = "x") -> str:
    return (f"<item><guid>{guid}</guid><title>Talks</title><pubDate>{date}</pubDate>"
            f"<description>{desc}</description></item>")


def nested(depth: int) -> bytes:
    return ("[" * depth + "]" * depth).encode()


@dataclass
class Case:
    """Bad input files (name -> bytes) and what must become of them."""

    files: dict[str, bytes]
    rejected: list[str] = field(default_factory=list)  # the codes of the inputs refused (any order)
    stored: int = 0  # articles stored from the bad files
    note: str | None = None  # words one stored article's diagnostics must contain
    published: str | None = "-"  # the publication day of the stored article(s) ("-": not checked)
    lang: str | None = None  # the language of the stored article(s)
    explicit: list[str] = field(default_factory=list)  # paths given on the command line, not found by folder


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
CASES: dict[str, Case] = {
    # encodings and bytes
    "utf8_bom": Case({"a.txt": b"\xef\xbb\xbf" + fr().encode()}, stored=1, lang="fr"),
    "utf16le_bom": Case({"a.txt": b"\xff\xfe" + fr().encode("utf-16-le")}, stored=1, note="UTF-16-LE", lang="fr"),
    "utf16be_bom": Case({"a.txt": b"\xfe\xff" + en().encode("utf-16-be")}, stored=1, note="UTF-16-BE", lang="en"),
    "utf16_no_bom": Case({"a.txt": en().encode("utf-16-le")}, stored=1, note="no byte-order mark", lang="en"),
    "utf32_bom": Case({"a.txt": b"\xff\xfe\x00\x00" + fr().encode("utf-32-le")}, stored=1, note="UTF-32", lang="fr"),
    "latin1_french": Case({"a.txt": fr().encode("latin-1")}, stored=1, note="not UTF-8", lang="fr"),
    "cp1252_quotes": Case({"a.txt": ("\u201cWe are ready\u201d, " + en()).encode("cp1252")}, stored=1, lang="en"),
    "cp1251_russian": Case({"a.txt": RU.encode("cp1251")}, rejected=["E010"]),
    "png_named_txt": Case({"a.txt": PNG}, rejected=["E002"]),
    "random_bytes_json": Case({"a.json": bytes((i * 7919 + 13) % 256 for i in range(3000))}, rejected=["E002"]),
    "stray_nul_bytes": Case({"a.txt": (fr()[:40] + "\x00" + fr()[40:]).encode()}, stored=1, note="NUL"),
    "nul_escape_in_json": Case({"a.json": art(fr()[:30] + "\u0000" + fr()[30:], lang="fr")}, stored=1),
    "control_characters": Case({"a.txt": ("\x1b[31m" + en() + "\x07\x08").encode()}, stored=1, lang="en"),
    "zero_width_marks": Case({"a.json": art(fr().replace("Barrot", "Bar\u200brot").replace("Berlin", "Ber\u200dlin"))},
                             stored=1, lang="fr"),
    "bidi_controls": Case({"a.json": art("\u202e" + en() + "\u202c\u2066\u2069")}, stored=1, lang="en"),
    "crlf_lines": Case({"a.txt": ("Talks in Ankara\r\n\r\n" + en() + "\r\n" + en()).encode()}, stored=1, lang="en"),
    "cr_only_lines": Case({"a.txt": (en() + "\r" + en()).encode()}, stored=1, lang="en"),
    "line_separators": Case({"a.json": art(en() + "\u2028" + en() + "\u2029\x0c" + en())}, stored=1, lang="en"),
    # texts
    "one_word": Case({"a.txt": b"Paris"}, stored=1),
    "number_only": Case({"a.txt": b"12 345 678 -- 2025"}, rejected=["E003"]),
    "punctuation_only": Case({"a.txt": "... !!! ??? \u2014 \u00ab \u00bb".encode()}, rejected=["E003"]),
    "whitespace_only": Case({"a.txt": b" \n\t \n "}, rejected=["E003"]),
    "empty_file": Case({"a.txt": b""}, rejected=["E003"]),
    "two_letters": Case({"a.txt": b"ok 12"}, rejected=["E010"]),
    "one_enormous_line": Case({"a.txt": (" ".join([en().rstrip(".")] * 1000)).encode()}, stored=1, lang="en"),
    "one_enormous_word": Case({"a.json": art("Ukraine " + "a" * 150_000 + " " + en(), lang="en")}, stored=1),
    "over_a_million_characters": Case({"a.txt": ((fr() + "\n") * 7200).encode()}, stored=1, lang="fr"),
    "repeated_sentence": Case({"a.txt": ((en() + " ") * 400).encode()}, stored=1, lang="en"),
    "emoji_and_symbols": Case({"a.txt": ("\U0001f1eb\U0001f1f7 \U0001f91d " + fr()
                                         + " \U0001f1e9\U0001f1ea\u2122\u00a9").encode()}, stored=1, lang="fr"),
    "mixed_languages": Case({"a.txt": (fr() + "\n" + en() + "\n" + fr()).encode()}, stored=1, lang="fr"),
    "arabic_text": Case({"a.txt": AR.encode()}, rejected=["E010"]),
    "chinese_text": Case({"a.txt": ZH.encode()}, rejected=["E010"]),
    "italian_text": Case({"a.txt": (IT + " " + IT).encode()}, rejected=["E010"]),
    "lang_field_unsupported": Case({"a.json": art(fr(), lang="ru")}, rejected=["E010"]),
    "lang_field_with_region": Case({"a.json": art(fr(), lang="fr-fr()")}, stored=1, lang="fr"),
    "lang_field_iso639_2": Case({"a.json": art(de(), lang="DEU")}, stored=1, lang="de"),
    "lang_field_a_number": Case({"a.json": art(en(), lang=5)}, stored=1, lang="en", note="'lang' is a JSON int"),
    # JSON
    "malformed_json": Case({"a.json": b'{"id": "m", "text": '}, rejected=["E004"]),
    "json_trailing_garbage": Case({"a.json": art(en()) + b" }{"}, rejected=["E004"]),
    "json_nested_100000_deep": Case({"a.json": nested(100_000)}, rejected=["E004"]),
    "json_empty_list": Case({"a.json": b"[]"}, rejected=["E003"]),
    "json_list_mixed": Case({"a.json": b"[" + art(en(), id="lm1") + b', 42, "text", {"title": 3}, '
                             + art(fr(), id="lm2") + b"]"}, rejected=["E004", "E004", "E003"], stored=2),
    "json_a_number": Case({"a.json": b"42"}, rejected=["E004"]),
    "json_a_string": Case({"a.json": b'"just a string"'}, rejected=["E004"]),
    "text_a_number": Case({"a.json": b'{"text": 12}'}, rejected=["E006"]),
    "text_a_list_of_paragraphs": Case({"a.json": json.dumps({"text": [en(), en()]}).encode()}, stored=1,
                                      note="list of paragraphs"),
    "text_a_list_of_numbers": Case({"a.json": b'{"text": [1, 2]}'}, rejected=["E006"]),
    "title_only": Case({"a.json": art("", title=fr())}, stored=1, note="only the title"),
    "title_not_a_string": Case({"a.json": art(en(), title=["a", "b"])}, stored=1, note="'title' is a JSON list"),
    "id_a_number": Case({"a.json": art(en(), id=17)}, stored=1),
    "published_month_only": Case({"a.json": art(en(), published="2025-06")}, stored=1, note="2025-06",
                                 published=None),
    "published_rfc2822": Case({"a.json": art(en(), published="Sun, 17 Aug 2025 10:22:00 GMT")}, stored=1,
                              published="2025-08-17"),
    "published_iso_with_zone": Case({"a.json": art(en(), published="2025-08-17T01:30:00+03:00")}, stored=1,
                                    published="2025-08-17"),
    "published_day_month_year": Case({"a.json": art(fr(), published="17/08/2025")}, stored=1, published="2025-08-17"),
    "published_french_words": Case({"a.json": art(fr(), published="17 août 2025")}, stored=1, published="2025-08-17"),
    "published_spanish_words": Case({"a.json": art(fr(), published="17 de agosto de 2025")}, stored=1,
                                    published="2025-08-17"),
    "published_german_words": Case({"a.json": art(de(), published="17. August 2025")}, stored=1,
                                   published="2025-08-17"),
    "published_english_words": Case({"a.json": art(en(), published="August 17, 2025")}, stored=1,
                                    published="2025-08-17"),
    "published_unix_time": Case({"a.json": art(en(), published=1755426120)}, stored=1, published="2025-08-17"),
    "published_garbage": Case({"a.json": art(en(), published="last week, roughly")}, stored=1, published=None,
                              note="publication date not used"),
    "published_not_a_day": Case({"a.json": art(en(), published="2025-02-30")}, stored=1, published=None,
                                note="not a calendar day"),
    "published_an_object": Case({"a.json": art(en(), published={"year": 2025})}, stored=1, published=None,
                                note="publication date not used"),
    "jsonl_with_bad_lines": Case({"a.jsonl": art(en(), id="jl1") + b"\n{broken\n\n42\n" + art(fr(), id="jl2") + b"\n"},
                                 rejected=["E004", "E004"], stored=2),
    "jsonl_blank_lines_only": Case({"a.jsonl": b"\n \n\t\n"}, rejected=["E003"]),
    "duplicate_ids_other_text": Case({"a.jsonl": art(en(), id="dup") + b"\n" + art(fr(), id="dup") + b"\n"},
                                     rejected=["E011"], stored=1, lang="fr"),
    "duplicate_ids_same_text": Case({"a.jsonl": (lambda line: line + b"\n" + line + b"\n")(art(en(), id="same"))},
                                    stored=1),
    # HTML
    "html_only_scripts": Case({"a.html": b"<html><head><script>var a = 1;</script></head><body><script>go()"
                                         b"</script></body></html>"}, rejected=["E003"]),
    "html_only_a_table_of_numbers": Case({"a.html": b"<html><body><table><tr><td>1</td><td>2</td></tr><tr><td>3"
                                                    b"</td><td>4</td></tr></table></body></html>"},
                                         rejected=["E003"]),
    "html_unclosed_tags": Case({"a.html": ("<html><body><article><p>" + fr() + "<p>" + fr()
                                           + "<div><b>x</body>").encode()}, stored=1, lang="fr"),
    "html_nested_20000_deep": Case({"a.html": ("<html><body>" + "<div>" * 20000 + "<p>" + fr() + "</p>"
                                               + "</div>" * 20000 + "</body></html>").encode()}, rejected=["E003"]),
    # feeds
    "feed_broken_item_dates": Case({"a.rss": feed(item(en(), date="the day before yesterday", guid="fb1")
                                                  + item(en() + " Again.", date="Tue, 31 Sep 2025", guid="fb2"))},
                                   stored=2, published=None, note="publication date not used"),
    "feed_empty_items": Case({"a.rss": feed(item("", guid="fe1") + item(en(), guid="fe2"))}, rejected=["E003"],
                             stored=1),
    "feed_without_items": Case({"a.rss": feed("")}, rejected=["E003"]),
    "feed_entity_bomb": Case({"a.xml": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b '
                                       b'"&a;&a;&a;&a;&a;&a;">]><rss><channel><item><description>&b;</description>'
                                       b"</item></channel></rss>"}, rejected=["E008"]),
    "feed_malformed_xml": Case({"a.rss": b"<rss><channel><item><description>x</item></rss>"}, rejected=["E009"]),
    # files
    "unsupported_suffix": Case({"a.pdf": b"%PDF-1.7\n" + fr().encode()}, rejected=["E005"], explicit=["a.pdf"]),
    "missing_file": Case({}, rejected=["E001"], explicit=["not-there.json"]),
}


def good(n: int) -> bytes:
    return art(FR_TEXT.replace("mardi", "lundi") + f" (dépêche n° {n})", id=f"good-{n}", lang="fr",
               published="2025-09-16")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    cases = root / "cases"
    explicit = []
    for n, (name, case) in enumerate(CASES.items()):
        folder = cases / name
        folder.mkdir(parents=True)
        for fname, data in case.files.items():
            (folder / fname).write_bytes(data)
        (folder / "good.json").write_bytes(good(n))
        explicit += [str(folder / p) for p in case.explicit]
    db = root / "store.sqlite"
    env = {**os.environ, "EVENTWIRE_HOME": str(root)}
    ing = subprocess.run([*EW, "ingest", str(cases), *explicit, "--db", f"sqlite:///{db}", "--quiet"],
                         capture_output=True, text=True, env=env, timeout=1500)
    small = [str(cases / n) for n, c in CASES.items() if n not in ("over_a_million_characters",)]
    ext = subprocess.run([*EW, "extract", *small, *explicit], capture_output=True, text=True, env=env,
                         timeout=1500)
    with sqlite3.connect(db) as c:
        rejects = c.execute("SELECT source, code, message FROM rejects").fetchall()
        stored = c.execute("SELECT id, path, published, lang, diagnostics FROM articles").fetchall()
        events = dict(c.execute("SELECT article_id, count(*) FROM reports GROUP BY article_id").fetchall())
    return {"root": cases, "ingest": ing, "extract": ext, "rejects": rejects, "stored": stored, "events": events}


def test_no_traceback_and_the_exit_status_says_some_inputs_failed(corpus):
    for run in (corpus["ingest"], corpus["extract"]):
        out = run.stdout + run.stderr
        assert "Traceback" not in out and run.returncode == 1, out[-3000:]
        errors = [ln for ln in run.stderr.splitlines() if ln.strip()]
        assert errors and all(ln.startswith("error E") for ln in errors), errors[:5]
    assert len(CASES) >= 50


def test_every_good_article_is_coded_and_stored(corpus):
    ids = {row[0] for row in corpus["stored"]}
    assert {f"good-{n}" for n in range(len(CASES))} <= ids
    assert all(corpus["events"].get(f"good-{n}", 0) >= 1 for n in range(len(CASES)))
    printed = [json.loads(line) for line in corpus["extract"].stdout.splitlines()]
    assert {f"good-{n}" for n, name in enumerate(CASES) if name != "over_a_million_characters"} <= \
        {p["article"]["id"] for p in printed}


@pytest.mark.parametrize("name", list(CASES))
def test_each_bad_input_has_its_expected_outcome(corpus, name):
    case = CASES[name]
    folder = str(corpus["root"] / name) + os.sep
    codes = Counter(code for src, code, _ in corpus["rejects"] if src.startswith(folder))
    assert codes == Counter(case.rejected), [r for r in corpus["rejects"] if r[0].startswith(folder)]
    mine = [r for r in corpus["stored"] if (r[1] or "").startswith(folder) and not r[1].endswith("good.json")]
    assert len(mine) == case.stored, mine
    for _, _, published, lang, _ in mine:
        if case.published != "-":
            assert published == case.published
        if case.lang:
            assert lang == case.lang
    if case.note:
        assert any(case.note in (r[4] or "") for r in mine), [r[4] for r in mine]
    # the same through extract: the same codes on stderr for this folder's inputs
    if name != "over_a_million_characters":
        err = Counter(ln.split(":", 1)[0].split()[-1] for ln in corpus["extract"].stderr.splitlines()
                      if folder in ln)
        expected = Counter(c for c in case.rejected if c != "E011")  # duplicates are an ingest matter
        assert err == expected, corpus["extract"].stderr
