"""Compiled regular expressions kept across processes, so that a cold scan does not parse them again.

The tables and lexicons hold long alternations (titles, places, valency forms, lexicon
patterns); Python's ``re`` parses and compiles each in pure Python, and in a fresh process
that cost more than checking an article. :func:`compile` behaves as :func:`re.compile`, but
keeps the compiled program (the list of opcodes ``re`` hands to ``_sre``) in
``<cache root>/langdata/regex-programs.marshal``; a later process rebuilds the pattern from
it with ``_sre.compile``, which skips parsing and code generation.

The file is an optimisation only, as :mod:`mtcheck.lang.cache`: it is keyed by the pattern
text and flags, tagged with the Python build and the ``_sre`` version, and carries a CRC-32 of
its contents (a guard against a torn or damaged file, not against tampering: like the other
cache files it must be as private as the user's cache directory). A missing, foreign or
damaged file is ignored, and an entry ``_sre`` rejects is compiled afresh. New programs are
written once, at process exit, atomically. ``MTCHECK_NO_DATA_CACHE=1`` bypasses it.

A pattern must be built the same way in every process to be found again: join words from a
set in sorted order, never in set order (which follows the string hash seed).
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import zlib
from array import array
from functools import lru_cache
from pathlib import Path

from mtcheck.lang.cache import cache_path, enabled

FORMAT = 1
"""Bumped whenever the layout of the file changes."""

NAME = "regex-programs"
MAX_ENTRIES = 2000
"""Above this many programs, a rewrite keeps only those this process used (the file stays small)."""

Program = tuple
"""``(flags, code, groups, groupindex, indexgroup)``: ``_sre.compile``'s arguments after the
pattern, with the code as the bytes of an unsigned array (so that loading the file costs
nothing for the patterns a run does not use)."""

_memo: dict[tuple[str, int], re.Pattern[str]] = {}
_stored: dict[tuple[str, int], Program] | None = None
_fresh: dict[tuple[str, int], Program] = {}
_used: set[tuple[str, int]] = set()
_save_registered = False


@lru_cache(maxsize=1)
def _typecode() -> str:
    import _sre

    return next(t for t in "ILQ" if array(t).itemsize == _sre.CODESIZE)


def _tag() -> bytes:
    import _sre

    return f"{FORMAT}\0{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}\0{_typecode()}\0".encode()


def path() -> Path:
    """The file that holds the stored programs."""
    return cache_path(NAME).with_suffix(".marshal")


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - mirrors re.compile
    """``re.compile(pattern, flags)``, rebuilt from a program stored by an earlier process when there is one."""
    key = (pattern, int(flags))
    got = _memo.get(key)
    if got is not None:
        return got
    compiled = None
    if enabled() and isinstance(pattern, str):
        _used.add(key)
        program = _load().get(key)
        if program is not None:
            compiled = _rebuild(pattern, program)
        if compiled is None:
            compiled, program = _compile_program(pattern, key[1])
            if program is not None:
                _remember(key, program)
    if compiled is None:
        compiled = re.compile(pattern, flags)
    _memo[key] = compiled
    return compiled


def _rebuild(pattern: str, program: Program) -> re.Pattern[str] | None:
    """The pattern built from a stored program, or None when ``_sre`` rejects it."""
    import _sre

    try:
        flags, code, groups, groupindex, indexgroup = program
        ops = array(_typecode())
        ops.frombytes(code)
        return _sre.compile(pattern, flags, ops.tolist(), groups, groupindex, indexgroup)
    except Exception:  # noqa: BLE001 - _sre rejects an invalid program: compiled afresh
        return None


def _compile_program(pattern: str, flags: int) -> tuple[re.Pattern[str], Program | None]:
    """Compile as ``re`` does, keeping the program (None when ``re``'s internals are not as expected)."""
    try:
        from re import _compiler, _parser

        import _sre

        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        packed = array(_typecode(), code).tobytes()
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (int(flags | parsed.state.flags), packed, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        compiled = _sre.compile(pattern, program[0], code, *program[2:])
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - another Python's internals: plain re.compile, no caching
        return re.compile(pattern, flags), None
    return compiled, program


def _load() -> dict[tuple[str, int], Program]:
    """The stored programs (read once per process; empty when the file is missing or not ours)."""
    global _stored
    if _stored is None:
        _stored = {}
        try:
            data = path().read_bytes()
            tag = _tag()
            checksum, body = data[len(tag) : len(tag) + 4], data[len(tag) + 4 :]
            if data.startswith(tag) and zlib.crc32(body).to_bytes(4, "big") == checksum:
                entries = marshal.loads(body)
                _stored = {(p, f): tuple(program) for p, f, *program in entries}
        except Exception:  # noqa: BLE001 - unreadable or corrupted: rebuilt
            _stored = {}
    return _stored


def _remember(key: tuple[str, int], program: Program) -> None:
    global _save_registered
    _fresh[key] = program
    if not _save_registered:
        _save_registered = True
        atexit.register(save)


def save() -> None:
    """Write the stored programs plus those compiled in this process (nothing to do when none are new)."""
    if not _fresh or not enabled():
        return
    merged = dict(_load())
    if len(merged) + len(_fresh) > MAX_ENTRIES:
        merged = {k: v for k, v in merged.items() if k in _used}
    merged.update(_fresh)
    body = marshal.dumps([(p, f, *program) for (p, f), program in merged.items()])
    data = _tag() + zlib.crc32(body).to_bytes(4, "big") + body
    target = path()
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass
        return
    global _stored
    _stored = merged
    _fresh.clear()


def reset_for_tests() -> None:
    """Forget everything held in this process (the file is left alone)."""
    global _stored
    _memo.clear()
    _fresh.clear()
    _used.clear()
    _stored = None
