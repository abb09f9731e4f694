"""Source-aware rules (S): compare the English target with its French source.

Each rule needs the ``source`` layer (:class:`mtcheck.source.SourceContext`): the source
text and the sentence alignment. Examples are ``(source, target)`` pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from mtcheck.document import Document, Sentence
from mtcheck.findings import Finding, Severity
from mtcheck.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from mtcheck.source.align import AlignedPair
    from mtcheck.source.context import SourceContext


# The source machinery (mtcheck.source.*) is imported inside the functions that use it: the
# rule registry is imported by every command, the S rules run only when a source is given.

_NEEDS = frozenset({"source"})


class _SourceRule(Rule):
    """Shared plumbing: iterate aligned pairs, attach the source span to findings."""

    needs = _NEEDS

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        src: SourceContext | None = ctx.source
        if src is None:
            return
        for k, pair in enumerate(src.alignment):
            for f in self.check_pair(doc, src, pair, k, ctx):
                span = src.source_span(pair)
                yield replace(f, source_start=span[0], source_end=span[1]) if span else f

    def check_pair(
        self, doc: Document, src: SourceContext, pair: AlignedPair, k: int, ctx: RuleContext
    ) -> Iterator[Finding]:
        """Findings of one aligned pair."""
        raise NotImplementedError


def _target(doc: Document, pair: AlignedPair) -> tuple[int, int] | None:
    if not pair.target:
        return None
    return doc.sentences[pair.target[0]].start, doc.sentences[pair.target[-1]].end


def _neighbour_text(doc: Document, src: SourceContext, k: int, target: bool) -> str:
    """The text of the pairs around pair ``k`` (an alignment slip must not raise an alarm)."""
    parts = []
    for p in src.alignment[max(0, k - 1) : k + 2]:
        if target:
            parts.extend(doc.sentences[i].text for i in p.target)
        else:
            parts.extend(src.sentences[i].text for i in p.source)
    return " ".join(parts)


class SourceOmission(_SourceRule):
    """A source sentence, or a long clause of one, has no counterpart in the translation.

    The finding spans the target sentence after which the missing text belongs.
    """

    code = "S001"
    name = "source-omission"
    category = "omission"
    severity = Severity.WARNING
    min_words = 5
    short_ratio = 0.5
    bad = (
        ("Le ministre a démissionné lundi. Il sera remplacé par son adjoint dans les prochains jours. "
         "Le gouvernement a salué son action.",
         "The minister resigned on Monday. The government praised his work."),
    )
    good = (
        ("Le ministre a démissionné lundi. Il sera remplacé par son adjoint. Le gouvernement a salué son action.",
         "The minister resigned on Monday. He will be replaced by his deputy. The government praised his work."),
    )

    def check_pair(self, doc, src, pair, k, ctx):
        from mtcheck.source.anchors import Anchors
        from mtcheck.source.matching import missing_clause

        words = sum(len(src.sentences[i].words) for i in pair.source)
        if pair.source and not pair.target:
            if words < self.min_words:
                return
            span = self._anchor_span(doc, src, k)
            if span is None:
                return
            text = src.source_text(pair)
            yield self.finding(doc, *span, f"the source sentence “{_clip(text)}” has no translation here")
        elif len(pair.source) > 1 and pair.target:
            t_anchor = Anchors.merge(src.target_anchors[i] for i in pair.target)
            for i in pair.source:
                a = src.source_anchors[i]
                if len(src.sentences[i].words) < self.min_words or len(a.words) < 2:
                    continue
                if not (a.words & t_anchor.words or a.numbers & t_anchor.numbers or a.names & t_anchor.names):
                    text = src.sentences[i].text
                    yield self.finding(doc, *_target(doc, pair), f"the source sentence “{_clip(text)}” has no translation here")
        if pair.source and pair.target:
            s_len = sum(len(src.sentences[i].text) for i in pair.source)
            t_span = _target(doc, pair)
            t_len = t_span[1] - t_span[0]
            clause = missing_clause(src, pair, t_len)
            if clause is not None:
                yield self.finding(doc, *t_span, f"the source clause “{_clip(clause)}” has no counterpart here",
                                   confidence=0.5)
            elif words >= 14 and t_len < self.short_ratio * s_len:
                yield self.finding(
                    doc, *t_span, "the translation is much shorter than its source: a clause may be missing",
                    confidence=0.5,
                )

    @staticmethod
    def _anchor_span(doc, src, k):
        for p in reversed(src.alignment[:k]):
            if p.target:
                return _target(doc, p)
        for p in src.alignment[k + 1 :]:
            if p.target:
                return _target(doc, p)
        return None


class SourceNumberMismatch(_SourceRule):
    """A number, amount, percentage, date or time differs from the source.

    French conventions are converted first: 17,7 → 17.7; 1 200 000 → 1,200,000; 3 millions →
    3 million; 18h30 → 6.30pm; le 12 mars → 12 March. A value found in the neighbouring
    sentences is not flagged (the alignment may have split it off)."""

    code = "S002"
    name = "source-number-mismatch"
    category = "mistranslation"
    severity = Severity.ERROR
    specificity = 70
    bad = (
        ("Le chômage a atteint 7,5 % en mars.", "Unemployment reached 5.7% in March."),
        ("La ville compte 1 200 000 habitants.", "The city has 120,000 inhabitants."),
        ("La réunion commence à 18h30.", "The meeting starts at 8.30pm."),
        ("Le vote aura lieu le 12 mars.", "The vote will take place on 12 May."),
    )
    good = (
        ("Le chômage a atteint 7,5 % en mars.", "Unemployment reached 7.5% in March."),
        ("Le plan coûte 3 millions d'euros.", "The plan costs 3 million euros."),
        ("La réunion commence à 18h30 le 12 mars.", "The meeting starts at 6.30pm on March 12."),
        ("La ville compte 1 200 000 habitants.", "The city has 1.2 million inhabitants."),
    )

    def check_pair(self, doc, src, pair, k, ctx):
        t_span = _target(doc, pair)
        if not pair.source or t_span is None:
            return
        s_text = src.source_text(pair)
        from mtcheck.source.matching import english_value
        from mtcheck.source.quantities import Kind, english_quantities, french_quantities, idiom_spans, same_value

        t_text = doc.text[t_span[0] : t_span[1]]
        idioms = idiom_spans(s_text, src.lang)
        s_q = [
            q for q in french_quantities(s_text)
            if (not q.text.isalpha() or q.kind is Kind.MONTH) and not any(s <= q.start < e for s, e in idioms)
        ]
        t_q = english_quantities(t_text)
        s_all = french_quantities(s_text)
        extra_t = [q for q in t_q if not any(same_value(q, s) for s in s_all)]
        missing = [q for q in s_q if not any(same_value(q, t) for t in t_q)]
        if not missing and not extra_t:
            return
        near_s = french_quantities(_neighbour_text(doc, src, k, target=False))
        near_t = english_quantities(_neighbour_text(doc, src, k, target=True))
        extra_t = [q for q in extra_t if not q.text.isalpha() and not any(same_value(q, s) for s in near_s)]
        missing = [q for q in missing if not any(same_value(q, t) for t in near_t)]
        for q in extra_t:
            wanted = ", ".join(s.text for s in missing) or "no such value"
            yield self.finding(
                doc, t_span[0] + q.start, t_span[0] + q.end,
                f"“{q.text.strip()}” is not in the source (source has: {wanted})",
                [english_value(missing[0])] if len(missing) == 1 and len(extra_t) == 1 and english_value(missing[0]) else (),
            )
        if missing and not extra_t:
            yield self.finding(
                doc, *t_span, f"the source's {', '.join(q.text for q in missing)} is missing from the translation",
                confidence=0.6,
            )


class SourceNameMismatch(_SourceRule):
    """A name or acronym of the source is missing from the translation or spelled differently.

    Exonyms from the exonym table are right (Pékin → Beijing, ONU → UN); a derived form
    (Toulousains → Toulouse) counts as present."""

    code = "S003"
    name = "source-name-mismatch"
    category = "mistranslation"
    severity = Severity.WARNING
    bad = (
        ("Le ministre Olivier Vautrin était à Pékin.", "Minister Olivier Vautrain was in Beijing."),
        ("Le rapport de l'OCDE est sévère.", "The report is harsh."),
    )
    good = (
        ("Le ministre Olivier Vautrin était à Pékin.", "Minister Olivier Vautrin was in Beijing."),
        ("Selon l'ONU, la situation empire.", "According to the UN, the situation is worsening."),
    )

    def check_pair(self, doc, src, pair, k, ctx):
        t_span = _target(doc, pair)
        if not pair.source or t_span is None:
            return
        t_text = doc.text[t_span[0] : t_span[1]]
        near = None
        from mtcheck.source.lexicon import fold
        from mtcheck.source.matching import french_name, shares_stem, similar_word
        from mtcheck.source.signals import renders_name, source_names

        names = source_names(src.source_text(pair), src.lang)
        known = {fold(e) for n in names for e in n.expected}
        for name in names:
            if any(renders_name(t_text, e) for e in name.expected):
                continue
            changed = similar_word(t_text, name.expected, known)
            if changed is not None:
                s, e, word = changed
                yield self.finding(
                    doc, t_span[0] + s, t_span[0] + e, f"the source has “{name.text}”, the translation “{word}”",
                    [name.expected[0]],
                )
                continue
            if len(name.expected) == 1 and french_name(name.text):
                continue  # a French name English renders otherwise (Guyane, Sénat): not judged
            near = near if near is not None else _neighbour_text(doc, src, k, target=True)
            if shares_stem(name.text, near):
                continue  # a derived form: Toulousains -> Toulouse, Parisiens -> Paris
            if not any(renders_name(near, e) for e in name.expected):
                yield self.finding(
                    doc, *t_span, f"the source's “{name.text}” is missing from the translation", confidence=0.5
                )


class SourceNegationMismatch(_SourceRule):
    """Negation on one side only: ne … pas/jamais/plus, sans, aucun against not/never/no/without."""

    code = "S004"
    name = "source-negation-mismatch"
    category = "mistranslation"
    severity = Severity.ERROR
    bad = (
        ("Le gouvernement ne soutiendra pas la réforme.", "The government will support the reform."),
        ("Le ministre a approuvé le texte.", "The minister did not approve the text."),
    )
    good = (
        ("Le gouvernement ne soutiendra pas la réforme.", "The government will not support the reform."),
        ("Il n'a que trois ans.", "He is only three."),
        ("Une crise sans précédent.", "An unprecedented crisis."),
    )

    def check_pair(self, doc, src, pair, k, ctx):
        t_span = _target(doc, pair)
        if not pair.source or t_span is None:
            return
        from mtcheck.source.signals import (
            english_negations,
            english_negative_words,
            french_negations,
            french_negative_words,
        )

        s_text, t_text = src.source_text(pair), doc.text[t_span[0] : t_span[1]]
        fr_negs = french_negations(s_text)
        en_negs = english_negations(t_text)
        if fr_negs > len(en_negs) and english_negative_words(t_text):
            return  # "n'a pas réussi" → "failed", "ne … que" → "only", "pas clair" → "unclear"
        if en_negs and not fr_negs and french_negative_words(s_text):
            return  # "a refusé" → "did not accept"
        if fr_negs and not en_negs:
            yield self.finding(doc, *t_span, "the source is negated (ne … pas, sans, aucun…) but the translation is not")
        elif en_negs and not fr_negs:
            s, e = en_negs[0]
            yield self.finding(
                doc, t_span[0] + s, t_span[0] + e, "the translation is negated but the source is not", confidence=0.6
            )
        elif fr_negs > len(en_negs):
            yield self.finding(
                doc, *t_span, f"the source has {fr_negs} negations, the translation {len(en_negs)}: one may be lost",
                confidence=0.5,
            )


class SourceUntranslated(_SourceRule):
    """A target sentence identical to, or mostly made of, its source sentence's words."""

    code = "S005"
    name = "source-untranslated"
    category = "untranslated-sentence"
    severity = Severity.ERROR
    specificity = 80
    min_words = 4
    share = 0.6
    bad = (
        ("Le gouvernement a présenté son budget mardi.", "Le gouvernement a présenté son budget mardi."),
        ("La ministre a déclaré que la réforme était nécessaire.", "The ministre a déclaré que la réforme était nécessaire."),
    )
    good = (
        ("Le gouvernement a présenté son budget mardi.", "The government presented its budget on Tuesday."),
        ("Emmanuel Macron et Olaf Scholz à Berlin.", "Emmanuel Macron and Olaf Scholz in Berlin."),
    )

    def check_pair(self, doc, src, pair, k, ctx):
        from mtcheck.source.lexicon import EN_FUNCTION_WORDS, FR_FUNCTION_WORDS, WORD_RE, fold
        from mtcheck.source.matching import french_leaning, squash
        from mtcheck.source.signals import placeholders

        if not pair.target:
            return
        s_words = {fold(m.group()) for m in WORD_RE.finditer(src.source_text(pair) if pair.source else "")}
        if not pair.source:
            s_words = {fold(m.group()) for m in WORD_RE.finditer(_neighbour_text(doc, src, k, target=False))}
        same = {squash(src.sentences[j].text) for j in pair.source}
        for i in pair.target:
            sent: Sentence = doc.sentences[i]
            if len(sent.words) >= 3 and squash(sent.text) in same:
                yield self.finding(doc, sent.start, sent.end, "this sentence is its French source, untranslated")
                continue
            masks = [(s + sent.start, e + sent.start) for s, e, _ in placeholders(sent.text)]
            words = [
                t.text for t in sent.words
                if not t.text[0].isupper() and not t.text[0].isdigit()
                and not any(s <= t.start < e for s, e in masks)
            ]
            words = [w for w in words if fold(w) not in EN_FUNCTION_WORDS or fold(w) in FR_FUNCTION_WORDS]
            if len(words) < self.min_words:
                continue
            shared = sum(fold(w) in s_words and french_leaning(w) for w in words)
            if shared / len(words) >= self.share:
                yield self.finding(doc, sent.start, sent.end, "this sentence is mostly its French source, untranslated")


