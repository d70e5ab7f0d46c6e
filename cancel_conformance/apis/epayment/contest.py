"""Money safety on ePayments (SAFE_*): how a race must end, read from the payment's aggregate and event log."""

from __future__ import annotations

from cancel_conformance.apis.epayment import expect as expect_epay
from cancel_conformance.apis.epayment.cast import EPayment, EpaymentMerchant
from cancel_conformance.apis.epayment.states import payment_in
from cancel_conformance.cast.contests import CANCEL, CAPTURE, Contest, Race, set_up, some_cancel_succeeded
from cancel_conformance.expect import fail


class EpaymentContest(Contest):
    """Vipps MobilePay ePayments, judged by their aggregate amounts (api-facts §3.2)."""

    @classmethod
    def in_state(cls, merchant: EpaymentMerchant, lanes: tuple[EpaymentMerchant, EpaymentMerchant], state: str,
                 count: int) -> EpaymentContest:
        return cls(merchant, lanes, set_up(count, lambda: payment_in(merchant, state)))

    # SAFE_01: where a cancel that changed nothing may be answered 2xx, "the final state and amounts decide
    # which one took effect, not the status codes".

    def check_never_both(self, race: Race) -> None:
        payment: EPayment = race.payment
        result, seen = expect_epay.observe(payment)
        if seen.amounts.cancelled and seen.amounts.captured:
            fail(result, "a cancel and a capture sent at the same moment both took effect",
                 "the amounts of at most one of them", seen.describe())

    def check_settled(self, race: Race) -> None:
        payment: EPayment = race.payment
        result, seen = expect_epay.observe(payment)
        took_effect = {CANCEL: seen.amounts.cancelled == payment.amount and not seen.amounts.captured,
                       CAPTURE: seen.amounts.captured == payment.amount and not seen.amounts.cancelled}
        won = [action for action, shown in took_effect.items() if shown]
        if not won:
            expect_epay.unchanged(payment, "neither request took effect in full, yet the ePayment changed")
        elif not race.succeeded(won[0]):
            fail(result, f"the {won[0]} was refused, yet it took effect", f"the {won[0]} answered 2xx",
                 seen.describe())

    def check_cancelled_once(self, race: Race) -> None:
        # SAFE_02: "one CANCELLED or TERMINATED event and cancelledAmount not doubled".
        some_cancel_succeeded(race)
        expect_epay.cancelled_once(race.payment, "two cancels at once did not leave exactly one cancellation")
