"""The valency table: a French word + preposition, the English calque to catch, the construction.

Loaded through :func:`mtcheck.lang.tables.valency`; see ``data/fr/valency.toml`` for the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mtcheck.lang.tables_common import LazyPattern, TableError, _as_tuple, _check_fields, build_entries

_PREPOSITIONS = frozenset({"than", "to", "of", "in", "on", "at", "for", "from", "with", "by", "about", "into", "over", "against", "towards", "under", "as"})
_VALENCY_REQUIRED = ("fr", "lemma", "prep", "pos", "construction", "bad", "good")
_VALENCY_OPTIONAL = ("replace", "verb", "next", "gap", "unless", "forms", "confidence", "note", "expect")

NEXT_CLASSES: dict[str, str] = {
    # what may follow the wrong preposition for the entry to apply
    "object": r"(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|some|any|all|each|every|both|no|several|many|such|one|two|three|four|five|six|ten|\d[\d,.]*|[A-ZÀ-Ý][\w'’-]*|\w{3,}ing|it|them|him|me|us|you|what|whom|which|everything|nothing|anything)\b",
    "any": r"[\w'’\"“-]",
    "article": r"(?:the|a|an|its|their|his|her|our|this|that|these|those|my|your)\b",
    "det": r"(?:the|its|their|his|her|our|this|that|these|those|my|your)\b",
    "ing": r"\w{3,}ing\b",
    "percent": r"(?:\d[\d.,]*\s*(?:%|per\s?cent\b|percentage points?\b|points?\b)|(?:half|a quarter of|a third of) a (?:point|percentage point)\b)",
    "number": r"(?:\d|an? (?:week|month|year|day|fortnight|decade|quarter|hour|minute|season)\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a third|a quarter|a half|half|a fifth|a tenth)\b|(?:about|around|almost|nearly|some|more than|less than|over|roughly|nearly)\s+\d)",
    "name": r"(?:[A-ZÀ-Ý][\w'’-]+)",
    "question": r"(?:the|a|an|these|this|those|that|my|his|her|their|our|your|all|any|every)\s+(?:\w+\s+)?(?:questions?|letters?|calls?|e-?mails?|requests?|appeals?|summons|invitations?|messages?|criticisms?|accusations?|demands?|quer(?:y|ies)|questionnaires?|surveys?|ultimatums?|petitions?)\b",
    "language": r"(?:English|French|German|Spanish|Italian|Arabic|Russian|Chinese|Portuguese|Dutch|Japanese|Ukrainian|Polish|Greek|Turkish|Hebrew|Persian|Hindi|Korean|\d+\s+languages|several\s+languages|many\s+languages)\b",
}
"""Named contexts for the word after the wrong preposition (``next`` field, default ``object``):
``object`` is a determiner, pronoun, number, capitalised name or ``-ing`` form — a noun phrase,
so "participate to" before an infinitive ("agreed to participate to discuss") is not taken."""


@dataclass(frozen=True)
class ValencyEntry:
    """One valency fact: a French word + preposition and the English calque to catch."""

    id: str
    fr: str
    lemma: str
    prep: str
    pos: str
    construction: str
    replace: str
    verb: str
    confidence: float
    note: str
    regex: re.Pattern[str]
    unless: tuple[re.Pattern[str], ...]
    rewrites: tuple[tuple[str, str], ...]
    forms: frozenset[str]
    bad: tuple[str, ...]
    expect: tuple[str, ...]
    good: tuple[str, ...]

    def matches(self, sentence: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """``(start, end, suggestions)`` of each calque in ``sentence`` (the span is word + preposition)."""
        if self.unless and any(u.search(sentence) for u in self.unless):
            return []
        hits = []
        for m in self.regex.finditer(sentence):
            word = m.group("word")
            if self.pos == "verb" and word.lower().endswith("ing") and _DETERMINER_BEFORE.search(sentence, 0, m.start("word")):
                continue  # "the suffering of the family": a noun, not the verb
            middle = m.group("mid") or ""
            rewritten = self._rewrite_word(word)
            tail = f" {self.replace}" if self.replace else ""
            suggestion = f"{rewritten}{middle}{tail}"
            hits.append((m.start("word"), m.end("prep"), (suggestion,)))
        return hits

    def _rewrite_word(self, word: str) -> str:
        if not self.verb:
            return word
        form = dict(self.rewrites).get(word.lower(), self.verb)
        return form[0].upper() + form[1:] if word[:1].isupper() else form

    def apply_first(self, sentence: str) -> str:
        """``sentence`` with every hit replaced by its suggestion (used by the data tests)."""
        out = sentence
        for start, end, suggestions in reversed(self.matches(sentence)):
            out = out[:start] + suggestions[0] + out[end:]
        return out


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|these|those|his|her|its|their|our|your|my|whose)\s+$", re.IGNORECASE)
"""A determiner just before an -ing form makes it a noun."""


def _inflect(lemma: str, tag: str) -> str:
    """``lemma`` inflected for the Penn ``tag`` (multi-word lemmas inflect their first word)."""
    head, _, rest = lemma.partition(" ")
    from mtcheck.lang.inflection import lemminflect

    try:
        getInflection = lemminflect().getInflection
    except ImportError:  # lemminflect absent: regular English morphology
        word = _regular_forms(head, "verb").get(tag, head)
    else:
        forms = getInflection(head, tag=tag)
        word = forms[0] if forms else head
    return f"{word} {rest}" if rest else word


def _forms(lemma: str, pos: str) -> dict[str, str]:
    """Every inflected form of ``lemma`` as ``{form: Penn tag}`` (the lemma itself included).

    lemminflect gives the forms (irregular ones included); without it, regular English
    morphology does, and entries with irregular forms list them in ``forms``.
    """
    from mtcheck.lang.inflection import lemminflect

    try:
        getAllInflections = lemminflect().getAllInflections
    except ImportError:
        return {form: tag for tag, form in reversed(list(_regular_forms(lemma, pos).items()))}
    upos = {"verb": "VERB", "noun": "NOUN", "adj": "ADJ"}[pos]
    forms: dict[str, str] = {}
    for tag, spellings in getAllInflections(lemma, upos=upos).items():
        for spelling in spellings:
            forms.setdefault(spelling.lower(), tag)
    base = {"verb": "VB", "noun": "NN", "adj": "JJ"}[pos]
    forms.setdefault(lemma.lower(), base)
    return forms


def _regular_forms(lemma: str, pos: str) -> dict[str, str]:
    """Regular English inflections of ``lemma`` as ``{Penn tag: form}``."""
    w = lemma.lower()
    if pos == "adj":
        return {"JJ": w}
    if w.endswith(("s", "x", "z", "ch", "sh")):
        third = w + "es"
    elif w.endswith("y") and w[-2:-1] not in "aeiou":
        third = w[:-1] + "ies"
    else:
        third = w + "s"
    if pos == "noun":
        return {"NN": w, "NNS": third}
    if w.endswith("e"):
        past, ing = w + "d", w[:-1] + "ing"
    elif w.endswith("y") and w[-2:-1] not in "aeiou":
        past, ing = w[:-1] + "ied", w + "ing"
    else:
        past, ing = w + "ed", w + "ing"
    return {"VB": w, "VBZ": third, "VBD": past, "VBN": past, "VBG": ing}


def build_valency_entry(raw: dict[str, Any]) -> ValencyEntry:
    """Validate and compile one ``[[entry]]`` of ``valency.toml``; raise :class:`TableError`."""
    entry_id = str(raw.get("id") or re.sub(r"[^a-z0-9]+", "-", f"{raw.get('lemma', '')} {raw.get('prep', '')}".lower()).strip("-"))
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry_id):
        raise TableError(f"entry {entry_id!r}: id must be a kebab-case slug")
    _check_fields(raw, _VALENCY_REQUIRED, ("id", *_VALENCY_OPTIONAL), entry_id)
    pos = str(raw["pos"])
    if pos not in ("verb", "noun", "adj"):
        raise TableError(f"entry {entry_id!r}: pos must be verb, noun or adj")
    prep = str(raw["prep"]).lower()
    if prep not in _PREPOSITIONS:
        raise TableError(f"entry {entry_id!r}: unknown English preposition {prep!r}")
    lemma = str(raw["lemma"])
    forms = _forms(lemma, pos)
    if "forms" in raw:
        allowed = {f.lower() for f in _as_tuple(raw["forms"], "forms", entry_id)}
        forms = {f: t for f, t in forms.items() if f in allowed}
        if not forms:
            raise TableError(f"entry {entry_id!r}: forms leave nothing to match")
    default_next = "object" if prep == "to" and pos != "noun" else "any"
    next_ctx = str(raw.get("next", default_next))
    next_re = NEXT_CLASSES.get(next_ctx)
    if next_re is None:
        raise TableError(f"entry {entry_id!r}: next must be one of {', '.join(NEXT_CLASSES)}")
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    gap = raw.get("gap", 0)
    if not isinstance(gap, int) or not 0 <= gap <= 4:
        raise TableError(f"entry {entry_id!r}: gap must be an integer from 0 to 4")
    # gap: words allowed between the word and the preposition ("reduced its staff of 10%")
    middle = rf"(?P<mid>(?:\s+[\w'’-]+){{1,{gap}}}?)" if gap else r"(?P<mid>\s+\w+ly)?"
    regex = LazyPattern(
        rf"(?<![\w'’-])(?P<word>(?i:{alternatives})){middle}\s+(?P<prep>(?i:{re.escape(prep)}))\s+(?={next_re})"
    )
    try:
        unless = tuple(LazyPattern(u, re.IGNORECASE) for u in _as_tuple(raw.get("unless", []), "unless", entry_id))
    except re.error as exc:
        raise TableError(f"entry {entry_id!r}: bad unless regex: {exc}") from exc
    confidence = float(raw.get("confidence", 0.8))
    if not 0 < confidence <= 1:
        raise TableError(f"entry {entry_id!r}: confidence must be in (0, 1]")
    bad = _as_tuple(raw["bad"], "bad", entry_id)
    good = _as_tuple(raw["good"], "good", entry_id)
    expect = _as_tuple(raw.get("expect", []), "expect", entry_id)
    if not bad or not good or (expect and len(expect) != len(bad)):
        raise TableError(f"entry {entry_id!r}: needs bad and good examples (and one expect per bad)")
    replace = str(raw.get("replace", ""))
    verb = str(raw.get("verb", ""))
    construction = str(raw["construction"])
    note = str(raw.get("note", "")) or (
        f"‘{raw['fr']}’ is ‘{construction}’ in English, not ‘{lemma} {prep}’"
    )
    return ValencyEntry(
        id=entry_id,
        fr=str(raw["fr"]),
        lemma=lemma,
        prep=prep,
        pos=pos,
        construction=construction,
        replace=replace,
        verb=verb,
        confidence=confidence,
        note=note,
        regex=regex,
        unless=unless,
        rewrites=tuple(sorted((f, _inflect(verb, t)) for f, t in forms.items())) if verb else (),
        forms=frozenset(forms),
        bad=bad,
        expect=expect,
        good=good,
    )


def _build_valency(lang: str) -> tuple[ValencyEntry, ...]:
    return build_entries(lang, "valency", build_valency_entry)
