"""Bilingual files read directly: XLIFF 1.2 and 2.0, TMX, gettext PO, SRT/WebVTT pairs.

Structure is parsed by lxml (XLIFF, TMX) and polib (PO); only the target side is checked as
English. A :class:`Bilingual` holds the target units joined into one text (one unit per
line) with a map from every offset of that text back to the original file, so that every
finding points at the target text in the file the user wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from mtcheck.errors import UsageError

from mtcheck.source.formats import BILINGUAL_SUFFIXES, SUBTITLE_SUFFIXES, XLIFF_SUFFIXES, is_bilingual

__all__ = ["BILINGUAL_SUFFIXES", "SUBTITLE_SUFFIXES", "Bilingual", "is_bilingual", "read_bilingual", "read_subtitles"]


@dataclass
class Bilingual:
    """Source and target units of a bilingual file, and the target's offsets in the file."""

    original: str
    target_text: str = ""
    source_text: str = ""
    segments: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    """``offsets[i]``: where ``target_text[i]`` is in ``original`` (one more entry for the end)."""
    units: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, id) of each unit's target text in ``original``."""

    def add(self, unit_id: str, source: str, target: str, target_offsets: list[int]) -> None:
        """Append one unit; ``target_offsets`` maps each target character into the file."""
        if self.target_text:
            self.offsets.append(self.offsets[-1] if self.offsets else 0)
            self.target_text += "\n"
            self.source_text += "\n"
        s0, t0 = len(self.source_text), len(self.target_text)
        self.source_text += source
        self.target_text += target
        self.offsets.extend(target_offsets)
        self.segments.append(((s0, len(self.source_text)), (t0, len(self.target_text))))
        start = target_offsets[0] if target_offsets else (self.offsets[-1] if self.offsets else 0)
        end = target_offsets[-1] + 1 if target_offsets else start
        self.units.append((start, end, unit_id))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """A span of ``target_text`` as a span of ``original``."""
        if not self.offsets:
            return 0, 0
        s = self.offsets[min(start, len(self.offsets) - 1)]
        e = self.offsets[min(end - 1, len(self.offsets) - 1)] + 1 if end > start else s
        return s, max(s, e)


# --- XML (XLIFF, TMX): lxml parses; offsets of a target's content are then read off the raw text.

_ENTITY_RE = re.compile(r"&(#x[0-9a-fA-F]+|#\d+|\w+);")


def _content_offsets(raw: str, start: int, tag: str) -> tuple[str, list[int], int]:
    """Text and per-character file offsets of the element content starting at ``start``
    (just after the start tag) up to its ``</tag>``; inline tags are skipped."""
    text: list[str] = []
    offs: list[int] = []
    i, depth = start, 0
    close = re.compile(rf"</(?:[\w.-]+:)?{tag}\s*>")
    while i < len(raw):
        c = raw[i]
        if c == "<":
            if raw.startswith("<![CDATA[", i):
                end = raw.index("]]>", i)
                for k in range(i + 9, end):
                    text.append(raw[k])
                    offs.append(k)
                i = end + 3
                continue
            m = close.match(raw, i)
            if m and depth == 0:
                return "".join(text), offs, i
            end = raw.index(">", i)
            i = end + 1
            continue
        if c == "&":
            from html import unescape

            m = _ENTITY_RE.match(raw, i)
            if m:
                text.append(unescape(m.group()))
                offs.append(i)
                i = m.end()
                continue
        if c == "\r" and raw.startswith("\r\n", i):
            i += 1
            continue
        text.append(c)
        offs.append(i)
        i += 1
    raise UsageError("cannot find the end of a <" + tag + "> element")


def _xml_root(raw: str):
    from lxml import etree

    data = re.sub(r"^\ufeff?<\?xml[^>]*\?>", "", raw, count=1).encode("utf-8")
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise UsageError(f"not well-formed XML: {exc}") from None


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el) -> str:
    return "".join(el.itertext())


