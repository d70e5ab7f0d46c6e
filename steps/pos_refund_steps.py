"""Steps about MobilePay PoS refunds: reaching a state, cancelling, capturing, refunding again."""

from __future__ import annotations

import uuid

from pytest_bdd import given, parsers, then, when

from cancel_conformance import expect
from cancel_conformance.apis.pos.cast import Merchant, Payment, PointOfSale, Refund
from cancel_conformance.apis.pos.states import refund_in
from cancel_conformance.clients.result import ApiResult


@given(parsers.parse('a refund in the state "{state}"'), target_fixture="refund")
def _(merchant: Merchant, state: str) -> Refund:
    return refund_in(merchant, state)


@given(parsers.parse('another integrator\'s refund in the state "{state}"'), target_fixture="refund")
def _(second_merchant: Merchant, state: str) -> Refund:
    return refund_in(second_merchant, state)


@given("a refund id that the target never issued", target_fixture="refund")
def _(merchant: Merchant) -> Refund:
    payment = Payment(str(uuid.uuid4()), PointOfSale("", ""), "never-issued", 1.0, merchant)
    return Refund(str(uuid.uuid4()), payment, 1.0)


@when("the merchant cancels the refund", target_fixture="outcome")
def _(merchant: Merchant, refund: Refund) -> ApiResult:
    return merchant.cancel_refund(refund)


@when("the merchant captures the refund", target_fixture="outcome")
def _(merchant: Merchant, refund: Refund) -> ApiResult:
    return merchant.capture_refund(refund)


@when("the merchant refunds the full captured amount again", target_fixture="outcome")
def _(merchant: Merchant, refund: Refund) -> ApiResult:
    return merchant.refund(refund.payment)


@then(parsers.re(r'the refund (?:still )?reads "(?P<state>\w+)"$'))
def _(refund: Refund, state: str) -> None:
    expect.reads(refund.payment.owner.read_refund(refund), state, "the refund")
