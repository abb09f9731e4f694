"""Interference rules on verb valency: French prepositions and infinitives carried into English.

French governs many verbs with *à* or *de* where English takes a direct object or another
preposition (renoncer à, bénéficier de), puts the person before an infinitive with *à*
(demander à qqn de faire) and builds *risquer de* / *réussir à* + infinitive where English
takes an -ing form. Each rule confirms on the parse that the words play the suspected role.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.origin import Origin
from mtcheck.rules.base import RuleContext
from mtcheck.rules.interference_common import SyntaxRule, compile_ci, inflect, with_case

try:  # the valency table of helper "tables" (mtcheck/data/<lang>/valency.toml), when present
    from mtcheck.lang import tables as _tables
except ImportError:  # pragma: no cover - depends on the branch
    _tables = None

# (verb lemma, wrong preposition) -> (English preposition or "" for a direct object, note,
# object lemmas the calque needs or None for any noun phrase)
_VALENCY: dict[tuple[str, str], tuple[str, str, frozenset[str] | None]] = {
    ("renounce", "to"): ("", "renoncer à", None),
    ("benefit", "of"): ("from", "bénéficier de", None),
    ("profit", "of"): ("from", "profiter de", None),
    ("depend", "of"): ("on", "dépendre de", None),
    ("doubt", "of"): ("", "douter de", None),
    ("discuss", "of"): ("", "discuter de", None),
    ("discuss", "about"): ("", "discuter de", None),
    ("lack", "of"): ("", "manquer de", None),
    ("resist", "to"): ("", "résister à", None),
    ("obey", "to"): ("", "obéir à", None),
    ("remedy", "to"): ("", "remédier à", None),
    ("phone", "to"): ("", "téléphoner à", None),
    ("telephone", "to"): ("", "téléphoner à", None),
    ("marry", "with"): ("", "se marier avec", None),
    ("remember", "of"): ("", "se souvenir de", None),
    ("comply", "to"): ("with", "se conformer à", None),
    ("access", "to"): ("", "accéder à", None),
    ("participate", "to"): ("in", "participer à", None),
    ("oppose", "to"): ("", "s'opposer à", None),
    ("tell", "to"): ("", "dire à", None),
    ("answer", "to"): (
        "",
        "répondre à",
        frozenset("question questions call calls letter letters email emails request requests demand demands criticism criticisms accusation accusations invitation summons appeal".split()),
    ),
    ("attend", "to"): (
        "",
        "assister à",
        frozenset("meeting meetings ceremony ceremonies funeral hearing hearings trial match concert mass conference session summit wedding inauguration debate rally show performance premiere".split()),
    ),
}
_VERB_PREFIXES = "renounc|benefit|profit|depend|doubt|discuss|lack|resist|obey|obeyi|remed|phon|telephon|marr|remember|compl|access|participat|oppos|tell|told|answer|attend"
_BUILT_IN_PREFILTER = compile_ci(rf"\b(?:{_VERB_PREFIXES})\w*\s+(?:to|of|about|with)\s")


def _table_entries(lang: str = "fr") -> tuple:
    """The verb entries of the valency table (empty without the table or when it is broken)."""
    if _tables is None or not hasattr(_tables, "valency"):
        return ()
    try:
        entries = _tables.valency(lang)
    except Exception:  # a broken table must not break the scan; its own tests report it
        return ()
    return tuple(e for e in entries if getattr(e, "pos", "verb") == "verb")


def _table_hits(lang: str, text: str) -> list[tuple[int, int, str]]:
    """Spans (in sentence text) and first suggestions of the valency table's verb entries."""
    hits = []
    for entry in _table_entries(lang):
        for start, end, suggestions in entry.matches(text):
            hits.append((start, end, suggestions[0] if suggestions else ""))
    return hits


