"""What the customer, MobilePay and time do to PoS payments and refunds, driven only by sandbox hooks.

SIMULATION.md: nothing moves by itself; a hook that is impossible in the current state answers 409
and leaves the state unchanged; a hook never changes anything but the one resource it names.
"""

from __future__ import annotations

import copy

from cancel_conformance.reference.errors import NotFound, SimulationConflict
from cancel_conformance.reference.pos.lifecycle import ACTIVE_PAYMENT_STATES, IllegalMove, Lifecycle
from cancel_conformance.reference.pos.model import RESERVATION_LIFETIME, Caller, Payment, PointOfSale, PosState, Refund


class Sandbox:
    """The hooks' operations. The customer acts at a beacon; the back office names a resource."""

    def __init__(self, state: PosState) -> None:
        self._state = state

    def check_in(self, caller: Caller, beacon_id: str) -> None:
        """Prepared -> Paired or Initiated -> IssuedToUser; with no active payment, remember the check-in."""
        with self._state.lock:
            pos = self._pos_at(caller, beacon_id)
            payment = self._state.latest_payment(pos)
            if payment is not None and payment.status in ACTIVE_PAYMENT_STATES:
                payment.status = self._move(self._state.payment_lifecycle, payment.status, "check-in")
            else:
                pos.checked_in = True

    def accept(self, caller: Caller, beacon_id: str) -> None:
        """IssuedToUser -> Reserved; the reservation lives RESERVATION_LIFETIME from now."""
        with self._state.lock:
            payment = self._latest_payment_at(caller, beacon_id)
            payment.status = self._move(self._state.payment_lifecycle, payment.status, "accept")
            payment.expires_at = self._state.clock() + RESERVATION_LIFETIME

    def cancel_by_user(self, caller: Caller, beacon_id: str) -> None:
        """Paired or IssuedToUser -> CancelledByUser."""
        with self._state.lock:
            payment = self._latest_payment_at(caller, beacon_id)
            payment.status = self._move(self._state.payment_lifecycle, payment.status, "cancel-by-user")

    def move_payment(self, caller: Caller, payment_id: str, action: str) -> Payment:
        """A back-office move of one payment (cancel-by-mobilepay, expire)."""
        with self._state.lock:
            payment = self._state.payments.get(payment_id.lower())
            if payment is None or payment.integrator != caller.integrator:
                raise NotFound("Payment not found")
            payment.status = self._move(self._state.payment_lifecycle, payment.status, action)
            return copy.copy(payment)

    def move_refund(self, caller: Caller, refund_id: str, action: str) -> Refund:
        """A back-office move of one refund (reserve, expire, cancel-by-mobilepay)."""
        with self._state.lock:
            refund = self._state.refunds.get(refund_id.lower())
            if refund is None or refund.integrator != caller.integrator:
                raise NotFound("Refund not found")
            refund.status = self._move(self._state.refund_lifecycle, refund.status, action)
            return copy.copy(refund)

    def _pos_at(self, caller: Caller, beacon_id: str) -> PointOfSale:
        for pos in self._state.points.values():
            if not pos.deleted and pos.beacon_id == beacon_id and pos.integrator == caller.integrator:
                return pos
        raise NotFound("No point of sale has this beacon")

    def _latest_payment_at(self, caller: Caller, beacon_id: str) -> Payment:
        payment = self._state.latest_payment(self._pos_at(caller, beacon_id))
        if payment is None:
            raise SimulationConflict("The point of sale has no payment")
        return payment

    @staticmethod
    def _move(lifecycle: Lifecycle, status: str, action: str) -> str:
        try:
            return lifecycle.move(status, action)
        except IllegalMove as refused:
            raise SimulationConflict(f"The {refused.resource} is {refused.state}: '{action}' is not possible") from None
