"""Attention for packed rows that computes only the blocks each query may see.

The model stage runs many short sequences (sentences, or variants continuing a sentence)
together in one row, so the matrix products are large and padding-free. A mask over the
whole row would make attention cost grow with the square of the row's length although each
token sees only its own sentence; here each run of queries attends to its own keys only.
Calls without :class:`Segments` (or with another backend) use transformers' SDPA attention.

torch and transformers are imported inside functions only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEGMENTED = "mtcheck_segmented"
"""The attention implementation's name in transformers' registry."""


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


def segmented_attention(
    module: Any,
    query: Any,
    key: Any,
    value: Any,
    attention_mask: Any,
    dropout: float = 0.0,
    scaling: float | None = None,
    segments: Segments | None = None,
    **kwargs: Any,
) -> tuple[Any, None]:
    """transformers attention interface: per-segment SDPA (grouped-query heads shared)."""
    from transformers.integrations.sdpa_attention import sdpa_attention_forward

    if segments is None:
        return sdpa_attention_forward(module, query, key, value, attention_mask, dropout=dropout, scaling=scaling, **kwargs)
    import torch
    from torch.nn.functional import scaled_dot_product_attention

    out = torch.empty_like(query)
    for rows, parts, mask in zip(segments.queries, segments.keys, segments.masks):
        k = key[:, :, parts[0]] if len(parts) == 1 else torch.cat([key[:, :, p] for p in parts], dim=2)
        v = value[:, :, parts[0]] if len(parts) == 1 else torch.cat([value[:, :, p] for p in parts], dim=2)
        out[:, :, rows] = scaled_dot_product_attention(
            query[:, :, rows], k, v, attn_mask=mask, is_causal=mask is None, scale=scaling, enable_gqa=True
        )
    return out.transpose(1, 2).contiguous(), None


def use_segmented_attention(model: Any) -> bool:
    """Register :func:`segmented_attention` and switch ``model`` to it; ``False`` if it
    cannot be (another transformers version), leaving the model as it was."""
    try:
        from transformers import AttentionInterface
        from transformers.masking_utils import ALL_MASK_ATTENTION_FUNCTIONS, sdpa_mask

        AttentionInterface.register(SEGMENTED, segmented_attention)
        ALL_MASK_ATTENTION_FUNCTIONS.register(SEGMENTED, sdpa_mask)
        model.set_attn_implementation(SEGMENTED)
    except Exception:  # noqa: BLE001 - the plain attention is correct, only slower
        return False
    return model.config._attn_implementation == SEGMENTED
