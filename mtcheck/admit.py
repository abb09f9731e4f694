"""What happens to every finding after a rule made it, model findings included: selection,
per-file ignores, the glossary (allowed terms and preferred spellings), severity overrides and
inline suppressions (:func:`admit`); then overlapping findings are merged (:func:`merge_findings`);
and :class:`Protection` tells the corrector which text it must leave alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from mtcheck.findings import Finding, Suggestion
from mtcheck.rules import Glossary
from mtcheck.suppress import Suppressions, parse_directives

if TYPE_CHECKING:
    from mtcheck.pipeline import CheckOptions

GLOSSARY_CONFIDENCE = 0.99
"""Confidence of a preferred glossary spelling offered as a finding's fix: it always wins."""


def rule_enabled(code: str, options: CheckOptions) -> bool:
    """Whether a rule code is on: the longest matching prefix among select/ignore wins.

    With no ``select`` every rule is selected; ``extend_select`` adds to either. An opt-in
    rule (:attr:`Rule.opt_in`) is on only when a selector other than ``ALL`` names it.
    """
    code = code.upper()
    opt_in = code in opt_in_codes()
    best_len, enabled = -1, not options.select and not opt_in
    for prefix in (*options.select, *options.extend_select):
        p = prefix.upper()
        if opt_in and p in ("ALL", ""):
            continue
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


@lru_cache(maxsize=1)
def opt_in_codes() -> frozenset[str]:
    """Codes of the registered rules that run only when selected by name or prefix."""
    from mtcheck.rules import ALL_RULES

    return frozenset(r.code for r in ALL_RULES if r.opt_in)


def file_ignored(code: str, file_ignores: Sequence[str]) -> bool:
    """Whether ``per-file-ignores`` prefixes switch ``code`` off."""
    return any(p == "ALL" or code.startswith(p) for p in file_ignores)


def suppressions_of(text: str, path: str, line_starts: Sequence[int]) -> Suppressions | None:
    """The inline directives of ``text`` (``None`` when it has none)."""
    return parse_directives(text, path, line_starts) if "<!--" in text else None


class _GlossaryView:
    """A glossary prepared for lookups (case-insensitive)."""

    def __init__(self, glossary: Glossary):
        self.allowed = frozenset(t.casefold() for t in glossary.allow)
        self.preferred = {variant.casefold(): name for variant, name in glossary.preferred}

    def apply(self, f: Finding) -> Finding | None:
        """``None`` for an allowed term; a variant of a preferred name gets that name as its fix;
        a suggestion spelling a variant is replaced by the preferred name."""
        key = f.text.strip().casefold()
        if key in self.preferred:
            return replace(f, suggestions=(Suggestion(_keep_space(f.text, self.preferred[key]), GLOSSARY_CONFIDENCE, "glossary"),))
        if key in self.allowed:
            return None
        if self.preferred and any(s.replacement.strip().casefold() in self.preferred for s in f.suggestions):
            suggestions: dict[str, Suggestion] = {}
            for s in f.suggestions:
                name = self.preferred.get(s.replacement.strip().casefold())
                s = replace(s, replacement=_keep_space(s.replacement, name)) if name else s
                suggestions.setdefault(s.replacement, s)
            f = replace(f, suggestions=tuple(suggestions.values()))
        return f


def _keep_space(template: str, word: str) -> str:
    """``word`` with the leading and trailing whitespace of ``template``."""
    stripped = template.strip()
    if not stripped:
        return word
    lead = template.index(stripped)
    return template[:lead] + word + template[lead + len(stripped) :]


def admit(findings: Iterable[Finding], options: CheckOptions, suppressions: Suppressions | None = None) -> list[Finding]:
    """The findings the settings let through, adjusted: rule selection, per-file ignores,
    glossary (allowed terms dropped, preferred spellings as fixes), severity overrides and,
    given ``suppressions``, inline directives. Idempotent, so applying it again is harmless."""
    overrides = dict(options.severity_overrides)
    view = _GlossaryView(options.glossary) if options.glossary.allow or options.glossary.preferred else None
    out = []
    for f in findings:
        if not rule_enabled(f.code, options) or file_ignored(f.code, options.file_ignores):
            continue
        if f.entry and f.entry.lower() in options.ignore_entries:
            continue
        if view is not None:
            adjusted = view.apply(f)
            if adjusted is None:
                continue
            f = adjusted
        if f.code in overrides and f.severity != overrides[f.code]:
            f = replace(f, severity=overrides[f.code])
        if suppressions is not None and suppressions.suppressed(f):
            continue
        out.append(f)
    return out


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


def without_overlaps(found: Iterable[Finding], findings: Sequence[Finding]) -> list[Finding]:
    """The findings in ``found`` (model findings) that no finding in ``findings`` overlaps."""
    ordered = sorted(findings, key=lambda g: g.start)
    starts = [g.start for g in ordered]
    longest = max((g.end - g.start for g in ordered), default=0)
    out = []
    for f in found:
        lo = bisect.bisect_left(starts, f.start - longest)
        hi = bisect.bisect_left(starts, f.end)
        if not any(f.start < g.end and g.start < f.end for g in ordered[lo:hi]):
            out.append(f)
    return out


class Protection:
    """Text the corrector must not change: spans under an inline directive that switches the
    finding's rule off, and glossary terms (allowed terms and preferred names), unless the
    replacement keeps the term as written."""

    def __init__(self, text: str, glossary: Glossary, suppressions: Suppressions | None):
        self.suppressions = suppressions
        terms = sorted({*glossary.allow, *(name for _, name in glossary.preferred)}, key=len, reverse=True)
        self.terms: list[tuple[int, int, str]] = []
        if terms:
            regex = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE)
            self.terms = [(m.start(), m.end(), m.group()) for m in regex.finditer(text)]
        self._starts = [s for s, _, _ in self.terms]

    def __bool__(self) -> bool:
        return bool(self.terms) or self.suppressions is not None

    def __call__(self, f: Finding, replacement: str) -> bool:
        """True when replacing ``f``'s span by ``replacement`` would change protected text."""
        if self.suppressions is not None and f.end > f.start + 1:
            if self.suppressions.suppressed(replace(f, start=f.end - 1)):
                return True
        hi = bisect.bisect_left(self._starts, f.end)
        for start, end, term in self.terms[max(0, bisect.bisect_left(self._starts, f.start) - 1) : hi]:
            if start < f.end and f.start < end and term.casefold() not in replacement.casefold():
                return True
        return False
