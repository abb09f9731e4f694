"""The detection pipeline shared by ``scan``, ``fix``, ``diff`` and ``bench``.

Document -> selected rules -> findings, merged so that a span already covered by a more
specific finding is reported once, sorted in a deterministic order.
"""

from __future__ import annotations

import bisect

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from mtcheck.document import Document
from mtcheck.findings import FileReport, Finding, Severity
from mtcheck.lang import load_language
from mtcheck.rules import ALL_RULES, Glossary, Rule, RuleContext


@dataclass(frozen=True)
class CheckOptions:
    """What to check and how: source language, rule selection, severities, glossary."""

    source_lang: str = "fr"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity_overrides: tuple[tuple[str, Severity], ...] = ()
    glossary: Glossary = field(default_factory=Glossary)


def rule_enabled(code: str, options: CheckOptions) -> bool:
    """Whether a rule code is on: the longest matching prefix among select/ignore wins.

    With no ``select`` every rule is selected; ``extend_select`` adds to either.
    """
    code = code.upper()
    best_len, enabled = -1, not options.select
    for prefix in (*options.select, *options.extend_select):
        p = prefix.upper()
        if p in ("ALL", "") or code.startswith(p):
            length = 0 if p in ("ALL", "") else len(p)
            if length > best_len:
                best_len, enabled = length, True
    for prefix in options.ignore:
        p = prefix.upper()
        if p in ("ALL", "") or code.startswith(p):
            length = 0 if p in ("ALL", "") else len(p)
            if length >= best_len:
                best_len, enabled = length, False
    return enabled


def selected_rules(options: CheckOptions, rules: Sequence[Rule] = ALL_RULES) -> tuple[Rule, ...]:
    """The rules that ``options`` turns on."""
    return tuple(r for r in rules if rule_enabled(r.code, options))


def check_document(
    doc: Document,
    options: CheckOptions = CheckOptions(),
    rules: Sequence[Rule] | None = None,
) -> tuple[Finding, ...]:
    """Run the selected rules over ``doc`` and return merged, sorted findings."""
    active = selected_rules(options) if rules is None else tuple(rules)
    ctx = RuleContext(
        lang=load_language(options.source_lang), glossary=options.glossary, syntax=syntax_layer(doc, active)
    )
    present = {layer for layer in ("syntax", "model", "source") if getattr(ctx, layer) is not None}
    active = tuple(r for r in active if r.needs <= present)
    specificity = {r.code: r.specificity for r in active}
    overrides = dict(options.severity_overrides)
    raw: list[Finding] = []
    for rule in active:
        for f in rule.check(doc, ctx):
            if options.glossary.allow and options.glossary.allows(f.text.strip()):
                continue
            if f.code in overrides:
                f = replace(f, severity=overrides[f.code])
            raw.append(f)
    return merge_findings(raw, specificity)


def syntax_layer(doc: Document, rules: Sequence[Rule]):
    """The syntax layer when a rule needs (or can use) it and spaCy is there (else None, after one warning)."""
    if not any("syntax" in r.needs | getattr(r, "optional_needs", frozenset()) for r in rules):
        return None
    from mtcheck import syntax

    return syntax.SyntaxLayer.for_document(doc, rules) if syntax.available() else syntax.warn_unavailable()


def merge_findings(findings: Iterable[Finding], specificity: dict[str, int]) -> tuple[Finding, ...]:
    """Drop a finding whose span lies inside a more specific one's, and same-rule overlaps.

    Ties in specificity keep the narrower span; a broad finding that contains a more specific
    one is kept (they say different things). The result is sorted by start, end, code.
    """
    ordered = sorted(
        findings, key=lambda f: (-specificity.get(f.code, 50), f.end - f.start, f.start, f.code)
    )
    kept: list[Finding] = []
    starts: list[int] = []
    by_start: list[Finding] = []
    longest = 0
    for f in ordered:
        # Only a kept finding starting within [f.start - longest, f.end] can shadow f.
        lo = bisect.bisect_left(starts, f.start - longest)
        hi = bisect.bisect_right(starts, f.end)
        if any(_shadows(k, f) for k in by_start[lo:hi]):
            continue
        kept.append(f)
        i = bisect.bisect_right(starts, f.start)
        starts.insert(i, f.start)
        by_start.insert(i, f)
        longest = max(longest, f.end - f.start)
    return tuple(sorted(kept, key=lambda f: (f.start, f.end, f.code)))


def _shadows(kept: Finding, other: Finding) -> bool:
    if kept.code == other.code:
        return kept.start < other.end and other.start < kept.end or kept.start == other.start
    inside = kept.start <= other.start and other.end <= kept.end
    return inside and _overlap_or_touch(kept, other)


def _overlap_or_touch(a: Finding, b: Finding) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def check_text(text: str, path: str = "<text>", options: CheckOptions = CheckOptions()) -> FileReport:
    """Check one article's text and return its :class:`FileReport`."""
    doc = Document.from_text(text, path)
    return file_report(doc, check_document(doc, options))


def file_report(doc: Document, findings: Sequence[Finding], **extra: object) -> FileReport:
    """A :class:`FileReport` for ``doc`` with ``findings`` (and optional extra fields)."""
    return FileReport(
        path=doc.path,
        text=doc.text,
        words=doc.word_count,
        findings=tuple(findings),
        line_starts=doc.line_starts,
        **extra,  # type: ignore[arg-type]
    )
