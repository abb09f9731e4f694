"""Inline suppression directives, written as HTML comments so that they fit in both
plain-text and Markdown articles (Markdown renders them invisible)::

    <!-- mtcheck: disable T001, R -->      findings of these code prefixes are dropped …
    <!-- mtcheck: enable T001 -->          … until re-enabled (``enable`` alone: all)
    <!-- mtcheck: disable -->              every rule, until ``enable``
    <!-- mtcheck: disable-line R001 -->    only on the directive's own line
    <!-- mtcheck: disable-next-line -->    only on the line after the directive
    <!-- mtcheck: disable entry:assist-to -->  one lexicon entry (its id), with any action

Codes may be prefixes, rule names or former names (``disable source-exonym``). A selector
that names no rule, or a malformed entry id, is a usage error (``path:line: …``), as in flags
and configuration; an unknown action is a warning. Directives are part of the text, so offsets do not move; a finding overlapping a directive
comment is dropped too (the comment is never flagged). A finding is suppressed according to
the directives in force where it starts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mtcheck import selection
from mtcheck.errors import UsageError
from mtcheck.findings import Finding

DIRECTIVE_RE = re.compile(r"<!--\s*mtcheck\s*:\s*(?P<body>[^<>]*?)\s*-->", re.IGNORECASE)
# The body stops at the next ``<`` or ``>``: an unclosed comment then costs a scan to the next
# tag, not to the end of the text (which made many unclosed directives quadratic).
_ACTIONS = ("disable-next-line", "disable-line", "disable", "enable")
_ALL = "ALL"
ENTRY_PREFIX = "entry:"
"""A directive item ``entry:ID`` names one lexicon entry (see :attr:`Finding.entry`)."""
_ENTRY_ID_RE = re.compile(r"[a-z0-9][a-z0-9.:-]*", re.IGNORECASE)


@dataclass(frozen=True)
class Directive:
    """One parsed directive: its span, action and code prefixes (``ALL`` when none given)."""

    start: int
    end: int
    action: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Suppressions:
    """The directives of one text, ready to answer "is this finding suppressed?"."""

    directives: tuple[Directive, ...]
    warnings: tuple[str, ...]
    _offsets: tuple[int, ...]
    _states: tuple[frozenset[str], ...]
    _line_codes: dict[int, frozenset[str]]
    _line_starts: tuple[int, ...]
    _starts: tuple[int, ...] = ()
    _final: frozenset[str] = frozenset()

    def carry(self) -> Carry:
        """What the next block of the same file inherits (:func:`parse_directives`' ``carry``):
        the rules still disabled at the end, and line directives aimed at the block's last
        line (which continues in the next block) or at the line after it."""
        last = len(self._line_starts)
        return Carry(self._final, {k - last + 1: v for k, v in self._line_codes.items() if k >= last})

    def _line(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def suppressed(self, f: Finding) -> bool:
        """Whether ``f`` is switched off by a directive (or overlaps one)."""
        # Directives do not overlap and are sorted: only the last one starting before f.end
        # (or at f.start, for an empty finding) can overlap f.
        k = bisect.bisect_left(self._starts, max(f.end, f.start + 1)) - 1
        if k >= 0:
            d = self.directives[k]
            if f.start < d.end and d.start < f.end or d.start <= f.start < d.end:
                return True
        i = bisect.bisect_right(self._offsets, f.start) - 1
        if i >= 0 and _covers(self._states[i], f):
            return True
        return _covers(self._line_codes.get(self._line(f.start), frozenset()), f)


@dataclass(frozen=True)
class Carry:
    """Directive state handed from one block of a file to the next (:meth:`Suppressions.carry`):
    the codes disabled when the block ended, and line-directive codes by line of the next block."""

    disabled: frozenset[str] = frozenset()
    line_codes: dict[int, frozenset[str]] = field(default_factory=dict)
    first_line: int = 1
    """The file line number of the block's first line (for warnings)."""

    def __bool__(self) -> bool:
        return bool(self.disabled or self.line_codes)


def _covers(codes: frozenset[str], f: Finding) -> bool:
    code = f.code.upper()
    entry = ENTRY_PREFIX + f.entry.lower() if f.entry else None
    return any(c == _ALL or c == entry or (not c.startswith(ENTRY_PREFIX) and code.startswith(c)) for c in codes)


def _item(item: str, where: str) -> str:
    """A directive item as stored: ``ALL``, a code prefix, or ``entry:ID`` (raises on unknown rules)."""
    if item.lower().startswith(ENTRY_PREFIX):
        entry_id = item[len(ENTRY_PREFIX):]
        if not _ENTRY_ID_RE.fullmatch(entry_id):
            raise UsageError(f"{where}: {item!r} is not an entry id in mtcheck directive")
        return ENTRY_PREFIX + entry_id.lower()
    return selection.resolve(item, f"{where}: mtcheck directive")


def parse_directives(
    text: str, path: str = "<text>", line_starts: Sequence[int] = (0,), carry: Carry | None = None
) -> Suppressions:
    """Find the directives in ``text``; malformed ones become warnings, not errors.

    ``carry`` continues a file checked block by block (``text`` one block, ``line_starts`` the
    block's): the state the previous block ended in, so directives hold across block boundaries
    exactly as in the whole file."""
    first = carry.first_line - 1 if carry is not None else 0
    directives: list[Directive] = []
    warnings: list[str] = []
    for m in DIRECTIVE_RE.finditer(text):
        body = m.group("body")
        action = next((a for a in _ACTIONS if body.lower().startswith(a)), None)
        rest = body[len(action):] if action else ""
        if action is None or (rest and not rest[0] in " \t,"):
            line = bisect.bisect_right(line_starts, m.start()) + first
            warnings.append(f"{path}:{line}: unknown mtcheck directive {body!r}")
            continue
        line = bisect.bisect_right(line_starts, m.start()) + first
        codes = tuple(_item(c, f"{path}:{line}") for c in re.split(r"[\s,]+", rest.strip()) if c)
        directives.append(Directive(m.start(), m.end(), action, codes or (_ALL,)))

    offsets: list[int] = []
    states: list[frozenset[str]] = []
    line_codes: dict[int, frozenset[str]] = dict(carry.line_codes) if carry else {}
    state: set[str] = set(carry.disabled) if carry else set()
    if state:
        offsets.append(0)
        states.append(frozenset(state))
    for d in directives:
        line = bisect.bisect_right(line_starts, d.start)
        if d.action in ("disable-line", "disable-next-line"):
            target = line + (d.action == "disable-next-line")
            line_codes[target] = line_codes.get(target, frozenset()) | frozenset(d.codes)
            continue
        if d.action == "disable":
            state |= set(d.codes)
        elif d.codes == (_ALL,):
            state.clear()
        else:
            state -= set(d.codes)
        offsets.append(d.end)
        states.append(frozenset(state))
    return Suppressions(
        directives=tuple(directives),
        warnings=tuple(warnings),
        _offsets=tuple(offsets),
        _states=tuple(states),
        _line_codes=line_codes,
        _line_starts=tuple(line_starts),
        _starts=tuple(d.start for d in directives),
        _final=frozenset(state),
    )


def apply_suppressions(
    text: str, findings: Sequence[Finding], path: str = "<text>", line_starts: Sequence[int] = (0,)
) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    """``findings`` without the suppressed ones, and warnings about malformed directives."""
    if "<!--" not in text:
        return tuple(findings), ()
    sup = parse_directives(text, path, line_starts)
    return tuple(f for f in findings if not sup.suppressed(f)), sup.warnings
