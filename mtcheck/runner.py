"""A whole scan run: find files, load configuration, check (across processes), suppress,
apply the baseline, score and gate. The ``scan`` command is a thin layer over :func:`run_scan`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from mtcheck import __version__
from mtcheck.baseline import Baseline
from mtcheck.config import Config, find_config, load_config, normalise_prefix, parse_fail_on
from mtcheck.discover import STDIN, expand_paths
from mtcheck.document import Document
from mtcheck.errors import InputError, UsageError
from mtcheck.findings import FileReport, Report
from mtcheck.gate import Gate, apply_gate
from mtcheck import stream
from mtcheck.io import Source, file_size, read_source
from mtcheck.lang import UnknownLanguageError, load_language
from mtcheck.pipeline import CheckOptions, check_document, file_report
from mtcheck.suppress import apply_suppressions

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while files are checked."""


@dataclass(frozen=True)
class ScanOptions:
    """Settings given on the command line; ``None`` means "as configured" (or the default)."""

    config: str | None = None
    source_lang: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    fail_on: str | None = None
    min_score: float | None = None
    max_findings_per_1k: float | None = None
    encoding: str | None = None
    baseline: str | None = None
    stdin_filename: str | None = None
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    model: bool = False
    """Also run the model-based fluency rule (loads the local model; see ``mtcheck doctor``)."""
    extra: dict[str, object] = field(default_factory=dict)
    """Room for options of later features (engines, schedulers) without changing this API."""


def apply_overrides(config: Config, options: ScanOptions) -> Config:
    """``config`` with the command-line settings of ``options`` laid over it."""
    gate = config.gate
    if options.fail_on is not None:
        gate = replace(gate, fail_on=parse_fail_on(options.fail_on))
    if options.min_score is not None:
        gate = replace(gate, min_score=options.min_score)
    if options.max_findings_per_1k is not None:
        gate = replace(gate, max_findings_per_1k=options.max_findings_per_1k)
    norm = lambda ps: tuple(normalise_prefix(p, "command line") for p in ps)  # noqa: E731
    return replace(
        config,
        source_lang=options.source_lang or config.source_lang,
        select=norm(options.select) if options.select else config.select,
        ignore=norm(options.ignore) if options.ignore else config.ignore,
        extend_select=config.extend_select + norm(options.extend_select),
        gate=gate,
    )


class _ConfigResolver:
    """The configuration of each file: ``--config`` for all, else the nearest one (cached)."""

    def __init__(self, options: ScanOptions):
        self.options = options
        self.explicit = load_config(Path(options.config)) if options.config else None
        self._by_file: dict[Path | None, Config] = {}

    def for_path(self, path: str) -> Config:
        if self.explicit is not None:
            found = None
            config = self.explicit
        else:
            if path == STDIN:
                start = Path(self.options.stdin_filename or "stdin").absolute()
            else:
                start = Path(path).absolute()
            found = find_config(start)
            config = None
        if config is None:
            if found not in self._by_file:
                self._by_file[found] = load_config(found) if found else Config()
            config = self._by_file[found]
        return apply_overrides(config, self.options)


@dataclass(frozen=True)
class _Task:
    path: str
    text: str | None
    options: CheckOptions
    file_ignores: tuple[str, ...]
    encoding: str | None = None
    """``text`` is ``None`` for a file too large to hold as one document: it is streamed."""


def check_source(task: _Task) -> tuple[FileReport | None, tuple[str, ...]]:
    """Check one article: rules, per-file ignores, inline suppressions. Runs in workers.

    A large file that turns out undecodable part-way gives ``(None, (error,))``: it is
    reported and the other files are still checked."""
    if task.text is None:
        try:
            report = stream.check_large_file(task.path, task.options, task.encoding)
        except InputError as exc:
            return None, (str(exc),)
    else:
        doc = Document.from_text(task.text, task.path)
        report = file_report(doc, check_document(doc, task.options))
    findings = report.findings
    if task.file_ignores:
        findings = tuple(
            f for f in findings if not any(p == "ALL" or f.code.startswith(p) for p in task.file_ignores)
        )
    findings, warnings = apply_suppressions(report.text, findings, report.path, report.line_starts)
    return replace(report, findings=findings), warnings


