"""Source-aware rules on the coverage of the source text: omitted sentences or clauses
(S001) and sentences left in French (S005)."""

from __future__ import annotations

from mtcheck.document import Sentence
from mtcheck.findings import Severity
from mtcheck.rules.bilingual_base import SourceRule, clip, neighbour_text, target_span


def _cognates(text: str) -> set[str]:
    """The first five letters of a text's words of six letters or more (existé, existed)."""
    from mtcheck.source.lexicon import WORD_RE, fold

    return {fold(m.group())[:5] for m in WORD_RE.finditer(text) if len(m.group()) >= 6}


class SourceOmission(SourceRule):
    """A source sentence, or a long clause of one, has no counterpart in the translation.

    The finding spans the target sentence after which the missing text belongs. Translators
    merge, split and condense sentences, so it speaks only on strong evidence: a sentence
    whose content is found in the neighbouring translation is merged, not lost, and a clause
    counts only when it carries a number or a name none of which is in the translation.
    """

    code = "S001"
    name = "source-omission"
    category = "omission"
    severity = Severity.WARNING
    min_words = 5
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
        from mtcheck.source.matching import missing_clause, shared_cognate

        words = sum(len(src.sentences[i].words) for i in pair.source)
        if pair.source and not pair.target:
            if words < self.min_words:
                return
            span = self._anchor_span(doc, src, k)
            if span is None or self._merged_nearby(doc, src, pair, k):
                return
            text = src.source_text(pair)
            yield self.finding(doc, *span, f"the source sentence “{clip(text)}” has no translation here")
        elif len(pair.source) > 1 and pair.target:
            t_anchor = Anchors.merge(src.target_anchors[i] for i in pair.target)
            for i in pair.source:
                a = src.source_anchors[i]
                if len(src.sentences[i].words) < self.min_words or len(a.words) < 2:
                    continue
                if not (a.words & t_anchor.words or a.numbers & t_anchor.numbers or a.names & t_anchor.names):
                    text = src.sentences[i].text
                    others = " ".join(src.sentences[j].text for j in pair.source if j != i)
                    if shared_cognate(text, others, doc.text[slice(*target_span(doc, pair))]):
                        continue  # merged with its neighbour: "préfecture" -> "prefecture"
                    yield self.finding(doc, *target_span(doc, pair), f"the source sentence “{clip(text)}” has no translation here")
        if pair.source and pair.target:
            t_span = target_span(doc, pair)
            clause = missing_clause(src, pair, t_span[1] - t_span[0])
            if clause is not None and not self._clause_nearby(src, clause, k):
                yield self.finding(doc, *t_span, f"the source clause “{clip(clause)}” has no counterpart here",
                                   confidence=0.5)

    @staticmethod
    def _clause_nearby(src, clause, k) -> bool:
        """Whether a clause is translated in a neighbouring pair (a sentence split in two and
        aligned with its neighbour): one of its anchors is there."""
        from mtcheck.source.anchors import Anchors, source_anchors

        lo = max(0, k - 1)
        near = [i for j, p in enumerate(src.alignment[lo : k + 2], lo) if j != k for i in p.target]
        if not near:
            return False
        a, t = source_anchors(clause, src.lang), Anchors.merge(src.target_anchors[i] for i in near)
        return bool(a.words & t.words or a.numbers & t.numbers or a.names & t.names)

    @staticmethod
    def _merged_nearby(doc, src, pair, k) -> bool:
        """Whether a source sentence left without a target is translated elsewhere: moved (a
        spare target sentence within three pairs, one with no source or one of two for one
        source sentence, shares anchors with it) or merged into its neighbours (its numbers and
        names are there, and most of its words, two at least)."""
        from mtcheck.source.anchors import Anchors

        a = Anchors.merge(src.source_anchors[i] for i in pair.source)
        expected = 0.92 * sum(len(src.sentences[i].text) for i in pair.source)
        # a sentence the translator moved: a spare target sentence nearby (with no source, or one
        # of two for one source sentence) that shares anchors with it or, when it has too few
        # anchors to tell, is about as long as its translation would be
        for p in src.alignment[max(0, k - 3) : k + 4]:
            if len(p.target) > len(p.source):
                for i in p.target:
                    t = src.target_anchors[i]
                    shared = len(a.words & t.words) + 2 * len(a.numbers & t.numbers) + 2 * len(a.names & t.names)
                    shared += len(_cognates(src.source_text(pair)) & _cognates(doc.sentences[i].text))
                    if shared >= (1 if not p.source else 2):
                        return True
                    few = len(a.words) + len(a.numbers) + len(a.names) < 2
                    if few and 0.6 * expected <= len(doc.sentences[i].text) <= 1.6 * expected:
                        return True
        near = [i for p in src.alignment[max(0, k - 1) : k + 2] for i in p.target]
        if not near:
            return False
        t = Anchors.merge(src.target_anchors[i] for i in near)
        hits = len(a.words & t.words)
        if not (a.numbers <= t.numbers and a.names <= t.names):
            return False
        return hits >= 1 if a.numbers or a.names else hits >= 2 and hits >= 0.5 * len(a.words)

    @staticmethod
    def _anchor_span(doc, src, k):
        for p in reversed(src.alignment[:k]):
            if p.target:
                return target_span(doc, p)
        for p in src.alignment[k + 1 :]:
            if p.target:
                return target_span(doc, p)
        return None


