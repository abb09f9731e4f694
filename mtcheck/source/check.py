"""Check a translation against its source end to end: a plain pair, or a bilingual file.

The runner calls :func:`check_with_source` for a file given with ``--source`` or read as a
bilingual file; findings and the alignment point into the file as written.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from mtcheck.document import Document
from mtcheck.findings import BilingualView, FileReport, Finding
from mtcheck.source.bilingual import SUBTITLE_SUFFIXES, Bilingual, read_bilingual, read_subtitles
from mtcheck.source.context import SourceContext, build_context


def _pairs(ctx: SourceContext, doc: Document) -> tuple[tuple[int, int, int, int], ...]:
    out = []
    for p in ctx.alignment:
        s = ctx.source_span(p) or (0, 0)
        if p.target:
            t = doc.sentences[p.target[0]].start, doc.sentences[p.target[-1]].end
        else:
            t = (0, 0)
        out.append((s[0], s[1], t[0], t[1]))
    return tuple(out)


def check_pair(path: str, text: str, source_text: str, options, source_path: str | None = None) -> FileReport:
    """Check ``text`` (English) against ``source_text``, both plain text."""
    from mtcheck.pipeline import check_document, file_report

    doc = Document.from_text(text, path)
    if source_text.startswith("\ufeff"):
        source_text = source_text[1:]
    ctx = build_context(source_text, doc, lang=options.source_lang)
    findings = check_document(doc, options, source=ctx)
    view = BilingualView(ctx.text, _pairs(ctx, doc), (), source_path)
    return file_report(doc, findings, bilingual=view)


def check_bilingual(
    path: str, raw: str, options, source_raw: str | None = None, source_path: str | None = None
) -> FileReport:
    """Check the target side of a bilingual file (XLIFF, PO, TMX) or of a subtitle pair."""
    from mtcheck.pipeline import check_document

    if PurePath(path).suffix.lower() in SUBTITLE_SUFFIXES and source_raw is not None:
        bi = read_subtitles(raw, source_raw)
    else:
        bi = read_bilingual(path, raw, options.source_lang)
    doc = Document.from_text(bi.target_text, path)
    ctx = build_context(bi.source_text, doc, bi.segments, options.source_lang)
    findings = tuple(_to_original(f, bi) for f in check_document(doc, options, source=ctx))
    pairs = tuple((s0, s1, *bi.to_original(t0, t1)) for s0, s1, t0, t1 in _pairs(ctx, doc))
    original = Document.from_text(raw, path)
    return FileReport(
        path=path,
        text=original.text,
        words=doc.word_count,
        findings=tuple(sorted(findings, key=lambda f: (f.start, f.end, f.code))),
        line_starts=original.line_starts,
        bilingual=BilingualView(bi.source_text, pairs, tuple(bi.units), source_path),
    )


def _to_original(f: Finding, bi: Bilingual) -> Finding:
    start, end = bi.to_original(f.start, f.end)
    return replace(f, start=start, end=end, text=bi.original[start:end])


def check_task(path: str, text: str, options, source_text: str | None, source_path: str | None) -> FileReport:
    """The runner's entry: a pair when a source is given (a subtitle pair for .srt/.vtt),
    else a bilingual file read by its extension."""
    if source_text is not None and PurePath(path).suffix.lower() not in SUBTITLE_SUFFIXES:
        return check_pair(path, text, source_text, options, source_path)
    return check_bilingual(path, text, options, source_text, source_path)


def source_layer(
    source_text: str, doc: Document, lang: str = "fr", source_path: str | None = None
) -> tuple[SourceContext, BilingualView]:
    """The source layer for ``doc`` and the report's view of it, from the original's text."""
    if source_text.startswith("\ufeff"):
        source_text = source_text[1:]
    ctx = build_context(source_text, doc, lang=lang)
    return ctx, BilingualView(ctx.text, _pairs(ctx, doc), (), source_path)


def read_source_context(source_path: str, doc: Document, lang: str = "fr", encoding: str | None = None):
    """The source layer and report view for ``doc`` from the plain-text original at ``source_path``."""
    from mtcheck.io import read_source

    text = read_source(source_path, encoding).text
    if text.startswith("\ufeff"):
        text = text[1:]
    ctx = build_context(text, doc, lang=lang)
    return ctx, BilingualView(ctx.text, _pairs(ctx, doc), (), source_path)
