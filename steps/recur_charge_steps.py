"""Steps about Vipps MobilePay Recurring charges: reaching a status, and what the merchant and Vipps MobilePay do."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, when

from cancel_conformance.apis.recurring.cast import PARTIAL_CAPTURE, ChargeRef, RecurringMerchant
from cancel_conformance.apis.recurring.client import OMIT, new_idempotency_key
from cancel_conformance.apis.recurring.states import STATUSES, await_status, charge_in, released
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import established

STATUS = "|".join(re.escape(status) for status in sorted(STATUSES, key=len, reverse=True))


@given(parsers.re(rf"a charge that is (?P<status>{STATUS})"), target_fixture="charge")
def _(recurring_merchant: RecurringMerchant, status: str) -> ChargeRef:
    return charge_in(recurring_merchant, status)


@given(parsers.re(rf"a charge of another merchant that is (?P<status>{STATUS})"), target_fixture="charge")
def _(second_recurring_merchant: RecurringMerchant, status: str) -> ChargeRef:
    return charge_in(second_recurring_merchant, status)


@given("a charge id the merchant's agreement never had", target_fixture="charge")
def _(recurring_merchant: RecurringMerchant) -> ChargeRef:
    return recurring_merchant.never_issued()


@given("the merchant has released the rest of the charge")
def _(recurring_merchant: RecurringMerchant, charge: ChargeRef) -> None:
    established(recurring_merchant.cancel(charge), "release the rest of the charge")
    charge.seen = await_status(recurring_merchant, charge, "CHARGED", "release the rest of the charge", released)


@given("the merchant has cancelled another charge with an idempotency key", target_fixture="used_key")
def _(recurring_merchant: RecurringMerchant) -> str:
    key = new_idempotency_key()
    established(recurring_merchant.cancel(charge_in(recurring_merchant, "PENDING"), key), "cancel another charge")
    return key


@given(parsers.re(rf"the merchant's agreement has a charge that is (?P<first>{STATUS}), one that is "
                  rf"(?P<second>{STATUS}) and one that is (?P<third>{STATUS})"), target_fixture="charges")
def _(recurring_merchant: RecurringMerchant, first: str, second: str, third: str) -> list[ChargeRef]:
    return [charge_in(recurring_merchant, status) for status in (first, second, third)]


@when("the merchant cancels the charge", target_fixture="outcome")
def _(recurring_merchant: RecurringMerchant, charge: ChargeRef) -> ApiResult:
    return recurring_merchant.cancel(charge)


@when("the merchant cancels the other merchant's charge", target_fixture="outcome")
def _(recurring_merchant: RecurringMerchant, charge: ChargeRef) -> ApiResult:
    return recurring_merchant.cancel(charge)


@when("the merchant cancels the charge without an idempotency key", target_fixture="outcome")
def _(recurring_merchant: RecurringMerchant, charge: ChargeRef) -> ApiResult:
    return recurring_merchant.cancel(charge, OMIT)


@when("the merchant cancels the charge twice with the same idempotency key", target_fixture="outcomes")
def _(recurring_merchant: RecurringMerchant, charge: ChargeRef) -> tuple[ApiResult, ApiResult]:
    key = new_idempotency_key()
    return recurring_merchant.cancel(charge, key), recurring_merchant.cancel(charge, key)


@when("the merchant cancels the charge with that idempotency key", target_fixture="outcome")
def _(recurring_merchant: RecurringMerchant, charge: ChargeRef, used_key: str) -> ApiResult:
    return recurring_merchant.cancel(charge, used_key)


@when("the merchant captures the whole charge", target_fixture="outcome")
def _(recurring_merchant: RecurringMerchant, charge: ChargeRef) -> ApiResult:
    return recurring_merchant.capture(charge)


@when("the merchant captures the rest of the charge", target_fixture="outcome")
def _(recurring_merchant: RecurringMerchant, charge: ChargeRef) -> ApiResult:
    return recurring_merchant.capture(charge, charge.amount - PARTIAL_CAPTURE)


@when("the merchant stops the agreement", target_fixture="outcome")
def _(recurring_merchant: RecurringMerchant) -> ApiResult:
    return recurring_merchant.stop(recurring_merchant.agreement)
