"""``--format junit``: JUnit XML, one test case per document, a failure per finding at or above the gate."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from mtcheck.findings import Severity
from mtcheck.pipeline import RunResult


def render_junit(result: RunResult, *, color: bool = False, fail_on: Severity | None = Severity.MAJOR, **_) -> str:
    by_path = defaultdict(list)
    for f in result.findings:
        by_path[f.path].append(f)
    suites = ET.Element("testsuites", name="mtcheck")
    suite = ET.SubElement(suites, "testsuite", name="mtcheck", tests=str(len(result.documents)))
    failures = 0
    errors = 0
    gaps = defaultdict(list)
    for g in result.gaps:
        gaps[g.path].append(g)
    for doc in result.documents:
        case = ET.SubElement(suite, "testcase", classname="mtcheck", name=doc.path, file=doc.path)
        if gaps.get(doc.path):
            errors += 1
            el = ET.SubElement(case, "error", type="mtcheck.incomplete",
                               message=f"{doc.path}: not fully checked: {gaps[doc.path][0].message}")
            el.text = "\n".join(g.message for g in gaps[doc.path])
        failing = [f for f in by_path.get(doc.path, []) if fail_on is not None and f.severity >= fail_on]
        for f in failing:
            el = ET.SubElement(case, "failure", type=f.rule,
                               message=f"{f.path}:{f.line}:{f.column}: {f.severity.label} {f.rule} {f.message}")
            el.text = (f"{f.category}; {f.message}" + (f"\nSuggestion: {f.suggestions[0]}" if f.suggestions else ""))
        if failing:
            failures += 1
        others = [f for f in by_path.get(doc.path, []) if f not in failing]
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(f"{f.line}:{f.column}: {f.severity.label} {f.rule} {f.message}" for f in others)
    for path, reason in result.skipped:
        case = ET.SubElement(suite, "testcase", classname="mtcheck", name=path)
        ET.SubElement(case, "skipped", message=reason)
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(len(result.skipped)))
    suite.set("tests", str(len(result.documents) + len(result.skipped)))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
