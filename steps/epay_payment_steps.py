"""Steps about Vipps MobilePay ePayments: reaching a state, and what the merchant, the customer and time do."""

from __future__ import annotations

import json
import re

from pytest_bdd import given, parsers, when

from cancel_conformance.apis.epayment.cast import PARTIAL_CAPTURE, EPayment, EpaymentMerchant
from cancel_conformance.apis.epayment.client import new_idempotency_key
from cancel_conformance.apis.epayment.states import PAYMENT_PATHS, aged_payment_in, await_state, payment_in
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import established
from steps.phrases import AGE, days_and_hours

STATES = "|".join(re.escape(state) for state in sorted(PAYMENT_PATHS, key=len, reverse=True))
# EPAY_CTO_*: "Only cancel transaction if it has not been authorized" (api-facts §3.1).
TRANSACTION_ONLY = {"cancelTransactionOnly": True}


@given(parsers.re(rf"an ePayment that is (?P<state>{STATES})"), target_fixture="epay")
def _(epayment_merchant: EpaymentMerchant, state: str) -> EPayment:
    return payment_in(epayment_merchant, state)


@given(parsers.re(rf"an ePayment that is authorized {AGE} ago"), target_fixture="epay")
def _(epayment_merchant: EpaymentMerchant, days: str, hour: str | None) -> EPayment:
    return aged_payment_in(epayment_merchant, "authorized", *days_and_hours(days, hour))


@given("an ePayment reference the merchant never used", target_fixture="epay")
def _(epayment_merchant: EpaymentMerchant) -> EPayment:
    return epayment_merchant.never_issued()


@given("the merchant has cancelled another ePayment with an idempotency key", target_fixture="used_key")
def _(epayment_merchant: EpaymentMerchant) -> str:
    key = new_idempotency_key()
    other = payment_in(epayment_merchant, "authorized")
    established(epayment_merchant.cancel(other, idempotency_key=key), "cancel another ePayment")
    return key


@when("the merchant cancels the ePayment", target_fixture="outcome")
def _(epayment_merchant: EpaymentMerchant, epay: EPayment) -> ApiResult:
    return epayment_merchant.cancel(epay)


@when(parsers.parse("the merchant cancels the ePayment with the body {body}"), target_fixture="outcome")
def _(epayment_merchant: EpaymentMerchant, epay: EPayment, body: str) -> ApiResult:
    return epayment_merchant.cancel(epay, json.loads(body))


@when("the merchant cancels only the transaction of the ePayment", target_fixture="outcome")
def _(epayment_merchant: EpaymentMerchant, epay: EPayment) -> ApiResult:
    return epayment_merchant.cancel(epay, TRANSACTION_ONLY)


@when("the merchant cancels the ePayment twice with the same idempotency key", target_fixture="outcomes")
def _(epayment_merchant: EpaymentMerchant, epay: EPayment) -> tuple[ApiResult, ApiResult]:
    key = new_idempotency_key()
    return epayment_merchant.cancel(epay, idempotency_key=key), epayment_merchant.cancel(epay, idempotency_key=key)


@when("the merchant cancels the ePayment with that idempotency key", target_fixture="outcome")
def _(epayment_merchant: EpaymentMerchant, epay: EPayment, used_key: str) -> ApiResult:
    return epayment_merchant.cancel(epay, idempotency_key=used_key)


@when("the merchant captures the whole ePayment", target_fixture="outcome")
def _(epayment_merchant: EpaymentMerchant, epay: EPayment) -> ApiResult:
    return epayment_merchant.capture(epay)


@when("the merchant captures what remains of the ePayment", target_fixture="outcome")
def _(epayment_merchant: EpaymentMerchant, epay: EPayment) -> ApiResult:
    return epayment_merchant.capture(epay, epay.amount - PARTIAL_CAPTURE)


@when("the merchant refunds the whole ePayment", target_fixture="outcome")
def _(epayment_merchant: EpaymentMerchant, epay: EPayment) -> ApiResult:
    return epayment_merchant.refund(epay, epay.amount)


@when("the customer authorizes the ePayment in the app", target_fixture="outcome")
def _(epayment_merchant: EpaymentMerchant, epay: EPayment) -> ApiResult:
    return epayment_merchant.customer.authorize(epay).result


@when("the customer's 3-D Secure session for the ePayment succeeds")
def _(epayment_merchant: EpaymentMerchant, epay: EPayment) -> None:
    established(epayment_merchant.customer.finish_3ds(epay), "complete the customer's 3-D Secure session")
    epay.seen = await_state(epayment_merchant, epay, "authorized")
