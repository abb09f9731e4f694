"""Large string-keyed tables packed into a few flat byte strings, for a cache that loads fast.

Unpickling a dict of hundreds of thousands of strings costs a large part of a second; a
:class:`PackedKeys` holds its keys as one UTF-8 blob in sorted order plus an offset array, so
loading it is a copy of a few megabytes and a lookup is a binary search over the blob. Only
the few keys a process actually asks for ever become Python strings.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate


class PackedKeys:
    """A sorted, immutable set of strings, each with its row number (its rank in sorted order)."""

    __slots__ = ("_blob", "_offsets")

    def __init__(self, blob: bytes, offsets: array) -> None:
        self._blob = blob
        self._offsets = offsets

    @classmethod
    def build(cls, keys: Iterable[str]) -> tuple[PackedKeys, list[str]]:
        """The packed keys and the same keys as a sorted list (row ``i`` is ``keys[i]``)."""
        ordered = sorted({k.encode("utf-8") for k in keys})
        offsets = array("I", accumulate(map(len, ordered), initial=0))
        return cls(b"".join(ordered), offsets), [k.decode("utf-8") for k in ordered]

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def row(self, key: str) -> int:
        """The row of ``key``, or -1 when it is not one of the keys."""
        target = key.encode("utf-8", "surrogatepass")
        blob, offsets = self._blob, self._offsets
        i = bisect_left(range(len(offsets) - 1), target, key=lambda r: blob[offsets[r] : offsets[r + 1]])
        if i < len(offsets) - 1 and blob[offsets[i] : offsets[i + 1]] == target:
            return i
        return -1

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.row(key) >= 0

    def state(self) -> tuple[bytes, bytes]:
        """Plain bytes to store (see :meth:`from_state`)."""
        return self._blob, self._offsets.tobytes()

    @classmethod
    def from_state(cls, state: tuple[bytes, bytes]) -> PackedKeys:
        """The keys stored by :meth:`state`."""
        blob, offsets = state
        return cls(blob, number_array("I", offsets))


def number_array(typecode: str, data: bytes) -> array:
    """An :class:`array.array` of ``typecode`` read from bytes written by ``array.tobytes``."""
    values = array(typecode)
    values.frombytes(data)
    return values
