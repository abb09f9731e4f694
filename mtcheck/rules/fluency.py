"""Fluency rules (family L): wording the language model finds very unlikely.

These rules need the language model, so they are not in the plain registry (``ALL_RULES``)
that ``scan`` runs without a model: :data:`MODEL_RULES` lists them, and the corrector
(``fix``, ``diff``) builds them with a loaded scorer. Without a scorer they find nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from mtcheck.document import Document, Sentence
from mtcheck.findings import Finding, Severity
from mtcheck.rules.base import Rule, RuleContext


class UnlikelyWord(Rule):
    """A word the language model finds far less likely in its context than on its own.

    The score is the word's log-probability in context minus the log of its everyday
    frequency (so rare words and names are not penalised for being rare): a word that is
    hundreds of times less likely here than usual is often a mistranslation ("assisted to
    the meeting", "the ruble has reinforced"). Capitalised words, numbers and each
    sentence's first word are never flagged, nor function words (their scores are noisy) or
    headlines (telegraphic by design). Proposals are the model's likely words there.
    """

    code = "L001"
    name = "unlikely-word"
    category = "fluency"
    severity = Severity.INFO
    specificity = 10
    bad = ("The government of Prime Minister Claire Vautrin survived mardi evening a motion of no confidence.",)
    good = (
        "On Monday the minister attended the meeting of the European council in Brussels.",
        "The central bank left its main interest rate unchanged at 4.5% on Thursday.",
    )

    def __init__(self, scorer: Any | None = None, calibration: Any | None = None):
        from mtcheck.correct import Calibration

        self.scorer = scorer
        self.cal = calibration or Calibration.load()

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        if self.scorer is None:
            return []
        sentences = [s for s in doc.sentences if len(s.words) >= 4 and _is_prose(s.text)]
        scored = self.scorer.token_scores([s.text for s in sentences], k=0)
        out: list[Finding] = []
        for sentence, tokens in zip(sentences, scored):
            out += self._sentence_findings(doc, sentence, tokens)
        return out

    def word_scores(self, sentence: Sentence, tokens: Sequence[Any]) -> list[tuple[Any, float, float, tuple]]:
        """``(word token, logprob, pmi, alternatives)`` for each checkable word of a sentence."""
        from wordfreq import word_frequency

        out = []
        words = sentence.words
        for w in words[1:]:
            text = w.text
            if not text.isalpha() or not text.islower():
                continue
            lo, hi = w.start - sentence.start, w.end - sentence.start
            parts = [t for t in tokens if t.end > lo and t.start < hi]
            if not parts:
                continue
            freq = word_frequency(text, "en")
            if freq <= 0:
                continue
            logprob = sum(t.logprob for t in parts)
            out.append((w, logprob, logprob - math.log(freq), parts[0].alternatives))
        return out

    def _sentence_findings(self, doc: Document, sentence: Sentence, tokens: Sequence[Any]) -> list[Finding]:
        from mtcheck.candidates import words_from_tokens
        from wordfreq import zipf_frequency

        found = []
        for w, logprob, pmi, alts in self.word_scores(sentence, tokens):
            if logprob > self.cal.fluency_logprob or pmi > self.cal.fluency_pmi:
                continue
            zipf = zipf_frequency(w.text, "en")
            if zipf < self.cal.fluency_min_zipf or zipf >= self.cal.fluency_max_zipf:
                continue
            prefix = sentence.text[: w.start - sentence.start].rstrip()
            proposals = words_from_tokens(w.text, alts or self.scorer.next_words(prefix, k=24), 5)
            found.append(
                self.finding(
                    doc,
                    w.start,
                    w.end,
                    f"“{w.text}” is very unlikely here (model log-probability {logprob:.1f})",
                    proposals,
                )
            )
        return found


def _is_prose(text: str) -> bool:
    """A sentence that ends like prose (headlines and captions have no final punctuation)."""
    return text.rstrip("\"”’')]» ").endswith((".", "!", "?", "…", ":"))


def fluency_findings(
    doc: Document, findings: Sequence[Finding], ctx: RuleContext, scorer: Any, calibration: Any | None = None
) -> tuple[Finding, ...]:
    """Model findings of :data:`MODEL_RULES` in ``doc`` that no other finding overlaps."""
    rule = UnlikelyWord(scorer, calibration)
    return tuple(
        f
        for f in rule.check(doc, ctx)
        if not any(f.start < g.end and g.start < f.end for g in findings)
    )


MODEL_RULES: tuple[type[Rule], ...] = (UnlikelyWord,)
"""Rules that need the language model; build them with a scorer."""
