"""The process entry point (`mtcheck` script, `python -m mtcheck`): same results as `main`,
exit handlers still run although the interpreter's teardown is skipped, collector back on."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.cli import main
from mtcheck.cli.entry import _collect_normally

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpus" / "samples" / "ft-putin-trump.txt"


def test_the_program_gives_mains_status_and_output_and_runs_exit_handlers(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MTCHECK_NO_SYNTAX", "1")
    env = {**os.environ, "PYTHONPATH": str(REPO), "MTCHECK_CACHE_DIR": str(tmp_path), "MTCHECK_NO_SYNTAX": "1"}
    done = subprocess.run([sys.executable, "-m", "mtcheck", "scan", "-f", "json", str(SAMPLE)],
                          capture_output=True, text=True, timeout=300, env=env)
    with pytest.raises(SystemExit) as exc:
        main(["scan", "-f", "json", str(SAMPLE)])
    in_process = json.loads(capsys.readouterr().out)
    assert done.returncode == exc.value.code == 1
    assert json.loads(done.stdout)["files"][0]["findings"] == in_process["files"][0]["findings"]
    # the compiled-regex cache is written by an exit handler: os._exit must not skip it
    assert list(tmp_path.rglob("regex-programs.marshal"))


def test_a_usage_error_is_still_one_line_and_status_2():
    done = subprocess.run([sys.executable, "-m", "mtcheck", "scan", "--select", "NOPE", str(SAMPLE)],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_main_calls_loaded_once_the_command_is_imported(capsys):
    calls = []
    with pytest.raises(SystemExit):
        main(["rules"], loaded=lambda: calls.append(1))
    assert calls == [1]


def test_the_collector_runs_again_after_loading():
    gc.disable()
    try:
        _collect_normally()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