class SourceUntranslated(SourceRule):
    """A target sentence identical to, or mostly made of, its source sentence's words.

    The particles of French names (Tour de France, col de la Madeleine) are not counted."""

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

    @staticmethod
    def _name_particle(word: str, text: str) -> bool:
        """Whether a French function word in ``text`` only links the words of a name (de, la,
        du, des between or before capitalised words)."""
        import re

        return re.search(rf"[A-ZÀ-Ý][\w'’-]*\s+(?:\w+\s+)?{re.escape(word)}\s+(?:\w+\s+)?[A-ZÀ-Ý]", text) is not None \
            and word.lower() in ("de", "du", "des", "la", "le", "les", "d'", "l'", "et", "en", "sur", "sous")

    def check_pair(self, doc, src, pair, k, ctx):
        from mtcheck.source.lexicon import EN_FUNCTION_WORDS, FR_FUNCTION_WORDS, WORD_RE, fold
        from mtcheck.source.matching import french_leaning, squash
        from mtcheck.source.signals import placeholders

        if not pair.target:
            return
        s_words = {fold(m.group()) for m in WORD_RE.finditer(src.source_text(pair) if pair.source else "")}
        if not pair.source:
            s_words = {fold(m.group()) for m in WORD_RE.finditer(neighbour_text(doc, src, k, target=False))}
        same = {squash(src.sentences[j].text) for j in pair.source}
        for i in pair.target:
            sent: Sentence = doc.sentences[i]
            masks = [(s + sent.start, e + sent.start) for s, e, _ in placeholders(sent.text)]
            french = [
                t.text for t in sent.words
                if not any(s <= t.start < e for s, e in masks) and t.text[0].islower() and french_leaning(t.text)
            ]
            if len(sent.words) >= 3 and squash(sent.text) in same and len(french) >= 2:
                # names, addresses and words both languages share ("Contact : presse@…") need no translation
                yield self.finding(doc, sent.start, sent.end, "this sentence is its French source, untranslated")
                continue
            words = [
                t.text for t in sent.words
                if not t.text[0].isupper() and not t.text[0].isdigit()
                and not any(s <= t.start < e for s, e in masks)
            ]
            words = [w for w in words if fold(w) not in EN_FUNCTION_WORDS or fold(w) in FR_FUNCTION_WORDS]
            words = [w for w in words if not self._name_particle(w, sent.text)]
            if len(words) < self.min_words:
                continue
            shared = sum(fold(w) in s_words and french_leaning(w) for w in words)
            if shared / len(words) >= self.share:
                yield self.finding(doc, sent.start, sent.end, "this sentence is mostly its French source, untranslated")
