"""Helpers for the rule-family tests: run one rule family over a text."""

from mtcheck.document import Document
from mtcheck.pipeline import CheckOptions, check_document
from mtcheck.rules import ALL_RULES, Glossary


def run(text, prefix, glossary=None):
    """Findings of the rules whose code starts with ``prefix``, as (code, text, best) tuples."""
    rules = [r for r in ALL_RULES if r.code.startswith(prefix)]
    options = CheckOptions(glossary=glossary or Glossary())
    found = check_document(Document.from_text(text), options, rules=rules)
    for f in found:
        assert text[f.start : f.end] == f.text
    return [(f.code, f.text, f.best.replacement if f.best else None) for f in found]


CLEAN_NEWS = """President Emmanuel Macron met Chancellor Olaf Scholz at the Élysée on Monday, the first of three meetings planned before May.
The talks, hosted in Paris, focused on Ukraine. "Actually, I disagree," she said when asked about the timetable.
Theresa May, the former British prime minister, told Le Monde and Le Figaro that the Kremlin had misjudged Europe.
In Nice, crowds gathered on the Promenade des Anglais; in Lille, students from Sciences Po staged a tête-à-tête debate.
The film La Haine was screened at the Cannes festival, and critics called it a cause célèbre of French cinema.
At a Montreal diner, Marie ordered poutine with cheese curds and gravy, a Quebec classic she loves.
Kaja Kallas said her country would keep supporting Kyiv, and her ministers agreed.
Samuel Charap, a political scientist at Rand, said the White House and the Second World War analogies were overdone.
Hall, a political scientist at the University of Bath, said the Higher School of Economics in Moscow had closed a department.
The Commission said it would publish its proposal in March 2025, according to officials in Brussels.
Ms Dupont left the company last year. She now runs her own firm in Lyon.
The so-called "gilets jaunes", or yellow vests, blocked roads across France in November.
Professor Hope, who teaches at Reading, will speak to the Foreign Affairs Committee on Tuesday.
He had a sense of déjà vu: the raison d'être of the coup d'état was never explained.
"""


def source_findings(code, source, target):
    """Texts of the findings of source-aware rule ``code`` on ``target`` checked against ``source``."""
    from mtcheck.rules import rule_by_code
    from mtcheck.source import build_context

    doc = Document.from_text(target)
    found = check_document(doc, CheckOptions(), rules=[rule_by_code(code)], source=build_context(source, doc))
    return [f.text for f in found]
