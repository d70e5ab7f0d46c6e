"""Money safety on eCom payments (SAFE_*): how a race must end, read from the payment's details."""

from __future__ import annotations

from cancel_conformance.apis.ecom import expect as expect_ecom
from cancel_conformance.apis.ecom.cast import EcomMerchant, Order
from cancel_conformance.apis.ecom.details import CANCELLATIONS
from cancel_conformance.apis.ecom.states import order_in
from cancel_conformance.cast.contests import CANCEL, CAPTURE, Contest, Race, set_up, some_cancel_succeeded


class EcomContest(Contest):
    """Vipps eCom payments, judged by their details (api-facts §2.2)."""

    @classmethod
    def in_state(cls, merchant: EcomMerchant, lanes: tuple[EcomMerchant, EcomMerchant], state: str,
                 count: int) -> EcomContest:
        return cls(merchant, lanes, set_up(count, lambda: order_in(merchant, state)))

    def check_settled(self, race: Race) -> None:
        order: Order = race.payment
        if race.succeeded(CANCEL):
            expect_ecom.cancelled_once(order, ("CAPTURE",), "the cancel won, yet the order was not cancelled "
                                       "exactly once and never captured")
            expect_ecom.amounts(order, {"capturedAmount": 0, "remainingAmountToCapture": 0},
                                "the cancel won, yet the amounts do not show it")
        elif race.succeeded(CAPTURE):
            expect_ecom.exactly_one(order, "CAPTURE", CANCELLATIONS, "the capture won, yet the order was not "
                                    "captured exactly once and never cancelled")
            expect_ecom.amounts(order, {"capturedAmount": order.amount}, "the capture won, yet the amounts do not "
                                "show it")
        else:
            expect_ecom.unchanged(order, "both requests were refused, yet the order changed")

    def check_cancelled_once(self, race: Race) -> None:
        # SAFE_02: "exactly one cancellation (... one VOID/CANCEL entry)".
        some_cancel_succeeded(race)
        expect_ecom.cancelled_once(race.payment, (), "two cancels at once did not leave exactly one cancellation")
