"""Context that shows a mid-sentence capital is deliberate, for the casing rule C002.

A stray capital left by MT ("the markets reacted with Glee") is one word in an otherwise
ordinary sentence. Capitals are deliberate where the writer capitalises systematically: a
list of capitalised items ("taught Chemistry, Geology, Botany"), a sentence with several
capitalised common words (titles of works, personifications, a philosopher's Terms), a line
that is not a sentence at all (a heading or a list of links, with no final punctuation), or
a title right after a noun naming a work ("the magazine Flight").
"""

from __future__ import annotations

from collections.abc import Callable

from mtcheck.document import Sentence, Token

_SENTENCE_END = ".!?…\"”»)'’:;"


def titlecase(text: str) -> bool:
    """A capitalised word in lower case after its first letter ("Glee", not "NATO")."""
    return text[:1].isupper() and (len(text) == 1 or text[1:].islower()) and text.isalpha()


def unpunctuated(sentence: Sentence) -> bool:
    """The sentence does not end like one: a heading, a caption or a list of links."""
    return sentence.text.rstrip()[-1:] not in _SENTENCE_END


def in_capitalised_list(toks: tuple[Token, ...], i: int) -> bool:
    """The word is an item of a comma-separated list whose neighbouring item is capitalised too."""
    if i + 2 < len(toks) and toks[i + 1].text == "," and toks[i + 2].is_word and titlecase(toks[i + 2].text):
        return True
    return i >= 3 and toks[i - 1].text == "," and toks[i - 2].is_word and titlecase(toks[i - 2].text)


def deliberate_capitals(sentence: Sentence, is_common: Callable[[str], bool]) -> int:
    """How many words after the first are capitalised common words (``is_common`` decides)."""
    words = [t for t in sentence.tokens if t.is_word]
    return sum(1 for t in words[1:] if titlecase(t.text) and len(t.text) > 1 and is_common(t.text))


def after_work_noun(toks: tuple[Token, ...], i: int, work_nouns: set[str]) -> bool:
    """The previous word names a kind of work ("album", "magazine"): the capital starts its title."""
    j = i - 1
    while j >= 0 and not toks[j].is_word:
        if toks[j].text not in "\"“'‘":
            return False
        j -= 1
    return j >= 0 and toks[j].text.lower() in work_nouns