class SourceGlossaryTerm(_SourceRule):
    """A glossary term of the source whose required English rendering is missing.

    Terms come from ``[glossary.terms]`` in the configuration: "terme source" = "required term"."""

    code = "S006"
    name = "source-glossary-term"
    category = "terminology"
    severity = Severity.WARNING
    bad = (("La taxe carbone sera relevée.", "The carbon tax will be raised."),)
    good = (("La taxe carbone sera relevée.", "The carbon levy will be raised."),)
    example_terms = (("taxe carbone", "carbon levy"),)
    """The glossary the examples are checked with."""

    def check_pair(self, doc, src, pair, k, ctx):
        t_span = _target(doc, pair)
        terms = getattr(ctx.glossary, "terms", ()) or ()
        if not pair.source or t_span is None or not terms:
            return
        from mtcheck.source.terms import english_term_found, french_term_found

        s_text, t_text = src.source_text(pair), doc.text[t_span[0] : t_span[1]]
        for fr, en in terms:
            if french_term_found(s_text, fr) and not english_term_found(t_text, en):
                yield self.finding(
                    doc, *t_span, f"the glossary requires “{en}” for the source's “{fr}”", confidence=0.7
                )


class SourcePlaceholderMismatch(_SourceRule):
    """A URL, e-mail address, @handle or placeholder of the source is not kept exactly.

    Placeholders are {0}, {name}, %s, %(name)s, {{name}} and ${name}."""

    code = "S007"
    name = "source-placeholder-mismatch"
    category = "mistranslation"
    severity = Severity.ERROR
    specificity = 75
    bad = (
        ("Vous avez {count} messages de @afpfr.", "You have {nombre} messages from @afpfr."),
        ("Voir https://exemple.fr/rapport pour le détail.", "See the report for details."),
    )
    good = (
        ("Vous avez {count} messages de @afpfr.", "You have {count} messages from @afpfr."),
        ("Écrivez à presse@exemple.fr.", "Write to presse@exemple.fr."),
    )

    def check_pair(self, doc, src, pair, k, ctx):
        t_span = _target(doc, pair)
        if not pair.source or t_span is None:
            return
        from mtcheck.source.signals import placeholders

        s_items = [p[2] for p in placeholders(src.source_text(pair))]
        t_items = [(s, e, p) for s, e, p in placeholders(doc.text[t_span[0] : t_span[1]])]
        t_texts = [p for _, _, p in t_items]
        missing = [p for p in s_items if p not in t_texts]
        for s, e, p in t_items:
            if p not in s_items and missing:
                yield self.finding(
                    doc, t_span[0] + s, t_span[0] + e, f"“{p}” differs from the source's “{missing[0]}”", [missing[0]]
                )
                missing = missing[1:]
        near = None
        for p in missing:
            near = near if near is not None else _neighbour_text(doc, src, k, target=True)
            if p not in near:
                yield self.finding(doc, *t_span, f"the source's “{p}” is missing from the translation")


def _clip(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


RULES: tuple[Rule, ...] = (
    SourceOmission(),
    SourceNumberMismatch(),
    SourceNameMismatch(),
    SourceNegationMismatch(),
    SourceUntranslated(),
    SourceGlossaryTerm(),
    SourcePlaceholderMismatch(),
)
