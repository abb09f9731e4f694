"""Reading articles and writing results safely.

Reading: UTF-8 by default (a UTF-8 BOM is stripped; UTF-16/UTF-32 files with a BOM are
decoded as such), ``-`` for stdin, line endings kept as written (CRLF and lone CR too), and
a clear one-line :class:`~mtcheck.errors.InputError` for anything that is not text: a
missing file, a directory, a file we may not read, binary data, or bytes that are not in
the expected encoding (the message names the ``--encoding`` to try).

Size policy: files up to :data:`STREAM_THRESHOLD_BYTES` are read whole; larger ones are
checked in paragraph blocks by :mod:`mtcheck.stream` in bounded memory; input over
:func:`max_input_bytes` is refused with a message saying so. The cap counts what is READ, so
devices (``/dev/zero``), FIFOs and endless pipes stop at it too (``stat`` says 0 for them).

Writing (:func:`write_text`): ``-``, character devices, FIFOs and ``/dev/…`` paths are written
directly; a regular file is replaced atomically (temporary file beside the symlink-resolved
target, then ``os.replace``) keeping its mode and owner; with ``like`` the text is written back
in the encoding, byte-order mark and line endings it was read with. :func:`check_outputs`
refuses an output path that is one of the inputs.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mtcheck.errors import InputError

STREAM_THRESHOLD_BYTES = 512 * 1024
"""Files larger than this (512 KiB, about 85,000 words: an archive, not an article) are
checked block by block. A whole-file document costs over 100 times its text in memory;
blocks keep the peak within a few times the input plus a constant (benchmarks/size_scaling.py)."""

MAX_INPUT_BYTES = 512 * 1024 * 1024
"""Input larger than this (512 MiB) is refused: split the archive into several files.
``MTCHECK_MAX_INPUT_BYTES`` lowers it (tests use a small cap instead of reading 512 MiB)."""

_READ_CHUNK = 1 << 20

_SNIFF_BYTES = 65536
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13, 27}


@dataclass(frozen=True)
class Source:
    """An article as read: where from, its text, and how it was encoded (to write it back alike)."""

    path: str
    text: str
    streamed: bool = False
    """True when the file is too large to hold whole: ``text`` is empty, read it in blocks."""
    encoding: str = "utf-8"
    """The codec the bytes were decoded with, without BOM handling (``utf-16-le``, ``cp1252`` …)."""
    bom: bytes = b""
    """The byte-order mark the file started with (empty when none)."""
    newline: str = "\n"
    """The first line ending of the text (``\n``, ``\r\n`` or ``\r``; ``\n`` when none)."""


def max_input_bytes() -> int:
    """The input cap in bytes: :data:`MAX_INPUT_BYTES`, or ``MTCHECK_MAX_INPUT_BYTES`` when set lower."""
    raw = os.environ.get("MTCHECK_MAX_INPUT_BYTES", "")
    try:
        return min(MAX_INPUT_BYTES, int(raw)) if raw else MAX_INPUT_BYTES
    except ValueError:
        return MAX_INPUT_BYTES


def _too_large(label: str, cap: int) -> InputError:
    size = f"{cap // 2**20} MiB" if cap >= 2**20 else f"{cap} bytes"
    return InputError(f"{label}: over the {size} input limit; split the archive into smaller files")


def cache_root() -> Path:
    """``$MTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtcheck`` or ``~/.cache/mtcheck``: where
    mtcheck keeps what it can rebuild (the expanded model, parsed language data)."""
    explicit = os.environ.get("MTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "mtcheck"


def bom_encoding(head: bytes) -> str | None:
    """The encoding announced by a byte-order mark at the start of ``head``, if any."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def resolve_encoding(head: bytes, encoding: str | None, label: str) -> str:
    """The codec to decode a file whose first bytes are ``head``.

    An explicit ``encoding`` wins (checked to exist); otherwise a BOM decides, else UTF-8.
    Raises :class:`InputError` for an unknown codec name or data that looks binary.
    """
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(f"{label}: unknown encoding {encoding!r}") from None
        if name == "utf-8":
            return "utf-8-sig"
        return name
    announced = bom_encoding(head)
    if announced:
        return announced
    if looks_binary(head):
        raise binary_error(label, head)
    return "utf-8-sig"


def binary_error(label: str, head: bytes) -> InputError:
    """The one-line error for data that is not text (or is UTF-16 without a byte-order mark)."""
    guess = guess_encoding(head)
    if guess.startswith("utf-16"):
        return InputError(f"{label}: looks like UTF-16 without a byte-order mark; pass --encoding {guess}")
    return InputError(f"{label}: looks like a binary file (NUL or control bytes), not text")


def looks_binary(head: bytes) -> bool:
    """True when the first bytes of a file hold a NUL or many control characters."""
    sample = head[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for b in sample[:8192] if b in _CONTROL_BYTES)
    return controls * 10 > min(len(sample), 8192)


def guess_encoding(data: bytes) -> str:
    """The ``--encoding`` most likely to decode ``data`` that is not valid UTF-8.

    UTF-16 without a BOM shows as NUL bytes every other byte; otherwise Windows-1252
    (the usual legacy encoding of Western European news) when it decodes, else Latin-1.
    """
    sample = data[:_SNIFF_BYTES]
    if len(sample) >= 4:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
            return "utf-16-le"
        if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
            return "utf-16-be"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def encoding_error(label: str, data: bytes, exc: UnicodeDecodeError, encoding: str, offset: int = 0) -> InputError:
    """A one-line :class:`InputError` for bytes that do not decode, naming a flag to try."""
    position = offset + exc.start
    line = data[: exc.start].count(b"\n") + 1
    if encoding in ("utf-8-sig", "utf-8"):
        return InputError(
            f"{label}: not valid UTF-8 (byte {position}, line {line}); "
            f"it looks like {guess_encoding(data)}: pass --encoding {guess_encoding(data)}"
        )
    return InputError(f"{label}: cannot be decoded as {encoding} (byte {position}, line {line})")


