"""Source-aware rules on items a translation must carry over: numbers, dates and times
(S002), names and acronyms (S003), URLs and placeholders (S007)."""

from __future__ import annotations

import re

from mtcheck.findings import Severity
from mtcheck.rules.bilingual_base import SourceRule, neighbour_text, target_span


class SourceNumberMismatch(SourceRule):
    """A number, amount, percentage, date or time differs from the source.

    French conventions are converted first: 17,7 → 17.7; 1 200 000 → 1,200,000; 3 millions →
    3 million; 18h30 → 6.30pm; le 12 mars → 12 March; la RD 902 → the D902. A value found in
    the neighbouring sentences is not flagged (the alignment may have split it off), nor one
    converted to another unit (58 quintaux → 5.8 tonnes), rounded beside an approximation word
    (près de 1 187 → nearly 1,200), written in words (vingtième → 20th), a relative date made
    absolute (l'an dernier → in 2025) or a conversion added in parentheses. A value the
    translation adds is reported only beside a source value of its kind nothing renders
    (evidence on both sides: Covid-19, an age for a school year, an added date replace nothing)."""

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
        ("La préfecture a fermé la RD 902.", "The prefecture closed the D902."),
    )

    def check_pair(self, doc, src, pair, k, ctx):
        t_span = target_span(doc, pair)
        if not pair.source or t_span is None:
            return
        s_text = src.source_text(pair)
        from mtcheck.source.conversions import (
            approximated,
            described_age,
            year_after_rendered_month,
            conversions,
            converted,
            decade,
            fraction_rendered,
            holiday_quantities,
            made_relative,
            rounded,
            rounded_off,
            short_year,
            unrendered_fraction,
        )
        from mtcheck.source.matching import english_value
        from mtcheck.source.quantities import (
            Kind,
            Quantity,
            english_quantities,
            french_quantities,
            idiom_spans,
            same_value,
            spelled,
        )

        t_text = doc.text[t_span[0] : t_span[1]]
        idioms = idiom_spans(s_text, src.lang)
        s_q = [
            q for q in french_quantities(s_text)
            if (not spelled(q) or q.kind is Kind.MONTH) and not any(s <= q.start < e for s, e in idioms)
        ]
        t_q = english_quantities(t_text) + holiday_quantities(t_text, src.lang)
        s_all = french_quantities(s_text)
        roads = any(q.kind is Kind.ROAD for q in s_all)  # else an English A380 or M6 is no road
        extra_t = [q for q in t_q if not any(same_value(q, s) for s in s_all) and (roads or q.kind is not Kind.ROAD)]
        missing = [q for q in s_q if not any(same_value(q, t) for t in t_q)]
        if not missing and not extra_t:
            return
        near_s = french_quantities(neighbour_text(doc, src, k, target=False))
        near_t = english_quantities(neighbour_text(doc, src, k, target=True))
        extra_t = [q for q in extra_t if not spelled(q) and not any(same_value(q, s) for s in near_s)]
        missing = [q for q in missing if not any(same_value(q, t) for t in near_t)]
        # A value in another unit or rounded renders its source value: both are accounted for.
        convs, tolerance = conversions(s_text, t_text, src.lang), approximated(s_text, t_text, src.lang)
        def renders(q, s) -> bool:
            return (converted(q, s, convs, src.lang) or rounded(q, s, tolerance) or rounded_off(q, s)
                    or decade(q, s, s_text) or short_year(q, s, s_text))

        for q in list(extra_t):
            match = next((s for s in s_all if renders(q, s)), None)
            if match is not None or fraction_rendered(q, t_text, s_text, True, src.lang):
                extra_t.remove(q)
                missing = [m for m in missing if m != match]
        missing = [
            m for m in missing
            if not any(renders(q, m) for q in t_q) and not fraction_rendered(m, s_text, t_text, False, src.lang)
            and not made_relative(m, t_text, src.lang)
        ]
        unrendered = [
            s for s in s_all
            if not any(same_value(s, t) or renders(t, s) for t in t_q)
            and not (spelled(s) and (s.value < 2 or s.value != int(s.value)))  # "une heure et demie" -> 90 minutes
        ]
        if unrendered_fraction(s_text, t_text, t_q, src.lang):
            unrendered.append(Quantity(Kind.NUMBER, 0.0, 0, 0, ""))  # "la moitié" rendered by no value
        # Evidence on both sides: a value the translation adds is reported only beside a source
        # value of its kind it fails to render (an added date, a conversion in parentheses,
        # Covid-19's number or an age given for a school year replace nothing), and an age the
        # source does not give describes something else ("élèves de 6e" -> "11-year-olds").
        extra_t = [
            q for q in extra_t
            if any(s.kind is q.kind for s in unrendered) and not described_age(q, t_text, s_text)
        ]
        for q in extra_t:
            wanted = ", ".join(s.text for s in missing) or "no such value"
            yield self.finding(
                doc, t_span[0] + q.start, t_span[0] + q.end,
                f"“{q.text.strip()}” is not in the source (source has: {wanted})",
                [english_value(missing[0])] if len(missing) == 1 and len(extra_t) == 1 and english_value(missing[0]) else (),
            )
        # A small count may be rendered by a description ("plan de niveau 4" -> "the highest
        # level"): only a value that stands out is reported missing.
        missing = [m for m in missing if not (m.kind is Kind.NUMBER and m.value < 10 and m.value.is_integer())]
        # The year of a date whose day and month are rendered may be left implicit ("le 1er
        # septembre 2027" -> "on September 1"): no evidence of a lost value.
        months = {q.value for q in t_q if q.kind is Kind.MONTH}
        missing = [m for m in missing if not year_after_rendered_month(m, s_text, s_all, months)]
        if missing and not extra_t:
            yield self.finding(
                doc, *t_span, f"the source's {', '.join(q.text for q in missing)} is missing from the translation",
                confidence=0.6,
            )


