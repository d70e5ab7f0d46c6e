"""What the customer and time do to ePayment payments, driven only by sandbox hooks (SIMULATION.md).

Nothing moves by itself. Every hook answers a move that is not possible now with 409 (the vendor's
force approve too: its refusals are not documented) and leaves the payment as it was. A hook
changes only the payment it names.
"""

from __future__ import annotations

from datetime import timedelta

from cancel_conformance.reference.epayment.errors import NotPossible
from cancel_conformance.reference.epayment.lifecycle import IllegalMove
from cancel_conformance.reference.epayment.model import EpaymentState, Payment


class Sandbox:
    """The customer approves, aborts, lets the payment expire or goes through 3-D Secure; the clock moves back."""

    def __init__(self, state: EpaymentState) -> None:
        self._state = state

    def act(self, msn: str, reference: str, action: str) -> Payment:
        """`approve`, `abort`, `expire`, `start-3ds` or `finish-3ds`; the payment afterwards."""
        with self._state.lock:
            payment = self._state.find(msn, reference)
            try:
                move = self._state.lifecycle.move(payment.state, action)
            except IllegalMove as refused:
                raise NotPossible(f"A payment that is {payment.public_state} cannot take '{action}' now",
                                  refused.refusal.code) from None
            now = self._state.clock()
            if move.event == "AUTHORIZED":
                # SIMULATION.md: force approve "authorizedAmount = amount, event AUTHORIZED".
                payment.authorized, payment.authorized_at = payment.amount, now
            payment.state = move.state
            if move.event is not None:
                payment.record(move.event, payment.amount, now, None)
            return payment.snapshot()

    def age(self, msn: str, reference: str, back: timedelta) -> Payment:
        """epayment.age: every timestamp of the payment (creation, authorization, events) moves `back` into the past."""
        with self._state.lock:
            payment = self._state.find(msn, reference)
            payment.shift(back)
            return payment.snapshot()
