"""A BERT encoder in plain torch, for the meaning guard's sentence embeddings.

all-MiniLM-L6-v2 is a six-layer BERT; running it here from its ``config.json`` and
``model.safetensors`` keeps transformers (seconds of imports) off the ``fix`` path. Tests
check its embeddings against transformers' ``BertModel``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class Bert:
    """A BERT encoder (absolute positions, post-layer-norm, GELU), inference only."""

    def __init__(self, config: dict[str, Any], weights: dict[str, Any]):
        if config.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError("only absolute position embeddings are supported")
        self.heads = config["num_attention_heads"]
        self.eps = config.get("layer_norm_eps", 1e-12)
        w = {k.removeprefix("bert."): v for k, v in weights.items()}
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"]
        self.embed_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(config["num_hidden_layers"]):
            p = f"encoder.layer.{i}."
            self.layers.append({name: (w[p + key + ".weight"], w[p + key + ".bias"]) for name, key in (
                ("query", "attention.self.query"), ("key", "attention.self.key"), ("value", "attention.self.value"),
                ("out", "attention.output.dense"), ("norm1", "attention.output.LayerNorm"),
                ("up", "intermediate.dense"), ("down", "output.dense"), ("norm2", "output.LayerNorm"),
            )})

    @classmethod
    def from_dir(cls, folder: str | Path) -> Bert:
        """Load ``config.json`` and ``model.safetensors`` from ``folder``."""
        from safetensors.torch import load_file

        folder = Path(folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        return cls(config, load_file(str(folder / "model.safetensors")))

    def encode(self, ids: Any, mask: Any, token_types: Any) -> Any:
        """Last hidden states (batch, tokens, hidden) of padded ``ids`` (1 in ``mask`` = token)."""
        import torch
        from torch.nn.functional import gelu, layer_norm, linear, scaled_dot_product_attention

        batch, n = ids.shape
        x = self.word[ids] + self.position[:n][None] + self.token_type[token_types]
        x = layer_norm(x, x.shape[-1:], *self.embed_norm, eps=self.eps)
        keep = mask.bool()[:, None, None, :]
        size = x.shape[-1] // self.heads
        for layer in self.layers:
            q, k, v = (linear(x, *layer[name]).view(batch, n, self.heads, size).transpose(1, 2) for name in ("query", "key", "value"))
            attended = scaled_dot_product_attention(q, k, v, attn_mask=keep).transpose(1, 2).reshape(batch, n, -1)
            x = layer_norm(x + linear(attended, *layer["out"]), x.shape[-1:], *layer["norm1"], eps=self.eps)
            x = layer_norm(x + linear(gelu(linear(x, *layer["up"])), *layer["down"]), x.shape[-1:], *layer["norm2"], eps=self.eps)
        return x
