"""Tests for the annotated corpus (corpus/) and its loader, mtcheck.corpus."""

from __future__ import annotations

import collections
import json
import os
import shutil
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from mtcheck.corpus import (
    CATEGORIES,
    Artifact,
    CorpusDocument,
    apply_artifacts,
    build_corpus,
    check_corpus,
    load_corpus,
    load_realdata,
    parse_annotated,
    render_annotated,
    validate,
)

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT / "corpus"
SEEDS = {
    "seed-000-ft-putin-trump": "000_5823010210da3e46.txt",
    "seed-004-euronews-putin-ruse": "004_7ab22b8b0d0b0d82.txt",
}


def _shared_dir() -> Path | None:
    candidates = [os.environ.get("MTCHECK_SHARED", ""), PROJECT.parent / "shared", PROJECT / "shared", "/work/shared"]
    for c in candidates:
        if c and (Path(c) / "seeds").is_dir():
            return Path(c)
    return None


HEADER = "# id: t-1\n# split: dev\n# kind: artifact\n# source_lang: fr\n# title: T\n# topic: test\n# provenance: unit test\n\n"


def _doc(body: str, header: str = HEADER) -> CorpusDocument:
    return parse_annotated(header + body)


@pytest.fixture(scope="module")
def docs() -> list[CorpusDocument]:
    return load_corpus(CORPUS)


# ------------------------------------------------------------------ the committed corpus


def test_every_built_doc_validates(docs):
    assert docs
    errors = [e for d in docs for e in validate(d)]
    assert errors == []


def test_check_corpus_reports_nothing():
    assert check_corpus(CORPUS) == []


def test_built_docs_match_annotated_sources(tmp_path):
    shutil.copytree(CORPUS / "annotated", tmp_path / "annotated")
    built = build_corpus(tmp_path)
    fresh = sorted(p.name for p in (tmp_path / "docs").glob("*.json"))
    committed = sorted(p.name for p in (CORPUS / "docs").glob("*.json"))
    assert fresh == committed
    for name in fresh:
        assert (tmp_path / "docs" / name).read_bytes() == (CORPUS / "docs" / name).read_bytes(), name
    assert (tmp_path / "splits.json").read_bytes() == (CORPUS / "splits.json").read_bytes()
    assert [d.id for d in built] == [d.id for d in load_corpus(CORPUS)]


def test_annotated_files_round_trip_through_render(docs):
    for d in docs:
        assert parse_annotated(render_annotated(d)) == d


def test_corpus_size_and_category_coverage(docs):
    artifact_docs = [d for d in docs if d.kind == "artifact"]
    clean = [d for d in docs if d.kind == "clean"]
    non_seed = [d for d in artifact_docs if d.id not in SEEDS]
    assert len(non_seed) >= 10
    assert len(clean) >= 6
    assert {d.id for d in artifact_docs} >= set(SEEDS)
    counts = collections.Counter(a.category for d in docs for a in d.artifacts)
    assert sum(counts.values()) >= 300
    source_only = {"omission", "mistranslation", "untranslated-sentence", "terminology"}  # bilingual corpus
    for cat in CATEGORIES:
        if cat not in source_only and cat != "fluency":
            assert counts[cat] >= 8, (cat, counts[cat])
    for d in non_seed:
        words = len(d.mt.split())
        assert 400 <= words <= 900, (d.id, words)
    for d in clean:
        words = len(d.mt.split())
        assert 300 <= words <= 700, (d.id, words)
        assert d.mt == d.reference and d.artifacts == ()


def test_ids_unique_and_match_files(docs):
    ids = [d.id for d in docs]
    assert len(ids) == len(set(ids))
    assert sorted(p.stem for p in (CORPUS / "annotated").glob("*.txt")) == sorted(ids)


def test_seed_mt_is_byte_identical():
    shared = _shared_dir()
    if shared is None:
        pytest.skip("shared/seeds not available")
    by_id = {d.id: d for d in load_corpus(CORPUS)}
    for doc_id, fname in SEEDS.items():
        raw = (shared / "seeds" / fname).read_bytes()
        assert by_id[doc_id].mt.encode("utf-8") == raw, doc_id


def test_seed_splits(docs):
    by_id = {d.id: d for d in docs}
    assert by_id["seed-000-ft-putin-trump"].split == "dev"
    assert by_id["seed-004-euronews-putin-ruse"].split == "test"


def test_seed_004_enrichment_block_is_removed(docs):
    d = {d.id: d for d in docs}["seed-004-euronews-putin-ruse"]
    assert "Enrichment Data" in d.mt and "war-and-conflicts" in d.mt
    assert "Enrichment Data" not in d.reference and "war-and-conflicts" not in d.reference
    assert d.reference.endswith("translated from the original in French by Lara Bullens.\n")


def test_splits_json_agrees_with_headers(docs):
    splits = json.loads((CORPUS / "splits.json").read_text(encoding="utf-8"))
    assert set(splits) == {"dev", "test"}
    listed = splits["dev"] + splits["test"]
    assert len(listed) == len(set(listed)), "a document is in both splits"
    assert sorted(listed) == sorted(d.id for d in docs)
    for d in docs:
        assert d.id in splits[d.split]


