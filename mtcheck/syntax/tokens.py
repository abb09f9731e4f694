"""The parse of one sentence: tokens with lemma, tags and dependency heads, and tree helpers."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from mtcheck.document import Sentence


@dataclass(frozen=True, slots=True)
class SyntaxToken:
    """One parsed token.

    ``start``/``end`` are code-point offsets into the Document text (not the sentence);
    ``i`` and ``head`` are indices into :attr:`ParsedSentence.tokens`; a root's head is itself.
    ``pos`` is the universal tag (UPOS), ``tag`` the Penn Treebank tag, ``dep`` the relation
    to the head (spaCy's ClearNLP labels: nsubj, dobj, prep, pobj, amod, ...).
    """

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    whitespace: bool

    @property
    def is_root(self) -> bool:
        """True for the root of a tree (its head is itself)."""
        return self.head == self.i

    @property
    def lower(self) -> str:
        """The token text in lower case."""
        return self.text.lower()


@dataclass(frozen=True)
class ParsedSentence:
    """A :class:`~mtcheck.document.Sentence` with its parsed tokens."""

    sentence: Sentence
    tokens: tuple[SyntaxToken, ...]
    _children: tuple[tuple[int, ...], ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        kids: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        object.__setattr__(self, "_children", tuple(tuple(k) for k in kids))

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getitem__(self, i: int) -> SyntaxToken:
        return self.tokens[i]

    @property
    def start(self) -> int:
        """Offset of the sentence in the Document text."""
        return self.sentence.start

    @property
    def end(self) -> int:
        """End offset of the sentence in the Document text."""
        return self.sentence.end

    def children(self, i: int) -> tuple[int, ...]:
        """Indices of the tokens whose head is token ``i``, in sentence order."""
        return self._children[i]

    def children_with(self, i: int, *deps: str) -> tuple[int, ...]:
        """Children of token ``i`` whose relation is one of ``deps``."""
        return tuple(c for c in self._children[i] if self.tokens[c].dep in deps)

    def subtree(self, i: int) -> tuple[int, ...]:
        """Sorted indices of token ``i`` and all its descendants."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self._children[j])
        return tuple(sorted(out))

    def ancestors(self, i: int) -> tuple[int, ...]:
        """Indices of the heads above token ``i``, nearest first (the root last)."""
        out: list[int] = []
        j = i
        while self.tokens[j].head != j and len(out) < len(self.tokens):
            j = self.tokens[j].head
            out.append(j)
        return tuple(out)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Document offsets from the start of token ``first`` to the end of token ``last``."""
        return self.tokens[first].start, self.tokens[last].end

    def text_of(self, indices: tuple[int, ...] | list[int]) -> str:
        """The text of a contiguous run of tokens, with their original spacing."""
        if not indices:
            return ""
        s, e = self.tokens[min(indices)].start, self.tokens[max(indices)].end
        return self.sentence.text[s - self.sentence.start : e - self.sentence.start]

    @cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def token_at(self, offset: int) -> SyntaxToken | None:
        """The token covering the Document offset ``offset``, if any."""
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and self.tokens[k].start <= offset < self.tokens[k].end:
            return self.tokens[k]
        return None
