"""Casing with the parse (G110) and organisation names built on place names.

:func:`organisation_spans` finds names such as "Olympique de Marseille", "Tribune de Genève",
"Radio Londres" or "Nice-Matin" (data: ``data/<lang>/organisation_names.toml``): the place in
them is part of a proper name, so the untranslated rules leave it alone.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from mtcheck.document import Document
from mtcheck.findings import Severity, Suggestion
from mtcheck.lang import LanguageData
from mtcheck.lang import regex_cache
from mtcheck.rules.grammar_support import SyntaxRule, capitalised

_CAP = r"(?:[A-ZÀ-ÖØ-Þ][\w’'-]*)"
_CANDIDATE_RE = re.compile(r"(?<=[a-z] )([A-Z][a-z]{2,})\b")
_DETERMINERS = frozenset("the a an this that these those his her its their our my your every each".split())


@lru_cache(maxsize=8)
def _organisation_regex(lang: LanguageData) -> re.Pattern[str] | None:
    table = lang.table("organisation_names")
    if not table:
        return None
    alts = [re.escape(n) for n in sorted(table.get("names", ()), key=len, reverse=True)]
    heads = "|".join(re.escape(h) for h in sorted(table.get("heads", ()), key=len, reverse=True))
    tails = [t for t in table.get("tails", ()) if not t.startswith("-")]
    glued = [t[1:] for t in table.get("tails", ()) if t.startswith("-")]
    if heads:
        alts.append(rf"(?:{heads})(?:\s+(?:de|du|des|of)\s+|\s+d['’]|\s+)(?:la\s+|le\s+|l['’])?{_CAP}(?:[\s-]{_CAP})?")
    if tails:
        alts.append(rf"{_CAP}\s+(?:{'|'.join(map(re.escape, tails))})")
    if glued:
        alts.append(rf"{_CAP}-(?:{'|'.join(map(re.escape, glued))})")
    return regex_cache.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")


def organisation_spans(text: str, lang: LanguageData) -> list[tuple[int, int]]:
    """Spans of organisation names that contain a place name (never exonyms to translate)."""
    regex = _organisation_regex(lang)
    return [] if regex is None else [m.span() for m in regex.finditer(text)]


class CapitalisedAfterDeterminer(SyntaxRule):
    """A common noun capitalised after a determiner or adjective ("despite the Rain").

    The plain casing rule (C002) stays away from words after "the"/"a", where names are
    common ("the Kremlin"). With the parse and the rest of the article this rule can decide:
    the word is a noun standing alone (no capitalised neighbour, not the first word of a
    compound name), the article uses the same word in lower case elsewhere, and never
    capitalises it elsewhere mid-sentence. Known names and institutions are left alone.
    """

    code = "G110"
    name = "capitalised-noun-after-determiner"
    category = "casing"
    severity = Severity.WARNING
    specificity = 55
    bad = (
        "Heavy rain fell all night. The match went ahead despite the Rain.",
        "The strike began on Monday. Union leaders said the Strike would last a week.",
    )
    good = (
        "Heavy rain fell all night. The match went ahead despite the rain.",
        "The river rose overnight. Officials closed the Thames Barrier.",
        "The government met. The Government of Quebec said the government would wait.",
        "He joined the army in 1990 and left the Army in 2001 after the Army reforms.",
    )
    syntax_prefilter = None  # the test needs the whole article: see check()

    def check(self, doc: Document, ctx):
        if ctx.syntax is None:
            return
        lower_words: dict[str, list[int]] = {}
        for t in doc.tokens:
            if t.is_word and t.text.islower():
                lower_words.setdefault(t.text, []).append(t.start)
        capitals = Counter()
        for s in doc.sentences:
            for i, t in enumerate(s.tokens):
                if i > 0 and t.is_word and capitalised(t.text):
                    capitals[t.text] += 1
        en = ctx.lang.english_table("casing")
        proper = ctx.lang.english_table("proper_nouns")
        known = {*en.get("names", ()), *en.get("institutional", ()), *en.get("titles", ()), *proper.get("always", ()), *proper.get("ambiguous", ())}
        self._state = (lower_words, capitals, known)

        def candidate(sentence) -> bool:
            for m in _CANDIDATE_RE.finditer(sentence.text):
                word = m.group(1)
                at = sentence.start + m.start(1)
                if capitals[word] <= 1 and self._lower_nearby(lower_words.get(word.lower(), ()), at):
                    return True
            return False

        for parsed in ctx.syntax.sentences(candidate):
            yield from self.check_sentence(doc, parsed, ctx)

    def check_sentence(self, doc, parsed, ctx):
        lower_words, capitals, known = self._state
        toks = parsed.tokens
        for t in toks[1:]:
            word = t.text
            if not capitalised(word) or len(word) < 3 or word in known or ctx.glossary.allows(word):
                continue
            prev = toks[t.i - 1]
            if not prev.text.isalpha() or not prev.text.islower() or not (prev.lower in _DETERMINERS or prev.pos == "ADJ"):
                continue
            if t.i >= 3 and toks[t.i - 2].lower == "of" and toks[t.i - 3].text[:1].isupper():
                continue  # "The Son of a Migrant": inside a title
            if capitals[word] > 1 or t.tag in ("NNPS", "NNS") or word.endswith("s") or not self._lower_nearby(lower_words.get(word.lower(), ()), t.start):
                continue
            nxt = toks[t.i + 1] if t.i + 1 < len(toks) else None
            if nxt is not None and (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.lower in ("of", "de", "'s", "’s", "'", "’")):
                continue
            if _inside_quotes(parsed.sentence.text, t.start - parsed.start):
                continue
            if t.pos not in ("NOUN", "PROPN", "VERB", "ADJ") or t.dep == "compound" and t.head > t.i:
                continue
            yield self.finding(
                doc,
                t.start,
                t.end,
                f"“{word}” is capitalised here but written “{word.lower()}” elsewhere in the article",
                [Suggestion(word.lower(), 0.75)],
            )

    @staticmethod
    def _lower_nearby(offsets, at: int, window: int = 1500) -> bool:
        """The lower-case form occurs within ``window`` characters (the same stretch of the article)."""
        return any(abs(o - at) <= window for o in offsets)


def _inside_quotes(text: str, offset: int) -> bool:
    """An odd number of quotation marks before ``offset`` in the sentence: a quoted title."""
    before = text[:offset]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


RULES_CASING = (CapitalisedAfterDeterminer(),)
