"""The Vipps MobilePay Recurring v3 client: one method per operation of `contracts/recurring.v3.yaml`.

api-facts §4.2: `Idempotency-Key` is required on every POST, PUT, PATCH and DELETE.
"""

from __future__ import annotations

from typing import Any

from cancel_conformance.apis.vipps_client import OMIT, VippsClient, key, new_idempotency_key
from cancel_conformance.clients.result import ApiResult

__all__ = ["OMIT", "RecurringClient", "new_idempotency_key"]

AGREEMENTS = "/recurring/v3/agreements"


class RecurringClient(VippsClient):
    """One Vipps merchant's view of a Recurring v3 implementation."""

    # Agreements

    def draft_agreement_v3(self, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", AGREEMENTS, body, idempotency_key=key(idempotency_key))

    def fetch_agreement_v3(self, agreement_id: str) -> ApiResult:
        return self._call("GET", f"{AGREEMENTS}/{agreement_id}")

    def update_agreement_patch_v3(self, agreement_id: str, body: dict[str, Any],
                                  idempotency_key: str | None = None) -> ApiResult:
        return self._call("PATCH", f"{AGREEMENTS}/{agreement_id}", body, idempotency_key=key(idempotency_key))

    # The test environment's force accept (the customer's stand-in, capability recurring.accept)

    def accept_using_patch_v3(self, agreement_id: str, body: dict[str, Any]) -> ApiResult:
        return self._call("PATCH", f"{AGREEMENTS}/{agreement_id}/accept", body, idempotency_key=key(None))

    # Charges

    def list_charges_v3(self, agreement_id: str, status: str | None = None) -> ApiResult:
        return self._call("GET", f"{AGREEMENTS}/{agreement_id}/charges", query={"status": status} if status else None)

    def create_charge_v3(self, agreement_id: str, body: dict[str, Any],
                         idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", f"{AGREEMENTS}/{agreement_id}/charges", body, idempotency_key=key(idempotency_key))

    def fetch_charge_v3(self, agreement_id: str, charge_id: str) -> ApiResult:
        return self._call("GET", f"{AGREEMENTS}/{agreement_id}/charges/{charge_id}")

    def cancel_charge_v3(self, agreement_id: str, charge_id: str, idempotency_key: str | None = None) -> ApiResult:
        """No body (api-facts §4.1): answered 204, or 202 when the cancel is enacted later."""
        return self._call("DELETE", f"{AGREEMENTS}/{agreement_id}/charges/{charge_id}",
                          idempotency_key=key(idempotency_key))

    def capture_charge_v3(self, agreement_id: str, charge_id: str, body: dict[str, Any],
                          idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", f"{AGREEMENTS}/{agreement_id}/charges/{charge_id}/capture", body,
                          idempotency_key=key(idempotency_key))

    def refund_charge_v3(self, agreement_id: str, charge_id: str, body: dict[str, Any],
                         idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", f"{AGREEMENTS}/{agreement_id}/charges/{charge_id}/refund", body,
                          idempotency_key=key(idempotency_key))
