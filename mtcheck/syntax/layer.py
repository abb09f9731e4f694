"""The syntax layer of one document: what :attr:`RuleContext.syntax` holds.

Building it is free: nothing is parsed (and spaCy is not imported) until a rule asks for a
sentence. Rules ask through :meth:`SyntaxLayer.sentences` with a cheap prefilter, so that
only sentences that could match are parsed; every sentence selected by any rule's declared
prefilter is parsed in one ``nlp.pipe`` batch the first time any rule asks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Union

from mtcheck.document import Document, Sentence
from mtcheck.syntax import engine
from mtcheck.syntax.tokens import ParsedSentence, SyntaxToken

Prefilter = Union[Callable[[Sentence], bool], "re.Pattern[str]", str, None]
"""A cheap test on a sentence: a callable, a compiled regex (searched in the sentence's text),
a regex string, or None (every sentence)."""

BATCH_SIZE = 64


def _test(prefilter: Prefilter) -> Callable[[Sentence], bool]:
    if prefilter is None:
        return lambda s: True
    if isinstance(prefilter, str):
        prefilter = re.compile(prefilter)
    if isinstance(prefilter, re.Pattern):
        search = prefilter.search
        return lambda s: search(s.text) is not None
    if callable(prefilter):
        return prefilter
    raise TypeError(f"a prefilter is a callable, a regex or None, not {type(prefilter).__name__}")


class SyntaxLayer:
    """Lazily parsed sentences of one :class:`~mtcheck.document.Document`, cached."""

    def __init__(self, doc: Document, prefilters: Iterable[Prefilter] = ()) -> None:
        self.doc = doc
        self._declared = [_test(p) for p in prefilters]
        self._cache: dict[tuple[int, int], ParsedSentence] = {}
        self._batched = False

    @classmethod
    def for_document(cls, doc: Document, rules: Iterable[Any] = ()) -> SyntaxLayer:
        """The layer for ``doc``. ``rules`` (optional) are the rules that will run: the
        ``syntax_prefilter`` each syntax rule declares lets the layer batch all their parses."""
        prefilters = [
            getattr(r, "syntax_prefilter", None)
            for r in rules
            if "syntax" in getattr(r, "needs", ())
        ]
        return cls(doc, prefilters)

    @staticmethod
    def available() -> bool:
        """True when spaCy and its model look installed (cheap; no import)."""
        return engine.available()

    def parse(self, sentence: Sentence) -> ParsedSentence:
        """The parse of one sentence of this document (cached); raises
        :class:`~mtcheck.syntax.engine.SyntaxUnavailable` when the layer cannot run."""
        key = (sentence.start, sentence.end)
        got = self._cache.get(key)
        if got is None:
            self._parse_all([sentence])
            got = self._cache[key]
        return got

    def parse_many(self, sentences: Iterable[Sentence]) -> list[ParsedSentence]:
        """Parses of several sentences, batched."""
        wanted = list(sentences)
        self._parse_all(wanted)
        return [self._cache[(s.start, s.end)] for s in wanted]

    def sentences(self, prefilter: Prefilter = None) -> Iterator[ParsedSentence]:
        """Parsed sentences of the document whose text passes ``prefilter``, in order.

        Yields nothing (after the one warning) when the layer cannot run.
        """
        test = _test(prefilter)
        wanted = [s for s in self.doc.sentences if test(s)]
        if not wanted:
            return iter(())
        try:
            self._parse_all(wanted)
        except engine.SyntaxUnavailable:
            return iter(())
        return iter([self._cache[(s.start, s.end)] for s in wanted])

    def sentence_at(self, offset: int) -> ParsedSentence | None:
        """The parsed sentence containing a Document offset, if any."""
        s = self.doc.sentence_at(offset)
        return None if s is None else self.parse(s)

    @property
    def parsed_count(self) -> int:
        """How many sentences have been parsed so far (for tests and benchmarks)."""
        return len(self._cache)

    def _parse_all(self, wanted: list[Sentence]) -> None:
        todo = {(s.start, s.end): s for s in wanted if (s.start, s.end) not in self._cache}
        if not todo:
            return
        if not self._batched and self._declared:
            self._batched = True
            for s in self.doc.sentences:
                key = (s.start, s.end)
                if key not in self._cache and key not in todo and any(t(s) for t in self._declared):
                    todo[key] = s
        nlp = engine.load_pipeline()
        ordered = sorted(todo.values(), key=lambda s: s.start)
        for sent, parsed in zip(ordered, nlp.pipe((s.text for s in ordered), batch_size=BATCH_SIZE)):
            self._cache[(sent.start, sent.end)] = _convert(sent, parsed)


def _convert(sentence: Sentence, parsed: Any) -> ParsedSentence:
    """A spaCy ``Doc`` of the sentence's text -> :class:`ParsedSentence` with Document offsets."""
    base = sentence.start
    tokens = tuple(
        SyntaxToken(
            t.i,
            base + t.idx,
            base + t.idx + len(t.text),
            t.text,
            t.lemma_,
            t.pos_,
            t.tag_,
            t.dep_,
            t.head.i,
            bool(t.whitespace_),
        )
        for t in parsed
    )
    return ParsedSentence(sentence, tokens)
