"""Idempotency keys of the four create endpoints: a retry gets the first response again.

api-facts 1.7: "A retried initiate returns the same paymentId"; keys are stored "for at least 24
hours" (the reference keeps them for the life of the server); "Reusing a key for a different request
gives 409 1306". Keys are scoped to the integrator and the operation.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cancel_conformance.reference.errors import Conflict

INITIATE_PAYMENT = "InitiatePayment"


def fingerprint(merchant_vat: str | None, body: Mapping[str, Any]) -> str:
    """A canonical text of a create request: two requests are the same when these are equal."""
    return json.dumps({"merchant": merchant_vat, "body": body}, sort_keys=True, default=str)


class IdempotencyStore:
    """Successful create responses by (integrator, operation, key). Callers hold the state lock."""

    def __init__(self, faults: frozenset[str] = frozenset()) -> None:
        self._faults = faults
        self._entries: dict[tuple[str, str, str], tuple[str, dict[str, Any]]] = {}

    def replay(self, integrator: str, operation: str, key: str | None, request: str) -> dict[str, Any] | None:
        """The stored response when this is a retry; Conflict 1306 when the key was used for another request."""
        entry = self._entries.get((integrator, operation, key)) if key is not None else None
        if entry is None:
            return None
        first_request, response = entry
        if first_request == request:
            # POS_REC_02: "Retrying initiate with the same idempotency key returns the same payment id".
            return None if self._switched(operation, "idempotency-key-ignored") else dict(response)
        if self._switched(operation, "idempotency-key-reuse-accepted"):
            return dict(response)
        # POS_REC_03: "Reusing an idempotency key for a different request: 409 with code 1306".
        raise Conflict("1306", "The idempotency key was already used for a different request")

    def remember(self, integrator: str, operation: str, key: str | None, request: str,
                 response: dict[str, Any]) -> None:
        if key is not None:
            self._entries.setdefault((integrator, operation, key), (request, dict(response)))

    def _switched(self, operation: str, fault: str) -> bool:
        # The idempotency faults break POS_REC rules, which are about initiate only.
        return operation == INITIATE_PAYMENT and fault in self._faults
