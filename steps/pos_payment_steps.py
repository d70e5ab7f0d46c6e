"""Steps about MobilePay PoS payments: reaching a state, cancelling, capturing, reading."""

from __future__ import annotations

import uuid

from pytest_bdd import given, parsers, then, when

from cancel_conformance import expect
from cancel_conformance.apis.pos.cast import Merchant, Payment, PointOfSale
from cancel_conformance.apis.pos.client import INVALID_TOKEN, NO_TOKEN
from cancel_conformance.apis.pos.states import payment_in
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.outcomes import NotVerified

CREDENTIALS = {"no access token": NO_TOKEN, "an access token it was never given": INVALID_TOKEN}


@given(parsers.parse('a payment in the state "{state}"'), target_fixture="payment")
def _(merchant: Merchant, state: str) -> Payment:
    return payment_in(merchant, state)


@given(parsers.parse('another integrator\'s payment in the state "{state}"'), target_fixture="payment")
def _(second_merchant: Merchant, state: str) -> Payment:
    return payment_in(second_merchant, state)


@given("a payment id that the target never issued", target_fixture="payment")
def _(merchant: Merchant) -> Payment:
    return Payment(str(uuid.uuid4()), PointOfSale("", ""), "never-issued", 1.0, merchant)


@given("the merchant has cancelled the payment")
def _(merchant: Merchant, payment: Payment) -> None:
    if not merchant.cancel(payment).ok:
        raise NotVerified("could not cancel the payment in the Given")


@when("the merchant cancels the payment", target_fixture="outcome")
def _(merchant: Merchant, payment: Payment) -> ApiResult:
    return merchant.cancel(payment)


@when(parsers.parse("the merchant cancels the payment with {credentials}"), target_fixture="outcome")
def _(merchant: Merchant, payment: Payment, credentials: str) -> ApiResult:
    return merchant.cancel(payment, auth=CREDENTIALS[credentials])


@when("the merchant captures the payment", target_fixture="outcome")
def _(merchant: Merchant, payment: Payment) -> ApiResult:
    return merchant.capture(payment)


@when("the merchant starts another payment on the same point of sale", target_fixture="outcome")
def _(merchant: Merchant, payment: Payment) -> ApiResult:
    return merchant.initiate(merchant.payment_request(pos=payment.pos))


@when("the customer cancels the payment in the app", target_fixture="outcome")
def _(payment: Payment) -> ApiResult:
    return payment.owner.customer.cancel_in_app(payment.pos).result


@then("the customer's cancel fails")
def _(outcome: ApiResult) -> None:
    expect.failed(outcome, "the customer's cancel")


@then(parsers.re(r'the payment (?:still )?reads "(?P<state>\w+)"$'))
def _(payment: Payment, state: str) -> None:
    expect.reads(payment.owner.read(payment), state, "the payment")
