"""What the rules read of a Markdown or HTML article: its prose, at the same offsets.

:func:`checkable_text` returns a text of the SAME code-point length as the article in which
everything that is not prose is blanked with spaces (line breaks kept, so lines and columns
are unchanged): in ``.md``/``.markdown``, YAML front matter, fenced and indented code blocks,
inline code and link targets; in ``.html``/``.htm``, tags, comments, ``<script>``/``<style>``
content and the parts of character references. Every offset a rule reports is therefore an
offset into the original file, which is what reports, baselines and ``fix`` use.

A character reference (``&rsquo;``, ``&#8217;``) is replaced by the character it stands for,
padded with spaces to its length; block-level tags become line breaks so that paragraphs stay
apart. Markdown is parsed with markdown-it-py (CommonMark), HTML with the standard library's
tokenizer (which reports where every tag starts).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from mtcheck.lang import regex_cache

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")

_FRONT_MATTER_RE = regex_cache.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
_INLINE_CODE_RE = regex_cache.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LINK_TARGET_RE = regex_cache.compile(r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"\n]*\")?\)")
_AUTOLINK_RE = regex_cache.compile(r"<(?:https?|mailto|ftp):[^>\s]*>")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table td th title tr ul".split()
)
_NON_PROSE = frozenset({"script", "style", "code", "pre", "template", "noscript", "svg", "math", "head"})


def kind_of(path: str) -> str | None:
    """``"markdown"``, ``"html"`` or ``None`` (plain text), from the file name."""
    lower = path.lower()
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    return None


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _line_offsets(text: str) -> list[int]:
    """Offsets where each ``\\n``-separated line starts (markdown-it and HTMLParser count lines so)."""
    return [0, *(m.end() for m in re.finditer("\n", text))]


def markdown_checkable(text: str) -> str:
    """``text`` with front matter, code blocks, inline code and link targets blanked."""
    from markdown_it import MarkdownIt

    chars = list(text)
    front = _FRONT_MATTER_RE.match(text)
    if front:
        _blank(chars, 0, front.end())
    starts = _line_offsets(text)
    starts.append(len(text))
    prose: list[tuple[int, int]] = []
    for token in MarkdownIt("commonmark").parse("".join(chars)):
        if token.map is None:
            continue
        lo, hi = starts[min(token.map[0], len(starts) - 1)], starts[min(token.map[1], len(starts) - 1)]
        if token.type in ("fence", "code_block", "html_block"):
            if token.type != "html_block" or not token.content.lstrip().startswith("<!--"):
                _blank(chars, lo, hi)
        elif token.type == "inline":
            prose.append((lo, hi))
    for lo, hi in prose:
        segment = text[lo:hi]
        for pattern in (_INLINE_CODE_RE, _LINK_TARGET_RE, _AUTOLINK_RE):
            for m in pattern.finditer(segment):
                first = lo + m.start() + (1 if pattern is _LINK_TARGET_RE else 0)
                _blank(chars, first, lo + m.end())
    return "".join(chars)


class _Blanker(HTMLParser):
    """Walks an HTML text, blanking everything but prose into ``chars``."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.chars = list(text)
        self.starts = _line_offsets(text)
        self.skip_depth = 0
        self.prose_until = 0

    def _here(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def _tag(self, name: str) -> None:
        start = self._here()
        raw = self.get_starttag_text() or ""
        end = start + len(raw) if raw else self.text.find(">", start) + 1 or len(self.text)
        _blank(self.chars, start, end)
        if name in _BLOCK_TAGS and end - start >= 2 and "\n" not in self.text[start:end]:
            self.chars[start] = "\n"
            self.chars[start + 1] = "\n"

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._tag(tag)
        if tag in _NON_PROSE:
            self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._tag(tag)

    def handle_endtag(self, tag: str) -> None:
        start = self._here()
        end = self.text.find(">", start) + 1 or len(self.text)
        _blank(self.chars, start, end)
        if tag in _BLOCK_TAGS and end - start >= 2 and "\n" not in self.text[start:end]:
            self.chars[start] = "\n"
            self.chars[start + 1] = "\n"
        if tag in _NON_PROSE and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            start = self._here()
            _blank(self.chars, start, start + len(data))

    def _reference(self, raw: str, value: str) -> None:
        start = self._here()
        if self.skip_depth or not self.text.startswith(raw, start):
            _blank(self.chars, start, start + len(raw))
            return
        _blank(self.chars, start, start + len(raw))
        if len(value) == 1:
            self.chars[start] = value if value not in "\r\n" else " "

    def handle_entityref(self, name: str) -> None:
        raw = f"&{name};" if self.text.startswith(f"&{name};", self._here()) else f"&{name}"
        self._reference(raw, html.unescape(raw))

    def handle_charref(self, name: str) -> None:
        raw = f"&#{name};" if self.text.startswith(f"&#{name};", self._here()) else f"&#{name}"
        self._reference(raw, html.unescape(raw))

    def _blank_here(self, length: int) -> None:
        start = self._here()
        _blank(self.chars, start, min(len(self.text), start + length))

    def handle_comment(self, data: str) -> None:
        self._blank_here(len(data) + 7)

    def handle_decl(self, decl: str) -> None:
        self._blank_here(len(decl) + 3)

    def handle_pi(self, data: str) -> None:
        self._blank_here(len(data) + 3)

    def unknown_decl(self, data: str) -> None:
        self._blank_here(len(data) + 5)


def html_checkable(text: str) -> str:
    """``text`` with tags, comments, scripts, styles and character references blanked."""
    blanker = _Blanker(text)
    blanker.feed(text)
    blanker.close()
    return "".join(blanker.chars)


def checkable_text(path: str, text: str) -> str:
    """The text the rules read for the article at ``path`` (see the module doc): ``text``
    itself for plain text; always the same length as ``text``."""
    kind = kind_of(path)
    if kind == "markdown":
        out = markdown_checkable(text)
    elif kind == "html":
        out = html_checkable(text)
    else:
        return text
    assert len(out) == len(text)
    return out
