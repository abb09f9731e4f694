"""Scanning an archive on a Dask distributed cluster.

``mtcheck scan --engine dask --scheduler tcp://HOST:8786 FILE…`` sends the documents to the
cluster's workers and gathers the reports in the order of the command line, so the result
is identical to a local scan. The client reads each file (workers need not see the same
file system) and ships the raw bytes in batches of about :data:`BATCH_BYTES`; workers decode
and check them with the same code as a local run, so errors (a file that is not UTF-8, a
binary file) read exactly as they would locally. Files over the streaming threshold are
checked on the client, block by block (see :mod:`mtcheck.stream`).

``distributed`` is imported only here, and only when this engine is asked for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mtcheck.errors import UsageError
from mtcheck.findings import FileReport
from mtcheck.io import STREAM_THRESHOLD_BYTES, decode, file_size, read_bytes
from mtcheck.pipeline import CheckOptions, check_text

BATCH_BYTES = 256 * 1024
"""Documents are grouped into tasks of about this much text to keep scheduling overhead low."""

MAX_IN_FLIGHT = 64
"""At most this many batches are submitted but not yet gathered (bounds client memory)."""


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
    """A ``distributed.Client`` for ``scheduler_address``, or a :class:`UsageError` saying why not."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--engine dask needs the 'distributed' package: pip install 'dask[distributed]'") from None
    try:
        return Client(scheduler_address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler_address!r} ({exc})") from None


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
                results[done_first] = future.result()
        for done_first, future in pending:
            results[done_first] = future.result()
        return [report for first in sorted(results) for report in results[first]]
    finally:
        if own:
            client.close()


def map_on_cluster(func, items: Sequence, scheduler_address: str | None, progress=None) -> list:
    """``[func(item) for item in items]`` computed on a Dask cluster, in the order of ``items``.

    ``func`` and the items must be picklable (the scan runner sends its per-file tasks, text
    and options included, so workers need no shared disk). Errors raised on a worker are
    re-raised here unchanged.
    """
    if not scheduler_address:
        raise UsageError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    client = connect(scheduler_address)
    try:
        futures = client.map(func, list(items), pure=False)
        results = []
        for future in futures:
            results.append(future.result())
            if progress:
                progress(len(results), len(futures))
        return results
    finally:
        client.close()
