"""Configuration: discovery, precedence (command line over file), every setting on real text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.cli import main
from mtcheck.config import Config, find_config, load_config
from mtcheck.document import Document
from mtcheck.errors import UsageError
from mtcheck.findings import Severity
from mtcheck.pipeline import check_document
from mtcheck.rules import Rule, RuleContext

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = (ROOT / "corpus" / "samples" / "ft-putin-trump.txt").read_text(encoding="utf-8")


def scan_json(capsys, *args: str) -> tuple[int, list[dict]]:
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", "--format", "json", *args])
    out, err = capsys.readouterr()
    return exit_info.value.code, (json.loads(out)["files"] if out else err)


def spans(file_obj: dict, code: str | None = None) -> set[tuple[str, int, int]]:
    return {(f["code"], f["line"], f["column"]) for f in file_obj["findings"] if code in (None, f["code"])}


@pytest.fixture
def project(tmp_path):
    """A project folder with the seed article two levels down."""
    article = tmp_path / "news" / "2025" / "article.txt"
    article.parent.mkdir(parents=True)
    article.write_text(SEED_TEXT, encoding="utf-8")
    return tmp_path, article


def test_discovery_walks_up_to_pyproject(project):
    root, article = project
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.mtcheck]\nselect = ["R"]\n', encoding="utf-8")
    assert find_config(article) == root / "pyproject.toml"
    assert load_config(root / "pyproject.toml").select == ("R",)


def test_discovery_prefers_nearest_and_dotfile_and_skips_foreign_pyproject(project):
    root, article = project
    (root / ".mtcheck.toml").write_text('select = ["T"]\n', encoding="utf-8")
    (article.parent / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(article) == root / ".mtcheck.toml"
    (root / "news" / "pyproject.toml").write_text('[tool.mtcheck]\nselect = ["R"]\n', encoding="utf-8")
    assert find_config(article) == root / "news" / "pyproject.toml"
    (root / "news" / ".mtcheck.toml").write_text('select = ["C"]\n', encoding="utf-8")
    assert find_config(article) == root / "news" / ".mtcheck.toml"


def test_discovered_config_selects_rules(project, capsys):
    root, article = project
    (root / ".mtcheck.toml").write_text('select = ["R"]\n', encoding="utf-8")
    code, files = scan_json(capsys, str(article))
    assert ("R001", 29, 259) in spans(files[0])
    assert not spans(files[0], "T001")


def test_command_line_overrides_config(project, capsys):
    root, article = project
    (root / ".mtcheck.toml").write_text('select = ["R"]\nsource-lang = "es"\n[gate]\nfail-on = "never"\n', encoding="utf-8")
    code, files = scan_json(capsys, str(article), "--select", "T001", "--source-lang", "fr", "--fail-on", "error")
    assert code == 1
    assert ("T001", 5, 416) in spans(files[0]) and not spans(files[0], "R001")


def test_explicit_config_beats_discovered(project, capsys):
    root, article = project
    (root / ".mtcheck.toml").write_text('select = ["R"]\n', encoding="utf-8")
    other = root / "other.toml"
    other.write_text('select = ["T001"]\n', encoding="utf-8")
    _, files = scan_json(capsys, str(article), "--config", str(other))
    assert spans(files[0]) and all(code == "T001" for code, _, _ in spans(files[0]))


def test_longest_prefix_wins_and_extend_select(project, capsys):
    root, article = project
    (root / ".mtcheck.toml").write_text('select = ["T001"]\nignore = ["T"]\nextend-select = ["R001"]\n', encoding="utf-8")
    _, files = scan_json(capsys, str(article))
    assert ("T001", 5, 416) in spans(files[0]) and ("R001", 29, 259) in spans(files[0])
    (root / ".mtcheck.toml").write_text('select = ["T"]\nignore = ["T001"]\n', encoding="utf-8")
    _, files = scan_json(capsys, str(article))
    assert not spans(files[0], "T001")


def test_severity_override_by_prefix_and_name(project, capsys):
    root, article = project
    (root / ".mtcheck.toml").write_text('[severity]\nT = "info"\ndoubled-words = "warning"\n', encoding="utf-8")
    code, files = scan_json(capsys, str(article), "--select", "T001", "--select", "R001")
    sev = {(f["code"], f["severity"]) for f in files[0]["findings"]}
    assert sev == {("T001", "info"), ("R001", "warning")}
    assert code == 0


def test_per_file_ignores(tmp_path, capsys):
    (tmp_path / ".mtcheck.toml").write_text('[per-file-ignores]\n"archive/**" = ["T001"]\n"*.md" = ["R"]\n', encoding="utf-8")
    (tmp_path / "archive" / "2019").mkdir(parents=True)
    (tmp_path / "archive" / "2019" / "old.txt").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "new.txt").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "new.md").write_text(SEED_TEXT, encoding="utf-8")
    _, files = scan_json(capsys, str(tmp_path))
    by_name = {Path(f["path"]).name: f for f in files}
    assert not spans(by_name["old.txt"], "T001") and ("R001", 29, 259) in spans(by_name["old.txt"])
    assert ("T001", 5, 416) in spans(by_name["new.txt"]) and ("R001", 29, 259) in spans(by_name["new.txt"])
    assert ("T001", 5, 416) in spans(by_name["new.md"]) and not spans(by_name["new.md"], "R001")


def test_glossary_allow_drops_findings_of_allowed_terms(project, capsys):
    root, article = project
    (root / ".mtcheck.toml").write_text('[glossary]\nallow = ["in arms"]\n', encoding="utf-8")
    _, files = scan_json(capsys, str(article))
    assert not spans(files[0], "R001") and ("T001", 5, 416) in spans(files[0])


class _ReadsPreferred(Rule):
    """Test rule: flags each glossary variant, proposing the preferred spelling."""

    code, name, category = "E999", "test-preferred", "entity-consistency"
    bad, good = ("x",), ("y",)

    def check(self, doc, ctx: RuleContext):
        for variant, preferred in ctx.glossary.preferred:
            start = doc.text.find(variant)
            if start >= 0:
                yield self.finding(doc, start, start + len(variant), "variant", [preferred])


def test_glossary_preferred_reaches_rules(tmp_path):
    cfg = tmp_path / ".mtcheck.toml"
    cfg.write_text('[glossary]\npreferred = { Putin = ["Poutine"], Zelensky = ["Zelenskyy", "Zelenski"] }\n', encoding="utf-8")
    config = load_config(cfg)
    assert set(config.glossary.preferred) == {("Poutine", "Putin"), ("Zelenskyy", "Zelensky"), ("Zelenski", "Zelensky")}
    found = check_document(Document.from_text(SEED_TEXT), config.check_options(), rules=[_ReadsPreferred()])
    assert {(f.text, f.best.replacement) for f in found} == {("Poutine", "Putin"), ("Zelenskyy", "Zelensky")}
    assert all(SEED_TEXT[f.start : f.end] == f.text for f in found)


def test_gate_thresholds_from_config(project, capsys):
    root, article = project
    (root / ".mtcheck.toml").write_text('select = ["T001"]\n[gate]\nfail-on = "never"\nmin-score = 99\n', encoding="utf-8")
    code, files = scan_json(capsys, str(article))
    assert code == 1 and files[0]["passed"] is False
    code, files = scan_json(capsys, str(article), "--min-score", "0")
    assert code == 0 and files[0]["passed"] is True


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selct = ["T"]\n', "unknown setting 'selct'"),
        ('select = "T001" = 1\n', "invalid TOML"),
        ('select = ["T-1"]\n', "is not a rule code"),
        ('[severity]\nT001 = "fatal"\n', "must be error, warning or info"),
        ('[gate]\nmin-score = "high"\n', "min-score must be a number from 0 to 100"),
        ('[gate]\nfail-on = "sometimes"\n', "fail-on must be one of"),
        ('[glossary]\nallowed = ["x"]\n', "unknown setting 'allowed'"),
        ('per-file-ignores = ["x"]\n', "per-file-ignores must be a table"),
    ],
)
def test_invalid_config_is_a_usage_error(project, capsys, content, message):
    root, article = project
    (root / ".mtcheck.toml").write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_config(root / ".mtcheck.toml")
    code, err = scan_json(capsys, str(article))
    assert code == 2 and message.split("'")[0] in err and ".mtcheck.toml" in err


def test_defaults_without_config():
    options = Config().check_options()
    assert options.source_lang == "fr" and options.select == () and options.ignore == ()
    assert Config().gate.fail_on is Severity.ERROR
