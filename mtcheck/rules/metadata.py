"""Metadata-leak rules (family M): tags, slugs, enrichment blocks and duplicated paragraphs in the body."""

from __future__ import annotations

from collections import Counter

import re
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext

_LINE_RE = regex_cache.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BULLET_RE = regex_cache.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+\S")
_SLUG_LINE_RE = regex_cache.compile(
    r"^\s*(?=[^\n]*[a-z0-9]-[a-z0-9])[a-z0-9]+(?:-[a-z0-9]+)*(?:\s*[,|/]\s*[a-z0-9]+(?:-[a-z0-9]+)*)*\s*$"
)
_WORD_RE = regex_cache.compile(r"[^\W_]+(?:['’][^\W_]+)?")


_SPACE_RE = regex_cache.compile(r"\s+")


def _squash(text: str) -> str:
    """``text`` with every whitespace run collapsed to one space, trimmed."""
    return _SPACE_RE.sub(" ", text).strip()


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end including the line break, content without it) for every line."""
    out = []
    for m in _LINE_RE.finditer(text):
        if m.start() == m.end():
            break
        out.append((m.start(), m.end(), m.group().rstrip("\r\n")))
    return out


def _markers(ctx: RuleContext, key: str) -> tuple[str, ...]:
    return tuple(ctx.lang.english_table("metadata_markers").get(key, ()))


class TagLine(Rule):
    """A tag, navigation or credit line of the web page left in the article body.

    "Tags: …", "Keywords: …", "Read also: …", "Photo: … / AFP", "© AFP" and the like
    are page furniture, not article text; taxonomy slug lines right after them belong to
    the same leak. Article credits ("Additional reporting by …", "This article was
    translated from …") are not flagged.
    """

    code = "M001"
    name = "tag-line"
    category = "metadata-leak"
    severity = Severity.WARNING
    specificity = 70
    bad = (
        "The vote is on Tuesday.\nRead also: Budget 2026: what changes for your taxes\nThe left is divided.",
        "Prices rose.\nTags: inflation, ECB, purchasing power\neconomy-and-finance\n",
        "Prices rose.\n© AFP\n",
    )
    good = (
        "Additional reporting by Lucy Fisher in London.",
        "This article was translated from the original in French by Lara Bullens.",
        "He said tags were missing. Read also the report.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        markers = sorted(_markers(ctx, "tag_line"), key=len, reverse=True)
        if not markers:
            return
        head = regex_cache.compile(
            r"^\s*(?:(" + "|".join(map(re.escape, markers)) + r")\s*(?::|\s[-–|]\s)|(©|\(c\))\s*\w)",
            re.IGNORECASE,
        )
        lines = _lines(doc.text)
        i = 0
        while i < len(lines):
            start, end, content = lines[i]
            m = head.match(content)
            if not m or len(content) > 300:
                i += 1
                continue
            j = i + 1
            while j < len(lines) and _SLUG_LINE_RE.match(lines[j][2]):
                end = lines[j][1]
                j += 1
            label = (m.group(1) or "©").strip()
            yield self.finding(
                doc,
                start + len(content) - len(content.lstrip()),
                end,
                f"“{label}” line is page metadata, not article text",
                [""],
                confidence=0.85,
            )
            i = j


class CategorySlug(Rule):
    """A website category slug in the text: "war-and-conflicts", "general-news".

    Page taxonomy slugs are kebab-case chains of nouns ("economy-and-finance"); they leak
    into the body with scraped articles or generated notes. Ordinary compounds with a
    joiner ("hit-and-run", "cost-of-living", "face-to-face") are never flagged, nor is a
    slug-like token followed by the noun it modifies.
    """

    code = "M002"
    name = "category-slug"
    category = "metadata-leak"
    severity = Severity.WARNING
    specificity = 65
    bad = (
        "setting traps for all involved in the war-and-conflicts and politics of general-news.",
        "Prices rose again.\neconomy-and-finance\n",
    )
    good = (
        "A hit-and-run, a cost-of-living crisis and face-to-face talks in a state-of-the-art room.",
        "The real-world test of a pro-business, fake-news, wait-and-see, high-tech policy.",
        "It was neck-and-neck.",
    )

    _TOKEN_RE = regex_cache.compile(r"(?<![\w-])[a-z]+(?:-[a-z]+)+(?![\w-])")
    _PREFIXES = frozenset(
        "pro anti post pre non geo co ex re inter multi cross mid semi sub super fake real "
        "breaking top latest world local".split()
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        heads = frozenset(_markers(ctx, "slug_heads"))
        chain_heads = frozenset(_markers(ctx, "chain_heads"))
        joiners = frozenset(_markers(ctx, "slug_joiners"))
        known = frozenset(_markers(ctx, "known_compounds"))
        line_spans = []
        for start, end, content in _lines(text):
            if _SLUG_LINE_RE.match(content) and content.strip().lower() not in known:
                lead = len(content) - len(content.lstrip())
                line_spans.append((start + lead, end))
                yield self.finding(
                    doc, start + lead, end, "line holding only a category slug", [""], confidence=0.8
                )
        for m in self._TOKEN_RE.finditer(text):
            if any(s <= m.start() < e for s, e in line_spans):
                continue
            token = m.group()
            if token in known:
                continue
            parts = token.split("-")
            after = text[m.end() : m.end() + 12]
            ends_phrase = re.match(r"\s*(?:[.,;:!?)]|$|and\b|or\b)", after) is not None
            if not ends_phrase:
                continue
            last = parts[-1]
            chain = (
                len(parts) >= 3
                and any(p in joiners for p in parts[1:-1])
                and all(len(p) >= 3 for p in parts if p not in joiners)
                and (last in chain_heads or (last.endswith("s") and len(last) > 4))
            )
            headed = len(parts) == 2 and last in heads and parts[0] not in self._PREFIXES and len(parts[0]) >= 4
            if not (chain or headed):
                continue
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                f"“{token}” looks like a website category slug",
                [token.replace("-", " ")],
                confidence=0.4,
            )


class EnrichmentBlock(Rule):
    """A block of machine-generated notes appended to the article ("Enrichment Data:" …).

    Pipelines that "enrich" scraped news leave a marker line followed by summary bullets.
    A strong marker ("Enrichment Data:") opens a block that runs to the end of the text;
    a weak one ("Overall:", "Key takeaways:") only when bullet lines follow, up to the last
    bullet. The whole block is one finding, to delete.
    """

    code = "M003"
    name = "enrichment-block"
    category = "metadata-leak"
    severity = Severity.ERROR
    specificity = 90
    bad = (
        "Putin met Trump.\nEnrichment Data:\nOverall: the talks matter.\n- Point one.\n- Point two.\n",
        "Putin met Trump.\nKey takeaways:\n- Russia wants a deal.\n- Ukraine refuses.\n",
    )
    good = (
        "Putin met Trump.\nOverall, the talks were cordial.\n- He said so.",
        "Key takeaways: none yet, officials said.\nThe talks go on.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        strong = _markers(ctx, "enrichment_strong")
        weak = _markers(ctx, "enrichment_weak")

        def marker_re(words: tuple[str, ...]) -> re.Pattern[str]:
            alt = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
            return regex_cache.compile(rf"^\s*(?:{alt})\s*:", re.IGNORECASE)

        strong_re, weak_re = marker_re(strong), marker_re(weak)
        lines = _lines(text)
        i = 0
        while i < len(lines):
            start, _, content = lines[i]
            lead = len(content) - len(content.lstrip())
            if strong and strong_re.match(content):
                end = len(text.rstrip()) if text.rstrip() else len(text)
                tail = re.match(r"\r\n|\r|\n", text[end:])
                end += tail.end() if tail else 0
                yield self.finding(
                    doc,
                    start + lead,
                    end,
                    "machine-generated “enrichment” notes appended to the article",
                    [""],
                    confidence=0.9,
                )
                return
            m = weak_re.match(content) if weak else None
            if m and not content[m.end() :].strip():
                j, last_bullet, bullets = i + 1, None, 0
                while j < len(lines):
                    line = lines[j][2]
                    if _BULLET_RE.match(line):
                        bullets, last_bullet = bullets + 1, j
                    elif line.strip() and (len(line.split()) > 8 or line.rstrip().endswith(".")):
                        break
                    j += 1
                if bullets >= 2 and last_bullet is not None:
                    yield self.finding(
                        doc,
                        start + lead,
                        lines[last_bullet][1],
                        f"generated “{content.strip()}” notes appended to the article",
                        [""],
                        confidence=0.7,
                        severity=Severity.WARNING,
                    )
                    i = last_bullet + 1
                    continue
            i += 1


class DuplicatedPassage(Rule):
    """A paragraph or long sentence that repeats an earlier one (appended duplicate).

    Scrapers and enrichment steps append passages already in the article. A paragraph or
    sentence of at least twelve words whose word trigrams overlap an earlier one's by 80 %
    (Jaccard) is flagged, the later copy. Only an exact repeat (identical once whitespace is
    collapsed) carries a deletion: a near copy may differ by a name, a number or a verdict,
    so it is reported for an editor with no automatic fix.
    """

    code = "M004"
    name = "duplicated-passage"
    category = "metadata-leak"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "Putin said on Thursday that he would welcome Trump in Moscow for the May 9 festivities.\n"
        "Markets rose.\n"
        "Putin said on Thursday that he would welcome Trump in Moscow for the May 9 festivities.",
    )
    good = (
        "Putin said on Thursday that he would welcome Trump in Moscow for the May 9 festivities.\n"
        "Zelensky said on Friday that he would not welcome any deal made without Ukraine at the table.",
    )

    MIN_WORDS = 12
    THRESHOLD = 0.8
    MAX_PER_TRIGRAM = 8
    MAX_CANDIDATES = 8

    @staticmethod
    def _trigrams(text: str) -> frozenset[tuple[str, ...]]:
        words = [w.lower() for w in _WORD_RE.findall(text)]
        return frozenset(zip(words, words[1:], words[2:]))

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        units: list[tuple[int, int, bool]] = [(s, e, True) for s, e in doc.paragraphs]
        units += [(s.start, s.end, False) for s in doc.sentences]
        seen: list[tuple[int, int, frozenset[tuple[str, ...]]]] = []
        exact: dict[str, int] = {}
        index: dict[tuple[str, ...], list[int]] = {}
        last_flagged = (-1, -1)
        for start, end, is_paragraph in sorted(units, key=lambda u: (u[0], not u[2])):
            body = text[start:end]
            if len(_WORD_RE.findall(body)) < self.MIN_WORDS:
                continue
            grams = self._trigrams(body)
            key = _squash(body)
            match = self._earlier_copy(grams, key, start, end, seen, exact, index)
            inside_flagged = last_flagged[0] <= start and end <= last_flagged[1]
            if match and not inside_flagged:
                s0, e0, identical = match
                line, _ = doc.line_col(s0)
                unit = "paragraph" if is_paragraph else "sentence"
                if identical:
                    yield self.finding(doc, start, end, f"{unit} repeats an earlier one (line {line})",
                                       [""], confidence=0.75)
                else:
                    yield self.finding(doc, start, end, f"{unit} nearly repeats an earlier one (line {line}); "
                                       "compare them: they differ in wording")
                last_flagged = (start, end)
            for g in grams:
                bucket = index.setdefault(g, [])
                if len(bucket) < self.MAX_PER_TRIGRAM:
                    bucket.append(len(seen))
            exact.setdefault(key, len(seen))
            seen.append((start, end, grams))

    def _earlier_copy(self, grams, key, start, end, seen, exact, index) -> tuple[int, int, bool] | None:
        """The span of an earlier unit this one repeats and whether the repeat is exact
        (whitespace aside): an exact copy first, else the few earlier units sharing most
        trigrams (bounded work, so archives stay linear)."""
        k = exact.get(key)
        if k is not None:
            s0, e0, _ = seen[k]
            if not (s0 < end and start < e0):
                return s0, e0, True
        shared = Counter(k for g in grams for k in index.get(g, ()))
        for k, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[: self.MAX_CANDIDATES]:
            s0, e0, other = seen[k]
            if s0 < end and start < e0:
                continue
            if len(grams & other) / len(grams | other) >= self.THRESHOLD:
                return s0, e0, False
        return None


RULES: tuple[Rule, ...] = (TagLine(), CategorySlug(), EnrichmentBlock(), DuplicatedPassage())
