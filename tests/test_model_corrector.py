"""The model-ranked corrector's decisions, with a transparent stand-in scorer and guard."""

import pytest

from mtcheck.candidates import dedupe, gather_candidates, is_single_word, words_from_tokens
from mtcheck.correct import Calibration, Decision, correct_document, is_word_substitution
from mtcheck.document import Document
from mtcheck.findings import Finding, Severity, Suggestion


class PhraseScorer:
    """Log-probability = -length/10 plus bonuses for phrases it 'likes' (a readable fake model)."""

    def __init__(self, likes=(), dislikes=()):
        self.likes, self.dislikes = likes, dislikes
        self.calls = []

    def sequence_logprobs(self, texts):
        self.calls.append(list(texts))
        return [-len(t) / 10 + sum(5.0 for p in self.likes if p in t) - sum(5.0 for p in self.dislikes if p in t)
                for t in texts]

    def token_scores(self, texts, k=0):
        return [[] for _ in texts]

    def next_words(self, prefix, k=10):
        return [(" attended", -1.0), (" joined", -2.0), (",", -2.5)]


class FixedGuard:
    def __init__(self, similarity):
        self.similarity = similarity

    def similarities(self, original, variants):
        return [self.similarity] * len(variants)


TEXT = "On Monday the minister assisted to the meeting. Prices rose « sharply » in March."
CAL = Calibration(margin=1.0, prior_weight=1.0, temperature=2.0, guard_threshold=0.8, choice_margins={"proposal": 1.0})
"""Findings the rules only propose are decided by the model (margin 1 nat); no category choice."""


def finding(text, start, end, suggestions, code="F001", category="false-friend"):
    return Finding(code, "x", category, Severity.WARNING, start, end, text[start:end], "msg", tuple(suggestions))


def assisted(text=TEXT, conf=0.5):
    s = text.index("assisted to")
    return finding(text, s, s + len("assisted to"), [Suggestion("attended", conf)])


def test_no_findings_means_no_change():
    doc = Document.from_text(TEXT)
    result = correct_document(doc, [], scorer=PhraseScorer(likes=("attended",)), calibration=CAL)
    assert result.text == TEXT and result.corrections == ()


def test_model_applies_a_proposal_that_beats_the_original_by_the_margin():
    doc = Document.from_text(TEXT)
    result = correct_document(doc, [assisted(conf=0.3)], scorer=PhraseScorer(likes=("attended",)),
                              guard=FixedGuard(0.95), calibration=CAL)
    assert "minister attended the meeting" in result.text
    (c,) = result.applied
    assert "nats" in c.reason and "meaning 0.95" in c.reason and result.decisions == (Decision.MODEL_PROPOSAL,)
    assert result.text.replace("attended", "assisted to") == TEXT


def test_a_proposal_the_model_does_not_prefer_is_not_applied():
    doc = Document.from_text(TEXT)
    result = correct_document(doc, [assisted(conf=0.3)], scorer=PhraseScorer(dislikes=("attended",)),
                              guard=FixedGuard(0.95), calibration=CAL)
    assert result.text == TEXT
    assert result.corrections[0].confidence < 0.5 and not result.corrections[0].applied


def test_proposals_stay_proposals_without_a_proposal_margin():
    doc = Document.from_text(TEXT)
    scorer = PhraseScorer(likes=("attended",))
    result = correct_document(doc, [assisted(conf=0.3)], scorer=scorer, guard=FixedGuard(0.95), calibration=Calibration())
    assert result.text == TEXT and not result.applied and scorer.calls == []


def test_min_confidence_holds_back_weaker_changes():
    doc = Document.from_text(TEXT)
    scorer = PhraseScorer(likes=("attended",))
    lax = correct_document(doc, [assisted()], scorer=scorer, guard=FixedGuard(0.95), calibration=CAL, min_confidence=0.5)
    strict = correct_document(doc, [assisted()], scorer=scorer, guard=FixedGuard(0.95),
                              calibration=Calibration(), min_confidence=0.9999)
    assert lax.applied and not strict.applied and strict.text == TEXT