class _ValencyPrefilter:
    """The cheap sentence test of :class:`VerbPrepositionValency`: the built-in verbs, or a
    verb stem of the valency table followed by a preposition (compiled once per table)."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._table_re: re.Pattern[str] | None = None

    def _table_pattern(self) -> re.Pattern[str] | None:
        entries = _table_entries()
        key = (id(_tables), len(entries))
        if key != self._key:
            stems = sorted({e.lemma[:5].lower() for e in entries if getattr(e, "lemma", "")})
            preps = sorted({getattr(e, "prep", "to").lower() for e in entries})
            self._table_re = (
                compile_ci(rf"\b(?:{'|'.join(map(re.escape, stems))})\w*\s+(?:\w+ly\s+)?(?:{'|'.join(map(re.escape, preps))})\s")
                if stems
                else None
            )
            self._key = key
        return self._table_re

    def search(self, text: str):
        """A match when ``text`` may hold a valency calque (None otherwise), like ``re.search``."""
        hit = _BUILT_IN_PREFILTER.search(text)
        if hit is None and (table := self._table_pattern()) is not None:
            hit = table.search(text)
        return hit

    def __call__(self, sentence) -> bool:
        return self.search(sentence.text) is not None


class VerbPrepositionValency(SyntaxRule):
    """A verb followed by the preposition its French counterpart takes (à, de) where English differs.

    "renounced to the project" (renoncer à: gave up the project), "has benefited of public aid"
    (bénéficier de: benefited from), "answer to the question" (répondre à: answer the question),
    "they opposed to the reform" (s'opposer à). The parse must show the preposition attached to
    the verb with a noun-phrase object, so an infinitive ("agreed to participate") or the
    adjective ("is opposed to") is left alone. A small built-in list is completed by the
    verb entries of ``valency.toml`` when that table is present.
    """

    code = "G001"
    origin = Origin.TABLE
    name = "verb-preposition-valency"
    category = "calque"
    severity = Severity.WARNING
    specificity = 62
    bad = (
        "The State will not renounce to this site.",
        "The company has benefited of public money for years.",
        "The minister must answer to the question on Tuesday.",
        "The unions opposed to the reform of the timetables.",
    )
    good = (
        "The State will not give up this site.",
        "The company has benefited from public money for years.",
        "The unions are opposed to the reform.",
        "He was told to leave the room.",
        "She attended to the wounded before the ambulance came.",
    )
    syntax_prefilter = _ValencyPrefilter()

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        seen: set[int] = set()
        for t in toks:
            if not t.tag.startswith("VB") or t.i + 1 >= len(toks):
                continue
            prep = toks[t.i + 1]
            entry = _VALENCY.get((t.lemma.lower(), prep.lower))
            if entry is None or not self._governs_object(parsed, t.i, prep.i):
                continue
            english, note, objects = entry
            if objects is not None and not self._object_in(parsed, prep.i, objects):
                continue
            if t.lemma.lower() == "oppose" and self._adjectival(parsed, t.i):
                continue
            if any(x.dep == "ccomp" and x.i > prep.i and x.tag.startswith("VB") and not parsed.children_with(x.i, "nsubj", "nsubjpass") for x in toks):
                continue  # "the groups opposed to the reform met": the real verb comes later
            replacement = t.text + (f" {english}" if english else "")
            seen.add(t.start)
            yield self.finding(
                doc,
                t.start,
                prep.end,
                f"‘{note}’: English says “{t.lemma} {english or 'something'}”, not “{t.lemma} {prep.lower}”",
                [replacement],
                confidence=0.8,
            )
        for start, end, suggestion in _table_hits(ctx.lang.code, parsed.sentence.text):
            abs_start, abs_end = parsed.start + start, parsed.start + end
            verb = parsed.token_at(abs_start)
            prep = parsed.token_at(abs_end - 1)
            if verb is None or prep is None or verb.start in seen or not verb.tag.startswith("VB"):
                continue
            if not self._governs_object(parsed, verb.i, prep.i):
                continue
            seen.add(verb.start)
            yield self.finding(
                doc, abs_start, abs_end, f"French valency: English does not say “{doc.text[abs_start:abs_end]}”",
                [suggestion], confidence=0.75,
            )

    @staticmethod
    def _governs_object(parsed, verb: int, prep: int) -> bool:
        p = parsed[prep]
        if p.tag == "TO" or p.dep not in ("prep", "dative", "agent"):
            return False
        if p.head != verb and not (parsed[p.head].head == verb and p.head == prep - 1):
            return False
        return any(
            parsed[c].dep in ("pobj", "pcomp") and parsed[c].tag != "VB" and parsed[c].lower not in ("course", "late")
            for c in parsed.children(prep)
        )

    @staticmethod
    def _object_in(parsed, prep: int, objects: frozenset[str]) -> bool:
        return any(parsed[c].dep == "pobj" and parsed[c].lemma.lower() in objects for c in parsed.children(prep))

    @staticmethod
    def _adjectival(parsed, verb: int) -> bool:
        if parsed[verb].tag == "VBN" and not any(parsed[c].lemma == "have" for c in parsed.children(verb)):
            return True
        if any(parsed[c].dep in ("auxpass", "aux") and parsed[c].lemma == "be" for c in parsed.children(verb)):
            return True
        return verb > 0 and parsed[verb - 1].lemma in ("be", "remain", "stay", "firmly", "strongly", "fiercely")


_ASKING = frozenset(
    "ask recommend propose suggest order allow permit forbid demand request advise promise tell say invite urge encourage prohibit".split()
)
_THAT_VERBS = frozenset({"propose", "suggest", "demand", "recommend"})


class IndirectObjectInfinitive(SyntaxRule):
    """"asked to the minister to act": French *demander à qqn de faire* with the *à* kept.

    English puts the person straight after ask, order, allow, advise, urge and the like
    ("asked the minister to act"); propose, suggest, recommend and demand take a *that*
    clause ("proposed that the ministry open talks"). Flagged when the parse shows "to" +
    noun phrase attached to such a verb and followed by an infinitive.
    """

    code = "G002"
    origin = Origin.TABLE
    name = "verb-to-person-infinitive"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 64
    bad = (
        "He asked to the group to present a rescue plan.",
        "The association recommended to the authorities to build cycle paths.",
        "A deputy proposed to the government to take a stake in the site.",
    )
    good = (
        "He asked the group to present a rescue plan.",
        "He proposed to his girlfriend in Paris.",
        "She explained to the judges how to read the contract.",
        "He turned to the press to denounce the decision.",
    )
    syntax_prefilter = compile_ci(
        r"\b(?:ask|recommend|propos|suggest|order|allow|permit|forbid|forbade|demand|request|advis|impos|promis|tell|told|sa[iy]|invit|urg|encourag|prohibit)\w*\s+to\s+\S+(?:\s+\S+){0,5}?\s+to\s+\w"
    )

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for t in toks:
            lemma = t.lemma.lower()
            if lemma not in _ASKING or not t.tag.startswith("VB") or t.i + 1 >= len(toks):
                continue
            to = toks[t.i + 1]
            if to.lower != "to" or to.tag == "TO":
                continue
            np_end = self._noun_phrase_end(parsed, to.i)
            if np_end is None or np_end + 2 >= len(toks):
                continue
            inf_to, verb = toks[np_end + 1], toks[np_end + 2]
            if inf_to.lower != "to" or verb.tag != "VB":
                continue
            person = parsed.text_of(list(range(to.i + 1, np_end + 1)))
            verb_text = with_case(t.text, inflect("tell", t.tag)) if lemma == "say" else t.text
            if lemma in _THAT_VERBS:
                replacement = f"{verb_text} that {person}"
                span_end = inf_to.end
            else:
                replacement = f"{verb_text} {person} to"
                span_end = inf_to.end
            yield self.finding(
                doc,
                t.start,
                span_end,
                f"French ‘{t.lemma} à quelqu'un de’: English does not put “to” before the person",
                [replacement],
                confidence=0.8,
            )

    @staticmethod
    def _noun_phrase_end(parsed, to: int) -> int | None:
        """Index of the last token of the noun phrase object of ``to`` (at most 6 words)."""
        objs = [c for c in parsed.children(to) if parsed[c].dep == "pobj"]
        if objs:
            sub = parsed.subtree(objs[0])
            last = max(i for i in sub if i - to <= 6)
            if all(i == j for i, j in zip(sub, range(to + 1, last + 1))):
                return last
        # the parser often hangs the infinitive off the noun: take the words up to the next "to"
        for k in range(to + 1, min(to + 8, len(parsed))):
            tok = parsed[k]
            if tok.lower == "to":
                return k - 1 if k > to + 1 else None
            if tok.tag.startswith("VB") and tok.tag != "VBG" or tok.dep == "punct":
                return None
        return None


# verb lemma -> (gerund construction, note)
_INFINITIVE_VALENCY: dict[str, tuple[str, str]] = {
    "accept": ("agree to {inf}", "accepter de"),
    "risk": ("risk {ing}", "risquer de"),
    "avoid": ("avoid {ing}", "éviter de"),
    "succeed": ("succeed in {ing}", "réussir à"),
    "insist": ("insist on {ing}", "insister pour"),
    "finish": ("finish {ing}", "finir de"),
    "consider": ("consider {ing}", "envisager de"),
    "envisage": ("envisage {ing}", "envisager de"),
    "enjoy": ("enjoy {ing}", "aimer"),
    "renounce": ("give up {ing}", "renoncer à"),
    "deny": ("deny {ing}", "nier"),
    "suggest": ("suggest {ing}", "suggérer de"),
    "recommend": ("recommend {ing}", "recommander de"),
    "arrive": ("manage to {inf}", "arriver à"),
    "dream": ("dream of {ing}", "rêver de"),
    "hesitate": ("", ""),
}
_NEGATION = frozenset({"not", "n't", "never", "no longer", "hardly"})


class VerbInfinitiveValency(SyntaxRule):
    """A verb + "to" + infinitive where English takes an -ing form or another verb.

    French *risquer de*, *éviter de*, *réussir à*, *accepter de*, *n'arriver pas à* come out as
    "risks to fail", "avoided to answer", "succeeded to convince", "accepted to resign",
    "does not arrive to forgive". English says "risks failing", "avoided answering",
    "succeeded in convincing", "agreed to resign", "cannot forgive" / "does not manage to".
    "arrive to" is flagged only when negated ("arrived to find" is English).
    """

    code = "G003"
    origin = Origin.TABLE
    name = "verb-infinitive-valency"
    category = "calque"
    severity = Severity.WARNING
    specificity = 62
    bad = (
        "The plan risks to fail if the unions refuse it.",
        "The minister avoided to answer the question.",
        "She succeeded to convince the jury.",
        "I do not arrive to forgive him.",
        "The director accepted to resign.",
    )
    good = (
        "The plan risks failing if the unions refuse it.",
        "They arrived to find the door locked.",
        "The director agreed to resign.",
        "He considered the offer to be generous.",
        "The risk to children is low.",
    )
    syntax_prefilter = compile_ci(
        r"\b(?:accept|risk|avoid|succe|insist|finish|consider|envisag|enjoy|renounc|den[yi]|suggest|recommend|arriv|dream)\w*\s+to\s+\w"
    )

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for t in toks:
            lemma = t.lemma.lower()
            entry = _INFINITIVE_VALENCY.get(lemma)
            if not entry or not entry[0] or not t.tag.startswith("VB") or t.i + 2 >= len(toks):
                continue
            to, inf = toks[t.i + 1], toks[t.i + 2]
            if to.lower != "to" or inf.tag != "VB" or inf.head != t.i and to.head != inf.i:
                continue
            if inf.head != t.i and parsed[inf.head].i != t.i:
                continue
            if lemma == "arrive" and not self._negated(parsed, t.i):
                continue
            if lemma == "consider" and any(parsed[c].dep == "dobj" for c in parsed.children(t.i)):
                continue
            construction, note = entry
            head, _, rest = construction.partition(" ")
            verb = t.text if head == lemma else with_case(t.text, inflect(head, t.tag))
            ing = inflect(inf.lemma, "VBG")
            text = f"{verb} {rest}".format(inf=inf.text, ing=ing)
            span_start = t.start
            if lemma == "arrive":
                aux = [c for c in parsed.children(t.i) if parsed[c].dep == "aux" and parsed[c].lemma == "do"]
                if aux and parsed[aux[0]].i == t.i - 2 and parsed[t.i - 1].lower in ("not", "n't"):
                    # "do not arrive to forgive" -> "cannot forgive"
                    span_start = parsed[aux[0]].start
                    can = "could not" if parsed[aux[0]].tag == "VBD" else "cannot"
                    text = f"{with_case(parsed[aux[0]].text, can)} {inf.text}"
            yield self.finding(
                doc,
                span_start,
                inf.end,
                f"French ‘{note}’ + infinitive: English says “{construction.format(inf='…', ing='…ing')}”",
                [text],
                confidence=0.75,
            )

    @staticmethod
    def _negated(parsed, verb: int) -> bool:
        return any(parsed[c].dep == "neg" or parsed[c].lower in _NEGATION for c in parsed.children(verb))


RULES = (
    VerbPrepositionValency(),
    IndirectObjectInfinitive(),
    VerbInfinitiveValency(),
)
