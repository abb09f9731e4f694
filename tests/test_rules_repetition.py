"""Repetition rules (R): doubled words/phrases and doubled speech verbs."""

from mtcheck.document import Document
from mtcheck.pipeline import check_document
from mtcheck.rules import ALL_RULES, rule_by_code
from tests._rules_b_helpers import run

FAMILY = [r for r in ALL_RULES if r.code.startswith("R")]

CLEAN_NEWS = """She had had enough, and he said that that was wrong.
The islands of Bora Bora and Walla Walla; the report said noted economists disagreed.
“We will see,” said the minister. “Never,” added Mr Smith, as he told reporters.
Results:
Results were mixed, very very mixed."""


def findings(text, code):
    found = check_document(Document.from_text(text), rules=[rule_by_code(code)])
    for f in found:
        assert text[f.start : f.end] == f.text
    return found


def test_clean_news_has_no_repetition_findings():
    assert check_document(Document.from_text(CLEAN_NEWS), rules=FAMILY) == ()


def test_doubled_phrase_from_seed():
    text = "and maintain the supply in arms in arms in Ukraine."
    (f,) = findings(text, "R001")
    assert f.text == " in arms" and f.best.replacement == ""
    assert text[: f.start] + text[f.end :] == "and maintain the supply in arms in Ukraine."


def test_doubled_word_case_insensitive():
    (f,) = findings("The the minister resisted resisted.", "R001")[:1]
    assert f.text == " the"


def test_doubled_speech_verb_from_seed():
    text = "“and not on the confrontation,” said Declared Kirill Dmitriev, a Russian leader."
    (f,) = findings(text, "R002")
    assert f.text == " Declared" and f.best.replacement == ""
    assert f.severity.value == "error"


def test_doubled_speech_verb_lowercase_before_article():
    (f,) = findings("“We will see,” added said the minister.", "R002")
    assert f.text == " said"
    assert findings("He said stated goals were met.", "R002") == ()


def test_offsets_with_emoji():
    text = "😀 Élysée said said Declared Macron."
    found = check_document(Document.from_text(text), rules=FAMILY)
    assert [(f.code, f.text) for f in found] == [("R001", " said"), ("R002", " Declared")]


def test_clean_text_doublings_are_not_repetitions():
    # Issue 12: patterns of clean Wikipedia-like text.
    assert run("Snowfall peaked at 14.2 in in the northern valleys.", "R001") == []
    assert run("Large crystals can measure over 8 in in width.", "R001") == []
    assert run("Her story appeared in In Our Time, a collection of essays.", "R001") == []
    assert run("Portrait of Ann Lee Ann Lee, a painter from Ohio.", "R001") == []
    assert run("See also: Dorset Fire Service Dorset Fire Service and Rescue Authority", "R001") == []


def test_doubled_words_still_found_next_to_the_exemptions():
    assert run("The storm hit the town in in the night.", "R001") == [("R001", " in", "")]
    assert run("He described the case between Judge Ross and Judge Ross and his clerk.", "R001") == [
        ("R001", " Judge Ross and", "")
    ]
