"""The ePayment v1 emulation as one object: shared state and the operations on it."""

from __future__ import annotations

from collections.abc import Iterable

from cancel_conformance.reference.clock import Clock, utc_now
from cancel_conformance.reference.epayment.actions import Actions
from cancel_conformance.reference.epayment.model import EpaymentState
from cancel_conformance.reference.epayment.payments import Payments
from cancel_conformance.reference.epayment.sandbox import Sandbox


class EpaymentService:
    """Payments, the merchant's actions on them and the sandbox's hooks, over one locked state.

    Every check-then-act on a payment holds the state lock, so a cancel racing a capture never
    both succeed and duplicate cancels leave one cancellation (SAFE_01, SAFE_02).
    """

    def __init__(self, faults: Iterable[str] = (), clock: Clock = utc_now) -> None:
        self.state = EpaymentState(faults=frozenset(faults), clock=clock)
        self.payments = Payments(self.state)
        self.actions = Actions(self.state)
        self.sandbox = Sandbox(self.state)

    def fault(self, name: str) -> bool:
        return self.state.fault(name)
