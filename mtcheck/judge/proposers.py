"""Rewrite proposers: narrow candidate rewrites of a parsed sentence that rules cannot decide.

Each proposer is a pure function of a :class:`~mtcheck.syntax.ParsedSentence` (plus, for two
of them, a word table read from the language data) that returns :class:`Rewrite` candidates
where the sentence's structure fits one edit type. None of them decides anything: the model
rule L002 (:mod:`mtcheck.rules.judged`) keeps a rewrite only when the language model prefers
it by the edit type's calibrated margin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from mtcheck.syntax import ParsedSentence, SyntaxToken

EDIT_TYPES = ("of-compound", "adverb-before-verb", "article-drop", "lowercase", "its-it", "false-friend")
"""Every edit type, in the order the calibration lists them."""


@dataclass(frozen=True)
class Rewrite:
    """Replace ``[start, end)`` (document offsets) by ``replacement``; ``kind`` is an edit type."""

    kind: str
    start: int
    end: int
    replacement: str


_NOUNS = ("NN", "NNS")
_PROPER = ("NNP", "NNPS")
_OPENERS = frozenset(':"“‘(«—–-;')
_NOT_MOVED = frozenset(
    """not n't never so too as very here there then now just only even ever yet back together away out up down
    off forward forth aside apart along around about over through ahead home""".split()
)
_AUX = frozenset({"be", "have", "do", "will", "would", "can", "could", "may", "might", "shall", "should", "must"})
_ABSTRACT = ("tion", "sion", "ity", "ism", "ness", "ance", "ence")
"""Endings of abstract (often mass) nouns: "the inflation", "the violence", "the unity"."""
_PRONOUNS = {"she": "it", "he": "it", "his": "its", "her": "its"}


def _case_like(template: str, text: str) -> str:
    """``text`` with a capital when ``template`` starts with one."""
    return text[:1].upper() + text[1:] if template[:1].isupper() else text


def _sentence_initial(p: ParsedSentence, i: int) -> bool:
    """True when token ``i`` starts the sentence (after opening quotes)."""
    return all(not t.text[:1].isalnum() for t in p.tokens[:i])


def of_compound(p: ParsedSentence) -> list[Rewrite]:
    """"the plan of reform" → "the reform plan"; "the plan of Vladimir Putin" → "Vladimir Putin's
    plan": an "N1 of N2" with a bare N2 (a singular common noun, or a name) right after "of"."""
    toks = p.tokens
    apostrophe = "’" if "’" in p.sentence.text else "'"
    out = []
    for of in toks[1:-1]:
        if of.lower != "of" or of.dep != "prep":
            continue
        n1 = toks[of.i - 1]
        if of.head != n1.i or n1.tag not in _NOUNS or not n1.text.isalpha() or not n1.text.islower():
            continue
        objs = [c for c in p.children(of.i) if toks[c].dep == "pobj"]
        if not objs:
            continue
        n2 = toks[objs[0]]
        name = sorted(k for k in p.subtree(n2.i) if k <= n2.i)
        if name[0] != of.i + 1 or name != list(range(name[0], name[-1] + 1)):
            continue
        left = sorted(k for k in p.children(n1.i) if k < n1.i)
        if any(toks[k].dep not in ("det", "amod", "compound") for k in left) or (left and left != list(range(left[0], n1.i))):
            continue
        det = [k for k in left if toks[k].dep == "det"]
        if det and toks[det[0]].lower not in ("the", "a", "an"):
            continue
        mods = [k for k in left if toks[k].dep != "det"]
        first = toks[left[0]] if left else n1
        head_words = p.text_of(mods + [n1.i]) if mods else n1.text
        if n2.tag in _PROPER and all(toks[k].tag in _PROPER and toks[k].text[:1].isupper() for k in name):
            if not det or toks[det[0]].lower != "the":
                continue
            owner = p.text_of(name)
            text = f"{owner}{apostrophe}s {head_words}"
        elif n2.tag == "NN" and len(name) == 1 and n2.text.isalpha() and n2.text.islower():
            text = " ".join([*(toks[k].text for k in det), n2.text, head_words])
        else:
            continue
        out.append(Rewrite("of-compound", first.start, n2.end, _case_like(first.text, text) if not text[:1].isupper() else text))
    return out


def adverb_before_verb(p: ParsedSentence) -> list[Rewrite]:
    """"visited also the factory" → "also visited the factory": an adverb between a verb and the
    start of its direct object moves before the verb."""
    toks = p.tokens
    out = []
    for adv in toks[1:-1]:
        if adv.tag != "RB" or adv.dep == "prt" or not adv.text.isalpha() or not adv.text.islower() or adv.lower in _NOT_MOVED:
            continue
        verb = toks[adv.i - 1]
        if not verb.tag.startswith("VB") or verb.lemma in _AUX or adv.head != verb.i:
            continue
        objs = [c for c in p.children(verb.i) if toks[c].dep == "dobj" and c > adv.i]
        if not objs or min(p.subtree(objs[0])) != adv.i + 1:
            continue
        verb_text = verb.text.lower() if _sentence_initial(p, verb.i) else verb.text
        out.append(Rewrite("adverb-before-verb", verb.start, adv.end, f"{_case_like(verb.text, adv.text)} {verb_text}"))
    return out


