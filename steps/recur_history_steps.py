"""Steps that judge a Vipps MobilePay Recurring charge: the answer to the last action, its summary and history."""

from __future__ import annotations

from pytest_bdd import parsers, then

from cancel_conformance.apis.recurring import expect as expect_recur
from cancel_conformance.apis.recurring.cast import PARTIAL_CAPTURE, ChargeRef
from cancel_conformance.clients.result import ApiResult


@then(parsers.re(r"the charge reads (?P<status>CANCELLED|CHARGED) once the cancel is enacted"))
def _(charge: ChargeRef, outcome: ApiResult, status: str) -> None:
    # RECUR_CAN_01, RECUR_REL_01: "204 or 202, then it reads ...".
    expect_recur.reaches(charge, outcome, status, "the cancel")


@then("the charge's history shows a CANCEL")
def _(charge: ChargeRef) -> None:
    seen = expect_recur.reads(charge, "CANCELLED", "the charge is not cancelled")
    if not seen.count("CANCEL"):
        expect_recur.cancelled_once(charge, "the charge's history shows no successful CANCEL")


@then("the charge's history shows exactly one CANCEL")
def _(charge: ChargeRef, outcomes: tuple[ApiResult, ApiResult]) -> None:
    expect_recur.reaches(charge, outcomes[0], "CANCELLED", "the first cancel")
    expect_recur.cancelled_once(charge, "the charge was not cancelled exactly once")


@then("both charge cancels are accepted")
def _(outcomes: tuple[ApiResult, ApiResult]) -> None:
    for outcome in outcomes:
        expect_recur.accepted(outcome, "the cancel")


@then(parsers.re(r"the charge (?P<what>cancel|capture) is refused with a problem"))
def _(outcome: ApiResult, what: str) -> None:
    expect_recur.refused(outcome, f"the {what}", problem=True)


@then(parsers.re(r"the charge (?P<what>cancel|capture) is refused"))
def _(outcome: ApiResult, what: str) -> None:
    expect_recur.refused(outcome, f"the {what}")


@then("the charge is as it was before the cancel")
def _(charge: ChargeRef, outcome: ApiResult) -> None:
    expect_recur.unchanged(charge, outcome, "the cancel changed a charge it should have left as it was")


@then("nothing of the charge has been captured")
def _(charge: ChargeRef) -> None:
    expect_recur.summary(charge, {"captured": 0}, "money was captured")


@then("the charge's captured amount is unchanged")
def _(charge: ChargeRef) -> None:
    before = charge.seen.summary["captured"] if charge.seen else 0
    expect_recur.summary(charge, {"captured": before}, "the captured amount changed")


@then("the charge's cancelled amount is the rest that was not captured")
def _(charge: ChargeRef) -> None:
    # RECUR_REL_02: "summary.cancelled is the released remainder (amount - captured)".
    expect_recur.summary(charge, {"cancelled": charge.amount - PARTIAL_CAPTURE}, "the released rest is not counted")


@then("each of those charges reads CANCELLED")
def _(charges: list[ChargeRef], outcome: ApiResult) -> None:
    # RECUR_IDM_04: stopping the agreement "cancels its PENDING, DUE and RESERVED charges".
    for charge in charges:
        expect_recur.reaches(charge, outcome, "CANCELLED", "stopping the agreement")
