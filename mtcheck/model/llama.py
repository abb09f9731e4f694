"""SmolLM2's architecture (Llama) in plain torch, for scoring text: no transformers at run time.

Loading a model through transformers imports several seconds of code (distributed tensors,
the compiler) before the first weight is read; this module reads the cached
``config.json`` and ``model.safetensors`` written by ``save_pretrained`` and runs the
forward pass itself, with the query/key/value and gate/up projections each fused into one
matrix product and attention restricted to each packed sequence's own keys
(:mod:`mtcheck.model.attention`). Tests check its log-probabilities against transformers'.
"""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Callable
from typing import Any

from mtcheck.model.attention import Segments, segmented_attention


class Llama:
    """A Llama-family causal language model (RMSNorm, rotary positions, grouped-query
    attention, SiLU-gated MLP), inference only."""

    def __init__(self, config: dict[str, Any], weights: Callable[[str], Any] | dict[str, Any]):
        """``weights`` maps the transformers parameter names to tensors (a dict, or a function
        that reads one tensor at a time, so only one layer's unfused weights are in memory)."""
        import torch

        self.layers_n = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.kv_heads = config.get("num_key_value_heads") or self.heads
        self.hidden_size = config["hidden_size"]
        self.head_dim = config.get("head_dim") or self.hidden_size // self.heads
        self.eps = config.get("rms_norm_eps", 1e-6)
        rope = config.get("rope_parameters") or {}
        theta = rope.get("rope_theta", config.get("rope_theta", 10000.0))
        if rope.get("rope_type", "default") != "default" or config.get("rope_scaling"):
            raise ValueError("only the default rotary embedding is supported")
        self.inv_freq = 1.0 / (theta ** (torch.arange(0, self.head_dim, 2, dtype=torch.float32) / self.head_dim))
        self.scaling = self.head_dim**-0.5
        get = weights.__getitem__ if isinstance(weights, dict) else weights

        def w(name: str) -> Any:
            return get("model." + name)

        self.embed = w("embed_tokens.weight")
        self.head = self.embed if config.get("tie_word_embeddings", True) else get("lm_head.weight")
        self.norm = w("norm.weight")
        self.layers = []
        for i in range(self.layers_n):
            p = f"layers.{i}."
            self.layers.append((
                w(p + "input_layernorm.weight"),
                torch.cat([w(p + f"self_attn.{n}_proj.weight") for n in ("q", "k", "v")]),
                w(p + "self_attn.o_proj.weight"),
                w(p + "post_attention_layernorm.weight"),
                torch.cat([w(p + "mlp.gate_proj.weight"), w(p + "mlp.up_proj.weight")]),
                w(p + "mlp.down_proj.weight"),
            ))
        self.intermediate = self.layers[0][5].shape[1]

    @classmethod
    def from_dir(cls, folder: str | Path) -> Llama:
        """Load ``config.json`` and ``model.safetensors`` from ``folder``."""
        from safetensors import safe_open

        folder = Path(folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        with safe_open(str(folder / "model.safetensors"), framework="pt") as weights:
            return cls(config, weights.get_tensor)

    def run(self, ids: Any, positions: Any, segments: Segments, past: tuple[Any, Any] | None = None) -> tuple[Any, Any, Any]:
        """Hidden states (tokens, hidden) after the final norm, and every layer's keys and
        values for these tokens (layers, kv heads, tokens, head dim).

        ``past`` holds earlier keys and values (layers, kv heads, n, head dim) that
        ``segments`` may point at: key positions ``0..n-1`` are ``past``, then these tokens.
        """
        import torch
        from torch.nn.functional import linear, rms_norm, silu

        freqs = positions.to(torch.float32)[:, None] * self.inv_freq[None, :]
        angles = torch.cat((freqs, freqs), dim=-1)[:, None]
        cos, sin = angles.cos(), angles.sin()
        n, half = ids.shape[0], self.head_dim // 2
        q_size, kv_size = self.heads * self.head_dim, self.kv_heads * self.head_dim
        shape = (self.hidden_size,)
        x = self.embed[ids]
        keys, values = [], []
        for layer, (norm1, qkv, out_proj, norm2, gate_up, down) in enumerate(self.layers):
            h = linear(rms_norm(x, shape, norm1, self.eps), qkv)
            qk = h[:, : q_size + kv_size].view(n, self.heads + self.kv_heads, self.head_dim)
            qk = qk * cos + torch.cat((-qk[..., half:], qk[..., :half]), dim=-1) * sin
            q, k = qk[:, : self.heads].transpose(0, 1), qk[:, self.heads :].transpose(0, 1)
            v = h[:, q_size + kv_size :].view(n, self.kv_heads, self.head_dim).transpose(0, 1)
            keys.append(k)
            values.append(v)
            if past is not None:
                k = torch.cat((past[0][layer], k), dim=1)
                v = torch.cat((past[1][layer], v), dim=1)
            attended = segmented_attention(q, k, v, segments, self.scaling).reshape(n, q_size)
            x.add_(linear(attended, out_proj))
            g, u = linear(rms_norm(x, shape, norm2, self.eps), gate_up).split(self.intermediate, dim=-1)
            x.add_(linear(silu(g, inplace=True).mul_(u), down))
        return rms_norm(x, shape, self.norm, self.eps), torch.stack(keys), torch.stack(values)
