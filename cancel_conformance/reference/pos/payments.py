"""The client's payment operations: initiate, prepare, ready, query, capture and cancel."""

from __future__ import annotations

import copy
import uuid
from decimal import Decimal
from typing import Any

from cancel_conformance.reference.errors import Conflict, Forbidden, NotFound
from cancel_conformance.reference.pos.access import require_owner
from cancel_conformance.reference.pos.idempotency import INITIATE_PAYMENT, fingerprint
from cancel_conformance.reference.pos.lifecycle import (
    ACTIVE_PAYMENT_STATES,
    PAYMENT_REFUSAL_CODES,
    IllegalMove,
    blocking_states,
)
from cancel_conformance.reference.pos.model import RESERVATION_LIFETIME, Caller, Payment, PointOfSale, PosState
from cancel_conformance.reference.race import pause

PREPARE_PAYMENT = "PreparePayment"

REFUSAL_MESSAGES = {
    "cancel": "The payment cannot be cancelled in the current state ({state})",
    "capture": "The payment cannot be captured in the current state ({state}); it is not reserved",
    "ready": "Payment needs to be prepared before it can be marked as ready (it is {state})",
}
# api-facts 1.8: 403 for a payment "created by a different integrator / on behalf of a different merchant".
OTHER_INTEGRATOR = "1401"
OTHER_MERCHANT = {"query": "1411", "ready": "1406", "capture": "1407", "cancel": "1408"}
# SAFE_01's fault: cancel and capture act only after a pause outside the lock.
UNLOCKED = "unlocked-cancel-capture"
# A sequence no scenario takes: capture, refund, cancel the refund, then cancel the payment (MOD_POS_01).
CANCELLED_REFUND_REOPENS = "cancelled-refund-reopens-payment"


