"""Which files are read as bilingual files, by extension (kept tiny: every scan imports it)."""

from __future__ import annotations

from pathlib import PurePath

XLIFF_SUFFIXES = frozenset({".xlf", ".xliff", ".sdlxliff"})
BILINGUAL_SUFFIXES = XLIFF_SUFFIXES | {".po", ".tmx"}
SUBTITLE_SUFFIXES = frozenset({".srt", ".vtt"})


def is_bilingual(path: str) -> bool:
    """Whether ``path`` names a file read as a bilingual file by its extension."""
    return PurePath(path).suffix.lower() in BILINGUAL_SUFFIXES


def is_subtitle(path: str) -> bool:
    """Whether ``path`` names a subtitle file (checked as a pair with its ``--source`` original)."""
    return PurePath(path).suffix.lower() in SUBTITLE_SUFFIXES
