"""``diff``'s three formats written piece by piece, so that a file corrected block by block
(:mod:`mtcheck.stream_fix`) is never held whole.

Each input is a sequence of :class:`~mtcheck.findings.FileReport`: one for an article read
whole, one per block (a :class:`~mtcheck.stream_fix.BlockReport`) for a large file.

* ``diff``: one unified diff per file; a large file's hunks are computed block by block
  with their line numbers shifted to the whole file (a block ending inside a line is
  diffed together with the next), so the patch applies to the original file.
* ``corrections`` (Markdown): a section per article, and per block of a large file
  (``path (lines a–b)``), as the blocks come.
* ``html``: the page's head counts every finding, so the file sections are spooled to a
  temporary file (disk, not memory) and the page is written once they are all known. A
  large file shows one section per block.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from mtcheck.findings import FileReport

_HUNK_RE = re.compile(r"@@ -(\d+)((?:,\d+)?) \+(\d+)((?:,\d+)?) @@")
_LINE_ENDS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""What ``str.splitlines`` (and so difflib's line lists) ends a line at."""


@dataclass
class Tally:
    """Counts gathered while the reports go by (for ``diff``'s closing line and the HTML head)."""

    findings: int = 0
    applied: int = 0
    warnings: list[str] = field(default_factory=list)
    by_cat: Counter[str] = field(default_factory=Counter)
    by_sev: Counter[str] = field(default_factory=Counter)

    def add(self, fr: FileReport) -> FileReport:
        """Count ``fr`` and return it."""
        self.findings += len(fr.findings)
        self.applied += sum(1 for c in fr.corrections if c.applied)
        self.warnings.extend(getattr(fr, "warnings", ()))
        self.by_cat.update(f.category for f in fr.findings)
        self.by_sev.update(f.severity.value for f in fr.findings)
        return fr


def _hunks(old: str, new: str, old_before: int, new_before: int, context: int) -> Iterator[str]:
    """The hunks of ``old`` -> ``new`` (lines ``old_before + 1`` … of the file), headers shifted."""
    if old == new:
        return
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), n=context)
    for i, line in enumerate(lines):
        if i < 2:
            continue  # difflib's own ---/+++ header
        m = _HUNK_RE.match(line)
        if m:
            yield (f"@@ -{int(m.group(1)) + old_before}{m.group(2)} "
                   f"+{int(m.group(3)) + new_before}{m.group(4)} @@\n")
        else:
            yield line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"


def streamed_unified_diff(path: str, reports: Iterable[FileReport], context: int = 1) -> Iterator[str]:
    """The unified diff of one file given as consecutive blocks (equal to a patch of the whole
    file: it applies to the original and gives the corrected text)."""
    old_before = new_before = 0
    pend_old = pend_new = ""
    header = False
    for fr in reports:
        pend_old += fr.text
        pend_new += fr.corrected_text if fr.corrected_text is not None else fr.text
        if not (pend_old[-1:] and pend_old[-1] in _LINE_ENDS and pend_new[-1:] and pend_new[-1] in _LINE_ENDS):
            continue  # a block ending inside a line: diff it with the next
        for piece in _hunks(pend_old, pend_new, old_before, new_before, context):
            if not header:
                header = True
                yield f"--- a/{path}\n+++ b/{path}\n"
            yield piece
        old_before += len(pend_old.splitlines())
        new_before += len(pend_new.splitlines())
        pend_old = pend_new = ""
    for piece in _hunks(pend_old, pend_new, old_before, new_before, context):
        if not header:
            header = True
            yield f"--- a/{path}\n+++ b/{path}\n"
        yield piece


def _labelled(fr: FileReport) -> FileReport:
    """A block's report named after its lines (``path (lines a–b)``); an article's as it is."""
    first = getattr(fr, "first_line", None)
    if first is None:
        return fr
    last = fr.line_col(max(0, len(fr.text.rstrip("\r\n")) - 1))[0] if fr.text else first
    return replace(fr, path=f"{fr.path} (lines {first}–{last})")


def diff_chunks(files: Iterable[tuple[str, Iterable[FileReport]]], fmt: str, tally: Tally,
                version: str = "", warnings: Iterable[str] = ()) -> Iterator[str]:
    """``diff``'s output in format ``fmt`` (``diff``, ``corrections`` or ``html``) for
    ``files`` (each a path and its reports, in order), counting into ``tally`` as it goes."""
    if fmt == "diff":
        for path, reports in files:
            yield from streamed_unified_diff(path, (tally.add(fr) for fr in reports))
    elif fmt == "corrections":
        yield from _markdown(files, tally)
    elif fmt == "html":
        yield from _html(files, tally, version, warnings)
    else:
        raise ValueError(f"not a diff format: {fmt}")


def _markdown(files: Iterable[tuple[str, Iterable[FileReport]]], tally: Tally) -> Iterator[str]:
    from mtcheck.render.corrections import MARKDOWN_HEAD, file_markdown

    yield MARKDOWN_HEAD
    for _path, reports in files:
        old_before = new_before = 0
        for fr in reports:
            tally.add(fr)
            new = fr.corrected_text if fr.corrected_text is not None else fr.text
            diff = "".join(_hunks(fr.text, new, old_before, new_before, 1))
            if diff:
                diff = f"--- a/{fr.path}\n+++ b/{fr.path}\n" + diff
            yield file_markdown(_labelled(fr), diff)
            old_before += len(fr.text.splitlines())
            new_before += len(new.splitlines())


def _html(files: Iterable[tuple[str, Iterable[FileReport]]], tally: Tally, version: str,
          warnings: Iterable[str]) -> Iterator[str]:
    from mtcheck.render.html import file_section, page_foot, page_head

    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
        number = 0
        for _path, reports in files:
            count += 1
            for fr in reports:
                tally.add(fr)
                for piece in file_section(_labelled(fr), number):
                    spool.write(piece)
                number += 1
        yield page_head(count, tally.by_cat, tally.by_sev, version, list(dict.fromkeys([*warnings, *tally.warnings])))
        spool.seek(0)
        while piece := spool.read(1 << 20):
            yield piece
    yield page_foot(tally.by_cat, tally.by_sev)
