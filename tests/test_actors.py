"""The knowledge base: data files load, offices resolve by date, surface forms resolve by language."""

from __future__ import annotations

from eventwire.actors.kb import default_kb


def test_every_un_member_has_names_in_french_and_english():
    kb = default_kb()
    members = [c for c, row in kb.countries.items() if row.get("un_member") == "yes"]
    assert len(members) == 193
    for lang in ("fr", "en"):
        named = {t.code for _, t in kb.terms_for(lang) if t.kind == "name"}
        assert set(members) <= named, set(members) - named


def test_french_adjectives_in_every_gender_and_number():
    kb = default_kb()
    forms = {text for text, t in kb.terms_for("fr") if t.code == "TUR" and t.kind == "adj"}
    assert {"turc", "turque", "turcs", "turques"} <= forms


def test_office_holder_depends_on_the_date():
    kb = default_kb()
    assert kb.holder("FRA", "head_of_state", "2023-07-13")[0].name == "Emmanuel Macron"
    assert kb.holder("FRA", "head_of_state", "2015-06-01")[0].name == "François Hollande"
    lavrov = kb.person("Sergey Lavrov")
    assert lavrov.spell_on("2025-08-16").office == "foreign_minister"
    assert lavrov.spell_on("2003-05-01").office == "other"


def test_metonyms_resolve_to_states():
    kb = default_kb()
    seats = {text: t.code for text, t in kb.terms_for("fr") if t.kind in ("seat", "capital")}
    assert seats["Ankara"] == "TUR" and seats["le Kremlin"] == "RUS" and seats["l'Élysée"] == "FRA"
