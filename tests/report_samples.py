"""A small synthetic run for the report's unit tests: one failed rule with its evidence, the rest passed."""

from __future__ import annotations

from datetime import UTC, datetime

from cancel_conformance.baseline import Baseline
from cancel_conformance.exchange import REDACTED, Exchange
from cancel_conformance.outcomes import Outcome
from cancel_conformance.report.replay import embedded_access
from cancel_conformance.report.results import Run, RunInfo, build_run
from cancel_conformance.rules import catalogue
from cancel_conformance.scenario import ScenarioResult, StepRecord

BASE = "http://127.0.0.1:8080"
POS_RULES = [rule.id for rule in catalogue().for_apis({"pos.v10"})]
INFO = RunInfo("0.1.0", {"name": "sample", "embedded": True, "faults": []}, ("pos.v10",),
               datetime(2026, 6, 1, 12, 0, tzinfo=UTC), 7, 25, {"features/pos_pay.feature": "0" * 64},
               embedded_access(("pos.v10",)))


def token_exchange() -> dict:
    return Exchange("POST", f"{BASE}/integrator-authentication/connect/token",
                    {"Authorization": f"Basic {REDACTED}", "Content-Type": "application/x-www-form-urlencoded"},
                    "grant_type=client_credentials&merchant_vat=DK12345678", 200,
                    {"content-type": "application/json"}, f'{{"access_token": "{REDACTED}"}}', actor="auth").to_dict()


def cancel_exchange(actor: str = "merchant") -> dict:
    return Exchange("POST", f"{BASE}/pos/v10/payments/p-1/cancel",
                    {"Authorization": f"Bearer {REDACTED}", "X-MobilePay-Client-System-Version": "1.0.0",
                     "User-Agent": "cancel-conformance"}, None, 200, {"content-type": "application/json"},
                    "{}", actor=actor).to_dict()


def failed_scenario(rule_id: str = "POS_PAY_02", actor: str = "merchant") -> ScenarioResult:
    cancel = cancel_exchange(actor)
    return ScenarioResult(
        nodeid=f"steps/test_features.py::test_{rule_id}", feature="The merchant cancels a MobilePay PoS payment",
        name="Cancelling a captured payment is refused", rules=[rule_id], outcome=Outcome.FAILED,
        reason="the cancel was not refused as documented", details="the cancel was not refused as documented\n...",
        steps=[StepRecord("Given", 'a payment in the state "Captured"', "passed", 20),
               StepRecord("When", "the merchant cancels the payment", "passed", 21),
               StepRecord("Then", 'the cancel is refused with status 409 and code "1300"', "failed", 22)],
        exchanges=[token_exchange(), cancel], uri="features/pos_pay.feature", line=19,
        expected='409 with code "1300"', received="200 {}", reproduce=Exchange(**cancel).curl(),
    )


def passed_scenario(rule_id: str) -> ScenarioResult:
    return ScenarioResult(nodeid=f"steps/test_features.py::test_{rule_id}", feature="Some feature",
                          name=f"A scenario of {rule_id}", rules=[rule_id], steps=[StepRecord("Then", "it holds",
                                                                                              "passed", 3)],
                          uri="features/pos_pay.feature", line=2)


def sample_run(failed: str = "POS_PAY_02", baseline: Baseline | None = None, actor: str = "merchant") -> Run:
    scenarios = [failed_scenario(failed, actor)] + [passed_scenario(r) for r in POS_RULES if r != failed]
    return build_run(scenarios, INFO, baseline)
