"""JUnit XML: one test case per file, failed when the file fails the gate.

CI systems that read JUnit (GitLab, Jenkins, Azure) then show each article as a test.
A file with no gate verdict fails when it has an error-severity finding.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from xml.sax.saxutils import escape

from mtcheck.findings import FileReport, Report, Severity
from mtcheck.render.escape import xml_safe


def _failed(fr: FileReport) -> bool:
    if fr.passed is not None:
        return not fr.passed
    return any(f.severity is Severity.ERROR for f in fr.findings)


_DETAILS = "\x00details\x00"
"""Where a case's findings go in its serialised element: XML-illegal, so never in the rest
(file names pass :func:`xml_safe`), and replaced by the findings streamed line by line."""


def _details(fr: FileReport) -> Iterator[str]:
    """The findings' lines, XML-escaped as element text, one piece a finding."""
    for k, f in enumerate(fr.findings):
        line, col = fr.line_col(f.start)
        text = f"{fr.path}:{line}:{col}: {f.severity.value} {f.code} [{f.category}] {f.message}: “{f.text}”"
        yield ("\n" if k else "") + escape(xml_safe(text), {})


def _case(fr: FileReport, per_file: float) -> ET.Element:
    """The test case of one file, with :data:`_DETAILS` where its findings are listed."""
    case = ET.Element("testcase", {"classname": "mtcheck", "name": xml_safe(fr.path), "time": f"{per_file:.3f}"})
    n = len(fr.findings)
    summary = f"{n} finding{'s' * (n != 1)} in {fr.words} words"
    if fr.score is not None:
        summary += f", score {fr.score:.1f}"
    failed = _failed(fr)
    if failed:
        failure = ET.SubElement(case, "failure", {"message": summary, "type": "mtcheck.gate"})
        failure.text = _DETAILS if n else ""
    out = ET.SubElement(case, "system-out")
    out.text = summary + ("\n" + _DETAILS if n and not failed else "")
    return case


def _case_chunks(fr: FileReport, per_file: float) -> Iterator[str]:
    """The serialised test case of one file, its findings streamed."""
    case = _case(fr, per_file)
    ET.indent(case, level=2)
    head, found, tail = ET.tostring(case, encoding="unicode").rstrip().partition(_DETAILS)
    yield head
    if found:
        yield from _details(fr)
        yield tail


def render(report: Report, **_: object) -> str:
    """The report as a JUnit XML document."""
    return "".join(render_chunks(report))


def render_chunks(report: Report, **_: object) -> Iterator[str]:
    """The JUnit XML of :func:`render`, one test case (file) at a time."""
    failures = sum(1 for fr in report.files if _failed(fr))
    per_file = report.elapsed / len(report.files) if report.files else 0.0
    attrs = {"name": "mtcheck", "tests": str(len(report.files)), "failures": str(failures),
             "errors": "0", "skipped": "0", "time": f"{report.elapsed:.3f}"}
    suites = ET.Element("testsuites", attrs)
    suite = ET.SubElement(suites, "testsuite", attrs)
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", {"name": "mtcheck.version", "value": report.version})
    ET.SubElement(props, "property", {"name": "source-lang", "value": report.source_lang})
    marker = ET.SubElement(suite, "testcase")  # where the streamed cases go
    ET.indent(suites)
    shell = ET.tostring(suites, encoding="unicode")
    head, _, tail = shell.partition("<testcase />")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n' + head.rstrip(" ")
    for k, fr in enumerate(report.files):
        yield "    " if k == 0 else "\n    "
        yield from _case_chunks(fr, per_file)
    yield ("  " if not report.files else "\n  ") + tail.lstrip("\n ") + "\n"
