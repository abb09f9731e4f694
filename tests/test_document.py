"""Document: offsets in code points, line/col, sentences, tokens."""

from mtcheck.document import Document


def test_offsets_are_code_points_with_accents_emoji_and_crlf():
    text = "Élysée 🇫🇷 said:\r\n“Poutine” arrives.\r\nDone 😀."
    doc = Document.from_text(text)
    tok = next(t for t in doc.tokens if t.text == "Poutine")
    assert text[tok.start : tok.end] == "Poutine"
    assert doc.line_col(tok.start) == (2, 2)
    done = next(t for t in doc.tokens if t.text == "Done")
    assert doc.line_col(done.start) == (3, 1)
    assert doc.line_col(0) == (1, 1)


def test_bom_is_stripped_and_lone_cr_is_a_line_break():
    doc = Document.from_text("\ufeffOne.\rTwo.")
    assert doc.text == "One.\rTwo."
    assert doc.line_col(doc.text.index("Two")) == (2, 1)


def test_sentences_respect_abbreviations_and_lines():
    doc = Document.from_text("Mr. Smith met Dr. Jones in the U.S. on Monday. They talked.\nNew line here")
    texts = [s.text for s in doc.sentences]
    assert texts == [
        "Mr. Smith met Dr. Jones in the U.S. on Monday.",
        "They talked.",
        "New line here",
    ]


def test_word_count_ignores_punctuation():
    assert Document.from_text("It's a three-year war, “said” he.").word_count == 6


def test_line_text_strips_line_break():
    doc = Document.from_text("first\r\nsecond\n")
    assert doc.line_text(1) == "first"
    assert doc.line_text(2) == "second"
