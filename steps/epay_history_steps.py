"""Steps that judge a Vipps MobilePay ePayment: the answer to the last action, its aggregate and its event log."""

from __future__ import annotations

from pytest_bdd import parsers, then

from cancel_conformance import expect
from cancel_conformance.apis.epayment import expect as expect_epay
from cancel_conformance.apis.epayment.cast import PARTIAL_CAPTURE, EPayment
from cancel_conformance.clients.result import ApiResult


@then(parsers.re(r'the cancel succeeds with the state "(?P<state>[A-Z]+)" and the whole amount cancelled'))
def _(outcome: ApiResult, epay: EPayment, state: str) -> None:
    expect_epay.cancelled(outcome, state, epay.amount)


@then("the cancel succeeds with what remains cancelled")
def _(outcome: ApiResult, epay: EPayment) -> None:
    # EPAY_CAN_03: "cancelledAmount = authorized - captured".
    expect_epay.cancelled(outcome, "AUTHORIZED", epay.amount - PARTIAL_CAPTURE)


@then("both cancels succeed")
def _(outcomes: tuple[ApiResult, ApiResult]) -> None:
    for outcome in outcomes:
        expect_epay.succeeded(outcome, "the cancel")


@then(parsers.re(r"the (?P<what>cancel|capture|refund) is refused with a problem"))
def _(outcome: ApiResult, what: str) -> None:
    expect_epay.refused(outcome, f"the {what}")


@then(parsers.re(r"the (?P<what>cancel|capture|refund) is refused with status (?P<status>\d{3}) and a problem"))
def _(outcome: ApiResult, what: str, status: str) -> None:
    expect_epay.refused(outcome, f"the {what}", int(status))


@then(parsers.re(r'the (?P<what>cancel|capture|refund) is refused naming the error code "(?P<code>\d+)"'))
def _(outcome: ApiResult, what: str, code: str) -> None:
    expect_epay.refused_with_code(outcome, code, f"the {what}")


@then("the customer's authorization fails")
def _(outcome: ApiResult) -> None:
    expect.failed(outcome, "the customer's authorization")


@then(parsers.re(r'the ePayment reads "(?P<state>[A-Z]+)"'))
def _(epay: EPayment, state: str) -> None:
    expect_epay.reads(epay, state)


@then(parsers.re(r"the ePayment's event log shows (?P<event>TERMINATED|CANCELLED)"))
def _(epay: EPayment, event: str) -> None:
    expect_epay.shows_event(epay, event, f"the event log shows no {event}")


@then("the ePayment's event log shows exactly one cancellation")
def _(epay: EPayment) -> None:
    expect_epay.cancelled_once(epay, "the ePayment was not cancelled exactly once")


@then("the ePayment's cancelled amount is its authorized amount")
def _(epay: EPayment) -> None:
    expect_epay.amounts(epay, {"cancelledAmount": epay.amount, "authorizedAmount": epay.amount},
                        "the cancel did not release the whole reservation")


@then("the whole amount of the ePayment has been cancelled once")
def _(epay: EPayment) -> None:
    expect_epay.amounts(epay, {"cancelledAmount": epay.amount}, "the cancelled amount is not the payment's amount")


@then(parsers.re(r"nothing of the ePayment has been (?P<what>captured|refunded|cancelled)"))
def _(epay: EPayment, what: str) -> None:
    expect_epay.amounts(epay, {f"{what}Amount": 0}, f"money was {what}")


@then("the ePayment's captured amount is unchanged")
def _(epay: EPayment) -> None:
    before = epay.seen.amounts.captured if epay.seen else 0
    expect_epay.amounts(epay, {"capturedAmount": before}, "the captured amount changed")


@then("the ePayment's amounts are as they were before the cancel")
def _(epay: EPayment) -> None:
    before = epay.seen.amounts.aggregate if epay.seen else {}
    expect_epay.amounts(epay, before, "the refused cancel changed the aggregate")


@then("the ePayment is as it was before the cancel")
def _(epay: EPayment) -> None:
    expect_epay.unchanged(epay, "the cancel changed an ePayment that had already ended")


@then("the whole ePayment can still be captured")
def _(epay: EPayment) -> None:
    # EPAY_CTO_02: "the whole amount can still be captured".
    captured = epay.owner.capture(epay)
    expect_epay.succeeded(captured, "capturing the whole ePayment")
    expect_epay.amounts(epay, {"capturedAmount": epay.amount, "cancelledAmount": 0},
                        "the whole ePayment could not be captured")
