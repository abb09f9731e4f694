"""Run the benchmark: the same pipeline as ``scan`` and ``fix`` over the annotated corpus.

For every document: :func:`mtcheck.pipeline.check_file` with correction on (exactly what
``scan`` reports and ``fix`` writes), timed. Findings are matched against the annotated
artifacts, applied corrections against the artifacts' fixes, and the fixed text is scored
against the reference. The model variant (model rules such as L001 and model-ranked
corrections) is loaded only on request, so the rules-only path never imports torch; its
detection is scored too (``model_detection``).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from mtcheck import __version__
from mtcheck.admit import opt_in_codes
from mtcheck.bench import metrics as m
from mtcheck.bench.report import (
    BenchReport,
    CleanScores,
    CorrectionScores,
    DetectionScores,
    OriginScore,
    RealDataScores,
    SpeedScore,
)
from mtcheck.bench.scores import DEFAULT_RESAMPLES, DEFAULT_SEED, aligned_segments, corpus_scores, paired_bootstrap
from mtcheck.correct import CorrectionResult
from mtcheck.document import Document
from mtcheck.errors import InputError, ModelUnavailable, UsageError
from mtcheck.findings import CATEGORIES, Finding
from mtcheck.io import Source
from mtcheck.pipeline import CheckOptions, Models, check_file, selected_rules
from mtcheck.origin import Origin, origin_of_code

RULES_MIN_CONFIDENCE = 0.5
SPLITS = ("dev", "test", "all")

REALDATA_LABELS = {
    "google-wmt-mqm-generalMT2023-zh-en": "zh→en MQM spans (Apache-2.0): detection only, other language pair",
    "MLQE-PE-ro-en-test20": "ro→en MLQE-PE BAD words + post-edits (CC0): tokenised text, other language pair",
    "LIG-Potet2012-fr-en": "fr→en LIG post-edits: EVALUATION-ONLY, read at run time, never copied",
}


@dataclass(frozen=True)
class BenchOptions:
    """How to run the benchmark."""

    split: str = "all"
    check: CheckOptions = field(default_factory=CheckOptions)
    min_confidence: float | None = None
    model: bool = False
    headline_match: str = "overlap"
    realdata: tuple[str, ...] = ()
    corpus_realdata: bool = True
    resamples: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED


def load_bench_models() -> Models:
    """The model stage exactly as ``fix`` loads it (language model, meaning guard, calibration).

    Raises :class:`~mtcheck.errors.ModelUnavailable` (one line, exit 2) when it cannot be loaded.
    """
    from mtcheck.runner import load_model_stage

    warnings: list[str] = []
    models = load_model_stage(warnings)
    if models is None:
        raise ModelUnavailable("the model corrector is not available: " + "; ".join(warnings))
    return models


load_model_corrector = load_bench_models
"""The former name of :func:`load_bench_models`."""


def check_corpus_document(text: str, name: str, check: CheckOptions, models: Models | None,
                          min_confidence: float | None, correct: bool = True):
    """One corpus text through :func:`check_file`, as ``fix`` runs it (returns the document,
    the findings and the correction result)."""
    checked = check_file(Source(name, text), check, models=models, correct=correct, min_confidence=min_confidence)
    document = checked.document or Document.from_text(checked.report.text, name)
    return document, checked.report.findings, checked.correction


def load_documents(paths: Sequence[str], split: str):
    """Load corpus documents from each path (corpus root, folder of JSON, or one JSON file)."""
    from mtcheck.corpus import load_corpus

    if split not in SPLITS:
        raise UsageError(f"unknown split {split!r} (choose from {', '.join(SPLITS)})")
    docs = []
    for p in paths:
        try:
            docs.extend(load_corpus(p))
        except FileNotFoundError:
            raise InputError(f"{p}: no corpus there (expected docs/*.json or JSON files)") from None
        except (ValueError, KeyError) as exc:
            raise InputError(f"{p}: not a valid corpus ({type(exc).__name__}: {exc})") from None
    chosen = [d for d in docs if split == "all" or d.split == split]
    if not chosen:
        raise InputError(f"no {split} documents in {', '.join(paths)}")
    return chosen


def _realdata_files(paths: Sequence[str], options: BenchOptions) -> list[str]:
    files = []
    if options.corpus_realdata:
        for p in paths:
            f = Path(p) / "realdata" / "realdata.jsonl"
            if f.is_file():
                files.append(str(f))
    for f in options.realdata:
        if not Path(f).is_file():
            raise InputError(f"{f}: no such real-data file")
        files.append(f)
    return files


@dataclass
class _DocRun:
    doc: object
    document: Document
    findings: tuple[Finding, ...]
    result: CorrectionResult
    gold_spans: tuple[m.Span, ...]
    gold_edits: tuple[m.Edit, ...]


def _applied_edits(result: CorrectionResult) -> tuple[m.Edit, ...]:
    return tuple(m.Edit(c.finding.start, c.finding.end, c.replacement) for c in result.applied)


def _run_docs(docs, check: CheckOptions, models: Models | None, min_confidence: float | None) -> tuple[list[_DocRun], float]:
    runs = []
    started = time.perf_counter()
    for d in docs:
        document, findings, result = check_corpus_document(d.mt, d.id, check, models, min_confidence)
        runs.append(
            _DocRun(
                d,
                document,
                findings,
                result,
                tuple(m.Span(a.start, a.end, a.category) for a in d.artifacts),
                tuple(m.Edit(a.start, a.end, a.fix) for a in d.artifacts),
            )
        )
    return runs, time.perf_counter() - started


def _correction_scores(variant: str, runs: Sequence[_DocRun], options: BenchOptions) -> CorrectionScores:
    inputs, fixed, refs = [], [], []
    edit_docs = []
    for r in runs:
        applied = _applied_edits(r.result)
        for i, f, ref in aligned_segments(r.document.text, r.gold_edits, applied):
            inputs.append(i)
            fixed.append(f)
            refs.append(ref)
        edit_docs.append((r.document.text, r.gold_edits, applied))
    return CorrectionScores(
        variant=variant,
        segments=len(refs),
        metrics=corpus_scores(inputs, fixed, refs, options.resamples, options.seed),
        edits_exact=m.edit_scores(edit_docs, "exact"),
        edits_overlap=m.edit_scores(edit_docs, "overlap"),
        proposed=sum(len(r.result.corrections) for r in runs),
        applied=sum(len(r.result.applied) for r in runs),
        bootstrap_resamples=options.resamples,
        bootstrap_seed=options.seed,
    )


def _speed(variant: str, runs: Sequence[_DocRun], seconds: float) -> SpeedScore:
    words = sum(r.document.word_count for r in runs)
    return SpeedScore(variant, len(runs), words, round(seconds, 4), words / seconds if seconds > 0 else None)


def _detection(runs: Sequence[_DocRun]) -> tuple[DetectionScores, ...]:
    out = []
    artifact_runs = [r for r in runs if r.doc.kind != "clean"]
    for mode in m.MATCH_MODES:
        spans = [[m.Span(f.start, f.end, f.category, f.code) for f in r.findings] for r in artifact_runs]
        matches = [m.match_document(r.gold_spans, s, mode) for r, s in zip(artifact_runs, spans)]
        t = m.detection_totals(matches, CATEGORIES)
        origins = []
        for origin in Origin:
            alone = [
                m.match_document(r.gold_spans, [p for p in s if origin_of_code(p.code) is origin], mode)
                for r, s in zip(artifact_runs, spans)
            ]
            origins.append(OriginScore(origin.value, m.detection_totals(alone).overall))
        out.append(DetectionScores(mode, t.overall, t.typed, t.categories, t.rules, tuple(origins)))
    return tuple(out)


def _clean(runs: Sequence[_DocRun]) -> CleanScores:
    clean = [r for r in runs if r.doc.kind == "clean"]
    words = sum(r.document.word_count for r in clean)
    by_rule = Counter(f.code for r in clean for f in r.findings)
    n = sum(by_rule.values())
    return CleanScores(len(clean), words, n, m.per_thousand(n, words), tuple(sorted(by_rule.items())))


def realdata_scores(
    files: Sequence[str], check: CheckOptions, models: Models | None, options: BenchOptions
) -> tuple[RealDataScores, ...]:
    """Detection precision (overlap with annotated spans) and chrF on post-edited rows, per data set.

    Rows are de-duplicated by id across files, so the shared file can be given on top of the
    corpus's own copy. Only aggregate numbers are kept, never the text.
    """
    from mtcheck.corpus import load_realdata

    seen: set[str] = set()
    by_dataset: dict[str, list] = {}
    for f in files:
        try:
            rows = load_realdata(f)
        except (ValueError, KeyError) as exc:
            raise InputError(f"{f}: not a real-data JSONL file ({type(exc).__name__}: {exc})") from None
        for row in rows:
            if row.id not in seen:
                seen.add(row.id)
                by_dataset.setdefault(row.dataset, []).append(row)
    out = []
    for dataset, rows in sorted(by_dataset.items()):
        words = findings = in_spans = flagged = flagged_with_spans = 0
        rule_counts: dict[str, list[int]] = {}
        mts, fixes, pes = [], [], []
        for row in rows:
            document, found, result = check_corpus_document(
                row.mt, row.id, check, models, options.min_confidence, correct=row.post_edit is not None
            )
            words += document.word_count
            findings += len(found)
            flagged += bool(found)
            flagged_with_spans += bool(found) and bool(row.spans)
            for f in found:
                hit = any(m.overlaps(f.start, f.end, s, e) for s, e, *_ in row.spans)
                in_spans += hit
                counts = rule_counts.setdefault(f.code, [0, 0])
                counts[0] += 1
                counts[1] += hit
            if row.post_edit is not None:
                mts.append(row.mt)
                fixes.append(result.text)
                pes.append(row.post_edit)
        chrf = paired_bootstrap("chrF", mts, fixes, pes, options.resamples, options.seed) if pes else None
        out.append(
            RealDataScores(
                dataset=dataset,
                source_lang=rows[0].source_lang,
                label=REALDATA_LABELS.get(dataset, "third-party real MT"),
                rows=len(rows),
                rows_with_spans=sum(1 for r in rows if r.spans),
                words=words,
                findings=findings,
                findings_in_spans=in_spans,
                precision=in_spans / findings if findings else None,
                findings_per_1k_words=m.per_thousand(findings, words),
                flagged_rows=flagged,
                flagged_rows_with_spans=flagged_with_spans,
                post_edited_rows=len(pes),
                chrf_mt=chrf.input if chrf else None,
                chrf_fixed=chrf.fixed if chrf else None,
                chrf_delta=chrf.delta if chrf else None,
                chrf_p_value=chrf.p_value if chrf else None,
                by_rule=tuple((code, c[0], c[1]) for code, c in sorted(rule_counts.items())),
            )
        )
    return tuple(out)


def run_bench(paths: Sequence[str], options: BenchOptions = BenchOptions()) -> BenchReport:
    """Run the whole benchmark over the corpus at ``paths`` and return its report."""
    if options.headline_match not in m.MATCH_MODES:
        raise UsageError(f"unknown match mode {options.headline_match!r} (choose from exact, overlap)")
    docs = load_documents(paths, options.split)
    realdata_files = _realdata_files(paths, options)
    models = load_bench_models() if options.model else None

    runs, seconds = _run_docs(docs, options.check, None, options.min_confidence)
    corrections = [_correction_scores("rules", runs, options)]
    speed = [_speed("rules", runs, seconds)]
    notes = []
    model_detection: tuple[DetectionScores, ...] = ()
    if models is not None:
        # opt-in model rules (L001) run too, so that their detection is scored
        with_opt_in = replace(options.check, extend_select=(*options.check.extend_select, *sorted(opt_in_codes())))
        model_runs, model_seconds = _run_docs(docs, with_opt_in, models, options.min_confidence)
        corrections.append(_correction_scores("model", model_runs, options))
        speed.append(_speed("model", model_runs, model_seconds))
        model_detection = _detection(model_runs)
    realdata = realdata_scores(realdata_files, options.check, None, options)
    if realdata:
        notes.append(
            "Real-data rows come from other language pairs or are tokenised; the rules target "
            "French→English news, so read them as a false-alarm/sanity track (fixes there are rules-only)."
        )
    return BenchReport(
        version=__version__,
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        corpus=tuple(str(p) for p in paths),
        split=options.split,
        source_lang=options.check.source_lang,
        min_confidence=options.min_confidence,
        headline_match=options.headline_match,
        model=models is not None,
        documents=len(runs),
        artifact_documents=sum(1 for r in runs if r.doc.kind != "clean"),
        clean_documents=sum(1 for r in runs if r.doc.kind == "clean"),
        words=sum(r.document.word_count for r in runs),
        artifacts=sum(len(r.gold_edits) for r in runs),
        rules=tuple(r.code for r in selected_rules(options.check)),
        detection=_detection(runs),
        model_detection=model_detection,
        clean=_clean(runs),
        correction=tuple(corrections),
        speed=tuple(speed),
        realdata=realdata,
        notes=tuple(notes),
    )


def measure_speed(paths: Sequence[str], options: BenchOptions = BenchOptions(), repeats: int = 5) -> tuple[SpeedScore, ...]:
    """Words per second of detection plus correction, the median of ``repeats`` passes.

    One untimed pass first warms caches (language tables, regexes); the model variant is
    measured too when ``options.model`` is set.
    """
    docs = load_documents(paths, options.split)
    variants: list[tuple[str, Models | None]] = [("rules", None)]
    if options.model:
        variants.append(("model", load_bench_models()))
    out = []
    for name, models in variants:
        _run_docs(docs[:1], options.check, models, options.min_confidence)
        timings = sorted(
            (_run_docs(docs, options.check, models, options.min_confidence) for _ in range(repeats)),
            key=lambda t: t[1],
        )
        runs, seconds = timings[len(timings) // 2]
        out.append(_speed(name, runs, seconds))
    return tuple(out)
