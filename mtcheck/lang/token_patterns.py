"""Syntax patterns: lexicon patterns matched on the parse (lemma, tag, dependency), not the string.

A pattern is a *token pattern* when it has a syntax unit ``<key=value&…>`` or a skip ``~N``
(:func:`is_token_pattern`). It is matched token by token against a
:class:`~mtcheck.syntax.ParsedSentence` (spaCy's tokens: "don't" is "do" + "n't"). Units:

``word`` ``word{ed|s|}`` ``{a|b}`` ``@class`` ``*`` ``<NAME>`` ``,``
    As in the surface language: a token spelled so (case-insensitive unless the entry says
    otherwise), any word, a capitalised word.
``<lemma=give|offer&tag=VB.*&dep=dobj&head=1>``
    One token meeting every condition, joined by ``&``: ``lemma`` / ``text`` (alternatives
    with ``|``), ``tag`` (Penn tag), ``pos`` (UPOS) and ``dep`` (relation to its head) as
    regular expressions matched in full, ``head=N`` (its head is the token of unit N, units
    numbered from 1 in order, skips and negations not counted), ``obj=…`` / ``subj=…`` (it has
    a direct object / a subject with one of these lemmas; ``*`` for any), ``prep=…`` (it has a
    prepositional child spelled so). In the word lists of ``lemma text obj subj prep``, ``@name``
    stands for the words of a word class. ``key!=value`` negates a condition.
``~N``
    Skip up to N tokens (the shortest skip that lets the rest match wins).
``!unit``
    The next token (or, before the first unit, the previous one) must not match ``unit``.
``(units)?`` ``[`` … ``]`` ``^``
    An optional run of units, the span to replace, the sentence start.

Captures are the brace, ``*``, ``<NAME>`` and ``<…=…>`` units, numbered from 1. Suggestions
use ``{1}``, ``{1:a=b|c=d}`` and ``{1:=lemma}``: *lemma* inflected like capture 1 (its tag),
so "renounced to" with ``{1:=abandon}`` gives "abandoned".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from mtcheck.syntax.inflect import all_forms, inflect

_SYNTAX_UNIT_RE = re.compile(r"<[^<>]*=[^<>]*>|(?<!\S)~\d+(?!\S)")
_UNIT_SPLIT_RE = re.compile(r"\(.*?\)\?|<[^<>]*>|\S+")
_COND_RE = re.compile(r"^(lemma|text|tag|pos|dep|head|obj|subj|prep)(!?=)(.+)$")
_SLOT_RE = re.compile(r"\{(\d+)(?::([^{}]*))?\}")
_ANCHOR_RE = re.compile(r"[\w-]+")
_SET_KEYS = frozenset({"lemma", "text", "obj", "subj", "prep"})
_ARG_DEPS = {"obj": ("dobj", "obj"), "subj": ("nsubj", "nsubjpass")}


class TokenPatternError(ValueError):
    """A malformed syntax pattern (re-raised as ``PatternError`` by the entry builder)."""


def is_token_pattern(pattern: str) -> bool:
    """True when ``pattern`` uses syntax units and must be matched on the parse."""
    return bool(_SYNTAX_UNIT_RE.search(pattern))


@dataclass(frozen=True)
class Cond:
    """One condition of a syntax unit."""

    key: str
    negated: bool
    values: frozenset[str] = frozenset()
    regex: re.Pattern[str] | None = None
    ref: int = 0


@dataclass(frozen=True)
class Unit:
    """One unit: a token test (``texts``/``conds``), a skip, a negation or an optional group."""

    kind: str  # "token" | "skip" | "neg" | "group"
    texts: frozenset[str] | None = None
    any_word: bool = False
    name: bool = False
    conds: tuple[Cond, ...] = ()
    capture: int = 0  # capture number from 1, 0 when the unit is not a capture
    skip: int = 0
    inner: tuple[Unit, ...] = ()
    number: int = 0  # position among token units (for head=N), 0 when not numbered
    in_span: bool = False


@dataclass(frozen=True)
class TokenMatch:
    """A match: document offsets of the whole match and of the span, and the captured tokens."""

    start: int
    end: int
    span_start: int
    span_end: int
    captures: tuple  # SyntaxToken | None per capture


@dataclass(frozen=True)
class TokenPattern:
    """A compiled syntax pattern (see the module docstring)."""

    source: str
    units: tuple[Unit, ...]
    captures: int
    required: str
    anchors: tuple[frozenset[str], ...]
    anchored: bool
    case_sensitive: bool

    def search_all(self, parsed) -> list[TokenMatch]:
        """Every non-overlapping match in a :class:`~mtcheck.syntax.ParsedSentence`."""
        toks = [t for t in parsed.tokens if t.pos != "SPACE"]
        found: list[tuple[list, int]] = []
        starts = [0] if self.anchored else range(len(toks))
        for i in starts:
            if found and i < found[-1][1]:
                continue
            got = _match_units(self, self.units, toks, parsed, 0, i, [], {}, True)
            if got is not None:
                assigned, end = got
                found.append((assigned, end))
        return [self._as_match(toks, a) for a, _ in found]

    def _as_match(self, toks, assigned) -> TokenMatch:
        tokens = [toks[k] for _, k, _ in assigned]
        spanned = [toks[k] for u, k, _ in assigned if u.in_span] or tokens
        captures = [None] * self.captures
        for _, k, cap in assigned:
            if cap:
                captures[cap - 1] = toks[k]
        return TokenMatch(tokens[0].start, tokens[-1].end, spanned[0].start, spanned[-1].end, tuple(captures))


def _match_units(p, units, toks, parsed, ui, ti, assigned, numbered, first):
    if ui == len(units):
        if not assigned or not _heads_ok(p, toks, parsed, assigned, numbered):
            return None
        return list(assigned), ti
    u = units[ui]
    if u.kind == "skip":
        for n in range(u.skip + 1):
            if ti + n > len(toks):
                break
            got = _match_units(p, units, toks, parsed, ui + 1, ti + n, assigned, numbered, first)
            if got is not None:
                return got
        return None
    if u.kind == "neg":
        target = ti - 1 if first and not assigned else ti
        if 0 <= target < len(toks) and _token_ok(p, u.inner[0], toks[target]):
            return None
        return _match_units(p, units, toks, parsed, ui + 1, ti, assigned, numbered, first)
    if u.kind == "group":
        rest = (*u.inner, *units[ui + 1 :])
        got = _match_units(p, rest, toks, parsed, 0, ti, assigned, numbered, first)
        if got is not None:
            return got
        return _match_units(p, units, toks, parsed, ui + 1, ti, assigned, numbered, first)
    if ti >= len(toks) or not _token_ok(p, u, toks[ti]):
        return None
    assigned.append((u, ti, u.capture))
    if u.number:
        numbered[u.number] = ti
    got = _match_units(p, units, toks, parsed, ui + 1, ti + 1, assigned, numbered, False)
    if got is None:
        assigned.pop()
        numbered.pop(u.number, None)
    return got


def _walk(units: Sequence[Unit]):
    for u in units:
        if u.kind == "group":
            yield from _walk(u.inner)
        elif u.kind == "token":
            yield u


def _token_ok(p: TokenPattern, u: Unit, t) -> bool:
    text = t.text if p.case_sensitive else t.text.lower()
    if u.texts is not None and text not in u.texts:
        return False
    if u.any_word and not t.text[:1].isalnum():
        return False
    if u.name and not (t.text[:1].isupper() and t.text[:1].isalpha()):
        return False
    for c in u.conds:
        if c.key in ("head", "obj", "subj", "prep"):
            continue  # need the other tokens: checked once the match is complete
        ok = _cond_ok(c, t)
        if ok == c.negated:
            return False
    return True


def _cond_ok(c: Cond, t) -> bool:
    if c.key == "lemma":
        return t.lemma.lower() in c.values
    if c.key == "text":
        return t.text.lower() in c.values
    return bool(c.regex.fullmatch(getattr(t, c.key)))


def _heads_ok(p: TokenPattern, toks, parsed, assigned, numbered) -> bool:
    for u, k, _ in assigned:
        t = toks[k]
        for c in u.conds:
            if c.key == "head":
                target = numbered.get(c.ref)
                ok = target is not None and parsed.tokens[t.head] is toks[target]
            elif c.key in _ARG_DEPS:
                kids = [parsed.tokens[j] for j in parsed.children(t.i) if parsed.tokens[j].dep in _ARG_DEPS[c.key]]
                ok = any("*" in c.values or kid.lemma.lower() in c.values for kid in kids)
            elif c.key == "prep":
                ok = any(parsed.tokens[j].dep == "prep" and parsed.tokens[j].lower in c.values for j in parsed.children(t.i))
            else:
                continue
            if ok == c.negated:
                return False
    return True


def _spellings(unit: str, classes: Mapping[str, Sequence[str]], case_sensitive: bool = False) -> frozenset[str]:
    fold = (lambda w: w) if case_sensitive else str.lower
    if unit.startswith("@"):
        words = classes.get(unit[1:])
        if not words:
            raise TokenPatternError(f"unknown word class {unit!r}")
        return frozenset(fold(str(w)) for w in words)
    options = [""]
    for part in re.split(r"(\{[^{}]*\})", unit):
        alts = part[1:-1].split("|") if part.startswith("{") and part.endswith("}") else [part]
        options = [o + a.replace("’", "'") for o in options for a in alts]
    if not all(options):
        raise TokenPatternError(f"empty spelling in unit {unit!r}")
    return frozenset(fold(o) for o in options) | frozenset(fold(o).replace("'", "’") for o in options)


def _set_values(value: str, classes: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The words of a ``a|b|@class`` list, lower-cased, word classes expanded."""
    out: set[str] = set()
    for v in (v.strip() for v in value.split("|")):
        if v.startswith("@"):
            if not classes.get(v[1:]):
                raise TokenPatternError(f"unknown word class {v!r}")
            out.update(str(w).lower() for w in classes[v[1:]])
        else:
            out.add(v.lower())
    return frozenset(out)


