"""The checker a server shares between requests: configuration, language data and model.

Rule checks are pure functions of the text and run concurrently in worker threads; the
language model is not safe to share between threads, so the model stage is serialised by a
lock. Everything is loaded once: the language data when the service starts, the model on
the first request that wants it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any

from mtcheck.findings import FileReport
from mtcheck.io import Source
from mtcheck.render.explain import explain
from mtcheck.render.json_format import file_dict
from mtcheck.runner import ScanOptions, run_scan


@dataclass(frozen=True)
class CheckRequest:
    """What a client sends: the article, optionally its source, language and a path for config."""

    text: str
    source: str | None = None
    source_lang: str | None = None
    path: str | None = None


class CheckService:
    """Checks and fixes articles with one configuration, as ``mtcheck scan`` / ``fix`` would."""

    def __init__(self, config: str | None = None, use_model: bool = False, source_lang: str | None = None):
        self.options = ScanOptions(config=config, source_lang=source_lang)
        self.use_model = use_model
        self._model_lock = threading.Lock()
        self._models: tuple[Any, Any, list[str]] | None = None

    @property
    def model_loaded(self) -> bool:
        """Whether the language model has been loaded (and did load)."""
        return self._models is not None and self._models[0] is not None

    def warm_up(self) -> None:
        """Load the language data (and run one check) so the first request is not slower."""
        self.report(CheckRequest(text="Warm-up sentence for the checker."))

    def report(self, request: CheckRequest) -> FileReport:
        """The scored, gated report of one article, with the CLI's configuration rules."""
        path = request.path or "<text>"
        options = self.options
        if request.source_lang:
            options = replace(options, source_lang=request.source_lang)
        result = run_scan([path], options, sources=[Source(path, request.text)])
        return result.files[0]

    def check(self, request: CheckRequest) -> dict[str, Any]:
        """One file entry of ``scan --format json`` for the article."""
        return file_dict(self.report(request))

    def models(self) -> tuple[Any, Any, list[str]]:
        """The language model and meaning guard (loaded once; ``None`` each when unavailable)."""
        if self._models is None:
            from mtcheck.correct import load_models

            self._models = load_models() if self.use_model else (None, None, [])
        return self._models

    def fix(self, request: CheckRequest) -> dict[str, Any]:
        """The corrected text, the applied and the proposed edits."""
        from mtcheck.pipeline import Models, check_file
        from mtcheck.runner import resolve_tasks
        from mtcheck.scoring import Calibration

        path = request.path or "<text>"
        options = replace(self.options, source_lang=request.source_lang) if request.source_lang else self.options
        (task,) = resolve_tasks([path], [Source(path, request.text)], options)
        source = Source(task.path, request.text)
        if self.use_model:
            with self._model_lock:
                lm, guard, warnings = self.models()
                models = Models(lm, guard, Calibration.load()) if lm is not None else None
                checked = check_file(source, task.options, models=models, correct=True)
        else:
            warnings = []
            checked = check_file(source, task.options, correct=True)
        result = checked.correction
        assert result is not None
        edits = [
            {
                "code": c.finding.code,
                "start": c.finding.start,
                "end": c.finding.end,
                "text": c.finding.text,
                "replacement": c.replacement,
                "confidence": round(c.confidence, 4),
                "explanation": explain(c.finding).as_dict(),
            }
            for c in result.corrections
        ]
        applied = [e for e, c in zip(edits, result.corrections) if c.applied]
        proposed = [e for e, c in zip(edits, result.corrections) if not c.applied]
        return {"text": result.text, "applied": applied, "proposed": proposed, "warnings": list(warnings)}
