"""lemminflect (English inflections and lemmas), imported without spaCy.

lemminflect's package ``__init__`` imports spaCy, when it is installed, only to register two
token extensions that mtcheck never uses; spaCy then brings pydantic and thinc, and thinc
imports torch when it can: a second or more of start-up for a scan that needs a table's
inflected forms (building the language-data cache) or a rule's suggestion. spaCy is made
unfindable while lemminflect is imported, unless something already loaded it; it imports as
usual afterwards (the syntax layer).
"""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder
from types import ModuleType


class _Unfindable(MetaPathFinder):
    """A finder that makes one top-level package fail to import (without touching ``sys.modules``:
    lemminflect tests ``'spacy' in sys.modules``)."""

    def __init__(self, name: str):
        self.name = name

    def find_spec(self, fullname, path=None, target=None):  # noqa: D102 - MetaPathFinder protocol
        if fullname == self.name or fullname.startswith(self.name + "."):
            raise ModuleNotFoundError(f"{fullname} is not imported with lemminflect", name=fullname)
        return None


def lemminflect() -> ModuleType:
    """The ``lemminflect`` module (``ImportError`` when it is not installed)."""
    loaded = sys.modules.get("lemminflect")
    if loaded is not None:
        return loaded
    if "spacy" in sys.modules:
        import lemminflect as module

        return module
    blocker = _Unfindable("spacy")
    sys.meta_path.insert(0, blocker)
    try:
        import lemminflect as module
    finally:
        sys.meta_path.remove(blocker)
    return module