def _syntax_unit(body: str, number: int, classes: Mapping[str, Sequence[str]]) -> Unit:
    conds = []
    for raw in body.split("&"):
        m = _COND_RE.match(raw.strip())
        if not m:
            raise TokenPatternError(f"bad condition {raw!r} (keys: lemma text tag pos dep head obj subj prep)")
        key, op, value = m.groups()
        negated = op == "!="
        if key == "head":
            if not value.isdigit() or int(value) < 1:
                raise TokenPatternError(f"head= takes a unit number, not {value!r}")
            conds.append(Cond(key, negated, ref=int(value)))
        elif key in _SET_KEYS:
            conds.append(Cond(key, negated, values=_set_values(value, classes)))
        else:
            try:
                conds.append(Cond(key, negated, regex=re.compile(value)))
            except re.error as exc:
                raise TokenPatternError(f"bad {key} regex {value!r}: {exc}") from exc
    return Unit("token", conds=tuple(conds), capture=1, number=number)


def _word_unit(unit: str, classes, number: int, case_sensitive: bool = False) -> Unit:
    if unit == "*":
        return Unit("token", any_word=True, capture=1, number=number)
    if unit == "<NAME>":
        return Unit("token", name=True, capture=1, number=number)
    if unit.startswith("<") and unit.endswith(">"):
        return _syntax_unit(unit[1:-1], number, classes)
    if re.search(r"[()\[\]<>*!^?]", unit):
        raise TokenPatternError(f"unexpected character in unit {unit!r}")
    return Unit("token", texts=_spellings(unit, classes, case_sensitive), capture=int("{" in unit), number=number)


