"""What a correct translation may render differently (source_names.toml, roads and negation
entries of source_checks.toml): one clean pair per kind of entry, and the error next to it
that must still be flagged."""

import pytest

from tests._rules_b_helpers import source_findings

from mtcheck.source.names import acronym_expansion, acronym_heads, institution_head, spelling_variant
from mtcheck.source.quantities import Kind, english_quantities, french_quantities
from mtcheck.source.signals import french_negations, mask_shared_quotes


codes = source_findings


@pytest.mark.parametrize("fr, en", [
    # [derived]: a place or demonym rendered by an adjective, a demonym or the place
    ("Le film sortira en salles en France le 10 septembre.", "The film will be released in French cinemas on 10 September."),
    ("Le Slovène Tadej Pogačar a gagné.", "Slovenia's Tadej Pogačar won."),
    ("L'étape des Alpes a été raccourcie.", "The Alpine stage was shortened."),
    ("Le Néerlandais Mathieu van der Poel a fini deuxième.", "The Dutchman Mathieu van der Poel finished second."),
    # [holidays]
    ("Les vacances de la Toussaint approchent.", "The All Saints' Day holidays are approaching."),
    ("Le trafic sera dense pour le week-end de la Pentecôte.", "Traffic will be heavy over the Whitsun weekend."),
    # [institutions]: described rather than named
    ("La Direction générale de l'aviation civile a demandé des annulations.", "The civil aviation authority has asked for cancellations."),
    # [institution_heads]: the head word alone, one word or two, is no name
    ("La Haute Autorité de santé recommande un traitement.", "The national health authority recommends a treatment."),
    ("L'Autorité de la concurrence a sanctionné trois enseignes.", "The competition watchdog penalised three chains."),
    # [acronyms]: an acronym rendered by its expansion's head noun, spelled out in the text or in the table
    ("L'Agence régionale de santé alerte. La directrice de l'ARS a parlé.", "The regional health agency is warning. The agency's director spoke."),
    ("La directrice de l'ARS a parlé.", "The agency's director spoke."),
    # [spelling_variants]
    ("Selon l'Organisation mondiale de la santé, la situation empire.", "According to the World Health Organization, the situation is worsening."),
    # [transliteration]
    ("Benyamin Nétanyahou a rencontré Mohammed ben Salmane.", "Benjamin Netanyahu met Mohammed bin Salman."),
    ("Le président était à Kiev.", "The president was in Kyiv."),
    # a name of several words kept by its distinctive word
    ("Le Musée du Louvre a accueilli 9 millions de visiteurs.", "The Louvre welcomed 9 million visitors."),
    # metonyms ([names] of source_checks.toml)
    ("L'Élysée a démenti l'information.", "The presidency denied the report."),
])
def test_names_rendered_otherwise_are_clean(fr, en):
    assert codes("S003", fr, en) == []


@pytest.mark.parametrize("fr, en", [
    ("Le Slovène Tadej Pogačar a gagné.", "The Slovak Tadej Pogačar won."),  # a changed nationality
    ("Le rapport de l'ARS est sévère.", "The report is harsh."),  # the acronym not rendered at all
    ("Le rapport de l'OCDE est sévère.", "The agency's report is harsh."),  # no known expansion
    ("Le ministre Olivier Vautrin était à Pékin.", "Minister Olivier Vautrain was in Beijing."),
    ("La présidente Denise Martin a parlé.", "President Denize Martin spoke."),  # no English word: not a spelling
    ("Le ministre Louis Martin a parlé.", "Minister Luis Martin spoke."),  # too short for a transliteration
    ("Le Musée du Louvre a rouvert.", "The museum has reopened."),  # the distinctive word lost
])
def test_names_not_rendered_are_still_flagged(fr, en):
    assert codes("S003", fr, en) != []


def test_acronym_expansion_from_the_text_then_the_table():
    text = "La Direction générale de l'aviation civile (DGAC) a parlé."
    assert acronym_expansion("DGAC", text) == "Direction générale de l'aviation civile"
    assert acronym_expansion("ARS", "Rien ici.") == "Agence régionale de santé"
    assert acronym_expansion("XYZQ", "Rien ici.") is None
    assert "agency" in acronym_heads("ARS", "")
    assert "court" in acronym_heads("CX", "La Cour de xylophone (CX).")


def test_institution_heads_and_spelling_variants():
    assert institution_head("Agence") and institution_head("Haute Autorité") and not institution_head("Marie")
    assert spelling_variant("Organisation", "Organization") and spelling_variant("Centre", "Center")
    assert not spelling_variant("Denise", "Denize") and not spelling_variant("Martin", "Martine")