class _Locator:
    """Finds the raw start of successive elements of one tag name, in document order."""

    def __init__(self, raw: str):
        self.raw = raw
        self.cursor = 0
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", raw)]

    def content(self, el, tag: str) -> tuple[str, list[int]]:
        line = max(0, (el.sourceline or 1) - 1)
        begin = max(self.cursor, self.line_starts[min(line, len(self.line_starts) - 1)])
        m = re.compile(rf"<(?:[\w.-]+:)?{tag}\b[^>]*?(/?)>").search(self.raw, begin)
        if m is None:
            raise UsageError(f"cannot locate a <{tag}> element")
        if m.group(1):
            self.cursor = m.end()
            return "", []
        text, offs, end = _content_offsets(self.raw, m.end(), tag)
        self.cursor = end
        return text, offs


def _checked(text: str, offs: list[int], expected: str, where: str) -> tuple[str, list[int]]:
    if text.replace("\r\n", "\n") != expected.replace("\r\n", "\n"):
        raise UsageError(f"{where}: cannot map the target text back into the file")
    return text, offs


def read_xliff(raw: str) -> Bilingual:
    """XLIFF 1.2 (``trans-unit``) or 2.0 (``unit``/``segment``): target texts and unit ids."""
    root = _xml_root(raw)
    out = Bilingual(raw)
    loc = _Locator(raw)
    version = root.get("version", "")
    for el in root.iter():
        name = _local(el.tag)
        if name == "trans-unit" or (name == "segment" and version.startswith("2")):
            src = next((c for c in el if _local(c.tag) == "source"), None)
            tgt = next((c for c in el if _local(c.tag) == "target"), None)
            if src is None or tgt is None:
                continue
            unit_id = el.get("id") or ""
            if name == "segment":
                parent = el.getparent()
                unit_id = (parent.get("id") or "") + (f"/{el.get('id')}" if el.get("id") else "")
            text, offs = _checked(*loc.content(tgt, "target"), _text(tgt), f"unit {unit_id}")
            out.add(unit_id, _text(src), text, offs)
    if not out.segments:
        raise UsageError("no translated units (source and target) in this XLIFF file")
    return out


def read_tmx(raw: str, source_lang: str = "fr", target_lang: str = "en") -> Bilingual:
    """TMX: each ``tu``'s source-language and English ``seg``."""
    root = _xml_root(raw)
    out = Bilingual(raw)
    loc = _Locator(raw)
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tu in root.iter("tu"):
        segs = {}
        for tuv in tu.iter("tuv"):
            lang = (tuv.get(xml_lang) or tuv.get("lang") or "").lower().split("-")[0]
            seg = next(tuv.iter("seg"), None)
            if seg is not None:
                segs[lang] = seg
        src, tgt = segs.get(source_lang), segs.get(target_lang)
        for seg in segs.values():  # keep the cursor in document order
            if seg is tgt:
                text, offs = _checked(*loc.content(tgt, "seg"), _text(tgt), f"tu {tu.get('tuid', '')}")
            elif seg is not None:
                loc.content(seg, "seg")
        if src is not None and tgt is not None:
            out.add(tu.get("tuid") or "", _text(src), text, offs)
    if not out.segments:
        raise UsageError(f"no translation units with {source_lang} and {target_lang} in this TMX file")
    return out


# --- gettext PO: polib parses; offsets come from the quoted msgstr lines.

_MSGSTR_RE = re.compile(r'^msgstr(?:\[0\])?[ \t]+"', re.MULTILINE)
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _po_string(raw: str, i: int) -> tuple[str, list[int], int]:
    """Decode the quoted string(s) starting at the quote ``raw[i]``; continuation lines too."""
    text: list[str] = []
    offs: list[int] = []
    while i < len(raw) and raw[i] == '"':
        i += 1
        while raw[i] != '"':
            if raw[i] == "\\":
                text.append(_ESCAPES.get(raw[i + 1], raw[i + 1]))
                offs.append(i)
                i += 2
            else:
                text.append(raw[i])
                offs.append(i)
                i += 1
        i += 1
        m = re.compile(r'[ \t]*\r?\n[ \t]*(?=")').match(raw, i)
        if not m:
            break
        i = m.end()
    return "".join(text), offs, i


