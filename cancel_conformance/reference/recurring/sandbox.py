"""What Vipps MobilePay and time do to charges, driven only by the `/simulation/v1/recurring` hooks.

Nothing moves by itself (SIMULATION.md §3). A hook that is not possible now answers 409 and
changes nothing; a hook changes only the charge it names.
"""

from __future__ import annotations

from datetime import timedelta

from cancel_conformance.reference.recurring.acting import enact, settle
from cancel_conformance.reference.recurring.lifecycle import HOOK_TRANSACTION_TYPES, IllegalMove
from cancel_conformance.reference.recurring.model import Charge, RecurringState
from cancel_conformance.reference.recurring.problems import Problem


class Sandbox:
    """The due date nears, charging starts, the charge is reserved, charged or fails; one charge ages."""

    def __init__(self, state: RecurringState) -> None:
        self._state = state

    def move(self, msn: str, agreement_id: str, charge_id: str, action: str) -> Charge:
        """A charge hook (`due`, `process`, `reserve`, `charge`, `fail`); the charge afterwards."""
        with self._state.lock:
            charge = self._state.charge(msn, agreement_id, charge_id)
            settle(self._state, charge, reading=False)
            wanted = HOOK_TRANSACTION_TYPES.get(action, charge.transaction_type)
            if wanted != charge.transaction_type:
                raise Problem(409, "conflict", f"'{action}' is for {wanted} charges; this one is "
                                               f"{charge.transaction_type}")
            try:
                move = self._state.lifecycle.move(charge.state, action)
            except IllegalMove as refused:
                raise Problem(409, "conflict", f"The charge is {refused.state}: '{action}' is not possible") from None
            # Vipps MobilePay's own events carry the key of the request that created the charge.
            enact(self._state, charge, move, charge.amount, charge.history[0].idempotency_key)
            return charge.snapshot()

    def age(self, msn: str, agreement_id: str, charge_id: str, back: timedelta) -> Charge:
        """recurring.age: every timestamp of the charge moves `back` into the past."""
        with self._state.lock:
            charge = self._state.charge(msn, agreement_id, charge_id)
            settle(self._state, charge, reading=False)
            charge.shift(back)
            return charge.snapshot()
