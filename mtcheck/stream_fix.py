"""Correcting a file too large to hold whole (``fix`` and ``diff`` above
:data:`mtcheck.io.STREAM_THRESHOLD_BYTES`), block by block in bounded memory.

The blocks are :mod:`mtcheck.stream`'s (paragraph breaks, about 250,000 characters). Each is
checked and corrected as :func:`mtcheck.pipeline.check_file` does a whole article (the same
rules, :func:`~mtcheck.admit.admit`, glossary, :class:`~mtcheck.admit.Protection` and
:func:`~mtcheck.correct.rules_only`), then dropped: ``fix`` writes each block's corrected text
to the atomic writer's temporary file as it goes (:func:`mtcheck.io.write_encoded`), so the
peak is one block's document whatever the file's size.

Inline directives hold across blocks exactly as in the whole file: each block's
:class:`~mtcheck.suppress.Suppressions` starts from the state the previous block ended in
(:meth:`~mtcheck.suppress.Suppressions.carry`: rules still disabled, ``disable-next-line``
on a block's last line). What differs from a whole-file check is :mod:`mtcheck.stream`'s
limit: whole-document rules (entity consistency, repeated paragraphs) compare within a block.

The model stage is not run on such files (as ``scan`` does): rule corrections only.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from mtcheck.admit import Protection
from mtcheck.correct import CorrectionResult, DeletionBudget, deleted_text, rules_only
from mtcheck.document import Document
from mtcheck.findings import CorrectionStatus, FileReport
from mtcheck.pipeline import CheckOptions, check_document
from mtcheck import stream
from mtcheck.suppress import Carry, parse_directives

MODEL_SKIPPED = "{path}: the model stage is skipped for files over {limit} KiB (rule corrections only)"
"""The warning ``fix``/``diff --model`` give for a streamed file."""


@dataclass(frozen=True)
class BlockReport(FileReport):
    """One block of a large file, checked and corrected: a :class:`FileReport` whose offsets
    are the block's own, whose ``line_col`` counts lines in the whole file (from
    ``first_line``), ``offset`` being where the block starts in the file."""

    offset: int = 0
    first_line: int = 1
    result: CorrectionResult | None = field(default=None, repr=False)
    warnings: tuple[str, ...] = ()

    def line_col(self, offset: int) -> tuple[int, int]:
        """The (line, column) in the whole file of a block offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + self.first_line, offset - self.line_starts[line] + 1


def iter_block_fixes(
    path: str,
    options: CheckOptions = CheckOptions(),
    min_confidence: float | None = None,
    encoding: str | None = None,
    block_chars: int | None = None,
) -> Iterator[BlockReport]:
    """Each block of ``path`` checked and corrected, in file order; joined, their
    ``corrected_text`` is the corrected file.

    The deletion cap (:class:`~mtcheck.correct.DeletionBudget`) is one budget for the file,
    applied left to right and grown by each block's words as it is read: deletions up to a
    point never exceed the share of the words read so far, so at the end they never exceed
    the share of the whole file. A whole-file fix decides the same except when the cap binds
    early (it may spend words still to come); the streamed cap is never looser. Per-block caps
    would have granted the minimum of :data:`~mtcheck.correct.MIN_DELETED_WORDS` to every block.
    """
    threshold = 0.5 if min_confidence is None else min_confidence
    budget = DeletionBudget(0)
    carry = Carry()
    offset, line = 0, 1
    for block in stream.iter_blocks(path, encoding, block_chars or stream.BLOCK_CHARS):
        while block.startswith("\ufeff"):  # a Document drops a leading U+FEFF: pass it through as it is
            yield BlockReport(path=path, text="\ufeff", words=0, findings=(), corrected_text="\ufeff",
                              offset=offset, first_line=line)
            block, offset = block[1:], offset + 1
        if not block:
            continue
        doc = Document.from_text(block, path)
        sup = None
        if carry or "<!--" in block:
            sup = parse_directives(block, path, doc.line_starts, replace(carry, first_line=line))
        findings = check_document(doc, options, suppressions=sup)
        protection = Protection(block, options.glossary, sup)
        budget.add_words(doc.word_count)
        result = rules_only(doc, findings, threshold, protection if protection else None, budget)
        yield BlockReport(
            path=path, text=doc.text, words=doc.word_count, findings=findings, corrections=result.corrections,
            corrected_text=result.text, line_starts=doc.line_starts, offset=offset, first_line=line,
            result=result, warnings=sup.warnings if sup else (),
        )
        carry = sup.carry() if sup else Carry()
        offset += len(doc.text)
        line += len(doc.line_starts) - 1


@dataclass
class FixSummary:
    """What ``fix`` says about a file corrected block by block, gathered as the blocks go
    (the same lines :func:`mtcheck.fixing.summary_lines` prints for a whole file)."""

    path: str
    findings: int = 0
    applied: int = 0
    proposed: int = 0
    too_large: int = 0
    shown: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, block: BlockReport) -> None:
        """Count one block's findings and corrections."""
        from mtcheck.fixing import shorten

        self.findings += len(block.findings)
        self.warnings.extend(block.warnings)
        for c in block.corrections:
            if not c.applied:
                self.proposed += 1
                self.too_large += c.status is CorrectionStatus.TOO_LARGE
                continue
            self.applied += 1
            if len(self.shown) < 20:
                new = c.replacement or "(deleted)"
                self.shown.append(f"  {c.finding.code} “{shorten(c.finding.text)}” → “{shorten(new)}” ({c.confidence:.2f})")
            removed = deleted_text(c)
            if removed:
                at, _col = block.line_col(c.finding.start)
                self.removed.append(f"  removed (line {at}, {c.finding.code}, {len(removed)} chars): “{shorten(removed)}”")

    def lines(self) -> list[str]:
        """The summary, every deletion included."""
        s = "s" * (self.applied != 1)
        out = [f"{self.path}: {self.applied} change{s} applied, {self.proposed} proposed only, "
               f"{self.findings} finding{'s' * (self.findings != 1)}", *self.shown]
        if self.applied > 20:
            out.append(f"  … and {self.applied - 20} more")
        out += self.removed
        if self.too_large:
            out.append(f"  {self.too_large} deletion{'s' * (self.too_large != 1)} too large to apply (proposed only)")
        return out


def fix_large_file(
    path: str, target: str, options: CheckOptions, min_confidence: float | None = None,
    encoding: str | None = None, block_chars: int | None = None,
) -> FixSummary:
    """Correct ``path`` block by block into ``target`` (atomically for a regular file, in the
    input's encoding, byte-order mark and line endings) and return the summary. An input that
    turns out undecodable part-way raises :class:`~mtcheck.errors.InputError` and leaves
    ``target`` as it was."""
    from mtcheck.io import streamed_source, write_encoded

    like = streamed_source(path, encoding)
    summary = FixSummary(path)

    def pieces() -> Iterator[str]:
        for block in iter_block_fixes(path, options, min_confidence, encoding, block_chars):
            summary.add(block)
            yield block.corrected_text or ""

    write_encoded(target, pieces(), like)
    return summary