def read_po(raw: str) -> Bilingual:
    """gettext PO: msgid (source) and msgstr (target) of every translated entry."""
    import polib

    try:
        po = polib.pofile(raw)
    except (OSError, ValueError) as exc:
        raise UsageError(f"not a valid PO file: {exc}") from None
    out = Bilingual(raw)
    cursor = 0
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", raw)]
    for entry in po:
        if entry.obsolete:
            continue
        begin = max(cursor, line_starts[max(0, min(entry.linenum - 1, len(line_starts) - 1))])
        m = _MSGSTR_RE.search(raw, begin)
        if m is None:
            continue
        text, offs, cursor = _po_string(raw, m.end() - 1)
        target = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if not entry.msgid or not target.strip():
            continue
        text, offs = _checked(text, offs, target, f"entry at line {entry.linenum}")
        out.add(entry.msgctxt or "", entry.msgid, text, offs)
    if not out.segments:
        raise UsageError("no translated entries in this PO file")
    return out


# --- SRT / WebVTT subtitle pairs: the target file's cues beside the source file's.

_TIMING_RE = re.compile(
    r"^(\d{1,2}:)?\d{2}:\d{2}[,.]\d{3}\s*-->\s*(\d{1,2}:)?\d{2}:\d{2}[,.]\d{3}.*$", re.MULTILINE
)


def subtitle_cues(raw: str) -> list[tuple[float, int, int]]:
    """(start seconds, text start, text end) of every cue of an SRT or WebVTT file."""
    cues = []
    for m in _TIMING_RE.finditer(raw):
        stamp = re.match(r"(?:(\d{1,2}):)?(\d{2}):(\d{2})[,.](\d{3})", m.group())
        h, mi, s, ms = (int(x or 0) for x in stamp.groups())
        start = m.end() + 1 if raw.startswith("\n", m.end()) else m.end() + 2
        blank = re.compile(r"\r?\n[ \t]*\r?\n|\Z").search(raw, start)
        end = blank.start() if blank else len(raw)
        cues.append((h * 3600 + mi * 60 + s + ms / 1000, min(start, end), end))
    return cues


def read_subtitles(raw: str, source_raw: str) -> Bilingual:
    """A subtitle file and its source-language twin, cue by cue (matched by start time)."""
    tcues, scues = subtitle_cues(raw), subtitle_cues(source_raw)
    if not tcues or not scues:
        raise UsageError("no subtitle cues found (expected SRT or WebVTT timings 'HH:MM:SS,mmm --> ...')")
    out = Bilingual(raw)
    for n, (t_time, ts, te) in enumerate(tcues):
        if len(tcues) == len(scues):
            _, ss, se = scues[n]
        else:
            _, ss, se = min(scues, key=lambda c: abs(c[0] - t_time))
        target = re.sub(r"\r?\n", lambda m: " " * len(m.group()), raw[ts:te])
        source = re.sub(r"\r?\n", " ", source_raw[ss:se])
        out.add(str(n + 1), source, target, list(range(ts, te)))
    return out


def read_bilingual(path: str, raw: str, source_lang: str = "fr") -> Bilingual:
    """Read a bilingual file by its extension."""
    suffix = PurePath(path).suffix.lower()
    if suffix in XLIFF_SUFFIXES:
        return read_xliff(raw)
    if suffix == ".po":
        return read_po(raw)
    if suffix == ".tmx":
        return read_tmx(raw, source_lang)
    raise UsageError(f"{path}: not a bilingual file type (XLIFF, PO, TMX)")
