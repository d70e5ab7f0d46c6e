"""Money safety (SAFE_*): many payments of one API, racing requests on each, and how each must end.

A contest holds payments the merchant brought to one state, and sends the racing requests as the
same merchant twice over, each on its own HTTP session (so its own connection).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cancel_conformance import expect, expect_ecom
from cancel_conformance.cast.ecom import EcomMerchant, Order
from cancel_conformance.cast.ecom_states import order_in
from cancel_conformance.cast.pos import Merchant
from cancel_conformance.cast.pos_states import payment_in
from cancel_conformance.clients.ecom_details import CANCELLATIONS
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.outcomes import ConformanceFailure
from cancel_conformance.race import at_once

CANCEL, CAPTURE = "cancel", "capture"


@dataclass(frozen=True)
class Race:
    """One payment, the two requests that raced on it, and what each was answered."""

    payment: Any
    actions: tuple[str, str]
    answers: tuple[ApiResult, ApiResult]

    def succeeded(self, action: str) -> bool:
        return any(answer.ok for name, answer in zip(self.actions, self.answers, strict=True) if name == action)


class Contest:
    """The API-neutral half: race two actions on every payment, judge every race."""

    def __init__(self, merchant: Any, lanes: tuple[Any, Any], payments: list) -> None:
        self.merchant = merchant  # who set the payments up and reads them afterwards
        self.lanes = lanes  # the same merchant on two connections
        self.payments = payments

    def race(self, first: str, second: str) -> list[Race]:
        """For each payment, `first` on one connection and `second` on the other, at the same moment."""
        return [Race(payment, (first, second), at_once(lambda p=payment: self.act(0, first, p),
                                                       lambda p=payment: self.act(1, second, p)))
                for payment in self.payments]

    def act(self, lane: int, action: str, payment: Any) -> ApiResult:
        racer = self.lanes[lane]
        return racer.cancel(payment) if action == CANCEL else racer.capture(payment)

    def check_settled(self, race: Race) -> None:
        """SAFE_01: "the payment's final state agrees with the one that did" succeed."""
        raise NotImplementedError

    def check_cancelled_once(self, race: Race) -> None:
        """SAFE_02: "exactly one cancellation"."""
        raise NotImplementedError


class PosContest(Contest):
    """MobilePay PoS payments (api-facts §1.3)."""

    @classmethod
    def reserved(cls, merchant: Merchant, lanes: tuple[Merchant, Merchant], count: int) -> PosContest:
        return cls(merchant, lanes, [payment_in(merchant, "Reserved") for _ in range(count)])

    def check_settled(self, race: Race) -> None:
        state = "CancelledByClient" if race.succeeded(CANCEL) else "Captured" if race.succeeded(CAPTURE) \
            else "Reserved"
        expect.reads(self.merchant.read(race.payment), state, "the payment after the race")

    def check_cancelled_once(self, race: Race) -> None:
        _some_cancel_succeeded(race)
        expect.reads(self.merchant.read(race.payment), "CancelledByClient", "the payment after two cancels")


class EcomContest(Contest):
    """Vipps eCom payments, judged by their details (api-facts §2.2)."""

    @classmethod
    def in_state(cls, merchant: EcomMerchant, lanes: tuple[EcomMerchant, EcomMerchant], state: str,
                 count: int) -> EcomContest:
        return cls(merchant, lanes, [order_in(merchant, state) for _ in range(count)])

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
        _some_cancel_succeeded(race)
        expect_ecom.cancelled_once(race.payment, (), "two cancels at once did not leave exactly one cancellation")


def check_all(races: list[Race], check: Callable[[Race], None]) -> None:
    """Judge every race; the failure names how many of them broke the rule, and shows the first."""
    failures: list[ConformanceFailure] = []
    for race in races:
        try:
            check(race)
        except ConformanceFailure as failure:
            failures.append(failure)
    if failures:
        first = failures[0]
        raise ConformanceFailure(f"{len(failures)} of {len(races)} races: {first.summary}", expected=first.expected,
                                 received=first.received, reproduce=first.reproduce)


def check_never_both(race: Race) -> None:
    """SAFE_01: the cancel and the capture "never both succeed"."""
    if race.succeeded(CANCEL) and race.succeeded(CAPTURE):
        cancel, capture = race.answers if race.actions[0] == CANCEL else race.answers[::-1]
        expect_ecom.fail(capture, "a cancel and a capture sent at the same moment both succeeded",
                         "at most one of them succeeds",
                         f"cancel {expect.received(cancel)}; capture {expect.received(capture)}")


def _some_cancel_succeeded(race: Race) -> None:
    if not race.succeeded(CANCEL):
        first, second = race.answers
        expect_ecom.fail(first, "neither of two cancels sent at the same moment succeeded", "one cancellation",
                         f"{expect.received(first)}; {expect.received(second)}")
