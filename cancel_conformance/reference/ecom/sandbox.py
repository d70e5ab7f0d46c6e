"""What the customer and time do to eCom payments, driven only by sandbox hooks (SIMULATION.md).

Nothing moves by itself. The vendor's force-approve answers a refusal as the API does (an eCom
error, HTTP 400); the `/simulation/v1` hooks answer 409. A hook changes only the payment it names.
"""

from __future__ import annotations

from datetime import timedelta

from cancel_conformance.reference.ecom.errors import EcomError, NotPossible, Refused
from cancel_conformance.reference.ecom.lifecycle import IllegalMove
from cancel_conformance.reference.ecom.model import EcomState, Payment


class Sandbox:
    """The customer approves, rejects or goes through 3-D Secure; the clock moves one payment back."""

    def __init__(self, state: EcomState) -> None:
        self._state = state

    def approve(self, msn: str, order_id: str) -> None:
        """integrationTestApprovePayment: INITIATE -> RESERVE; any other state is refused and unchanged."""
        with self._state.lock:
            self._apply(self._state.find(msn, order_id), "approve", hook=False)

    def act(self, msn: str, order_id: str, action: str) -> Payment:
        """A customer hook: `reject`, `start-3ds` or `finish-3ds`; the payment afterwards."""
        with self._state.lock:
            payment = self._state.find(msn, order_id)
            self._apply(payment, action, hook=True)
            return payment.snapshot()

    def age(self, msn: str, order_id: str, back: timedelta) -> Payment:
        """ecom.age: every timestamp of the payment moves `back` into the past."""
        with self._state.lock:
            payment = self._state.find(msn, order_id)
            payment.shift(back)
            return payment.snapshot()

    def _apply(self, payment: Payment, action: str, *, hook: bool) -> None:
        try:
            move = self._state.lifecycle.move(payment.state, action)
        except IllegalMove as refused:
            raise self._refusal(refused, hook) from None
        payment.state = move.state
        if move.operation == "RESERVE":
            payment.reserved = payment.amount
        if move.operation is not None:
            payment.record(move.operation, payment.amount, payment.text, self._state.clock())

    @staticmethod
    def _refusal(refused: IllegalMove, hook: bool) -> EcomError:
        if hook:
            return NotPossible(f"The payment is {refused.state}: '{refused.action}' is not possible")
        refusal = refused.refusal
        return Refused(refusal.group, refusal.code, refusal.message)