def compile_token_pattern(
    pattern: str, case_sensitive: bool = False, classes: Mapping[str, Sequence[str]] | None = None
) -> TokenPattern:
    """Compile a syntax pattern; raise :class:`TokenPatternError` when malformed."""
    classes = classes or {}
    raw_units = []
    for raw in _UNIT_SPLIT_RE.findall(pattern.strip()):
        if raw.startswith(("(", "<")):
            raw_units.append(raw)
            continue
        lead, trail = raw.startswith("[") and raw != "[", raw.endswith("]") and raw != "]"
        core = raw[1 if lead else 0 : -1 if trail else None]
        raw_units.extend((["["] if lead else []) + ([core] if core else []) + (["]"] if trail else []))
    units: list[Unit] = []
    number, in_span, anchored, spans = 0, False, False, 0
    for i, raw in enumerate(raw_units):
        if raw == "^":
            if i:
                raise TokenPatternError("'^' may only begin a pattern")
            anchored = True
        elif raw == "[":
            in_span, spans = True, spans + 1
        elif raw == "]":
            in_span = False
        elif re.fullmatch(r"~\d+", raw):
            units.append(Unit("skip", skip=int(raw[1:]), in_span=in_span))
        elif raw.startswith("!"):
            units.append(Unit("neg", inner=(replace(_word_unit(raw[1:], classes, 0, case_sensitive), capture=0),)))
        elif raw.startswith("(") and raw.endswith(")?"):
            inner = []
            for r in raw[1:-2].split():
                number += 1
                inner.append(_with_span(_word_unit(r, classes, number, case_sensitive), in_span))
            units.append(Unit("group", inner=tuple(inner)))
        else:
            number += 1
            units.append(_with_span(_word_unit(raw, classes, number, case_sensitive), in_span))
    if spans > 1 or in_span:
        raise TokenPatternError("one balanced [ … ] span at most")
    if not any(u.kind == "token" for u in units):
        raise TokenPatternError("no token to match")
    counter = [0]
    units = list(_numbered_captures(units, counter))
    captures = counter[0]
    for u in _walk(units):
        for c in u.conds:
            if c.key == "head" and c.ref > number:
                raise TokenPatternError(f"head={c.ref} refers to a missing unit")
    return TokenPattern(pattern, tuple(units), captures, "", _anchors(units), anchored, case_sensitive)