def test_road_numbers_are_read_as_roads():
    (road,) = [q for q in french_quantities("La RD 902 est fermée, et la RN 7, jusqu'à 7,5 tonnes.") if q.kind is Kind.ROAD][:1]
    assert road.text == "D902"
    fr_roads = [q.text for q in french_quantities("Sur la RN 7, l'A7 et la D 540.") if q.kind is Kind.ROAD]
    assert fr_roads == ["N7", "A7", "D540"]
    assert [q.text for q in english_quantities("The N7, the A7 and the D540.") if q.kind is Kind.ROAD] == ["N7", "A7", "D540"]
    assert not [q for q in english_quantities("Grade A 5 and 7.5 tonnes") if q.kind is Kind.ROAD]


@pytest.mark.parametrize("fr, en", [
    ("La préfecture a fermé la RD 902 dès 6 heures.", "The prefecture closed the D902 from 6am."),
    ("Sur la RN 7, fermée depuis mardi, les travaux continuent.", "On the N7, closed since Tuesday, work continues."),
    ("Un Airbus a atterri.", "An Airbus A320 landed."),  # an English code with no French road: no road
])
def test_road_numbers_clean(fr, en):
    assert codes("S002", fr, en) == [] and codes("S003", fr, en) == []


def test_changed_road_number_is_flagged():
    assert codes("S002", "La préfecture a fermé la RD 902.", "The prefecture closed the D920.") == ["D920"]


@pytest.mark.parametrize("fr, en", [
    # french_lexical: a negative adjective rendered with "not"
    ("Une aide jugée insuffisante par les syndicats.", "Aid which the unions say is not enough."),
    # french_without_ne: "pas" without "ne"
    ("Air France assurera ses vols long-courriers, mais pas tous ses vols intérieurs.", "Air France will operate its long-haul flights, but not all of its domestic flights."),
    ("Réforme des retraites : pas question de reculer, dit le ministre.", "Pension reform: no question of backing down, says the minister."),
    # a title both sides keep in its own language
    ("Le Grand Prix au film japonais « Kaze no Michi ».", "The Grand Prix to the Japanese film “Kaze no Michi”."),
    ("Le prix a été attribué à « No Way Home Tonight ».", "The award went to “No Way Home Tonight”."),
])
def test_negation_rendered_otherwise_is_clean(fr, en):
    assert codes("S004", fr, en) == []


@pytest.mark.parametrize("fr, en", [
    # english_not_negations
    ("Non seulement la ville a perdu des habitants, mais aussi des emplois.", "Not only has the city lost residents, but also jobs."),
    ("Il sera sans doute candidat.", "He will no doubt be a candidate."),
    ("Pas moins de 300 personnes ont été évacuées.", "No fewer than 300 people were evacuated."),
    # english_lexical "yet to", the literary "ne" without "pas", sans_idioms
    ("Le gouvernement n'a pas encore tranché.", "The government has yet to decide."),
    ("Il n'a pu être joint.", "He could not be reached."),
    ("Le texte a été adopté sans difficulté.", "The text was adopted easily."),
    # verbs and adjectives of lack or loss; "pas de" opening a headline
    ("La police ignore les motifs de l'attaque.", "Police do not know the motive for the attack."),
    ("Il est resté muet.", "He said nothing."),
    ("La majorité a perdu sa majorité absolue.", "The ruling bloc no longer has an absolute majority."),
    ("Pas de miracle pour les Bleus.", "No miracle for France."),
])
def test_negation_idioms_are_clean(fr, en):
    assert codes("S004", fr, en) == []


@pytest.mark.parametrize("fr, en", [
    ("Le gouvernement approuvera la réforme.", "The government will not approve the reform."),
    # the title masked, the negation kept (an added negation is reported when it negates a word of the
    # source, a cognate or a dictionary pair: see tests/test_source_divergences.py)
    ("Le film « Kaze no Michi » a été sélectionné.", "The film “Kaze no Michi” was not selected."),
    ("Il a voté pour, mais pas elle.", "He voted for it, and so did she."),
])
def test_negation_mismatch_still_flagged(fr, en):
    assert codes("S004", fr, en) != []


def test_pas_without_ne_counts_once():
    assert french_negations("Mais pas la totalité.") == 1
    assert french_negations("Il ne veut pas encore partir.") == 1
    assert french_negations("Il a fait un pas encore plus grand.") == 0
    assert french_negations("Une personne ne peut voter qu'une fois.") == 0  # ne … que: a restriction
    assert french_negations("Le prix ne cesse d'augmenter.") == 0
    assert french_negations("Grève : pas de trains demain.") == 1
    assert french_negations("Il a fait un pas de plus.") == 0


def test_shared_quotes_are_masked_on_both_sides_only():
    s, t = mask_shared_quotes("Le film « Kaze no Michi » et « La Nuit ».", "The film “Kaze no Michi” and “The Night”.")
    assert "Kaze" not in s and "Kaze" not in t and "Nuit" in s and "Night" in t
    assert len(s) == len("Le film « Kaze no Michi » et « La Nuit ».")
