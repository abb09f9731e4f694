"""Sentence alignment of a source text and its translation (Gale–Church with anchors).

Dynamic programming over sentence indices with the moves 1-1, 1-0, 0-1, 2-1 and 1-2. The
cost of a move is the Gale–Church length cost (characters, French→English ratio) minus a
bonus for shared anchors: numbers, names, punctuation and dictionary word pairs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from mtcheck.source.anchors import Anchors, anchor_similarity

MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
_PRIOR = {(1, 1): 0.0, (1, 0): 3.5, (0, 1): 3.5, (2, 1): 2.3, (1, 2): 2.3}
_RATIO = 0.92  # English characters per French character in news translation
_VARIANCE = 6.8
_ANCHOR_WEIGHT = 4.0
_MIN_BAND = 10
"""Cells further than this (or a fortieth of both lengths) from the diagonal are not explored:
long texts stay fast, and a real alignment never strays that far."""


@dataclass(frozen=True)
class AlignedPair:
    """Source sentence indices aligned with target sentence indices (either may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    cost: float = 0.0


def _length_cost(src_len: int, tgt_len: int) -> float:
    if src_len == 0 and tgt_len == 0:
        return 0.0
    mean = (src_len + tgt_len / _RATIO) / 2
    delta = (tgt_len - src_len * _RATIO) / math.sqrt(max(mean, 1.0) * _VARIANCE)
    p = 2 * (1 - _phi(abs(delta)))
    return -math.log(max(p, 1e-12))


def _phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def align(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    source_anchors: Sequence[Anchors],
    target_anchors: Sequence[Anchors],
    source_offset: int = 0,
    target_offset: int = 0,
) -> tuple[AlignedPair, ...]:
    """Align two runs of sentences; indices in the result are shifted by the offsets."""
    n, m = len(source_lengths), len(target_lengths)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    band = max(_MIN_BAND, (n + m) // 40)
    for i in range(n + 1):
        centre = i * m // n if n else 0
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            base = cost[i][j]
            if base == inf:
                continue
            for a, b in MOVES:
                ii, jj = i + a, j + b
                if ii > n or jj > m:
                    continue
                c = base + _move_cost(i, j, a, b, source_lengths, target_lengths, source_anchors, target_anchors)
                if c < cost[ii][jj]:
                    cost[ii][jj] = c
                    back[ii][jj] = (a, b)
    pairs = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]  # type: ignore[misc]
        step = cost[i][j] - cost[i - a][j - b]
        pairs.append(
            AlignedPair(
                tuple(range(source_offset + i - a, source_offset + i)),
                tuple(range(target_offset + j - b, target_offset + j)),
                round(step, 3),
            )
        )
        i, j = i - a, j - b
    return tuple(reversed(pairs))


def _move_cost(i, j, a, b, sl, tl, sa, ta) -> float:
    src_len = sum(sl[i : i + a])
    tgt_len = sum(tl[j : j + b])
    if a == 0 or b == 0:
        return _PRIOR[(a, b)] + 0.002 * (src_len + tgt_len)
    src = Anchors.merge(sa[i : i + a])
    tgt = Anchors.merge(ta[j : j + b])
    return _PRIOR[(a, b)] + _length_cost(src_len, tgt_len) - _ANCHOR_WEIGHT * anchor_similarity(src, tgt)
