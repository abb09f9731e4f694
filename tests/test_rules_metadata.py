"""Metadata-leak rules (M): tag lines, slugs, enrichment blocks, duplicated passages."""

from pathlib import Path

import pytest

from mtcheck.document import Document
from mtcheck.pipeline import check_document
from mtcheck.rules import ALL_RULES, rule_by_code

FAMILY = [r for r in ALL_RULES if r.code.startswith("M")]

CLEAN_NEWS = """Analysts said the hit-and-run attack and the cost-of-living crisis dominated face-to-face talks.
Overall, the state-of-the-art plan was welcomed; a wait-and-see approach prevailed.
- One delegate walked out.
Additional reporting by Lucy Fisher in London and Henry Foy in Brussels.
This article was translated from the original in French by Lara Bullens."""


def findings(text, code):
    found = check_document(Document.from_text(text), rules=[rule_by_code(code)])
    for f in found:
        assert text[f.start : f.end] == f.text
    return found


def test_clean_news_has_no_metadata_findings():
    assert check_document(Document.from_text(CLEAN_NEWS), rules=FAMILY) == ()


def test_tag_lines_with_following_slug_line():
    text = "Prices rose.\nRead also: Budget 2026: what changes\nTags: inflation, ECB\neconomy-and-finance\nEnd."
    found = findings(text, "M001")
    assert [f.text for f in found] == [
        "Read also: Budget 2026: what changes\n",
        "Tags: inflation, ECB\neconomy-and-finance\n",
    ]
    assert all(f.best.replacement == "" for f in found)


def test_inline_slugs():
    text = "setting traps for all involved in the war-and-conflicts and politics of general-news."
    assert [f.text for f in findings(text, "M002")] == ["war-and-conflicts", "general-news"]


def test_enrichment_block_seed_004_is_one_finding_to_the_end():
    path = Path("/work/shared/seeds/004_7ab22b8b0d0b0d82.txt")
    if not path.exists():
        pytest.skip("seed not available")
    text = path.read_text(encoding="utf-8")
    found = check_document(Document.from_text(text), rules=FAMILY)
    assert len(found) == 1
    (f,) = found
    assert f.code == "M003" and f.text.startswith("Enrichment Data:\nOverall:")
    assert f.text.rstrip().endswith("politics of general-news.") and f.end >= len(text.rstrip())


def test_weak_marker_needs_bullets():
    text = "Putin met Trump.\nKey takeaways:\n- Russia wants a deal.\n- Ukraine refuses.\nThe talks resume on Monday in Riyadh, officials said."
    (f,) = findings(text, "M003")
    assert f.text == "Key takeaways:\n- Russia wants a deal.\n- Ukraine refuses.\n"
    assert findings("Key takeaways: none yet.\nThe talks go on.", "M003") == ()


def test_duplicated_paragraph_flags_later_copy():
    para = "The Kremlin said on Thursday that Putin would welcome Trump in Moscow for the May 9 festivities."
    text = f"{para}\nMarkets rose sharply.\n{para}"
    (f,) = findings(text, "M004")
    assert f.start == len(para) + len("\nMarkets rose sharply.\n") and f.text == para


def test_offsets_with_crlf_and_accents():
    text = "Élysée 😀 a parlé.\r\nLire aussi : La réforme\r\nFin."
    (f,) = findings(text, "M001")
    assert f.text == "Lire aussi : La réforme\r\n"


def test_exact_repeat_after_whitespace_carries_a_deletion():
    para = "The Kremlin said on Thursday that Putin would welcome Trump in Moscow for the May 9 festivities."
    text = f"{para}\n\nMarkets rose sharply.\n\n{para.replace(' ', '  ', 3)}"
    (f,) = findings(text, "M004")
    assert [s.replacement for s in f.suggestions] == [""]


def test_near_duplicate_with_different_facts_is_reported_without_deletion():
    tail = " on Thursday after a trial of three weeks in which twelve witnesses were heard and the defence asked for more time to study the bank records."
    a = "The court in Paris found the former minister guilty of fraud" + tail
    b = "The court in Paris found the former minister innocent of fraud" + tail
    (f,) = findings(f"{a}\n\nMarkets rose sharply.\n\n{b}", "M004")
    assert f.text.strip() == b
    assert f.suggestions == ()
    assert "nearly" in f.message
