"""Fluency rules (family L): wording the language model finds very unlikely.

These rules declare ``needs = {"model"}``: the pipeline runs them only with a model context
(``scan --model``, ``fix``, ``diff``, ``bench --model``), and they read the token scores the
model stage computed (:class:`mtcheck.scoring.ModelContext`) instead of calling the model
for scoring themselves.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from mtcheck.document import Document, Sentence, Token
from mtcheck.findings import Finding, Severity
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.scoring import Calibration, ModelContext, TokenScore

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

    Opt-in (``--extend-select L001``): on the annotated corpus its findings hit no artifact
    (0 of 2, ``benchmarks/results/bench-model-detection-2026-11-30.json``) while reading every
    sentence costs about a fifth of the model stage; ``bench --model`` still scores it.
    """

    code = "L001"
    name = "unlikely-word"
    category = "fluency"
    severity = Severity.INFO
    specificity = 10
    needs = frozenset({"model"})
    opt_in = True
    bad = ("The government of Prime Minister Claire Vautrin survived mardi evening a motion of no confidence.",)
    good = (
        "On Monday the minister attended the meeting of the European council in Brussels.",
        "The central bank left its main interest rate unchanged at 4.5% on Thursday.",
    )

    def __init__(self, calibration: Calibration | None = None):
        self._cal = calibration

    @property
    def cal(self) -> Calibration:
        """The calibration the word band is read from (loaded on first use)."""
        if self._cal is None:
            self._cal = Calibration.load()
        return self._cal

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.model is None:
            return []
        return self.findings_from_context(doc, ctx.model)

    def model_spans(self, sentence: Sentence) -> Sequence[tuple[int, int]] | None:
        if not self.reads(sentence):
            return None
        return [(w.start - sentence.start, w.end - sentence.start) for w in self.checked_words(sentence)]

    @staticmethod
    def reads(sentence: Sentence) -> bool:
        """Whether the rule checks ``sentence``: prose of four words or more, not overlong."""
        return len(sentence.words) >= 4 and len(sentence.text) <= MAX_SENTENCE_CHARS and _is_prose(sentence.text)

    def findings_from_context(self, doc: Document, model: ModelContext) -> list[Finding]:
        """Findings in the sentences ``model`` scored, thresholds from ``model.calibration``."""
        cal = model.calibration
        out: list[Finding] = []
        for sentence, tokens in model.scored():
            out += self._sentence_findings(doc, sentence, tokens, model, cal)
        return out

    def checked_words(self, sentence: Sentence, cal: Calibration | None = None) -> list[Token]:
        """The words the rule scores: lower-case words after the first, neither function
        words nor rare ones (calibrated everyday-frequency band)."""
        cal = cal or self.cal
        return [w for w in sentence.words[1:] if self._frequency(w.text, cal) is not None]

    @staticmethod
    def _frequency(word: str, cal: Calibration) -> float | None:
        """The everyday frequency of a checked word, ``None`` for any other word."""
        from mtcheck.lang.frequency import english_frequency, zipf_of

        if not (word.isalpha() and word.islower()):
            return None
        frequency = english_frequency(word, cal.fluency_min_zipf)
        return frequency if frequency is not None and zipf_of(frequency) < cal.fluency_max_zipf else None

    def word_scores(
        self, sentence: Sentence, tokens: Sequence[TokenScore], cal: Calibration | None = None
    ) -> list[tuple[Token, float, float, Sequence[tuple[str, float]]]]:
        """``(word token, logprob, pmi, alternatives)`` for each checked word of a sentence
        (``tokens`` must include every token overlapping a checked word)."""
        cal = cal or self.cal
        out = []
        for w in self.checked_words(sentence, cal):
            lo, hi = w.start - sentence.start, w.end - sentence.start
            parts = [t for t in tokens if t.end > lo and t.start < hi]
            if not parts:
                continue
            logprob = sum(t.logprob for t in parts)
            out.append((w, logprob, logprob - math.log(self._frequency(w.text, cal)), parts[0].alternatives))  # type: ignore[arg-type]
        return out

    def _sentence_findings(
        self, doc: Document, sentence: Sentence, tokens: Sequence[TokenScore], model: ModelContext, cal: Calibration
    ) -> list[Finding]:
        from mtcheck.candidates import words_from_tokens

        found = []
        for w, logprob, pmi, alts in self.word_scores(sentence, tokens, cal):
            if logprob > cal.fluency_logprob or pmi > cal.fluency_pmi:
                continue
            prefix = sentence.text[: w.start - sentence.start].rstrip()
            proposals = words_from_tokens(w.text, alts or model.lm.next_words(prefix, k=24), 5)
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


RULES: tuple[Rule, ...] = (UnlikelyWord(),)
