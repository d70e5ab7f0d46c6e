"""The client's refund operations: create, query, capture and cancel."""

from __future__ import annotations

import copy
import uuid
from decimal import Decimal, localcontext
from typing import Any

from cancel_conformance.reference.errors import Conflict, Forbidden, NotFound
from cancel_conformance.reference.pos.access import require_owner
from cancel_conformance.reference.pos.idempotency import fingerprint
from cancel_conformance.reference.pos.lifecycle import REFUND_REFUSAL_CODES, IllegalMove
from cancel_conformance.reference.pos.model import MONEY, Caller, Payment, PosState, Refund

CREATE_REFUND = "CreateRefund"
# api-facts 1.5: "Several refunds may be made, but their sum must be <= the captured amount"; a
# refund in one of these states still holds its share of the captured amount.
COUNTING_STATES = frozenset({"Initiated", "Reserved", "Captured", "ExpiredAndCaptured"})
OTHER_INTEGRATOR = "1402"
REFUSAL_MESSAGES = {
    "cancel": "The refund cannot be cancelled in the current state ({state})",
    "capture": "The refund cannot be captured in the current state ({state}); it is not reserved",
}


class Refunds:
    """The operations on refunds; each runs under the state lock."""

    def __init__(self, state: PosState) -> None:
        self._state = state

    def create(self, caller: Caller, request: dict[str, Any], key: str | None) -> str:
        """CreateRefund: a new refund in Initiated (the first one's id again for a retried key)."""
        state = self._state
        assert caller.integrator is not None
        with state.lock:
            text = fingerprint(caller.merchant_vat, request)
            replay = state.idempotency.replay(caller.integrator, CREATE_REFUND, key, text)
            if replay is not None:
                return str(replay["refundId"])
            payment = self._refundable(caller, request)
            refund = Refund(str(uuid.uuid4()), payment.payment_id, request["refundOrderId"], payment.integrator,
                            payment.merchant_vat, request["amount"], request["currencyCode"], "Initiated")
            state.refunds[refund.refund_id] = refund
            payment.refund_ids.append(refund.refund_id)
            state.idempotency.remember(caller.integrator, CREATE_REFUND, key, text, {"refundId": refund.refund_id})
            return refund.refund_id

    def get(self, caller: Caller, refund_id: str) -> Refund:
        """A snapshot of the refund, taken under the lock."""
        with self._state.lock:
            return copy.copy(self._owned(caller, refund_id, NotFound("Refund not found")))

    def find_ids(self, caller: Caller, payment_id: str) -> list[str]:
        """QueryRefundIds: this integrator's refunds of the payment, oldest first."""
        with self._state.lock:
            payment = self._state.payments.get(payment_id)
            if payment is None or payment.integrator != caller.integrator:
                return []
            return [rid for rid in payment.refund_ids if self._state.refunds[rid].merchant_vat == caller.merchant_vat]

    def capture(self, caller: Caller, refund_id: str) -> None:
        """CaptureRefund: Reserved -> Captured; a captured refund captured again is a retry (200)."""
        with self._state.lock:
            # api-facts 1.8: the refund capture's 404 carries code 1004 "refund not found".
            refund = self._owned(caller, refund_id, NotFound("Refund not found", code="1004"))
            refund.status = self._move(refund, "capture")

    def cancel(self, caller: Caller, refund_id: str) -> None:
        """CancelRefund: CancelledByClient from Initiated or Reserved, else 409 1352."""
        with self._state.lock:
            refund = self._state.refunds.get(refund_id.lower())
            if refund is None:
                if self._state.fault("unknown-refund-cancel-answers-409"):
                    raise Conflict("1352", "The refund cannot be cancelled in the current state")
                raise NotFound("Refund not found")
            if not self._state.fault("refund-cancel-ignores-integrator"):
                self._require_owner(caller, refund)
            refund.status = self._move(refund, "cancel")

    def _refundable(self, caller: Caller, request: dict[str, Any]) -> Payment:
        payment = self._state.payments.get(request["paymentId"])
        if payment is None:
            raise Conflict("1001", "The payment was not found")
        if payment.integrator != caller.integrator or payment.merchant_vat != caller.merchant_vat:
            raise Forbidden("1401", "The payment was created by a different integrator or merchant")
        if payment.status != "Captured" or payment.captured_amount is None:
            raise Conflict("1354", "Only a captured payment can be refunded")
        if request["currencyCode"] != payment.currency_code:
            raise Conflict("1365", "The refund currency differs from the payment's")
        if MONEY.add(request["amount"], self._held(payment)) > payment.captured_amount:
            raise Conflict("1367", "Refund Amount is too high: it exceeds what is left of the captured amount")
        return payment

    def _held(self, payment: Payment) -> Decimal:
        """The sum of the payment's refunds that still count against its captured amount."""
        counting = COUNTING_STATES
        if self._state.fault("cancelled-refund-still-counts"):
            counting = counting | {"CancelledByClient", "CancelledByMobilePay"}
        refunds = (self._state.refunds[rid] for rid in payment.refund_ids)
        with localcontext(MONEY):
            return sum((refund.amount for refund in refunds if refund.status in counting), Decimal(0))

    def _owned(self, caller: Caller, refund_id: str, missing: NotFound) -> Refund:
        refund = self._state.refunds.get(refund_id.lower())
        if refund is None:
            raise missing
        self._require_owner(caller, refund)
        return refund

    def _require_owner(self, caller: Caller, refund: Refund) -> None:
        # api-facts 1.8 gives refunds a single 403 code, 1402, for another integrator or merchant.
        require_owner(caller, refund.integrator, refund.merchant_vat, other_integrator=OTHER_INTEGRATOR,
                      other_merchant=OTHER_INTEGRATOR, what="refund")

    def _move(self, refund: Refund, action: str) -> str:
        try:
            return self._state.refund_lifecycle.move(refund.status, action)
        except IllegalMove as refused:
            message = REFUSAL_MESSAGES[action].format(state=refused.state)
            raise Conflict(REFUND_REFUSAL_CODES[action], message) from None
