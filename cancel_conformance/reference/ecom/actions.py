"""The merchant's actions on a payment: capture, refund and cancel, each one check-then-act."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from cancel_conformance.reference.ecom.errors import Refused
from cancel_conformance.reference.ecom.lifecycle import (
    CANCEL_ACTIONS,
    CANCELLED_STATES,
    PARTLY_CAPTURED,
    IllegalMove,
    Move,
    Refusal,
)
from cancel_conformance.reference.ecom.model import AGE_LIMIT, EcomState, LogEntry, Payment
from cancel_conformance.reference.race import pause, unlocked_watch

# The reference's codes for what the guide names without a code: a capture or cancel past 180 days,
# a refund of more than is captured.
TOO_OLD_TO_CAPTURE = Refusal("VippsError", "91", "The transaction is not allowed: the payment is over 180 days old")
TOO_OLD_TO_CANCEL = Refusal("Payment", "52", "Cancellation failed: the payment is over 180 days old")
# api-facts §2.3: 61 "exceeds reserved" (capture).
CAPTURE_EXCEEDS = Refusal("Payment", "61", "The capture amount exceeds the amount remaining to capture")
REFUND_EXCEEDS = Refusal("Payment", "71", "The refund amount exceeds the amount remaining to refund")

ReplyKey = tuple[str, str, str, str]  # (MSN, orderId, endpoint, X-Request-Id)


@dataclass(frozen=True)
class Plan:
    """A checked action, ready to act on: the move it makes and the amount it moves."""

    payment: Payment
    move: Move
    amount: int
    text: str
    request_id: str | None
    reply_key: ReplyKey | None = None  # where a capture or refund keeps its answer for retries


@dataclass(frozen=True)
class Outcome:
    """What an action did: the payment afterwards (a snapshot) and the log entry it wrote."""

    payment: Payment
    entry: LogEntry


def refuse(refusal: Refusal) -> Refused:
    return Refused(refusal.group, refusal.code, refusal.message)


class Actions:
    """Capture, refund and cancel. Each checks and acts under the state lock (SAFE_01, SAFE_02)."""

    def __init__(self, state: EcomState) -> None:
        self._state = state

    def capture(self, msn: str, order_id: str, amount: int | None, text: str, request_id: str) -> Outcome:
        """Capture `amount`, or everything that remains when it is left out or 0."""
        key = (msn, order_id, "capture", request_id)
        return self._run("capture", lambda: self._replay(key) or self._plan_capture(key, amount, text))

    def refund(self, msn: str, order_id: str, amount: int | None, text: str, request_id: str) -> Outcome:
        """Refund `amount` of what is captured, or all of it when left out or 0."""
        key = (msn, order_id, "refund", request_id)
        return self._run("refund", lambda: self._replay(key) or self._plan_refund(key, amount, text))

    def cancel(self, msn: str, order_id: str, release: bool | None, text: str, request_id: str | None) -> Outcome:
        """CANCEL before the customer confirmed, VOID after; `release`: shouldReleaseRemainingFunds or None."""
        return self._run("cancel", lambda: self._plan_cancel(msn, order_id, release, text, request_id))

    def _replay(self, key: ReplyKey) -> Outcome | None:
        # Spec 2.0.3, X-Request-Id: "will allow repeated requests without it making additional changes";
        # the reference keeps the first successful answer per orderId, MSN, endpoint and id.
        return self._state.replies.get(key)

    def _run(self, kind: str, plan: Callable[[], Plan | Outcome]) -> Outcome:
        """Check, then act, under one lock; an unlocked fault pauses in between and re-checks less."""
        watch = self._watch(kind)
        with self._state.lock:
            checked = plan()
            if isinstance(checked, Outcome) or watch is None:
                return self._act(checked)
            seen = watch(checked.payment)
        pause()
        with self._state.lock:
            return self._act(checked if watch(checked.payment) == seen else plan())

    def _watch(self, kind: str) -> Callable[[Payment], object] | None:
        return unlocked_watch(self._state.faults, kind, lambda payment: payment.state in CANCELLED_STATES)

    def _act(self, plan: Plan | Outcome) -> Outcome:
        if isinstance(plan, Outcome):
            return plan  # a replayed answer: nothing changes
        payment, move = plan.payment, plan.move
        now = self._state.clock()
        if move.operation == "CAPTURE":
            payment.captured += plan.amount
        elif move.operation == "REFUND":
            payment.refunded += plan.amount
        elif move.state in CANCELLED_STATES:
            # ECOM_CAN_02 / ECOM_REL_01: after a cancel "nothing remains to capture".
            payment.released = max(0, payment.reserved - payment.captured)
        payment.state = move.state
        assert move.operation is not None
        entry = payment.record(move.operation, plan.amount, plan.text, now, request_id=plan.request_id)
        outcome = Outcome(payment.snapshot(), LogEntry(**vars(entry)))
        if plan.reply_key is not None:
            self._state.replies[plan.reply_key] = outcome
        return outcome

    def _plan_capture(self, key: ReplyKey, amount: int | None, text: str) -> Plan:
        msn, order_id, _, request_id = key
        payment = self._state.find(msn, order_id)
        if payment.age(self._state.clock()) > AGE_LIMIT:
            raise refuse(TOO_OLD_TO_CAPTURE)
        remaining = self._capturable(payment)
        wanted = amount or remaining
        move = self._move(payment, "capture-rest" if wanted >= remaining else "capture-part")
        if wanted > remaining or wanted == 0:
            raise refuse(CAPTURE_EXCEEDS)
        return Plan(payment, move, wanted, text, request_id, key)

    def _plan_refund(self, key: ReplyKey, amount: int | None, text: str) -> Plan:
        msn, order_id, _, request_id = key
        payment = self._state.find(msn, order_id)
        move = self._move(payment, "refund")
        refundable = payment.remaining_to_refund()
        if self._state.fault("refund-after-cancel") and payment.state in CANCELLED_STATES:
            refundable = payment.amount - payment.refunded
        wanted = amount or refundable
        if wanted > refundable or wanted == 0:
            raise refuse(REFUND_EXCEEDS)
        return Plan(payment, move, wanted, text, request_id, key)

    def _plan_cancel(self, msn: str, order_id: str, release: bool | None, text: str, request_id: str | None) -> Plan:
        payment = self._state.find(msn, order_id)
        if self._too_old_to_cancel(payment):
            raise self._failed_cancel(payment, TOO_OLD_TO_CANCEL, text, request_id)
        if self._state.fault("refund-unlocks-partial-cancel") and payment.refunded and payment.state == PARTLY_CAPTURED:
            release = True  # the sequence the fault breaks: partly captured, refunded, cancelled without the flag
        try:
            move = self._state.lifecycle.move(payment.state, CANCEL_ACTIONS[release])
        except IllegalMove as refused:
            raise self._failed_cancel(payment, refused.refusal, text, request_id) from None
        amount = payment.remaining_to_capture() or payment.amount
        return Plan(payment, move, amount, text, request_id)

    def _failed_cancel(self, payment: Payment, refusal: Refusal, text: str, request_id: str | None) -> Refused:
        """Log the refused attempt (operationSuccess false, as details may show one) and answer it."""
        operation = "VOID" if payment.reserved else "CANCEL"
        payment.record(operation, payment.amount, text, self._state.clock(), success=False, request_id=request_id)
        return refuse(refusal)

    def _too_old_to_cancel(self, payment: Payment) -> bool:
        # ECOM_AGE_01/02: "over 180 days old" is refused; "at most 180 days old" can still be cancelled.
        age = payment.age(self._state.clock())
        if self._state.fault("age-limit-ignored"):
            return False
        if self._state.fault("age-limit-179-days"):
            return age >= timedelta(days=179)
        return age > AGE_LIMIT

    def _capturable(self, payment: Payment) -> int:
        if self._state.fault("capture-after-cancel") and payment.state in CANCELLED_STATES:
            return payment.amount - payment.captured  # as if the payment had never been cancelled
        return payment.remaining_to_capture()

    def _move(self, payment: Payment, action: str) -> Move:
        try:
            return self._state.lifecycle.move(payment.state, action)
        except IllegalMove as refused:
            raise refuse(refused.refusal) from None
