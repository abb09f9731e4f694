"""Baselines: accept today's findings so that CI reports only new ones.

``--write-baseline FILE`` records each finding by a content hash of its file path, rule
code, flagged text and the words around it (:data:`CONTEXT` code points either side, with
whitespace collapsed). Line numbers are stored for people but never matched, so a finding
survives lines moving above it. ``--baseline FILE`` then drops findings whose hash is
recorded, counting duplicates: if the baseline holds two identical findings and the file now
has three, one is reported.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from mtcheck.errors import InputError, UsageError
from mtcheck.findings import FileReport, Finding, FindingTable, Report
from mtcheck.io import write_atomic
from mtcheck.render.escape import json_dumps

FORMAT_VERSION = 1
CONTEXT = 24
_SPACE_RE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE_RE.sub(" ", text)


def baseline_path_key(path: str, base_dir: Path) -> str:
    """``path`` as recorded in a baseline: relative to the baseline's folder, ``/``-separated."""
    if path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), base_dir.resolve())).as_posix()
    except ValueError:
        return Path(path).resolve().as_posix()


def context(text: str, f: Finding) -> tuple[str, str]:
    """The whitespace-collapsed text just before and after a finding."""
    before = _squash(text[max(0, f.start - CONTEXT) : f.start])
    after = _squash(text[f.end : f.end + CONTEXT])
    return before, after


def fingerprint(path_key: str, text: str, f: Finding) -> str:
    """The content hash identifying ``f`` in a baseline."""
    before, after = context(text, f)
    material = "\x1f".join((path_key, f.code, _squash(f.text), before, after))
    return hashlib.sha256(material.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def baseline_dict(report: Report, base_dir: Path) -> dict:
    """The baseline recording every finding of ``report``."""
    entries = []
    for fr in report.files:
        key = baseline_path_key(fr.path, base_dir)
        for f in fr.findings:
            before, after = context(fr.text, f)
            entries.append({
                "path": key,
                "code": f.code,
                "hash": fingerprint(key, fr.text, f),
                "line": fr.line_col(f.start)[0],
                "text": f.text,
                "context": f"{before}[{_squash(f.text)}]{after}",
            })
    return {"tool": "mtcheck", "version": FORMAT_VERSION, "findings": entries}


def write_baseline(report: Report, path: str | os.PathLike[str]) -> int:
    """Write the baseline for ``report`` to ``path`` (atomically); returns how many findings."""
    data = baseline_dict(report, Path(path).parent)
    write_atomic(path, json_dumps(data, indent=2) + "\n")
    return len(data["findings"])


class Baseline:
    """Recorded findings, as counts per (path, hash)."""

    def __init__(self, entries: Iterable[tuple[str, str]], base_dir: Path):
        self.counts: Counter[tuple[str, str]] = Counter(entries)
        self.base_dir = base_dir

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        """Read a baseline file; raises :class:`InputError` when it is missing or malformed."""
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{p}: baseline file not found") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{p}: not a readable mtcheck baseline ({exc})") from None
        if not isinstance(data, dict) or data.get("tool") != "mtcheck" or not isinstance(data.get("findings"), list):
            raise InputError(f"{p}: not an mtcheck baseline")
        if data.get("version") != FORMAT_VERSION:
            raise UsageError(f"{p}: baseline format version {data.get('version')!r} not supported")
        try:
            entries = [(e["path"], e["hash"]) for e in data["findings"]]
        except (KeyError, TypeError):
            raise InputError(f"{p}: malformed baseline entry") from None
        return cls(entries, p.parent)

    def filter(self, report: FileReport) -> FileReport:
        """``report`` without the findings this baseline accepts."""
        key = baseline_path_key(report.path, self.base_dir)
        remaining = Counter({k: v for k, v in self.counts.items() if k[0] == key})

        def kept() -> Iterator[Finding]:
            for f in report.findings:
                k = (key, fingerprint(key, report.text, f))
                if remaining[k] > 0:
                    remaining[k] -= 1
                else:
                    yield f

        if isinstance(report.findings, FindingTable):  # a large file's: kept compact
            return replace(report, findings=FindingTable(kept(), report.text))
        return replace(report, findings=tuple(kept()))
