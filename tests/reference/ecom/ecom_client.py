"""A small HTTP client for the eCom part of the reference, with recipes that reach every payment state."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import requests

from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS, DemoMerchant
from tests.reference.vipps_client import KEY as KEY  # the ecom tests send it by name
from tests.reference.vipps_client import VippsMerchant

PAYMENTS = "/ecomm/v2/payments"


def fresh_order_id() -> str:
    return f"order-{uuid.uuid4().hex[:12]}"


class EcomApi(VippsMerchant):
    """One demo merchant talking to one reference server."""

    def __init__(self, base_url: str, merchant: DemoMerchant = DEMO_MERCHANTS[0]) -> None:
        super().__init__(base_url, merchant)

    def call(self, method: str, path: str, *, body: Any = None, headers: dict[str, str] | None = None,
             auth: bool = True) -> requests.Response:
        sent = {**(self.headers if auth else {}), **(headers or {})}
        return self.session.request(method, f"{self.url}{path}", json=body, headers=sent, timeout=5)

    # The API

    def initiate(self, order_id: str | None = None, amount: int = 25000, **merchant_info: Any) -> requests.Response:
        body = {"customerInfo": {"mobileNumber": "48059210"},
                "merchantInfo": {"merchantSerialNumber": self.msn, "callbackPrefix": "https://shop.example/cb",
                                 "fallBack": "https://shop.example/done", **merchant_info},
                "transaction": {"orderId": order_id or fresh_order_id(), "amount": amount,
                                "transactionText": "Two pairs of socks"}}
        return self.call("POST", PAYMENTS, body=body)

    def new_payment(self, amount: int = 25000) -> str:
        reply = self.initiate(amount=amount)
        assert reply.status_code == 200, reply.text
        return str(reply.json()["orderId"])

    def approve(self, order_id: str) -> requests.Response:
        return self.call("POST", f"/ecomm/v2/integration-test/payments/{order_id}/approve",
                         body={"customerPhoneNumber": "48059210"})

    def capture(self, order_id: str, amount: int | None = None, request_id: str | None = None) -> requests.Response:
        return self._money("capture", order_id, amount, request_id)

    def refund(self, order_id: str, amount: int | None = None, request_id: str | None = None) -> requests.Response:
        return self._money("refund", order_id, amount, request_id)

    def cancel(self, order_id: str, release: bool | None = None, body: Any = None) -> requests.Response:
        if body is None:
            body = {"merchantInfo": {"merchantSerialNumber": self.msn}, "transaction": {"transactionText": "No socks"}}
            if release is not None:
                body["shouldReleaseRemainingFunds"] = release
        return self.call("PUT", f"{PAYMENTS}/{order_id}/cancel", body=body)

    def details(self, order_id: str) -> dict[str, Any]:
        reply = self.call("GET", f"{PAYMENTS}/{order_id}/details")
        assert reply.status_code == 200, reply.text
        return reply.json()

    def hook(self, order_id: str, action: str, body: Any = None) -> requests.Response:
        return self.call("POST", f"/simulation/v1/ecom/payments/{order_id}/{action}", body=body)

    def _money(self, action: str, order_id: str, amount: int | None, request_id: str | None) -> requests.Response:
        transaction: dict[str, Any] = {"transactionText": f"{action} text"}
        if amount is not None:
            transaction["amount"] = amount
        body = {"merchantInfo": {"merchantSerialNumber": self.msn}, "transaction": transaction}
        return self.call("POST", f"{PAYMENTS}/{order_id}/{action}", body=body,
                         headers={"X-Request-Id": request_id or uuid.uuid4().hex})

    # Reading and reaching states

    def operations(self, order_id: str) -> list[str]:
        """The successful operations in details, oldest first."""
        log = self.details(order_id)["transactionLogHistory"]
        return [entry["operation"] for entry in reversed(log) if entry["operationSuccess"]]

    def summary(self, order_id: str) -> dict[str, Any]:
        return dict(self.details(order_id)["transactionSummary"])

    def payment_in(self, state: str, amount: int = 25000) -> str:
        """A new payment driven into `state` (a name of ecom/lifecycle.py); its orderId."""
        order_id = self.new_payment(amount)
        for step in RECIPES[state]:
            reply = step(self, order_id)
            assert reply.status_code == 200, (state, reply.text)
        return order_id


Step = Callable[[EcomApi, str], requests.Response]


def _approve(api: EcomApi, order_id: str) -> requests.Response:
    return api.approve(order_id)


def _start_3ds(api: EcomApi, order_id: str) -> requests.Response:
    return api.hook(order_id, "start-3ds")


def _capture_part(api: EcomApi, order_id: str) -> requests.Response:
    return api.capture(order_id, 10000)


RECIPES: dict[str, list[Step]] = {
    "Initiated": [],
    "In3DSecure": [_start_3ds],
    "Reserved": [_approve],
    "ReservedAfter3DSecure": [_start_3ds, lambda api, oid: api.hook(oid, "finish-3ds")],
    "PartlyCaptured": [_approve, _capture_part],
    "Captured": [_approve, lambda api, oid: api.capture(oid)],
    "CancelledByMerchant": [lambda api, oid: api.cancel(oid)],
    "Voided": [_approve, lambda api, oid: api.cancel(oid)],
    "RejectedByCustomer": [lambda api, oid: api.hook(oid, "reject")],
    "Released": [_approve, _capture_part, lambda api, oid: api.cancel(oid, release=True)],
}
