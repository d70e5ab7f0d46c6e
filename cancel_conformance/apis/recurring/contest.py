"""Money safety on Recurring charges (SAFE_*): how a race on a reserved charge must end, read from the charge.

SAFE_01: where a cancel that changed nothing may be answered 2xx (RECUR_CAN_02), or a 202 is enacted
later, "the final state and amounts decide which one took effect, not the status codes".
"""

from __future__ import annotations

from cancel_conformance.apis.recurring import expect as expect_recur
from cancel_conformance.apis.recurring.cast import ChargeRef, RecurringMerchant
from cancel_conformance.apis.recurring.states import charge_in
from cancel_conformance.cast.contests import CANCEL, CAPTURE, Contest, Race, some_cancel_succeeded
from cancel_conformance.expect import fail

# A reserved charge as each request leaves it: cancelled (nothing captured), or captured in full.
LEFT_BY = {CANCEL: "CANCELLED", CAPTURE: "CHARGED"}


class RecurringContest(Contest):
    """Vipps MobilePay Recurring charges, judged by their status and summary (api-facts §4.2)."""

    @classmethod
    def in_status(cls, merchant: RecurringMerchant, lanes: tuple[RecurringMerchant, RecurringMerchant],
                  status: str, count: int) -> RecurringContest:
        return cls(merchant, lanes, [charge_in(merchant, status) for _ in range(count)])

    def check_never_both(self, race: Race) -> None:
        result, seen = expect_recur.settled(race.payment, race.answers)
        if seen.summary["captured"] and (seen.status == "CANCELLED" or seen.count("CANCEL")):
            fail(result, "a cancel and a capture sent at the same moment both took effect",
                 "the effects of at most one of them", seen.describe())

    def check_settled(self, race: Race) -> None:
        charge: ChargeRef = race.payment
        result, seen = expect_recur.settled(race.payment, race.answers)
        won = next((action for action, status in LEFT_BY.items() if seen.status == status), None)
        if won is None:
            expect_recur.unchanged(charge, None, "neither request took effect, yet the charge changed")
        elif not race.succeeded(won):
            fail(result, f"the {won} was refused, yet it took effect", f"the {won} answered 2xx", seen.describe())
        elif won == CAPTURE and seen.summary["captured"] != charge.amount:
            fail(result, "the capture won, yet the summary does not show it", f"summary.captured {charge.amount}",
                 seen.describe())

    def check_cancelled_once(self, race: Race) -> None:
        # SAFE_02: "one CANCEL in a charge's history".
        some_cancel_succeeded(race)
        expect_recur.settled(race.payment, race.answers)
        expect_recur.cancelled_once(race.payment, "two cancels at once did not leave exactly one cancellation")
