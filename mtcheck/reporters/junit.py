"""``--format junit``: JUnit XML, one test case per document, a failure per finding at or above the gate."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from mtcheck.findings import Severity
from mtcheck.result import RunResult


def render_junit(result: RunResult, *, color: bool = False, fail_on: Severity | None = Severity.MAJOR, **_) -> str:
    """Valid against junit-10.xsd: one test case per document with at most one <failure> (listing every finding
    at or above the gate) or, for a document not fully checked, one <error>; skipped files are skipped cases.
    The suite's counts are the number of such cases, so every consumer counts alike."""
    by_path = defaultdict(list)
    for f in result.findings:
        by_path[f.path].append(f)
    gaps = defaultdict(list)
    for g in result.gaps:
        gaps[g.path].append(g)
    suites = ET.Element("testsuites", name="mtcheck")
    suite = ET.SubElement(suites, "testsuite", name="mtcheck")
    failures = errors = 0
    for doc in result.documents:
        case = ET.SubElement(suite, "testcase", classname="mtcheck", name=doc.path)
        found = by_path.get(doc.path, [])
        failing = [f for f in found if fail_on is not None and f.severity >= fail_on]
        lines = [f"{f.path}:{f.line}:{f.column}: {f.severity.label} {f.rule} {f.message}"
                 + (f" → {f.suggestions[0]}" if f.suggestions else "") for f in failing]
        if gaps.get(doc.path):
            errors += 1
            el = ET.SubElement(case, "error", type="mtcheck.incomplete",
                               message=f"{doc.path}: not fully checked: {gaps[doc.path][0].message}")
            el.text = "\n".join(g.message for g in gaps[doc.path]) + ("\n" + "\n".join(lines) if lines else "")
        elif failing:
            failures += 1
            el = ET.SubElement(case, "failure", type=failing[0].rule,
                               message=f"{len(failing)} finding{'s' if len(failing) != 1 else ''} at or above "
                                       f"{fail_on.label}")
            el.text = "\n".join(lines)
        others = [f for f in found if f not in failing]
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(f"{f.line}:{f.column}: {f.severity.label} {f.rule} {f.message}" for f in others)
    for path, reason in result.skipped:
        case = ET.SubElement(suite, "testcase", classname="mtcheck", name=path)
        ET.SubElement(case, "skipped", message=reason)
    suite.set("tests", str(len(result.documents) + len(result.skipped)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(len(result.skipped)))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
