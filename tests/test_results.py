"""Scenario outcomes become rule outcomes, a verdict and an exit code, as DESIGN.md defines them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cancel_conformance import exit_codes
from cancel_conformance.outcomes import ConformanceFailure, NotVerified, Outcome, TargetError
from cancel_conformance.report.results import NOT_RUN, RunInfo, build_run, to_json
from cancel_conformance.rules import catalogue
from cancel_conformance.scenario import ScenarioResult, judge

POS_RULES = [rule.id for rule in catalogue().for_apis({"pos.v10"})]
INFO = RunInfo("0", {"name": "t"}, ("pos.v10",), datetime(2026, 1, 1, tzinfo=UTC), 1, 1, {})


def scenario(rule_id: str, outcome: Outcome = Outcome.PASSED, name: str = "s") -> ScenarioResult:
    return ScenarioResult(nodeid=f"{rule_id}::{name}", feature="f", name=name, rules=[rule_id], outcome=outcome,
                          reason="" if outcome == Outcome.PASSED else "why")


def run_with(**overrides: Outcome):
    return build_run([scenario(rule_id, overrides.get(rule_id, Outcome.PASSED)) for rule_id in POS_RULES], INFO)


def test_everything_passed_is_conformant_with_exit_code_0() -> None:
    run = run_with()
    assert run.verdict == "conformant"
    assert run.exit_code == exit_codes.CONFORMANT


def test_a_failed_must_rule_fails_the_run() -> None:
    run = run_with(POS_PAY_02=Outcome.FAILED, POS_PAY_03=Outcome.ERROR)
    assert run.verdict == "not conformant"
    assert run.exit_code == exit_codes.MUST_FAILED


@pytest.mark.parametrize("outcome", [Outcome.ERROR, Outcome.NOT_VERIFIED])
def test_a_must_rule_that_could_not_be_judged_is_not_a_pass(outcome: Outcome) -> None:
    run = run_with(POS_PAY_02=outcome)
    assert run.verdict == "not conformant"
    assert run.exit_code == exit_codes.NOT_JUDGED


def test_a_failed_should_rule_is_a_warning_that_does_not_fail_the_run() -> None:
    run = run_with(POS_PAY_05=Outcome.FAILED)
    result = next(r for r in run.rules if r.rule.id == "POS_PAY_05")
    assert result.outcome == Outcome.WARNING
    assert run.verdict == "conformant"
    assert run.exit_code == exit_codes.CONFORMANT


def test_the_worst_scenario_decides_the_rule_and_names_itself() -> None:
    scenarios = [scenario("POS_PAY_01", Outcome.PASSED, "a"), scenario("POS_PAY_01", Outcome.FAILED, "b")]
    result = build_run(scenarios, INFO).rules[0]
    assert result.outcome == Outcome.FAILED
    assert result.reason == "b: why"


def test_rules_without_scenarios_are_not_run_and_do_not_decide_the_exit_code() -> None:
    run = build_run([scenario("POS_PAY_01")], INFO)
    others = [r for r in run.rules if r.rule.id != "POS_PAY_01"]
    assert all(r.outcome == Outcome.NOT_VERIFIED and r.reason == NOT_RUN for r in others)
    assert run.exit_code == exit_codes.CONFORMANT
    assert run.verdict == "not conformant"


def test_results_json_has_the_documented_shape() -> None:
    data = to_json(run_with(POS_PAY_02=Outcome.FAILED))
    assert data["schema"] == "cancel-conformance/results/1"
    assert {"suite", "target", "verdict", "exit_code", "counts", "rules", "fuzzing", "hashes"} <= set(data)
    rule = next(r for r in data["rules"] if r["id"] == "POS_PAY_02")
    assert rule["outcome"] == "failed"
    assert rule["level"] == "MUST"
    assert rule["scenarios"][0]["reason"] == "why"


@pytest.mark.parametrize(("error", "must", "outcome"), [
    (None, True, Outcome.PASSED),
    (NotVerified("sandbox lacks `pos.expire`"), True, Outcome.NOT_VERIFIED),
    (TargetError("connection refused"), True, Outcome.ERROR),
    (ConformanceFailure("x", expected="a", received="b"), True, Outcome.FAILED),
    (ConformanceFailure("x", expected="a", received="b"), False, Outcome.WARNING),
    (AssertionError("plain"), True, Outcome.FAILED),
    (KeyError("defect"), True, Outcome.ERROR),
])
def test_what_a_scenario_raised_decides_its_outcome(error, must: bool, outcome: Outcome) -> None:
    assert judge(error, must=must).outcome == outcome
