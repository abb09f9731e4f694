"""Markdown and HTML input: only prose is checked, offsets stay those of the original file."""

from __future__ import annotations

import pytest

from mtcheck.discover import expand_paths
from mtcheck.markup import checkable_text
from mtcheck.pipeline import check_text

MD = (
    "---\ntitle: Poutine à Paris\ntags: war-and-conflicts\n---\n\n"
    "Poutine said `Poutine` on Monday.\n\n"
    "```\nPoutine = 1\n```\n\n"
    "    indented Poutine\n\n"
    "See [the talks](https://example.com/Poutine-war-and-conflicts) with Pékin.\r\n"
)
HTML = (
    "<!DOCTYPE html>\n<html><head><title>Poutine</title><style>p{}</style></head><body>\r\n"
    "<p class=\"Poutine\">Putin&rsquo;s aides met Poutine in Moscow &amp; Kyiv.</p>"
    "<script>var Poutine = 1;</script><!-- Poutine --><p>Second&nbsp;one.</p>\n</body></html>\n"
)


@pytest.mark.parametrize("path, text", [("a.md", MD), ("a.html", HTML), ("a.htm", HTML), ("A.MARKDOWN", MD)])
def test_checkable_text_keeps_length_and_line_breaks(path: str, text: str) -> None:
    out = checkable_text(path, text)
    assert len(out) == len(text)
    assert [i for i, c in enumerate(text) if c in "\r\n"] == [i for i, c in enumerate(out) if c == "\r" or (c == "\n" and text[i] == "\n")]


def test_plain_text_is_unchanged() -> None:
    assert checkable_text("a.txt", MD) is MD


def test_markdown_front_matter_code_and_link_targets_are_not_checked() -> None:
    report = check_text(MD, "a.md")
    hits = [(f.code, f.text, f.start) for f in report.findings if f.code.startswith(("U", "M"))]
    assert [(c, t) for c, t, _ in hits] == [("U001", "Poutine"), ("U001", "Pékin")]
    first = MD.index("Poutine said")
    assert hits[0][2] == first and MD[hits[0][2]:hits[0][2] + 7] == "Poutine"
    line, column = report.line_col(hits[1][2])
    assert (line, column) == (MD[: hits[1][2]].count("\n") + 1, hits[1][2] - MD.rfind("\n", 0, hits[1][2]))


def test_html_is_checked_on_its_text_with_original_offsets() -> None:
    report = check_text(HTML, "a.html")
    untranslated = [f for f in report.findings if f.code == "U001"]
    assert len(untranslated) == 1
    f = untranslated[0]
    assert f.start == HTML.index("Poutine in Moscow") and f.text == "Poutine"
    assert report.line_col(f.start)[0] == 3


def test_directory_scans_include_html(tmp_path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.css"):
        (tmp_path / name).write_text("x")
    assert [p.rsplit("/", 1)[-1] for p in expand_paths([str(tmp_path)])] == ["a.txt", "b.md", "c.html", "d.htm"]
