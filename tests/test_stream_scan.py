"""``scan`` of a large file, block by block (mtcheck/stream.py): the same text, offsets and
findings as a whole-file check, and a compact report (issue 11)."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from mtcheck import stream
from mtcheck.findings import FindingTable
from mtcheck.pipeline import CheckOptions, check_text
from mtcheck.runner import ScanOptions, run_scan

WHOLE_DOCUMENT_RULES = ("M004", "C003", "E")
"""Rules that compare the whole document: block by block they see one block (docs/scale.md)."""
OPTIONS = CheckOptions(ignore=WHOLE_DOCUMENT_RULES)
PARAGRAPH = "Poutine said « no » on Tuesday. Troops in arms in arms arrived at 18h30.\n\n"


def _spans(findings) -> list[tuple[int, int, str, str]]:
    return [(f.start, f.end, f.code, f.text) for f in findings]


@pytest.mark.parametrize("lead", ["\ufeff", "\ufeff\ufeff"])
def test_a_zero_width_no_break_space_at_a_block_start_keeps_offsets(tmp_path: Path, lead: str) -> None:
    text = PARAGRAPH * 40 + lead + PARAGRAPH * 40
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    cut = text.index("\ufeff")
    blocks = list(stream.iter_blocks(str(path), block_chars=cut + 10))
    assert len(blocks[0]) == cut and blocks[1].startswith("\ufeff"), "the test needs a block to start with U+FEFF"
    streamed = stream.check_large_file(str(path), OPTIONS, block_chars=cut + 10)
    whole = check_text(text, str(path), OPTIONS)
    assert streamed.text == whole.text == text
    assert _spans(streamed.findings) == _spans(whole.findings)
    assert len(streamed.findings) > 100
    assert all(streamed.text[f.start : f.end] == f.text for f in streamed.findings)
    last = whole.findings[-1]
    assert streamed.line_col(last.start) == whole.line_col(last.start)


def test_a_byte_order_mark_at_the_file_start_is_not_text(tmp_path: Path) -> None:
    text = PARAGRAPH * 80
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    streamed = stream.check_large_file(str(path), OPTIONS, block_chars=500)
    whole = check_text(text, str(path), OPTIONS)
    assert streamed.text == text
    assert _spans(streamed.findings) == _spans(whole.findings)


def test_the_scan_of_a_streamed_file_equals_the_whole_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (PARAGRAPH * 30 + "\ufeff") * 4 + "The end.\n"
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    options = ScanOptions(ignore=WHOLE_DOCUMENT_RULES)
    whole = run_scan([str(path)], options).files[0]
    monkeypatch.setattr(stream, "STREAM_THRESHOLD_BYTES", 1000)
    monkeypatch.setattr(stream, "BLOCK_CHARS", len(PARAGRAPH) * 30 + 5)
    streamed = run_scan([str(path)], options).files[0]
    assert isinstance(streamed.findings, FindingTable) and not isinstance(whole.findings, FindingTable)
    assert streamed.findings == whole.findings
    assert (streamed.score, streamed.passed, streamed.words) == (whole.score, whole.passed, whole.words)


def test_finding_table_is_a_faithful_read_only_sequence() -> None:
    text = "Poutine said « no ». Kyiv replied: 17,7 %.\n" * 3
    findings = check_text(text, "a.txt").findings
    assert len(findings) >= 6
    odd = findings[0].__class__(**{**{k: getattr(findings[0], k) for k in findings[0].__slots__}, "text": "other"})
    all_findings = (*findings, odd)
    table = FindingTable(all_findings, text)
    assert len(table) == len(all_findings)
    assert tuple(table) == all_findings and table == all_findings and all_findings == table
    assert table[-1] == odd and table[1:3] == all_findings[1:3]
    with pytest.raises(IndexError):
        table[len(all_findings)]
    restored = pickle.loads(pickle.dumps(table))
    assert restored == table and tuple(restored) == all_findings
    assert hash(restored) == hash(all_findings)
    assert len(table._kind_list) < len(all_findings), "equal kinds are kept once"


def test_a_baseline_keeps_a_large_file_s_findings_compact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.baseline import Baseline, write_baseline

    path = tmp_path / "big.txt"
    path.write_text(PARAGRAPH * 60, encoding="utf-8")
    monkeypatch.setattr(stream, "STREAM_THRESHOLD_BYTES", 1000)
    monkeypatch.setattr(stream, "BLOCK_CHARS", 1500)
    report = run_scan([str(path)], ScanOptions(ignore=WHOLE_DOCUMENT_RULES))
    write_baseline(report, tmp_path / "baseline.json")
    path.write_text(PARAGRAPH * 60 + "Then Pékin said « yes ».\n", encoding="utf-8")
    fresh = run_scan([str(path)], ScanOptions(ignore=WHOLE_DOCUMENT_RULES)).files[0]
    filtered = Baseline.load(str(tmp_path / "baseline.json")).filter(fresh)
    assert isinstance(filtered.findings, FindingTable)
    assert {f.text for f in filtered.findings} >= {"Pékin", "« ", " »"}
    assert all(f.start >= len(PARAGRAPH) * 59 for f in filtered.findings), "only the changed end is new"
    as_tuple = Baseline.load(str(tmp_path / "baseline.json")).filter(replace(fresh, findings=tuple(fresh.findings)))
    assert filtered.findings == as_tuple.findings


def test_a_table_costs_a_few_dozen_bytes_a_finding() -> None:
    text = PARAGRAPH * 500
    findings = check_text(text, "a.txt", OPTIONS).findings
    table = FindingTable(findings, text)
    arrays = sum(a.buffer_info()[1] * a.itemsize for a in (table._starts, table._ends, table._kinds))
    assert len(findings) >= 2000
    assert arrays <= 20 * len(findings) and len(table._kind_list) <= 20 and not table._texts
