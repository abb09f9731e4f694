"""Writing results and corrected articles safely (re-exported by :mod:`mtcheck.io`).

``-``, character devices, FIFOs and ``/dev/…`` paths are written directly (never replaced by
a regular file); a regular file is replaced atomically (temporary file beside the
symlink-resolved target, then ``os.replace``) keeping its mode and owner; with ``like`` the
text is written back in the encoding, byte-order mark and line endings it was read with.
:func:`check_outputs` refuses an output path that is one of the inputs. Every failure is a
one-line :class:`~mtcheck.errors.OutputError` (or :class:`~mtcheck.errors.UsageError`).
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from mtcheck.errors import OutputError, UsageError

if TYPE_CHECKING:
    from mtcheck.io import Source


def encode_like(text: str, like: Source | None) -> bytes:
    """``text`` as bytes in the encoding, BOM and line endings ``like`` was read with (UTF-8 without one).

    Line endings are converted only when ``text`` holds nothing but ``\n`` and ``like`` used
    another style; text that already carries its line endings is written as it is.
    """
    if like is None:
        return text.encode("utf-8", "surrogateescape")
    if like.newline != "\n" and "\r" not in text:
        text = text.replace("\n", like.newline)
    try:
        return like.bom + text.encode(like.encoding)
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"the corrected text holds {text[exc.start]!r}, which {like.encoding} cannot encode"
        ) from None


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _stat_or_none(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def check_outputs(outputs: Sequence[str | None], inputs: Sequence[str], make_folders: bool = False) -> None:
    """Refuse (:class:`UsageError`) an output path that is one of the inputs, or that two
    outputs share: compared as files (device and inode, so relative paths, symlinks and hard
    links count), ``-`` among the inputs meaning whatever file standard input is. An output
    whose folder does not exist is refused too (:class:`OutputError`), before any work, unless
    the caller creates folders (``make_folders``: ``fix --output-dir``)."""
    ids: dict[tuple[int, int], str] = {}
    names: dict[str, str] = {}
    for path in inputs:
        if path == "-":
            try:
                st = os.fstat(0)
            except OSError:
                continue
            label = "standard input"
        else:
            st = _stat_or_none(path)
            label = path
            names.setdefault(os.path.realpath(path), label)
        if st is not None and stat.S_ISREG(st.st_mode):
            ids.setdefault((st.st_dev, st.st_ino), label)
    seen: dict[str, str] = {}
    for out in outputs:
        if not out or out == "-":
            continue
        st = _stat_or_none(out)
        if st is not None and not stat.S_ISREG(st.st_mode):
            continue
        hit = ids.get((st.st_dev, st.st_ino)) if st is not None else names.get(os.path.realpath(out))
        if hit is not None:
            what = "standard input" if hit == "standard input" else f"the input {hit}"
            raise UsageError(f"{out}: is {what}; refusing to overwrite it (choose another output)")
        real = os.path.realpath(out)
        if st is None and not make_folders and not os.path.isdir(os.path.dirname(real) or "."):
            raise OutputError(f"{out}: folder {os.path.dirname(out) or '.'} does not exist")
        if real in seen:
            raise UsageError(f"{out}: named for two outputs ({seen[real]} and {out})")
        seen[real] = out


def _direct(target: str, st: os.stat_result | None) -> bool:
    if target.startswith(("/dev/", "/proc/")):
        return True
    return st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode)


def write_text(target: str, text: str, like: Source | None = None) -> None:
    """Write ``text`` to ``target`` safely (see the module doc); :class:`OutputError` (one line) when it cannot."""
    _write(target, iter((encode_like(text, like),)))


def write_chunks(target: str, chunks: Iterable[str]) -> None:
    """Write the pieces of a report as UTF-8 to ``target``, like :func:`write_text` but without
    ever joining them: a streamed report is never held whole."""
    _write(target, (encode_like(chunk, None) for chunk in chunks))


def write_encoded(target: str, chunks: Iterable[str], like: Source) -> None:
    """Write a text given piece by piece (a large file corrected block by block) like
    :func:`write_text` with ``like``, never joining the pieces: the byte-order mark once, then
    each piece in ``like``'s encoding. Line endings are written as the pieces hold them (a
    corrected text keeps the original's, so there is nothing to convert)."""

    def encoded() -> Iterator[bytes]:
        yield like.bom
        for chunk in chunks:
            try:
                yield chunk.encode(like.encoding)
            except UnicodeEncodeError as exc:
                raise OutputError(
                    f"the corrected text holds {chunk[exc.start]!r}, which {like.encoding} cannot encode"
                ) from None

    _write(target, encoded())


def _write(target: str, data: Iterator[bytes]) -> None:
    try:
        if target == "-":
            _write_stdout(data)
            return
        st = _stat_or_none(target)
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{target}: is a directory; name a file to write")
        if _direct(target, st):
            with open(target, "wb") as handle:
                for piece in data:
                    handle.write(piece)
            return
        _replace_atomically(os.path.realpath(target), data, st, target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None


def _write_stdout(data: Iterator[bytes]) -> None:
    out = sys.stdout
    if out is None:
        raise OutputError("standard output is closed")
    try:
        out.flush()
        for piece in data:
            out.buffer.write(piece)
        out.buffer.flush()
    except ValueError:
        raise OutputError("standard output is closed") from None
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output ({exc.strerror or exc})") from None


def _replace_atomically(real: str, data: Iterator[bytes], st: os.stat_result | None, label: str) -> None:
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"{label}: folder {os.path.dirname(label) or folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in data:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        if st is not None:
            os.chmod(tmp, st.st_mode & 0o7777)
            if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except PermissionError:
                    pass  # not ours to give away: the new file keeps our ownership
        else:
            os.chmod(tmp, 0o666 & ~_current_umask())
        os.replace(tmp, real)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` safely (atomic for a regular file); see :func:`write_text`."""
    write_text(os.fspath(path), text)
