"""The MobilePay PoS v10 client: one method per operation of `contracts/pos.v10.yaml`."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from cancel_conformance.apis.pos.auth import PosTokenProvider
from cancel_conformance.apis.pos.target import PosTarget
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession

# How a request authenticates: the integrator's token, none at all, or a token the target never issued.
WITH_TOKEN = "token"
NO_TOKEN = "none"
INVALID_TOKEN = "invalid"
# Passed as `idempotency_key` to send the request without the header.
OMIT = ""

SYSTEM_VERSION_HEADER = "X-MobilePay-Client-System-Version"
VAT_HEADER = "X-MobilePay-Merchant-VAT-Number"
IDEMPOTENCY_HEADER = "X-MobilePay-Idempotency-Key"


def new_idempotency_key() -> str:
    """A fresh key; the docs recommend a GUID (api-facts §1.2)."""
    return str(uuid.uuid4())


class PosClient:
    """One integrator's view of a PoS v10 implementation."""

    def __init__(
        self,
        http: HttpSession,
        target: PosTarget,
        tokens: PosTokenProvider,
        recorder: Recorder,
        *,
        merchant_vat: str | None = None,
        actor: str = "merchant",
    ) -> None:
        self._http = http
        self._target = target
        self._tokens = tokens
        self._recorder = recorder
        self._vat = merchant_vat
        self.actor = actor

    def token(self) -> str:
        return self._tokens.token(self._recorder)

    # Stores and points of sale

    def get_stores(self) -> ApiResult:
        return self._call("GET", "/pos/v10/stores")

    def get_store(self, store_id: str) -> ApiResult:
        return self._call("GET", f"/pos/v10/stores/{store_id}")

    def create_pos(self, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", "/pos/v10/pointofsales", body, idempotency_key=_key(idempotency_key))

    def get_pos_with_filter(self, store_id: str | None = None, beacon_id: str | None = None,
                            merchant_pos_id: str | None = None) -> ApiResult:
        query = {"storeId": store_id, "beaconId": beacon_id, "merchantPosId": merchant_pos_id}
        return self._call("GET", "/pos/v10/pointofsales", query=query)

    def get_pos(self, pos_id: str) -> ApiResult:
        return self._call("GET", f"/pos/v10/pointofsales/{pos_id}")

    def delete_pos(self, pos_id: str) -> ApiResult:
        return self._call("DELETE", f"/pos/v10/pointofsales/{pos_id}")

    # Payments

    def initiate_payment(self, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", "/pos/v10/payments", body, idempotency_key=_key(idempotency_key))

    def prepare_payment(self, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", "/pos/v10/payments/prepare", body, idempotency_key=_key(idempotency_key))

    def payment_ready(self, payment_id: str, body: dict[str, Any]) -> ApiResult:
        return self._call("POST", f"/pos/v10/payments/{payment_id}/ready", body)

    def query_payment(self, payment_id: str) -> ApiResult:
        return self._call("GET", f"/pos/v10/payments/{payment_id}")

    def query_payment_ids(
        self, pos_id: str | None = None, order_id: str | None = None, state: str | None = None
    ) -> ApiResult:
        query = {"posId": pos_id, "orderId": order_id, "state": state}
        return self._call("GET", "/pos/v10/payments", query=query)

    def capture_payment(self, payment_id: str, amount: float) -> ApiResult:
        return self._call("POST", f"/pos/v10/payments/{payment_id}/capture", {"amount": amount})

    def cancel_payment(self, payment_id: str, auth: str = WITH_TOKEN) -> ApiResult:
        return self._call("POST", f"/pos/v10/payments/{payment_id}/cancel", auth=auth)

    # Refunds

    def create_refund(self, body: dict[str, Any], idempotency_key: str | None = None) -> ApiResult:
        return self._call("POST", "/pos/v10/refunds", body, idempotency_key=_key(idempotency_key))

    def get_refund(self, refund_id: str) -> ApiResult:
        return self._call("GET", f"/pos/v10/refunds/{refund_id}")

    def query_refund_ids(self, payment_id: str) -> ApiResult:
        return self._call("GET", "/pos/v10/refunds", query={"paymentId": payment_id})

    def capture_refund(self, refund_id: str) -> ApiResult:
        return self._call("POST", f"/pos/v10/refunds/{refund_id}/capture")

    def cancel_refund(self, refund_id: str) -> ApiResult:
        return self._call("POST", f"/pos/v10/refunds/{refund_id}/cancel")

    # The wire

    def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        query: dict[str, str | None] | None = None,
        idempotency_key: str | None = None,
        auth: str = WITH_TOKEN,
    ) -> ApiResult:
        url = self._target.base_url + path + _query_string(query)
        headers = self._headers(auth)
        if idempotency_key:
            headers[IDEMPOTENCY_HEADER] = idempotency_key
        response = self._http.request(method, url, self._recorder, headers=headers, json_body=body, actor=self.actor)
        return ApiResult.of(response)

    def _headers(self, auth: str) -> dict[str, str]:
        # Required on every call: the bearer token and the client system version (api-facts §1.2).
        headers = {SYSTEM_VERSION_HEADER: self._target.client_system_version}
        if self._vat:
            headers[VAT_HEADER] = self._vat
        if auth == WITH_TOKEN:
            headers["Authorization"] = f"Bearer {self.token()}"
        elif auth == INVALID_TOKEN:
            headers["Authorization"] = f"Bearer {uuid.uuid4().hex}"
        return headers


def _key(idempotency_key: str | None) -> str | None:
    """None: a fresh key; OMIT: no header at all; anything else: that key."""
    return new_idempotency_key() if idempotency_key is None else idempotency_key


def _query_string(query: dict[str, str | None] | None) -> str:
    pairs = {name: value for name, value in (query or {}).items() if value is not None}
    return f"?{urlencode(pairs)}" if pairs else ""
