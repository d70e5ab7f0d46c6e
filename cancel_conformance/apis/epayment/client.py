"""The Vipps MobilePay ePayment v1 client: one method per operation of `contracts/epayment.v1.yaml`."""

from __future__ import annotations

import uuid
from typing import Any

from cancel_conformance import __version__
from cancel_conformance.apis.vipps_merchant import MSN_HEADER, SUBSCRIPTION_KEY_HEADER, VippsTarget, VippsTokenProvider
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession

PAYMENTS = "/epayment/v1/payments"
IDEMPOTENCY_HEADER = "Idempotency-Key"
# Passed as `idempotency_key` to send the request without the header.
OMIT = ""
# api-facts §3.1: the Vipps-System-* headers are optional, at most 30 characters each.
SYSTEM_HEADERS = {"Vipps-System-Name": "cancel-conformance", "Vipps-System-Version": __version__}
# `cancel_payment(..., body=NO_BODY)`: a cancel with no body at all, as spec 1.4.1 and the official SDK send it.
NO_BODY = None


def new_idempotency_key() -> str:
    """A fresh Idempotency-Key: at most 50 characters (api-facts §3.1); the official SDK sends a UUID."""
    return str(uuid.uuid4())


class EpaymentClient:
    """One Vipps merchant's view of an ePayment v1 implementation."""

    def __init__(self, http: HttpSession, target: VippsTarget, tokens: VippsTokenProvider, recorder: Recorder,
                 *, actor: str = "merchant") -> None:
        self._http = http
        self._target = target
        self._tokens = tokens
        self._recorder = recorder
        self.actor = actor

    @property
    def merchant_serial_number(self) -> str:
        return self._tokens.credentials.merchant_serial_number

    def on(self, http: HttpSession, actor: str | None = None) -> EpaymentClient:
        """The same merchant sending through another HTTP session (its own connection)."""
        return EpaymentClient(http, self._target, self._tokens, self._recorder, actor=actor or self.actor)

    def credentials(self) -> dict[str, str]:
        """The headers that authenticate every call: the access token and the subscription key (api-facts §3.1)."""
        return {"Authorization": f"Bearer {self._tokens.token(self._recorder)}",
                SUBSCRIPTION_KEY_HEADER: self._tokens.credentials.subscription_key}

    # Payments

    def create_payment(self, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", PAYMENTS, body, idempotency_key=_key(idempotency_key))

    def get_payment(self, reference: str) -> ApiResult:
        return self._call("GET", f"{PAYMENTS}/{reference}")

    def get_payment_event_log(self, reference: str) -> ApiResult:
        return self._call("GET", f"{PAYMENTS}/{reference}/events")

    def capture_payment(self, reference: str, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", f"{PAYMENTS}/{reference}/capture", body, idempotency_key=_key(idempotency_key))

    def refund_payment(self, reference: str, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", f"{PAYMENTS}/{reference}/refund", body, idempotency_key=_key(idempotency_key))

    def cancel_payment(self, reference: str, body: dict[str, Any] | None = NO_BODY,
                       idempotency_key: str | None = None) -> ApiResult:
        """`body`: NO_BODY, or the optional CancelModificationRequest object (api-facts §3.1)."""
        return self._call("POST", f"{PAYMENTS}/{reference}/cancel", body, idempotency_key=_key(idempotency_key))

    # The test environment's force approve (the customer's stand-in, capability epayment.approve)

    def force_approve(self, reference: str, body: dict[str, Any]) -> ApiResult:
        return self._call("POST", f"/epayment/v1/test/payments/{reference}/approve", body)

    # The wire

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None, *,
              idempotency_key: str | None = None) -> ApiResult:
        # Merchant-Serial-Number is required on every ePayment call (api-facts §3.1).
        headers = {**SYSTEM_HEADERS, MSN_HEADER: self.merchant_serial_number, **self.credentials()}
        if idempotency_key:
            headers[IDEMPOTENCY_HEADER] = idempotency_key
        response = self._http.request(method, self._target.base_url + path, self._recorder, headers=headers,
                                      json_body=body, actor=self.actor)
        return ApiResult.of(response)


def _key(idempotency_key: str | None) -> str | None:
    """None: a fresh key; OMIT: no header at all; anything else: that key."""
    return new_idempotency_key() if idempotency_key is None else idempotency_key
