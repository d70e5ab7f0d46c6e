"""Contract fuzzing of `contracts/recurring.v3.yaml`, its examples and coverage phases, 401 probes and link walk:
CON_RECUR_01..05."""

from __future__ import annotations

import pytest

from cancel_conformance.apis.recurring import API
from cancel_conformance.fuzz import checks
from cancel_conformance.fuzz.campaign import DETERMINISTIC, Campaign
from cancel_conformance.runtime import Runtime
from steps.contract_fuzzing import judge_contract_rule, run_part

pytestmark = [pytest.mark.contract, pytest.mark.recurring]


@pytest.fixture(scope="session")
def recur_contract_coverage(pytestconfig: pytest.Config, runtime: Runtime) -> Campaign:
    return run_part(API.name, DETERMINISTIC, pytestconfig, runtime)


# One test per rule this half of the campaign exercises in full, each judged under its own rule.
RULES = [
    pytest.param(checks.NO_SERVER_ERROR, marks=pytest.mark.CON_RECUR_01, id="CON_RECUR_01"),
    pytest.param(checks.DOCUMENTED_RESPONSES, marks=pytest.mark.CON_RECUR_02, id="CON_RECUR_02"),
    pytest.param(checks.INVALID_REFUSED, marks=pytest.mark.CON_RECUR_03, id="CON_RECUR_03"),
    pytest.param(checks.AUTH_REQUIRED, marks=pytest.mark.CON_RECUR_04, id="CON_RECUR_04"),
    pytest.param(checks.STATEFUL, marks=pytest.mark.CON_RECUR_05, id="CON_RECUR_05"),
]


@pytest.mark.parametrize("rule", RULES)
def test_recur_contract_coverage(rule: int, request: pytest.FixtureRequest, recur_contract_coverage: Campaign) -> None:
    """examples and coverage phases, 401 probes, link walk"""
    judge_contract_rule(recur_contract_coverage, rule, request)
