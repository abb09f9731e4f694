"""Number-format rules (N): exact spans and fixes on realistic news text."""

import pytest

from mtcheck.document import Document
from mtcheck.pipeline import check_document
from mtcheck.rules import ALL_RULES, rule_by_code

FAMILY = [r for r in ALL_RULES if r.code.startswith("N")]

CLEAN_NEWS = """About 1,200 soldiers and 17,700 civilians left; 2,500 stayed, out of 1,234,567.
The index rose 2.8% to its highest level, and the rouble gained 5% at 6.30pm.
The talks resume at 10:30 and end at 18:30 GMT on 3 March 2025; the 9/11 memorial opens at 9am.
Kyiv won the match 3-1 in a 3h marathon, on March 1st, the 2nd day of the 21st century's worst drought.
It was 20°C in Paris and 5C in Moscow; millions of people and 3 billion dollars were at stake."""


def findings(text, code):
    return check_document(Document.from_text(text), rules=[rule_by_code(code)])


def spans(text, code):
    found = findings(text, code)
    for f in found:
        assert text[f.start : f.end] == f.text
    return [(f.text, f.best.replacement if f.best else None) for f in found]


def test_clean_news_has_no_number_findings():
    assert check_document(Document.from_text(CLEAN_NEWS), rules=FAMILY) == ()


def test_decimal_comma_cases():
    text = "The deficit is 5,4 % of GDP, savings of 43,8 milliards euros, the euro at 1,0842 and 17,7 points; 0,825 too."
    assert spans(text, "N001") == [
        ("5,4 %", "5.4%"),
        ("43,8 milliards", "43.8 billion"),
        ("1,0842", "1.0842"),
        ("17,7", "17.7"),
        ("0,825", "0.825"),
    ]


@pytest.mark.parametrize("text", ["1,200 people", "2,500 in total", "1,234,567 points", "pages 1,2,3", "In 2019, 20 died"])
def test_decimal_comma_leaves_english_numbers(text):
    assert findings(text, "N001") == ()


def test_space_thousands_with_nbsp_and_narrow_nbsp():
    text = "Some 1 200 000 people, 3\u202f500 euros and 12\u00a0345,5 tonnes; on May 9 2024 300 veterans."
    assert spans(text, "N002") == [
        ("1 200 000", "1,200,000"),
        ("3\u202f500", "3,500"),
        ("12\u00a0345,5", "12,345.5"),
    ]


def test_space_before_percent_and_degree():
    text = "Some 62 % of voters, in 20 °C heat."
    assert spans(text, "N003") == [("62 %", "62%"), ("20 °C", "20°C")]
    assert findings("In 1993 , 10 % of the area was afforested .", "N003") == ()


def test_french_times():
    text = "The park closes from 18h30 and the alert starts at 16h; a 3h drive; finished in 4 h 21 min."
    assert spans(text, "N004") == [("18h30", "18:30"), ("16h", "16:00")]
    assert [s.replacement for s in findings(text, "N004")[0].suggestions] == ["18:30", "6.30pm"]


def test_french_dates_and_ordinals():
    text = "It comes before the Assembly le 3 mars. Talks must end before the 1er March, in the 3ème round."
    assert spans(text, "N005") == [("le 3 mars", "on 3 March"), ("1er March", "1 March"), ("3ème", "3rd")]
    assert findings("the 3 March vote, the 1st and 2nd rounds, 2e5 samples", "N005") == ()


def test_french_scale_word():
    assert spans("a plan of 600 millions euros and 3 milliards more", "N006") == [
        ("millions", "million"),
        ("milliards", "billion"),
    ]


def test_offsets_with_accents_and_crlf():
    text = "Élysée 😀:\r\nle déficit atteint 5,4 % et 1 200 000 €."
    found = check_document(Document.from_text(text), rules=FAMILY)
    assert [f.text for f in found] == ["5,4 %", "1 200 000"]
    for f in found:
        assert text[f.start : f.end] == f.text


def test_ordinal_opening_a_kept_unit_name_is_not_flagged():
    # Issue 12: a regiment's name kept in its own form; a lower-case noun or a month still counts.
    from tests._rules_b_helpers import run

    assert run("The 2e Hussards fought beside the 1er Dragons at Eylau.", "N005") == []
    assert run("He lives in the 15e arrondissement.", "N005") == [("N005", "15e", "15th")]
    assert run("The reform must end before the 1er March.", "N005") == [("N005", "1er March", "1 March")]
