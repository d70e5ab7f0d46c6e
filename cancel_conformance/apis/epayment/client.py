"""The Vipps MobilePay ePayment v1 client: one method per operation of `contracts/epayment.v1.yaml`."""

from __future__ import annotations

from typing import Any

from cancel_conformance.apis.vipps_client import OMIT, VippsClient, key, new_idempotency_key
from cancel_conformance.clients.result import ApiResult

__all__ = ["NO_BODY", "OMIT", "EpaymentClient", "new_idempotency_key"]

PAYMENTS = "/epayment/v1/payments"
# `cancel_payment(..., body=NO_BODY)`: a cancel with no body at all, as spec 1.4.1 and the official SDK send it.
NO_BODY = None


class EpaymentClient(VippsClient):
    """One Vipps merchant's view of an ePayment v1 implementation (Merchant-Serial-Number on every call)."""

    # Payments

    def create_payment(self, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", PAYMENTS, body, idempotency_key=key(idempotency_key))

    def get_payment(self, reference: str) -> ApiResult:
        return self._call("GET", f"{PAYMENTS}/{reference}")

    def get_payment_event_log(self, reference: str) -> ApiResult:
        return self._call("GET", f"{PAYMENTS}/{reference}/events")

    def capture_payment(self, reference: str, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", f"{PAYMENTS}/{reference}/capture", body, idempotency_key=key(idempotency_key))

    def refund_payment(self, reference: str, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", f"{PAYMENTS}/{reference}/refund", body, idempotency_key=key(idempotency_key))

    def cancel_payment(self, reference: str, body: dict[str, Any] | None = NO_BODY,
                       idempotency_key: str | None = None) -> ApiResult:
        """`body`: NO_BODY, or the optional CancelModificationRequest object (api-facts §3.1)."""
        return self._call("POST", f"{PAYMENTS}/{reference}/cancel", body, idempotency_key=key(idempotency_key))

    # The test environment's force approve (the customer's stand-in, capability epayment.approve)

    def force_approve(self, reference: str, body: dict[str, Any]) -> ApiResult:
        return self._call("POST", f"/epayment/v1/test/payments/{reference}/approve", body)
