"""The HTML report (self-contained, highlights, filter) and the diff/Markdown renderings."""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "samples" / "ft-putin-trump.txt"
ARTIFACTS = ROOT / "artifacts"


class _Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.marks, self.external, self.depth, self.max_depth = [], [], 0, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark":
            self.marks.append(a)
        for key in ("src", "href"):
            if a.get(key) and re.match(r"(https?:)?//", a[key]):
                self.external.append(a[key])


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("diff") / "report.html"
    result = CliRunner().invoke(app, ["diff", str(SEED), "-o", str(out), "--no-model"])
    assert result.exit_code == 0, result.output
    return out


def test_page_is_self_contained_with_one_mark_per_finding(report_page):
    page = report_page.read_text(encoding="utf-8")
    parser = _Marks()
    parser.feed(page)
    assert not parser.external
    assert "<link" not in page and "@import" not in page
    found = {m["data-finding"] for m in parser.marks}
    assert len(found) >= 10
    assert {m["data-cat"] for m in parser.marks} >= {"typography", "repetition"}
    assert page.count('class=tip') == len(found)
    assert "<ins class=c" in page and "Corrected" in page


class _TextOutsideTips(HTMLParser):
    """The text of the Original column (the left cell of each row), tooltips left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.tip_depth, self.cells, self.in_left, self.depth = [], 0, 0, False, 0

    def handle_starttag(self, tag, attrs):
        if tag == "span" and (self.tip_depth or ("class", "tip") in attrs):
            self.tip_depth += 1
        if tag == "div":
            if ("class", "ln") in attrs:
                self.cells += 1
                self.in_left = self.cells % 2 == 1
                self.depth = 1
            elif self.in_left:
                self.depth += 1

    def handle_endtag(self, tag):
        if tag == "span" and self.tip_depth:
            self.tip_depth -= 1
        if tag == "div" and self.in_left:
            self.depth -= 1
            if self.depth == 0:
                self.in_left = False

    def handle_data(self, data):
        if self.in_left and not self.tip_depth:
            self.parts.append(data)


def test_highlights_reproduce_the_original_text(report_page):
    parser = _TextOutsideTips()
    parser.feed(report_page.read_text(encoding="utf-8"))
    assert "".join(parser.parts) == SEED.read_text(encoding="utf-8")


def test_scan_format_html_has_no_corrected_column():
    result = CliRunner().invoke(app, ["scan", str(SEED), "--format", "html"])
    assert result.exit_code in (0, 1)
    assert result.stdout.startswith("<!DOCTYPE html>") and "no corrections computed" in result.stdout


def test_markdown_and_diff_renderings(tmp_path):
    md = tmp_path / "c.md"
    assert CliRunner().invoke(app, ["diff", str(SEED), "-o", str(md), "--no-model"]).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert text.startswith("## mtcheck corrections") and "| line | rule |" in text and "```diff" in text
    result = CliRunner().invoke(app, ["diff", str(SEED), "--format", "diff", "--no-model"])
    assert result.stdout.startswith("--- a/") and "\n+" in result.stdout and "\n-" in result.stdout


def test_diff_refuses_to_overwrite_its_input(tmp_path):
    src = tmp_path / "a.html"
    src.write_text("He said: « no ».\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", str(src), "-o", str(src), "--no-model"])
    assert result.exit_code != 0 and src.read_text(encoding="utf-8") == "He said: « no ».\n"


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.browser
def test_report_in_headless_chromium(report_page, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("headless Chromium not installed (apt-get install chromium); .ci/run installs it")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "diff-report.png"
    if shot.exists():
        shot.unlink()
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900"]
    url = report_page.as_uri()
    dom = subprocess.run([*flags, "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    ready = re.search(r'data-ready="(\d+)"', dom.stdout)
    assert ready, "the page's script did not run"
    assert int(ready.group(1)) == dom.stdout.count("<mark ") > 0
    subprocess.run([*flags, f"--screenshot={shot}", url], capture_output=True, timeout=120)
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_diff_html_aligns_each_line_with_its_correction_and_names_marks(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Poutine said « no » ; Or yes.\n\nThe rate rose to 2,8 % in kyiv.\nA third line.\n", encoding="utf-8")
    page_path = tmp_path / "a.html"
    assert CliRunner().invoke(app, ["diff", str(article), "-o", str(page_path), "--no-model"]).exit_code == 0
    page = page_path.read_text(encoding="utf-8")
    cells = re.findall(r"<div class=ln>(.*?)</div>(?=<div class=ln>|</div><table>)", page, flags=re.S)
    assert len(cells) == 2 * 4  # four lines, each beside its corrected form
    strip = lambda html_text: re.sub(r"<span class=tip>.*?</span></mark>", "</mark>", html_text, flags=re.S)
    right = [re.sub(r"<[^>]+>", "", strip(c)) for c in cells[1::2]]
    assert right[0].startswith("Putin said") and "2.8" in right[2] and right[3] == "A third line.\n"
    assert "French opening guillemet «" in page and "nats" not in page
