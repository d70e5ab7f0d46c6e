"""The Vipps eCom v2 client: one method per operation of `contracts/ecom.v2.yaml`, named after its operationId."""

from __future__ import annotations

import uuid
from typing import Any

from cancel_conformance import __version__
from cancel_conformance.apis.vipps_merchant import MSN_HEADER, SUBSCRIPTION_KEY_HEADER, VippsTarget, VippsTokenProvider
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession

PAYMENTS = "/ecomm/v2/payments"
REQUEST_ID_HEADER = "X-Request-Id"
# api-facts §2.1: the Vipps-System-* headers are optional, at most 30 characters each.
SYSTEM_HEADERS = {"Vipps-System-Name": "cancel-conformance", "Vipps-System-Version": __version__}


def new_request_id() -> str:
    """A fresh X-Request-Id: "unique for orderId, merchantSerialNumber and endpoint", at most 40 characters."""
    return uuid.uuid4().hex


class EcomClient:
    """One Vipps merchant's view of an eCom v2 implementation."""

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

    def on(self, http: HttpSession, actor: str | None = None) -> EcomClient:
        """The same merchant sending through another HTTP session (its own connection)."""
        return EcomClient(http, self._target, self._tokens, self._recorder, actor=actor or self.actor)

    def credentials(self) -> dict[str, str]:
        """The headers that authenticate every call: the access token and the subscription key (api-facts §2.1)."""
        return {"Authorization": f"Bearer {self._tokens.token(self._recorder)}",
                SUBSCRIPTION_KEY_HEADER: self._tokens.credentials.subscription_key}

    # Payments

    def initiate_payment_v3_using_post(self, body: dict[str, Any]) -> ApiResult:
        return self._call("POST", PAYMENTS, body)

    def capture_payment_using_post(self, order_id: str, body: dict[str, Any],
                                   request_id: str | None = None) -> ApiResult:
        return self._call("POST", f"{PAYMENTS}/{order_id}/capture", body, request_id=request_id or new_request_id())

    def refund_payment_using_post(self, order_id: str, body: dict[str, Any],
                                  request_id: str | None = None) -> ApiResult:
        return self._call("POST", f"{PAYMENTS}/{order_id}/refund", body, request_id=request_id or new_request_id())

    def cancel_payment_request_using_put(self, order_id: str, body: dict[str, Any]) -> ApiResult:
        # X-Request-Id is not declared on cancel (api-facts §2.1), so none is sent.
        return self._call("PUT", f"{PAYMENTS}/{order_id}/cancel", body)

    def get_payment_details_using_get(self, order_id: str) -> ApiResult:
        return self._call("GET", f"{PAYMENTS}/{order_id}/details")

    # The test environment's force approve (the customer's stand-in, capability ecom.approve)

    def integration_test_approve_payment(self, order_id: str, body: dict[str, Any]) -> ApiResult:
        return self._call("POST", f"/ecomm/v2/integration-test/payments/{order_id}/approve", body)

    # The wire

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None, *,
              request_id: str | None = None) -> ApiResult:
        # Merchant-Serial-Number is "optional and recommended" for a merchant acting for itself (api-facts §2.1).
        headers = {**SYSTEM_HEADERS, MSN_HEADER: self.merchant_serial_number, **self.credentials()}
        if request_id:
            headers[REQUEST_ID_HEADER] = request_id
        response = self._http.request(method, self._target.base_url + path, self._recorder, headers=headers,
                                      json_body=body, actor=self.actor)
        return ApiResult.of(response)
