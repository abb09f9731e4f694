"""Language knowledge as data: per source language tables read from ``mtcheck/data/<lang>/``.

A folder is a source language when it holds a ``profile.toml`` (display name, function words,
quote, punctuation and number conventions, the names of its tables; see
``data/README.md``). Each table is a TOML file (``exonyms.toml``, ``false_friends.toml`` …)
or a plain word list (``*.txt``, one entry a line, ``#`` comments). English-side knowledge
(proper nouns, speech verbs) lives under ``data/en``. Adding a source language means adding a
data folder; no list of languages is kept in code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from mtcheck.lang.cache import cached

DATA_PACKAGE = "mtcheck.data"


PROFILE = "profile"
"""Every source-language folder holds ``profile.toml``; a folder without one is not a language."""


class UnknownLanguageError(ValueError):
    """Raised when no data folder exists for a requested source language."""


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    """Source languages: the data folders with a ``profile.toml`` (``en`` is the target side)."""
    root = resources.files(DATA_PACKAGE)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath(f"{PROFILE}.toml").is_file()))


@lru_cache(maxsize=1)
def default_language() -> str:
    """The source language used when none is configured: the profile that says ``default = true``."""
    defaults = [code for code in available_languages() if _load_toml(code, PROFILE).get("language", {}).get("default")]
    if len(defaults) != 1:
        raise UnknownLanguageError(f"exactly one language profile must say default = true, not {defaults}")
    return defaults[0]


@dataclass(frozen=True)
class LanguageData:
    """Read-only access to one source language's tables and the shared English tables."""

    code: str
    extensions: tuple[str, ...] = ()
    """User lexicon files (absolute paths) whose entries join this language's tables."""

    def extended(self, paths: tuple[str, ...]) -> LanguageData:
        """This language with the user lexicon files ``paths`` added (see :mod:`mtcheck.lang.extensions`)."""
        return LanguageData(self.code, tuple(paths)) if paths else self

    def extension_files(self, table: str) -> tuple[Any, ...]:
        """The validated user files that extend ``table`` (``Extension`` objects)."""
        if not self.extensions:
            return ()
        from mtcheck.lang.extensions import load_extension

        return tuple(ext for ext in map(load_extension, self.extensions) if ext.table == table)

    @property
    def profile(self) -> dict[str, Any]:
        """The parsed ``profile.toml`` of this language."""
        return _load_toml(self.code, PROFILE)

    @property
    def name(self) -> str:
        """The language's display name in English ("French"), used in messages."""
        return str(self.profile.get("language", {}).get("name", self.code))

    def setting(self, section: str, key: str, default: Any = None) -> Any:
        """``[section] key`` of the profile, or ``default``."""
        return self.profile.get(section, {}).get(key, default)

    def table_name(self, role: str) -> str:
        """The table that plays ``role`` for this language (``[tables]`` of the profile; else ``role``).

        French keeps its historical names (``french_words``); a new language uses the role names.
        """
        return str(self.setting("tables", role, role))

    def table(self, name: str) -> dict[str, Any]:
        """The parsed ``<name>.toml`` of this language (empty dict when absent), with the
        names of user exonym files added."""
        if self.extensions:
            return _extended_table(self, name)
        return _load_toml(self.code, name)

    def data_table(self, name: str) -> dict[str, Any]:
        """The built-in ``<name>.toml`` of this language, without the user's additions."""
        return _load_toml(self.code, name)

    def table_file(self, name: str) -> Traversable:
        """The file ``<name>.toml`` of this language is read from (it may not exist)."""
        return _data_file(self.code, f"{name}.toml")

    def words(self, name: str) -> frozenset[str]:
        """The entries of ``<name>.txt`` of this language (empty when absent)."""
        return _load_words(self.code, name)

    def english_table(self, name: str) -> dict[str, Any]:
        """The parsed ``data/en/<name>.toml``."""
        return _load_toml("en", name)

    def english_words(self, name: str) -> frozenset[str]:
        """The entries of ``data/en/<name>.txt``."""
        return _load_words("en", name)


@lru_cache(maxsize=None)
def load_language(code: str | None = None) -> LanguageData:
    """The :class:`LanguageData` for ``code`` (the default language when ``None``).

    Raises :class:`UnknownLanguageError`.
    """
    if code is None:
        code = default_language()
    if code not in available_languages():
        known = ", ".join(available_languages())
        raise UnknownLanguageError(f"no language data for source language {code!r} (known: {known})")
    return LanguageData(code)


@lru_cache(maxsize=64)
def _extended_table(lang: LanguageData, name: str) -> dict[str, Any]:
    from mtcheck.lang.extensions import merged_names

    base = _load_toml(lang.code, name)
    extensions = lang.extension_files(name)
    return merged_names(base, extensions) if extensions else base


def _data_file(code: str, filename: str) -> Traversable:
    return resources.files(DATA_PACKAGE).joinpath(code, filename)


@lru_cache(maxsize=None)
def _load_toml(code: str, name: str) -> dict[str, Any]:
    path = _data_file(code, f"{name}.toml")
    if not path.is_file():
        return {}
    return cached(f"toml-{code}-{name}", (path,), lambda: tomllib.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=None)
def _load_words(code: str, name: str) -> frozenset[str]:
    path = resources.files(DATA_PACKAGE).joinpath(code, f"{name}.txt")
    if not path.is_file():
        return frozenset()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)