def _with_span(u: Unit, in_span: bool) -> Unit:
    return replace(u, in_span=in_span)


def _numbered_captures(units: Sequence[Unit], counter: list[int]) -> tuple[Unit, ...]:
    """The units with capture numbers 1, 2, … given in pattern order."""
    out = []
    for u in units:
        if u.kind == "group":
            out.append(replace(u, inner=_numbered_captures(u.inner, counter)))
        elif u.kind == "token" and u.capture:
            counter[0] += 1
            out.append(replace(u, capture=counter[0]))
        else:
            out.append(u)
    return tuple(out)


def _anchors(units: Sequence[Unit]) -> tuple[frozenset[str], ...]:
    """For each mandatory unit with known spellings, the set of words a match must contain."""
    out = []
    for u in units:
        if u.kind != "token":
            continue
        words: frozenset[str] | None = u.texts
        lemmas = next((c.values for c in u.conds if c.key == "lemma" and not c.negated), None)
        if lemmas is not None:
            words = frozenset(f for lemma in lemmas for f in all_forms(lemma))
        if words and all(_ANCHOR_RE.fullmatch(w) for w in words):
            out.append(words)
    return tuple(out)


def expand_token_suggestion(template: str, match: TokenMatch) -> str:
    """Fill ``{N}``, ``{N:a=b|…}`` and ``{N:=lemma}`` slots from a match's captured tokens."""

    def fill(m: re.Match[str]) -> str:
        index = int(m.group(1))
        if not 1 <= index <= len(match.captures):
            raise TokenPatternError(f"suggestion {template!r} refers to missing capture {index}")
        token = match.captures[index - 1]
        value = token.text if token is not None else ""
        spec = m.group(2)
        if spec is None:
            return value
        if spec.startswith("="):
            return inflect(spec[1:].strip(), token.tag if token is not None else "")
        table = {k.strip().lower(): v.strip() for k, _, v in (pair.partition("=") for pair in spec.split("|"))}
        return table.get(value.lower(), value)

    return re.sub(r" {2,}", " ", _SLOT_RE.sub(fill, template)).strip()
