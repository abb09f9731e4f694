"""The Dask engine: a local cluster on loopback gives exactly the local results, in order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mtcheck.cli import main
from mtcheck.errors import InputError, UsageError
from mtcheck.stream import check_path

distributed = pytest.importorskip("distributed")

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "samples"


def _documents(folder: Path, count: int = 40) -> list[str]:
    paragraphs = [
        p for path in sorted(SAMPLES.glob("*.txt")) for p in path.read_text(encoding="utf-8").split("\n") if p.strip()
    ]
    extras = ["He added: « It will not stop. »", "They sent arms in arms.", "The the minister left.", ""]
    paths = []
    for i in range(count):
        chosen = [paragraphs[(i * 7 + k) % len(paragraphs)] for k in range(1 + i % 5)]
        chosen.insert(i % len(chosen), extras[i % len(extras)])
        newline = ("\n", "\r\n", "\r")[i % 3]
        path = folder / f"doc-{i:03d}.txt"
        path.write_bytes(newline.join(chosen).encode("utf-8-sig" if i % 4 == 0 else "utf-8"))
        paths.append(str(path))
    return paths


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=40,
    ) as local:
        yield local


@pytest.mark.slow
def test_cluster_scan_equals_local_scan(cluster, tmp_path, monkeypatch):
    import mtcheck.distributed as engine

    monkeypatch.setattr(engine, "BATCH_BYTES", 2000)
    paths = _documents(tmp_path)
    local = [check_path(p) for p in paths]
    remote = engine.check_paths_distributed(paths, scheduler_address=cluster.scheduler_address)
    assert [r.path for r in remote] == paths
    assert remote == local
    assert sum(len(r.findings) for r in remote) >= 30


@pytest.mark.slow
def test_cli_engine_dask_prints_the_same_report(cluster, tmp_path, capsys):
    paths = _documents(tmp_path, 12)
    outputs = []
    for extra in ([], ["--engine", "dask", "--scheduler", cluster.scheduler_address]):
        with pytest.raises(SystemExit) as exc:
            main(["scan", "--format", "json", *extra, *paths])
        outputs.append((exc.value.code, capsys.readouterr().out))
    (code_local, out_local), (code_dask, out_dask) = outputs
    assert code_local == code_dask == 1
    strip = lambda out: re.sub(r'"elapsed[^,}]*', "", out)  # noqa: E731
    assert json.loads(strip(out_local)) == json.loads(strip(out_dask))


@pytest.mark.slow
def test_errors_on_the_cluster_read_as_locally(cluster, tmp_path):
    from mtcheck.distributed import check_paths_distributed

    bad = tmp_path / "legacy.txt"
    bad.write_bytes("caf\u00e9 \u2019".encode("cp1252"))
    with pytest.raises(InputError, match="--encoding cp1252"):
        check_paths_distributed([str(bad)], scheduler_address=cluster.scheduler_address)
    with pytest.raises(InputError, match="no such file"):
        check_paths_distributed([str(tmp_path / "missing.txt")], scheduler_address=cluster.scheduler_address)


def test_dask_engine_needs_a_scheduler_address():
    from mtcheck.distributed import check_paths_distributed

    with pytest.raises(UsageError, match="--scheduler"):
        check_paths_distributed([str(SAMPLES / "ft-putin-trump.txt")])


def test_unknown_engine_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["scan", "--engine", "spark", str(SAMPLES / "ft-putin-trump.txt")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--engine" in err and "spark" in err


def _pid(_item: object) -> int:
    import os

    return os.getpid()


@pytest.mark.slow
def test_items_marked_run_here_are_computed_on_the_client(cluster):
    import os

    from mtcheck.distributed import map_on_cluster

    pids = map_on_cluster(_pid, ["small", "large", "small"], cluster.scheduler_address, run_here=lambda i: i == "large")
    assert pids[1] == os.getpid() and pids[0] != os.getpid() and pids[2] != os.getpid()


@pytest.mark.slow
def test_runner_checks_streamed_files_on_the_client(cluster, tmp_path, monkeypatch):
    import mtcheck.distributed as engine
    from mtcheck import stream
    from mtcheck.runner import ScanOptions, run_scan

    seen = []
    original = engine.map_on_cluster

    def spy(func, items, address, progress=None, run_here=None):
        seen.extend(bool(run_here and run_here(item)) for item in items)
        return original(func, items, address, progress, run_here)

    monkeypatch.setattr(engine, "map_on_cluster", spy)
    monkeypatch.setattr(stream, "STREAM_THRESHOLD_BYTES", 100)
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text("Poutine said the talks went on. " * 10)
    small.write_text("Poutine said.")
    report = run_scan([str(big), str(small)], ScanOptions(engine="dask", scheduler=cluster.scheduler_address))
    assert seen == [True, False]
    assert [len(fr.findings) > 0 for fr in report.files] == [True, True]


@pytest.mark.parametrize("address", ["not an address!!", "tcp://", "http://x y:1"])
def test_malformed_scheduler_address_is_refused_at_once(address):
    from mtcheck.distributed import connect

    with pytest.raises(UsageError, match="not a Dask address"):
        connect(address)
