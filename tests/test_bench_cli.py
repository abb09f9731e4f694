"""``mtcheck bench`` end to end: on the real corpus and on a small hand-made corpus."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck.bench import BenchOptions, ModelUnavailable, run_bench
from mtcheck.bench.runner import load_model_corrector
from mtcheck.cli import app
from mtcheck.corpus import load_corpus
from mtcheck.document import Document
from mtcheck.pipeline import check_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
runner = CliRunner()

ARTIFACT_MT = (
    "He added: « The fights will not stop. » The minister met Poutine on mardi.\n"
    "Kyiv wants to maintain the supply in arms in arms in Ukraine.\n"
)


def _artifact(mt, original, fix, category):
    start = mt.index(original)
    return {"start": start, "end": start + len(original), "category": category, "fix": fix, "note": None}


def _doc(doc_id, split, kind, mt, artifacts=()):
    reference = mt
    for a in sorted(artifacts, key=lambda a: a["start"], reverse=True):
        reference = reference[: a["start"]] + a["fix"] + reference[a["end"] :]
    return {
        "id": doc_id, "split": split, "kind": kind, "source_lang": "fr" if kind == "artifact" else "en",
        "title": doc_id, "topic": "politics", "provenance": "test fixture", "mt": mt,
        "reference": reference, "artifacts": list(artifacts),
    }


@pytest.fixture()
def small_corpus(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    arts = [
        _artifact(ARTIFACT_MT, "« The fights will not stop. »", "“The fights will not stop.”", "typography"),
        _artifact(ARTIFACT_MT, "Poutine", "Putin", "untranslated"),
        _artifact(ARTIFACT_MT, "mardi", "Tuesday", "untranslated"),
        _artifact(ARTIFACT_MT, " in arms in arms", " in arms", "repetition"),
    ]
    clean_mt = "The the committee met on Tuesday. She had had enough of the delays.\nIt voted to go on.\n"
    items = [
        _doc("a-test", "test", "artifact", ARTIFACT_MT, arts),
        _doc("b-clean", "test", "clean", clean_mt),
        _doc("c-dev", "dev", "artifact", ARTIFACT_MT, arts[:2]),
    ]
    for item in items:
        (docs / f"{item['id']}.json").write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_bench_uses_the_scan_pipeline(small_corpus):
    report = run_bench([str(small_corpus)], BenchOptions(split="test", corpus_realdata=False, resamples=100))
    assert (report.documents, report.artifact_documents, report.clean_documents) == (2, 1, 1)
    docs = {d.id: d for d in load_corpus(small_corpus)}
    direct = check_document(Document.from_text(docs["a-test"].mt))
    overlap = report.detection_for("overlap").overall
    assert overlap.predicted == len(direct)
    assert overlap.gold == 4
    clean_findings = check_document(Document.from_text(docs["b-clean"].mt))
    assert report.clean.findings == len(clean_findings)
    words = Document.from_text(docs["b-clean"].mt).word_count
    assert report.clean.words == words
    if clean_findings:
        assert report.clean.per_1k_words == pytest.approx(1000 * len(clean_findings) / words)
    rules = report.correction[0]
    assert rules.variant == "rules"
    assert {s.metric for s in rules.metrics} == {"BLEU", "chrF", "TER"}
    assert report.speed[0].words == report.words


def test_bench_json_schema_on_the_corpus(tmp_path):
    out = tmp_path / "bench.json"
    result = runner.invoke(app, ["bench", str(CORPUS), "--split", "test", "--format", "json", "-o", str(out),
                                 "--resamples", "200"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "mtcheck-bench/1"
    assert data["split"] == "test"
    test_docs = [d for d in load_corpus(CORPUS) if d.split == "test"]
    assert data["documents"] == len(test_docs)
    assert data["artifacts"] == sum(len(d.artifacts) for d in test_docs)
    assert {d["match"] for d in data["detection"]} == {"exact", "overlap"}
    for d in data["detection"]:
        for key in ("predicted", "correct_predicted", "gold", "found_gold", "precision", "recall", "f"):
            assert key in d["overall"]
        assert d["overall"]["gold"] == data["artifacts"]
    corr = data["correction"][0]
    assert corr["variant"] == "rules"
    for metric in corr["metrics"]:
        assert set(metric) >= {"metric", "input", "fixed", "delta", "p_value", "ci_low", "ci_high", "signature"}
        assert metric["delta"] == pytest.approx(metric["fixed"] - metric["input"], abs=1e-5)
        assert 0 < metric["p_value"] <= 1
    assert corr["edits_overlap"]["beta"] == 0.5
    assert set(data["clean"]) >= {"documents", "words", "findings", "per_1k_words"}
    assert data["speed"][0]["variant"] == "rules" and data["speed"][0]["words_per_second"] > 0
    datasets = {r["dataset"] for r in data["realdata"]}
    assert {"google-wmt-mqm-generalMT2023-zh-en", "MLQE-PE-ro-en-test20"} <= datasets
    mlqe = next(r for r in data["realdata"] if r["dataset"] == "MLQE-PE-ro-en-test20")
    assert mlqe["post_edited_rows"] == mlqe["rows"] and mlqe["chrf_mt"] > 0


def test_bench_text_table(small_corpus):
    result = runner.invoke(app, ["bench", str(small_corpus), "--resamples", "50"])
    assert result.exit_code == 0, result.output
    out = result.output
    for heading in ("Detection", "False alarms on clean documents", "Correction, rules", "Speed", "Signatures"):
        assert heading in out
    assert "\x1b[" not in out
    assert re.search(r"chrF\s+\d+\.\d\d\s+\d+\.\d\d\s+[+-]\d", out)


def test_bench_html_is_self_contained(small_corpus, tmp_path):
    out = tmp_path / "bench.html"
    result = runner.invoke(app, ["bench", str(small_corpus), "-f", "html", "-o", str(out), "--resamples", "50"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 2
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert not re.search(r"""(src|href)\s*=|url\(|@import""", page)
    assert re.sub(r'xmlns="http://www\.w3\.org/2000/svg"', "", page).count("http") == 0


def test_bench_errors_are_one_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in (["bench", str(tmp_path / "missing")], ["bench", str(CORPUS), "--realdata", str(tmp_path / "x.jsonl")]):
        proc = subprocess.run([sys.executable, "-m", "mtcheck", *args], capture_output=True, text=True, env=env)
        assert proc.returncode == 2
        assert proc.stderr.startswith("mtcheck: error: ") and proc.stderr.count("\n") == 1
        assert "Traceback" not in proc.stderr


def test_split_filter(small_corpus):
    report = run_bench([str(small_corpus)], BenchOptions(split="dev", corpus_realdata=False, resamples=20))
    assert report.documents == 1 and report.artifacts == 2


def test_rules_only_bench_never_imports_torch(small_corpus):
    code = (
        "import sys; from mtcheck.bench import run_bench, BenchOptions; "
        f"run_bench([{str(small_corpus)!r}], BenchOptions(resamples=20)); "
        "assert 'torch' not in sys.modules, 'torch imported'"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.model
def test_bench_with_the_model(small_corpus):
    try:
        load_model_corrector()
    except ModelUnavailable as exc:
        pytest.skip(f"model corrector not in this build yet: {exc}")
    report = run_bench([str(small_corpus)], BenchOptions(split="test", model=True, corpus_realdata=False, resamples=50))
    variants = [c.variant for c in report.correction]
    assert variants == ["rules", "model"]
    assert [s.variant for s in report.speed] == ["rules", "model"]
    model = report.correction[1]
    assert model.applied <= model.proposed
    assert {s.metric for s in model.metrics} == {"BLEU", "chrF", "TER"}


def test_bench_scores_detection_per_origin(small_corpus):
    """Every finding has one origin, so the origins' findings add up to all findings; the
    exonym/weekday findings (tables) and the typography/repetition ones (rules) are told apart."""
    report = run_bench([str(small_corpus)], BenchOptions(split="test", corpus_realdata=False, resamples=50))
    for det in report.detection:
        by = {o.origin: o.score for o in det.origins}
        assert set(by) == {"rule", "table", "model", "source"}
        assert sum(s.predicted for s in by.values()) == det.overall.predicted
        assert sum(s.correct_predicted for s in by.values()) == det.overall.correct_predicted
        assert all(s.gold == det.overall.gold for s in by.values())
    overlap = report.detection_for("overlap")
    by = {o.origin: o.score for o in overlap.origins}
    assert by["table"].found_gold >= 2 and by["rule"].found_gold >= 2
    assert by["model"].predicted == 0
    result = runner.invoke(app, ["bench", str(small_corpus), "--split", "test", "--resamples", "50"])
    assert re.search(r"table findings alone\s+\d", result.output)


def test_origin_of_code():
    from mtcheck.origin import Origin, origin_of_code

    assert origin_of_code("T001") is Origin.RULE
    assert origin_of_code("U001") is Origin.TABLE
    assert origin_of_code("G001") is Origin.TABLE  # a syntax rule that decides from the valency table
    assert origin_of_code("L001") is Origin.MODEL
    assert origin_of_code("S001") is Origin.SOURCE
