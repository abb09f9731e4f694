"""Start-up: a rules-only scan must not import the model stack (torch, transformers), Dask or a heavy CLI stack
(typer itself is the CLI; its pydantic value conversion and rich help formatting are not used)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpus" / "samples" / "ft-putin-trump.txt"
HEAVY = ("torch", "transformers", "accelerate", "safetensors", "gguf", "dask", "distributed", "harper",
         "pydantic", "pydantic_core", "rich")

PROBE = """
import json, sys
from mtcheck.cli import main
try:
    main(["scan", "--format", "json", sys.argv[1]])
except SystemExit as exc:
    code = exc.code
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(json.loads(sys.argv[2])))
print(json.dumps({"code": code, "heavy": heavy, "spacy": "spacy" in sys.modules}), file=sys.stderr)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_rules_only_scan_imports_no_model_or_cluster_library(tmp_path):
    # its own cache, warmed first: building the valency table (a first run, or a run after the
    # table or its code changed) inflects with lemminflect, which imports spaCy
    env = {**_env(), "MTCHECK_NO_SYNTAX": "1", "MTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(SAMPLE), json.dumps(HEAVY)],
            capture_output=True, text=True, timeout=120, env=env,
        )
    result = json.loads(done.stderr.strip().splitlines()[-1])
    assert result["code"] in (0, 1)
    assert result["heavy"] == []
    assert json.loads(done.stdout)["files"][0]["path"] == str(SAMPLE)


def test_scan_with_the_syntax_layer_never_imports_torch(tmp_path):
    """spaCy brings pydantic (and may bring rich) when it parses, but torch stays hidden from thinc."""
    article = tmp_path / "fresh.txt"  # text the parse store has never seen, so spaCy really loads
    article.write_text(SAMPLE.read_text(encoding="utf-8") + f"\nThe minister participated to the summit {os.getpid()}.\n",
                       encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(article), json.dumps(HEAVY)],
        capture_output=True, text=True, timeout=300, env=_env(),
    )
    result = json.loads(done.stderr.strip().splitlines()[-1])
    assert result["code"] in (0, 1)
    assert set(result["heavy"]) <= {"pydantic", "pydantic_core", "rich"}, result


def test_a_rescan_with_every_parse_stored_never_imports_spacy(tmp_path):
    """The first scan of an article parses (spaCy loads); a second one, in a fresh process, reads
    every parse it needs from the parse store and never imports spaCy, with the same findings."""
    article = tmp_path / "article.txt"
    article.write_text(SAMPLE.read_text(encoding="utf-8") + "\nThe minister participated to the summit.\n",
                       encoding="utf-8")
    env = {**_env(), "MTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("MTCHECK_NO_SYNTAX", None)
    env.pop("MTCHECK_NO_PARSE_CACHE", None)
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(article), json.dumps(HEAVY)],
            capture_output=True, text=True, timeout=300, env=env,
        )
        runs.append((json.loads(done.stderr.strip().splitlines()[-1]), json.loads(done.stdout)))
    (first, first_report), (second, second_report) = runs
    assert first["code"] in (0, 1) and first["spacy"], first  # parsed: spaCy was needed
    assert second["code"] == first["code"] and not second["spacy"], second
    assert second_report["files"][0]["findings"] == first_report["files"][0]["findings"]
    from mtcheck.rules import ALL_RULES

    syntax_codes = {r.code for r in ALL_RULES if "syntax" in r.needs}
    assert syntax_codes & {f["code"] for f in second_report["files"][0]["findings"]}  # syntax rules ran


def test_cold_start_is_measured(record_property):
    """Wall time of ``python -m mtcheck scan`` on one article; recorded, not asserted."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "mtcheck", "scan", "--color", "never", str(SAMPLE)],
            capture_output=True, text=True, timeout=120, env=_env(),
        )
        times.append(time.perf_counter() - started)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
    record_property("cold_start_median_s", round(statistics.median(times), 3))
