"""Creating and reading ePayment payments: create, get and the event log."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from cancel_conformance.reference.epayment.errors import Refused
from cancel_conformance.reference.epayment.idempotency import Answer, Ask
from cancel_conformance.reference.epayment.model import EpaymentState, Payment
from cancel_conformance.reference.epayment.runner import Runner
from cancel_conformance.reference.epayment.schemas import METADATA_KEY_MAX
from cancel_conformance.reference.epayment.views import created_view

# T1 6010 "Amount too small: Minimum is NOK 100 øre, DKK 1 øre, EUR 1 cent".
MINIMUM_AMOUNT = {"NOK": 100, "DKK": 1, "EUR": 1}
# Spec 1.4.1 userFlow: "If userFlow is PUSH_MESSAGE, a valid value for customer is required. If userFlow is
# WEB_REDIRECT, a valid value for returnUrl is required" (T1 4140 "Missing required parameter").
REQUIRED_BY_FLOW = {"PUSH_MESSAGE": "customer", "WEB_REDIRECT": "returnUrl"}


class Payments:
    """Create and read payments; each call runs under the state lock."""

    def __init__(self, state: EpaymentState) -> None:
        self._state = state
        self._runner = Runner(state)

    def create(self, ask: Ask, request: dict[str, Any]) -> Answer:
        """CreatePaymentRequest -> a CREATED payment (event CREATED); 201 with its reference and redirect URL."""
        return self._runner.idempotent(ask, lambda: Answer(201, created_view(self._create(ask, request))))

    def _create(self, ask: Ask, request: dict[str, Any]) -> Payment:
        reference, amount = request["reference"], request["amount"]
        check_create(request)
        with self._state.lock:
            if (ask.msn, reference) in self._state.payments:
                # The reference is unique per merchant (T1 4150 "Reference exists"; spec 1.4.1: create answers 409).
                raise Refused("4150", "Reference exists", f"The reference {reference} is already used", 409)
            now = self._state.clock()
            payment = Payment(ask.msn, reference, amount["value"], amount["currency"], request.get("userFlow"),
                              request["paymentMethod"]["type"], str(uuid.uuid4()), secrets.token_urlsafe(16), now,
                              metadata=request.get("metadata"))
            payment.record("CREATED", payment.amount, now, ask.key)
            self._state.payments[(ask.msn, reference)] = payment
            return payment.snapshot()

    def read(self, msn: str, reference: str) -> Payment:
        """A snapshot of the merchant's payment, taken under the lock (GetPaymentResponse and the event log)."""
        with self._state.lock:
            return self._state.find(msn, reference).snapshot()

    def read_of_anyone(self, reference: str) -> Payment:
        """The first payment with this reference: only the `epayment-events-without-auth` fault asks."""
        with self._state.lock:
            return self._state.find_of_anyone(reference).snapshot()


def check_create(request: dict[str, Any]) -> None:
    """What the body's schema cannot say: the smallest amount, the fields a flow needs, metadata keys."""
    amount = request["amount"]
    if amount["value"] < MINIMUM_AMOUNT[amount["currency"]]:
        raise Refused("6010", "Amount too small", f"The smallest amount in {amount['currency']} is "
                                                  f"{MINIMUM_AMOUNT[amount['currency']]}")
    needed = REQUIRED_BY_FLOW.get(request["userFlow"])
    if needed is not None and request.get(needed) is None:
        raise Refused("4140", "Missing required parameter", f"userFlow {request['userFlow']} needs {needed}")
    long_keys = [key for key in request.get("metadata") or {} if len(key) > METADATA_KEY_MAX]
    if long_keys:
        raise Refused("4120", "Metadata key length exceeded", f"Metadata keys are at most {METADATA_KEY_MAX} "
                                                              "characters")
