"""French and Spanish trigger families (lexicons fr.yaml / es.yaml), each on sentences written for the test: the
event its words must give (type, actor and recipient codes), and readings its conditions must keep out."""

from __future__ import annotations

import pytest

from tests.conftest import article

pytestmark = pytest.mark.model


def _events(pipeline, text, lang):
    res = pipeline.code(article(text, lang, published="2025-06-15"))
    return [e for e in res.to_dict()["events"] if not e["negated"] and not e["hypothetical"]]


def _codes(ents):
    return sorted({e["code"] for e in ents if e["code"]})


# (lang, sentence, type, actor codes, recipient codes)
GIVES = [
    # ACCUSE: judging an act in blaming words; formal protests; blame laid on someone
    ("fr", "Le Premier ministre canadien a qualifié d'inacceptables les frappes iraniennes contre Israël.",
     "ACCUSE", ["CAN"], ["IRN"]),
    ("fr", "Le Quai d'Orsay a jugé scandaleuse la décision algérienne.", "ACCUSE", ["FRA"], ["DZA"]),
    ("fr", "Téhéran a adressé une protestation au Royaume-Uni.", "ACCUSE", ["IRN"], ["GBR"]),
    ("es", "El presidente argentino calificó de inaceptable la decisión del Gobierno chileno.", "ACCUSE", ["ARG"],
     ["CHL"]),
    ("es", "La cancillería mexicana presentó una protesta formal ante Estados Unidos.", "ACCUSE", ["MEX"], ["USA"]),
    ("es", "El Gobierno japonés transmitió una enérgica protesta a China.", "ACCUSE", ["JPN"], ["CHN"]),
    ("es", "El presidente colombiano hizo responsable a Venezuela del atentado.", "ACCUSE", ["COL"], ["VEN"]),
    # ASSAULT: sinking a vessel, water cannon and force used against someone, opening fire, blowing up
    ("fr", "La marine ukrainienne coule un navire russe en mer Noire.", "ASSAULT", ["UKR"], ["RUS"]),
    ("fr", "Les garde-côtes chinois ont fait usage de canons à eau contre un navire philippin.", "ASSAULT", ["CHN"],
     ["PHL"]),
    ("es", "La guardia costera china utilizó cañones de agua contra un buque filipino.", "ASSAULT", ["CHN"], ["PHL"]),
    ("es", "La Armada ucraniana hundió un buque ruso en el mar Negro.", "ASSAULT", ["UKR"], ["RUS"]),
    ("es", "Los soldados israelíes abrieron fuego contra manifestantes palestinos.", "ASSAULT", ["ISR"], ["PSE"]),
    # SUPPORT: taking someone's side, tribute, restored ties, sealed agreements, solidarity
    ("fr", "Le président français prend la défense de son homologue ukrainien.", "SUPPORT", ["FRA"], ["UKR"]),
    ("fr", "Le chancelier allemand rend hommage à la Pologne pour son accueil des réfugiés.", "SUPPORT", ["DEU"],
     ["POL"]),
    ("fr", "Le président chilien a exprimé ses condoléances à la Turquie.", "SUPPORT", ["CHL"], ["TUR"]),
    ("es", "Lula rindió homenaje a Cuba por su ayuda médica.", "SUPPORT", ["BRA"], ["CUB"]),
    ("es", "Colombia restableció las relaciones diplomáticas con Venezuela.", "SUPPORT", ["COL"], ["VEN"]),
    ("es", "El Gobierno mexicano expresó su solidaridad con Cuba.", "SUPPORT", ["MEX"], ["CUB"]),
    # CONCEDE: duties lowered, a veto given up or lifted
    ("fr", "La Russie a abaissé les droits de douane sur les importations turques.", "CONCEDE", ["RUS"], []),
    ("es", "México rebajó los aranceles a los productos brasileños.", "CONCEDE", ["MEX"], ["BRA"]),
    ("es", "Hungría renunció a su veto contra el paquete de ayuda a Ucrania.", "CONCEDE", ["HUN"], []),
    # SANCTION: duties raised, counter-measures, leaving an organisation, expelled envoys, closed embassies
    ("fr", "Les États-Unis ont doublé les droits de douane sur les importations chinoises.", "SANCTION", ["USA"],
     ["CHN"]),
    ("fr", "La Chine prend des contre-mesures contre les États-Unis.", "SANCTION", ["CHN"], ["USA"]),
    ("es", "Estados Unidos cuadruplicó los aranceles a China.", "SANCTION", ["USA"], ["CHN"]),
    ("es", "Marruecos expulsó a dos diplomáticos argelinos.", "SANCTION", ["MAR"], ["DZA"]),
    ("es", "La Unión Europea prorrogó las sanciones contra Rusia.", "SANCTION", ["EU"], ["RUS"]),
    # THREATEN: warnings and ultimatums issued, future measures, promised retaliation
    ("fr", "La Chine a lancé un avertissement à Taïwan.", "THREATEN", ["CHN"], ["TWN"]),
    ("fr", "Le Maroc a adressé un ultimatum à l'Algérie.", "THREATEN", ["MAR"], ["DZA"]),
    ("fr", "La Chine prendra des mesures de rétorsion contre le Japon.", "THREATEN", ["CHN"], ["JPN"]),
    ("es", "China tomará medidas contra Estados Unidos.", "THREATEN", ["CHN"], ["USA"]),
    ("es", "El Kremlin lanzó una advertencia a Polonia.", "THREATEN", ["RUS"], ["POL"]),
    ("es", "Irán prometió una respuesta contundente a Israel.", "THREATEN", ["IRN"], ["ISR"]),
    # REQUEST: conditions set
    ("fr", "Le Kremlin a posé ses conditions à l'Ukraine.", "REQUEST", ["RUS"], ["UKR"]),
    ("es", "Rusia puso condiciones a Ucrania para un alto el fuego.", "REQUEST", ["RUS"], ["UKR"]),
    # AGREE: willingness and shared positions
    ("es", "Rusia se mostró dispuesta a negociar con Ucrania.", "AGREE", ["RUS"], ["UKR"]),
    ("es", "Estados Unidos y China coincidieron en que el diálogo debe continuar.", "AGREE", ["CHN", "USA"], []),
    # REJECT: blocking a text, ignoring an ultimatum, dismissing an accusation in blaming words
    ("es", "Rusia bloqueó la resolución del Consejo de Seguridad.", "REJECT", ["RUS"], ["UNSC"]),
    ("es", "Caracas ignoró el ultimátum de Washington.", "REJECT", ["VEN"], ["USA"]),
    ("fr", "Le Kremlin a qualifié d'absurdes les accusations de la Pologne.", "REJECT", ["RUS"], ["POL"]),
    ("es", "El Departamento de Estado calificó de absurdas las acusaciones de Cuba.", "REJECT", ["USA"], ["CUB"]),
    # RETREAT: troops leaving
    ("es", "Los últimos soldados franceses abandonaron Níger el viernes.", "RETREAT", ["FRA"], ["NER"]),
    # AID: released funds
    ("es", "El Banco Mundial liberó 200 millones de dólares para Haití.", "AID", ["WB"], ["HTI"]),
    # COERCE: expelled migrants, annexation
    ("es", "República Dominicana expulsó a cientos de migrantes haitianos.", "COERCE", ["DOM"], ["HTI"]),
    ("es", "Rusia se anexionó cuatro regiones ucranianas.", "COERCE", ["RUS"], ["UKR"]),
    # MOBILIZE: a missile test
    ("es", "Corea del Norte realizó una prueba de misiles balísticos.", "MOBILIZE", ["PRK"], []),
    # (more) a formal end of negotiations, suspended purchases, suspended broadcasts, a march told by a mis-tagged verb
    ("es", "La Unión Europea y el Mercosur anunciaron la conclusión de las negociaciones del acuerdo comercial.",
     "SUPPORT", ["EU", "MERCOSUR"], []),
    ("es", "El Gobierno colombiano suspendió la compra de armas a Israel.", "SANCTION", ["COL"], ["ISR"]),
    ("es", "Nicaragua suspendió las emisiones de la cadena estadounidense CNN.", "COERCE", ["NIC"], ["USA"]),
    ("fr", "Des milliers d'opposants ont défilé samedi à Belgrade contre le gouvernement serbe.", "PROTEST", ["SRB"],
     ["SRB"]),
]