def _run_tasks(
    tasks: Sequence[_Task], options: ScanOptions, progress: Progress | None
) -> list[tuple[FileReport, tuple[str, ...]]]:
    if options.engine == "dask":
        from mtcheck.distributed import map_on_cluster

        return map_on_cluster(check_source, tasks, options.scheduler, progress, run_here=lambda t: t.text is None)
    if options.engine != "local":
        raise UsageError(f"unknown engine {options.engine!r} (choose from local, dask)")
    jobs = options.jobs
    total = len(tasks)
    results = []
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    if jobs > 1 and total > 1:
        from concurrent.futures import ProcessPoolExecutor  # only here: importing it costs ~20 ms of start-up

        workers = min(jobs, total)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(check_source, tasks, chunksize=max(1, total // (workers * 4))):
                results.append(result)
                if progress:
                    progress(len(results), total)
    else:
        for task in tasks:
            results.append(check_source(task))
            if progress:
                progress(len(results), total)
    return results


def _with_fluency_findings(
    results: list[tuple[FileReport, tuple[str, ...]]], tasks: Sequence[_Task], warnings: list[str]
) -> list[tuple[FileReport, tuple[str, ...]]]:
    """Add the model's fluency findings (where no rule fired) to each checked file.

    A model fault leaves the rule findings as they are and says why in ``warnings``.
    """
    from mtcheck.correct import Calibration, load_models
    from mtcheck.rules.base import RuleContext
    from mtcheck.rules.fluency import fluency_findings

    lm, _guard, model_warnings = load_models()
    warnings.extend(model_warnings)
    if lm is None:
        return results
    calibration = Calibration.load()
    out = []
    for (fr, warns), task in zip(results, tasks):
        doc = Document.from_text(fr.text, fr.path)
        ctx = RuleContext(lang=load_language(task.options.source_lang), glossary=task.options.glossary)
        extra = fluency_findings(doc, fr.findings, ctx, lm, calibration)
        findings = tuple(sorted((*fr.findings, *extra), key=lambda f: (f.start, f.end, f.code)))
        out.append((replace(fr, findings=findings), warns))
    return out


def _read_or_defer(path: str, encoding: str | None) -> Source:
    """Read a file; one over the streaming threshold is left unread (``streamed``) and is
    checked block by block later (see :mod:`mtcheck.stream`)."""
    if path != STDIN and file_size(path) > stream.STREAM_THRESHOLD_BYTES:
        return Source(path, "", streamed=True)
    return read_source(path, encoding)


def run_config(paths: Sequence[str], options: ScanOptions = ScanOptions()) -> Config:
    """The run-level configuration (gate, file discovery): ``--config``, else the one found
    from the first path (the working directory for stdin), with command-line overrides."""
    if options.config:
        return apply_overrides(load_config(Path(options.config)), options)
    first = next((p for p in paths if p != STDIN), None)
    start = Path(first) if first else Path(options.stdin_filename or "stdin")
    found = find_config(start.absolute())
    return apply_overrides(load_config(found) if found else Config(), options)


def run_scan(
    paths: Sequence[str],
    options: ScanOptions = ScanOptions(),
    progress: Progress | None = None,
    sources: Sequence[Source] | None = None,
) -> Report:
    """Scan ``paths`` (files, directories, globs, ``-`` for stdin) and return the scored,
    gated :class:`Report`. ``sources`` skips reading (already-read articles, in order)."""
    started = time.perf_counter()
    run_cfg = run_config(paths, options)
    gate: Gate = run_cfg.gate
    skipped: list[str] = []
    errors: list[str] = []
    if sources is None:
        files = expand_paths(paths, run_cfg.include, run_cfg.exclude, skipped)
        if not files:
            raise UsageError("no article files to scan (directories hold no " + ", ".join(run_cfg.include) + " files)")
        sources, arg_paths = [], []
        for p in files:
            try:
                sources.append(_read_or_defer(p, options.encoding))
            except InputError as exc:
                if len(files) == 1:
                    raise
                errors.append(str(exc))  # reported; the other files are still checked
                continue
            arg_paths.append(p)
    else:
        arg_paths = [s.path for s in sources]
    resolver = _ConfigResolver(options)
    tasks = []
    for arg, src in zip(arg_paths, sources):
        cfg = resolver.for_path(STDIN if src.path == "<stdin>" else arg)
        opts = cfg.check_options()
        try:
            load_language(opts.source_lang)
        except UnknownLanguageError as exc:
            raise UsageError(str(exc)) from None
        path = options.stdin_filename if src.path == "<stdin>" and options.stdin_filename else src.path
        text = None if src.streamed else src.text
        tasks.append(_Task(path, text, opts, cfg.file_ignores(path), options.encoding))
    baseline = Baseline.load(options.baseline) if options.baseline else None
    reports, warnings = [], list(skipped)
    results = _run_tasks(tasks, options, progress)
    failed = [warns[0] for fr, warns in results if fr is None]
    if failed and len(results) == 1:
        raise InputError(failed[0])
    errors.extend(failed)
    tasks = [t for t, (fr, _) in zip(tasks, results) if fr is not None]
    results = [(fr, warns) for fr, warns in results if fr is not None]
    if options.model:
        results = _with_fluency_findings(results, tasks, warnings)
    for fr, warns in results:
        if baseline is not None:
            fr = baseline.filter(fr)
        reports.append(apply_gate(fr, gate))
        warnings.extend(warns)
    return Report(
        files=tuple(reports),
        version=__version__,
        source_lang=run_cfg.source_lang or "fr",
        elapsed=time.perf_counter() - started,
        warnings=tuple(warnings),
        errors=tuple(errors),
    )
