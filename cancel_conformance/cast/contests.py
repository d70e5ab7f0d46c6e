"""Money safety (SAFE_*): many payments of one API, racing requests on each, and how each must end.

A contest holds payments the merchant brought to one state, and sends the racing requests as the
same merchant twice over, each on its own HTTP session (so its own connection). Each API judges
its payments in a contest of its own (`apis/<api>/contest.py`).

The payments are independent of one another: their set-ups, their races and the reads that judge
them go side by side, within this process's share of the target's concurrency (concurrency.py);
each race is still two requests released together by one barrier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from cancel_conformance import expect
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.concurrency import share, side_by_side
from cancel_conformance.outcomes import ConformanceFailure
from cancel_conformance.race import at_once

CANCEL, CAPTURE = "cancel", "capture"
P = TypeVar("P")


def set_up(count: int, make: Callable[[], P]) -> list[P]:
    """`count` payments, each made by `make` (which must not depend on another's), side by side."""
    return side_by_side([make] * count, "set up")


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
        """For each payment, `first` on one connection and `second` on the other, at the same moment; the
        races of different payments side by side, two requests each within the share."""
        def one(payment: Any) -> Race:
            return Race(payment, (first, second), at_once(lambda: self.act(0, first, payment),
                                                          lambda: self.act(1, second, payment)))

        return side_by_side([lambda p=payment: one(p) for payment in self.payments], "race", max(1, share() // 2))

    def act(self, lane: int, action: str, payment: Any) -> ApiResult:
        racer = self.lanes[lane]
        return racer.cancel(payment) if action == CANCEL else racer.capture(payment)

    def check_never_both(self, race: Race) -> None:
        """SAFE_01: the cancel and the capture "never both take effect"; here, as their answers say."""
        check_never_both(race)

    def check_settled(self, race: Race) -> None:
        """SAFE_01: "the payment's final state agrees with the one that did" succeed."""
        raise NotImplementedError

    def check_cancelled_once(self, race: Race) -> None:
        """SAFE_02: "exactly one cancellation"."""
        raise NotImplementedError


def check_all(races: list[Race], check: Callable[[Race], None]) -> None:
    """Judge every race; the failure names how many of them broke the rule, and shows the first."""
    failures = [failure for failure in side_by_side([lambda r=race: _failure(check, r) for race in races], "judge")
                if failure is not None]
    if failures:
        first = failures[0]
        raise ConformanceFailure(f"{len(failures)} of {len(races)} races: {first.summary}", expected=first.expected,
                                 received=first.received, reproduce=first.reproduce)


def _failure(check: Callable[[Race], None], race: Race) -> ConformanceFailure | None:
    try:
        check(race)
    except ConformanceFailure as failure:
        return failure
    return None


def check_never_both(race: Race) -> None:
    """SAFE_01: the cancel and the capture "never both succeed"."""
    if race.succeeded(CANCEL) and race.succeeded(CAPTURE):
        cancel, capture = race.answers if race.actions[0] == CANCEL else race.answers[::-1]
        expect.fail(capture, "a cancel and a capture sent at the same moment both succeeded",
                         "at most one of them succeeds",
                         f"cancel {expect.received(cancel)}; capture {expect.received(capture)}")


def some_cancel_succeeded(race: Race) -> None:
    if not race.succeeded(CANCEL):
        first, second = race.answers
        expect.fail(first, "neither of two cancels sent at the same moment succeeded", "one cancellation",
                         f"{expect.received(first)}; {expect.received(second)}")
