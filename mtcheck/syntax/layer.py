"""The syntax layer of one document: what :attr:`RuleContext.syntax` holds.

Building it is free: nothing is parsed (and spaCy is not imported) until a rule asks for a
sentence. Rules ask through :meth:`SyntaxLayer.sentences` with a cheap prefilter, so that
only sentences that could match are parsed; every sentence selected by any rule's declared
prefilter is parsed in one ``nlp.pipe`` batch the first time any rule asks.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Union

from mtcheck.document import Document, Sentence
from mtcheck.syntax import engine, store
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



MAX_PARSED_CHARS = 2000
"""Longer "sentences" are not prose (tables, run-on lists, text without full stops): the layer
never parses them, so a syntax rule never reads them and a huge line cannot stall a scan."""

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
        ``syntax_prefilter`` each syntax rule declares lets the layer batch all their parses
        (a rule that declares none, or None, is not part of the batch)."""
        prefilters = [
            r.syntax_prefilter
            for r in rules
            if "syntax" in getattr(r, "needs", ()) and getattr(r, "syntax_prefilter", None) is not None
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
        wanted = [s for s in self.doc.sentences if len(s.text) <= MAX_PARSED_CHARS and test(s)]
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
                if (key not in self._cache and key not in todo and len(s.text) <= MAX_PARSED_CHARS
                        and any(t(s) for t in self._declared)):
                    todo[key] = s
        if engine.unavailable_reason() is not None:
            engine.load_pipeline()  # raises SyntaxUnavailable after the one warning
        model = engine.model_key()
        keys = {k: store.key(model, s.text) for k, s in todo.items()}
        stored = store.load(keys.values())
        missing = []
        for k, s in todo.items():
            rows = stored.get(keys[k])
            if rows is None:
                missing.append(s)
            else:
                self._cache[k] = _from_rows(s, rows)
        if not missing:
            return
        nlp = engine.load_pipeline()
        missing.sort(key=lambda s: s.start)
        fresh = {}
        for sent, parsed in zip(missing, nlp.pipe((s.text for s in missing), batch_size=BATCH_SIZE)):
            rows = _rows(parsed)
            fresh[keys[(sent.start, sent.end)]] = rows
            self._cache[(sent.start, sent.end)] = _from_rows(sent, rows)
        store.save(fresh)


def _rows(parsed: Any) -> tuple[tuple, ...]:
    """A spaCy ``Doc`` as plain tuples with offsets relative to its text (what the store keeps)."""
    return tuple(
        (t.i, t.idx, t.idx + len(t.text), t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, bool(t.whitespace_))
        for t in parsed
    )


def _from_rows(sentence: Sentence, rows: tuple[tuple, ...]) -> ParsedSentence:
    """Stored rows -> :class:`ParsedSentence` with Document offsets."""
    base = sentence.start
    tokens = tuple(
        SyntaxToken(i, base + s, base + e, text, lemma, pos, tag, dep, head, ws)
        for i, s, e, text, lemma, pos, tag, dep, head, ws in rows
    )
    return ParsedSentence(sentence, tokens)


_PARSED_TEXTS: dict[str, ParsedSentence] = {}
PARSED_TEXTS_KEPT = 256
"""Free-standing parses :func:`parse_text` keeps (the corrector asks for the same sentence once
per lexicon entry it tries: each ask was a store look-up and an availability check, 2 s on
1,000 words)."""


def parse_text(text: str) -> ParsedSentence:
    """Parse a free-standing text as one sentence (offsets into ``text``); for data tests and
    tools. The parses of the last :data:`PARSED_TEXTS_KEPT` texts parsed are kept (a parse is
    immutable)."""
    got = _PARSED_TEXTS.get(text)
    if got is not None and not os.environ.get("MTCHECK_NO_SYNTAX"):
        return got
    doc = Document.from_text(text)
    whole = Sentence(0, len(doc.text), doc.tokens, doc.text)
    got = SyntaxLayer(doc).parse(whole)
    while _PARSED_TEXTS and len(_PARSED_TEXTS) >= PARSED_TEXTS_KEPT:
        del _PARSED_TEXTS[next(iter(_PARSED_TEXTS))]
    _PARSED_TEXTS[text] = got
    return got
