"""JUnit XML: one test case per file, failed when the file fails the gate.

CI systems that read JUnit (GitLab, Jenkins, Azure) then show each article as a test.
A file with no gate verdict fails when it has an error-severity finding.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from mtcheck.findings import FileReport, Report, Severity
from mtcheck.render.escape import xml_safe


def _failed(fr: FileReport) -> bool:
    if fr.passed is not None:
        return not fr.passed
    return any(f.severity is Severity.ERROR for f in fr.findings)


def _details(fr: FileReport) -> str:
    lines = []
    for f in fr.findings:
        line, col = fr.line_col(f.start)
        lines.append(f"{fr.path}:{line}:{col}: {f.severity.value} {f.code} [{f.category}] {f.message}: “{f.text}”")
    return xml_safe("\n".join(lines))


def _case(fr: FileReport, per_file: float) -> ET.Element:
    case = ET.Element("testcase", {"classname": "mtcheck", "name": xml_safe(fr.path), "time": f"{per_file:.3f}"})
    n = len(fr.findings)
    summary = f"{n} finding{'s' * (n != 1)} in {fr.words} words"
    if fr.score is not None:
        summary += f", score {fr.score:.1f}"
    if _failed(fr):
        failure = ET.SubElement(case, "failure", {"message": summary, "type": "mtcheck.gate"})
        failure.text = _details(fr)
    out = ET.SubElement(case, "system-out")
    out.text = summary + ("\n" + _details(fr) if fr.findings and not _failed(fr) else "")
    return case


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
        case = _case(fr, per_file)
        ET.indent(case, level=2)
        yield ("    " if k == 0 else "\n    ") + ET.tostring(case, encoding="unicode").rstrip()
    yield ("  " if not report.files else "\n  ") + tail.lstrip("\n ") + "\n"
