"""Steps about money safety: many payments, racing requests on each, and how every race ended."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from cancel_conformance.apis.ecom.cast import EcomMerchant
from cancel_conformance.apis.ecom.contest import EcomContest
from cancel_conformance.apis.epayment.cast import EpaymentMerchant
from cancel_conformance.apis.epayment.contest import EpaymentContest
from cancel_conformance.apis.pos.cast import Merchant
from cancel_conformance.apis.pos.contest import PosContest
from cancel_conformance.apis.recurring.cast import RecurringMerchant
from cancel_conformance.apis.recurring.contest import RecurringContest
from cancel_conformance.cast.contests import CANCEL, CAPTURE, Contest, Race, check_all


@given(parsers.parse("{count:d} reserved MobilePay PoS payments"), target_fixture="contest")
def _(merchant: Merchant, pos_racers: tuple[Merchant, Merchant], count: int) -> Contest:
    return PosContest.reserved(merchant, pos_racers, count)


@given(parsers.re(r"(?P<count>\d+) (?P<state>reserved|pending) Vipps eCom payments"), target_fixture="contest")
def _(ecom_merchant: EcomMerchant, ecom_racers: tuple[EcomMerchant, EcomMerchant], count: str,
      state: str) -> Contest:
    return EcomContest.in_state(ecom_merchant, ecom_racers, state, int(count))


@given(parsers.re(r"(?P<count>\d+) (?P<state>authorized|created) ePayments"), target_fixture="contest")
def _(epayment_merchant: EpaymentMerchant, epayment_racers: tuple[EpaymentMerchant, EpaymentMerchant], count: str,
      state: str) -> Contest:
    return EpaymentContest.in_state(epayment_merchant, epayment_racers, state, int(count))


@given(parsers.re(r"(?P<count>\d+) (?P<status>reserved|pending) Recurring charges"), target_fixture="contest")
def _(recurring_merchant: RecurringMerchant, recurring_racers: tuple[RecurringMerchant, RecurringMerchant],
      count: str, status: str) -> Contest:
    return RecurringContest.in_status(recurring_merchant, recurring_racers, status.upper(), int(count))


@when("the merchant cancels and captures each payment at the same moment", target_fixture="races")
def _(contest: Contest) -> list[Race]:
    return contest.race(CANCEL, CAPTURE)


@when("the merchant cancels each payment twice at the same moment", target_fixture="races")
def _(contest: Contest) -> list[Race]:
    return contest.race(CANCEL, CANCEL)


@then("no payment was both cancelled and captured")
def _(contest: Contest, races: list[Race]) -> None:
    check_all(races, contest.check_never_both)


@then("every payment ended as the request that succeeded left it")
def _(contest: Contest, races: list[Race]) -> None:
    check_all(races, contest.check_settled)


@then("every payment was cancelled exactly once")
def _(contest: Contest, races: list[Race]) -> None:
    check_all(races, contest.check_cancelled_once)