class Payments:
    """The operations on payments; each runs under the state lock."""

    def __init__(self, state: PosState) -> None:
        self._state = state

    def initiate(self, caller: Caller, request: dict[str, Any], key: str | None) -> str:
        """InitiatePayment: Initiated, or IssuedToUser when a customer is already checked in."""
        return self._start(caller, request, key, INITIATE_PAYMENT, ("Initiated", "IssuedToUser"))

    def prepare(self, caller: Caller, request: dict[str, Any], key: str | None) -> str:
        """PreparePayment: Prepared, or Paired when a customer is already checked in."""
        return self._start(caller, request, key, PREPARE_PAYMENT, ("Prepared", "Paired"))

    def ready(self, caller: Caller, payment_id: str, request: dict[str, Any]) -> None:
        with self._state.lock:
            payment = self._owned(caller, payment_id, "ready")
            payment.status = self._move(payment, "ready")
            payment.amount = request["amount"]
            payment.currency_code = request["currencyCode"]
            payment.planned_capture_delay = request["plannedCaptureDelay"]
            payment.restrictions = request.get("restrictions")
            payment.merchant_payment_label = request.get("merchantPaymentLabel")

    def get(self, caller: Caller, payment_id: str) -> Payment:
        """A snapshot of the payment, taken under the lock."""
        with self._state.lock:
            return copy.copy(self._owned(caller, payment_id, "query"))

    def find_ids(self, caller: Caller, pos_id: str | None, order_id: str | None, captured: bool) -> list[str]:
        """QueryPaymentIds: without a state, "active and reserved payments"; with state, Captured ones."""
        states = {"Captured"} if captured else ACTIVE_PAYMENT_STATES | {"Reserved"}
        if self._state.fault("query-omits-initiated") and pos_id is not None and order_id is not None:
            states = states - {"Initiated"}  # breaks the recovery lookup of POS_REC_01 only
        with self._state.lock:
            return [payment.payment_id for payment in self._state.payments.values()
                    if payment.integrator == caller.integrator and payment.merchant_vat == caller.merchant_vat
                    and payment.status in states
                    and pos_id in (None, payment.pos_id) and order_id in (None, payment.order_id)]

    def capture(self, caller: Caller, payment_id: str, amount: Decimal) -> None:
        with self._state.lock:
            payment = self._owned(caller, payment_id, "capture")
            if payment.status == "Captured" and self._state.payment_lifecycle.allows("Captured", "capture"):
                if amount != payment.captured_amount:
                    raise Conflict("1307", "The payment was already captured with a different amount")
                return  # api-facts 1.7: a retried capture after success "will immediately return with a 200 OK"
            new_status = self._move(payment, "capture")
            if amount > (payment.amount or Decimal(0)):
                raise Conflict("1305", "The capture amount is greater than the reserved amount")
            if not self._state.fault(UNLOCKED):
                payment.status = new_status
                payment.captured_amount = amount
                return
        self._act_after_pause(payment, new_status, amount)

    def cancel(self, caller: Caller, payment_id: str) -> None:
        """CancelPayment: CancelledByClient from any state the lifecycle allows, else 409 1300."""
        with self._state.lock:
            payment = self._state.payments.get(payment_id.lower())
            if payment is None:
                if self._state.fault("unknown-payment-cancel-answers-409"):
                    raise Conflict("1300", "The payment cannot be cancelled in the current state")
                raise NotFound("Payment not found")
            if not self._state.fault("cancel-ignores-integrator"):
                require_owner(caller, payment.integrator, payment.merchant_vat, other_integrator=OTHER_INTEGRATOR,
                              other_merchant=OTHER_MERCHANT["cancel"], what="payment")
            if self._state.fault(CANCELLED_REFUND_REOPENS) and self._only_cancelled_refunds(payment):
                payment.status = "CancelledByClient"
                return
            new_status = self._move(payment, "cancel")
            if not self._state.fault(UNLOCKED):
                payment.status = new_status
                return
        self._act_after_pause(payment, new_status)

    def _only_cancelled_refunds(self, payment: Payment) -> bool:
        """A captured payment whose every refund the client cancelled (the sequence the fault breaks)."""
        refunds = [self._state.refunds[refund_id] for refund_id in payment.refund_ids]
        return payment.status == "Captured" and bool(refunds) and all(
            refund.status == "CancelledByClient" for refund in refunds)

    def _act_after_pause(self, payment: Payment, status: str, captured_amount: Decimal | None = None) -> None:
        """The act of an unlocked check-then-act: a concurrent cancel and capture can both get here (SAFE_01)."""
        pause()
        with self._state.lock:
            payment.status = status
            if captured_amount is not None:
                payment.captured_amount = captured_amount

    def _start(self, caller: Caller, request: dict[str, Any], key: str | None, operation: str,
               statuses: tuple[str, str]) -> str:
        state = self._state
        assert caller.integrator is not None
        with state.lock:
            text = fingerprint(caller.merchant_vat, request)
            replay = state.idempotency.replay(caller.integrator, operation, key, text)
            if replay is not None:
                return str(replay["paymentId"])
            pos = self._pos_for_payment(caller, request["posId"])
            self._require_idle(pos)
            payment = self._new_payment(caller, pos, request, statuses[1] if pos.checked_in else statuses[0])
            pos.checked_in = False  # the remembered check-in is used up by this payment
            state.payments[payment.payment_id] = payment
            pos.payment_ids.append(payment.payment_id)
            state.idempotency.remember(caller.integrator, operation, key, text, {"paymentId": payment.payment_id})
            return payment.payment_id

    def _pos_for_payment(self, caller: Caller, pos_id: str) -> PointOfSale:
        pos = self._state.live_pos(pos_id)
        if pos is None:
            raise Conflict("1000", "The point of sale was not found")
        if pos.integrator != caller.integrator or pos.merchant_vat != caller.merchant_vat:
            raise Forbidden("1400", "The point of sale was created by a different integrator or merchant")
        return pos

    def _require_idle(self, pos: PointOfSale) -> None:
        busy = blocking_states(self._state.faults)
        if any(self._state.payments[pid].status in busy for pid in pos.payment_ids):
            # POS_PAY_12: "while a payment is active, a new one on the same PoS is refused with 409 1301".
            raise Conflict("1301", "A payment is already active. Cancel it before starting a new one")

    def _new_payment(self, caller: Caller, pos: PointOfSale, request: dict[str, Any], status: str) -> Payment:
        now = self._state.clock()
        return Payment(
            payment_id=str(uuid.uuid4()),
            pos_id=pos.pos_id,
            order_id=request["orderId"],
            integrator=pos.integrator,
            merchant_vat=pos.merchant_vat,
            status=status,
            created_at=now,
            expires_at=now + RESERVATION_LIFETIME,
            amount=request.get("amount"),
            currency_code=request.get("currencyCode"),
            restrictions=request.get("restrictions"),
            merchant_payment_label=request.get("merchantPaymentLabel"),
            planned_capture_delay=request.get("plannedCaptureDelay"),
        )

    def _owned(self, caller: Caller, payment_id: str, operation: str) -> Payment:
        payment = self._state.payments.get(payment_id.lower())
        if payment is None:
            raise NotFound("Payment not found")
        require_owner(caller, payment.integrator, payment.merchant_vat, other_integrator=OTHER_INTEGRATOR,
                      other_merchant=OTHER_MERCHANT[operation], what="payment")
        return payment

    def _move(self, payment: Payment, action: str) -> str:
        try:
            return self._state.payment_lifecycle.move(payment.status, action)
        except IllegalMove as refused:
            message = REFUSAL_MESSAGES[action].format(state=refused.state)
            raise Conflict(PAYMENT_REFUSAL_CODES[action], message) from None
