"""Corpus-level BLEU, chrF and TER (sacrebleu) and a paired bootstrap test.

Scores are computed over *segments*: each document is cut at line breaks that no artifact
and no applied edit crosses, so the input, the fixed text and the reference line up exactly
(the artifacts say where every reference character comes from, the edits where every fixed
one does). The paired bootstrap resamples those segments with replacement, with a fixed seed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER

from mtcheck.bench.metrics import Edit
from mtcheck.bench.report import MetricScore

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 12345
METRICS: tuple[str, ...] = ("BLEU", "chrF", "TER")
LOWER_IS_BETTER = frozenset({"TER"})


def _metric(name: str):
    return {"BLEU": BLEU, "chrF": CHRF, "TER": TER}[name]()


def _apply(text: str, lo: int, hi: int, edits: Sequence[Edit]) -> str:
    out, pos = [], lo
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:hi])
    return "".join(out)


def aligned_segments(
    text: str, gold: Sequence[Edit], applied: Sequence[Edit]
) -> list[tuple[str, str, str]]:
    """Cut a document into aligned ``(input, fixed, reference)`` segments.

    Cuts are made after each line break that lies outside every gold and applied span; an
    insertion at a cut point belongs to the segment after it. Segments empty on all three
    sides are dropped; each side is stripped of surrounding white space.
    """
    spans = [(e.start, e.end) for e in (*gold, *applied)]
    cuts = [0]
    for i, ch in enumerate(text):
        p = i + 1
        if ch == "\n" and p < len(text) and not any(s < p < e for s, e in spans):
            cuts.append(p)
    cuts.append(len(text))
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        def inside(e: Edit) -> bool:
            return lo <= e.start < hi or (e.start == e.end == hi == len(text))

        seg = (
            text[lo:hi].strip(),
            _apply(text, lo, hi, [e for e in applied if inside(e)]).strip(),
            _apply(text, lo, hi, [e for e in gold if inside(e)]).strip(),
        )
        if any(seg):
            out.append(seg)
    return out


def _segment_stats(metric, hyps: Sequence[str], refs: Sequence[str]) -> np.ndarray:
    return np.array(metric._extract_corpus_statistics(list(hyps), [list(refs)]), dtype="float64")


def _score(metric, summed: np.ndarray) -> float:
    return float(metric._compute_score_from_stats(summed).score)


def paired_bootstrap(
    metric_name: str,
    baseline: Sequence[str],
    system: Sequence[str],
    references: Sequence[str],
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> MetricScore:
    """Score ``baseline`` and ``system`` against ``references`` and test the difference.

    Paired bootstrap resampling over segments (Koehn 2004), with the p-value as in
    sacrebleu/multeval: the share of resampled differences that, once centred on their mean,
    are at least as far from zero as the observed difference (two-sided, with +1 smoothing).
    A zero observed difference gives p = 1.
    """
    metric = _metric(metric_name)
    base_stats = _segment_stats(metric, baseline, references)
    sys_stats = _segment_stats(metric, system, references)
    base_score = float(metric.corpus_score(list(baseline), [list(references)]).score)
    sys_score = float(metric.corpus_score(list(system), [list(references)]).score)
    signature = metric.get_signature().format()
    delta = sys_score - base_score
    n = len(references)
    if n == 0:
        return MetricScore(metric_name, base_score, sys_score, delta, 1.0, 0.0, 0.0, signature)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(resamples, n))
    diffs = np.array(
        [_score(metric, sys_stats[i].sum(0)) - _score(metric, base_stats[i].sum(0)) for i in idx]
    )
    if delta == 0:
        p = 1.0
    else:
        centred = np.abs(diffs - diffs.mean())
        p = float((np.sum(centred >= abs(delta) - 1e-12) + 1) / (resamples + 1))
    low, high = np.percentile(diffs, [2.5, 97.5])
    return MetricScore(metric_name, base_score, sys_score, delta, p, float(low), float(high), signature)


def corpus_scores(
    inputs: Sequence[str],
    fixed: Sequence[str],
    references: Sequence[str],
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    metrics: Sequence[str] = METRICS,
) -> tuple[MetricScore, ...]:
    """BLEU, chrF and TER of the input and of the fixed text, with paired bootstrap tests."""
    return tuple(paired_bootstrap(m, inputs, fixed, references, resamples, seed) for m in metrics)
