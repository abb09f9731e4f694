"""French-interference rules (modules ``mtcheck.rules.interference_*``, codes G001–G099, W001–W099).

Each case gives a sentence and the sentence after applying the rule's first suggestion, so a
test fails when a rule misses, over-reaches or proposes a wrong rewrite.
"""

from __future__ import annotations

import pytest

from mtcheck import syntax
from mtcheck.document import Document
from mtcheck.pipeline import check_document
from mtcheck.rules import ALL_RULES, RuleContext
from mtcheck.rules import interference_valency
from mtcheck.lang import load_language
from tests._rules_b_helpers import CLEAN_NEWS

MODULES = (
    "interference_valency", "interference_verbs", "interference_time", "interference_ages", "interference_articles",
    "interference_titles", "interference_order", "interference_phrases", "interference_pronoun",
)
INTERFERENCE = tuple(r for r in ALL_RULES if type(r).__module__.rsplit(".", 1)[-1] in MODULES)
BY_CODE = {r.code: r for r in INTERFERENCE}

needs_syntax = pytest.mark.skipif(not syntax.available(), reason="spaCy model not installed")


def fixed(code: str, text: str) -> str:
    """``text`` with every finding of rule ``code`` replaced by its first suggestion."""
    found = check_document(Document.from_text(text), rules=[BY_CODE[code]])
    out = text
    for f in sorted(found, key=lambda f: f.start, reverse=True):
        assert text[f.start : f.end] == f.text
        out = out[: f.start] + f.best.replacement + out[f.end :]
    return out


def test_codes_are_in_the_reserved_ranges_and_declared():
    assert len(INTERFERENCE) >= 22
    for rule in INTERFERENCE:
        assert rule.code[0] in "GW" and 1 <= int(rule.code[1:]) <= 99, rule.code
        assert type(rule).validate_declaration() == []
        assert rule.category in ("calque", "grammar", "word-order", "pronoun")


def _passes(prefilter, sentence) -> bool:
    if hasattr(prefilter, "search"):
        return prefilter.search(sentence.text) is not None
    return bool(prefilter(sentence))


def test_syntax_rules_declare_the_layer_and_a_selective_prefilter():
    plain = Document.from_text("The weather was fine and the match ended in a draw.").sentences[0]
    for rule in INTERFERENCE:
        if "syntax" in rule.needs:
            assert rule.syntax_prefilter is not None, rule.code
            assert not _passes(rule.syntax_prefilter, plain), rule.code
            for example in rule.bad:
                assert any(_passes(rule.syntax_prefilter, s) for s in Document.from_text(example).sentences), (rule.code, example)


def test_syntax_rules_stay_silent_without_the_layer():
    doc = Document.from_text("The State will not renounce to this site. Orders fell of 23% in one year.")
    ctx = RuleContext(lang=load_language("fr"))
    for rule in INTERFERENCE:
        if "syntax" in rule.needs:
            assert list(rule.check(doc, ctx)) == [], rule.code