def test_a_confident_rule_fix_is_applied_without_the_model_even_when_it_dislikes_it():
    doc = Document.from_text(TEXT)
    scorer = PhraseScorer(dislikes=("attended",))
    result = correct_document(doc, [assisted(conf=0.7)], scorer=scorer, guard=FixedGuard(0.95), calibration=CAL)
    assert "minister attended the meeting" in result.text and scorer.calls == []
    assert result.decisions == (Decision.RULE,) and result.applied[0].reason == "rule suggestion"
    assert result.text == correct_document(doc, [assisted(conf=0.7)], 0.5).text


def _two_ways(conf=0.85):
    s = TEXT.index("assisted to")
    return finding(TEXT, s, s + len("assisted to"), [Suggestion("attended", conf), Suggestion("joined", 0.7)])


def _cal(margin):
    return Calibration(guard_threshold=0.8, choice_margins={"false-friend": margin})


def test_the_model_replaces_the_rule_choice_only_above_the_category_margin():
    doc = Document.from_text(TEXT)
    scorer = PhraseScorer(likes=("joined",))  # "joined" beats "attended" by 5 nats
    chosen = correct_document(doc, [_two_ways()], scorer=scorer, guard=FixedGuard(0.95), calibration=_cal(4.0))
    assert "minister joined the meeting" in chosen.text and chosen.decisions == (Decision.MODEL_CHOICE,)
    assert "attended" in chosen.applied[0].reason and chosen.applied[0].confidence == 0.85
    kept = correct_document(doc, [_two_ways()], scorer=scorer, guard=FixedGuard(0.95), calibration=_cal(6.0))
    assert "minister attended the meeting" in kept.text and kept.decisions == (Decision.RULE_KEPT,)
    scorer.calls.clear()
    off = correct_document(doc, [_two_ways()], scorer=scorer, guard=FixedGuard(0.95), calibration=_cal(None))
    assert "minister attended the meeting" in off.text and off.decisions == (Decision.RULE,) and scorer.calls == []


def test_the_guard_and_weak_sources_never_replace_a_rule_choice():
    doc = Document.from_text(TEXT)
    scorer = PhraseScorer(likes=("joined",))
    blocked = correct_document(doc, [_two_ways()], scorer=scorer, guard=FixedGuard(0.3), calibration=_cal(1.0))
    assert "minister attended the meeting" in blocked.text and blocked.decisions == (Decision.RULE_KEPT,)
    s = TEXT.index("assisted to")
    spelled = finding(TEXT, s, s + 11, [Suggestion("attended", 0.85), Suggestion("joined", 0.3, "spelling")])
    result = correct_document(doc, [spelled], scorer=scorer, guard=FixedGuard(0.95), calibration=_cal(1.0))
    assert "minister attended the meeting" in result.text


def test_meaning_guard_blocks_a_substitution_that_changes_meaning():
    doc = Document.from_text(TEXT)
    result = correct_document(doc, [assisted(conf=0.3)], scorer=PhraseScorer(likes=("attended",)),
                              guard=FixedGuard(0.3), calibration=CAL)
    assert result.text == TEXT
    assert "blocked by meaning guard" in result.corrections[0].reason


def test_without_a_guard_non_rule_substitutions_are_only_proposed():
    text = "The minister assisted the meeting."
    s = text.index("assisted")
    f = finding(text, s, s + 8, [], category="fluency", code="L001")
    result = correct_document(Document.from_text(text), [f], scorer=PhraseScorer(likes=("attended",)), calibration=CAL)
    assert result.text == text
    assert result.corrections and result.corrections[0].replacement == "attended"
    assert not result.corrections[0].applied


def test_typography_fix_needs_no_guard_and_only_its_span_changes():
    doc = Document.from_text(TEXT)
    s = TEXT.index("« ")
    e = TEXT.index(" »") + 2
    fs = [finding(TEXT, s, s + 2, [Suggestion("“", 0.95)], "T001", "typography"),
          finding(TEXT, e - 2, e, [Suggestion("”", 0.95)], "T001", "typography")]
    result = correct_document(doc, fs, scorer=PhraseScorer(), calibration=CAL)
    assert result.text == TEXT.replace("« ", "“").replace(" »", "”")


