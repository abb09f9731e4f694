"""Plain-language explanations and named punctuation."""

from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.render.explain import Origin, describe_change, explain, name_marks


def test_punctuation_replacements_are_named():
    assert describe_change("»", "”") == "French closing guillemet » → English closing quote ”"
    assert describe_change(" ;", ";") == "delete space"
    assert describe_change("« ", "“") == "French opening guillemet « + space → English opening quote “"
    assert describe_change("war, “said", "war,” said") == "space + English opening quote “ → English closing quote ” + space"
    assert describe_change("the Glee", "the glee") == "“the Glee” → “the glee”"
    assert describe_change("2,8", "2.8") == "comma , → full stop ."
    assert describe_change("", "the ") == "insert “the ”"
    assert describe_change(" Declared", "") == "delete “ Declared”"
    assert name_marks("\u202f") == "narrow no-break space"


def finding(code: str, text: str, replacement: str | None, confidence: float = 0.9) -> Finding:
    suggestions = (Suggestion(replacement, confidence),) if replacement is not None else ()
    return Finding(code, "rule", "typography", Severity.ERROR, 0, len(text), text, "message here", suggestions)


def test_explanation_names_origin_and_certainty_without_jargon():
    ex = explain(finding("U001", "Poutine", "Putin", 0.95))
    assert ex.origin is Origin.TABLE and ex.certainty == "almost certain"
    assert "“Poutine” → “Putin”" in ex.instead and "nats" not in ex.summary
    assert explain(finding("T001", "»", "”", 0.6)).origin is Origin.RULE
    assert "rewrite it by hand" in explain(finding("R001", "x", None)).instead
