"""Steps that judge a Vipps eCom order: the answer to the last action, and what its details show."""

from __future__ import annotations

from pytest_bdd import parsers, then

from cancel_conformance import expect
from cancel_conformance.apis.ecom import expect as expect_ecom
from cancel_conformance.apis.ecom.cast import Order
from cancel_conformance.clients.result import ApiResult

OPERATIONS = r"[A-Z]+(?: (?:and|or) [A-Z]+)*"
# What a payment cancelled by `operation` must never show besides (api-facts §2.2: Cancel is final).
NEVER_AFTER = {"CANCEL": ("VOID", "RESERVE", "SALE", "CAPTURE"), "VOID": ("CANCEL", "SALE", "CAPTURE")}


def _operations(text: str | None) -> list[str]:
    return [word for word in (text or "").split() if word not in ("and", "or")]


@then(parsers.re(r'the cancel succeeds with the status "(?P<status>\w+)"'))
def _(outcome: ApiResult, status: str) -> None:
    expect_ecom.cancelled(outcome, status)


@then(parsers.re(r"the (?P<what>.+?) is refused with an eCom error"))
def _(outcome: ApiResult, what: str) -> None:
    expect_ecom.refused(outcome, f"the {what}")


@then(parsers.re(r'the (?P<what>.+?) is refused with the eCom error code "(?P<code>\d+)"'))
def _(outcome: ApiResult, what: str, code: str) -> None:
    expect_ecom.refused_with_code(outcome, code, f"the {what}")


@then("the customer's approval fails")
def _(outcome: ApiResult) -> None:
    expect.failed(outcome, "the customer's approval")


@then(parsers.re(rf"the order's history shows (?P<present>{OPERATIONS})(?: and no (?P<absent>{OPERATIONS}))?"))
def _(order: Order, present: str, absent: str | None) -> None:
    expect_ecom.history(order, _operations(present), _operations(absent))


@then(parsers.re(rf"the order's history shows no (?P<absent>{OPERATIONS})"))
def _(order: Order, absent: str) -> None:
    expect_ecom.history(order, absent=_operations(absent))


@then(parsers.re(r"the order's history shows exactly one cancellation(?:, a (?P<operation>CANCEL|VOID))?"))
def _(order: Order, operation: str | None) -> None:
    if operation is None:
        expect_ecom.cancelled_once(order, (), "the order was not cancelled exactly once")
    else:
        expect_ecom.exactly_one(order, operation, NEVER_AFTER[operation],
                                f"the order was not cancelled exactly once, by {operation}")


@then("nothing remains to capture")
def _(order: Order) -> None:
    expect_ecom.amounts(order, {"remainingAmountToCapture": 0}, "something remains to capture")


@then("nothing has been captured")
def _(order: Order) -> None:
    expect_ecom.amounts(order, {"capturedAmount": 0}, "money was captured")


@then("nothing has been refunded")
def _(order: Order) -> None:
    expect_ecom.amounts(order, {"refundedAmount": 0}, "money was refunded")


@then("the captured amount is unchanged")
def _(order: Order) -> None:
    before = order.seen.captured if order.seen else 0
    expect_ecom.amounts(order, {"capturedAmount": before}, "the captured amount changed")


@then("the order is as it was before the cancel")
def _(order: Order) -> None:
    expect_ecom.unchanged(order, "the refused cancel changed the order")