def decode(data: bytes, label: str, encoding: str | None = None) -> str:
    """Decode article bytes, refusing binary data and wrong encodings with a clear message."""
    return decode_source(data, label, encoding).text


def decode_source(data: bytes, label: str, encoding: str | None = None) -> Source:
    """Decode article bytes into a :class:`Source` that records encoding, BOM and line ending."""
    codec = resolve_encoding(data[:_SNIFF_BYTES], encoding, label)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise encoding_error(label, data, exc, codec) from None
    plain, bom = _layout(codec, data, text)
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(label, text, encoding=plain, bom=bom, newline=first_newline(text))


def _layout(codec: str, data: bytes, text: str) -> tuple[str, bytes]:
    """The plain codec (no BOM handling) and the byte-order mark of bytes ``data`` decoded as ``text``."""
    plain = codec
    if codec in ("utf-16", "utf-32"):
        plain = f"{codec}-be" if data.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)) else f"{codec}-le"
    elif codec == "utf-8-sig":
        plain = "utf-8"
    bom = b""
    if codec in ("utf-16", "utf-32") or text.startswith("\ufeff") or (
            codec == "utf-8-sig" and data.startswith(codecs.BOM_UTF8)):
        bom = "\ufeff".encode(plain)
    return plain, bom


def streamed_source(path: str, encoding: str | None = None) -> Source:
    """A :class:`Source` for a file too large to read whole (``streamed``, empty ``text``) that
    records its encoding, BOM and first line ending from its first bytes, to write it back alike."""
    file_size(path)
    with _as_input_errors(path), open(path, "rb") as handle:
        head = handle.read(_READ_CHUNK)
    codec = resolve_encoding(head[:_SNIFF_BYTES], encoding, path)
    text = head.decode(codec, errors="ignore")
    plain, bom = _layout(codec, head, text)
    return Source(path, "", streamed=True, encoding=plain, bom=bom, newline=first_newline(text.lstrip("\ufeff")))


def first_newline(text: str) -> str:
    """The first line ending in ``text`` (``\n`` when it has none)."""
    i = text.find("\n")
    j = text.find("\r")
    if j < 0 and i < 0:
        return "\n"
    if j < 0 or (0 <= i < j):
        return "\n"
    return "\r\n" if text.startswith("\n", j + 1) else "\r"


def file_size(path: str) -> int:
    """The size in bytes of a readable regular file (0 for a device, FIFO or pipe, whose size
    only reading tells), or an :class:`InputError` saying why not."""
    with _as_input_errors(path):
        st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory, expected a file")
    if not stat.S_ISREG(st.st_mode):
        return 0
    cap = max_input_bytes()
    if st.st_size > cap:
        raise InputError(
            f"{path}: {st.st_size / 2**20:.0f} MiB is over the {cap // 2**20} MiB limit; "
            "split the archive into smaller files"
        ) if cap >= 2**20 else _too_large(path, cap)
    return st.st_size


def read_capped(handle: BinaryIO, label: str, encoding: str | None = None, cap: int | None = None) -> bytes:
    """Read ``handle`` to its end, refusing (one line) more than ``cap`` bytes; without an
    explicit ``encoding``, binary data is refused at its first block (``/dev/zero`` stops at once)."""
    cap = max_input_bytes() if cap is None else cap
    chunks: list[bytes] = []
    total = 0
    while chunk := handle.read(min(_READ_CHUNK, cap + 1 - total)):
        if not chunks and encoding is None:
            resolve_encoding(chunk[:_SNIFF_BYTES], None, label)
        chunks.append(chunk)
        total += len(chunk)
        if total > cap:
            raise _too_large(label, cap)
    return b"".join(chunks)


def read_bytes(path: str, encoding: str | None = None) -> bytes:
    """The bytes of a file, with one-line errors for missing, directory and unreadable paths."""
    file_size(path)
    with _as_input_errors(path), open(path, "rb") as handle:
        return read_capped(handle, path, encoding)


@contextmanager
def _as_input_errors(path: str) -> Iterator[None]:
    """Turn the operating system's errors about ``path`` into one-line input errors (:class:`InputError`)."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            raise InputError(f"{path}: symbolic link loop") from None
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def read_source(path: str, encoding: str | None = None) -> Source:
    """Read one article from a path, or from stdin when ``path`` is ``-``."""
    if path == "-":
        stdin = sys.stdin
        if stdin is None:
            raise InputError("<stdin>: standard input is closed")
        try:
            data = read_capped(stdin.buffer, "<stdin>", encoding)
        except (OSError, ValueError) as exc:
            raise InputError(f"<stdin>: cannot read standard input ({getattr(exc, 'strerror', None) or exc})") from None
        return decode_source(data, "<stdin>", encoding)
    return decode_source(read_bytes(path, encoding), path, encoding)


# Writing lives in mtcheck.output (one job per module); these names are part of io's API.
from mtcheck.output import (  # noqa: E402
    check_outputs,
    encode_like,
    write_atomic,
    write_chunks,
    write_encoded,
    write_text,
)

__all__ = [
    "MAX_INPUT_BYTES", "STREAM_THRESHOLD_BYTES", "Source", "cache_root", "check_outputs", "decode",
    "decode_source", "encode_like", "file_size", "read_bytes", "read_capped", "read_source",
    "streamed_source", "write_atomic", "write_chunks", "write_encoded", "write_text",
]
