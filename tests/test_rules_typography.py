"""Typography rules (T): exact spans and fixes on seed excerpts and realistic news text."""

from pathlib import Path

import pytest

from mtcheck.document import Document
from mtcheck.pipeline import check_document
from mtcheck.rules import ALL_RULES, rule_by_code
from mtcheck.rules.typography import is_pretokenized

FAMILY = [r for r in ALL_RULES if r.code.startswith("T")]

CLEAN_NEWS = """The cease-fire talks resumed at 10:30 GMT on Monday, face-to-face, in Geneva.
“We have made progress,” said Jean-Luc Martin, the U.N. envoy. “But it is fragile.
“Nobody should expect a deal this week,” he added.
Mr. Smith; however, disagreed: the vote, he said, was 3-1 against. See https://example.org/talks?id=9 for the text.
Shares rose 2.8% to 1,200 points by 6.30pm; the full-scale offensive of 9/11-style attacks was not discussed… or was it?
A two- and three-year plan, the so-called “peace dividend”, was dismissed as “unrealistic”."""


def findings(text, code):
    doc = Document.from_text(text)
    return check_document(doc, rules=[rule_by_code(code)])


def only(text, code):
    found = findings(text, code)
    assert len(found) == 1, found
    f = found[0]
    assert f.text == text[f.start : f.end]
    return f


def test_clean_news_has_no_typography_findings():
    assert check_document(Document.from_text(CLEAN_NEWS), rules=FAMILY) == ()


def test_guillemets_doubled_closing_from_seed():
    text = "And it will be difficult to get out of it even if Europeans get more involved. »»"
    f = only(text, "T001")
    assert f.text == " »»" and f.best.replacement == "”" and "doubled" in f.message


def test_space_before_semicolon_seed():
    text = "Easter, that the churches celebrate on April 20 of this year ; Or on May 9."
    f = only(text, "T002")
    assert (f.text, f.best.replacement) == (" ;", ";")
    g = only(text, "T008")
    assert (g.text, g.best.replacement) == ("Or", "or")


@pytest.mark.parametrize(
    "text",
    ["The meeting starts at 10 : 30.", "Great news :) see you", "Visit http://a.fr/x ?y", "end , then . and ; more"],
)
def test_space_before_punctuation_exceptions(text):
    assert findings(text, "T002") == ()


def test_narrow_no_break_space_before_exclamation():
    text = "C’est fini\u202f! he shouted."
    f = only(text, "T002")
    assert f.text == "\u202f!" and f.best.replacement == "!"


def test_spaced_hyphen_compounds_from_seed():
    text = "for his three -year invasion. “Putin got rid of all three- day illusion”"
    found = findings(text, "T003")
    assert [(f.text, f.best.replacement) for f in found] == [
        ("three -year", "three-year"),
        ("three- day", "three-day"),
    ]


def test_quote_spacing_cases_from_seed():
    text = (
        "And a chance to stop the war, “said a former high Russian official.\n"
        "“Poutine will want a notable day like this, ”said a Ukrainian official.\n"
        "He insisted that he “will not accept any negotiations on Ukraine without us ”.\n"
        "“The situation seems favourable,” said Alexander Gabuev."
    )
    found = findings(text, "T004")
    assert [(f.text, f.best.replacement) for f in found] == [(" “", "” "), (" ”", "” "), (" ”", "”")]
    for f in found:
        assert text[f.start : f.end] == f.text
    assert text[found[0].start - 4 : found[0].end + 4] == "war, “said"


def test_spaced_ellipsis():
    text = "He insisted that he “will not accept. . . Any bilateral negotiations.”"
    f = only(text, "T005")
    assert f.text == ". . ." and f.best.replacement == "…"


def test_hyphen_as_dash_seed_and_compounds():
    text = "A single call can change the course of history-today, the leaders may have opened a door."
    f = only(text, "T006")
    assert f.text == "-" and text[f.start - 7 : f.end + 5] == "history-today"
    assert f.best.replacement == " – "
    assert findings("A cease-fire, a full-scale war, Will Kingston-Cox and war-weary voters.", "T006") == ()


def test_unbalanced_quotes_open_quote_not_continued():
    text = "“Why do we give them everything? Asked Kaja Kallas.\nA European official said: “It is extraordinary.”"
    f = only(text, "T007")
    assert f.start == 0 and f.text == "“"
    continued = "“We will fight,” he said. “We will not stop.\n“Never.”"
    assert findings(continued, "T007") == ()


def test_capital_after_semicolon_only_on_function_words():
    f = only("The fights will not stop with the talks; And if there is no deal, it goes on.", "T008")
    assert (f.text, f.best.replacement) == ("And", "and")
    assert findings("Easter is on April 20; Putin wants May 9; I agree.", "T008") == ()


def test_offsets_with_accents_emoji_and_crlf():
    text = "Élysée 🇫🇷 says :\r\n« Très bien » 😀 ; ok"
    found = check_document(Document.from_text(text), rules=FAMILY)
    assert {f.code for f in found} >= {"T001", "T002"}
    for f in found:
        assert text[f.start : f.end] == f.text
    assert [f.text for f in found if f.code == "T001"] == ["« ", " »"]


def test_pretokenized_detection():
    assert is_pretokenized("In 1993 , 10 % of the area was afforested .")
    assert not is_pretokenized("He said: “no”. Then he left, angry.")


def test_seed_000_typography_findings():
    seed = Path(__file__).resolve().parents[1] / "corpus" / "samples"
    path = next(iter(sorted(seed.glob("000_*.txt"))), None) if seed.is_dir() else None
    if path is None:
        path = Path("/work/shared/seeds/000_5823010210da3e46.txt")
    if not path.exists():
        pytest.skip("seed not available")
    text = path.read_text(encoding="utf-8")
    found = check_document(Document.from_text(text), rules=FAMILY)
    codes = [f.code for f in found]
    assert codes.count("T001") == 4 and codes.count("T004") == 6 and codes.count("T003") == 2
    assert all(text[f.start : f.end] == f.text for f in found)


def test_capital_after_semicolon_not_across_lines_nor_on_number_abbreviation():
    # Issue 12: a line is a paragraph; "No." before a number is an abbreviation.
    from tests._rules_b_helpers import run

    assert run("Two wings guarded the coast with 9 fighters; No.\n", "T008") == []
    assert run("The council objected to the merger;\nIn 1910, the unit moved north.\n", "T008") == []
    assert run("The talks will go on; And if there is no deal, the strike goes on.", "T008") == [("T008", "And", "and")]
