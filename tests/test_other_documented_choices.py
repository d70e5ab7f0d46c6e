"""An implementation that answers differently wherever the documentation is silent passes every MUST rule."""

from __future__ import annotations

from pathlib import Path

from cancel_conformance import exit_codes
from cancel_conformance.rules import catalogue
from tests.other_choices import OtherDocumentedChoices
from tests.suite_run import SuiteRun
from tests.wrapped_reference import run_behind

EXPECTED_CHOICES = {
    "pos: 401 without a challenge", "pos: another message and correlation id",
    "pos: no code where none is documented", "pos: another origin",
    "pos: a hook answers 500 where the customer cannot act",
    "ecom: 401 in the Azure gateway shape", "ecom: 400 in the Azure shape for an unknown order",
    "ecom: the documented 400 past 180 days kept", "ecom: 409 for a refusal",
    "ecom: code 99 where no rule names one", "ecom: a cancel without transactionId",
    "ecom: log entries without transactionId", "ecom: no transactionSummary before a reservation",
    "epayment: 400 for a refusal", "epayment: 409 for a refusal", "epayment: a problem without extraDetails",
    "epayment: a problem without detail", "epayment: no redirectUrl", "epayment: no idempotencyKey in the events",
    "epayment: the events newest first",
}


def assert_every_must_rule_passed(run: SuiteRun) -> None:
    must = {rule.id for rule in catalogue().rules if rule.is_must}
    failing = {rule: outcome for rule, outcome in run.outcomes().items() if rule in must and outcome != "passed"}
    assert not failing, f"{failing}\n{run.output[-4000:]}"
    assert must <= set(run.outcomes()), f"MUST rules that did not run: {must - set(run.outcomes())}"
    assert run.exit_code == exit_codes.CONFORMANT, run.output[-3000:]


def test_other_documented_choices_pass_every_must_rule(tmp_path: Path) -> None:
    middleware: list[OtherDocumentedChoices] = []

    def in_front(app):
        middleware.append(OtherDocumentedChoices(app))
        return middleware[0]

    run = run_behind(in_front, tmp_path, "other documented choices")
    applied = middleware[0].applied
    assert set(applied) >= EXPECTED_CHOICES, f"choices never exercised: {EXPECTED_CHOICES - set(applied)}"
    assert_every_must_rule_passed(run)
