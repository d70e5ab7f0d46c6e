"""The whole suite against the embedded reference: every rule passes, every report is written."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cancel_conformance import exit_codes
from cancel_conformance.apis import registry
from cancel_conformance.preflight import needed
from cancel_conformance.rules import catalogue
from tests.suite_run import SuiteRun, run_suite

# With no target, the embedded reference serves every API the suite checks.
ALL_RULES = {rule.id for rule in catalogue().rules}


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    return run_suite(tmp_path_factory.mktemp("clean"))


def test_every_rule_of_every_api_passes(clean_run: SuiteRun) -> None:
    assert clean_run.exit_code == exit_codes.CONFORMANT, clean_run.output[-3000:]
    outcomes = clean_run.outcomes()
    assert set(outcomes) == ALL_RULES
    assert {rule for rule, outcome in outcomes.items() if outcome != "passed"} == set()
    assert clean_run.results["verdict"] == "conformant"


def test_the_run_writes_html_junit_and_results(clean_run: SuiteRun) -> None:
    report_dir: Path = clean_run.report_dir
    html = (report_dir / "report.html").read_text("utf-8")
    assert "Conformant" in html
    assert "POS_PAY_01" in html
    junit = ET.parse(report_dir / "junit.xml").getroot()
    names = [case.get("name") for case in junit.iter("testcase")]
    assert names
    assert all(name.split()[0] in ALL_RULES for name in names)
    assert junit.get("failures") == "0"
    assert junit.get("errors") == "0"
    assert {"cucumber.json", "evidence.jsonl"} <= {path.name for path in report_dir.iterdir()}


def test_every_generated_request_is_evidence_redacted(clean_run: SuiteRun) -> None:
    rows = [json.loads(line) for line in (clean_run.report_dir / "evidence.jsonl").read_text("utf-8").splitlines()]
    fuzzed = [row for row in rows if row["actor"] == "fuzzer" and row["rules"] in (["CON_POS_01"], ["CON_ECOM_01"])]
    sent = clean_run.results["fuzzing"]
    assert len(fuzzed) >= 1000, sent
    assert {row["rules"][0] for row in fuzzed} == {"CON_POS_01", "CON_ECOM_01"}
    assert all(row["request_headers"].get("Authorization", "***").endswith("***") for row in fuzzed)
    assert all(row["status"] or row["error"] for row in fuzzed)


def test_the_summary_names_every_rule_and_the_verdict(clean_run: SuiteRun) -> None:
    for rule_id in ALL_RULES:
        assert rule_id in clean_run.output
    assert "verdict: conformant" in clean_run.output


def test_each_api_declares_the_capabilities_its_rules_scenarios_need(clean_run: SuiteRun) -> None:
    """`apis/<api>/capabilities.py` is what the scenarios asked for against the reference, which has every
    capability: so what `check` and the preflight say will be not verified cannot drift from the scenarios."""
    used: dict[str, set[str]] = {}
    for rule in clean_run.results["rules"]:
        for scenario in rule["scenarios"]:
            used.setdefault(rule["id"], set()).update(scenario["capabilities"])
    for api in registry().values():
        # SIMULATION.md §2 names each capability after its API: `pos.user`, `ecom.age`.
        asked = {rule: {c for c in capabilities if c.startswith(f"{api.tag}.")} for rule, capabilities in used.items()}
        assert needed(api.name) == {rule: frozenset(c) for rule, c in asked.items() if c}, api.name
