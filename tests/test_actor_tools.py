"""Actor tools: dated look-ups, the overlay winning over packaged data, CAMEO and Wikidata importers, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.tools import add_person, import_cameo, import_wikidata, list_entities, lookup, parse_cameo
from eventwire.errors import InvalidField
from tests.conftest import DATA

IMPORT = DATA / "actors" / "import"


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase(overlay_dir="/nonexistent")


def first(kb, text, day=None, lang=None):
    found = lookup(kb, text, day, lang)
    assert found, text
    return found[0]


def test_roles_resolve_by_date(kb):
    assert first(kb, "Emmanuel Macron", "2015-06-01")["role"] == "economy minister"
    assert first(kb, "Emmanuel Macron", "2023-07-13")["role"] == "president"
    lavrov_2003 = first(kb, "Sergey Lavrov", "2003-05-01")
    assert (lavrov_2003["code"], lavrov_2003["role"]) == ("RUS", "ambassador to the United Nations")
    assert first(kb, "Sergueï Lavrov", "2025-08-16")["role"] == "foreign minister"
    e = first(kb, "le président français", "2023-07-13", "fr")
    assert (e["name"], e["code"], e["role_start"]) == ("Emmanuel Macron", "FRA", "2017-05-14")
    assert first(kb, "the US president", "2019-06-01", "en")["name"] == "Donald Trump"
    assert first(kb, "the US president", "2023-06-01", "en")["name"] == "Joe Biden"


def test_metonyms_organisations_and_languages(kb):
    assert first(kb, "Kremlin")["code"] == "RUS"
    assert first(kb, "Quai d'Orsay")["code"] == "FRA"
    assert first(kb, "OTAN", lang="fr")["code"] == "NATO"
    assert first(kb, "Casa Blanca", lang="es")["code"] == "USA"
    assert first(kb, "Weißen Haus", lang="de")["code"] == "USA"
    assert first(kb, "Hezbollah")["code"] == "LBN"


def test_list_office_holders_on_a_day(kb):
    rows = list_entities(kb, "person", "RUS", "2025-08-16")
    assert {"Sergey Lavrov", "Vladimir Putin"} <= {r["name"] for r in rows}
    assert all(r["role_start"] <= "2025-08-16" for r in rows)


def test_overlay_wins_and_add_validates(tmp_path):
    add_person("Ilse Marwitz", "AUT", "foreign minister", "2030-01-01", office="foreign_minister",
               directory=tmp_path)
    kb = KnowledgeBase(overlay_dir=tmp_path)
    e = lookup(kb, "Ilse Marwitz", "2030-02-01")[0]
    assert (e["code"], e["role"]) == ("AUT", "foreign minister")
    assert kb.holder("AUT", "foreign_minister", "2030-02-01")[0].name == "Ilse Marwitz"
    with pytest.raises(InvalidField):
        add_person("X", "AUT", "x", "2030-13-01", directory=tmp_path)
    with pytest.raises(InvalidField):
        add_person("X", "AUT", "x", "2030-01-01", end="2029-01-01", directory=tmp_path)


def test_cameo_import(tmp_path, kb):
    entries = parse_cameo((IMPORT / "sample.cameo.txt").read_text())
    assert [e.name for e in entries] == ["Ilse Marwitz", "Tomas Verhoeven", "Northern River Front"]
    assert entries[0].codes == [("AUTGOV", "2018-03-01", "2021-06-15"), ("IGOUNO", "2021-06-16", None)]
    counts = import_cameo(kb, (IMPORT / "sample.cameo.txt").read_text(), "sample", tmp_path)
    assert counts == {"person_spells": 3, "groups": 1}
    kb2 = KnowledgeBase(overlay_dir=tmp_path)
    assert (first(kb2, "Ilse Marwitz", "2019-01-01")["code"], first(kb2, "Ilse Marwitz", "2019-01-01")["sector"]) \
        == ("AUT", "GOV")
    assert first(kb2, "Ilse M. Marwitz", "2022-01-01")["code"] == "UNO"
    assert first(kb2, "Tomas Verhoeven", "2020-01-01")["sector"] == "MIL"
    grp = first(kb2, "NRF")
    assert (grp["code"], grp["sector"], grp["kind"]) == ("SDN", "REB", "group")
    with pytest.raises(InvalidField):
        parse_cameo("[RUSGOV]\n")


def test_wikidata_import(tmp_path, kb):
    data = json.loads((IMPORT / "sample.wikidata.json").read_text())
    counts = import_wikidata(kb, data, "sample", tmp_path)
    assert counts == {"person_spells": 2, "skipped": 0}
    kb2 = KnowledgeBase(overlay_dir=tmp_path)
    fm = first(kb2, "Ilse Marwitz", "2019-05-05")
    assert (fm["code"], fm["role"], fm["wikidata"], fm["role_end"]) == ("AUT", "foreign minister", "Q900000001",
                                                                         "2021-06-15")
    assert first(kb2, "Ilse M. Marwitz", "2023-01-01")["role"] == "defence minister"
    assert kb2.holder("AUT", "defence_minister", "2023-01-01")[0].name == "Ilse Marwitz"
    with pytest.raises(InvalidField):
        import_wikidata(kb, {"nope": 1}, "x", tmp_path)


def test_cli_lookup_list_add_import(tmp_path):
    env = {**os.environ, "EVENTWIRE_ACTORS_DIR": str(tmp_path / "overlay")}

    def ew(*args, rc=0):
        p = subprocess.run([sys.executable, "-m", "eventwire.cli", "actors", *args], capture_output=True, text=True,
                           env=env, timeout=300)
        assert p.returncode == rc, p.stderr
        return p

    out = json.loads(ew("lookup", "le président français", "--date", "2023-07-13", "--lang", "fr", "--format",
                        "json").stdout)
    assert out[0]["name"] == "Emmanuel Macron" and out[0]["role_start"] == "2017-05-14"
    ew("lookup", "Zyxwvut Qqq", rc=1)
    assert "error E100" in ew("lookup", "Macron", "--date", "2023-02-30", rc=2).stderr
    ew("add", "Ilse Marwitz", "--code", "AUT", "--role", "foreign minister", "--start", "2030-01-01",
       "--office", "foreign_minister")
    out = json.loads(ew("lookup", "Ilse Marwitz", "--date", "2030-06-01", "--format", "json").stdout)
    assert out[0]["code"] == "AUT"
    ew("import", "cameo", str(IMPORT / "sample.cameo.txt"))
    ew("import", "wikidata", str(IMPORT / "sample.wikidata.json"))
    rows = json.loads(ew("list", "--kind", "person", "--code", "AUT", "--date", "2019-01-01", "--format",
                         "json").stdout)
    assert "Ilse Marwitz" in {r["name"] for r in rows}
    assert ew("import", "cameo", str(tmp_path / "missing.txt"), rc=2).stderr.startswith("error E100")
