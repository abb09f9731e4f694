"""What ``fix`` and ``diff`` run: the same files, configuration and selection as ``scan``, each
article through :func:`mtcheck.pipeline.check_file` with correction on; plus where ``fix``
writes each result and how it sums up what it changed."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from mtcheck.correct import CorrectionResult, deleted_text
from mtcheck.discover import STDIN, expand_paths
from mtcheck.errors import UsageError
from mtcheck.findings import CorrectionStatus, FileReport
from mtcheck.io import Source, read_source
from mtcheck.pipeline import CheckOptions, Models, check_file
from mtcheck.runner import load_model_stage, resolve_tasks
from mtcheck.scan_settings import ScanOptions, run_config


@dataclass(frozen=True)
class StreamedFile:
    """An article too large to hold whole (over the streaming threshold): ``fix`` and ``diff``
    correct it block by block as they write (:mod:`mtcheck.stream_fix`), rules only."""

    path: str
    options: CheckOptions


def is_streamed(path: str) -> bool:
    """Whether ``path`` is corrected block by block (a file over the streaming threshold;
    standard input is always read whole, up to the input cap)."""
    from mtcheck import stream
    from mtcheck.io import file_size

    return path != STDIN and file_size(path) > stream.STREAM_THRESHOLD_BYTES


@dataclass(frozen=True)
class FixedFile:
    """One article corrected: the argument path it was read from, what was read, the report
    (findings, corrections, corrected text) and the correction result."""

    path: str
    source: Source
    report: FileReport
    result: CorrectionResult
    warnings: tuple[str, ...] = ()


def input_files(paths: Sequence[str], options: ScanOptions) -> list[str]:
    """The article files ``paths`` name (files, directories, globs, ``-``), as ``scan`` finds them."""
    if not paths:
        raise UsageError("no paths given (name files or directories, or '-' for stdin)")
    run_cfg = run_config(paths, options)
    files = expand_paths(paths, run_cfg.include, run_cfg.exclude)
    if not files:
        raise UsageError("no article files found (directories hold no " + ", ".join(run_cfg.include) + " files)")
    return files


def load_models_for_fix(use_model: bool, warnings: list[str], files: Sequence[str] = ()) -> Models | None:
    """The model stage when asked for (``None``, with warnings, when it cannot load); never
    loaded when every file in ``files`` is too large for it (each gets a warning)."""
    from mtcheck import stream
    from mtcheck.stream_fix import MODEL_SKIPPED

    if not use_model:
        return None
    large = [f for f in files if is_streamed(f)]
    warnings.extend(MODEL_SKIPPED.format(path=f, limit=stream.STREAM_THRESHOLD_BYTES // 1024) for f in large)
    if files and len(large) == len(files):
        return None
    return load_model_stage(warnings)


def fix_files(
    files: Sequence[str], options: ScanOptions, models: Models | None, min_confidence: float | None,
    original_path: str | None = None,
) -> Iterator[FixedFile | StreamedFile]:
    """Check and correct each file in turn (read one, correct it, yield it); ``original_path``
    names the source-language original of a single article (``--source``). A file too large to
    hold is yielded unread, as a :class:`StreamedFile`."""
    from mtcheck.source.formats import is_bilingual

    if original_path and len(files) != 1:
        raise UsageError("--source names the original of one translation: give exactly one article")
    original = read_source(original_path, options.encoding).text if original_path else None
    for path in files:
        if is_bilingual(path):
            raise UsageError(f"{path}: fix and diff take plain-text articles; check XLIFF, PO and TMX files with scan")
        if is_streamed(path):
            if original is not None:
                raise UsageError(f"{path}: too large to compare with a source (--source takes one article)")
            (task,) = resolve_tasks([path], [Source(path, "", streamed=True)], options)
            yield StreamedFile(task.path, task.options)
            continue
        source = read_source(path, options.encoding)
        (task,) = resolve_tasks([path], [source], options)
        checked = check_file(Source(task.path, source.text), task.options, models=models, correct=True,
                             min_confidence=min_confidence, original=original, original_path=original_path)
        assert checked.correction is not None
        yield FixedFile(path, source, checked.report, checked.correction, checked.warnings)


def output_targets(files: Sequence[str], output: str | None, output_dir: str | None, in_place: bool) -> list[str]:
    """Where ``fix`` writes each file: ``-o FILE`` (one input), ``--output-dir DIR`` (the inputs'
    layout below their common folder kept) or ``--in-place``. Refuses a target that is an input
    (unless ``--in-place``) or shared by two inputs."""
    from mtcheck.io import check_outputs

    if sum(bool(x) for x in (output, output_dir, in_place)) > 1:
        raise UsageError("give one of -o FILE, --output-dir DIR or --in-place")
    if in_place:
        if STDIN in files:
            raise UsageError("--in-place needs files, not stdin")
        return list(files)
    if output:
        if len(files) > 1:
            raise UsageError(f"{len(files)} files to fix: give --output-dir DIR or --in-place, not -o")
        targets = [output]
    elif output_dir:
        targets = _under(files, output_dir)
    else:
        raise UsageError("say where to write: -o OUT, --output-dir DIR (or --in-place)")
    check_outputs(targets, files, make_folders=bool(output_dir))
    return targets


def _under(files: Sequence[str], output_dir: str) -> list[str]:
    if STDIN in files:
        raise UsageError("--output-dir needs files, not stdin (use -o)")
    if Path(output_dir).exists() and not Path(output_dir).is_dir():
        raise UsageError(f"{output_dir}: is not a directory")
    absolute = [os.path.abspath(f) for f in files]
    root = os.path.commonpath([os.path.dirname(a) for a in absolute])
    return [os.path.join(output_dir, os.path.relpath(a, root)) for a in absolute]


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut in the middle beyond ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    half = (limit - 1) // 2
    return flat[:half].rstrip() + "…" + flat[-half:].lstrip()


def summary_lines(fixed: FixedFile) -> list[str]:
    """A short human summary of what was changed in one file, every deletion included."""
    result, report = fixed.result, fixed.report
    applied = result.applied
    lines = [f"{fixed.path}: {len(applied)} change{'s' * (len(applied) != 1)} applied, "
             f"{len(result.corrections) - len(applied)} proposed only, "
             f"{len(report.findings)} finding{'s' * (len(report.findings) != 1)}"]
    for c in applied[:20]:
        new = c.replacement or "(deleted)"
        lines.append(f"  {c.finding.code} “{shorten(c.finding.text)}” → “{shorten(new)}” ({c.confidence:.2f})")
    if len(applied) > 20:
        lines.append(f"  … and {len(applied) - 20} more")
    for c in applied:
        removed = deleted_text(c)
        if removed:
            line, _col = report.line_col(c.finding.start)
            lines.append(f"  removed (line {line}, {c.finding.code}, {len(removed)} chars): “{shorten(removed)}”")
    held = [c for c in result.corrections if c.status is CorrectionStatus.TOO_LARGE]
    if held:
        lines.append(f"  {len(held)} deletion{'s' * (len(held) != 1)} too large to apply (proposed only)")
    return lines