def test_candidates_are_scored_in_one_batch():
    doc = Document.from_text(TEXT)
    scorer = PhraseScorer(likes=("attended",))
    s = TEXT.index("« ")
    fs = [_two_ways(), assisted(conf=0.3), finding(TEXT, s, s + 2, [Suggestion("“", 0.95), Suggestion('"', 0.5)], "T001", "typography")]
    correct_document(doc, fs, scorer=scorer, guard=FixedGuard(0.9),
                     calibration=Calibration(choice_margins={"false-friend": 1.0, "proposal": 1.0}))
    assert len(scorer.calls) == 1 and len(scorer.calls[0]) == 3 + 2  # typography is not a decision type here


def test_rules_only_path_is_unchanged():
    doc = Document.from_text(TEXT)
    result = correct_document(doc, [assisted(conf=0.7)], 0.5)
    assert "attended" in result.text and result.applied[0].reason == "rule suggestion"
    assert correct_document(doc, [assisted(conf=0.4)], 0.5).text == TEXT


def test_overlapping_findings_apply_once():
    doc = Document.from_text(TEXT)
    s = TEXT.index("assisted")
    fs = [assisted(conf=0.3), finding(TEXT, s, s + 8, [Suggestion("joined", 0.3)])]
    result = correct_document(doc, fs, scorer=PhraseScorer(likes=("attended", "joined")),
                              guard=FixedGuard(0.95), calibration=CAL)
    assert len(result.applied) == 1


@pytest.mark.parametrize(
    ("a", "b", "sub"),
    [("assisted to", "attended", True), ("Glee", "glee", False), (" ;", ";", False), (" the", "", False),
     ("« ", "“", False), ("43,8 milliards", "43.8 billion", True)],
)
def test_word_substitution(a, b, sub):
    assert is_word_substitution(a, b) is sub


def test_candidate_sources():
    text = "He met Poutine in Moscow."
    s = text.index("Poutine")
    f = finding(text, s, s + 7, [Suggestion("Putin", 0.9)], "U001", "untranslated")
    cands = gather_candidates(Document.from_text(text), f)
    assert cands[0] == Suggestion("Putin", 0.9)
    assert {c.source for c in cands} == {"rule", "spelling"}
    assert all(c.replacement[0].isupper() for c in cands)
    assert "Poutine" not in {c.replacement for c in cands}


def test_model_candidates_only_when_no_rule_suggestion():
    text = "The minister assisted the meeting."
    s = text.index("assisted")
    doc = Document.from_text(text)
    f = finding(text, s, s + 8, [], category="fluency", code="L001")
    cands = gather_candidates(doc, f, lm=PhraseScorer(), spelling=False)
    assert [c.replacement for c in cands] == ["attended", "joined"]
    assert all(c.source == "model" for c in cands)


def test_helpers():
    assert is_single_word("rock-solid") and not is_single_word("two words") and not is_single_word("4")
    assert [s.replacement for s in words_from_tokens("Said", [(" told", 0), ("ed", 0), (" said", 0)], 5)] == ["Told"]
    assert dedupe([Suggestion("a"), Suggestion("a", 0.9), Suggestion("x")], "x") == (Suggestion("a"),)


def test_lexicon_candidates_are_replacements_not_context_words():
    from mtcheck.candidates import lexicon_candidates
    from mtcheck.lang import load_language

    lang = load_language("fr")
    text = "Poutine and Zelensky met in Berlin."
    f = finding(text, 0, 7, [], "U001", "untranslated")
    got = [c.replacement for c in lexicon_candidates(f, lang)]
    assert got == ["Putin"]  # not the food words that excuse "poutine" on a menu
    assert all(c.source == "lexicon" for c in lexicon_candidates(f, lang))


def test_a_model_rule_fix_is_its_own_decision():
    s = TEXT.index("assisted to")
    f = finding(TEXT, s, s + 11, [Suggestion("attended", 0.9)], code="L002")
    result = correct_document(Document.from_text(TEXT), [f], scorer=PhraseScorer(), calibration=CAL)
    assert result.decisions == (Decision.MODEL_RULE,) and "attended" in result.text
