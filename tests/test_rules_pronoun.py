"""Pronoun rules (P): French gender on countries, institutions and men."""

from tests._rules_b_helpers import CLEAN_NEWS, run


def test_country_her_plans_from_seed():
    text = "“Putin got rid of all illusion”, when Russia realized that her plans for a blitzkrieg victory had failed."
    assert run(text, "P") == [("P001", "her", "its")]


def test_institution_she():
    assert run("The Commission said she would publish the text.", "P") == [("P001", "she", "it")]
    assert run("The executive, for her part, says it is open.", "P") == [("P001", "her", "its")]


def test_putin_her_world_vision_from_seed():
    text = (
        "“This suggests the administration will not take Ukraine seriously,” said a former official. "
        "“Putin would have seen this as an approval of her world vision and of her dream.”"
    )
    assert run(text, "P") == [("P002", "her", "his"), ("P002", "her", "his")]


def test_he_herself_mismatch_from_seed():
    text = "He does not continue for peace. He knows the only guarantees are those he can provide herself, said Trenin."
    found = run(text, "P")
    assert found == [("P002", "herself", "himself")]


def test_women_keep_her():
    assert run("Kaja Kallas said Russia must end the war before her visit.", "P") == []
    assert run("Ms Dupont left the company. She now runs her own firm.", "P") == []
    assert run("The minister, Annick Delvaux, met unions. “I understand. France will not sign,” she said.", "P") == []


def test_ships_are_she():
    assert run("The ship left Brest; she was carrying grain.", "P") == []


def test_clean_news_has_no_pronoun_findings():
    assert run(CLEAN_NEWS, "P") == []


def test_pronoun_does_not_bind_across_paragraphs():
    # Issue 12: a line is a paragraph; "She" opening one is not the previous paragraph's country.
    assert run("Talks with Germany stalled in the spring.\nShe later won the regional title in Lyon.", "P") == []
    assert run("The bank closed its doors in 1990.\nIn 1994, she starred as a nurse in a crime drama.", "P") == []
    # Within one paragraph the previous sentence still counts.
    assert run("Talks with Germany stalled in the spring. She later changed course.", "P") == [("P001", "She", "It")]


def test_lowercase_female_nouns_keep_herself():
    text = "After the old king dies, a jealous witch bewitches the Prince and his brothers to rid herself of rivals."
    assert run(text, "P") == []
