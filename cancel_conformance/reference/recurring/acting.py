"""How a move changes a charge (state, summary, history), the asynchronous cancel, and keyed answers.

Callers hold the state lock around every function here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from cancel_conformance.reference.recurring.idempotency import KeyUse, Reply
from cancel_conformance.reference.recurring.lifecycle import PARTIALLY_CAPTURED, Move
from cancel_conformance.reference.recurring.model import Charge, RecurringState
from cancel_conformance.reference.recurring.problems import Problem

# The asynchronous mode: a cancel answered 202 shows at the first read of the charge at least this long
# after the 202, and before any other action on the charge or its agreement, whenever that comes.
ASYNC_CANCEL_DELAY = timedelta(milliseconds=300)


def enact(state: RecurringState, charge: Charge, move: Move, amount: int, key: str) -> None:
    """Apply `move`: each event moves `amount` (a capture's, a refund's, what a cancel releases)."""
    now = state.clock()
    for event in move.events:
        if event == "RESERVE":
            charge.reserved_at = now
        elif event == "CAPTURE":
            charge.captured += amount
        elif event == "REFUND":
            charge.refunded += amount
        elif event == "CANCEL" and not _release_uncounted(state, charge):
            # RECUR_REL_02: "After that release, summary.cancelled is the released remainder (amount - captured)".
            charge.cancelled += amount
        charge.record(event, amount, key, now)
    charge.state = move.state


def _release_uncounted(state: RecurringState, charge: Charge) -> bool:
    return state.fault("release-not-counted") and charge.state == PARTIALLY_CAPTURED


def settle(state: RecurringState, charge: Charge, *, reading: bool) -> None:
    """Enact a cancel answered 202 once it is due: at a read after the delay, before any other action."""
    pending = charge.pending_cancel
    if pending is None or (reading and state.clock() - pending.accepted_at < ASYNC_CANCEL_DELAY):
        return
    charge.pending_cancel = None
    enact(state, charge, pending.move, pending.amount, pending.key)


def once(state: RecurringState, use: KeyUse, action: Callable[[], Reply]) -> Reply:
    """Run `action` once per idempotency key: a retry gets its first answer, refusals included."""
    with state.lock:
        replayed = state.keys.replay(use)
        if replayed is not None:
            return replayed
        try:
            reply = action()
        except Problem as refused:
            state.keys.remember(use, refused)
            raise
        state.keys.remember(use, reply)
        return reply
