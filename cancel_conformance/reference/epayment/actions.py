"""The merchant's actions on a payment: capture, refund and cancel, each one check-then-act under the lock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cancel_conformance.reference.epayment.errors import Problem, Refused, UnknownPayment
from cancel_conformance.reference.epayment.idempotency import Answer, Ask
from cancel_conformance.reference.epayment.lifecycle import (
    CANCELLED,
    CANCELLED_STATES,
    RELEASED,
    TERMINATED,
    UNAUTHORIZED,
    IllegalMove,
    Move,
    Refusal,
)
from cancel_conformance.reference.epayment.model import AGE_LIMIT, EpaymentState, Payment
from cancel_conformance.reference.epayment.runner import Runner
from cancel_conformance.reference.epayment.views import modification_view

# EPAY_AGE_01/03: "Cancel period expired: Payments can only be canceled within 180 days of the reservation"
# (6030, HTTP 400). Captures past it are refused too (T1: 6100 "Capture period expired"; the deadline of
# Denmark and Finland, 14 days unless late capture, is not emulated).
TOO_OLD_TO_CANCEL = Refusal(400, "6030", "Cancel period expired")
TOO_OLD_TO_CAPTURE = Refusal(400, "6100", "Capture period expired")
CAPTURE_TOO_HIGH = Refusal(400, "6090", "Capture amount too high")
NOT_ENOUGH_REFUNDABLE = Refusal(400, "6150", "Not enough refundable")
# T1 4040 "Invalid amount": the reference's code for an amount of 0 or in another currency than the payment's.
INVALID_AMOUNT = Refusal(400, "4040", "Invalid amount")
CANCEL_ACTIONS = {False: "cancel", True: "cancel-transaction-only"}
# What a refusal says the payment cannot be, per action.
DONE = {"capture-part": "captured", "capture-rest": "captured", "refund": "refunded", "cancel": "cancelled",
        "cancel-transaction-only": "cancelled"}


@dataclass(frozen=True)
class Plan:
    """A checked action, ready to act on: the move it makes and the amount it moves."""

    payment: Payment
    move: Move
    amount: int
    key: str


def refuse(refusal: Refusal, detail: str) -> Refused:
    assert refusal.code is not None
    return Refused(refusal.code, refusal.title, detail, refusal.status)


class Actions:
    """Capture, refund and cancel. Each checks and acts under the state lock (SAFE_01, SAFE_02)."""

    def __init__(self, state: EpaymentState) -> None:
        self._state = state
        self._runner = Runner(state)

    def capture(self, ask: Ask, amount: dict[str, Any]) -> Answer:
        return self._answer(ask, "capture", lambda: self._plan_capture(ask, amount["currency"], amount["value"]))

    def refund(self, ask: Ask, amount: dict[str, Any]) -> Answer:
        return self._answer(ask, "refund", lambda: self._plan_refund(ask, amount["currency"], amount["value"]))

    def cancel(self, ask: Ask, transaction_only: bool) -> Answer:
        """TERMINATED before authorization; after it, all that remains cancelled (cancelTransactionOnly: refused)."""
        return self._answer(ask, "cancel", lambda: self._plan_cancel(ask, CANCEL_ACTIONS[transaction_only]))

    def _answer(self, ask: Ask, kind: str, plan: Callable[[], Plan]) -> Answer:
        def act() -> Answer:
            return Answer(200, modification_view(self._runner.run(kind, plan, self._act)))
        return self._runner.idempotent(ask, act)

    def _act(self, plan: Plan) -> Payment:
        payment, move = plan.payment, plan.move
        if move.event == "CAPTURED":
            payment.captured += plan.amount
        elif move.event == "REFUNDED":
            payment.refunded += plan.amount
        elif move.state == TERMINATED:
            # EPAY_CAN_01: "state TERMINATED and cancelledAmount equal to the amount".
            payment.cancelled = payment.amount
        elif move.state in (CANCELLED, RELEASED):
            # EPAY_CAN_02/03: "cancelledAmount = authorized - captured", for good.
            payment.cancelled = max(0, payment.authorized - payment.captured)
            if self._state.fault("epayment-cancel-counts-refunds"):
                payment.cancelled += payment.refunded  # the sequence the fault breaks: capture, refund, cancel
        payment.state = move.state
        if move.event is not None:
            payment.record(move.event, plan.amount, self._state.clock(), plan.key)
        return payment.snapshot()

    def _plan_cancel(self, ask: Ask, action: str) -> Plan:
        payment = self._find(ask)
        amount = payment.amount if payment.state in UNAUTHORIZED else payment.remaining()
        event = "TERMINATED" if payment.state in UNAUTHORIZED else "CANCELLED"
        if self._too_old_to_cancel(payment):
            raise self._failed(payment, event, amount, ask, self._age_refusal(), "The payment was reserved over "
                                                                                 "180 days ago")
        return Plan(payment, self._move(payment, action, event, amount, ask), amount, ask.key)

    def _plan_capture(self, ask: Ask, currency: str, value: int) -> Plan:
        payment = self._find(ask)
        self._check_amount(payment, "CAPTURED", currency, value, ask)
        age = payment.reservation_age(self._state.clock())
        if age is not None and age > AGE_LIMIT:
            raise self._failed(payment, "CAPTURED", value, ask, TOO_OLD_TO_CAPTURE, "The reservation is over 180 "
                                                                                    "days old")
        remaining = payment.remaining()
        move = self._move(payment, "capture-rest" if value >= remaining else "capture-part", "CAPTURED", value, ask)
        if value > remaining:
            raise self._failed(payment, "CAPTURED", value, ask, CAPTURE_TOO_HIGH,
                               f"At most {remaining} remains to capture")
        return Plan(payment, move, value, ask.key)

    def _plan_refund(self, ask: Ask, currency: str, value: int) -> Plan:
        payment = self._find(ask)
        self._check_amount(payment, "REFUNDED", currency, value, ask)
        move = self._move(payment, "refund", "REFUNDED", value, ask)
        refundable = payment.refundable()
        if self._state.fault("epayment-refund-after-cancel") and payment.state in CANCELLED_STATES:
            refundable = payment.amount - payment.refunded  # as if the amount had been captured
        if value > refundable:
            raise self._failed(payment, "REFUNDED", value, ask, NOT_ENOUGH_REFUNDABLE,
                               f"At most {refundable} can be refunded")
        return Plan(payment, move, value, ask.key)

    def _find(self, ask: Ask) -> Payment:
        assert ask.reference is not None
        try:
            return self._state.find(ask.msn, ask.reference)
        except UnknownPayment:
            # EPAY_CAN_08: "Cancelling an unknown reference: 404 with a Problem body".
            if ask.operation == "cancelPayment" and self._state.fault("epayment-unknown-reference-cancel-400"):
                raise Refused("5090", "Reference not found", f"No payment with the reference {ask.reference}") \
                    from None
            raise

    def _move(self, payment: Payment, action: str, event: str, amount: int, ask: Ask) -> Move:
        try:
            return self._state.lifecycle.move(payment.state, action)
        except IllegalMove as refused:
            detail = f"This {payment.public_state} payment cannot be {DONE[action]} now"
            raise self._failed(payment, event, amount, ask, refused.refusal, detail) from None

    def _check_amount(self, payment: Payment, event: str, currency: str, value: int, ask: Ask) -> None:
        if currency != payment.currency or value == 0:
            raise self._failed(payment, event, value, ask, INVALID_AMOUNT,
                               f"The amount must be more than 0 {payment.currency}")

    def _failed(self, payment: Payment, event: str, amount: int, ask: Ask, refusal: Refusal,
                detail: str) -> Problem:
        """Log the refused attempt (success false: "a failed attempt may be logged", RULES.md) and answer it."""
        payment.record(event, amount, self._state.clock(), ask.key, success=False)
        return refuse(refusal, detail)

    def _too_old_to_cancel(self, payment: Payment) -> bool:
        # EPAY_AGE_01/02: reserved "over 180 days ago" is refused; "at most 180 days ago" can still be cancelled.
        age = payment.reservation_age(self._state.clock())
        if age is None or self._state.fault("epayment-age-limit-ignored"):
            return False
        if self._state.fault("epayment-age-limit-179-days"):
            return age >= timedelta(days=179)
        return age > AGE_LIMIT

    def _age_refusal(self) -> Refusal:
        if self._state.fault("epayment-age-wrong-code"):
            return Refusal(400, "6190", "Payment cannot be cancelled")
        return TOO_OLD_TO_CANCEL
