"""Money safety on ePayments (SAFE_*): how a race must end, read from the payment's aggregate and event log."""

from __future__ import annotations

from cancel_conformance.apis.epayment import expect as expect_epay
from cancel_conformance.apis.epayment.cast import EPayment, EpaymentMerchant
from cancel_conformance.apis.epayment.states import payment_in
from cancel_conformance.cast.contests import CANCEL, CAPTURE, Contest, Race, some_cancel_succeeded


class EpaymentContest(Contest):
    """Vipps MobilePay ePayments, judged by their aggregate amounts (api-facts §3.2)."""

    @classmethod
    def in_state(cls, merchant: EpaymentMerchant, lanes: tuple[EpaymentMerchant, EpaymentMerchant], state: str,
                 count: int) -> EpaymentContest:
        return cls(merchant, lanes, [payment_in(merchant, state) for _ in range(count)])

    def check_settled(self, race: Race) -> None:
        payment: EPayment = race.payment
        if race.succeeded(CANCEL):
            expect_epay.amounts(payment, {"cancelledAmount": payment.amount, "capturedAmount": 0},
                                "the cancel won, yet the amounts do not show it")
        elif race.succeeded(CAPTURE):
            expect_epay.amounts(payment, {"capturedAmount": payment.amount, "cancelledAmount": 0},
                                "the capture won, yet the amounts do not show it")
        else:
            expect_epay.unchanged(payment, "both requests were refused, yet the ePayment changed")

    def check_cancelled_once(self, race: Race) -> None:
        # SAFE_02: "one CANCELLED or TERMINATED event and cancelledAmount not doubled".
        some_cancel_succeeded(race)
        expect_epay.cancelled_once(race.payment, "two cancels at once did not leave exactly one cancellation")
