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

MAX_SENTENCE_CHARS = 2000
"""Longer "sentences" are not prose (tables, run-on lists): the model does not read them."""


class UnlikelyWord(Rule):
    """A word the language model finds far less likely in its context than on its own.

    The score is the word's log-probability in context minus the log of its everyday
    frequency (so rare words and names are not penalised for being rare): a word that is
    hundreds of times less likely here than usual is often a mistranslation ("assisted to
    the meeting", "the ruble has reinforced"). Capitalised words, numbers and each
    sentence's first word are never flagged, nor function words (their scores are noisy),
    headlines (telegraphic by design) or overlong sentences. Proposals are the model's likely words there.
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
        return self.findings_from_scores(doc, *self.score(doc))

    @staticmethod
    def reads(sentence: Sentence) -> bool:
        """Whether the rule checks ``sentence``: prose of four words or more, not overlong."""
        return len(sentence.words) >= 4 and len(sentence.text) <= MAX_SENTENCE_CHARS and _is_prose(sentence.text)

    def score(self, doc: Document) -> tuple[list[Sentence], list[Sequence[Any]]]:
        """The sentences the rule reads and their token scores (one model call)."""
        sentences = [s for s in doc.sentences if self.reads(s)]
        return sentences, self.scorer.token_scores([s.text for s in sentences], k=0)

    def findings_from_scores(self, doc: Document, sentences: Sequence[Sentence], scores: Sequence[Sequence[Any]]) -> list[Finding]:
        """Findings in ``sentences`` given each one's token scores (from any model pass)."""
        out: list[Finding] = []
        for sentence, tokens in zip(sentences, scores):
            out += self._sentence_findings(doc, sentence, tokens)
        return out

    def checked_words(self, sentence: Sentence) -> list[Any]:
        """The words the rule scores: lower-case words after the first, neither function
        words nor rare ones (calibrated everyday-frequency band)."""
        return [w for w in sentence.words[1:] if self._frequency(w.text) is not None]

    def _frequency(self, word: str) -> float | None:
        """The everyday frequency of a checked word, ``None`` for any other word."""
        from mtcheck.lang.frequency import english_frequency, zipf_of

        if not (word.isalpha() and word.islower()):
            return None
        frequency = english_frequency(word, self.cal.fluency_min_zipf)
        return frequency if frequency is not None and zipf_of(frequency) < self.cal.fluency_max_zipf else None

    def word_scores(self, sentence: Sentence, tokens: Sequence[Any]) -> list[tuple[Any, float, float, tuple]]:
        """``(word token, logprob, pmi, alternatives)`` for each checked word of a sentence
        (``tokens`` must include every token overlapping a checked word)."""
        out = []
        for w in self.checked_words(sentence):
            lo, hi = w.start - sentence.start, w.end - sentence.start
            parts = [t for t in tokens if t.end > lo and t.start < hi]
            if not parts:
                continue
            logprob = sum(t.logprob for t in parts)
            out.append((w, logprob, logprob - math.log(self._frequency(w.text)), parts[0].alternatives))
        return out

    def _sentence_findings(self, doc: Document, sentence: Sentence, tokens: Sequence[Any]) -> list[Finding]:
        from mtcheck.candidates import words_from_tokens

        found = []
        for w, logprob, pmi, alts in self.word_scores(sentence, tokens):
            if logprob > self.cal.fluency_logprob or pmi > self.cal.fluency_pmi:
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


def without_overlaps(found: Iterable[Finding], findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """The model findings in ``found`` that no finding in ``findings`` overlaps."""
    return tuple(f for f in found if not any(f.start < g.end and g.start < f.end for g in findings))


def fluency_findings(
    doc: Document, findings: Sequence[Finding], ctx: RuleContext, scorer: Any, calibration: Any | None = None
) -> tuple[Finding, ...]:
    """Model findings of :data:`MODEL_RULES` in ``doc`` that no other finding overlaps."""
    return without_overlaps(UnlikelyWord(scorer, calibration).check(doc, ctx), findings)


MODEL_RULES: tuple[type[Rule], ...] = (UnlikelyWord,)
"""Rules that need the language model; build them with a scorer."""
