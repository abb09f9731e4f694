"""The model stage's types: what a language model and a meaning guard must offer, the tuned
constants, and the scored document that model rules and the corrector both read.

Data flow: the pipeline cuts a document into sections (:func:`model_sections`), runs the
language model once over each section's sentences that a model rule reads or that hold a
finding (:func:`score_section`), and hands the result, a :class:`ModelContext`, to model rules
(through :attr:`mtcheck.rules.base.RuleContext.model`) and then to the corrector, which
continues from the kept states instead of running the same text again. This module imports
neither the rules nor the corrector, so neither depends on the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from mtcheck.document import Document, Sentence
from mtcheck.model.manifest import CALIBRATION, PackageDataMissing, data_path

CALIBRATION_PATH = data_path(CALIBRATION)

SECTION_CHARS = 8000
"""Text the model stage keeps state for at once (about 1,800 tokens, 90 MB of state)."""


class TokenScore(Protocol):
    """One token's score: its span in the scored text, log-probability and likely alternatives."""

    start: int
    end: int
    logprob: float
    alternatives: Sequence[tuple[str, float]]


@runtime_checkable
class LanguageModel(Protocol):
    """What the fluency rule and the corrector need from a causal language model."""

    def sequence_logprobs(self, texts: Sequence[str]) -> list[float]:
        """The total log-probability (nats) of each text."""
        ...

    def token_scores(self, texts: Sequence[str], k: int = 0) -> list[list[TokenScore]]:
        """Per-token scores of each text, with the ``k`` likeliest alternatives of each token."""
        ...

    def next_words(self, prefix: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` likeliest next tokens after ``prefix`` with their log-probabilities."""
        ...


@runtime_checkable
class StatefulLanguageModel(LanguageModel, Protocol):
    """A language model that can keep a text's state and continue from it (the real model);
    stand-ins without these methods get the plain calls."""

    def text_states(self, texts: Sequence[str], upto: Sequence[int | None] | None = None) -> list[Any]:
        """Run each text once and keep what continuing from it needs (only as far as
        ``upto[i]`` characters when given: the rest is not run)."""
        ...

    def state_token_scores(self, states: Sequence[Any], within: Sequence[Iterable[tuple[int, int]]] | None = None) -> list[list[TokenScore]]:
        """Token scores read from kept states (only tokens overlapping ``within`` spans)."""
        ...

    def suffix_logprobs(self, groups: Sequence[tuple[str, Sequence[str]] | tuple[str, Sequence[str], Any]]) -> list[list[float]]:
        """Log-probabilities of each group's variants after a shared prefix (or a kept state)."""
        ...


@runtime_checkable
class MeaningGuard(Protocol):
    """Says how close in meaning each variant stays to the original text (cosine in [-1, 1])."""

    def similarities(self, original: str, variants: Sequence[str]) -> list[float]:
        """The similarity of each of ``variants`` to ``original``."""
        ...


def is_stateful(lm: LanguageModel) -> bool:
    """True when ``lm`` keeps states (see :class:`StatefulLanguageModel`)."""
    return all(hasattr(lm, name) for name in ("text_states", "state_token_scores", "suffix_logprobs"))


@dataclass(frozen=True)
class Calibration:
    """The corrector's and fluency rule's tuned constants (``mtcheck/model/data/calibration.json``).

    A candidate's evidence is ``delta + prior_weight * logit(prior)`` where ``delta`` is
    the gain in sentence log-probability (nats) over the original and ``prior`` the
    source's confidence; its confidence is ``sigmoid((evidence - margin) / temperature)``,
    so it reaches 0.5 exactly at the margin (shown in reports). What is applied is decided
    by ``choice_margins`` (see :func:`mtcheck.correct.decide`). Variants are scored over their sentence, at
    most ``context_chars`` before the finding and ``right_context_chars`` after it.
    """

    margin: float = 1.0
    prior_weight: float = 1.0
    temperature: float = 2.0
    min_confidence: float = 0.5
    guard_threshold: float = 0.8
    fluency_pmi: float = -9.0
    fluency_logprob: float = -11.0
    fluency_min_zipf: float = 3.0
    fluency_max_zipf: float = 6.0
    context_chars: int = 400
    right_context_chars: int = 25
    guard_context_chars: int = 50
    judge_margins: dict[str, float | None] = field(default_factory=dict)
    """Rule L002's margin (nats) per edit type; ``None`` (or absent): the type is not offered."""
    choice_margins: dict[str, float | None] = field(default_factory=dict)
    """The corrector's margins (nats) per decision type (:mod:`mtcheck.correct`): a finding
    category (the model may replace a rule's confident choice by another candidate that beats
    it by this much) or ``"proposal"`` (a candidate for a finding the rules do not apply must
    beat the original by this much). ``None`` (or absent): the model does not decide that type."""
    notes: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> Calibration:
        """Read the calibration file (defaults for missing keys, except ``judge_margins``, which
        no default can stand for; a missing file or a missing ``judge_margins`` is an error)."""
        path = path or CALIBRATION_PATH
        if not path.is_file():
            raise PackageDataMissing(f"the calibration {path} is missing; fix: reinstall mtcheck (make setup)")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data.get("judge_margins"), dict):
            raise PackageDataMissing(
                f"the calibration {path} has no judge_margins; fix: reinstall mtcheck or run benchmarks/calibrate_judge.py"
            )
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def to_json(self) -> str:
        """The calibration as the JSON written to ``mtcheck/model/data/calibration.json``."""
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class ModelContext:
    """A scored stretch of a document: what model rules read and the corrector continues from.

    ``sentences`` are the sentences of the stretch (a section of the document, or all of it);
    ``token_scores`` maps the start offset of each sentence a model rule asked for to its
    token scores (offsets relative to the sentence); ``states`` maps a sentence's start offset
    to the model's kept state for it (empty for a model without states).
    """

    lm: LanguageModel
    calibration: Calibration
    sentences: tuple[Sentence, ...]
    token_scores: Mapping[int, Sequence[TokenScore]] = field(default_factory=dict)
    states: Mapping[int, Any] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        """The document offsets the context covers (``(0, 0)`` when empty)."""
        return (self.sentences[0].start, self.sentences[-1].end) if self.sentences else (0, 0)

    def covers(self, offset: int) -> bool:
        """True when ``offset`` lies in this context's stretch of the document."""
        lo, hi = self.span
        return lo <= offset < hi

    def scored(self) -> list[tuple[Sentence, Sequence[TokenScore]]]:
        """Each scored sentence with its token scores, in text order."""
        return [(s, self.token_scores[s.start]) for s in self.sentences if s.start in self.token_scores]


def model_sections(doc: Document, limit: int = SECTION_CHARS) -> list[tuple[Sentence, ...]]:
    """Consecutive runs of ``doc``'s sentences of at most ``limit`` characters (a longer
    sentence is a section of its own)."""
    sections: list[list[Sentence]] = []
    size = limit
    for sentence in doc.sentences:
        if size + len(sentence.text) > limit:
            sections.append([])
            size = 0
        sections[-1].append(sentence)
        size += len(sentence.text)
    return [tuple(s) for s in sections]


def score_section(
    lm: LanguageModel,
    calibration: Calibration,
    section: Sequence[Sentence],
    reads: Mapping[int, Sequence[tuple[int, int]]],
    holding: Iterable[int] | Mapping[int, int | None] = (),
) -> ModelContext:
    """Run the model once over ``section``: the sentences model rules read (``reads``: sentence
    start -> spans, relative to the sentence, whose token scores are wanted) and the sentences
    starting at an offset in ``holding`` (they hold findings the corrector will rank; a mapping
    gives how many of the sentence's characters the corrector reads, ``None``: all).

    A stateful model keeps each run sentence's state; a stand-in gets ``token_scores`` calls.
    A sentence is run only as far as the last character read in it (the tokens after it decide
    nothing; the corrector and rule L002 continue a shorter state exactly).
    """
    readable = [s for s in section if s.start in reads]
    if not is_stateful(lm):
        scores = lm.token_scores([s.text for s in readable], k=0) if readable else []
        return ModelContext(lm, calibration, tuple(section), dict(zip((s.start for s in readable), scores)))
    held: Mapping[int, int | None] = holding if isinstance(holding, Mapping) else dict.fromkeys(holding)
    wanted = [s for s in section if s.start in held or s.start in reads]
    upto = [_reach(held, reads, s.start) for s in wanted]
    states = dict(zip((s.start for s in wanted), lm.text_states([s.text for s in wanted], upto))) if wanted else {}  # type: ignore[attr-defined]
    scores = lm.state_token_scores([states[s.start] for s in readable], [reads[s.start] for s in readable]) if readable else []  # type: ignore[attr-defined]
    return ModelContext(lm, calibration, tuple(section), dict(zip((s.start for s in readable), scores)), states)


def _reach(held: Mapping[int, int | None], reads: Mapping[int, Sequence[tuple[int, int]]], start: int) -> int | None:
    """How many characters of the sentence at ``start`` are read (``None``: all of it)."""
    if start in held and held[start] is None:
        return None
    return max([hi for _, hi in reads.get(start, ())] + ([held[start]] if start in held else []), default=0)
