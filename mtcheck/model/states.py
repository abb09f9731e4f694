"""What a scored text is: token scores, the kept state of a text run through the model, and
the :class:`LanguageModel` protocol the corrector and the fluency rule are written against."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class TokenScore:
    """One token of a scored text: its code-point span, log-probability and the model's
    most likely alternatives at that position (``(text, logprob)``, best first)."""

    start: int
    end: int
    logprob: float
    alternatives: tuple[tuple[str, float], ...] = ()


@runtime_checkable
class LanguageModel(Protocol):
    """What the corrector and the fluency rule need from a language model."""

    def sequence_logprobs(self, texts: Sequence[str]) -> list[float]:
        """Total log-probability (nats) of each text, its first word included."""
        ...

    def token_scores(self, texts: Sequence[str], k: int = 0) -> list[list[TokenScore]]:
        """Per-token log-probabilities of each text, with ``k`` alternatives per token."""
        ...

    def next_words(self, prefix: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` most likely next tokens after ``prefix`` (text with its leading space)."""
        ...


@dataclass(frozen=True, eq=False)
class TextState:
    """One text run through the model, kept so that variants of it can be scored cheaply.

    ``ids`` and ``spans`` start with the BOS token (span ``(0, 0)``); ``keys`` and
    ``values`` hold every layer's attention keys and values (layers, heads, tokens, head
    size) and ``hidden`` the last layer's output at each token. Log-probabilities are read
    from ``hidden`` only where they are asked for (the output layer is a fifth of the
    model's work; ``norms`` keeps its normaliser at each position asked so far), and a
    variant that shares the text's start continues from any token boundary without running
    that start again.
    """

    text: str
    ids: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]
    keys: Any
    values: Any
    hidden: Any
    norms: dict[int, float] = field(default_factory=dict, repr=False)

    def boundary(self, offset: int) -> int | None:
        """How many tokens (BOS included) cover exactly ``text[:offset]``, or ``None`` when a
        token straddles ``offset``."""
        if offset == 0:
            return 1
        if offset == len(self.text):
            return len(self.ids)
        i = bisect.bisect_left(self.spans, offset, lo=1, key=lambda span: span[0])
        if i < len(self.ids) and self.spans[i][0] == offset and self.spans[i - 1][1] <= offset:
            return i
        return None

    def tokens_within(self, spans: Iterable[tuple[int, int]]) -> list[int]:
        """Indices of the tokens (BOS excluded) that overlap any of ``spans``."""
        wanted = sorted(spans)
        return [
            i
            for i in range(1, len(self.ids))
            if any(self.spans[i][1] > lo and self.spans[i][0] < hi for lo, hi in wanted)
        ]


class ForwardPass(NamedTuple):
    """What one forward pass gives for one sequence: its next-token log-probabilities, the top
    alternatives (token id, log-probability) and, when kept, its keys, values and hidden states."""

    logprobs: tuple[float, ...]
    alternatives: list[list[tuple[int, float]]]
    keys: Any
    values: Any
    hidden: Any
