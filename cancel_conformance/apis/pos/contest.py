"""Money safety on PoS payments (SAFE_*): how a race on a reserved payment must end, read from its state."""

from __future__ import annotations

from cancel_conformance import expect
from cancel_conformance.apis.pos.cast import Merchant
from cancel_conformance.apis.pos.states import payment_in
from cancel_conformance.cast.contests import CANCEL, CAPTURE, Contest, Race, set_up, some_cancel_succeeded


class PosContest(Contest):
    """MobilePay PoS payments (api-facts §1.3)."""

    @classmethod
    def reserved(cls, merchant: Merchant, lanes: tuple[Merchant, Merchant], count: int) -> PosContest:
        # Each payment at a till of its own: a point of sale has one active payment at a time (POS_PAY_12).
        return cls(merchant, lanes, set_up(count, lambda: payment_in(merchant.at_another_till(), "Reserved")))

    def check_settled(self, race: Race) -> None:
        state = "CancelledByClient" if race.succeeded(CANCEL) else "Captured" if race.succeeded(CAPTURE) \
            else "Reserved"
        expect.reads(self.merchant.read(race.payment), state, "the payment after the race")

    def check_cancelled_once(self, race: Race) -> None:
        some_cancel_succeeded(race)
        expect.reads(self.merchant.read(race.payment), "CancelledByClient", "the payment after two cancels")
