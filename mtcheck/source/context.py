"""The source layer of a check: the original text, its sentences and their alignment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mtcheck.document import Document, Sentence
from mtcheck.source.align import AlignedPair, align
from mtcheck.source.anchors import Anchors, source_anchors, target_anchors

Span = tuple[int, int]


@dataclass(frozen=True)
class SourceContext:
    """What a source-aware rule reads (``RuleContext.source``).

    ``text`` is the source-language original, ``sentences`` its sentences, ``alignment`` the
    aligned pairs of source and target sentence indices (target indices index
    ``Document.sentences`` of the checked text), in text order.
    """

    text: str
    sentences: tuple[Sentence, ...]
    alignment: tuple[AlignedPair, ...]
    lang: str = "fr"
    source_anchors: tuple[Anchors, ...] = field(default=(), repr=False)
    target_anchors: tuple[Anchors, ...] = field(default=(), repr=False)

    def source_span(self, pair: AlignedPair) -> Span | None:
        """The source text span of a pair (``None`` when it has no source sentence)."""
        if not pair.source:
            return None
        return self.sentences[pair.source[0]].start, self.sentences[pair.source[-1]].end

    def source_text(self, pair: AlignedPair) -> str:
        """The source sentences of a pair, joined by a space."""
        return " ".join(self.sentences[i].text for i in pair.source)

    def pair_of_target(self, index: int) -> AlignedPair | None:
        """The pair holding target sentence ``index``."""
        return next((p for p in self.alignment if index in p.target), None)


def _in_span(sentences: Sequence[Sentence], span: Span) -> list[int]:
    return [i for i, s in enumerate(sentences) if span[0] <= s.start < span[1] or (s.start == span[0] == span[1])]


def build_context(
    source_text: str,
    target: Document,
    segments: Sequence[tuple[Span, Span]] | None = None,
    lang: str = "fr",
) -> SourceContext:
    """Split ``source_text`` into sentences and align them with ``target``'s.

    ``segments`` pairs known-parallel spans (source, target), e.g. the units of an XLIFF
    file; sentences are aligned only within a segment. Without it, paragraphs are paired
    when both sides have as many, else the whole texts are aligned at once.
    """
    src_doc = Document.from_text(source_text, "<source>")
    if segments is None:
        sp, tp = src_doc.paragraphs, target.paragraphs
        if len(sp) == len(tp) and len(sp) > 1:
            segments = list(zip(sp, tp))
        else:
            segments = [((0, len(src_doc.text)), (0, len(target.text)))]
    s_anchors = tuple(source_anchors(s.text, lang) for s in src_doc.sentences)
    t_anchors = tuple(target_anchors(s.text) for s in target.sentences)
    pairs: list[AlignedPair] = []
    for src_span, tgt_span in segments:
        si = _in_span(src_doc.sentences, src_span)
        ti = _in_span(target.sentences, tgt_span)
        if not si and not ti:
            continue
        s0 = si[0] if si else 0
        t0 = ti[0] if ti else 0
        pairs.extend(
            align(
                [len(src_doc.sentences[i].text) for i in si],
                [len(target.sentences[i].text) for i in ti],
                [s_anchors[i] for i in si],
                [t_anchors[i] for i in ti],
                s0,
                t0,
            )
        )
    return SourceContext(src_doc.text, src_doc.sentences, tuple(pairs), lang, s_anchors, t_anchors)
