"""The benchmark's result types: frozen dataclasses with no output code.

Renderers in ``mtcheck.render.bench_*`` turn a :class:`BenchReport` into a terminal table,
JSON or an HTML page. Scores are fractions in [0, 1] except the sacrebleu metrics (0-100,
as sacrebleu reports them); ``None`` means "not defined" (e.g. precision with no finding).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prf:
    """Precision, recall and F-beta with the counts they come from."""

    predicted: int
    correct_predicted: int
    gold: int
    found_gold: int
    precision: float | None
    recall: float | None
    f: float | None
    beta: float = 1.0


@dataclass(frozen=True)
class CategoryScore:
    """Detection in one category: precision over findings labelled with it, recall over
    artifacts annotated with it."""

    category: str
    score: Prf


@dataclass(frozen=True)
class RuleScore:
    """How many findings a rule made on artifact documents and how many hit an artifact."""

    code: str
    findings: int
    correct: int
    precision: float | None


@dataclass(frozen=True)
class OriginScore:
    """Detection by the findings of one origin (rule, table, model, source) alone: precision
    over its findings, recall over every artifact (what it would find on its own)."""

    origin: str
    score: Prf


@dataclass(frozen=True)
class DetectionScores:
    """Detection under one matching mode (``exact`` or ``overlap``)."""

    match: str
    overall: Prf
    typed: Prf
    categories: tuple[CategoryScore, ...]
    rules: tuple[RuleScore, ...]
    origins: tuple[OriginScore, ...] = ()


@dataclass(frozen=True)
class CleanScores:
    """False alarms on clean documents (human-written English with no artifact)."""

    documents: int
    words: int
    findings: int
    per_1k_words: float | None
    by_rule: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class MetricScore:
    """One sacrebleu metric of the input and of the fixed text against the reference.

    ``delta`` is fixed minus input (for TER, lower is better, so a negative delta is a gain);
    ``p_value`` comes from a paired bootstrap over segments; ``ci_low``/``ci_high`` bound the
    95% interval of the delta.
    """

    metric: str
    input: float
    fixed: float
    delta: float
    p_value: float
    ci_low: float
    ci_high: float
    signature: str


@dataclass(frozen=True)
class CorrectionScores:
    """Correction quality for one variant of the corrector (``rules`` or ``model``)."""

    variant: str
    segments: int
    metrics: tuple[MetricScore, ...]
    edits_exact: Prf
    edits_overlap: Prf
    proposed: int
    applied: int
    bootstrap_resamples: int
    bootstrap_seed: int


@dataclass(frozen=True)
class SpeedScore:
    """Throughput of one variant: detection plus correction, wall-clock."""

    variant: str
    documents: int
    words: int
    seconds: float
    words_per_second: float | None


@dataclass(frozen=True)
class RealDataScores:
    """Detection (and, with post-edits, correction) on one third-party real MT data set.

    A finding is correct when it overlaps an annotated error span of its row.
    """

    dataset: str
    source_lang: str
    label: str
    rows: int
    rows_with_spans: int
    words: int
    findings: int
    findings_in_spans: int
    precision: float | None
    findings_per_1k_words: float | None
    flagged_rows: int
    flagged_rows_with_spans: int
    post_edited_rows: int
    chrf_mt: float | None
    chrf_fixed: float | None
    chrf_delta: float | None
    chrf_p_value: float | None
    by_rule: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class BenchReport:
    """Everything one ``mtcheck bench`` run measured."""

    version: str
    created: str
    corpus: tuple[str, ...]
    split: str
    source_lang: str
    min_confidence: float | None
    headline_match: str
    model: bool
    documents: int
    artifact_documents: int
    clean_documents: int
    words: int
    artifacts: int
    rules: tuple[str, ...]
    detection: tuple[DetectionScores, ...]
    clean: CleanScores
    correction: tuple[CorrectionScores, ...]
    speed: tuple[SpeedScore, ...]
    realdata: tuple[RealDataScores, ...]
    notes: tuple[str, ...] = ()
    model_detection: tuple[DetectionScores, ...] = ()
    """Detection of the model run (model rules such as L001 included); empty without ``--model``."""

    def detection_for(self, match: str) -> DetectionScores:
        """The detection scores under matching mode ``match``."""
        return next(d for d in self.detection if d.match == match)
