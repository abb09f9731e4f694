"""Numbers a correct translation writes otherwise (rule S002): number words written together,
metres, durations rounded to days or weeks; and the changed values next to them."""

import pytest

from tests._rules_b_helpers import source_findings

from mtcheck.source.quantities import english_quantities, french_quantities


def flagged(source, target):
    return source_findings("S002", source, target)


@pytest.mark.parametrize("text, values", [
    ("dix-huit mois", [18]), ("quatre-vingts salariés", [80]), ("quatre-vingt-dix", [90]), ("soixante-dix", [70]),
    ("cent cinquante emplois", [150]), ("deux cents", [200]), ("trois mille", [3000]), ("une quinzaine", [15]),
    ("les deux trois jours", [2, 3]),
])
def test_french_number_words_written_together(text, values):
    assert [q.value for q in french_quantities(text)] == values


@pytest.mark.parametrize("text, values", [
    ("twenty-five", [25]), ("two hundred", [200]), ("three hundred and fifty", [350]), ("seventy", [70]), ("one or two", [2]),
])
def test_english_number_words_written_together(text, values):
    assert [q.value for q in english_quantities(text)] == values


@pytest.mark.parametrize("fr, en", [
    ("Une quinzaine de maisons ont été détruites.", "Some 15 houses were destroyed."),
    ("Il a été condamné à dix-huit mois de prison.", "He was sentenced to 18 months in prison."),
    ("Cent cinquante emplois seront supprimés.", "150 jobs will be cut."),
    ("Il mesure 1,85 m.", "He is 1.85m tall."),
    ("Le site a reçu 2,3 millions de visites en 48 heures.", "The site received 2.3 million visits in two days."),
    ("Soixante-dix personnes ont été évacuées.", "70 people were evacuated."),
])
def test_values_written_otherwise_are_clean(fr, en):
    assert flagged(fr, en) == []


@pytest.mark.parametrize("fr, en", [
    ("Il a été condamné à dix-huit mois de prison.", "He was sentenced to 16 months in prison."),
    ("Le chantier a coûté 1,85 million d'euros.", "The work cost 1.58m euros."),
    ("Le site a reçu 2,3 millions de visites en 36 heures.", "The site received 2.3 million visits in two days."),
])
def test_changed_values_are_still_flagged(fr, en):
    assert flagged(fr, en) != []