def article_drop(p: ParsedSentence) -> list[Rewrite]:
    """"the unemployment rose" → "unemployment rose": "the" before a plural or mass noun with no
    modifier after it (a generic use, where French needs the article and English drops it)."""
    toks = p.tokens
    out = []
    for the in toks[:-1]:
        if the.lower != "the" or the.dep != "det":
            continue
        noun = toks[the.head]
        if noun.i != the.i + 1 or not noun.text.isalpha() or not noun.text.islower():
            continue
        if noun.tag != "NNS" and not (noun.tag == "NN" and noun.lower.endswith(_ABSTRACT)):
            continue
        if noun.dep not in ("nsubj", "dobj", "pobj") or any(k > noun.i for k in p.subtree(noun.i)):
            continue
        if noun.i + 1 < len(toks) and toks[noun.i + 1].lower in ("of", "that", "which", "who"):
            continue
        out.append(Rewrite("article-drop", the.start, noun.end, _case_like(the.text, noun.text)))
    return out


def lowercase(p: ParsedSentence) -> list[Rewrite]:
    """"reacted with Glee" → "reacted with glee": a capitalised word mid-sentence that the parser
    reads as a common noun, not next to another capitalised word nor after an opening quote or
    colon."""
    toks = p.tokens
    out = []
    for t in toks[1:]:
        if t.tag not in _NOUNS or not t.text.isalpha() or len(t.text) < 3 or not t.text.istitle():
            continue
        prev, nxt = toks[t.i - 1], toks[t.i + 1] if t.i + 1 < len(toks) else None
        if _sentence_initial(p, t.i) or any(ch in _OPENERS for ch in prev.text) or prev.text[:1].isupper():
            continue
        if nxt is not None and nxt.text[:1].isupper():
            continue
        out.append(Rewrite("lowercase", t.start, t.end, t.text.lower()))
    return out


def its_it(p: ParsedSentence, referents: frozenset[str]) -> list[Rewrite]:
    """"Russia had not abandoned his objective" → "its objective": a personal pronoun whose nearest
    preceding subject in the sentence is a country or institution (``referents``)."""
    toks = p.tokens
    out = []
    subject: SyntaxToken | None = None
    for t in toks:
        if t.lower in _PRONOUNS and t.tag in ("PRP", "PRP$") and subject is not None:
            if subject.text in referents or subject.lower in referents:
                new = _PRONOUNS[t.lower]
                if t.lower == "her":
                    new = "its" if t.tag == "PRP$" else "it"
                out.append(Rewrite("its-it", t.start, t.end, _case_like(t.text, new)))
        if t.dep in ("nsubj", "nsubjpass") and t.tag in (*_NOUNS, *_PROPER):
            subject = t
    return out


def false_friend(p: ParsedSentence, table: Sequence[tuple[Callable[[str], Iterable[tuple[int, int, str]]], int]]) -> list[Rewrite]:
    """A false friend's English alternatives wherever its word appears (``table``: matchers built
    by :func:`mtcheck.judge.tables.false_friend_matchers`, each giving ``(start, end, alternative)``
    spans relative to the sentence text)."""
    base = p.sentence.start
    out = []
    for match, _ in table:
        for lo, hi, alt in match(p.sentence.text):
            out.append(Rewrite("false-friend", base + lo, base + hi, alt))
    return out


def propose(p: ParsedSentence, kinds: Iterable[str], tables: Mapping[str, object]) -> list[Rewrite]:
    """Every candidate of the edit types ``kinds`` in ``p`` (``tables``: ``"referents"`` and
    ``"false-friend"`` data), duplicates dropped, in text order."""
    found: list[Rewrite] = []
    for kind in kinds:
        if kind == "of-compound":
            found += of_compound(p)
        elif kind == "adverb-before-verb":
            found += adverb_before_verb(p)
        elif kind == "article-drop":
            found += article_drop(p)
        elif kind == "lowercase":
            found += lowercase(p)
        elif kind == "its-it":
            found += its_it(p, tables.get("referents", frozenset()))  # type: ignore[arg-type]
        elif kind == "false-friend":
            found += false_friend(p, tables.get("false-friend", ()))  # type: ignore[arg-type]
    seen: set[tuple[int, int, str]] = set()
    out = []
    for r in sorted(found, key=lambda r: (r.start, r.end, r.kind)):
        key = (r.start, r.end, r.replacement)
        if key not in seen and p.sentence.text[r.start - p.sentence.start : r.end - p.sentence.start] != r.replacement:
            seen.add(key)
            out.append(r)
    return out
