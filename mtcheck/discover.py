"""Which files a run reads: named files, directories walked recursively, globs, stdin.

Glob patterns use ``/`` separators: ``*`` and ``?`` stay within one path segment, ``**``
spans any number of segments. A pattern without ``/`` matches a file's name anywhere.
"""

from __future__ import annotations

import glob as _glob
import os
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path, PurePosixPath

from mtcheck.errors import InputError

DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.md")
"""Files picked up when walking a directory, unless the configuration says otherwise."""

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"})
"""Directory names never walked into (hidden directories are skipped too)."""

STDIN = "-"


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, path: str) -> bool:
    """Whether a ``/``-separated relative ``path`` matches ``pattern`` (see module doc)."""
    pattern = pattern.strip().removeprefix("./")
    path = path.replace(os.sep, "/").removeprefix("./")
    if "/" not in pattern.rstrip("/"):
        return bool(_glob_regex(pattern).match(PurePosixPath(path).name))
    return bool(_glob_regex(pattern.rstrip("/")).match(path) or _glob_regex(pattern.rstrip("/") + "/**").match(path))


def matches_any(patterns: Iterable[str], path: str) -> bool:
    """Whether ``path`` matches at least one of ``patterns``."""
    return any(glob_match(p, path) for p in patterns)


def _has_magic(path: str) -> bool:
    return any(c in path for c in "*?[")


def walk(directory: Path, include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """Files under ``directory`` (recursively) matching ``include`` and not ``exclude``, sorted."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            full = Path(root, name)
            rel = full.relative_to(directory).as_posix()
            if matches_any(include, rel) and not matches_any(exclude, rel):
                found.append(str(full))
    return found


def expand_paths(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> list[str]:
    """The files to read, in a stable order: named files as given (whatever their extension),
    directories walked, glob patterns expanded; ``-`` kept for stdin. Duplicates are dropped.
    Raises :class:`InputError` for a path that does not exist or a glob that matches nothing.
    """
    out: list[str] = []
    for arg in paths:
        if arg == STDIN:
            out.append(arg)
            continue
        p = Path(arg)
        if p.is_dir():
            out.extend(walk(p, include, exclude))
        elif p.exists():
            out.append(arg)
        elif _has_magic(arg):
            hits = sorted(h for h in _glob.glob(arg, recursive=True) if Path(h).is_file())
            if not hits:
                raise InputError(f"{arg}: no file matches this pattern")
            out.extend(hits)
        else:
            raise InputError(f"{arg}: no such file or directory")
    seen: set[str] = set()
    unique = []
    for path in out:
        key = path if path == STDIN else os.path.normpath(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
