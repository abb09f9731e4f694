"""Reading articles and writing results safely.

Reading: UTF-8 by default (BOM stripped, line endings kept), ``-`` for stdin, and clear
one-line :class:`~mtcheck.errors.InputError` messages for anything that is not text.
Writing: always atomic (temporary file in the target folder, then ``os.replace``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mtcheck.errors import InputError


@dataclass(frozen=True)
class Source:
    """An article as read: where from and its text."""

    path: str
    text: str


def decode(data: bytes, label: str, encoding: str | None = None) -> str:
    """Decode article bytes, refusing binary data and wrong encodings with a clear message."""
    if b"\x00" in data[:65536] and not (encoding or "").lower().startswith("utf-16"):
        raise InputError(f"{label}: looks like a binary file (NUL bytes), not text")
    enc = encoding or "utf-8-sig"
    try:
        text = data.decode(enc)
    except LookupError:
        raise InputError(f"{label}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{label}: not valid UTF-8 (byte {exc.start}); pass --encoding, e.g. --encoding cp1252"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_source(path: str, encoding: str | None = None) -> Source:
    """Read one article from a path, or from stdin when ``path`` is ``-``."""
    if path == "-":
        return Source("<stdin>", decode(sys.stdin.buffer.read(), "<stdin>", encoding))
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory, expected a file")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return Source(path, decode(data, path, encoding))


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (never a half-written file)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