@pytest.mark.parametrize("lang,text,typ,actor,recipient", GIVES)
def test_family_gives_its_event(pipeline, lang, text, typ, actor, recipient):
    evs = [e for e in _events(pipeline, text, lang) if e["type"] == typ]
    assert evs, f"no {typ} in {[(e['type'], _codes(e['actor'])) for e in _events(pipeline, text, lang)]}"
    assert any(_codes(e["actor"]) == actor and _codes(e["recipient"]) == recipient for e in evs), \
        [(_codes(e["actor"]), _codes(e["recipient"])) for e in evs]


# (lang, sentence, a type the conditions must keep out)
KEEPS_OUT = [
    ("fr", "L'équipe nationale marocaine s'est qualifiée pour la finale au Qatar.", "ACCUSE"),
    ("fr", "Le président français a rendu hommage aux victimes de l'attentat de Nice.", "SUPPORT"),
    ("fr", "Des milliers de manifestants ont défilé à Paris en signe de protestation contre la réforme.", "ACCUSE"),
    ("fr", "Le Kremlin a qualifié d'absurdes les accusations de la Pologne.", "ACCUSE"),
    ("es", "El Departamento de Estado calificó de absurdas las acusaciones de Cuba.", "ACCUSE"),
    ("es", "El Gobierno colombiano lamentó la muerte del periodista mexicano.", "ACCUSE"),
    ("es", "El canciller argentino presentó su propuesta a Chile.", "ACCUSE"),
    ("es", "República Dominicana expulsó a cientos de migrantes haitianos.", "SANCTION"),
    ("es", "El Gobierno venezolano ordenó la salida del personal diplomático de Argentina.", "REQUEST"),
    ("es", "Irán prometió ayuda a Siria.", "THREATEN"),
    ("es", "Las Fuerzas de Apoyo Rápido atacaron la ciudad de El Fasher.", "SUPPORT"),
    ("es", "El ministro de Defensa de Perú renunció ayer.", "CONCEDE"),
    ("es", "Los jóvenes exigieron la rendición de cuentas del Gobierno de Marruecos.", "RETREAT"),
    ("es", "Hungría renunció a su veto contra el paquete de ayuda a Ucrania.", "RETREAT"),
]


@pytest.mark.parametrize("lang,text,typ", KEEPS_OUT)
def test_conditions_keep_wrong_readings_out(pipeline, lang, text, typ):
    assert typ not in {e["type"] for e in _events(pipeline, text, lang)}


def test_resignation_stays_retreat(pipeline):
    evs = _events(pipeline, "El ministro de Defensa de Perú renunció ayer.", "es")
    assert [e["mode"] for e in evs if e["type"] == "RETREAT"] == ["resign"]