class SourceNameMismatch(SourceRule):
    """A name or acronym of the source is missing from the translation or spelled differently.

    Exonyms from the exonym table are right (Pékin → Beijing, ONU → UN); so are a derived
    adjective or demonym (en France → French, Slovène → Slovenia's), a holiday's English name
    (Toussaint → All Saints' Day), an institution described (Direction générale de l'aviation
    civile → civil aviation authority), an acronym rendered by its expansion's head noun
    (l'ARS → the agency) and the other English spelling (Organisation → Organization).
    Only a name the translation had to carry is judged: an exonym-table name, an acronym of
    the organisation table, or a person's name; places, clubs and French acronyms may be
    described, and a missing name needs no target word sharing its first four letters."""

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
        ("Le Slovène a gagné. La directrice de l'ARS a parlé.", "The Slovenian won. The agency's director spoke."),
    )

    def check_pair(self, doc, src, pair, k, ctx):
        t_span = target_span(doc, pair)
        if not pair.source or t_span is None:
            return
        t_text = doc.text[t_span[0] : t_span[1]]
        near = None
        from mtcheck.source.lexicon import fold
        from mtcheck.source.matching import french_name, shares_stem, similar_word
        from mtcheck.source.names import (
            acronym_heads,
            acronym_rendered,
            club_prefixes,
            common_word_translated,
            demonym_rendered,
            distinctive_words_kept,
            given_name_dropped,
            regnal_name,
            variant_in,
        )
        from mtcheck.source.name_evidence import changed_form, must_render, shares_prefix
        from mtcheck.source.signals import contains_form, renders_name, source_names

        s_text = src.source_text(pair)
        names = source_names(s_text, src.lang)
        known = {fold(e) for n in names for e in n.expected}
        for name in names:
            if any(renders_name(t_text, e) or variant_in(t_text, e, src.lang) for e in name.expected):
                continue
            changed_to = similar_word(t_text, name.expected, known) or changed_form(t_text, name.text, name.expected)
            if isinstance(changed_to, tuple) and fold(changed_to[2]).startswith(fold(name.text)) and fold(
                changed_to[2]
            )[len(name.text):] in ("i", "is", "an", "ans", "ian", "ians", "ese", "ish", "n", "ns", "'s"):
                continue  # a form derived from the name: Pakistan -> Pakistani
            if not must_render(name.text, src.text, src.lang, name.expected, bool(changed_to)):
                continue  # a place, club or French acronym English may describe
            if distinctive_words_kept(name.text, t_text, src.lang):
                continue  # Musée du Louvre -> the Louvre
            if regnal_name(s_text, name.start, name.end, src.lang) or any(
                regnal_name(src.text, m.start(), m.end(), src.lang)
                for m in re.finditer(rf"(?<!\w){re.escape(name.text)}(?!\w)", src.text)
            ):
                continue  # Henri IV -> Henry IV, le pape Léon -> Pope Leo: English gives its own form
            near = near if near is not None else neighbour_text(doc, src, k, target=True)
            if demonym_rendered(name.text, near, src.lang):
                continue  # les Rennais -> Rennes
            if name.text.isupper() and acronym_rendered(name.text, src.text, near, src.lang):
                continue  # GNL -> LNG, gaz naturel liquéfié (GNL) -> liquefied natural gas
            if (not name.text.isupper() or name.text in club_prefixes(src.lang)) and given_name_dropped(
                s_text, name.end, t_text, src.lang
            ):
                continue  # Emmanuel Macron -> President Macron, l'AS Saint-Étienne -> Saint-Etienne
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
            if shares_stem(name.text, near):
                continue  # a derived form: Toulousains -> Toulouse, Parisiens -> Paris
            if "-" in name.text and any(
                len(part) >= 4 and part[0].isupper() and contains_form(doc.text, part) for part in name.text.split("-")
            ):
                continue  # a compound name whose place the article names: le Crous de Bordeaux-Aquitaine
            if not name.text.isupper() and common_word_translated(name.text, near, src.lang):
                continue  # a common word of a name translated: les Gilets jaunes -> the yellow vests
            if name.text.isupper() and any(
                contains_form(t_text, h) or contains_form(near, h) for h in acronym_heads(name.text, src.text, src.lang)
            ):
                continue  # an acronym rendered by its expansion's head noun: l'ARS -> the agency
            if not any(renders_name(near, e) for e in name.expected) and not (
                len(name.expected) == 1 and shares_prefix(name.text, doc.text)
            ):
                yield self.finding(
                    doc, *t_span, f"the source's “{name.text}” is missing from the translation", confidence=0.5
                )


class SourcePlaceholderMismatch(SourceRule):
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
        t_span = target_span(doc, pair)
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
            near = near if near is not None else neighbour_text(doc, src, k, target=True)
            if p not in near:
                yield self.finding(doc, *t_span, f"the source's “{p}” is missing from the translation")
