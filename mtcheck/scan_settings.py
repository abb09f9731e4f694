"""A scan's settings: command-line options laid over the configuration found for each file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from mtcheck.config import Config, checked_threshold, find_config, load_config, normalise_prefixes, parse_fail_on
from mtcheck.gate import GateCheck
from mtcheck.discover import STDIN


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
        gate = replace(gate, min_score=checked_threshold(GateCheck.MIN_SCORE, options.min_score, "--min-score"))
    if options.max_findings_per_1k is not None:
        gate = replace(gate, max_findings_per_1k=checked_threshold(
            GateCheck.MAX_FINDINGS_PER_1K, options.max_findings_per_1k, "--max-findings-per-1k"))
    norm = lambda ps: normalise_prefixes(ps, "command line")  # noqa: E731
    return replace(
        config,
        source_lang=options.source_lang or config.source_lang,
        select=norm(options.select) if options.select else config.select,
        ignore=norm(options.ignore) if options.ignore else config.ignore,
        extend_select=config.extend_select + norm(options.extend_select),
        gate=gate,
    )


class ConfigResolver:
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


def run_config(paths: Sequence[str], options: ScanOptions = ScanOptions()) -> Config:
    """The run-level configuration (gate, file discovery): ``--config``, else the one found
    from the first path (the working directory for stdin), with command-line overrides."""
    if options.config:
        return apply_overrides(load_config(Path(options.config)), options)
    first = next((p for p in paths if p != STDIN), None)
    start = Path(first) if first else Path(options.stdin_filename or "stdin")
    found = find_config(start.absolute())
    return apply_overrides(load_config(found) if found else Config(), options)
