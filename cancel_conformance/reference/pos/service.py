"""The PoS v10 emulation as one object: shared state and the operations on it, grouped by resource."""

from __future__ import annotations

from collections.abc import Iterable

from cancel_conformance.reference.clock import Clock, utc_now
from cancel_conformance.reference.pos.model import PosState
from cancel_conformance.reference.pos.payments import Payments
from cancel_conformance.reference.pos.points import PointsOfSale
from cancel_conformance.reference.pos.refunds import Refunds
from cancel_conformance.reference.pos.sandbox import Sandbox


class PosService:
    """Stores, points of sale, payments, refunds and the sandbox's hooks, over one locked state.

    Every operation takes the state lock around its check-then-act, so the service stays correct
    when several threads call it at once.
    """

    def __init__(self, faults: Iterable[str] = (), clock: Clock = utc_now) -> None:
        self.state = PosState(faults=frozenset(faults), clock=clock)
        self.points = PointsOfSale(self.state)
        self.payments = Payments(self.state)
        self.refunds = Refunds(self.state)
        self.sandbox = Sandbox(self.state)

    def fault(self, name: str) -> bool:
        return self.state.fault(name)
