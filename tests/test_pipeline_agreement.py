"""scan, fix, diff and bench run one pipeline: for every configuration key, glossary entry and
inline directive form they agree, and what scan does not report, fix does not change.

Rules-only throughout, plus a stand-in language model (no real model: those tests are marked
``model`` elsewhere) for the model rule L001.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import mtcheck.correct
from mtcheck.bench.runner import check_corpus_document
from mtcheck.cli import app
from mtcheck.config import load_config
from mtcheck.io import Source
from mtcheck.pipeline import CheckOptions, Models, check_file, options_for
from mtcheck.runner import ScanOptions, run_scan
from mtcheck.scoring import Calibration

ARTICLE = (
    "Headline of the day\n\n"
    "Vladimir Poutine met the envoy in Bruxelles on Monday ; the talks lasted three hours.\n"
    "The the minister flew to Pékin afterwards, his office said.\n"
    "Russia said that her army would stay in the region.\n"
)


def _config(tmp_path: Path, toml: str) -> Path:
    cfg = tmp_path / ".mtcheck.toml"
    cfg.write_text(toml, encoding="utf-8")
    return cfg


def _scan(article: Path, cfg: Path, model: bool = False) -> list[tuple[str, int, int, str, tuple[str, ...]]]:
    report = run_scan([str(article)], ScanOptions(config=str(cfg), model=model))
    (fr,) = report.files
    return [(f.code, f.start, f.end, f.severity.value, tuple(s.replacement for s in f.suggestions)) for f in fr.findings]


def _fix(article: Path, cfg: Path, tmp_path: Path, model: bool = False) -> str:
    out = tmp_path / "fixed.txt"
    args = ["fix", str(article), "-o", str(out), "--config", str(cfg), "-q"] + ([] if model else ["--no-model"])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _diff(article: Path, cfg: Path, model: bool = False) -> str:
    args = ["diff", str(article), "-f", "diff", "--config", str(cfg)] + ([] if model else ["--no-model"])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def _changed_ranges(before: str, after: str) -> list[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(i1, i2) for op, i1, i2, _j1, _j2 in matcher.get_opcodes() if op != "equal"]


def _agree(tmp_path: Path, toml: str, text: str = ARTICLE, model: bool = False):
    """Run the four commands; check they agree; return scan's findings and fix's text."""
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    cfg = _config(tmp_path, toml)
    scanned = _scan(article, cfg, model)
    fixed = _fix(article, cfg, tmp_path, model)
    # what scan does not report, fix does not change
    for lo, hi in _changed_ranges(text, fixed):
        assert any(start <= hi and lo <= end for _c, start, end, _s, _g in scanned), (text[lo:hi], scanned)
    # diff shows exactly fix's change
    expected = "".join(difflib.unified_diff(text.splitlines(keepends=True), fixed.splitlines(keepends=True),
                                            fromfile=f"a/{article}", tofile=f"b/{article}", n=1))
    assert _diff(article, cfg, model) == expected
    # bench checks the same text with the same settings through the same pipeline
    options = options_for(load_config(cfg), str(article))
    models = mtcheck.correct.load_models()[0] if model else None
    _doc, found, result = check_corpus_document(text, str(article), options, Models(models, None, Calibration()) if models else None, None)
    assert [(f.code, f.start, f.end, f.severity.value, tuple(s.replacement for s in f.suggestions)) for f in found] == scanned
    assert result.text == fixed
    return scanned, fixed


def _codes(scanned) -> set[str]:
    return {c for c, *_ in scanned}


def test_baseline_everything_reported_and_fixed(tmp_path):
    scanned, fixed = _agree(tmp_path, "")
    assert {"U001", "R001", "P001"} <= _codes(scanned)
    assert "Bruxelles" not in fixed and "Poutine" not in fixed and "its army" in fixed


CONFIG_CASES = {
    "select": ('select = ["R"]\n', lambda s, f: _codes(s) == {"R001"} and "Poutine" in f and "The minister" in f),
    "ignore": ('ignore = ["U"]\n', lambda s, f: not any(c.startswith("U") for c in _codes(s)) and "Bruxelles" in f and "Pékin" in f),
    "extend-select": ('select = ["R"]\nextend-select = ["P"]\n', lambda s, f: _codes(s) == {"R001", "P001"} and "its army" in f and "Poutine" in f),
    "severity": ('[severity]\nR001 = "info"\n', lambda s, f: all(sev == "info" for c, _a, _b, sev, _g in s if c == "R001") and "The minister" in f),
    "per-file-ignores": ('[per-file-ignores]\n"*.txt" = ["P", "U"]\n', lambda s, f: not ({"P001", "U001"} & _codes(s)) and "her army" in f and "Pékin" in f),
    "glossary-allow": ('[glossary]\nallow = ["Bruxelles", "Pékin"]\n', lambda s, f: "Bruxelles" in f and "Pékin" in f and "Poutine" not in f),
    "glossary-preferred": ('[glossary]\npreferred = { Peking = ["Pékin"] }\n',
                           lambda s, f: "Peking" in f and "Beijing" not in f and any(g == ("Peking",) for *_x, g in s)),
}


@pytest.mark.parametrize("key", sorted(CONFIG_CASES))
def test_every_config_key_is_applied_alike(tmp_path, key):
    toml, check = CONFIG_CASES[key]
    scanned, fixed = _agree(tmp_path, toml)
    assert check(scanned, fixed), (scanned, fixed)


DIRECTIVE_CASES = {
    "disable-codes-then-enable": (
        "<!-- mtcheck: disable U001 -->\nVladimir Poutine met the envoy in Bruxelles.\n<!-- mtcheck: enable U001 -->\nHe flew to Pékin.\n",
        lambda f: "Poutine" in f and "Bruxelles" in f and "Beijing" in f),
    "disable-all-then-enable-all": (
        "<!-- mtcheck: disable -->\nThe the minister met Poutine.\n<!-- mtcheck: enable -->\nHe flew to Pékin.\n",
        lambda f: "The the minister met Poutine." in f and "Beijing" in f),
    "disable-prefix": (
        "<!-- mtcheck: disable U -->\nHe met Poutine in Bruxelles. The the minister left.\n",
        lambda f: "Poutine" in f and "Bruxelles" in f and "The minister left" in f),
    "disable-line": (
        "He met Poutine in Bruxelles. <!-- mtcheck: disable-line U001 -->\nHe flew to Pékin.\n",
        lambda f: "Poutine in Bruxelles" in f and "Beijing" in f),
    "disable-next-line": (
        "<!-- mtcheck: disable-next-line -->\nThe the minister met Poutine.\nHe flew to Pékin.\n",
        lambda f: "The the minister met Poutine." in f and "Beijing" in f),
    "disable-two-codes": (
        "<!-- mtcheck: disable U001, R001 -->\nRussia said that her army would stay. The the minister met Poutine.\n",
        lambda f: "The the minister met Poutine." in f and "its army" in f),
}


@pytest.mark.parametrize("form", sorted(DIRECTIVE_CASES))
def test_every_inline_directive_form_is_applied_alike(tmp_path, form):
    text, check = DIRECTIVE_CASES[form]
    _scanned, fixed = _agree(tmp_path, "", text)
    assert check(fixed), fixed


class FakeLM:
    """A stand-in language model: "discussed" is very unlikely, "examined" is what it expects."""

    UNLIKELY = "discussed"

    def _tokens(self, text: str):
        from types import SimpleNamespace

        out, at = [], 0
        for word in text.split(" "):
            lp = -30.0 if word.strip(".,") == self.UNLIKELY else -1.0
            out.append(SimpleNamespace(start=at, end=at + len(word), logprob=lp, alternatives=((" examined", -0.5),)))
            at += len(word) + 1
        return out

    def token_scores(self, texts, k=0):
        return [self._tokens(t) for t in texts]

    def sequence_logprobs(self, texts):
        return [sum(t.logprob for t in self._tokens(x)) for x in texts]

    def next_words(self, prefix, k=10):
        return [(" examined", -0.5)]


MODEL_TEXT = "Headline\n\nOn Monday the committee discussed the budget, officials said.\n"


@pytest.fixture
def fake_model(monkeypatch):
    monkeypatch.setattr(mtcheck.correct, "load_models", lambda timeout=None, guard=True: (FakeLM(), None, []))


SELECT_L001 = 'extend-select = ["L001"]\n'


def test_the_model_rule_runs_through_the_pipeline(tmp_path, fake_model):
    scanned, fixed = _agree(tmp_path, SELECT_L001, MODEL_TEXT, model=True)
    assert [c for c, *_ in scanned] == ["L001"]
    assert scanned[0][4][:1] == ("examined",)


@pytest.mark.parametrize("toml,runs", [
    ("", False),
    ('select = ["ALL"]\n', False),
    ('extend-select = ["L"]\n', True),
    ('extend-select = ["unlikely-word"]\n', True),
    ('select = ["ALL", "L001"]\n', True),
], ids=["default", "ALL", "family", "name", "code"])
def test_the_opt_in_model_rule_runs_only_when_named(tmp_path, fake_model, toml, runs):
    scanned, _fixed = _agree(tmp_path, toml, MODEL_TEXT, model=True)
    assert ("L001" in _codes(scanned)) is runs


@pytest.mark.parametrize("toml,text", [
    (SELECT_L001 + 'ignore = ["L001"]\n', MODEL_TEXT),
    ('select = ["T"]\n', MODEL_TEXT),
    (SELECT_L001 + '[per-file-ignores]\n"a.txt" = ["L001"]\n', MODEL_TEXT),
    (SELECT_L001 + '[glossary]\nallow = ["discussed"]\n', MODEL_TEXT),
    (SELECT_L001, MODEL_TEXT.replace("On Monday", "<!-- mtcheck: disable-line L -->On Monday")),
], ids=["ignore", "select", "per-file-ignores", "glossary-allow", "inline"])
def test_model_findings_obey_the_same_settings(tmp_path, fake_model, toml, text):
    scanned, fixed = _agree(tmp_path, toml, text, model=True)
    assert "L001" not in _codes(scanned)
    assert fixed == text


def test_severity_override_reaches_model_findings(tmp_path, fake_model):
    scanned, _fixed = _agree(tmp_path, SELECT_L001 + '[severity]\nL001 = "error"\n', MODEL_TEXT, model=True)
    assert [(c, s) for c, _a, _b, s, _g in scanned] == [("L001", "error")]


def test_rules_lists_the_model_rule():
    result = CliRunner().invoke(app, ["rules", "L001"])
    assert result.exit_code == 0 and "unlikely-word" in result.output


def test_scan_json_and_check_file_agree(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(article), "-f", "json", "--exit-zero"])
    data = json.loads(result.output)
    codes = sorted(f["code"] for f in data["files"][0]["findings"])
    direct = check_file(Source(str(article), ARTICLE), CheckOptions()).report.findings
    assert codes == sorted(f.code for f in direct)


def test_preferred_spelling_wins_over_the_model_ranking(tmp_path, fake_model):
    text = "Headline\n\nThe minister flew to Pékin on Monday, his office said.\n"
    scanned, fixed = _agree(tmp_path, '[glossary]\npreferred = { Peking = ["Pékin"] }\n', text, model=True)
    assert "flew to Peking on Monday" in fixed
