"""Source-aware rules on meaning carried by words: negation (S004) and glossary terms (S006)."""

from __future__ import annotations

from mtcheck.findings import Severity
from mtcheck.rules.bilingual_base import SourceRule, neighbour_text, target_span


class SourceNegationMismatch(SourceRule):
    """Negation on one side only: ne … pas/jamais/plus, sans, aucun against not/never/no/without.

    It speaks only on strong evidence, since translators render negation in many ways: words
    negative by meaning count on both sides (insuffisante → not enough, failed ← n'a pas
    réussi), so do converses, prohibitions and restrictions (ne pourra plus → is barred from,
    ne … même pas 10 % → less than 10 %), a double negation may be rendered as an affirmation
    (n'a jamais cessé de → kept), a "sans" idiom or an English "no more than" may be written
    with or without a negator, and a title or quotation both sides keep in its own language is
    not read. An English negation the source lacks is reported only when the negated word
    translates a word of the source (a cognate or a dictionary pair: a approuvé → did not
    approve); otherwise it is a litotes (restent rares → are not common). A lost negation is
    reported only when the negated word is rendered in the translation, with no negator
    before it in its clause, and nothing negative or restrictive there carries the meaning;
    an added one only when its negated verb renders a source word and the source has no ni,
    bare "pas" or privative adjective."""

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
        ("Une aide jugée insuffisante.", "Aid judged not to be enough."),
        ("Il ne pourra plus exercer.", "He is barred from practising."),
        ("Elle n'a jamais cessé de travailler.", "She kept working."),
    )

    def check_pair(self, doc, src, pair, k, ctx):
        t_span = target_span(doc, pair)
        if not pair.source or t_span is None:
            return
        from mtcheck.source.signals import (
            english_affirmations,
            english_negations,
            french_double_negation,
            french_negations,
            french_negative_words,
            french_restrictions,
            mask_shared_quotes,
            optional_negations,
            unpaired_negative_renderings,
        )
        from mtcheck.source.negation import added_negation_evidence, french_negative_element, lost_negation_evidence

        s_text, t_text = mask_shared_quotes(src.source_text(pair), doc.text[t_span[0] : t_span[1]])
        fr_negs = french_negations(s_text)
        en_negs = english_negations(t_text)
        fr_optional, en_optional = optional_negations(s_text, t_text)
        if fr_optional:  # "sans attendre" → "without delay": that "without" is optional
            withouts = [n for n in en_negs if t_text[n[0] : n[1]].lower() == "without"]
            en_negs = [n for n in en_negs if n not in withouts[:fr_optional]]
        if fr_negs > len(en_negs):
            if en_optional or unpaired_negative_renderings(s_text, t_text):
                return  # "n'a pas réussi" → "failed", "ne pourra plus" → "is barred from"
            if french_double_negation(s_text) and english_affirmations(t_text):
                return  # a double negation affirms: "n'a jamais cessé de" → "kept"
        if en_negs and not fr_negs and (french_negative_words(s_text) or french_restrictions(s_text)):
            return  # "a refusé" → "did not accept", "qu'en 2026" → "not until 2026"
        if fr_negs > len(en_negs) and self._split_off(doc, src, pair, k, t_span):
            return  # a sentence split in two, its negated half aligned with the neighbour
        if fr_negs != len(en_negs) and self._reordered(doc, src, k, fr_negs > len(en_negs)):
            return  # sentences reordered: the neighbour has the opposite surplus
        if fr_negs > len(en_negs):
            # Strong evidence only: the negated word is rendered, unnegated, and nothing in the
            # translation (out of the question, keep away, failed) carries the negation.
            element = unpaired_negative_renderings(s_text, t_text) > 0
            if not lost_negation_evidence(s_text, t_text, element):
                return
        if en_negs and not fr_negs and french_negative_element(s_text):
            return  # "ni remords ni explication" -> "no remorse and no explanation", inaliénables -> cannot
        if fr_negs and not en_negs:
            yield self.finding(doc, *t_span, "the source is negated (ne … pas, sans, aucun…) but the translation is not")
        elif en_negs and not fr_negs:
            negated = [(s, e) for s, e in en_negs if added_negation_evidence(t_text, e, s_text)]
            if negated:  # else a litotes: "restent rares" → "are not common", "reste fermé" → "is not open"
                s, e = negated[0]
                yield self.finding(
                    doc, t_span[0] + s, t_span[0] + e, "the translation is negated but the source is not", confidence=0.6
                )
        elif fr_negs > len(en_negs):
            yield self.finding(
                doc, *t_span, f"the source has {fr_negs} negations, the translation {len(en_negs)}: one may be lost",
                confidence=0.5,
            )


    @staticmethod
    def _split_off(doc, src, pair, k, t_span) -> bool:
        """Whether a neighbouring translated sentence that holds a negation may be the split-off
        half of this pair's: it has no source of its own, or this pair's translation is short
        for its source (under three quarters of the expected length)."""
        from mtcheck.source.signals import english_converses, english_negations

        s_len = sum(len(src.sentences[i].text) for i in pair.source)
        short = t_span[1] - t_span[0] < 0.75 * 0.92 * s_len
        for p in (src.alignment[k - 1] if k else None, src.alignment[k + 1] if k + 1 < len(src.alignment) else None):
            if p is None or not (short or not p.source):
                continue
            text = " ".join(doc.sentences[i].text for i in p.target)
            if english_negations(text) or english_converses(text):
                return True
        return False


    @staticmethod
    def _reordered(doc, src, k, lost: bool) -> bool:
        """Whether a neighbouring pair has the opposite imbalance (a negation more in its
        translation when one is lost here, or fewer when one is added here): the translator
        reordered the sentences and the alignment paired them crosswise."""
        from mtcheck.source.signals import english_negations, french_negations

        for j in (k - 1, k + 1):
            if not 0 <= j < len(src.alignment) or not src.alignment[j].source or not src.alignment[j].target:
                continue
            p = src.alignment[j]
            fr = french_negations(src.source_text(p))
            en = len(english_negations(" ".join(doc.sentences[i].text for i in p.target)))
            if (en > fr) if lost else (en < fr):
                return True
        return False


class SourceGlossaryTerm(SourceRule):
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
        t_span = target_span(doc, pair)
        terms = getattr(ctx.glossary, "terms", ()) or ()
        if not pair.source or t_span is None or not terms:
            return
        from mtcheck.source.terms import english_term_found, french_term_found

        s_text, t_text = src.source_text(pair), doc.text[t_span[0] : t_span[1]]
        near = None
        for fr, en in terms:
            if french_term_found(s_text, fr) and not english_term_found(t_text, en):
                near = near if near is not None else neighbour_text(doc, src, k, target=True)
                if english_term_found(near, en):
                    continue  # sentences reordered or split: the term is in the neighbouring pair
                yield self.finding(
                    doc, *t_span, f"the glossary requires “{en}” for the source's “{fr}”", confidence=0.7
                )