CASES = [
    ("G001", "The State will not renounce to this site.", "The State will not renounce this site."),
    ("G001", "Novacier has benefited of public money.", "Novacier has benefited from public money."),
    ("G001", "The farmers renounced to their plan.", "The farmers renounced their plan."),
    ("G001", "They discussed about the budget.", "They discussed the budget."),
    ("G001", "She will answer to the questions of the deputies.", "She will answer the questions of the deputies."),
    ("G001", "He will answer to the president.", "He will answer to the president."),
    ("G001", "The groups opposed to the reform met.", "The groups opposed to the reform met."),
    ("G002", "He asked to the group to present a plan.", "He asked the group to present a plan."),
    ("G002", "They proposed to the unions to open talks.", "They proposed that the unions open talks."),
    ("G002", "She said to the journalists to wait.", "She told the journalists to wait."),
    ("G002", "He talked to the press to explain his choice.", "He talked to the press to explain his choice."),
    ("G003", "The project risks to fail.", "The project risks failing."),
    ("G003", "They finally accepted to negotiate.", "They finally agreed to negotiate."),
    ("G003", "He does not arrive to sleep.", "He cannot sleep."),
    ("G003", "The bus arrived to pick up the children.", "The bus arrived to pick up the children."),
    ("G004", "The mayor made evacuate a campsite as a precaution.", "The mayor had a campsite evacuated as a precaution."),
    ("G004", "He made laugh the audience.", "He made laugh the audience."),
    ("G005", "The ministers met themselves in Brussels.", "The ministers met in Brussels."),
    ("G005", "He rendered himself to the hospital.", "He went to the hospital."),
    ("G010", "Exports fell of 12% last year.", "Exports fell by 12% last year."),
    ("G010", "Sales increased this year of 1.4 billion euros.", "Sales increased this year by 1.4 billion euros."),
    ("G010", "A fall of 12% was recorded.", "A fall of 12% was recorded."),
    ("G011", "The meeting of Tuesday was cancelled.", "Tuesday's meeting was cancelled."),
    ("G011", "The vote of last Sunday surprised everyone.", "Last Sunday's vote surprised everyone."),
    ("G011", "The night of Friday was quiet.", "The night of Friday was quiet."),
    ("G012", "The talks will resume the next week in Geneva.", "The talks will resume next week in Geneva."),
    ("G012", "In the last year, prices doubled.", "In the last year, prices doubled."),
    ("G013", "The council met the Tuesday to vote the budget.", "The council met on Tuesday to vote the budget."),
    ("G014", "She lives in Lyon since ten years.", "She has lived in Lyon for ten years."),
    ("G014", "He lives in Lyon since 2010.", "He lives in Lyon since 2010."),
    ("G015", "The driver, aged of 29 years, was arrested.", "The driver, aged 29, was arrested."),
    ("G015", "A boy of 12 years was injured.", "A boy aged 12 was injured."),
    ("G015", "A treaty of 30 years ended.", "A treaty of 30 years ended."),
    ("G016", "He faces a sentence of five years.", "He faces a five-year sentence."),
    ("G016", "He got a prison sentence of 18 months.", "He got an 18-month prison sentence."),
    ("G016", "She spent two years of prison there.", "She spent two years in prison there."),
    ("G020", "The Italy and the Spain voted against.", "Italy and Spain voted against."),
    ("G020", "The Italy squad trained on Monday.", "The Italy squad trained on Monday."),
    ("G021", "Floods hit the Normandy on Sunday.", "Floods hit Normandy on Sunday."),
    ("G021", "They visited the Normandy beaches.", "They visited the Normandy beaches."),
    ("G022", "The storm Ciarán killed two people.", "Storm Ciarán killed two people."),
    ("G022", "The hurricane Irma hit Saint-Martin.", "Hurricane Irma hit Saint-Martin."),
    ("G023", "The President Macron met the unions.", "President Macron met the unions."),
    ("G023", "The Queen Mary docked in New York.", "The Queen Mary docked in New York."),
    ("G024", "The half of the votes were counted.", "Half of the votes were counted."),
    ("G024", "The half of it was lost.", "The half of it was lost."),
    ("G025", "The Minister of Foreign Affairs Jean Dupuis arrived.", "Foreign Minister Jean Dupuis arrived."),
    ("G025", "She was Minister of Health from 2010 to 2012.", "She was Minister of Health from 2010 to 2012."),
    ("G026", "The responsibles of the club resigned.", "The officials of the club resigned."),
    ("G026", "The police held her responsible for the fire.", "The police held her responsible for the fire."),
    ("G027", "The family of the victim asked for calm.", "The victim's family asked for calm."),
    ("G027", "The lawyer of Mr Martin appealed.", "Mr Martin's lawyer appealed."),
    ("W001", "The minister rejected firmly the proposal.", "The minister firmly rejected the proposal."),
    ("W001", "He picked up the phone quickly.", "He picked up the phone quickly."),
    ("W004", "The prefect lifted on Friday the curfew.", "The prefect lifted the curfew on Friday."),
    ("W004", "They brought with them a priest.", "They brought with them a priest."),
    ("G005", "The meeting concluded itself without an agreement.", "The meeting concluded without an agreement."),
    ("G005", "He produced himself the evidence.", "He produced himself the evidence."),
    ("G027", "The car of Mrs Lebrun was found.", "Mrs Lebrun's car was found."),
    ("W002", "The farmers face droughts more and more frequent.", "The farmers face increasingly frequent droughts."),
    ("W003", "Rents are more in more expensive.", "Rents are increasingly expensive."),
    ("G030", "It is the prefect who ordered the evacuation.", "The prefect ordered the evacuation."),
    ("G030", "It was the prefect who ordered the evacuation.", "It was the prefect who ordered the evacuation."),
    ("G031", "Nothing was decided at the level of the region.", "Nothing was decided at regional level."),
    ("G032", "Unemployment is lower that in Germany.", "Unemployment is lower than in Germany."),
    ("G032", "It is better that you leave now.", "It is better that you leave now."),
    ("G034", "The country will defend her interests.", "The country will defend its interests."),
    ("G034", "The mother will defend her children.", "The mother will defend her children."),
    ("G035", "The unions demand always more resources.", "The unions demand ever more resources."),
]


@needs_syntax
@pytest.mark.parametrize(("code", "text", "expected"), CASES, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CASES)])
def test_rule_rewrites(code, text, expected):
    assert fixed(code, text) == expected


@needs_syntax
def test_interference_rules_are_silent_on_clean_news():
    found = check_document(Document.from_text(CLEAN_NEWS), rules=list(INTERFERENCE))
    assert found == ()


@needs_syntax
def test_only_prefiltered_sentences_are_parsed():
    text = "Prices rose sharply. The weather was fine. Exports fell of 12% last year.\nNothing else happened."
    doc = Document.from_text(text)
    layer = syntax.SyntaxLayer.for_document(doc, [BY_CODE["G010"]])
    ctx = RuleContext(lang=load_language("fr"), syntax=layer)
    found = list(BY_CODE["G010"].check(doc, ctx))
    assert [f.text for f in found] == ["fell of"]
    assert layer.parsed_count == 1


class _Entry:
    """A stand-in for a ``valency.toml`` entry (the tables branch's ``ValencyEntry``)."""

    pos = "verb"
    lemma = "insist"
    prep = "of"

    def matches(self, sentence):
        i = sentence.find("insisted of")
        return [(i, i + len("insisted of"), ("insisted on",))] if i >= 0 else []


@needs_syntax
def test_valency_table_entries_are_confirmed_on_the_parse(monkeypatch):
    class FakeTables:
        @staticmethod
        def valency(lang):
            return (_Entry(),)

    monkeypatch.setattr(interference_valency, "_tables", FakeTables)
    assert fixed("G001", "The minister insisted of the urgency.") == "The minister insisted on the urgency."
    # the table says "insisted of" but here "of" has no object of its own, or is "of course"
    assert fixed("G001", "The men he insisted of were tall.") == "The men he insisted of were tall."
    assert fixed("G001", "He insisted of course on the urgency.") == "He insisted of course on the urgency."


def test_broken_valency_table_does_not_break_the_scan(monkeypatch):
    class Broken:
        @staticmethod
        def valency(lang):
            raise ValueError("bad table")

    monkeypatch.setattr(interference_valency, "_tables", Broken)
    assert interference_valency._table_hits("fr", "He insisted of it.") == []
