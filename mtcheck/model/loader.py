"""Finding the language model (wheel or ``$MTCHECK_MODEL_FILE``) and loading it once per
process, never letting a model fault stop the rules."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from mtcheck.errors import ModelUnavailable
from mtcheck.io import cache_root
from mtcheck.model.cache import Builder, LoadInfo, file_sha256, load_cached
from mtcheck.model.manifest import ModelEntry, load_manifest
from mtcheck.model.runtime import import_torch, import_transformers, start_load_window
from mtcheck.model.smollm import SmolLM

DEFAULT_LOAD_TIMEOUT = 180.0
"""Seconds a model load may take before the run goes on with rules only."""

_OUT_OF_MEMORY = (
    "the language model could not be loaded: out of memory (the address-space or memory limit "
    "is too low; it needs about 1.5 GB); fix: raise the limit (ulimit -v) or use --no-model"
)
_NO_THREAD = "the language model could not be loaded: cannot start its loading thread ({}); fix: raise the limit (ulimit -v, ulimit -u) or use --no-model"


def language_model_entry() -> ModelEntry:
    """The manifest's language model entry."""
    return load_manifest()["language_model"]


def cache_folder(sha: str) -> Path:
    """The cache folder of the GGUF whose sha256 is ``sha``."""
    return cache_root() / f"smollm2-{sha[:16]}"


def locate_gguf(entry: ModelEntry | None = None) -> Path:
    """The GGUF file: ``$MTCHECK_MODEL_FILE`` if set, else the one in the installed wheel."""
    entry = entry or language_model_entry()
    override = os.environ.get("MTCHECK_MODEL_FILE")
    path = Path(override) if override else entry.locate()
    if path is None or not path.is_file():
        where = f"{override} does not exist" if override else f"package {entry.package} is not installed"
        raise ModelUnavailable(f"the language model is missing ({where}); fix: {entry.install_hint}")
    return path


def gguf_builder(gguf: Path) -> Builder:
    """A builder that expands ``gguf`` with transformers (offline)."""

    def build() -> tuple[Any, Any]:
        import_transformers()
        from transformers import AutoModelForCausalLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype="float32")
        return model, tokenizer

    return build


def load_language_model(entry: ModelEntry | None = None) -> tuple[SmolLM, LoadInfo]:
    """Load the manifest's language model from the cache, building the cache when needed."""
    start_load_window()
    entry = entry or language_model_entry()
    gguf = locate_gguf(entry)
    sha = file_sha256(gguf)
    warnings = []
    if entry.sha256 and sha != entry.sha256 and not os.environ.get("MTCHECK_MODEL_FILE"):
        warnings.append(f"{gguf.name} has sha256 {sha[:12]}…, the manifest expects {entry.sha256[:12]}…")
    try:
        import_torch()
    except ImportError as exc:
        raise ModelUnavailable(f"torch/transformers are not installed ({exc}); fix: pip install 'mtcheck[model]'") from None
    lm, info = load_cached(cache_folder(sha), sha, gguf_builder(gguf), entry.bos or None)
    info.warnings[:0] = warnings
    return lm, info


_LOADED: dict[str, tuple[SmolLM, LoadInfo]] = {}
_LOCK = threading.Lock()


def loaded_info() -> LoadInfo | None:
    """How this process's language model was loaded, if it was."""
    with _LOCK:
        return _LOADED["lm"][1] if "lm" in _LOADED else None


def _load_into(box: dict[str, Any]) -> None:
    """Load the model into ``box`` (``result`` or ``error``); never raises, so no thread
    traceback is printed, even when memory runs out (messages are prepared in advance)."""
    try:
        box["result"] = load_language_model()
    except ModelUnavailable as exc:
        box["error"] = str(exc)
    except MemoryError:
        box["error"] = _OUT_OF_MEMORY
    except Exception as exc:  # noqa: BLE001 - a model fault must never stop the rules
        try:
            box["error"] = f"the language model failed to load ({type(exc).__name__}: {exc}); fix: reinstall with make setup"
        except MemoryError:
            box["error"] = _OUT_OF_MEMORY
    except BaseException:  # noqa: BLE001 - e.g. an interpreter shutting down
        box["error"] = _OUT_OF_MEMORY


NEEDED_ADDRESS_SPACE = 3 << 30
"""Address space the model stage needs beyond what the process has mapped (torch reserves
far more virtual memory than it touches)."""


def address_space_left() -> float:
    """Bytes of address space this process may still map under ``ulimit -v`` (infinite when
    unlimited or unknown). Checked before loading: running out inside the load thread can
    fail even the interpreter's thread error hook."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY:
            return float("inf")
        with open("/proc/self/statm", encoding="ascii") as handle:
            mapped = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return float("inf")
    return soft - mapped


def obtain_language_model(timeout: float | None = None) -> tuple[SmolLM | None, list[str], LoadInfo | None]:
    """The language model for this process, or ``None`` with warnings saying why and how to fix.

    Never raises: a missing package, a broken cache, too little memory or a load slower than
    ``timeout`` (``$MTCHECK_MODEL_TIMEOUT``, default 180 s) all leave the caller with rules only.
    """
    with _LOCK:
        if "lm" in _LOADED:
            lm, info = _LOADED["lm"]
            return lm, [], info
    if timeout is None:
        timeout = float(os.environ.get("MTCHECK_MODEL_TIMEOUT", DEFAULT_LOAD_TIMEOUT))
    if address_space_left() < NEEDED_ADDRESS_SPACE:
        return None, [_OUT_OF_MEMORY + "; corrections use rules only"], None
    box: dict[str, Any] = {}
    thread = threading.Thread(target=_load_into, args=(box,), name="mtcheck-model-load", daemon=True)
    try:
        thread.start()
    except (RuntimeError, MemoryError) as exc:
        return None, [_NO_THREAD.format(exc) + "; corrections use rules only"], None
    thread.join(timeout)
    if thread.is_alive():
        return None, [
            f"the language model took longer than {timeout:g} s to load; corrections use rules only. "
            "Fix: run `mtcheck doctor` once to build the cache, or raise MTCHECK_MODEL_TIMEOUT"
        ], None
    if "result" not in box:
        return None, [box.get("error", _OUT_OF_MEMORY) + "; corrections use rules only"], None
    lm, info = box["result"]
    with _LOCK:
        _LOADED["lm"] = (lm, info)
    return lm, list(info.warnings), info
