"""Source-aware checking: quantities, alignment, bilingual readers with exact offsets, CLI."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.document import Document
from mtcheck.pipeline import CheckOptions
from mtcheck.source import build_context
from mtcheck.source.bilingual import read_po, read_tmx, read_xliff, subtitle_cues
from mtcheck.source.check import check_bilingual, check_pair
from mtcheck.source.quantities import Kind, english_quantities, french_quantities, same_value
from mtcheck.source.signals import french_negated, placeholders, source_names

DATA = Path(__file__).parent / "data" / "bilingual"


@pytest.mark.parametrize(
    "fr, en",
    [
        ("17,7", "17.7"),
        ("1 200 000", "1,200,000"),
        ("1\u202f200\u202f000", "1.2 million"),
        ("3 millions", "3 million"),
        ("3,5 milliards", "3.5bn"),
        ("18h30", "6.30pm"),
        ("18h30", "18:30"),
        ("9h", "9 a.m."),
        ("le 12 mars", "12 March"),
    ],
)
def test_french_and_english_conventions_give_the_same_values(fr, en):
    a, b = french_quantities(fr), english_quantities(en)
    assert a and b
    for q in a:
        assert any(same_value(q, t) for t in b), (q, b)


@pytest.mark.parametrize("fr, en", [("17,7", "7.7"), ("3 millions", "30 million"), ("18h30", "8.30pm")])
def test_different_values_differ(fr, en):
    (a,), (b,) = french_quantities(fr), english_quantities(en)
    assert not same_value(a, b)


def test_may_is_a_month_only_beside_a_day():
    assert not [q for q in english_quantities("He may go.") if q.kind is Kind.MONTH]
    assert [q for q in english_quantities("On May 3 he went.") if q.kind is Kind.MONTH]


def test_alignment_finds_one_to_one_two_to_one_and_an_omission():
    fr = ("Le gouvernement a annoncé mardi un plan de 3 millions d'euros. Il sera voté le 12 mars. "
          "Le ministre, M. Dupont, était à Pékin. La presse locale a vivement critiqué le projet.")
    en = "The government announced a 3 million euro plan on Tuesday. It will be voted on 12 March. The minister, Mr Dupont, was in Beijing."
    doc = Document.from_text(en)
    ctx = build_context(fr, doc)
    assert [(p.source, p.target) for p in ctx.alignment] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ())]


def test_alignment_merges_a_split_sentence():
    fr = "Le ministre a démissionné lundi après une semaine de polémique sur ses frais de bouche. Le parti a pris acte."
    en = "The minister resigned on Monday. This followed a week of controversy over his food expenses. The party took note."
    ctx = build_context(fr, Document.from_text(en))
    assert [(p.source, p.target) for p in ctx.alignment] == [((0,), (0, 1)), ((1,), (2,))]


def test_negation_and_names_and_placeholders():
    assert french_negated("Il ne viendra jamais.")
    assert french_negated("Un accord sans la Russie.")
    assert not french_negated("Il n'a que trois ans.")
    assert not french_negated("Plus que jamais, il y croit.")
    names = [n.text for n in source_names("Selon l'ONU, M. Dupont est à Pékin.")]
    assert names == ["ONU", "Dupont", "Pékin"]
    assert [p for _, _, p in placeholders("Voir {0}, %s, {{user}}, https://a.fr/b. et x@y.fr ou @afp")] == [
        "{0}", "%s", "{{user}}", "https://a.fr/b", "x@y.fr", "@afp"]


def _located(report, code):
    return [f for f in report.findings if f.code == code]


def test_xliff_12_offsets_point_into_the_file_with_unit_ids():
    raw = (DATA / "one.xlf").read_text(encoding="utf-8")
    bi = read_xliff(raw)
    assert bi.target_text.splitlines()[0] == "Unemployment reached 5.7% in March & April."
    report = check_bilingual("one.xlf", raw, CheckOptions())
    (number, *_), (neg,) = _located(report, "S002"), _located(report, "S004")
    assert raw[number.start:number.end] == number.text == "5.7"
    assert report.line_col(number.start) == (7, 38) and report.unit_at(number.start) == "u1"
    assert report.unit_at(neg.start) == "u2"
    assert neg.text.startswith("The government will support") and '<g id="1">' in neg.text


def test_xliff_20_and_escaped_characters():
    raw = (DATA / "two.xlf").read_text(encoding="utf-8")
    bi = read_xliff(raw)
    assert [u[2] for u in bi.units] == ["intro/s1", "quote"]
    assert "for <details>." in bi.target_text
    report = check_bilingual("two.xlf", raw, CheckOptions())
    (url,) = _located(report, "S007")
    assert url.text == "https://exemple.fr/report" and report.unit_at(url.start) == "quote"
    (num,) = _located(report, "S002")
    assert num.text == "120,000" and num.suggestions[0].replacement == "1,200,000"


def test_po_multi_line_msgstr_and_placeholders():
    raw = (DATA / "messages.po").read_text(encoding="utf-8")
    bi = read_po(raw)
    assert bi.target_text == "You have {nombre} new messages.\nThe service will be available tomorrow."
    report = check_bilingual("messages.po", raw, CheckOptions())
    (ph,) = _located(report, "S007")
    assert ph.text == "{nombre}" and report.line_col(ph.start) == (9, 18) and report.unit_at(ph.start) == "inbox"
    (neg,) = _located(report, "S004")
    assert raw[neg.start:neg.end] == 'The service will be "\n"available tomorrow.'


def test_tmx_reads_language_variants():
    raw = (DATA / "memory.tmx").read_text(encoding="utf-8")
    assert len(read_tmx(raw).segments) == 2
    report = check_bilingual("memory.tmx", raw, CheckOptions())
    assert [(f.code, f.text) for f in report.findings if f.code.startswith("S")] == [("S002", "8.30pm")]


@pytest.mark.parametrize("suffix", ["srt", "vtt"])
def test_subtitle_pairs(suffix):
    raw = (DATA / f"talk.en.{suffix}").read_text(encoding="utf-8")
    src = (DATA / f"talk.fr.{suffix}").read_text(encoding="utf-8")
    assert len(subtitle_cues(raw)) == 2
    report = check_bilingual(f"talk.en.{suffix}", raw, CheckOptions(), src)
    (name,) = _located(report, "S003")
    assert raw[name.start:name.end] == "Vautrain"


def test_plain_pair_records_the_alignment():
    fr = "Le chômage a atteint 7,5 % en mars.\nLe ministre était à Pékin."
    en = "Unemployment reached 5.7% in March.\nThe minister was in Beijing."
    report = check_pair("a.en.txt", en, fr, CheckOptions())
    assert report.bilingual.pairs == ((0, 35, 0, 35), (36, 62, 36, 64))
    (f,) = _located(report, "S002")
    assert (f.source_start, f.source_end) == (0, 35)


def test_glossary_terms_from_config(tmp_path):
    (tmp_path / ".mtcheck.toml").write_text('[glossary.terms]\n"taxe carbone" = "carbon levy"\n', encoding="utf-8")
    (tmp_path / "a.fr.txt").write_text("La taxe carbone sera relevée.\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("The carbon tax will be raised.\n", encoding="utf-8")
    out = _cli("scan", "--select", "S", "-f", "json", "--source", "a.fr.txt", "a.en.txt", cwd=tmp_path)
    codes = [f["code"] for f in json.loads(out.stdout)["files"][0]["findings"]]
    assert codes == ["S006"]


def _cli(*args, cwd=None):
    root = Path(__file__).resolve().parent.parent
    env = {"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": str(Path.home())}
    return subprocess.run([sys.executable, "-m", "mtcheck", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_cli_source_json_has_unit_and_source_span():
    out = _cli("scan", "-f", "json", "--select", "S", str(DATA / "one.xlf"))
    assert out.returncode == 1
    first = json.loads(out.stdout)["files"][0]["findings"][0]
    assert first["unit"] == "u1" and first["source"]["text"] == "Le chômage a atteint 7,5 % en mars."


def test_cli_source_needs_one_article(tmp_path):
    (tmp_path / "a.txt").write_text("A.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B.\n", encoding="utf-8")
    out = _cli("scan", "--source", str(tmp_path / "a.txt"), str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert out.returncode == 2 and out.stderr.startswith("mtcheck: error:") and "Traceback" not in out.stderr


def test_bad_xml_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff><unclosed></xliff>", encoding="utf-8")
    out = _cli("scan", str(bad))
    assert out.returncode == 2 and "not well-formed XML" in out.stderr and "Traceback" not in out.stderr


def _pair_files(tmp_path):
    fr = tmp_path / "a.fr.txt"
    en = tmp_path / "a.en.txt"
    fr.write_text("Le plan coûte 3 millions d'euros.\nLe ministre, M. Dupont, était à Pékin.\n", encoding="utf-8")
    en.write_text("The plan costs 30 million euros.\nThe minister, Mr Dupond, was in Beijing.\n", encoding="utf-8")
    return fr, en


def test_fix_with_source_applies_source_fixes(tmp_path):
    fr, en = _pair_files(tmp_path)
    out = _cli("fix", "--no-model", "--source", str(fr), str(en), "-o", str(tmp_path / "out.txt"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == (
        "The plan costs 3 million euros.\nThe minister, Mr Dupont, was in Beijing.\n")
    assert en.read_text(encoding="utf-8").startswith("The plan costs 30 million")


def test_diff_and_scan_html_show_the_aligned_source(tmp_path):
    fr, en = _pair_files(tmp_path)
    out = _cli("diff", "--no-model", "--source", str(fr), str(en), "-o", str(tmp_path / "r.html"))
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Source and translation, aligned" in page
    assert "<td lang=fr>Le plan coûte 3 millions d&#x27;euros.</td><td lang=en>The plan costs 30 million euros.</td>" in page
    _cli("scan", "-f", "html", "-o", str(tmp_path / "s.html"), "--source", str(fr), str(en))
    assert "<td lang=fr>Le ministre, M. Dupont, était à Pékin.</td>" in (tmp_path / "s.html").read_text(encoding="utf-8")


def test_bench_bilingual_option(tmp_path):
    root = Path(__file__).resolve().parent.parent
    out = _cli("bench", "--bilingual", str(root / "corpus" / "bilingual"), "--split", "dev",
               "-o", str(tmp_path / "b.json"), cwd=root)
    assert out.returncode == 0, out.stderr
    result = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    dev = result["corpus"]["dev"]
    assert dev["documents"] == 3 and dev["overall"]["gold"] >= 15
    assert set(dev["categories"]) >= {"omission", "mistranslation", "untranslated-sentence", "terminology"}


def test_word_pair_table_header_format_and_content():
    from importlib.resources import files

    from mtcheck.source.lexicon import word_pairs

    text = files("mtcheck.data").joinpath("fr", "fr_en_pairs.txt").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("FreeDict" in line for line in header) and any("GPL-2.0-or-later" in line for line in header)
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert 2000 <= len(rows) <= 5000
    for row in rows:
        fr, en = row.split("\t")
        assert fr and fr == fr.lower() and all(w.isalpha() for w in en.split(","))
    pairs = word_pairs("fr")
    assert "never" in pairs["jamais"] and "minister" in pairs["ministre"] and "tuesday" in pairs["mardi"]


def test_check_text_takes_a_source():
    from mtcheck.pipeline import check_text

    report = check_text("The plan costs 30 million euros.", source="Le plan coûte 3 millions d'euros.")
    assert [f.code for f in report.findings if f.code.startswith("S")] == ["S002"]
    assert report.bilingual is not None
    assert not [f for f in check_text("The plan costs 30 million euros.").findings if f.code.startswith("S")]


def test_long_texts_align_quickly_and_completely():
    import time

    fr = "\n".join(f"Le conseil a voté {i} mesures le {i % 28 + 1} mars." for i in range(1, 301))
    en = "\n".join(f"The council voted {i} measures on {i % 28 + 1} March." for i in range(1, 301) if i != 150)
    doc = Document.from_text(en)
    started = time.perf_counter()
    ctx = build_context(fr, doc)
    assert time.perf_counter() - started < 60  # a generous guard, not a benchmark
    assert sorted(i for p in ctx.alignment for i in p.target) == list(range(299))
    assert [p.source for p in ctx.alignment if not p.target] == [(149,)]


@pytest.mark.parametrize("command", ["fix", "diff"])
def test_fix_and_diff_refuse_bilingual_files(command, tmp_path):
    args = ["-o", str(tmp_path / "out")] if command == "fix" else []
    out = _cli(command, "--no-model", str(DATA / "one.xlf"), *args)
    assert out.returncode == 2 and "check XLIFF, PO and TMX files with scan" in out.stderr


def test_glossary_terms_config_is_validated(tmp_path):
    from mtcheck.config import load_config
    from mtcheck.errors import UsageError

    good = tmp_path / ".mtcheck.toml"
    good.write_text('[glossary.terms]\n"taxe carbone" = "carbon levy"\n', encoding="utf-8")
    assert load_config(good).check_options().glossary.terms == (("taxe carbone", "carbon levy"),)
    bad = tmp_path / "bad.toml"
    bad.write_text('[glossary.terms]\n"taxe carbone" = ["carbon levy"]\n', encoding="utf-8")
    with pytest.raises(UsageError, match="terms must be a table"):
        load_config(bad)


def test_json_file_carries_the_alignment(tmp_path):
    fr, en = _pair_files(tmp_path)
    out = _cli("scan", "-f", "json", "--select", "S", "--source", str(fr), str(en))
    file = json.loads(out.stdout)["files"][0]
    assert file["source"]["path"] == str(fr)
    text_fr, text_en = fr.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")
    pairs = [(text_fr[a:b], text_en[c:d]) for a, b, c, d in file["source"]["alignment"]]
    assert pairs[0] == ("Le plan coûte 3 millions d'euros.", "The plan costs 30 million euros.")
