"""Untranslated rules (U): exonyms, French words, sentences and quotes left in French."""

from pathlib import Path

import pytest

from tests._rules_b_helpers import CLEAN_NEWS, run

SEED = Path(__file__).resolve().parents[1] / "corpus" / "samples"


def test_exonym_in_quote_from_seed():
    text = "“Poutine will want [a deal] A notable day like this, ”said a Ukrainian official."
    assert ("U001", "Poutine", "Putin") in run(text, "U")


@pytest.mark.parametrize(
    "french, english",
    [("Pékin", "Beijing"), ("Bruxelles", "Brussels"), ("La Haye", "The Hague"), ("Royaume-Uni", "United Kingdom"),
     ("OTAN", "NATO"), ("Etats-Unis", "United States"), ("Arabie saoudite", "Saudi Arabia")],
)
def test_exonyms(french, english):
    assert run(f"Officials from {french} arrived on Monday.", "U") == [("U001", french, english)]


def test_poutine_dish_is_not_putin():
    text = "The diner on the corner serves poutine with cheese curds and gravy.\nPoutine is on every menu."
    assert run(text, "U") == []


def test_poutine_outside_food_context_is_flagged():
    assert run("Poutine met Trump in Alaska.", "U") == [("U001", "Poutine", "Putin")]


def test_french_words_with_gloss():
    text = "Prime Minister Claire Vautrin survived mardi evening a vote, which foresees 43.8 milliards euros of savings."
    assert run(text, "U") == [("U002", "mardi", "Tuesday"), ("U002", "milliards", "billion")]


def test_sentence_initial_french_word_keeps_capital():
    assert run("Selon the minister, the plan is ready.", "U") == [("U002", "Selon", "According to")]


def test_midi_needs_context():
    assert run("The stage started at midi in Nice.", "U") == [("U002", "midi", "noon")]
    assert run("She wore a midi skirt.", "U") == []


def test_particles_inside_french_names_are_left_alone():
    assert run("The march ended at Place de la Concorde near the Hôtel de Ville.", "U") == []


def test_whole_french_sentence():
    text = "The talks ended late. Les négociations reprendront la semaine prochaine à Genève. Both sides agreed."
    found = run(text, "U")
    assert found == [("U003", "Les négociations reprendront la semaine prochaine à Genève.", None)]


def test_french_quote_inside_english_sentence():
    assert run("He called it « une catastrophe » for the region.", "U") == [("U004", "une catastrophe", None)]
    assert run('"c\'est fini," he told the crowd.', "U") == [("U004", "c'est fini,", None)]


def test_glossed_quote_and_ironic_term_are_fine():
    assert run('Critics describe it, with some irony, as "cuisine de quartier".', "U") == []
    assert run('The so-called "gilets jaunes", or yellow vests, marched.', "U") == []


def test_clean_news_has_no_untranslated_findings():
    assert run(CLEAN_NEWS, "U") == []


def test_second_seed_is_clean():
    path = SEED / "euronews-putin-ruse.txt"
    if not path.exists():
        pytest.skip("seed sample not present")
    assert run(path.read_text(encoding="utf-8"), "U") == []


def test_source_forms_inside_kept_names_and_eras():
    # Issue 12 (clean-text false alarms): an era after a year, names the writer keeps in French.
    from tests._rules_b_helpers import run

    assert run("In 312 BCE, the city fell to the Romans.", "U001") == []
    assert run("The stained glass shows Saint Martin d'Alexandrie in the second panel.", "U001") == []
    assert run("He sang at the Ancienne Belgique in Brussels.", "U001") == []
    assert run("They stayed at the Vieille Pologne inn.", "U001") == []
    # The same forms are still found where MT left them.
    assert run("The BCE raised its rates.", "U001") == [("U001", "BCE", "ECB")]
    assert run("In Bruxelles, the Commission defended the text.", "U001") == [("U001", "Bruxelles", "Brussels")]
    assert run("The mayor of Alexandrie met the envoy.", "U001") == [("U001", "Alexandrie", "Alexandria")]


def test_loanwords_english_keeps_without_hyphen_or_as_a_decoration():
    from tests._rules_b_helpers import run

    assert run("The avant garde painter died in Lyon in 1939.", "U002") == []
    assert run("He was awarded the Croix de guerre for bravery.", "U002") == []
