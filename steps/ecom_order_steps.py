"""Steps about Vipps eCom orders: reaching a state, and what the merchant, the customer and time do."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, when

from cancel_conformance.apis.ecom.cast import EcomMerchant, Order
from cancel_conformance.apis.ecom.states import ORDER_PATHS, aged_order_in, order_in
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import established
from steps.phrases import AGE, days_and_hours

STATES = "|".join(re.escape(state) for state in ORDER_PATHS)
# How a cancel treats shouldReleaseRemainingFunds: true, false, or left out.
RELEASE = {" releasing the remaining funds": True, " without releasing the remaining funds": False, "": None}
HOW = r"(?P<how>| releasing the remaining funds| without releasing the remaining funds)"
# A cancel body lacking what spec 2.0.3 requires (ECOM_CAN_06).
LACKING = {
    "without merchant information": lambda body: {k: v for k, v in body.items() if k != "merchantInfo"},
    "without a transaction": lambda body: {k: v for k, v in body.items() if k != "transaction"},
    "without a transaction text": lambda body: {**body, "transaction": {}},
}


@given(parsers.re(rf"an order that is (?P<state>{STATES})"), target_fixture="order")
def _(ecom_merchant: EcomMerchant, state: str) -> Order:
    return order_in(ecom_merchant, state)


@given(parsers.re(rf"an order that is (?P<state>{STATES}) and {AGE} old"), target_fixture="order")
def _(ecom_merchant: EcomMerchant, state: str, days: str, hour: str | None) -> Order:
    return aged_order_in(ecom_merchant, state, *days_and_hours(days, hour))


@given("an order id the merchant never used", target_fixture="order")
def _(ecom_merchant: EcomMerchant) -> Order:
    return ecom_merchant.never_issued()


@given(parsers.re(rf"the merchant tried to cancel the order{HOW}(?: during the session)?"))
def _(ecom_merchant: EcomMerchant, order: Order, how: str) -> None:
    # Only the attempt matters here; what it was answered is another rule's business.
    ecom_merchant.cancel(order, RELEASE[how]).require_success("the merchant's attempt to cancel")


@given("the merchant has released the remaining funds of the order")
def _(ecom_merchant: EcomMerchant, order: Order) -> None:
    established(ecom_merchant.cancel(order, release=True), "release the remaining funds")


@when(parsers.re(rf"the merchant cancels the order{HOW}"), target_fixture="outcome")
def _(ecom_merchant: EcomMerchant, order: Order, how: str) -> ApiResult:
    return ecom_merchant.cancel(order, RELEASE[how])


@when(parsers.re(rf"the merchant sends a cancel of the order (?P<lacking>{'|'.join(LACKING)})"),
      target_fixture="outcome")
def _(ecom_merchant: EcomMerchant, order: Order, lacking: str) -> ApiResult:
    return ecom_merchant.send_cancel(order, LACKING[lacking](ecom_merchant.cancel_request()))


@when("the merchant captures the whole order", target_fixture="outcome")
def _(ecom_merchant: EcomMerchant, order: Order) -> ApiResult:
    return ecom_merchant.capture(order, order.amount)


@when("the merchant captures the rest of the order", target_fixture="outcome")
def _(ecom_merchant: EcomMerchant, order: Order) -> ApiResult:
    rest = order.seen.remaining if order.seen else order.amount
    return ecom_merchant.capture(order, rest)


@when("the merchant refunds the whole order", target_fixture="outcome")
def _(ecom_merchant: EcomMerchant, order: Order) -> ApiResult:
    return ecom_merchant.refund(order, order.amount)


@when("the customer approves the order in the app", target_fixture="outcome")
def _(ecom_merchant: EcomMerchant, order: Order) -> ApiResult:
    return ecom_merchant.customer.approve(order).result


@when("the customer rejects the order in the app", target_fixture="outcome")
def _(ecom_merchant: EcomMerchant, order: Order) -> ApiResult:
    # A sandbox whose customer cannot reject leaves the rule unjudged, not failed.
    return established(ecom_merchant.customer.reject(order), "reject the order as the customer")


@when("the customer completes the 3-D Secure session")
def _(ecom_merchant: EcomMerchant, order: Order) -> None:
    established(ecom_merchant.customer.finish_3ds(order), "complete the 3-D Secure session")