def test_splits_are_balanced(docs):
    for kind in ("artifact", "clean"):
        group = [d for d in docs if d.kind == kind]
        dev = sum(d.split == "dev" for d in group)
        assert abs(dev - (len(group) - dev)) <= 2, kind


def test_clean_docs_keep_their_traps(docs):
    text = "\n".join(d.mt for d in docs if d.kind == "clean")
    for trap in ("raison d'être", "Le Monde", "Élysée", "poutine", "Actually", "1,200,000", "6.30pm"):
        assert trap in text, trap


# ------------------------------------------------------------------ parse / apply


def test_parse_replacement_with_note_and_offsets():
    d = _doc("[[Poutine=>Putin|untranslated|exonym]] met [[kyiv=>Kyiv|casing]] officials.\n")
    assert d.mt == "Poutine met kyiv officials.\n"
    assert d.reference == "Putin met Kyiv officials.\n"
    assert d.artifacts == (
        Artifact(0, 7, "untranslated", "Putin", "exonym"),
        Artifact(12, 16, "casing", "Kyiv", None),
    )
    assert d.original(d.artifacts[1]) == "kyiv"
    assert validate(d) == []


def test_parse_insertion_and_deletion():
    d = _doc("He told [[=>the |fluency]]Financial Times the the[[ the=>|repetition]] news.")
    assert d.mt == "He told Financial Times the the the news."
    assert d.reference == "He told the Financial Times the the news."
    assert d.artifacts[0] == Artifact(8, 8, "fluency", "the ", None)
    assert d.artifacts[1].start == len("He told Financial Times the the")
    assert validate(d) == []


def test_parse_multiline_deletion():
    body = "Story ends here.\n[[Tags: war-and-conflicts\nRead also: other story\n=>|metadata-leak|tag block]]"
    d = _doc(body)
    assert d.mt == "Story ends here.\nTags: war-and-conflicts\nRead also: other story\n"
    assert d.reference == "Story ends here.\n"
    (a,) = d.artifacts
    assert d.mt[a.start : a.end] == "Tags: war-and-conflicts\nRead also: other story\n"
    assert validate(d) == []


def test_offsets_are_code_points_with_accents_and_emoji():
    d = _doc("Café 🇫🇷 à [[Pékin=>Beijing|untranslated]] 😀 [[17,7=>17.7|number-format]] %")
    assert d.mt == "Café 🇫🇷 à Pékin 😀 17,7 %"
    a, b = d.artifacts
    assert (a.start, a.end) == (10, 15)
    assert d.mt[a.start : a.end] == "Pékin"
    assert d.mt[b.start : b.end] == "17,7"
    assert b.start == len("Café 🇫🇷 à Pékin 😀 ")
    assert apply_artifacts(d.mt, d.artifacts) == "Café 🇫🇷 à Beijing 😀 17.7 %"
    assert d.reference == "Café 🇫🇷 à Beijing 😀 17.7 %"


def test_escapes_keep_brackets_and_bars_literal():
    d = _doc(r"A \[\[literal]] and [[x \| y=>x or y\]|fluency]] end \\ here")
    assert d.mt == "A [[literal]] and x | y end \\ here"
    assert d.reference == "A [[literal]] and x or y] end \\ here"
    assert parse_annotated(render_annotated(d)) == d


def test_single_brackets_need_no_escape():
    d = _doc("“Why do we give [Russia] [[Everything=>everything|casing]] they want?")
    assert d.mt == "“Why do we give [Russia] Everything they want?"
    assert d.reference == "“Why do we give [Russia] everything they want?"


@pytest.mark.parametrize(
    "body",
    [
        "unclosed [[a=>b|casing",
        "no arrow [[a b|casing]]",
        "no category [[a=>b]]",
        "no-op [[=>|casing]]",
        "nested [[a [[b=>c|casing]]=>d|casing]]",
    ],
)
def test_parse_rejects_bad_markup(body):
    with pytest.raises(ValueError):
        _doc(body)


def test_parse_rejects_bad_header():
    with pytest.raises(ValueError):
        parse_annotated("# id: x\n\nbody")  # missing keys
    with pytest.raises(ValueError):
        parse_annotated(HEADER.replace("# topic: test", "# colour: red") + "body")
    with pytest.raises(ValueError):
        parse_annotated(HEADER.rstrip("\n"))  # no blank line


def test_apply_right_to_left_and_rejects_overlap():
    mt = "abcdef"
    arts = [Artifact(4, 6, "casing", "EF"), Artifact(0, 1, "casing", "AA"), Artifact(2, 2, "fluency", "-")]
    assert apply_artifacts(mt, arts) == "AAb-cdEF"
    with pytest.raises(ValueError):
        apply_artifacts(mt, [Artifact(0, 3, "casing", "x"), Artifact(2, 4, "casing", "y")])
    with pytest.raises(ValueError):
        apply_artifacts(mt, [Artifact(5, 9, "casing", "x")])


