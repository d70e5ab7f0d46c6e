"""The Recurring v3 emulation as one object: shared state and the operations on it."""

from __future__ import annotations

from collections.abc import Iterable

from cancel_conformance.reference.clock import Clock, utc_now
from cancel_conformance.reference.recurring.agreements import Agreements
from cancel_conformance.reference.recurring.charges import Charges
from cancel_conformance.reference.recurring.model import RecurringState
from cancel_conformance.reference.recurring.sandbox import Sandbox


class RecurringService:
    """Agreements, charges and the sandbox's hooks, over one locked state.

    Every check-then-act on a charge holds the state lock, so a cancel racing a capture never both
    succeed and duplicate cancels leave one cancellation (SAFE_01, SAFE_02). `async_cancel`: a
    charge cancel is answered 202 and enacted a little later (`acting.ASYNC_CANCEL_DELAY`).
    """

    def __init__(self, faults: Iterable[str] = (), clock: Clock = utc_now, *, async_cancel: bool = False) -> None:
        self.state = RecurringState(faults=frozenset(faults), clock=clock, async_cancel=async_cancel)
        self.agreements = Agreements(self.state)
        self.charges = Charges(self.state)
        self.sandbox = Sandbox(self.state)

    def fault(self, name: str) -> bool:
        return self.state.fault(name)
