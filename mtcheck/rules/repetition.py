"""Repetition rules (family R): doubled words, phrases and speech verbs left by machine translation."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.rules.base import Rule, RuleContext


class DoubledWords(Rule):
    """The same word or phrase (up to four words) twice in a row: "in arms in arms", "the the".

    A doubled phrase is almost never intended in news prose; a few legitimate doublings
    ("had had", "that that"), numbers, doubled names ("Bora Bora", a caption's "Ann Lee Ann
    Lee"), a word repeated as the capitalised start of a title ("in In Our Time"), the unit
    "in" after a number ("12 in in length") and repetitions across a line break are ignored.
    The second copy is the span.
    """

    code = "R001"
    name = "doubled-words"
    category = "repetition"
    severity = Severity.ERROR
    specificity = 70
    bad = ("maintain the supply in arms in arms in Ukraine", "He met the the minister.")
    good = (
        "She had had enough.",
        "He said that that was wrong.",
        "They walked side by side.",
        "They flew to Bora Bora and Walla Walla.",
        "Results:\nResults were mixed.",
        "Rain peaked at 9.5 in in the hills.",
    )

    _PATTERN = re.compile(r"\b((?:\w+[^\S\r\n,]*,?[^\S\r\n]+){0,3}?\w+)[^\S\r\n]+\1\b", re.IGNORECASE)
    _ALLOWED = frozenset({"had", "that", "very", "bye", "no", "knock", "so", "far", "yes", "ha", "is"})

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        for m in self._PATTERN.finditer(text):
            phrase = m.group(1)
            second = text[m.end() - len(phrase) : m.end()]
            if phrase.lower() in self._ALLOWED or phrase.replace(" ", "").isdigit():
                continue
            words = phrase.split()
            if all(w[:1].isupper() for w in words) and second[:1].isupper():
                continue  # a name doubled: "Bora Bora", a caption or link "Ann Lee Ann Lee"
            if len(words) == 1 and second[:1].isupper() and not phrase[:1].isupper():
                continue  # a title starts on the same word: "an essay in In Our Time"
            if phrase == "in" and re.search(r"\d[^\S\r\n]*$", text[: m.start()]):
                continue  # "12 in in length": the unit (inches), then the preposition
            start = m.start() + len(phrase)
            yield self.finding(
                doc,
                start,
                m.end(),
                f"“{phrase}” is repeated",
                [""],
                confidence=0.9,
            )


class DoubledSpeechVerb(Rule):
    """Two verbs of saying in a row: "said Declared Kirill Dmitriev", "added said".

    Machine translation sometimes renders a French speech verb twice (once literally, once
    as the English reporting verb). Flagged only when the second verb is capitalised or
    followed by a name, a quote mark or punctuation, so "said noted economists" (an
    adjective) stays clean. The second verb is removed.
    """

    code = "R002"
    name = "doubled-speech-verb"
    category = "repetition"
    severity = Severity.ERROR
    specificity = 75
    bad = (
        "“A single call can change history,” said Declared Kirill Dmitriev.",
        "“We will see,” added said the minister.",
    )
    good = (
        "“We will see,” said the minister.",
        "The report said noted economists disagreed.",
        "He said stated goals were met.",
    )

    _ARTICLES = frozenset({"the", "a", "an", "his", "her", "their", "its"})

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        verbs = ctx.lang.english_words("speech_verbs")
        text = doc.text
        tokens = doc.tokens
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            first, second = a.text, b.text
            if first.lower() not in verbs or second.lower() not in verbs:
                continue
            if first.lower() == second.lower() or text[a.end : b.start] not in (" ", "\u00a0"):
                continue
            following = tokens[i + 2].text if i + 2 < len(tokens) else ""
            next_is_name = not following or following[:1].isupper() or following in "“\"«,.;:"
            if not (second[0].isupper() or next_is_name or following.lower() in self._ARTICLES):
                continue
            yield self.finding(
                doc,
                a.end,
                b.end,
                f"two speech verbs in a row: “{first} {second}”",
                [""],
                confidence=0.8,
            )


RULES: tuple[Rule, ...] = (DoubledWords(), DoubledSpeechVerb())
