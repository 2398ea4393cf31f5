"""The German trigger lexicon (coding/lexicons/de.yaml) under the clause-window rules: for each family of verbs
and nouns, a sentence that must give its event with its type and participant codes, and for each condition
(requires / excludes / obj), a sentence that must not give the wrong reading. All sentences written for these
tests by the eventwire authors."""

from __future__ import annotations

import pytest

from tests.conftest import article

pytestmark = pytest.mark.model


def events(pipeline, text: str) -> list[tuple[str, set[str], set[str]]]:
    res = pipeline.code(article(text, "de", published="2025-06-15"))
    return [(e.type, {x.code for x in e.actor if x.code}, {x.code for x in e.recipient if x.code})
            for e in res.events if not e.negated and not e.hypothetical]


# (sentence, type, actor codes, recipient codes); an empty recipient list marks a joint act (every party in the
# actor or recipient list) or one whose target the sentence does not name
POSITIVE = [
    # RETREAT: prisoners released, a ceasefire that holds
    ("Israel entließ am Donnerstag 150 palästinensische Häftlinge aus der Haft.", "RETREAT", ["ISR"], ["PSE"]),
    ("Die israelische Regierung hat 90 palästinensische Gefangene entlassen.", "RETREAT", ["ISR"], ["PSE"]),
    ("Die Waffenruhe zwischen Israel und dem Iran hat am Dienstag gehalten.", "RETREAT", ["ISR", "IRN"], []),
    # CONCEDE: an objection dropped, restrictions abolished, tariffs lowered or postponed, a ceasefire extended
    ("Ungarn hat seinen Widerstand gegen das neue Hilfspaket aufgegeben.", "CONCEDE", ["HUN"], []),
    ("Die Türkei gab am Montag ihre Blockade des Beitritts auf.", "CONCEDE", ["TUR"], []),
    ("Ankara ließ seine Einwände gegen den Beitritt Schwedens fallen.", "CONCEDE", ["TUR"], []),
    ("China hat die Visumpflicht für Reisende aus Deutschland abgeschafft.", "CONCEDE", ["CHN"], ["DEU"]),
    ("Washington senkte die Zölle auf Autos aus der EU auf 15 Prozent.", "CONCEDE", ["USA"], ["EU"]),
    ("Trump verschob die angekündigten Strafzölle gegen Kanada um einen Monat.", "CONCEDE", ["USA"], ["CAN"]),
    ("Moskau verlängerte die Waffenruhe mit der Ukraine um weitere drei Tage.", "CONCEDE", ["RUS"], ["UKR"]),
    ("Putin ordnete eine Waffenruhe über Ostern an.", "CONCEDE", ["RUS"], []),
    # AGREE: a prospect held out, aid announced, readiness kept
    ("Der saudische Außenminister stellte den USA neue Investitionen in Aussicht.", "AGREE", ["SAU"], ["USA"]),
    ("Berlin kündigte neue Militärhilfe für die Ukraine an.", "AGREE", ["DEU"], ["UKR"]),
    ("Polen bleibt zu weiteren Gesprächen mit Russland bereit.", "AGREE", ["POL"], []),
    # SUPPORT: an ally designated, an apology, solidarity reaffirmed, a vote for, a welcome, a green light
    ("Washington stufte Saudi-Arabien als wichtigen Verbündeten ein.", "SUPPORT", ["USA"], ["SAU"]),
    ("Der japanische Regierungschef entschuldigte sich gegenüber Südkorea für die Verbrechen der Kolonialzeit.",
     "SUPPORT", ["JPN"], ["KOR"]),
    ("Die Bundesregierung bekräftigte ihre Solidarität mit der Ukraine.", "SUPPORT", ["DEU"], ["UKR"]),
    ("Frankreich stimmte für die Resolution gegen Russland.", "SUPPORT", ["FRA"], []),
    ("Biden hieß Selenskyj im Weißen Haus willkommen.", "SUPPORT", ["USA"], ["UKR"]),
    ("Die Türkei hat dem Nato-Beitritt Schwedens grünes Licht gegeben.", "SUPPORT", ["TUR"], ["SWE"]),
    ("Indien und Pakistan nahmen am Montag wieder diplomatische Beziehungen auf.", "SUPPORT", ["IND", "PAK"], []),
    # ACCUSE: designated as genocide, rejected as antisemitic, "spoke of", dismay, an arrest warrant, a formal
    # protest, a summons, blame, a case at court, a condemnation in the perfect (the noun yields to the verb)
    ("Die USA stufen die Gewalt der sudanesischen Armee als Völkermord ein.", "ACCUSE", ["USA"], ["SDN"]),
    ("Israel wies das Urteil des Internationalen Strafgerichtshofs als antisemitisch zurück.", "ACCUSE", ["ISR"],
     ["ICC"]),
    ("Kolumbien sprach von beleidigenden Äußerungen Argentiniens.", "ACCUSE", ["COL"], ["ARG"]),
    ("Das Weiße Haus zeigte sich enttäuscht über die Entscheidung Israels.", "ACCUSE", ["USA"], ["ISR"]),
    ("Der IStGH hat einen Haftbefehl gegen Wladimir Putin erlassen.", "ACCUSE", ["ICC"], ["RUS"]),
    ("Indien hat scharf gegen neue Kredite für Pakistan protestiert.", "ACCUSE", ["IND"], ["PAK"]),
    ("Peking zitierte den japanischen Botschafter ins Außenministerium.", "ACCUSE", ["CHN"], ["JPN"]),
    ("Russland hat der Ukraine die Schuld an dem Anschlag gegeben.", "ACCUSE", ["RUS"], ["UKR"]),
    ("Die Ukraine zog gegen Russland vor den Internationalen Gerichtshof.", "ACCUSE", ["UKR"], ["RUS"]),
    ("Die Bundesregierung hat den russischen Angriff auf Kiew scharf verurteilt.", "ACCUSE", ["DEU"], ["RUS"]),
    ("Trump attackierte den Präsidenten Brasiliens scharf.", "ACCUSE", ["USA"], ["BRA"]),
    # REQUEST: a demand in the perfect, "legte nahe", canvassing for support
    ("Der UN-Sicherheitsrat hat von Israel eine sofortige Waffenruhe gefordert.", "REQUEST", ["UNSC"], ["ISR"]),
    ("Die Regierung in Seoul legte Japan nahe, die Gespräche fortzusetzen.", "REQUEST", ["KOR"], ["JPN"]),
    ("Die Ukraine wirbt um Unterstützung der Europäischen Union.", "REQUEST", ["UKR"], ["EU"]),
    # REJECT: a trip called off, talks refused, a vote against, accusations dismissed
    ("Israel ließ das geplante Treffen mit den USA platzen.", "REJECT", ["ISR"], []),
    ("Die USA haben Gespräche mit dem Iran abgelehnt.", "REJECT", ["USA"], ["IRN"]),
    ("Ungarn stimmte gegen die Erklärung der EU.", "REJECT", ["HUN"], ["EU"]),
    ("Russland hat die Vorwürfe der Ukraine zurückgewiesen.", "REJECT", ["RUS"], ["UKR"]),
    # THREATEN: retaliation promised, measures held out or reserved, a threat in the perfect
    ("Brasilien werde mit Gegenzöllen gegen die USA antworten.", "THREATEN", ["BRA"], ["USA"]),
    ("China werde entschlossene Gegenmaßnahmen gegen die USA ergreifen.", "THREATEN", ["CHN"], ["USA"]),
    ("Washington stellte Moskau neue Sanktionen in Aussicht.", "THREATEN", ["USA"], ["RUS"]),
    ("Der Iran behält sich eine Antwort auf den Angriff Israels vor.", "THREATEN", ["IRN"], ["ISR"]),
    ("Die USA haben China mit Sanktionen gedroht.", "THREATEN", ["USA"], ["CHN"]),
    # SANCTION: tariffs raised, leaving an organisation, a treaty terminated, sanctions extended, ties downgraded
    ("Die USA erhöhen die Zölle auf chinesische Elektroautos auf 100 Prozent.", "SANCTION", ["USA"], ["CHN"]),
    ("Niger hat den Austritt aus der Ecowas erklärt.", "SANCTION", ["NER"], ["ECOWAS"]),
    ("Russland hat den Vertrag mit den USA aufgekündigt.", "SANCTION", ["RUS"], ["USA"]),
    ("Die EU hat die Sanktionen gegen Russland um sechs Monate verlängert.", "SANCTION", ["EU"], ["RUS"]),
    ("Die USA haben die diplomatischen Beziehungen zu Venezuela herabgestuft.", "SANCTION", ["USA"], ["VEN"]),
    # COERCE: territory captured, property seized ("stellte ... sicher")
    ("Russische Truppen eroberten die ukrainische Stadt Awdijiwka.", "COERCE", ["RUS"], ["UKR"]),
    ("Die italienische Polizei stellte mehrere Jachten russischer Oligarchen sicher.", "COERCE", ["ITA"], ["RUS"]),
    # ASSAULT: stones thrown, attacked, hostages taken
    ("Demonstranten bewarfen die mexikanische Polizei mit Steinen.", "ASSAULT", ["MEX"], ["MEX"]),
    ("Israel hat den Iran in der Nacht mit Drohnen attackiert.", "ASSAULT", ["ISR"], ["IRN"]),
    ("Die Hamas nahm bei dem Überfall auf Israel rund 250 Geiseln.", "ASSAULT", ["PSE"], ["ISR"]),
    # MOBILIZE: missile tests and launches, submarines moved
    ("Nordkorea testete am Montag eine neue Interkontinentalrakete.", "MOBILIZE", ["PRK"], []),
    ("Nordkorea startete am Dienstag eine ballistische Rakete.", "MOBILIZE", ["PRK"], []),
    ("Trump ordnete die Verlegung von zwei Atom-U-Booten in die Nähe Russlands an.", "MOBILIZE", ["USA"], []),
    # COOPERATE, AID, PROTEST
    ("Russland und Belarus haben ihr gemeinsames Großmanöver begonnen.", "COOPERATE", ["RUS", "BLR"], []),
    ("Indien flog der Türkei Zelte, Decken und Medikamente ins Erdbebengebiet.", "AID", ["IND"], ["TUR"]),
    ("Die Gewerkschaften in Frankreich traten am Donnerstag in den Streik.", "PROTEST", ["FRA"], []),
    # reported speech: Konjunktiv I forms
    ("Russland verhänge neue Strafmaßnahmen gegen Polen, sagte ein Sprecher.", "SANCTION", ["RUS"], ["POL"]),
]


