"""Casing rules (C): lower-case proper nouns, stray capitals, mixed-case titles."""

from pathlib import Path

import pytest

from tests._rules_b_helpers import CLEAN_NEWS, run

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "samples"


def test_lowercase_kyiv_from_seed():
    text = "But after Donald Trump organized direct peace talks with Moscow, bypassing kyiv and the European allies."
    assert run(text, "C") == [("C001", "kyiv", "Kyiv")]


def test_lowercase_inside_a_name_and_hyphen():
    assert run("He teaches at the kyiv School of Economics.", "C") == [("C001", "kyiv", "Kyiv")]
    assert run("The pro-russian camp won.", "C") == [("C001", "russian", "Russian")]


def test_days_nationalities_and_multiword():
    assert run("The chinese group met on monday in the united states.", "C") == [
        ("C001", "chinese", "Chinese"),
        ("C001", "monday", "Monday"),
        ("C001", "united states", "United States"),
    ]


def test_ambiguous_words_need_context():
    assert run("You may want the roast turkey; it is nice, and the china is polish.", "C") == []
    assert run("The deal could come on may 9, he said.", "C") == [("C001", "may", "May")]
    assert run("He flew from turkey to Athens.", "C") == [("C001", "turkey", "Turkey")]
    assert run("She ate french fries.", "C") == []


def test_urls_and_handles_are_left_alone():
    assert run("See kyiv.gov.ua or follow @paris for updates.", "C") == []


@pytest.mark.parametrize(
    "text, word",
    [
        ("In Moscow, the markets reacted with Enthusiasm after the call.", "Enthusiasm"),
        ("Russia wants influence, as the Yalta conference did For the Soviet Union.", "For"),
        ("“Why do we give [Russia] Everything they want?”", "Everything"),
        ("“Putin will want [a deal] A notable day like this,” said an official.", "A"),
        ("Easter is on April 20 ; Or on May 9, when Russia celebrates.", "Or"),
    ],
)
def test_stray_capitals(text, word):
    assert run(text, "C") == [("C002", word, word.lower())]


def test_names_runs_and_titles_are_not_stray_capitals():
    assert run("Principal political scientist at Rand. He cited Will Kingston-Cox and Carnegie Russia Eurasia Center.", "C") == []
    assert run("Analysts such as Hall from the University of Bath and Professor Hope disagree.", "C") == []
    assert run("The Hague court ruled, and the Commission agreed with the White House.", "C") == []


def test_name_repeated_mid_sentence_is_a_name():
    assert run("He met with Sterling in May. Later he called Sterling again.", "C") == []


def test_mixed_case_titles():
    assert run("The foreign Minister met his counterpart.", "C") == [("C003", "foreign Minister", "Foreign Minister")]
    assert run("Prime minister Jane Doe spoke. The prime minister left.", "C") == []


def test_title_style_inconsistent_in_same_role():
    text = "The Prime Minister spoke first. Later the Prime Minister left. Then the prime minister returned."
    assert run(text, "C") == [("C003", "prime minister", "Prime Minister")]


def test_clean_news_has_no_casing_findings():
    assert run(CLEAN_NEWS, "C") == []


def test_seed_casing_findings():
    path = SAMPLES / "ft-putin-trump.txt"
    if not path.exists():
        pytest.skip("seed sample not present")
    found = run(path.read_text(encoding="utf-8"), "C")
    assert ("C002", "For", "for") in found
    assert ("C002", "Everything", "everything") in found
    assert [f for f in found if f[0] == "C001"] == [("C001", "kyiv", "Kyiv")] * 3
    assert all(f[1] not in ("Rand", "Hall", "Kyiv") for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "The course covered Chemistry, Geometry and Astronomy.",  # a capitalised list
        "The band toured for Harvest, Down the Line and others.",  # a list of titles
        "Critics praised the magazine Harvest for its photographs.",  # a title after a work noun
        "In 2004 they starred in their first miniseries Harvest, with a soundtrack.",
        "Catalogue of birds Threatened birds of the Alps",  # a line of links, no final stop
        "This absolute Reason rests on the pure negativity that joins Being with its Moments.",
        "After the treaty, tensions with Britain eased for a decade.",  # a country
        "He returned for Thanksgiving with his cousins.",  # a holiday
    ],
)
def test_deliberate_capitals_are_not_stray(text):
    # Issue 12 (clean-text false alarms): capitals that the writer's convention explains.
    assert run(text, "C") == []


def test_stray_capital_still_found_in_an_ordinary_sentence():
    assert run("In Moscow, the markets reacted with Enthusiasm.", "C") == [("C002", "Enthusiasm", "enthusiasm")]


def test_common_noun_compounds_are_not_proper_nouns():
    assert run("Orange dye hardens when mixed with gum arabic or gelatin.", "C") == []
    assert run("The perfume opens with notes of mandarin and musk.", "C") == []
    assert run("The arabic press reported it.", "C") == [("C001", "arabic", "Arabic")]
