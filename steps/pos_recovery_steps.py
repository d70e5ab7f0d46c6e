"""Steps about recovering an unknown outcome: lookup by order id, idempotent retries."""

from __future__ import annotations

from dataclasses import dataclass

from pytest_bdd import given, then, when

from cancel_conformance import expect
from cancel_conformance.apis.pos.cast import Merchant, Payment
from cancel_conformance.apis.pos.client import OMIT, new_idempotency_key
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.outcomes import NotVerified


@dataclass(frozen=True)
class Initiation:
    """A payment request the merchant sent, the key it sent it with, and the payment it created."""

    request: dict
    key: str
    payment: Payment


def _initiate(merchant: Merchant) -> Initiation:
    request, key = merchant.payment_request(), new_idempotency_key()
    answer = merchant.initiate(request, key)
    if not answer.ok:
        raise NotVerified(f"could not initiate a payment: {answer.exchange.summary()}")
    return Initiation(request, key, merchant.payment_from(request, answer))


@given("the merchant started a payment but never received the answer", target_fixture="initiation")
def _(merchant: Merchant) -> Initiation:
    # The suite keeps the answer only to check the lookup; the merchant acts as if it never came.
    return _initiate(merchant)


@given("the merchant started a payment with an idempotency key", target_fixture="initiation")
def _(merchant: Merchant) -> Initiation:
    return _initiate(merchant)


@when("the merchant looks the payment up by its point of sale and order id", target_fixture="outcome")
def _(merchant: Merchant, initiation: Initiation) -> ApiResult:
    return merchant.find_payments(initiation.payment.pos, initiation.request["orderId"])


@then("the lookup finds the payment", target_fixture="payment")
def _(outcome: ApiResult, initiation: Initiation) -> Payment:
    # POS_REC_01: the client "finds the payment id by GET /pos/v10/payments?posId=…&orderId=…".
    expect.status(outcome, 200, "the lookup")
    lost = initiation.payment
    expect.equal(outcome, lost.payment_id in outcome.field("paymentIds", list), True,
                 f"the lookup does not list payment {lost.payment_id}")
    return lost


@when("the merchant sends the same request again with the same idempotency key", target_fixture="outcome")
def _(merchant: Merchant, initiation: Initiation) -> ApiResult:
    return merchant.initiate(initiation.request, initiation.key)


@then("the retry names the same payment")
def _(outcome: ApiResult, initiation: Initiation) -> None:
    expect.equal(outcome, outcome.field("paymentId", str), initiation.payment.payment_id,
                 "the retry answered with another payment id")


@then("the point of sale has exactly that one payment")
def _(merchant: Merchant, initiation: Initiation) -> None:
    listing = merchant.find_payments(initiation.payment.pos)
    expect.status(listing, 200, "listing the point of sale's payments")
    expect.equal(listing, listing.field("paymentIds", list), [initiation.payment.payment_id],
                 "the point of sale has another payment besides the first")


@when("the merchant starts a different payment on another point of sale with the same idempotency key",
      target_fixture="outcome")
def _(merchant: Merchant, initiation: Initiation) -> ApiResult:
    other = merchant.payment_request(pos=merchant.open_point_of_sale(), amount=initiation.request["amount"] + 1)
    return merchant.initiate(other, initiation.key)


@when("the merchant starts a payment without an idempotency key", target_fixture="outcome")
def _(merchant: Merchant) -> ApiResult:
    return merchant.initiate(merchant.payment_request(), OMIT)


@then("the point of sale has no payment")
def _(merchant: Merchant) -> None:
    listing = merchant.find_payments(merchant.point_of_sale)
    expect.status(listing, 200, "listing the point of sale's payments")
    expect.equal(listing, listing.field("paymentIds", list), [], "a payment was created anyway")
