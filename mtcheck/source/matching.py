"""How the source-aware rules match source items in the target: clauses, similar names,
derived forms, French-leaning words and English renderings of values."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from mtcheck.source.anchors import Anchors, source_anchors
from mtcheck.source.lexicon import WORD_RE, fold
from mtcheck.source.quantities import Kind
from mtcheck.source.names import spelling_variant
from mtcheck.source.signals import edit_distance

if TYPE_CHECKING:
    from mtcheck.source.align import AlignedPair
    from mtcheck.source.context import SourceContext
    from mtcheck.source.quantities import Quantity


# A comma between digits is a French decimal comma ("3,2 millions"), not a clause boundary.
_CLAUSE_SPLIT = re.compile(r"\s*(?:(?<!\d),|,(?!\d)|[;:()–—])\s*|\s+(?=(?:mais|tandis que|alors que|dont)\s)")


def missing_clause(src: SourceContext, pair: AlignedPair, t_len: int) -> str | None:
    """A clause of the pair's source (between commas, semicolons, "mais"...) of at least six
    words, with a number or a name, whose anchors (translatable words, numbers, names; three
    or more) are all absent
    from the target, while the rest of the source is found there and the target is as short
    as a translation without that clause would be."""
    target = Anchors.merge(src.target_anchors[i] for i in pair.target)
    clauses = [c for c in _CLAUSE_SPLIT.split(src.source_text(pair)) if c and c.strip()]
    if len(clauses) < 2:
        return None
    s_len = sum(len(src.sentences[i].text) for i in pair.source)
    missing, found = None, 0
    for clause in clauses:
        a = source_anchors(clause, src.lang)
        hits = len(a.words & target.words) + len(a.numbers & target.numbers) + len(a.names & target.names)
        found += hits
        anchors = len(a.words) + len(a.numbers) + len(a.names)
        short = t_len <= _LENGTH_RATIO * (s_len - 0.6 * len(clause))
        content = a.numbers or a.names  # a clause with no number or name may be condensed away
        if hits == 0 and anchors >= 3 and len(clause.split()) >= 6 and short and content and missing is None:
            missing = clause
    return missing if missing is not None and found >= 3 else None


_LENGTH_RATIO = 0.92  # English characters per French character (as in the aligner)


def english_value(q: Quantity) -> str:
    """A source number written the English way ("3 millions" -> "3 million", "1 200 000" ->
    "1,200,000", "17,7" -> "17.7"); empty for anything else (times, months, number words)."""
    if q.kind is not Kind.NUMBER or q.text.isalpha():
        return ""
    v = q.value
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if v >= scale and "m" in q.text.lower():  # written with a scale word (millions, milliards)
            return f"{v / scale:g} {word}"
    decimals = len(repr(v).split(".")[1].rstrip("0")) if v % 1 else 0
    return f"{v:,.{decimals}f}"


def similar_word(text: str, forms: tuple[str, ...], known: set[str]) -> tuple[int, int, str] | None:
    """The capitalised word of ``text`` closest to one of ``forms`` (a changed spelling):
    one edit away, or two for names of seven letters or more; words that render another
    source name, translate it (Conseil -> Council) or spell it the other English way
    (Organisation -> Organization) are not candidates."""
    best = None
    for m in re.finditer(r"[^\W\d_][\w-]*", text):
        w = m.group()
        if not w[0].isupper() or fold(w) in known:
            continue
        for form in forms:
            if len(form) < 5 or fold(w) == fold(form):
                continue
            d = edit_distance(fold(w), fold(form), 2)
            if d > (2 if len(form) >= 7 else 1) or _cognate(form, w) or spelling_variant(form, w):
                continue
            if fold(w) + "s" == fold(form) or fold(form) + "s" == fold(w):
                continue  # a family's or dynasty's plural: les Bourbons -> the Bourbon dynasty
            if best is None or d < best[0]:
                best = (d, m.start(), m.end(), w)
    return best[1:] if best else None


@lru_cache(maxsize=4096)
def _cognate(french: str, english: str) -> bool:
    """A common French word and the common English word that translates it (Parti -> Party,
    Conseil -> Council): a translation, not a changed spelling."""
    from mtcheck.lang.frequency import zipf_frequency

    from mtcheck.source.lexicon import word_pairs

    fr, en = french.lower(), english.lower()
    if en in word_pairs().get(fr, ()):
        return True  # the dictionary pairs them: Musée -> Museum
    return (zipf_frequency(fr, "fr") >= 4.5 and zipf_frequency(en, "en") >= 4.5
            and zipf_frequency(fr, "en") <= zipf_frequency(fr, "fr") - 1.5)


def squash(text: str) -> str:
    return " ".join(fold(m.group()) for m in WORD_RE.finditer(text))


def shares_stem(name: str, text: str) -> bool:
    """Whether a word of ``text`` starts like ``name`` (at least 5 letters, all but 5 of it)."""
    if name.isupper():
        return False
    prefix = fold(name)[: max(5, len(name) - 5)]
    return len(prefix) >= 5 and re.search(r"(?<!\w)" + re.escape(prefix), fold(text)) is not None


@lru_cache(maxsize=4096)
def french_name(word: str) -> bool:
    """A name much more frequent in French than in English: likely a French exonym or a
    French common noun in a name English translates (Canicule info service -> heatwave helpline)."""
    from mtcheck.lang.frequency import zipf_frequency

    fr, en = zipf_frequency(word.lower(), "fr"), zipf_frequency(word.lower(), "en")
    return fr >= 3.0 and fr - en >= 2.0


@lru_cache(maxsize=8192)
def french_leaning(word: str) -> bool:
    """Whether a word shared by source and target is more French than English (wordfreq)."""
    from mtcheck.lang.frequency import zipf_frequency

    w = word.lower()
    return zipf_frequency(w, "fr") > zipf_frequency(w, "en")


def shared_cognate(sentence: str, others: str, target: str) -> bool:
    """Whether a word of ``sentence`` (six letters or more, not in ``others``) starts with
    the same six letters as a word of ``target``: a cognate (préfecture, prefecture) that
    shows the sentence is translated there, merged with its neighbour."""
    def prefixes(text: str) -> set[str]:
        return {fold(m.group())[:6] for m in WORD_RE.finditer(text) if len(m.group()) >= 6}

    return bool((prefixes(sentence) - prefixes(others)) & prefixes(target))

