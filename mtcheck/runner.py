"""A whole scan run: find files, load configuration, check (across processes), apply the
baseline, score and gate. The ``scan`` command is a thin layer over :func:`run_scan`; each
file goes through :func:`mtcheck.pipeline.check_file`, like ``fix``, ``diff`` and ``bench``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from mtcheck import __version__, stream
from mtcheck.baseline import Baseline
from mtcheck.discover import STDIN, expand_paths
from mtcheck.errors import InputError, UsageError
from mtcheck.findings import FileReport, Report
from mtcheck.gate import Gate, apply_gate
from mtcheck.io import Source, file_size, read_source
from mtcheck.lang import UnknownLanguageError, default_language, load_language
from mtcheck.pipeline import CheckOptions, Models, check_file, options_for
from mtcheck.source.formats import is_bilingual, is_subtitle
from mtcheck.scan_settings import ConfigResolver, ScanOptions, apply_overrides, run_config

__all__ = ["Progress", "ScanOptions", "apply_overrides", "check_source", "load_model_stage", "run_config", "run_scan"]

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while files are checked."""


@dataclass(frozen=True)
class _Task:
    path: str
    text: str | None
    options: CheckOptions
    encoding: str | None = None
    """``text`` is ``None`` for a file too large to hold as one document: it is streamed."""
    source: tuple[str, str] | None = None
    """``(path, text)`` of the source-language original given with ``--source``."""


def check_source(task: _Task, models: Models | None = None) -> tuple[FileReport | None, tuple[str, ...]]:
    """Check one article (:func:`check_file`); runs in workers. Returns the report and warnings.
    A large file that turns out undecodable part-way gives ``(None, (error,))``: it is reported
    and the other files are still checked.

    A bilingual file (XLIFF, PO, TMX, a subtitle pair) is read by its format and checked on its
    target side; its findings then pass the same admission (inline directives included)."""
    src_path, src_text = task.source or (None, None)
    if task.text is not None and (is_bilingual(task.path) or (src_text is not None and is_subtitle(task.path))):
        from mtcheck.admit import admit, suppressions_of
        from mtcheck.source.check import check_task

        report = check_task(task.path, task.text, task.options, src_text, src_path)
        sup = suppressions_of(report.text, report.path, report.line_starts)
        return replace(report, findings=tuple(admit(report.findings, task.options, sup))), (sup.warnings if sup else ())
    source = Source(task.path, task.text or "", streamed=task.text is None)
    try:
        checked = check_file(source, task.options, models=models, encoding=task.encoding,
                             original=src_text, original_path=src_path)
    except InputError as exc:
        if task.text is not None:
            raise
        return None, (str(exc),)
    return checked.report, checked.warnings


def _run_tasks(
    tasks: Sequence[_Task], options: ScanOptions, progress: Progress | None, models: Models | None
) -> list[tuple[FileReport, tuple[str, ...]]]:
    total = len(tasks)
    results = []
    if models is not None:
        # one loaded model in this process: the model stage runs here, file after file
        for task in tasks:
            results.append(check_source(task, models))
            if progress:
                progress(len(results), total)
        return results
    if options.engine == "dask":
        from mtcheck.distributed import map_on_cluster

        return map_on_cluster(check_source, tasks, options.scheduler, progress, run_here=lambda t: t.text is None)
    if options.engine != "local":
        raise UsageError(f"unknown engine {options.engine!r} (choose from local, dask)")
    jobs = options.jobs
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


def load_model_stage(warnings: list[str], with_guard: bool = True) -> Models | None:
    """The loaded model stage, or ``None`` (rules only) with the reasons added to ``warnings``."""
    from mtcheck.correct import load_models
    from mtcheck.scoring import Calibration

    lm, guard, model_warnings = load_models() if with_guard else load_models(guard=False)
    warnings.extend(model_warnings)
    if lm is None:
        return None
    return Models(lm, guard, Calibration.load())


def _read_or_defer(path: str, encoding: str | None) -> Source:
    """Read a file; one over the streaming threshold is left unread (``streamed``) and is
    checked block by block later (see :mod:`mtcheck.stream`)."""
    if path != STDIN and not is_bilingual(path) and file_size(path) > stream.STREAM_THRESHOLD_BYTES:
        return Source(path, "", streamed=True)
    return read_source(path, encoding)


def resolve_tasks(
    arg_paths: Sequence[str], sources: Sequence[Source], options: ScanOptions,
    original: tuple[str, str] | None = None,
) -> list[_Task]:
    """One task per source, with the check options its configuration gives."""
    resolver = ConfigResolver(options)
    tasks = []
    for arg, src in zip(arg_paths, sources):
        cfg = resolver.for_path(STDIN if src.path == "<stdin>" else arg)
        path = options.stdin_filename if src.path == "<stdin>" and options.stdin_filename else src.path
        opts = options_for(cfg, path)
        try:
            load_language(opts.source_lang)
        except UnknownLanguageError as exc:
            raise UsageError(str(exc)) from None
        tasks.append(_Task(path, None if src.streamed else src.text, opts, options.encoding, original))
    return tasks


def _read_source_option(options: ScanOptions, sources: Sequence[Source]) -> tuple[str, str] | None:
    """``(path, text)`` of the source-language original: the file ``--source`` names
    (``options.extra["source"]``) or a text given directly (``extra["source_text"]``, the server)."""
    path = options.extra.get("source")
    text = options.extra.get("source_text")
    if not path and text is None:
        return None
    if len(sources) != 1:
        raise UsageError("--source names the original of one translation: give exactly one article")
    if text is not None:
        return "<source>", str(text)
    return str(path), read_source(str(path), options.encoding).text


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
    tasks = resolve_tasks(arg_paths, sources, options, _read_source_option(options, sources))
    baseline = Baseline.load(options.baseline) if options.baseline else None
    reports, warnings = [], list(skipped)
    models = load_model_stage(warnings, with_guard=False) if options.model else None
    results = _run_tasks(tasks, options, progress, models)
    failed = [warns[0] for fr, warns in results if fr is None]
    if failed and len(results) == 1:
        raise InputError(failed[0])
    errors.extend(failed)
    for fr, warns in results:
        if fr is None:
            continue
        if baseline is not None:
            fr = baseline.filter(fr)
        reports.append(apply_gate(fr, gate))
        warnings.extend(warns)
    return Report(
        files=tuple(reports),
        version=__version__,
        source_lang=run_cfg.source_lang or default_language(),
        elapsed=time.perf_counter() - started,
        warnings=tuple(warnings),
        errors=tuple(errors),
    )
