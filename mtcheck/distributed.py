"""Scanning an archive on a Dask distributed cluster.

``mtcheck scan --engine dask --scheduler tcp://HOST:8786 FILE…`` sends the documents to the
cluster's workers and gathers the reports in the order of the command line, so the result
is identical to a local scan. The client reads each file (workers need not see the same
file system) and ships the raw bytes in batches of about :data:`BATCH_BYTES`; workers decode
and check them with the same code as a local run, so errors (a file that is not UTF-8, a
binary file) read exactly as they would locally. Files over the streaming threshold are
checked on the client, block by block (see :mod:`mtcheck.stream`).

``distributed`` is imported only here, and only when this engine is asked for.

Failures are one line (exit 2), never a hang or a traceback: an address that is not
``[tcp://]HOST:PORT`` is refused at once, an unreachable scheduler after
:data:`CONNECT_TIMEOUT` seconds; a lost scheduler ends the run; with no worker left for
:data:`NO_WORKER_TIMEOUT` seconds, or no result for :data:`TASK_TIMEOUT` seconds
(``MTCHECK_DASK_TIMEOUT``), the run stops and says so.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence

from mtcheck.errors import EngineError, UsageError
from mtcheck.findings import FileReport
from mtcheck.io import STREAM_THRESHOLD_BYTES, decode, file_size, read_bytes
from mtcheck.pipeline import CheckOptions, check_text

BATCH_BYTES = 256 * 1024
"""Documents are grouped into tasks of about this much text to keep scheduling overhead low."""

MAX_IN_FLIGHT = 64
"""At most this many batches are submitted but not yet gathered (bounds client memory)."""

CONNECT_TIMEOUT = 5.0
"""Seconds to reach the scheduler before giving up."""

NO_WORKER_TIMEOUT = 30.0
"""Seconds the cluster may have no worker at all while results are awaited
(``MTCHECK_DASK_NO_WORKER_TIMEOUT`` overrides)."""

TASK_TIMEOUT = 600.0
"""Seconds without any result before the run gives up (``MTCHECK_DASK_TIMEOUT`` overrides)."""

_POLL = 0.5
_ADDRESS_RE = re.compile(r"(?:(?:tcp|tls|inproc|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::\d{1,5})?/?")


def check_batch(
    items: Sequence[tuple[str, bytes]], options: CheckOptions, encoding: str | None
) -> list[FileReport]:
    """Decode and check a batch of ``(path, bytes)`` documents (runs on a worker)."""
    return [check_text(decode(data, path, encoding), path, options) for path, data in items]


def _batches(paths: Sequence[str], encoding: str | None) -> Iterator[tuple[int, list[tuple[str, bytes]] | str]]:
    """Yield ``(index of first path, batch)``; a large file comes alone as its path (str)."""
    batch: list[tuple[str, bytes]] = []
    size = 0
    first = 0
    for i, path in enumerate(paths):
        if file_size(path) > STREAM_THRESHOLD_BYTES:
            if batch:
                yield first, batch
                batch, size = [], 0
            yield i, path
            first = i + 1
            continue
        if not batch:
            first = i
        data = read_bytes(path)
        batch.append((path, data))
        size += len(data)
        if size >= BATCH_BYTES:
            yield first, batch
            batch, size = [], 0
    if batch:
        yield first, batch


def connect(scheduler_address: str):
    """A ``distributed.Client`` for ``scheduler_address``, or a one-line error saying why not
    (:class:`UsageError` for a malformed address, at once; :class:`EngineError` when unreachable)."""
    if not _ADDRESS_RE.fullmatch(scheduler_address.strip()):
        raise UsageError(f"--scheduler {scheduler_address!r} is not a Dask address (tcp://HOST:PORT)")
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--engine dask needs the 'distributed' package: pip install 'dask[distributed]'") from None
    _quiet_logs()
    try:
        return Client(scheduler_address.strip(), timeout=f"{CONNECT_TIMEOUT}s", set_as_default=False)
    except Exception as exc:  # noqa: BLE001 - distributed raises many kinds; the user gets one line
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler_address!r} ({reason})") from None


def _quiet_logs() -> None:
    """distributed logs connection failures with tracebacks on stderr: keep them for debugging only."""
    if not os.environ.get("MTCHECK_DEBUG"):
        names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] in ("distributed", "tornado", "asyncio")]
        for name in ("distributed", "tornado", "asyncio", *names):
            logging.getLogger(name).setLevel(logging.CRITICAL + 10)


def _seconds(variable: str, default: float) -> float:
    try:
        return float(os.environ.get(variable, default))
    except ValueError:
        return default


def _gather(client, future, address: str, last_result: list[float]):
    """The result of ``future``, waiting in short polls so that a dead cluster is noticed:
    no worker for :data:`NO_WORKER_TIMEOUT` s or no result for the task timeout is an
    :class:`EngineError`, as is a lost scheduler. Errors raised by the task itself (an input
    error on a worker) are re-raised unchanged."""
    from distributed import TimeoutError as DaskTimeout

    no_worker_since: float | None = None
    limit = _seconds("MTCHECK_DASK_TIMEOUT", TASK_TIMEOUT)
    no_worker_limit = _seconds("MTCHECK_DASK_NO_WORKER_TIMEOUT", NO_WORKER_TIMEOUT)
    while True:
        try:
            result = future.result(timeout=_POLL)
            last_result[0] = time.monotonic()
            return result
        except (DaskTimeout, TimeoutError):
            pass
        except Exception as exc:  # noqa: BLE001
            if _is_task_error(future):
                raise
            raise EngineError(f"lost the Dask scheduler at {address!r} ({type(exc).__name__})") from None
        now = time.monotonic()
        if client.status in ("closed", "closing") or getattr(client, "scheduler_comm", 1) is None:
            raise EngineError(f"lost the Dask scheduler at {address!r}")
        try:
            workers = len(client.scheduler_info().get("workers", {}))
        except Exception:  # noqa: BLE001
            raise EngineError(f"lost the Dask scheduler at {address!r}") from None
        if workers:
            no_worker_since = None
        elif no_worker_since is None:
            no_worker_since = now
        elif now - no_worker_since > no_worker_limit:
            raise EngineError(f"the Dask cluster at {address!r} has had no worker for {no_worker_limit:.0f} s; stopping")
        if now - last_result[0] > limit:
            raise EngineError(f"no result from the Dask cluster at {address!r} for {limit:.0f} s; stopping "
                              "(MTCHECK_DASK_TIMEOUT sets the limit)")


def _is_task_error(future) -> bool:
    try:
        return future.status == "error"
    except Exception:  # noqa: BLE001
        return False


def check_paths_distributed(
    paths: Sequence[str],
    options: CheckOptions = CheckOptions(),
    scheduler_address: str | None = None,
    encoding: str | None = None,
    client=None,
) -> list[FileReport]:
    """Check ``paths`` on a Dask cluster; the reports come back in the order of ``paths``.

    Pass either ``scheduler_address`` (a client is opened and closed here) or an open
    ``client``. Reading errors are raised on the client before anything is sent; checking
    errors raised on a worker are re-raised here unchanged.
    """
    from mtcheck.stream import check_large_file

    own = client is None
    if own:
        if not scheduler_address:
            raise UsageError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
        client = connect(scheduler_address)
    clock = [time.monotonic()]
    try:
        results: dict[int, list[FileReport]] = {}
        pending = []
        for first, batch in _batches(paths, encoding):
            if isinstance(batch, str):
                results[first] = [check_large_file(batch, options, encoding)]
                continue
            pending.append((first, client.submit(check_batch, batch, options, encoding, pure=False)))
            if len(pending) >= MAX_IN_FLIGHT:
                done_first, future = pending.pop(0)
                results[done_first] = _gather(client, future, str(scheduler_address or "client"), clock)
        for done_first, future in pending:
            results[done_first] = _gather(client, future, str(scheduler_address or "client"), clock)
        return [report for first in sorted(results) for report in results[first]]
    finally:
        if own:
            try:
                client.close(timeout=2)
            except Exception:  # noqa: BLE001
                pass


def map_on_cluster(
    func, items: Sequence, scheduler_address: str | None, progress=None,
    run_here: Callable[[object], bool] | None = None,
) -> list:
    """``[func(item) for item in items]`` computed on a Dask cluster, in the order of ``items``.

    ``func`` and the items must be picklable (the scan runner sends its per-file tasks, text
    and options included, so workers need no shared disk). Items for which ``run_here`` is
    true (the runner's files over the streaming threshold) are computed on the client, which
    reads them block by block. Errors raised on a worker are re-raised here unchanged.
    """
    if not scheduler_address:
        raise UsageError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    client = connect(scheduler_address)
    clock = [time.monotonic()]
    try:
        items = list(items)
        remote = [i for i, item in enumerate(items) if not (run_here and run_here(item))]
        futures = dict(zip(remote, client.map(func, [items[i] for i in remote], pure=False)))
        results = []
        for i, item in enumerate(items):
            if i in futures:
                results.append(_gather(client, futures[i], scheduler_address, clock))
            else:
                results.append(func(item))
                clock[0] = time.monotonic()
            if progress:
                progress(len(results), len(items))
        return results
    finally:
        try:
            client.close(timeout=2)
        except Exception:  # noqa: BLE001 - the cluster is gone; nothing left to close
            pass
