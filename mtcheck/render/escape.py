"""Escaping shared by the renderers: what a file name or an article may hold must never break
an output format or reach a terminal as a control sequence.

File names that are not valid UTF-8 arrive as surrogate-escaped strings (``os.fsdecode``):
JSON shows them as ``\\udcXX`` escapes (never raw bytes), SARIF URIs percent-encode the
original bytes, XML and terminals show a visible ``\\xNN`` form.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any
from urllib.parse import quote

_TERMINAL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _escaped(m: re.Match[str]) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode escapes it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with control characters (ESC, C1, bidirectional overrides) and undecodable
    bytes shown as ``\\xNN`` / ``\\uNNNN``: nothing from an article can drive a terminal."""
    return _TERMINAL_RE.sub(_escaped, text)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (shown as ``\\xNN`` instead)."""
    return _XML_ILLEGAL_RE.sub(_escaped, text)


def json_dumps(obj: Any, **options: Any) -> str:
    """``json.dumps`` (not ASCII-escaped) in which lone surrogates, such as the undecodable
    bytes of a file name, are written as ``\\udcXX`` escapes: the text is valid UTF-8."""
    text = json.dumps(obj, ensure_ascii=False, **options)
    return _SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def file_uri(path: str) -> str:
    """A relative URI reference for ``path``: ``/``-separated, every byte outside the
    unreserved set percent-encoded (the file system's original bytes for undecodable names)."""
    return quote(os.fsencode(path.replace(os.sep, "/")), safe="/!$&'()*+,;=@~")
