"""The model as judge (family L): rewrites that a parse can propose and only the model can decide.

Rule L002 reads the parse of each prose sentence, asks :mod:`mtcheck.judge.proposers` for narrow
candidate rewrites (an "N1 of N2" compound or possessive, an adverb moved before its verb, a
generic "the" dropped, a capital lowered, "her"/"his" for a country, a false friend's
alternative), scores each as log P(rewrite) − log P(original) over its sentence and reports the
rewrite, with itself as the fix, only when the gain exceeds the edit type's margin calibrated on
the corpus dev split (``judge_margins`` in the calibration; a type without a margin is not
offered). The edit types that existing rules already flag (W001, P001, G034, C002, G110, F001)
overlap their findings, which the model stage keeps instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import replace

from mtcheck.document import Document, Sentence
from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.fluency import MAX_SENTENCE_CHARS, _is_prose

CATEGORY = {
    "of-compound": "calque",
    "adverb-before-verb": "word-order",
    "article-drop": "grammar",
    "lowercase": "casing",
    "its-it": "pronoun",
    "false-friend": "false-friend",
}
"""The finding category of each edit type."""

MESSAGE = {
    "of-compound": "French “N1 de N2” word for word: English puts the noun (or the owner) first",
    "adverb-before-verb": "French word order: the adverb goes before the verb in English",
    "article-drop": "French article kept: English drops “the” before a generic noun",
    "lowercase": "a common word capitalised in mid-sentence",
    "its-it": "French grammatical gender: a country or institution is “it” in English",
    "false-friend": "a false friend: the model much prefers the usual English word here",
}

MAX_CANDIDATES = 8
"""At most this many rewrites scored per sentence (the model's extra work stays small)."""


class JudgedRewrite(Rule):
    """A rewrite a parse proposes and the language model clearly prefers (calibrated margin).

    For edit types rules cannot decide alone ("the plan of Putin" → "Putin's plan", "visited
    also the plant" → "also visited the plant", "the unemployment" → "unemployment", "with
    Glee" → "with glee", "Russia … his objective" → "its objective", a false friend's
    alternative), each candidate is scored over its whole sentence and reported only when
    log P(rewrite) − log P(original) exceeds the edit type's margin, chosen on the corpus dev
    split for precision 0.95 and no finding on clean text. Types without a usable margin are off.
    """

    code = "L002"
    name = "model-judged-rewrite"
    category = "fluency"
    severity = Severity.WARNING
    specificity = 20
    needs = frozenset({"model", "syntax"})
    syntax_prefilter = None
    bad = (
        "Germany announced on Monday that his army would buy new tanks.",
        "The company realised a turnover of 12 million euros last year.",
    )
    good = (
        "Germany announced on Monday that its army would buy new tanks.",
        "The central bank left its main interest rate unchanged at 4.5% on Thursday.",
        "The minister said that his ministry would publish the figures.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.model is None or ctx.syntax is None:
            return []
        margins = {k: m for k, m in ctx.model.calibration.judge_margins.items() if m is not None}
        if not margins:
            return []
        from mtcheck.judge.score import rewrite_gains
        from mtcheck.syntax import SyntaxUnavailable

        read = [s for s in ctx.model.sentences if self.reads(s)]
        try:
            ctx.syntax.parse_many(read)  # one batched parse; candidates() then reads the cache
        except SyntaxUnavailable:
            return []
        items = [(s, r) for s in read for r in self.candidates(s, ctx, margins) if not _overlaps(r, ctx.taken)]
        states = ctx.model.states
        gains = rewrite_gains(ctx.model.lm, items, states if isinstance(states, dict) else dict(states))
        return [self._finding(doc, r, gain) for (_, r), gain in zip(items, gains) if gain > margins[r.kind]]

    def candidates(self, sentence: Sentence, ctx: RuleContext, kinds: Iterable[str]) -> list:
        """The rewrites of ``sentence`` of the edit types ``kinds`` (at most :data:`MAX_CANDIDATES`)."""
        from mtcheck.judge import proposers, tables
        from mtcheck.syntax import SyntaxUnavailable

        try:
            parsed = ctx.syntax.parse(sentence)  # type: ignore[union-attr]
        except SyntaxUnavailable:
            return []
        kinds = list(kinds)
        data = {
            "referents": tables.referents(ctx.lang) if "its-it" in kinds else frozenset(),
            "false-friend": tables.false_friend_matchers(ctx.lang) if "false-friend" in kinds else (),
        }
        return proposers.propose(parsed, kinds, data)[:MAX_CANDIDATES]

    def model_spans(self, sentence: Sentence) -> Sequence[tuple[int, int]] | None:
        return [] if self.reads(sentence) else None

    @staticmethod
    def reads(sentence: Sentence) -> bool:
        """Prose sentences of four words or more, not overlong (as rule L001)."""
        return len(sentence.words) >= 4 and len(sentence.text) <= MAX_SENTENCE_CHARS and _is_prose(sentence.text)

    def _finding(self, doc: Document, r, gain: float) -> Finding:
        f = self.finding(
            doc, r.start, r.end, f"{MESSAGE[r.kind]} (model prefers the rewrite by {gain:.1f} nats)",
            [Suggestion(r.replacement, 0.9)], entry=r.kind,
        )
        return replace(f, category=CATEGORY[r.kind])


def _overlaps(rewrite, taken: Sequence[tuple[int, int]]) -> bool:
    """True when a rule's finding (``taken``: sorted spans) overlaps the rewrite: the model stage
    would drop the rewrite's finding, so it is not scored."""
    i = bisect.bisect_left(taken, (rewrite.end,))
    return any(lo < rewrite.end and rewrite.start < hi for lo, hi in taken[:i])


RULES: tuple[Rule, ...] = (JudgedRewrite(),)
