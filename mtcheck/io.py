"""Reading articles and writing results safely.

Reading: UTF-8 by default (a UTF-8 BOM is stripped; UTF-16/UTF-32 files with a BOM are
decoded as such), ``-`` for stdin, line endings kept as written (CRLF and lone CR too), and
a clear one-line :class:`~mtcheck.errors.InputError` for anything that is not text: a
missing file, a directory, a file we may not read, binary data, or bytes that are not in
the expected encoding (the message names the ``--encoding`` to try).

Size policy: files up to :data:`STREAM_THRESHOLD_BYTES` are read whole; larger ones are
checked in paragraph blocks by :mod:`mtcheck.stream` in bounded memory; files over
:data:`MAX_INPUT_BYTES` are refused with a message saying so.

Writing: always atomic (temporary file in the target folder, then ``os.replace``).
"""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mtcheck.errors import InputError

STREAM_THRESHOLD_BYTES = 8 * 1024 * 1024
"""Files larger than this (8 MiB, about 1.3 million words) are checked block by block."""

MAX_INPUT_BYTES = 512 * 1024 * 1024
"""Files larger than this (512 MiB) are refused: split the archive into several files."""

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
    """An article as read: where from and its text."""

    path: str
    text: str
    streamed: bool = False
    """True when the file is too large to hold whole: ``text`` is empty, read it in blocks."""


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
    codec = resolve_encoding(data[:_SNIFF_BYTES], encoding, label)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise encoding_error(label, data, exc, codec) from None
    return text[1:] if text.startswith("\ufeff") else text


def file_size(path: str) -> int:
    """The size in bytes of a readable regular file, or an :class:`InputError` saying why not."""
    p = Path(path)
    with _as_input_errors(path):
        st = p.stat()
    if p.is_dir():
        raise InputError(f"{path}: is a directory, expected a file")
    if st.st_size > MAX_INPUT_BYTES:
        raise InputError(
            f"{path}: {st.st_size / 2**20:.0f} MiB is over the {MAX_INPUT_BYTES // 2**20} MiB limit; "
            "split the archive into smaller files"
        )
    return st.st_size


def read_bytes(path: str) -> bytes:
    """The bytes of a file, with one-line errors for missing, directory and unreadable paths."""
    file_size(path)
    with _as_input_errors(path), open(path, "rb") as handle:
        return handle.read()


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
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def read_source(path: str, encoding: str | None = None) -> Source:
    """Read one article from a path, or from stdin when ``path`` is ``-``."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(f"<stdin>: over the {MAX_INPUT_BYTES // 2**20} MiB limit")
        return Source("<stdin>", decode(data, "<stdin>", encoding))
    return Source(path, decode(read_bytes(path), path, encoding))


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
        else:
            os.chmod(tmp, 0o666 & ~_current_umask())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def check_outputs(outputs: Sequence[str], inputs: Sequence[str]) -> None:
    """Refuse (:class:`~mtcheck.errors.UsageError`) an output path that names one of the inputs
    (through relative paths, symlinks or hard links) or that two outputs share.

    Minimal version until the output-safety work lands in this module (same name and signature).
    """
    from mtcheck.errors import UsageError

    def key(path: str) -> object:
        try:
            st = os.stat(path)
            return (st.st_dev, st.st_ino)
        except OSError:
            return os.path.realpath(path)

    taken = {key(p): p for p in inputs if p and p != "-"}
    seen: dict[object, str] = {}
    for out in outputs:
        if not out or out == "-":
            continue
        k = key(out)
        if k in taken:
            raise UsageError(f"{out}: is the input {taken[k]}; refusing to overwrite it (choose another output)")
        if k in seen:
            raise UsageError(f"{out}: two inputs would be written to the same output")
        seen[k] = out


def write_text(target: str, text: str, like: Source | None = None) -> None:
    """Write ``text`` to ``target`` (``-``: standard output) atomically; one-line
    :class:`InputError` when it cannot. ``like`` names the source read, whose encoding the
    full version keeps (this minimal version writes UTF-8)."""
    if target == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_atomic(target, text)
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror or exc})") from None
