"""The torch runtime: importing torch (and transformers) on first use, and the thread policy.

On a machine shared with other CPU-bound processes, torch's default (one OpenMP thread per
core, spinning while it waits at each of the thousands of barriers of a forward pass) lets
one competing process multiply the model stage's time: a spinning thread steals the core the
straggler needs. mtcheck therefore sets a passive wait policy before torch is loaded
(threads sleep at barriers) and, by default (``MTCHECK_SPLIT=packs``), runs torch with one
thread and as many independent packed forward passes at once as there are usable cores
(:func:`parallel_map`): no barriers between threads, so a core shared with another process
only makes its thread take fewer packs. On the quiet 2-core machine this took the stage
from 13.9 s (1 thread) and 15.4 s (torch splitting each operation over 2 threads) to 8.3 s,
and to 11.3 s beside one competing process (``model_load-2026-11-30-modelspeed-quiet.json``).
``MTCHECK_SPLIT=ops`` lets torch split each operation instead: over every usable core with
the passive wait (one thread fewer was never faster), over the cores other processes leave
free when threads spin.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

THREADS_ENV = "MTCHECK_THREADS"
"""Set to a number of threads to override the policy (``auto`` or unset: measure)."""

SPLIT_ENV = "MTCHECK_SPLIT"
"""How threads share the work: ``packs`` (default: independent forward passes, one torch
thread each) or ``ops`` (torch splits every operation between its threads)."""

SPLITS = ("packs", "ops")

_LATE: list[bool] = []

WAIT_ENV = {"OMP_WAIT_POLICY": "PASSIVE", "KMP_BLOCKTIME": "0", "GOMP_SPINCOUNT": "0"}
"""Set before torch is imported (the OpenMP runtime reads them once, when it is loaded)."""


def prepare_environment() -> None:
    """Set the OpenMP wait policy and quiet tokenizers, unless the user set them; no import.

    Must run before anything imports torch (spaCy's thinc does): ``mtcheck.model`` runs it
    when it is imported.
    """
    if "torch" in sys.modules and "OMP_WAIT_POLICY" not in os.environ:
        _LATE.append(True)
    for name, value in WAIT_ENV.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def wait_policy() -> str:
    """The OpenMP wait policy in force: ``PASSIVE``/``ACTIVE``, with a note when torch was
    imported before mtcheck could set it."""
    if _LATE:
        return "default (torch was imported before mtcheck.model could set OMP_WAIT_POLICY)"
    return os.environ.get("OMP_WAIT_POLICY", "default (spin, then sleep)")


def import_torch() -> Any:
    """Import torch on first use; called only on model paths."""
    prepare_environment()
    import torch

    _return_large_blocks()
    return torch


@functools.cache
def _return_large_blocks() -> None:
    """Have glibc give blocks of 1 MiB and more back to the system as soon as they are freed.

    The model stage allocates and frees tens of large temporaries (output-layer logits of
    25 MB a chunk); kept in the heap, they raise the peak memory by about 100 MB. Elsewhere
    than glibc this does nothing.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-1, 1 << 20)  # M_TRIM_THRESHOLD
        libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass


def import_transformers() -> Any:
    """Import transformers, offline and quiet: only to expand the GGUF into the cache."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import_torch()
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    return transformers


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def default_threads() -> int:
    """Threads for inference: the cores this process may use (see :func:`choose_threads`)."""
    return usable_cores()


def _cpu_times() -> tuple[int, int] | None:
    """(busy, total) jiffies of all CPUs since boot, from ``/proc/stat``; ``None`` elsewhere."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            fields = [int(v) for v in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields[:8]) - idle, sum(fields[:8])


_WINDOW: list[tuple[float, float, tuple[int, int]]] = []


def start_load_window() -> None:
    """Start measuring the other processes' CPU use; :func:`choose_threads` ends the window.

    Called when the model starts loading, so the measurement spans the whole load (a few
    seconds) instead of a separate pause; this process's own CPU time is subtracted.
    """
    times = _cpu_times()
    _WINDOW.clear()
    if times is not None:
        _WINDOW.append((time.perf_counter(), time.process_time(), times))


