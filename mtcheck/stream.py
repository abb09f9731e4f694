"""Checking very large texts in bounded memory, block by block.

A file larger than :data:`mtcheck.io.STREAM_THRESHOLD_BYTES` (512 KiB) is not turned into one
:class:`~mtcheck.document.Document` (whose tokens would cost some 30 times the text's size).
It is decoded incrementally and cut into blocks of about :data:`BLOCK_CHARS` code points at
paragraph boundaries (a blank line; failing that a line break, then any whitespace, and only
for a single enormous run of non-space characters a hard cut). Each block is checked as a
document of its own and its findings are shifted by the block's offset, so every offset
is exact in the whole file and ``text`` is still ``file_text[start:end]``.

What block-wise checking changes: rules that look at the whole document (entity
consistency such as "Poutine" on one line and "Putin" on another, duplicated paragraphs)
see one block at a time, i.e. about 40,000 words of context, far more than any news article:
a pair of mentions further apart than that in one file is not compared. A span cannot
straddle two blocks since blocks end at paragraph breaks.

Memory: :func:`iter_findings` keeps one block (a few tens of MiB) and yields findings as it
goes, whatever the file's size. :func:`check_large_file` must also keep the file's text for
the report (renderers show context and line numbers): one Python string, 1 to 4 bytes a
character, plus the line starts (8 bytes a line) and the findings in a compact
:class:`~mtcheck.findings.FindingTable` (about 20 bytes a finding), instead of a whole-file
``Document``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import replace

from mtcheck.admit import admit
from mtcheck.document import Document
from mtcheck.errors import InputError
from mtcheck.findings import FileReport, Finding, FindingTable, FindingTableBuilder
from mtcheck.io import (
    STREAM_THRESHOLD_BYTES,
    file_size,
    _too_large,
    guess_encoding,
    max_input_bytes,
    read_source,
    resolve_encoding,
)
from mtcheck.pipeline import CheckOptions, check_document, check_text
from mtcheck.suppress import Suppressions

BLOCK_CHARS = 250_000
"""Target block size in code points (about 40,000 words of news prose); read at each call,
so tests may set it smaller."""

_ADMIT_SLICE = 10_000

_READ_BYTES = 1 << 20
_BLANK_LINE_RE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_SPACE_RE = re.compile(r"\s+")


def split_point(buffer: str, limit: int) -> int:
    """Where to cut ``buffer`` (longer than ``limit``) so the first part ends at a paragraph break.

    Prefers the last blank line before ``limit``, then the last line break, then the last
    whitespace, in the second half of the window; never separates ``\\r`` from ``\\n``
    nor a base character from the combining marks that follow it.
    """
    lo = limit // 2
    for pattern in (_BLANK_LINE_RE, _LINE_BREAK_RE, _SPACE_RE):
        cut = -1
        for m in pattern.finditer(buffer, lo, limit):
            cut = m.end()
        if cut > 0:
            if buffer[cut - 1] == "\r" and buffer[cut : cut + 1] == "\n":
                cut += 1
            return cut
    cut = limit
    while cut > lo and (unicodedata.combining(buffer[cut]) or buffer[cut] in "\u200d\ufe0f"):
        cut -= 1
    return cut


def iter_blocks(
    path: str, encoding: str | None = None, block_chars: int | None = None
) -> Iterator[str]:
    """The decoded text of ``path`` in consecutive blocks cut at paragraph boundaries.

    Joined, the blocks are exactly the decoded file (a leading UTF-8 BOM removed).
    Raises :class:`InputError` for unreadable, binary or wrongly encoded files.
    """
    block_chars = block_chars or BLOCK_CHARS
    file_size(path)
    try:
        handle = open(path, "rb")
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    cap = max_input_bytes()
    with handle:
        first = handle.read(_READ_BYTES)
        codec = resolve_encoding(first, encoding, path)
        decoder = codecs.getincrementaldecoder(codec)()
        buffer = ""
        consumed = 0
        chunk = first
        while True:
            final = not chunk
            try:
                buffer += decoder.decode(chunk, final=final)
            except UnicodeDecodeError as exc:
                raise _decode_error(path, codec, chunk, exc, consumed) from None
            consumed += len(chunk)
            if consumed > cap:
                raise _too_large(path, cap)
            while len(buffer) > block_chars + block_chars // 2 or (final and len(buffer) > block_chars):
                cut = split_point(buffer, block_chars)
                yield buffer[:cut]
                buffer = buffer[cut:]
            if final:
                break
            chunk = handle.read(_READ_BYTES)
        if buffer:
            yield buffer


def _decode_error(path: str, codec: str, chunk: bytes, exc: UnicodeDecodeError, consumed: int) -> InputError:
    position = consumed + exc.start
    if codec in ("utf-8-sig", "utf-8"):
        hint = guess_encoding(chunk)
        return InputError(
            f"{path}: not valid UTF-8 (byte {position}); it looks like {hint}: pass --encoding {hint}"
        )
    return InputError(f"{path}: cannot be decoded as {codec} (byte {position})")


def _shift(findings: tuple[Finding, ...], offset: int) -> Iterator[Finding]:
    for f in findings:
        yield f if offset == 0 else replace(f, start=f.start + offset, end=f.end + offset)


def iter_block_results(
    path: str,
    options: CheckOptions = CheckOptions(),
    encoding: str | None = None,
    block_chars: int | None = None,
) -> Iterator[tuple[int, str, Document, tuple[Finding, ...]]]:
    """For each block: its offset in the file, its text, its ``Document`` and its findings
    (file offsets).

    A block's text is the file's text from its offset; the document is that text without
    the U+FEFF characters it may start with (a ``Document`` drops one; a zero-width no-break
    space in the middle of a file can fall at a block start), so offsets never shift. At the
    file start, as a whole-file read does, one U+FEFF after the byte-order mark is dropped
    (:func:`mtcheck.io.decode_source`) and one more by the ``Document``: they are not text."""
    offset = 0
    for number, block in enumerate(iter_blocks(path, encoding, block_chars)):
        if number == 0:
            for _ in range(2):
                if block.startswith("\ufeff"):
                    block = block[1:]
        body = block.lstrip("\ufeff")
        lead = len(block) - len(body)
        doc = Document.from_text(body, path)
        findings = tuple(_shift(check_document(doc, options), offset + lead))
        yield offset, block, doc, findings
        offset += len(block)


def iter_findings(
    path: str,
    options: CheckOptions = CheckOptions(),
    encoding: str | None = None,
    block_chars: int | None = None,
) -> Iterator[Finding]:
    """Every finding of a file of any size, in file order, holding one block in memory."""
    for _, _, _, findings in iter_block_results(path, options, encoding, block_chars):
        yield from findings


def check_large_file(
    path: str,
    options: CheckOptions = CheckOptions(),
    encoding: str | None = None,
    block_chars: int | None = None,
) -> FileReport:
    """Check a file block by block and return its :class:`FileReport` (offsets file-wide).

    Memory: what is kept is the file's text (grown in place: never a list of blocks plus
    their join, which doubled the peak), the line starts as 8-byte integers, and the
    findings as a :class:`~mtcheck.findings.FindingTable` (about 20 bytes a finding plus
    each distinct message once) instead of ~400-byte objects."""
    text = ""
    found = FindingTableBuilder()
    line_starts = array("q", [0])
    words = 0
    for offset, block, doc, block_findings in iter_block_results(path, options, encoding, block_chars):
        text += block
        for f in block_findings:
            found.add(f, block[f.start - offset : f.end - offset] == f.text)
        words += doc.word_count
        line_starts.extend(offset + m.end() for m in _LINE_BREAK_RE.finditer(block))
    return FileReport(
        path=path,
        text=text,
        words=words,
        findings=found.table(text),
        line_starts=line_starts,
    )


def admitted(report: FileReport, options: CheckOptions, suppressions: Suppressions | None) -> FindingTable:
    """``report``'s findings through :func:`~mtcheck.admit.admit` (with the file's inline
    directives), kept compact: a slice of findings at a time is rebuilt as objects."""
    kept = FindingTableBuilder()
    findings = report.findings
    for lo in range(0, len(findings), _ADMIT_SLICE):
        for f in admit(findings[lo : lo + _ADMIT_SLICE], options, suppressions):
            kept.add(f, report.text[f.start : f.end] == f.text)
    return kept.table(report.text)


def check_path(path: str, options: CheckOptions = CheckOptions(), encoding: str | None = None) -> FileReport:
    """Check one file (or ``-`` for stdin): whole when small, block by block when large."""
    if path != "-" and file_size(path) > STREAM_THRESHOLD_BYTES:
        return check_large_file(path, options, encoding)
    source = read_source(path, encoding)
    return check_text(source.text, source.path, options)
