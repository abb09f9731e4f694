"""The whole rule set on the hand-annotated corpus: seeds caught, clean texts left alone."""

from pathlib import Path

import pytest

from mtcheck.corpus import load_corpus
from mtcheck.document import Document
from mtcheck.pipeline import check_document

CORPUS = load_corpus(Path(__file__).resolve().parents[1] / "corpus")
CLEAN = [d for d in CORPUS if d.kind == "clean"]
ARTIFACT_DOCS = [d for d in CORPUS if d.kind == "artifact"]
SEEDS = {d.id: d for d in CORPUS if d.id.startswith("seed-")}


def _overlaps(f, a) -> bool:
    return f.start < max(a.end, a.start + 1) and a.start < max(f.end, f.start + 1)


def _findings(text):
    return check_document(Document.from_text(text))


@pytest.mark.parametrize("doc", CLEAN, ids=lambda d: d.id)
def test_clean_news_yields_no_findings(doc):
    assert _findings(doc.mt) == ()


@pytest.mark.parametrize("doc", ARTIFACT_DOCS, ids=lambda d: d.id)
def test_hand_corrected_references_yield_no_findings(doc):
    assert _findings(doc.reference) == ()


@pytest.mark.parametrize("doc", ARTIFACT_DOCS, ids=lambda d: d.id)
def test_findings_on_artifact_documents_are_almost_all_annotated(doc):
    findings = _findings(doc.mt)
    stray = [f for f in findings if not any(_overlaps(f, a) for a in doc.artifacts)]
    assert len(stray) <= max(1, len(findings) // 10), [(f.code, f.text) for f in stray]


def test_seed_000_recall_outside_fluency():
    doc = SEEDS["seed-000-ft-putin-trump"]
    findings = _findings(doc.mt)
    targets = [a for a in doc.artifacts if a.category != "fluency"]
    caught = [a for a in targets if any(_overlaps(f, a) and f.category == a.category for f in findings)]
    assert len(caught) / len(targets) >= 0.5


@pytest.mark.parametrize(
    ("needle", "category"),
    [
        ("Poutine", "untranslated"),
        (" »»", "typography"),
        ("kyiv", "casing"),
        ("three -year", "typography"),
        (" Declared", "repetition"),
        ("research teacher", "false-friend"),
        ("her dream", "pronoun"),
        ("in arms in arms", "repetition"),
        (" ;", "typography"),
        (", “said", "typography"),
        ("high Russian official", "false-friend"),
    ],
)
def test_seed_000_named_artifacts_are_flagged_with_their_category(needle, category):
    doc = SEEDS["seed-000-ft-putin-trump"]
    start = doc.mt.index(needle)
    end = start + len(needle)
    hits = [f for f in _findings(doc.mt) if f.start < end and start < f.end]
    assert any(f.category == category for f in hits), [(f.code, f.text) for f in hits]


def test_seed_004_leaked_enrichment_block_is_one_metadata_finding():
    doc = SEEDS["seed-004-euronews-putin-ruse"]
    leak = doc.mt.index("Enrichment Data:")
    findings = [f for f in _findings(doc.mt) if f.category == "metadata-leak"]
    assert len(findings) == 1
    assert findings[0].start == leak and findings[0].end >= doc.mt.rstrip().rindex("general-news")
    assert findings[0].suggestions[0].replacement == ""
