"""Code-point offsets to LSP positions: zero-based line and UTF-16 code units within it.

mtcheck's offsets count code points; LSP counts UTF-16 code units, so a character outside
the Basic Multilingual Plane (an emoji) is one code point but two units. Lines end at
``\\n``, ``\\r\\n`` or ``\\r``, as LSP defines them.
"""

from __future__ import annotations

import bisect
import re

_LINE_END = re.compile(r"\r\n|\r|\n")


class PositionMap:
    """Converts offsets into one text to ``(line, character)`` and back."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The LSP position of code-point ``offset``."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        return line, utf16_length(self.text[start:offset])

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of an LSP position (clamped to the line)."""
        if line >= len(self.line_starts):
            return len(self.text)
        start = self.line_starts[max(line, 0)]
        units, i = 0, start
        while i < len(self.text) and units < character and self.text[i] not in "\r\n":
            units += 2 if ord(self.text[i]) > 0xFFFF else 1
            i += 1
        return i


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` takes."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