# ------------------------------------------------------------------ validate


def test_validate_catches_wrong_offset():
    d = _doc("[[Poutine=>Putin|untranslated]] spoke.")
    bad = replace(d, artifacts=(Artifact(1, 8, "untranslated", "Putin"),))
    errors = validate(bad)
    assert errors and any("reference" in e for e in errors)
    out_of_range = replace(d, artifacts=(Artifact(0, 999, "untranslated", "Putin"),))
    assert any("out of range" in e for e in validate(out_of_range))


def test_validate_catches_wrong_reference():
    d = _doc("[[Poutine=>Putin|untranslated]] spoke.")
    assert validate(d) == []
    assert validate(replace(d, reference="Poutine spoke.")) != []


def test_validate_catches_order_overlap_category_split_and_kind():
    d = _doc("[[a=>A|casing]] [[b=>B|casing]]")
    a0, a1 = d.artifacts
    assert any("sorted" in e for e in validate(replace(d, artifacts=(a1, a0))))
    overlapping = (Artifact(0, 2, "casing", "A "), Artifact(1, 3, "casing", " B"))
    assert any("overlaps" in e for e in validate(replace(d, artifacts=overlapping)))
    assert any("category" in e for e in validate(replace(d, artifacts=(replace(a0, category="no-such-category"), a1))))
    assert any("split" in e for e in validate(replace(d, split="train")))
    assert any("clean" in e for e in validate(replace(d, kind="clean")))
    clean = _doc("Nothing wrong here.", HEADER.replace("kind: artifact", "kind: clean"))
    assert validate(clean) == []
    assert any("mt != reference" in e for e in validate(replace(clean, reference="Something else.")))


def test_dataclasses_are_frozen():
    d = _doc("[[a=>A|casing]]")
    with pytest.raises(FrozenInstanceError):
        d.mt = "x"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        d.artifacts[0].start = 3  # type: ignore[misc]
    assert isinstance(d.artifacts, tuple)


def test_load_corpus_accepts_file_and_dir(tmp_path):
    (tmp_path / "annotated").mkdir()
    (tmp_path / "annotated" / "t-1.txt").write_text(HEADER + "x [[y=>z|casing]]\n", encoding="utf-8")
    built = build_corpus(tmp_path)
    assert load_corpus(tmp_path) == built
    assert load_corpus(tmp_path / "docs") == built
    assert load_corpus(tmp_path / "docs" / "t-1.json") == built
    assert check_corpus(tmp_path) == []
    (tmp_path / "docs" / "t-1.json").write_text("{}", encoding="utf-8")
    assert check_corpus(tmp_path) != []


def test_build_refuses_invalid_and_removes_stale(tmp_path):
    (tmp_path / "annotated").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "stale.json").write_text("{}", encoding="utf-8")
    (tmp_path / "annotated" / "t-1.txt").write_text(HEADER + "x [[y=>z|nonsense]]\n", encoding="utf-8")
    with pytest.raises(ValueError):
        build_corpus(tmp_path)
    (tmp_path / "annotated" / "t-1.txt").write_text(HEADER + "x [[y=>z|casing]]\n", encoding="utf-8")
    build_corpus(tmp_path)
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["t-1.json"]


# ------------------------------------------------------------------ real data


def test_realdata_rows_and_licences():
    path = CORPUS / "realdata" / "realdata.jsonl"
    segs = load_realdata(path)
    assert len(segs) == 500
    datasets = collections.Counter(s.dataset for s in segs)
    assert datasets == {"google-wmt-mqm-generalMT2023-zh-en": 300, "MLQE-PE-ro-en-test20": 200}
    raw = path.read_text(encoding="utf-8")
    assert "LIG" not in raw and "Potet" not in raw
    for s in segs:
        for start, end, _sev, _cat in s.spans:
            assert 0 <= start <= end <= len(s.mt)
    assert any(s.post_edit is None for s in segs) and any(s.post_edit for s in segs)
    notice = (CORPUS / "realdata" / "LICENSE-NOTICE.md").read_text(encoding="utf-8")
    assert "Apache" in notice and "CC0" in notice


def test_realdata_rows_are_unchanged_copies():
    shared = _shared_dir()
    if shared is None or not (shared / "data" / "realdata-public.jsonl").exists():
        pytest.skip("shared/data not available")
    ours = (CORPUS / "realdata" / "realdata.jsonl").read_text(encoding="utf-8").splitlines()
    theirs = (shared / "data" / "realdata-public.jsonl").read_text(encoding="utf-8").splitlines()
    wanted = [l for l in theirs if json.loads(l)["dataset"] != "LIG-Potet2012-fr-en"]
    assert ours == wanted


def test_no_lig_rows_anywhere_in_corpus():
    for p in CORPUS.rglob("*"):
        if p.is_file() and p.suffix in {".json", ".jsonl", ".txt", ".md"}:
            text = p.read_text(encoding="utf-8")
            assert '"LIG-Potet2012' not in text, p
