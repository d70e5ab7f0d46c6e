"""Creating and reading eCom payments: initiate and details."""

from __future__ import annotations

import secrets
from typing import Any

from cancel_conformance.reference.ecom.errors import Refused, UnknownOrder
from cancel_conformance.reference.ecom.model import EcomState, Payment


class Payments:
    """Initiate and read payments; each call runs under the state lock."""

    def __init__(self, state: EcomState) -> None:
        self._state = state

    def initiate(self, msn: str, request: dict[str, Any]) -> Payment:
        """InitiatePaymentCommand -> a payment in INITIATE (log INITIATE); a reused orderId is refused."""
        transaction = request["transaction"]
        order_id = transaction["orderId"]
        with self._state.lock:
            if (msn, order_id) in self._state.payments:
                # Spec 2.0.3: "The merchant-provided orderId must be unique per sales unit" (code: ours).
                raise Refused("Merchant", "34", f"The orderId '{order_id}' is already used for MSN {msn}")
            now = self._state.clock()
            payment = Payment(msn, order_id, transaction["amount"], transaction["transactionText"],
                              self._state.next_transaction_id(), secrets.token_urlsafe(16), now)
            payment.record("INITIATE", payment.amount, payment.text, now)
            self._state.payments[(msn, order_id)] = payment
            return payment.snapshot()

    def details(self, msn: str, order_id: str) -> Payment:
        """A snapshot of the merchant's payment, taken under the lock."""
        with self._state.lock:
            return self._state.find(msn, order_id).snapshot()

    def details_of_anyone(self, order_id: str) -> Payment:
        """The first payment with this orderId, whoever made it: only the `details-without-auth` fault asks."""
        with self._state.lock:
            for (_, known), payment in self._state.payments.items():
                if known == order_id:
                    return payment.snapshot()
            raise UnknownOrder(order_id, "(none)")
