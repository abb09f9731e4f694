"""lemminflect is imported without spaCy and torch (its spaCy hook would cost a cold scan seconds)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys
from mtcheck.lang.inflection import lemminflect
forms = lemminflect().getAllInflections("renounce", upos="VERB")
print(json.dumps({"forms": sorted(f for v in forms.values() for f in v),
                  "heavy": sorted({n.split(".")[0] for n in sys.modules} & {"spacy", "torch", "pydantic"}),
                  "spacy_importable": __import__("importlib").util.find_spec("spacy") is not None}))
"""


def test_lemminflect_imports_without_spacy_or_torch():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "renounced" in result["forms"] and "renounces" in result["forms"]
    assert result["heavy"] == []
    assert result["spacy_importable"]  # the syntax layer can still import it afterwards


def test_a_cold_language_data_cache_does_not_import_spacy(tmp_path):
    """Building the tables (first scan after an install or a data change) stays light."""
    probe = """
import json, sys
from mtcheck.cli import main
try:
    main(["scan", "--format", "json", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps(sorted({n.split(".")[0] for n in sys.modules} & {"spacy", "torch", "pydantic", "rich"})), file=sys.stderr)
"""
    sample = REPO / "corpus" / "samples" / "ft-putin-trump.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO), "MTCHECK_NO_SYNTAX": "1", "MTCHECK_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", probe, str(sample)], capture_output=True, text=True, timeout=300, env=env)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
