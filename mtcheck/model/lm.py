"""The language model's public names in one place (the code lives in the modules below).

``runtime`` imports torch and sets the thread policy, ``states`` defines token scores, kept
text states and the :class:`LanguageModel` protocol, ``smollm`` scores with the model,
``cache`` keeps the expanded weights verified by checksum, ``loader`` finds and loads the
model once per process. Importing this module is cheap: torch is imported on first use.
"""

from mtcheck.errors import ModelUnavailable
from mtcheck.io import cache_root
from mtcheck.model.cache import (
    Builder,
    CacheCheck,
    CacheState,
    LoadInfo,
    file_sha256,
    load_cached,
    verify_cache,
)
from mtcheck.model.loader import (
    DEFAULT_LOAD_TIMEOUT,
    cache_folder,
    gguf_builder,
    language_model_entry,
    load_language_model,
    loaded_info,
    locate_gguf,
    obtain_language_model,
)
from mtcheck.model.runtime import default_threads, import_torch, import_transformers
from mtcheck.model.smollm import SmolLM
from mtcheck.model.states import LanguageModel, TextState, TokenScore

__all__ = [
    "DEFAULT_LOAD_TIMEOUT", "Builder", "CacheCheck", "CacheState", "LanguageModel", "LoadInfo",
    "ModelUnavailable", "SmolLM", "TextState", "TokenScore", "cache_folder", "cache_root",
    "default_threads", "file_sha256", "gguf_builder", "import_torch", "import_transformers",
    "language_model_entry", "load_cached", "load_language_model", "loaded_info", "locate_gguf",
    "obtain_language_model", "verify_cache",
]
