"""The corrector's typed decisions, the deletion cap, protected text, linear application, and
the fix/diff command lines that take what scan takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck.admit import Protection
from mtcheck.cli import app
from mtcheck.correct import MAX_DELETION_CHARS, apply_corrections, rules_only
from mtcheck.document import Document
from mtcheck.errors import UsageError
from mtcheck.findings import Correction, CorrectionStatus, Finding, Severity, Suggestion
from mtcheck.io import Source
from mtcheck.pipeline import CheckOptions, check_file
from mtcheck.rules import Glossary
from mtcheck.suppress import parse_directives


def _finding(text: str, part: str, fix: str, conf: float = 0.9, code: str = "M004", nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Finding(code, "x", "repetition", Severity.WARNING, start, start + len(part), part, "m", (Suggestion(fix, conf),))


def _words(n: int, tag: str = "w") -> str:
    return " ".join(f"{tag}{i}" for i in range(n))


def test_a_single_large_deletion_is_only_proposed():
    para = "The council met on Monday. " + _words(60, "fact") + "."
    text = f"{para}\n\n{para}\n\n" + _words(2000) + ".\n"
    assert len(para) > MAX_DELETION_CHARS
    f = _finding(text, "\n\n" + para, "", nth=0)
    result = rules_only(Document.from_text(text), [f], 0.5)
    assert result.corrections[0].status is CorrectionStatus.TOO_LARGE and result.text == text


def test_deletions_stop_at_the_share_cap():
    line = "Repeated sentence number {} about the budget."
    lines = [line.format(i) for i in range(40)]
    text = "Title\n" + "\n".join(lines + lines) + "\n"  # 80 lines of 7 words; each deletion removes 7 words
    findings = [_finding(text, "\n" + line.format(i), "", nth=1) for i in range(40)]
    result = rules_only(Document.from_text(text), findings, 0.5)
    words_before, words_after = len(text.split()), len(result.text.split())
    assert (words_before - words_after) / words_before <= 0.05
    statuses = {c.status for c in result.corrections}
    assert CorrectionStatus.APPLIED in statuses and CorrectionStatus.TOO_LARGE in statuses


def test_word_level_edits_are_not_counted_against_the_cap():
    text = " ".join(["the the cat sat."] * 50)
    findings = [_finding(text, "the the", "the", code="R001", nth=i) for i in range(50)]
    result = rules_only(Document.from_text(text), findings, 0.5)
    assert all(c.status is CorrectionStatus.APPLIED for c in result.corrections)


def test_typed_statuses_threshold_and_overlap():
    text = "The the the minister left."
    low = _finding(text, "The the", "The", conf=0.3, code="R001")
    a = _finding(text, "The the", "The", conf=0.9, code="R001")
    b = Finding("R002", "x", "repetition", Severity.WARNING, 4, 11, "the the", "m", (Suggestion("the", 0.9),))
    assert rules_only(Document.from_text(text), [low], 0.5).corrections[0].status is CorrectionStatus.BELOW_THRESHOLD
    statuses = [c.status for c in rules_only(Document.from_text(text), [a, b], 0.5).corrections]
    assert statuses == [CorrectionStatus.APPLIED, CorrectionStatus.OVERLAPS]


def test_protection_covers_suppressed_text_and_glossary_terms():
    text = "He met Poutine in Bruxelles.\n<!-- mtcheck: disable-line K -->Next line here.\n"
    doc = Document.from_text(text)
    protection = Protection(text, Glossary(allow=frozenset({"Bruxelles"})), parse_directives(text, "x", doc.line_starts))
    span = _finding(text, "in Bruxelles", "at Brussels", code="K001")
    keeps = _finding(text, "in Bruxelles", "in Bruxelles today", code="K001")
    into_suppressed = Finding("K001", "x", "calque", Severity.WARNING, text.index("here.") - 10, text.index("here.") + 2,
                              "x", "m", (Suggestion("y", 0.9),))
    assert protection(span, "at Brussels") and not protection(keeps, "in Bruxelles today")
    assert protection(into_suppressed, "y")
    result = rules_only(doc, [span], 0.5, protection)
    assert result.corrections[0].status is CorrectionStatus.SUPPRESSED and result.text == text


def test_apply_corrections_builds_from_pieces():
    text = "ab" * 50_000
    corrections = [
        Correction(Finding("T001", "x", "typography", Severity.INFO, i, i + 1, "a", "m"), "A", 1.0, CorrectionStatus.APPLIED)
        for i in range(0, len(text), 2)
    ]
    assert apply_corrections(text, corrections) == "Ab" * 50_000


def test_glossary_preferred_spelling_is_the_fix():
    text = "Vladimir Poutine spoke to the press on Monday, his office said.\n"
    options = CheckOptions(glossary=Glossary(allow=frozenset({"Vladimir Putine"}), preferred=(("Poutine", "Putine"),)))
    checked = check_file(Source("a.txt", text), options, correct=True)
    assert [s.replacement for s in checked.report.findings[0].suggestions] == ["Putine"]
    assert "Vladimir Putine spoke" in checked.correction.text


ARTICLE = "He met Poutine in Bruxelles on Monday ; the talks went on.\n"


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_fix_several_files_into_an_output_dir_keeps_the_layout(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.md").write_text(ARTICLE, encoding="utf-8")
    result = _run("fix", str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "--no-model")
    assert result.exit_code == 0, result.output
    for rel in ("a.txt", "sub/b.md"):
        fixed = (tmp_path / "out" / rel).read_text(encoding="utf-8")
        assert "Brussels" in fixed and "Putin" in fixed
        assert (tmp_path / "in" / rel).read_text(encoding="utf-8") == ARTICLE


def test_fix_several_files_refuses_a_single_output(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    result = _run("fix", str(tmp_path / "*.txt"), "-o", str(tmp_path / "o.txt"), "--no-model")
    assert isinstance(result.exception, UsageError) and "--output-dir" in str(result.exception)


def test_fix_in_place_on_a_glob_and_select_flag(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    result = _run("fix", str(tmp_path / "*.txt"), "--in-place", "--select", "U", "--no-model")
    assert result.exit_code == 0, result.output
    for name in ("a.txt", "b.txt"):
        fixed = (tmp_path / name).read_text(encoding="utf-8")
        assert "Brussels" in fixed and " ;" in fixed  # only U rules selected: the typography slip stays


def test_fix_output_dir_refuses_to_write_over_an_input(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = _run("fix", str(tmp_path / "a.txt"), "--output-dir", str(tmp_path), "--no-model")
    assert isinstance(result.exception, UsageError) and "refusing to overwrite" in str(result.exception)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == ARTICLE


def test_fix_prints_what_it_removed(tmp_path):
    dup = "The budget vote in parliament was postponed until next week by the speaker of the house."
    filler = " ".join(["The minister spoke to reporters at length on Monday."] * 40)
    text = f"{dup}\n\n{filler}\n\n{dup}\n"
    src = tmp_path / "a.txt"
    src.write_text(text, encoding="utf-8")
    result = _run("fix", str(src), "-o", str(tmp_path / "o.txt"), "--no-model")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o.txt").read_text(encoding="utf-8").count(dup) == 1
    assert "removed (line 5, M004," in result.output and "The budget vote in parliament" in result.output


def test_diff_takes_config_and_several_files(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    cfg = tmp_path / ".mtcheck.toml"
    cfg.write_text('[glossary]\nallow = ["Bruxelles"]\n', encoding="utf-8")
    result = _run("diff", str(tmp_path), "-f", "diff", "--no-model", "--config", str(cfg))
    assert result.exit_code == 0, result.output
    assert result.output.count("+++ b/") == 2 and "Brussels" not in result.output and "Putin" in result.output


@pytest.mark.parametrize("text,expected", [
    ("In Pékin, Russia said that her army would stay.", "its army"),
    ("France, he said, must defend herself.", "defend itself"),
])
def test_pronoun_bugs_of_issue_10(text, expected):
    checked = check_file(Source("a", text), CheckOptions(), correct=True)
    assert expected in checked.correction.text


def test_lexicon_candidates_come_from_false_friend_entries():
    from mtcheck.candidates import gather_candidates
    from mtcheck.lang import load_language

    text = "Several ministers assisted to the ceremony on Monday."
    start = text.index("assisted to")
    f = Finding("L001", "unlikely-word", "fluency", Severity.INFO, start, start + len("assisted to"), "assisted to", "m")
    cands = gather_candidates(Document.from_text(text), f, load_language("fr"), spelling=False)
    assert ("attended", "lexicon") in {(c.replacement, c.source) for c in cands}


def test_model_unavailable_is_one_error_type():
    from mtcheck.errors import ModelUnavailable, MtcheckError

    assert issubclass(ModelUnavailable, MtcheckError)


def test_no_import_cycle_between_corrector_and_rules():
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    for first in ("mtcheck.correct", "mtcheck.rules.fluency", "mtcheck.ranking", "mtcheck.pipeline"):
        proc = subprocess.run([sys.executable, "-c", f"import {first}"], capture_output=True, text=True,
                              env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
        assert proc.returncode == 0, proc.stderr
