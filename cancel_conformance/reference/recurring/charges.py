"""The merchant's charges: create, read, list, capture, refund and cancel, each check-then-act under the lock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from cancel_conformance.reference.race import pause
from cancel_conformance.reference.recurring.acting import enact, once, settle
from cancel_conformance.reference.recurring.idempotency import KeyUse, Reply
from cancel_conformance.reference.recurring.lifecycle import (
    CANCELLED,
    CHARGED,
    PARTIALLY_REFUNDED,
    IllegalMove,
    Lifecycle,
    Move,
)
from cancel_conformance.reference.recurring.model import Charge, PendingCancel, RecurringState, new_id
from cancel_conformance.reference.recurring.problems import Problem, invalid

# api-facts §4.2: "Capture is allowed up to 180 days after reservation".
CAPTURE_LIMIT = timedelta(days=180)
NO_CONTENT, ACCEPTED, CREATED = Reply(204), Reply(202), Reply(201)


@dataclass(frozen=True)
class Plan:
    """A checked action, ready to act on: the charge, the move, the amount it moves."""

    charge: Charge
    move: Move
    amount: int
    key: str


def refuse(refused: IllegalMove) -> Problem:
    refusal = refused.refusal
    return Problem(refusal.status, refusal.identifier, refusal.detail)


class Charges:
    """The charge operations of `contracts/recurring.v3.yaml`. Each checks and acts under the lock (SAFE_*)."""

    def __init__(self, state: RecurringState) -> None:
        self._state = state

    def create(self, msn: str, agreement_id: str, use: KeyUse, body: dict[str, Any]) -> Reply:
        """CreateChargeV3 on an ACTIVE agreement: a PENDING charge (history CREATE); 201 {chargeId}."""
        return once(self._state, use, lambda: self._create(msn, agreement_id, use.key, body))

    def read(self, msn: str, agreement_id: str, charge_id: str) -> Charge:
        with self._state.lock:
            charge = self._state.charge(msn, agreement_id, charge_id)
            settle(self._state, charge, reading=True)
            return charge.snapshot()

    def of_agreement(self, msn: str, agreement_id: str, status: str | None) -> list[Charge]:
        """ListChargesV3: the agreement's charges, oldest first, optionally of one status."""
        with self._state.lock:
            agreement = self._state.agreement(msn, agreement_id)
            charges = [self._state.charges[(msn, charge_id)] for charge_id in agreement.charge_ids]
            for charge in charges:
                settle(self._state, charge, reading=True)
            return [charge.snapshot() for charge in charges if status in (None, charge.state)]

    def capture(self, msn: str, agreement_id: str, charge_id: str, use: KeyUse, amount: int) -> Reply:
        """CaptureChargeV3: part of what remains (PARTIALLY_CAPTURED) or all of it (CHARGED); 204."""
        return self._run("capture", use, lambda: self._plan_capture(msn, agreement_id, charge_id, use.key, amount))

    def refund(self, msn: str, agreement_id: str, charge_id: str, use: KeyUse, amount: int) -> Reply:
        """RefundChargeV3: part of what is captured (PARTIALLY_REFUNDED) or all of it (REFUNDED); 204."""
        return self._run("refund", use, lambda: self._plan_refund(msn, agreement_id, charge_id, use.key, amount))

    def cancel(self, msn: str, agreement_id: str, charge_id: str, use: KeyUse) -> Reply:
        """CancelChargeV3: 204 once enacted; in the asynchronous mode 202, enacted a little later."""
        return self._run("cancel", use, lambda: self._plan_cancel(msn, agreement_id, charge_id, use.key))

    def _create(self, msn: str, agreement_id: str, key: str, body: dict[str, Any]) -> Reply:
        state = self._state
        agreement = state.agreement(msn, agreement_id)
        try:
            Lifecycle.agreement_move(agreement.status, "create-charge")
        except IllegalMove as refused:
            raise refuse(refused) from None
        due = _due_date(body["due"], state.clock())
        # CreateChargeV3.orderId: "If provided, this will be the chargeId"; "orderId must be unique per merchant".
        charge_id = body.get("orderId") or new_id("chr_")
        if (msn, charge_id) in state.charges:
            raise Problem(409, "conflict", f"The orderId '{charge_id}' is already used by another charge")
        now = state.clock()
        charge = Charge(msn, agreement_id, charge_id, body["amount"], body["description"], due, body["retryDays"],
                        body["transactionType"], body.get("externalId") or charge_id, state.next_transaction_id(),
                        now)
        charge.record("CREATE", charge.amount, key, now)
        state.charges[(msn, charge_id)] = charge
        agreement.charge_ids.append(charge_id)
        return Reply(CREATED.status, {"chargeId": charge_id})

    def _run(self, kind: str, use: KeyUse, plan: Callable[[], Plan | Reply]) -> Reply:
        """Check, then act, under one lock; an unlocked fault pauses in between and re-checks less."""
        watch = self._watch(kind)
        with self._state.lock:
            replayed = self._state.keys.replay(use)
            if replayed is not None:
                return replayed
            checked = self._checked(use, plan)
            if isinstance(checked, Reply) or watch is None:
                return self._finish(use, checked)
            seen = watch(checked.charge)
        pause()
        with self._state.lock:
            if watch(checked.charge) != seen:
                checked = self._checked(use, plan)
            return self._finish(use, checked)

    def _checked(self, use: KeyUse, plan: Callable[[], Plan | Reply]) -> Plan | Reply:
        try:
            return plan()
        except Problem as refused:
            self._state.keys.remember(use, refused)
            raise

    def _finish(self, use: KeyUse, checked: Plan | Reply) -> Reply:
        reply = checked if isinstance(checked, Reply) else self._act(checked)
        self._state.keys.remember(use, reply)
        return reply

    def _watch(self, kind: str) -> Callable[[Charge], object] | None:
        """Under an unlocked fault, what the act still re-checks after its pause; None: no pause at all."""
        if self._state.fault("unlocked-cancel-capture"):
            # SAFE_01 broken only: a cancel still sees another cancel, a capture another capture.
            watches: dict[str, Callable[[Charge], object]] = {
                "cancel": lambda charge: (_cancels(charge), charge.pending_cancel is not None),
                "capture": lambda charge: charge.captured,
            }
            return watches.get(kind)
        if self._state.fault("unlocked-duplicate-cancel") and kind == "cancel":
            return lambda charge: charge.captured  # SAFE_02 broken only: a capture still refuses it
        return None

    def _act(self, plan: Plan) -> Reply:
        charge, move = plan.charge, plan.move
        if move.events == ("CANCEL",) and self._state.async_cancel:
            charge.pending_cancel = PendingCancel(move, plan.amount, plan.key, self._state.clock())
            return ACCEPTED
        enact(self._state, charge, move, plan.amount, plan.key)
        return NO_CONTENT

    def _plan_capture(self, msn: str, agreement_id: str, charge_id: str, key: str, amount: int) -> Plan:
        charge = self._touch(msn, agreement_id, charge_id)
        remaining = self._capturable(charge)
        move = self._move(charge, "capture-rest" if amount >= remaining else "capture-part")
        if charge.reserved_at is not None and self._state.clock() - charge.reserved_at > CAPTURE_LIMIT:
            raise Problem(400, "charge-capture-failed", "The charge was reserved more than 180 days ago")
        if amount > remaining:
            raise Problem(400, "charge-capture-failed", f"The amount exceeds what remains to capture ({remaining})")
        return Plan(charge, move, amount, key)

    def _plan_refund(self, msn: str, agreement_id: str, charge_id: str, key: str, amount: int) -> Plan:
        charge = self._touch(msn, agreement_id, charge_id)
        refundable = charge.refundable()
        move = self._move(charge, "refund-rest" if amount >= refundable else "refund-part")
        if amount > refundable:
            raise Problem(400, "operation-failed", f"The amount exceeds what remains to refund ({refundable})")
        return Plan(charge, move, amount, key)

    def _plan_cancel(self, msn: str, agreement_id: str, charge_id: str, key: str) -> Plan | Reply:
        try:
            charge = self._touch(msn, agreement_id, charge_id, cancel=True)
        except Problem as unknown:
            if self._state.fault("unknown-charge-cancel-answers-204") and unknown.status == 404:
                self._state.agreement(msn, agreement_id)  # only on the merchant's own agreement
                return NO_CONTENT
            raise
        if self._state.fault("released-charge-cancelled-after-refund") and charge.state == PARTIALLY_REFUNDED \
                and charge.cancelled:
            # The sequence the fault breaks: capture part, release the rest, refund, cancel again.
            return Plan(charge, Move(CANCELLED, ("CANCEL",)), charge.captured - charge.refunded, key)
        # RECUR_REL_01/_02: what a cancel releases is all that remains to capture.
        return Plan(charge, self._move(charge, "cancel"), charge.capturable(), key)

    def _touch(self, msn: str, agreement_id: str, charge_id: str, *, cancel: bool = False) -> Charge:
        """The charge an action is about, any cancel answered 202 enacted first."""
        if cancel and self._state.fault("charge-cancel-ignores-merchant"):
            charge = self._state.charge_of_anyone(agreement_id, charge_id)
        else:
            charge = self._state.charge(msn, agreement_id, charge_id)
        settle(self._state, charge, reading=False)
        return charge

    def _capturable(self, charge: Charge) -> int:
        if self._state.fault("capture-cancelled-charge") and charge.state == CANCELLED and charge.reserved_at is None:
            return charge.amount - charge.captured  # as if the charge had never been cancelled
        if self._state.fault("release-keeps-capturable") and charge.state == CHARGED and charge.cancelled:
            return charge.amount - charge.captured  # the release is not enforced
        return charge.capturable()

    def _move(self, charge: Charge, action: str) -> Move:
        try:
            return self._state.lifecycle.move(charge.state, action)
        except IllegalMove as refused:
            raise refuse(refused) from None


def _cancels(charge: Charge) -> int:
    return sum(event.event == "CANCEL" for event in charge.history)


def _due_date(value: str, now: datetime) -> datetime:
    """CreateChargeV3.due (`YYYY-MM-DD`): "at least one day in advance in the test environment"."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise invalid("due", "must be a calendar date") from None
    if day <= now.date():
        raise Problem(400, "charge-due-too-soon", "The due date must be at least one day in the future")
    return datetime.combine(day, time(), tzinfo=now.tzinfo)