@pytest.mark.parametrize("text,typ,actors,recipients", POSITIVE, ids=[p[0][:40] for p in POSITIVE])
def test_family_gives_its_event(pipeline, text, typ, actors, recipients):
    got = events(pipeline, text)
    assert any(t == typ and set(actors) <= (a | r if not recipients else a) and set(recipients) <= r
               for t, a, r in got), got


# (sentence, the type it must not give): the condition that keeps the false reading out is named
NEGATIVE = [
    ("Der Präsident der Ukraine entließ am Montag den Verteidigungsminister.", "RETREAT"),  # no prison, no prisoners
    ("Washington stellte Moskau neue Sanktionen in Aussicht.", "AGREE"),  # a threat, not a promise
    ("Die USA stufen die Verbrechen der sudanesischen Armee und verbündeter Milizen als Völkermord ein.",
     "SUPPORT"),  # 'verbündeter' beside a verdict word
    ("Tiflis wies die Kritik Estlands als Einmischung zurück.", "ACCUSE"),  # not a condemning word: REJECT
    ("Die Bundesregierung hat den russischen Angriff auf Kiew scharf verurteilt.", "ASSAULT"),  # noun yields
    ("Die Vereinten Nationen haben von Israel eine Waffenruhe gefordert.", "CONCEDE"),  # noun yields
    ("Die USA haben die Sanktionen gegen Syrien aufgehoben.", "SANCTION"),  # noun yields
    ("Die USA haben Gespräche mit dem Iran abgelehnt.", "CONSULT"),  # noun yields
    ("Deutschland hat 28 verurteilte Straftäter nach Afghanistan abgeschoben.", "ACCUSE"),  # convicts
    ("Deutschland ist verpflichtet, den russischen Präsidenten festzunehmen.", "AGREE"),  # obliged, no 'sich'
    ("Die Panzer sind wie versprochen bei der ukrainischen Armee angekommen, sagte Pistorius.", "AGREE"),
    ("Trump attackierte den Präsidenten Brasiliens scharf.", "ASSAULT"),  # a verbal attack
    ("Die Zentralbank der USA hob den Leitzins an.", "SANCTION"),  # no tariff
    ("Die USA hoben die Zölle auf Stahl aus China deutlich an.", "CONCEDE"),  # raised, not lifted
    ("Das Weiße Haus sprach mit Kiew von einem Durchbruch.", "ACCUSE"),  # no condemning word
    ("Moskau sprach mit Blick auf die Drohnen von einer Provokation Kiews.", "CONSULT"),  # 'mit' but a verdict
    ("Die Armee Israels stellte sicher, dass die Waffen der Hamas zerstört werden.", "COERCE"),  # 'ensured'
    ("Frankreich stimmte für die Resolution gegen Russland.", "REJECT"),  # a vote for
    ("Die Ukraine wirft Russland vor, trotz der Zusage erneut Kraftwerke angegriffen zu haben.", "AGREE"),
    ("Die Partei entschuldigt das Fehlen des Abgeordneten.", "SUPPORT"),  # no apology ('sich')
    ("Israel hat den Iran für den Angriff auf Tel Aviv verantwortlich gemacht.", "ASSAULT"),  # blame
    ("Die Polizei zündete am Abend Kerzen für die Opfer an.", "ASSAULT"),  # candles lit
    ("Die von Trump gesetzte Frist für eine Waffenruhe mit der Ukraine läuft am Freitag ab.", "CONCEDE"),  # a topic
    ("Im Streit um die von Trump angedrohten Strafzölle reiste Sheinbaum nach Washington.", "THREATEN"),  # attributive
    ("Die von der EU abgelehnte Resolution wurde von Russland eingebracht.", "REJECT"),  # attributive participle
]


@pytest.mark.parametrize("text,typ", NEGATIVE, ids=[n[0][:40] for n in NEGATIVE])
def test_condition_keeps_false_reading_out(pipeline, text, typ):
    got = events(pipeline, text)
    assert all(t != typ for t, _a, _r in got), got
