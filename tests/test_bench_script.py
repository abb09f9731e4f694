"""``benchmarks/run_bench.py``: recorded results file and the README headline."""

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("run_bench", ROOT / "benchmarks" / "run_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_run_bench_writes_dated_results_with_machine_notes(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus" / "docs", corpus / "docs")
    out = tmp_path / "bench.json"
    script = _script()
    assert script.main(["--corpus", str(corpus), "--no-model", "--realdata", "", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "mtcheck-bench-results/1"
    assert set(data["runs"]) == {"test-rules", "dev-rules"}
    assert data["runs"]["test-rules"]["split"] == "test"
    assert data["machine"]["cores"] >= 1 and data["machine"]["python"]
    assert data["machine"]["packages"]["sacrebleu"]
    assert [s["variant"] for s in data["speed"]] == ["rules"]
    table = capsys.readouterr().out
    assert "| detection precision / recall / F1, overlap match |" in table
    assert "Where it is weak" in table


def test_readme_block_is_replaced_not_duplicated(tmp_path, monkeypatch):
    script = _script()
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n## Benchmark\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nmore\n", encoding="utf-8")
    monkeypatch.setattr(script, "ROOT", tmp_path)
    script.update_readme("new table\n")
    text = readme.read_text(encoding="utf-8")
    assert "old" not in text and text.count("new table") == 1 and text.endswith("more\n")
