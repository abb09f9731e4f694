"""The `Document`: text as read, split into sentences and tokens, with code-point offsets.

Every offset in mtcheck is an index into ``Document.text`` counted in Unicode code points
(Python ``str`` indices). Line and column numbers are 1-based and derived from offsets.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import NamedTuple

_WORD = r"[^\W_](?:[\w’'·-]*[^\W_])?"
_TOKEN_RE = re.compile(rf"{_WORD}|\S", re.UNICODE)
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen col lt sgt gov sen rep rev hon pres vs etc inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec no nos fig approx dept est mt ft
    u.s u.k u.n e.u a.m p.m i.e e.g""".split()
)
_SENTENCE_END_RE = re.compile(r"(?=[.!?…\n])(?:[.!?…]+[\"”’»)\]]*(?=\s)|\n\s*\n|(?<=[^\s])\n(?=\S))")


class Token(NamedTuple):
    """A word or a single punctuation mark, with its code-point span.

    An immutable named tuple rather than a dataclass: a long document has millions of
    tokens, and tuples can be built without running Python code for each one.
    """

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        """True for tokens that start with a letter or digit."""
        return self.text[:1].isalnum()


_Match = re.Match
_new_token = partial(tuple.__new__, Token)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its span in the document and the tokens inside it."""

    start: int
    end: int
    tokens: tuple[Token, ...]
    text: str

    @property
    def words(self) -> tuple[Token, ...]:
        """The word tokens of the sentence, punctuation left out."""
        return tuple(t for t in self.tokens if t.is_word)


def previous_word(tokens: tuple[Token, ...], i: int) -> Token | None:
    """The nearest word token before ``tokens[i]``, skipping punctuation."""
    for j in range(i - 1, -1, -1):
        if tokens[j].is_word:
            return tokens[j]
    return None


@dataclass(frozen=True)
class Document:
    """An article as read: its text, path, sentences and tokens.

    Build one with :meth:`Document.from_text`; the text is kept exactly as given
    (line endings included) so that offsets point into what the user wrote.
    """

    text: str
    path: str = "<text>"
    sentences: tuple[Sentence, ...] = field(default=(), repr=False)
    tokens: tuple[Token, ...] = field(default=(), repr=False)
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        """Tokenise ``text`` and split it into sentences and lines."""
        if text.startswith("\ufeff"):
            text = text[1:]
        matches = list(_TOKEN_RE.finditer(text))
        tokens = tuple(
            map(_new_token, zip(map(_Match.group, matches), map(_Match.start, matches), map(_Match.end, matches)))
        )
        line_starts = (0, *(m.end() for m in _LINE_BREAK_RE.finditer(text)))
        return cls(
            text=text,
            path=path,
            sentences=_split_sentences(text, tokens),
            tokens=tokens,
            line_starts=line_starts,
        )

    def line_col(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a code-point offset; columns count code points."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside text of length {len(self.text)}")
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``, if any."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < max(self.sentences[i].end, offset + 1):
            return self.sentences[i]
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def word_count(self) -> int:
        """Number of word tokens in the document."""
        return sum(1 for t in self.tokens if t.is_word)

    @cached_property
    def paragraphs(self) -> tuple[tuple[int, int], ...]:
        """Spans of the non-empty lines (news articles put one paragraph on a line)."""
        spans = []
        for i, start in enumerate(self.line_starts):
            end = self.line_starts[i + 1] if i + 1 < len(self.line_starts) else len(self.text)
            raw = self.text[start:end]
            body = raw.rstrip("\r\n")
            if body.strip():
                lead = len(body) - len(body.lstrip())
                spans.append((start + lead, start + len(body.rstrip())))
        return tuple(spans)


def _split_sentences(text: str, tokens: tuple[Token, ...]) -> tuple[Sentence, ...]:
    """Split on sentence-final punctuation, blank lines and line breaks, minding abbreviations."""
    boundaries = []
    for m in _SENTENCE_END_RE.finditer(text):
        if m.group().startswith("."):
            word = re.search(r"([\w.]+)\.$", text[max(0, m.start() - 12) : m.start() + 1])
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue
        boundaries.append(m.end())
    boundaries.append(len(text))
    sentences = []
    start = 0
    token_starts = [t.start for t in tokens]
    for end in boundaries:
        segment = text[start:end]
        lead = len(segment) - len(segment.lstrip())
        s, e = start + lead, start + len(segment.rstrip())
        if e > s:
            lo = bisect.bisect_left(token_starts, s)
            hi = bisect.bisect_left(token_starts, e)
            sentences.append(Sentence(s, e, tokens[lo:hi], text[s:e]))
        start = end
    return tuple(sentences)
