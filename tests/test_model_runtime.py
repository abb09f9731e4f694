"""The torch runtime policy (issue 13): a passive OpenMP wait set before torch is imported;
every usable core when threads sleep at barriers, the cores other processes leave free when
they spin; ``packs``: independent forward passes on every core."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mtcheck.model import runtime

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def two_cores(monkeypatch):
    monkeypatch.setattr(runtime, "usable_cores", lambda: 2)
    monkeypatch.delenv(runtime.THREADS_ENV, raising=False)
    monkeypatch.setenv(runtime.SPLIT_ENV, "ops")
    monkeypatch.setattr(runtime, "wait_policy", lambda: "ACTIVE")


@pytest.fixture()
def packs(two_cores, monkeypatch):
    monkeypatch.setenv(runtime.SPLIT_ENV, "packs")


@pytest.mark.parametrize("busy", [None, 0.1, 1.0, 7.5])
def test_independent_passes_use_every_core_whatever_the_load(packs, monkeypatch, busy):
    monkeypatch.setattr(runtime, "busy_cores", lambda sample_seconds=0.2: busy)
    policy = runtime.choose_threads()
    assert (policy.threads, policy.workers, policy.torch_threads, policy.busy) == (2, 2, 1, busy)
    assert "passes at once" in policy.describe()


@pytest.mark.parametrize("value, split", [("", "packs"), ("bogus", "packs"), ("PACKS", "packs"), ("ops", "ops")])
def test_independent_passes_are_the_default(two_cores, monkeypatch, value, split):
    monkeypatch.setenv(runtime.SPLIT_ENV, value)
    assert runtime.split_mode() == split


@pytest.mark.parametrize("busy", [None, 0.0, 1.0, 7.5])
def test_sleeping_threads_use_every_core_whatever_the_load(two_cores, monkeypatch, busy):
    monkeypatch.setattr(runtime, "wait_policy", lambda: "PASSIVE")
    monkeypatch.setattr(runtime, "busy_cores", lambda sample_seconds=0.2: busy)
    policy = runtime.choose_threads()
    assert (policy.threads, policy.torch_threads, policy.workers, policy.busy) == (2, 2, 1, busy)
    assert "sleep" in policy.reason


def test_torch_splitting_operations_runs_one_pass_at_a_time(two_cores, monkeypatch):
    monkeypatch.setattr(runtime, "busy_cores", lambda sample_seconds=0.2: 0.0)
    policy = runtime.choose_threads()
    assert (policy.split, policy.workers, policy.torch_threads) == ("ops", 1, 2)


def test_the_override_applies_to_packs_too(packs, monkeypatch):
    monkeypatch.setattr(runtime, "busy_cores", lambda sample_seconds=0.2: pytest.fail("no measurement when overridden"))
    monkeypatch.setenv(runtime.THREADS_ENV, "1")
    policy = runtime.choose_threads()
    assert (policy.workers, policy.torch_threads) == (1, 1)


def test_parallel_map_keeps_the_order_and_spreads_the_work(monkeypatch):
    import threading

    policy = runtime.ThreadPolicy(2, 2, 0.0, "test", "PASSIVE", "packs")
    monkeypatch.setattr(runtime, "_APPLIED", [policy])
    monkeypatch.setattr(runtime, "_POOL", [])
    names: set[str] = set()
    gate = threading.Barrier(2, timeout=10)

    def work(x: int) -> int:
        names.add(threading.current_thread().name)
        if x < 2:
            gate.wait()  # both workers must be busy at once, or this times out
        return x * x

    assert runtime.parallel_map(work, [0, 1, 2, 3, 4]) == [0, 1, 4, 9, 16]
    assert len(names) == 2
    runtime._POOL[0].shutdown()


def test_one_worker_runs_in_the_calling_thread(monkeypatch):
    import threading

    monkeypatch.setattr(runtime, "_APPLIED", [runtime.ThreadPolicy(1, 2, None, "test", "PASSIVE", "packs")])
    here = threading.current_thread().name
    assert runtime.parallel_map(lambda x: (x, threading.current_thread().name), [1, 2]) == [(1, here), (2, here)]


def test_an_idle_machine_gets_every_core(two_cores, monkeypatch):
    monkeypatch.setattr(runtime, "busy_cores", lambda sample_seconds=0.2: 0.2)
    policy = runtime.choose_threads()
    assert policy.threads == 2 and "idle" in policy.reason


def test_one_competing_process_leaves_one_spinning_thread(two_cores, monkeypatch):
    monkeypatch.setattr(runtime, "busy_cores", lambda sample_seconds=0.2: 1.0)
    assert runtime.choose_threads().threads == 1


def test_a_saturated_machine_still_gets_one_spinning_thread(two_cores, monkeypatch):
    monkeypatch.setattr(runtime, "busy_cores", lambda sample_seconds=0.2: 7.5)
    assert runtime.choose_threads().threads == 1


def test_unknown_load_uses_every_core(two_cores, monkeypatch):
    monkeypatch.setattr(runtime, "busy_cores", lambda sample_seconds=0.2: None)
    assert runtime.choose_threads().threads == 2


@pytest.mark.parametrize("value, threads", [("1", 1), ("2", 2), ("8", 2)])
def test_the_environment_overrides_the_policy(two_cores, monkeypatch, value, threads):
    monkeypatch.setattr(runtime, "busy_cores", lambda sample_seconds=0.2: pytest.fail("no measurement when overridden"))
    monkeypatch.setenv(runtime.THREADS_ENV, value)
    policy = runtime.choose_threads()
    assert policy.threads == threads and runtime.THREADS_ENV in policy.reason and value in policy.describe()


def test_a_competing_process_is_measured_and_our_own_work_is_not():
    if runtime._cpu_times() is None:
        pytest.skip("no /proc/stat")
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)
        assert runtime.busy_cores(0.5) >= 0.5
    finally:
        hog.kill()
        hog.wait()
    runtime.start_load_window()
    before = runtime.busy_cores(0.0)  # a zero-length window falls back to a short pause
    assert before is not None and before >= 0.0


def test_our_own_cpu_time_is_subtracted(monkeypatch):
    class Clock:
        """2 s of wall time, during which this process used 1.5 s of CPU."""

        @staticmethod
        def perf_counter():
            return 12.0

        @staticmethod
        def process_time():
            return 3.5

    ticks = runtime._TICKS
    monkeypatch.setattr(runtime, "time", Clock)
    monkeypatch.setattr(runtime, "_WINDOW", [(10.0, 2.0, (1000, 5000))])
    # the machine was busy 3.5 core-seconds in those 2 s: 1.5 ours, 2.0 others' = 1 core
    monkeypatch.setattr(runtime, "_cpu_times", lambda: (1000 + int(3.5 * ticks), 5000 + 4 * ticks))
    assert runtime.busy_cores(1.0) == pytest.approx(1.0)


def test_the_wait_policy_is_set_before_torch_and_respects_the_user():
    code = (
        "import os, mtcheck.model, sys\n"
        "print(os.environ['OMP_WAIT_POLICY'], 'torch' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in runtime.WAIT_ENV}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60).stdout
    assert out.split() == ["PASSIVE", "False"]
    env["OMP_WAIT_POLICY"] = "ACTIVE"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60).stdout
    assert out.split() == ["ACTIVE", "False"]


@pytest.mark.model
def test_the_thread_count_does_not_change_the_scores():
    """The policy may pick 1 or 2 threads depending on the machine's load: output must not depend on it."""
    torch = pytest.importorskip("torch")
    from mtcheck.model.loader import obtain_language_model

    lm, warnings, _ = obtain_language_model()
    if lm is None:
        pytest.skip("; ".join(warnings))
    texts = [
        "The minister assisted to the meeting in Bruxelles on Tuesday.",
        "Prices rose by 5.4% in March, the statistics office said, after a cold winter.",
    ]
    before = torch.get_num_threads()
    try:
        scores = {}
        for n in (1, 2):
            torch.set_num_threads(n)
            scores[n] = [[t.logprob for t in ts] for ts in lm.token_scores(texts)]
    finally:
        torch.set_num_threads(before)
    assert scores[1] == scores[2]