def busy_cores(sample_seconds: float = 0.2) -> float | None:
    """How many cores other processes keep busy: over the window opened by
    :func:`start_load_window` if it lasted at least ``sample_seconds``, else over a pause of
    ``sample_seconds``; this process's own CPU time is not counted. ``None`` when unknown."""
    if _WINDOW and time.perf_counter() - _WINDOW[0][0] >= sample_seconds:
        wall0, own0, first = _WINDOW.pop()
    else:
        _WINDOW.clear()
        wall0, own0, first = time.perf_counter(), time.process_time(), _cpu_times()
        if first is None:
            return None
        time.sleep(sample_seconds)
    second = _cpu_times()
    wall = time.perf_counter() - wall0
    if second is None or wall <= 0:
        return None
    busy = (second[0] - first[0]) / _TICKS - (time.process_time() - own0)
    return max(0.0, busy / wall)


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class ThreadPolicy:
    """How many threads torch runs with, and why."""

    threads: int
    cores: int
    busy: float | None
    reason: str
    wait: str
    split: str = "packs"
    """``packs``: ``threads`` forward passes at once, one torch thread each; ``ops``: one pass
    at a time, torch splitting each operation between ``threads`` threads."""

    @property
    def workers(self) -> int:
        """Forward passes run at once (:func:`parallel_map`)."""
        return self.threads if self.split == "packs" else 1

    @property
    def torch_threads(self) -> int:
        """torch's own (intra-op) thread count."""
        return 1 if self.split == "packs" else self.threads

    def describe(self) -> str:
        """One line for ``mtcheck doctor`` and the benchmark."""
        busy = "unknown" if self.busy is None else f"{self.busy:.1f}"
        how = f"{self.threads} passes at once, 1 torch thread each" if self.split == "packs" else f"torch splits each operation over {self.threads}"
        return f"{self.threads} of {self.cores} cores ({how}; {self.reason}; other processes busy: {busy} cores; OpenMP wait: {self.wait})"


def split_mode() -> str:
    """``$MTCHECK_SPLIT`` when it names a known mode, else ``packs``."""
    value = os.environ.get(SPLIT_ENV, "").strip().lower()
    return value if value in SPLITS else "packs"


def choose_threads(sample_seconds: float = 0.2) -> ThreadPolicy:
    """The thread count for this run: ``$MTCHECK_THREADS`` if set; else every usable core
    when threads sleep at barriers or run independent passes; else (spinning threads) the
    usable cores that other processes leave free, at least 1.

    The load is measured in every case (``mtcheck doctor`` and the benchmark show it). A
    spinning thread that shares its core with a CPU-bound process steals the time the
    straggler needs, so there a core counts as taken when another process keeps it more
    than half busy. A sleeping one gives the core back: one thread fewer was never faster.
    """
    cores = usable_cores()
    wait = wait_policy()
    split = split_mode()
    override = os.environ.get(THREADS_ENV, "auto").strip().lower()
    if override not in ("", "auto"):
        try:
            threads = int(override)
        except ValueError:
            threads = 0
        if threads >= 1:
            return ThreadPolicy(min(threads, cores), cores, None, f"{THREADS_ENV}={override}", wait, split)
    busy = busy_cores(sample_seconds)
    if split == "packs":
        return ThreadPolicy(cores, cores, busy, "all usable cores (independent passes)", wait, split)
    if wait.upper() == "PASSIVE":
        return ThreadPolicy(cores, cores, busy, "all usable cores (threads sleep at barriers)", wait, split)
    if busy is None:
        return ThreadPolicy(cores, cores, None, "all usable cores (load not measurable)", wait, split)
    free = max(1, min(cores, cores - int(busy + 0.5)))
    reason = "all usable cores, the machine is idle" if free == cores else "the cores other processes leave free (threads spin)"
    return ThreadPolicy(free, cores, busy, reason, wait, split)


_APPLIED: list[ThreadPolicy] = []


def apply_thread_policy() -> ThreadPolicy:
    """Choose the thread count once per process and set it in torch."""
    torch = import_torch()
    if not _APPLIED:
        policy = choose_threads()
        torch.set_num_threads(policy.torch_threads)
        _APPLIED.append(policy)
    return _APPLIED[0]


def current_policy() -> ThreadPolicy | None:
    """The policy applied in this process, if a model was loaded."""
    return _APPLIED[0] if _APPLIED else None


_POOL: list[Any] = []


def parallel_map(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[fn(item) for item in items]``, run on the policy's workers (threads of this process;
    torch releases the GIL inside its operations), results in input order.

    Items are handed out one at a time, so a worker slowed by a competing process takes
    fewer; ``fn`` must enter ``torch.inference_mode()`` itself (the mode is per thread).
    """
    policy = _APPLIED[0] if _APPLIED else None
    workers = policy.workers if policy else 1
    if workers <= 1 or len(items) <= 1:
        return [fn(item) for item in items]
    if not _POOL:
        from concurrent.futures import ThreadPoolExecutor

        _POOL.append(ThreadPoolExecutor(workers, thread_name_prefix="mtcheck-model"))
    return list(_POOL[0].map(fn, items))


def workers() -> int:
    """Forward passes run at once under the applied policy (1 before a model is loaded)."""
    return _APPLIED[0].workers if _APPLIED else 1
