"""Every scan format on real articles, byte for byte against snapshots taken from ``main``
before the compact report storage (issue 11): a small article checked whole, and a file of
several corpus articles checked block by block (the streamed path, with a small threshold and
small blocks so that it runs in a test).

Regenerate (only when an output change is intended) with
``MTCHECK_REGEN_SNAPSHOTS=1 pytest tests/test_scan_snapshots.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from mtcheck import stream
from mtcheck.render import render_chunks
from mtcheck.runner import ScanOptions, run_scan
from mtcheck.syntax import engine

pytestmark = pytest.mark.skipif(not engine.available() or os.environ.get("MTCHECK_NO_SYNTAX") == "1",
                                reason="the snapshots were taken with the syntax layer")

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).parent / "golden" / "scan"
REGEN = os.environ.get("MTCHECK_REGEN_SNAPSHOTS") == "1"
FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit", "markdown", "html")
STREAM_ARTICLES = ("art-01-politics-budget-vote", "art-05-courts-fraud-trial", "art-09-agriculture-farmers",
                   "clean-01-food-poutine-festival", "seed-000-ft-putin-trump")


def _streamed_input() -> str:
    texts = [(ROOT / "corpus" / "annotated" / f"{n}.txt").read_text(encoding="utf-8") for n in STREAM_ARTICLES]
    return "\n\n".join(texts) + "\n"


def small_blocks(monkeypatch: pytest.MonkeyPatch, block_chars: int = 3000) -> None:
    """Stream every file over 1 KB, in blocks of about ``block_chars`` code points."""
    monkeypatch.setattr(stream, "STREAM_THRESHOLD_BYTES", 1000)
    monkeypatch.setattr(stream, "BLOCK_CHARS", block_chars)


def _outputs(tmp_path: Path, name: str, text: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    monkeypatch.chdir(tmp_path)
    report = replace(run_scan([name], ScanOptions()), elapsed=0.0)
    out = {fmt: "".join(render_chunks(report, fmt)) for fmt in FORMATS}
    out["text-color"] = "".join(render_chunks(report, "text", color=True))
    return out


def _digest(text: str) -> dict[str, object]:
    data = text.encode("utf-8", "surrogateescape")
    return {"chars": len(text), "lines": text.count("\n"), "sha256": hashlib.sha256(data).hexdigest()}


def _compare(kind: str, outputs: dict[str, str]) -> None:
    """Each output's length and SHA-256 against the snapshot (the outputs themselves would
    weigh almost a megabyte; regenerate from ``main`` to see a difference)."""
    path = SNAPSHOTS / f"{kind}.json"
    digests = {fmt: _digest(text) for fmt, text in outputs.items()}
    if REGEN:
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(digests) == sorted(expected)
    for fmt, digest in digests.items():
        assert digest == expected[fmt], f"{kind}: format {fmt} differs from the snapshot"


def test_every_format_of_a_whole_article_is_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "corpus" / "samples" / "ft-putin-trump.txt").read_text(encoding="utf-8")
    _compare("whole", _outputs(tmp_path, "article.txt", text, monkeypatch))


def test_every_format_of_a_streamed_file_is_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small_blocks(monkeypatch)
    outputs = _outputs(tmp_path, "archive.txt", _streamed_input(), monkeypatch)
    assert json.loads(outputs["json"])["files"][0]["findings"], "the streamed input must hold findings"
    _compare("streamed", outputs)
