"""JUnit XML: one testsuite per rule family, one testcase per scenario named with its rule ID.

Warnings pass with a WARNING note; failures a baseline accepts are skipped, naming the entry;
the baseline's expired entries fail a test case of their own, and entries no longer needed are noted.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cancel_conformance.baseline import Review
from cancel_conformance.outcomes import Outcome
from cancel_conformance.report.results import RuleResult, Run


def render_junit(run: Run) -> str:
    root = ET.Element("testsuites", name="cancel-conformance", time=f"{run.duration_s:.2f}")
    for family, results in run.families():
        suite = ET.SubElement(root, "testsuite", name=f"{family.id}: {family.title}")
        for result in results:
            _rule_cases(suite, result)
        _count(suite)
    if run.baseline is not None and (run.baseline.expired or run.baseline.unused):
        _baseline_cases(ET.SubElement(root, "testsuite", name=f"baseline: {run.baseline.path}"), run.baseline)
    _count(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _rule_cases(suite: ET.Element, result: RuleResult) -> None:
    rule = result.rule
    if not result.scenarios:
        case = ET.SubElement(suite, "testcase", classname=rule.id, name=f"{rule.id} {rule.title}")
        ET.SubElement(case, "skipped", message=f"not verified: {result.reason}")
        return
    for scenario in result.scenarios:
        case = ET.SubElement(suite, "testcase", classname=rule.id, name=f"{rule.id} {scenario.name}",
                             time=f"{scenario.duration_s:.3f}")
        props = ET.SubElement(case, "properties")
        for name, value in (("rule", rule.id), ("level", rule.level), ("outcome", scenario.outcome.value)):
            ET.SubElement(props, "property", name=name, value=value)
        if result.accepted_by is not None and scenario.outcome != Outcome.PASSED:
            entry = result.accepted_by
            # A known failure the baseline accepts does not fail the CI's test tab; it is named as such.
            ET.SubElement(case, "skipped", message=f"{scenario.outcome.value}, accepted by the baseline until "
                                                   f"{entry.expires.isoformat()}: {entry.reason}")
            continue
        _outcome(case, scenario.outcome, scenario.reason, scenario.details)


def _baseline_cases(suite: ET.Element, review: Review) -> None:
    """An expired entry fails the gate (exit code 5), so it fails here too; one no longer needed is noted."""
    for entry, outcome in review.expired:
        case = ET.SubElement(suite, "testcase", classname="baseline", name=f"{entry.rule} baseline entry")
        ET.SubElement(case, "failure", message=f"expired on {entry.expires.isoformat()}: renew or remove it").text = (
            f"{entry.reason}\n(the rule {'did not run' if outcome is None else outcome.value} in this run)")
    for entry, outcome in review.unused:
        case = ET.SubElement(suite, "testcase", classname="baseline", name=f"{entry.rule} baseline entry")
        ET.SubElement(case, "system-out").text = (
            f"no longer needed: the rule {'did not run' if outcome is None else outcome.value}; {entry.reason}")
    _count(suite)


def _outcome(case: ET.Element, outcome: Outcome, reason: str, details: str) -> None:
    if outcome == Outcome.FAILED:
        ET.SubElement(case, "failure", message=reason).text = details
    elif outcome == Outcome.ERROR:
        ET.SubElement(case, "error", message=reason).text = details
    elif outcome == Outcome.NOT_VERIFIED:
        ET.SubElement(case, "skipped", message=f"not verified: {reason}")
    elif outcome == Outcome.WARNING:
        ET.SubElement(case, "system-out").text = f"WARNING (SHOULD rule): {reason}\n{details}"


def _count(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    for tag, attribute in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
        element.set(attribute, str(sum(case.find(tag) is not None for case in cases)))
