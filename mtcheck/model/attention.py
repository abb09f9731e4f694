"""Attention for packed rows that computes only the blocks each query may see.

The model stage runs many short sequences (sentences, or variants continuing a sentence)
together in one row, so the matrix products are large and padding-free. A mask over the
whole row would make attention cost grow with the square of the row's length although each
token sees only its own sentence; here each run of queries attends to its own keys only.

torch is imported inside functions only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segments:
    """Which keys each run of queries of a packed row attends to.

    ``queries[i]`` is a slice of the row's query positions; ``keys[i]`` the slices of the
    key axis (cached keys first, then the row's own) laid end to end for it; ``masks[i]``
    a boolean (queries, keys) mask, or ``None`` for plain causal attention over as many
    keys as queries.
    """

    queries: tuple[slice, ...]
    keys: tuple[tuple[slice, ...], ...]
    masks: tuple[Any, ...]

    @classmethod
    def causal(cls, lengths: list[int]) -> Segments:
        """Sequences of ``lengths`` laid end to end, each attending causally to itself."""
        own, start = [], 0
        for n in lengths:
            own.append(slice(start, start + n))
            start += n
        return cls(tuple(own), tuple((q,) for q in own), (None,) * len(own))

    @classmethod
    def after(cls, contexts: list[int], rows: list[list[int]]) -> Segments:
        """Rows continuing kept contexts: the contexts' keys (``contexts[i]`` of them each) are
        laid end to end first, then every row's own; ``rows[i]`` are the lengths of the rows
        continuing context ``i``, laid end to end in that order. Each group of rows attends to
        its whole context and, row by row, causally to its own tokens (one attention call per
        context)."""
        import torch

        width = sum(contexts)
        queries, keys, masks = [], [], []
        start = at = 0
        for cut, lengths in zip(contexts, rows):
            size = sum(lengths)
            mask = torch.zeros(size, cut + size, dtype=torch.bool)
            mask[:, :cut] = True
            offset = 0
            for n in lengths:
                mask[offset : offset + n, cut + offset : cut + offset + n] = torch.ones(n, n, dtype=torch.bool).tril()
                offset += n
            queries.append(slice(at, at + size))
            keys.append((slice(start, start + cut), slice(width + at, width + at + size)))
            masks.append(mask)
            start += cut
            at += size
        return cls(tuple(queries), tuple(keys), tuple(masks))


def segmented_attention(query: Any, key: Any, value: Any, segments: Segments, scaling: float) -> Any:
    """Scaled dot-product attention per segment; ``query`` is (heads, queries, dim), ``key``
    and ``value`` (kv heads, keys, dim) with grouped-query heads shared. Returns (queries,
    heads, dim)."""
    import torch
    from torch.nn.functional import scaled_dot_product_attention

    out = torch.empty_like(query)
    for rows, parts, mask in zip(segments.queries, segments.keys, segments.masks):
        k = key[:, parts[0]] if len(parts) == 1 else torch.cat([key[:, p] for p in parts], dim=1)
        v = value[:, parts[0]] if len(parts) == 1 else torch.cat([value[:, p] for p in parts], dim=1)
        out[:, rows] = scaled_dot_product_attention(
            query[None, :, rows], k[None], v[None], attn_mask=mask, is_causal=mask is None, scale=scaling, enable_gqa=True
        )[0]
    return out.transpose(0, 1)
