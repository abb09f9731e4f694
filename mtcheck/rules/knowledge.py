"""Knowledge-table rules (K100–K199, X001–X099): valency, titles, places, templates, word forms.

The knowledge lives in tables under ``mtcheck/data/<lang>/`` (``valency.toml``,
``titles.toml``, ``places.toml``, ``templates.toml``, ``french_forms.txt``), loaded by
:mod:`mtcheck.lang.tables`; these rules only run them. Adding an entry never needs code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.lang import tables
from mtcheck.lang.lexicons import covered, quoted_spans
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.lexicon import LexiconRule
from mtcheck.rules.untranslated import loanword_spans


class ValencyCalque(Rule):
    """A French verb, noun or adjective kept with its French preposition in English.

    "Participated to the talks" (participer à = take part in), "renounced to their plan"
    (renoncer à = give up / renounce + object), "depends of the weather" (dépendre de =
    depend on), "responsible of" (responsable de = responsible for). The facts are data
    (``valency.toml``): the English lemma is matched in every inflected form, and only before a
    noun phrase, so "agreed to participate" or "the answer to the question" stay clean.
    """

    code = "K100"
    name = "valency-calque"
    category = "calque"
    severity = Severity.WARNING
    specificity = 62
    bad = (
        "Several ministers participated to the summit in Brussels.",
        "The party finally renounced to their plan to raise taxes.",
        "The harvest depends of the weather in April.",
    )
    good = (
        "Several ministers took part in the summit in Brussels.",
        "The party finally gave up its plan to raise taxes.",
        "The harvest depends on the weather in April.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        entries = tables.valency(ctx.lang.code)
        if not entries:
            return
        for sentence in doc.sentences:
            words = tables.sentence_words(sentence.text)
            for entry in entries:
                if entry.prep not in words or entry.forms.isdisjoint(words):
                    continue
                for start, end, suggestions in entry.matches(sentence.text):
                    yield self.finding(
                        doc,
                        sentence.start + start,
                        sentence.start + end,
                        f"calque of French ‘{entry.fr}’: {entry.note} [{entry.id}]",
                        [Suggestion(s, entry.confidence) for s in suggestions],
                        confidence=entry.confidence,
                    )


class _TitleRule(Rule):
    """Shared engine of the two title rules: one reports calques, the other French left as is."""

    french: ClassVar[bool]

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        entries = tables.titles(ctx.lang.code)
        if not entries:
            return
        for sentence in doc.sentences:
            words = tables.sentence_words(sentence.text)
            for entry in entries:
                if entry.anchors.isdisjoint(words):
                    continue
                for start, end, suggestions in entry.matches(sentence.text):
                    text = sentence.text[start:end]
                    if entry.is_french(text) != self.french:
                        continue
                    what = "left in French" if self.french else "written word for word"
                    yield self.finding(
                        doc,
                        sentence.start + start,
                        sentence.start + end,
                        f"{entry.kind} {what}: {entry.note} [{entry.id}]",
                        [Suggestion(s, entry.confidence) for s in suggestions],
                        confidence=entry.confidence,
                        severity=Severity.INFO if entry.confidence < 0.6 else None,
                    )


class TitleCalque(_TitleRule):
    """A French title, ministry or institution rendered word for word instead of its news name.

    "The Minister of Foreign Affairs Catherine Colonna" (ministre des Affaires étrangères =
    Foreign Minister), "the Keeper of the Seals" (garde des Sceaux = Justice Minister), "the
    responsible of the project" (le responsable de = the head of). Facts in ``titles.toml``.
    """

    code = "K101"
    name = "title-calque"
    category = "calque"
    severity = Severity.WARNING
    specificity = 61
    french = False
    bad = (
        "The Minister of Foreign Affairs Catherine Colonna arrived in Kyiv on Monday.",
        "The Keeper of the Seals defended the reform before the senators.",
    )
    good = (
        "Foreign Minister Catherine Colonna arrived in Kyiv on Monday.",
        "The justice minister defended the reform before the senators.",
    )


class FrenchTitle(_TitleRule):
    """A French title, ministry or institution left untranslated in the English text.

    "The Assemblée nationale voted the text" (the National Assembly), "the Cour de cassation"
    (the Court of Cassation), "the préfet of the Nord" (the prefect). Names English keeps
    (Matignon, the Élysée, the Quai d'Orsay) are not listed. Facts in ``titles.toml``.
    """

    code = "X002"
    name = "french-title"
    category = "untranslated"
    severity = Severity.WARNING
    specificity = 66
    french = True
    bad = (
        "The Assemblée nationale adopted the text late on Tuesday.",
        "The Cour de cassation rejected his appeal.",
    )
    good = (
        "The National Assembly adopted the text late on Tuesday.",
        "The Court of Cassation rejected his appeal.",
    )


class FrenchPlaceName(Rule):
    """A French place name left in French where English news uses its own form.

    "Floods in Bretagne" (Brittany), "the Tour Eiffel" (the Eiffel Tower), "Nouvelle-Calédonie"
    (New Caledonia). Names English keeps (Lyon, Seine-Saint-Denis, Côte d'Azur) are listed in
    ``places.toml`` as ``keep`` and never flagged; city and country exonyms stay in
    ``exonyms.toml`` (rule U001).
    """

    code = "X003"
    name = "french-place-name"
    category = "untranslated"
    severity = Severity.WARNING
    specificity = 66
    bad = (
        "Heavy rain flooded several villages in Bretagne on Sunday.",
        "Tourists queued for hours at the Tour Eiffel.",
    )
    good = (
        "Heavy rain flooded several villages in Brittany on Sunday.",
        "Tourists queued for hours at the Eiffel Tower.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        table = tables.places(ctx.lang.code)
        if table.regex is None:
            return
        for sentence in doc.sentences:
            for start, end, suggestions in table.matches(sentence.text):
                yield self.finding(
                    doc,
                    sentence.start + start,
                    sentence.start + end,
                    f"French place name “{sentence.text[start:end]}”: English news writes “{suggestions[0]}”",
                    [Suggestion(s, 0.8) for s in suggestions],
                    confidence=0.8,
                )


class FrenchWordForm(Rule):
    """An inflected French word form, never an English word, left in the English text.

    The list (``french_forms.txt``) is generated from the French frequency list minus English
    words and an allowlist of loanwords (``scripts/build_french_forms.py``). Capitalised words
    and the word after a capitalised word inside a sentence (names: "Espace culturel"),
    quotations, loanword phrases, kept place names and words already glossed by
    ``french_words.toml`` (rule U002) are left alone.
    """

    code = "X001"
    name = "french-word-form"
    category = "untranslated"
    severity = Severity.WARNING
    specificity = 55
    bad = (
        "The minister said the reform was nécessaire to save the pension system.",
        "Police said the operation had gone parfaitement well.",
    )
    good = (
        "The minister said the reform was necessary to save the pension system.",
        "He had a strange sense of déjà vu as he walked past the café.",
        "The Assemblée Nationale is mentioned in a quote: “la réforme est nécessaire”.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        forms = tables.french_forms(ctx.lang.code)
        if not forms:
            return
        glossed = set(ctx.lang.table("french_words").get("words", {}))
        skip: list[tuple[int, int]] | None = None
        for sentence in doc.sentences:
            words = sentence.words
            for i, tok in enumerate(words):
                word = tok.text.replace("’", "'")
                # a capitalised word is a name or a sentence start; a word right after a
                # capitalised word inside a sentence belongs to a French name ("Garde indigène")
                if word[:1].isupper() or (i > 1 and words[i - 1].text[:1].isupper()):
                    continue
                key = word.lower()
                if key not in forms or key in glossed or word in glossed:
                    continue
                if skip is None:
                    skip = loanword_spans(doc, ctx.lang) + [(o, c) for o, _, _, c in quoted_spans(doc.text)]
                    skip += tables.places(ctx.lang.code).kept_spans(doc.text)
                if covered(skip, tok.start, tok.end):
                    continue
                yield self.finding(
                    doc,
                    tok.start,
                    tok.end,
                    f"French word form “{tok.text}” left untranslated",
                    (),
                    confidence=0.7,
                )


class TemplateCalque(LexiconRule):
    """A French number, date or measure template rendered word for word.

    "Aged of 34 years" (âgé de 34 ans = aged 34), "the night of Friday to Saturday" (la nuit de
    vendredi à samedi = overnight Friday), "several hundreds of millions" (plusieurs centaines
    de millions = several hundred million). Entries are data (``templates.toml``) in the
    lexicon pattern language.
    """

    code = "K102"
    name = "template-calque"
    category = "calque"
    severity = Severity.WARNING
    specificity = 61
    table = "templates"
    kind = "template calque"
    bad = (
        "The victim, aged of 34 years, was taken to hospital.",
        "The storm hit the coast during the night of Friday to Saturday.",
    )
    good = (
        "The victim, aged 34, was taken to hospital.",
        "The storm hit the coast overnight Friday.",
    )


RULES: tuple[Rule, ...] = (
    ValencyCalque(),
    TitleCalque(),
    TemplateCalque(),
    FrenchWordForm(),
    FrenchTitle(),
    FrenchPlaceName(),
)
