"""Entity-consistency rules (E): one entity spelled two ways in one article."""

from mtcheck.rules import Glossary
from tests._rules_b_helpers import CLEAN_NEWS, run


def test_minority_variant_gets_majority_form():
    text = "Mr Zelensky arrived. Zelensky spoke. Later Mr Zelenskyy asked for weapons, and Zelenski left."
    assert run(text, "E001") == [("E001", "Zelenskyy", "Zelensky"), ("E001", "Zelenski", "Zelensky")]


def test_tie_goes_to_canonical_form():
    assert run("Kiev was shelled. Officials in Kyiv said so.", "E001") == [("E001", "Kiev", "Kyiv")]


def test_single_form_is_consistent():
    assert run("Zelenskyy spoke. Zelenskyy left.", "E") == []


def test_exonyms_are_left_to_untranslated_rules():
    assert run("Poutine met Trump. Putin then left.", "E") == []


def test_glossary_preferred_spelling_wins():
    glossary = Glossary(preferred=(("Zelenskyy", "Zelensky"),))
    assert run("Zelenskyy spoke. Zelenskyy left.", "E", glossary) == [
        ("E001", "Zelenskyy", "Zelensky"),
        ("E001", "Zelenskyy", "Zelensky"),
    ]


def test_misspelled_name():
    text = "Mayor Claire Moulinet opened the hearing. Moulinet denied it. Mr Moulinnet will appeal."
    assert run(text, "E002") == [("E002", "Moulinnet", "Moulinet")]


def test_case_variant_of_brand():
    text = "The start-up Lumio raised funds. Lumio will hire. LumIO must open an office."
    assert run(text, "E002") == [("E002", "LumIO", "Lumio")]


def test_slavic_feminine_surnames_are_different_people():
    text = "Polina Ivanova and Sergei Ivanov reported. Ivanov said Ivanov and Ivanova agreed."
    assert run(text, "E") == []


def test_clean_news_is_consistent():
    assert run(CLEAN_NEWS, "E") == []
