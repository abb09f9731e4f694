"""Which files a run reads: named files, directories walked recursively, globs, stdin.

Glob patterns use ``/`` separators: ``*`` and ``?`` stay within one path segment, ``**``
spans any number of segments. A pattern without ``/`` matches a file's name anywhere.
"""

from __future__ import annotations

import errno
import glob as _glob
import os
import re
import stat
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path, PurePosixPath

from mtcheck.errors import InputError

DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.md", "*.html", "*.htm")
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


def path_problem(path: str) -> str | None:
    """Why ``path`` cannot be read as an article file (a one-line reason), or ``None`` when it
    is a regular file (through symlinks). Never opens the file, so a FIFO cannot block."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{path}: symbolic link loop; skipped"
        if os.path.islink(path):
            return f"{path}: dangling symbolic link (to {os.readlink(path)}); skipped"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return f"{path}: permission denied (cannot look inside its folder); skipped"
        return f"{path}: {exc.strerror}; skipped"
    if stat.S_ISREG(st.st_mode):
        return None
    kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "a device"
    return f"{path}: {kind}, not a regular file; skipped"


def walk(
    directory: Path, include: Sequence[str], exclude: Sequence[str], problems: list[str] | None = None
) -> list[str]:
    """Regular files under ``directory`` (recursively) matching ``include`` and not ``exclude``,
    sorted. Matching entries that are not regular files (FIFOs, devices, dangling or looping
    symlinks, unreadable folders) are skipped, each with a one-line reason added to ``problems``."""
    found = []

    def on_error(exc: OSError) -> None:
        if problems is not None and exc.filename is not None:
            reason = "permission denied" if exc.errno in (errno.EACCES, errno.EPERM) else exc.strerror
            problems.append(f"{exc.filename}: {reason}; skipped")

    for root, dirs, files in os.walk(directory, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            full = Path(root, name)
            rel = full.relative_to(directory).as_posix()
            if matches_any(include, rel) and not matches_any(exclude, rel):
                problem = path_problem(str(full))
                if problem is None:
                    found.append(str(full))
                elif problems is not None:
                    problems.append(problem)
    return found


def check_named_paths(paths: Sequence[str]) -> None:
    """Refuse (one line) a path named on the command line that is a symbolic link loop, before
    anything resolves it."""
    for arg in paths:
        if arg != STDIN and os.path.islink(arg):
            try:
                os.stat(arg)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise InputError(f"{arg}: symbolic link loop") from None


def expand_paths(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    problems: list[str] | None = None,
) -> list[str]:
    """The files to read, in a stable order: named files as given (whatever their extension),
    directories walked, glob patterns expanded; ``-`` kept for stdin. Duplicates are dropped.
    Raises :class:`InputError` for a path that does not exist or a glob that matches nothing;
    what a walk skips (see :func:`walk`) is added to ``problems``.
    """
    check_named_paths(paths)
    out: list[str] = []
    for arg in paths:
        if arg == STDIN:
            out.append(arg)
            continue
        p = Path(arg)
        try:
            os.stat(arg)
        except PermissionError:
            raise InputError(f"{arg}: permission denied (a folder on the way cannot be entered)") from None
        except OSError:
            pass
        if p.is_dir():
            out.extend(walk(p, include, exclude, problems))
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
