"""Shared plumbing of the source-aware rules (S): iterate the aligned pairs of a document
and its source, attach the source span to findings, find a pair's target span and the text
around a pair."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from mtcheck.source.align import AlignedPair
    from mtcheck.source.context import SourceContext


# The source machinery (mtcheck.source.*) is imported inside the functions that use it: the
# rule registry is imported by every command, the S rules run only when a source is given.

_NEEDS = frozenset({"source"})


class SourceRule(Rule):
    """Base of the S rules: iterate aligned pairs, attach the source span to findings."""

    needs = _NEEDS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        src: SourceContext | None = ctx.source
        if src is None:
            return
        for k, pair in enumerate(src.alignment):
            for f in self.check_pair(doc, src, pair, k, ctx):
                span = src.source_span(pair)
                yield replace(f, source_start=span[0], source_end=span[1]) if span else f

    def check_pair(
        self, doc: Document, src: SourceContext, pair: AlignedPair, k: int, ctx: RuleContext
    ) -> Iterator[Finding]:
        """Findings of one aligned pair."""
        raise NotImplementedError


def target_span(doc: Document, pair: AlignedPair) -> tuple[int, int] | None:
    """The character span of the pair's target sentences (``None`` when it has none)."""
    if not pair.target:
        return None
    return doc.sentences[pair.target[0]].start, doc.sentences[pair.target[-1]].end


def neighbour_text(doc: Document, src: SourceContext, k: int, target: bool) -> str:
    """The text of the pairs around pair ``k`` (an alignment slip must not raise an alarm)."""
    parts = []
    for p in src.alignment[max(0, k - 1) : k + 2]:
        if target:
            parts.extend(doc.sentences[i].text for i in p.target)
        else:
            parts.extend(src.sentences[i].text for i in p.source)
    return " ".join(parts)


def clip(text: str, n: int = 80) -> str:
    """``text`` cut to ``n`` characters with an ellipsis, for messages."""
    return text if len(text) <= n else text[: n - 1] + "…"
