"""A small HTTP client for the ePayment part of the reference, with recipes that reach every payment state."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import requests

from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS, DemoMerchant
from tests.reference.vipps_client import KEY as KEY  # the epayment tests send it by name
from tests.reference.vipps_client import VippsMerchant

PAYMENTS = "/epayment/v1/payments"
AMOUNT = 25000
PART = 10000
NO_BODY = object()  # a cancel without a body, as the official SDK sends it


def fresh_reference() -> str:
    return f"ref-{uuid.uuid4().hex[:12]}"


def nok(value: int) -> dict[str, Any]:
    return {"currency": "NOK", "value": value}


class EpaymentApi(VippsMerchant):
    """One demo merchant talking to one reference server; every call names its merchant serial number."""

    def __init__(self, base_url: str, merchant: DemoMerchant = DEMO_MERCHANTS[0]) -> None:
        super().__init__(base_url, merchant)
        self.headers["Merchant-Serial-Number"] = self.msn

    def call(self, method: str, path: str, *, body: Any = NO_BODY, headers: dict[str, str] | None = None,
             auth: bool = True, key: str | None = None) -> requests.Response:
        """One request; `key` is sent as the Idempotency-Key (none when None)."""
        sent = {**(self.headers if auth else {}), **({"Idempotency-Key": key} if key else {}), **(headers or {})}
        kwargs: dict[str, Any] = {} if body is NO_BODY else {"json": body}
        return self.session.request(method, f"{self.url}{path}", headers=sent, timeout=5, **kwargs)

    # The API

    def create(self, reference: str | None = None, amount: int = AMOUNT, key: str | None = None,
               **fields: Any) -> requests.Response:
        body = {"amount": nok(amount), "paymentMethod": {"type": "WALLET"}, "reference": reference or fresh_reference(),
                "userFlow": "WEB_REDIRECT", "returnUrl": "https://shop.example/done", **fields}
        return self.call("POST", PAYMENTS, body=body, key=key or str(uuid.uuid4()))

    def new_payment(self, amount: int = AMOUNT) -> str:
        reply = self.create(amount=amount)
        assert reply.status_code == 201, reply.text
        return str(reply.json()["reference"])

    def approve(self, reference: str, body: Any = NO_BODY) -> requests.Response:
        return self.call("POST", f"/epayment/v1/test/payments/{reference}/approve", body=body)

    def capture(self, reference: str, value: int | None = None, key: str | None = None) -> requests.Response:
        return self._money("capture", reference, value, key)

    def refund(self, reference: str, value: int, key: str | None = None) -> requests.Response:
        return self._money("refund", reference, value, key)

    def cancel(self, reference: str, body: Any = NO_BODY, key: str | None = None) -> requests.Response:
        return self.call("POST", f"{PAYMENTS}/{reference}/cancel", body=body, key=key or str(uuid.uuid4()))

    def payment(self, reference: str) -> dict[str, Any]:
        reply = self.call("GET", f"{PAYMENTS}/{reference}")
        assert reply.status_code == 200, reply.text
        return dict(reply.json())

    def events(self, reference: str) -> list[dict[str, Any]]:
        reply = self.call("GET", f"{PAYMENTS}/{reference}/events")
        assert reply.status_code == 200, reply.text
        return list(reply.json())

    def hook(self, reference: str, action: str, body: Any = NO_BODY) -> requests.Response:
        return self.call("POST", f"/simulation/v1/epayment/payments/{reference}/{action}", body=body)

    def _money(self, action: str, reference: str, value: int | None, key: str | None) -> requests.Response:
        body = {"modificationAmount": nok(AMOUNT if value is None else value)}
        return self.call("POST", f"{PAYMENTS}/{reference}/{action}", body=body, key=key or str(uuid.uuid4()))

    # Reading and reaching states

    def names(self, reference: str) -> list[str]:
        """The names of the successful events, oldest first."""
        return [event["name"] for event in self.events(reference) if event["success"]]

    def aggregate(self, reference: str) -> dict[str, int]:
        """The aggregate's values: authorized, cancelled, captured, refunded."""
        aggregate = self.payment(reference)["aggregate"]
        return {name.removesuffix("Amount"): amount["value"] for name, amount in aggregate.items()}

    def state(self, reference: str) -> str:
        return str(self.payment(reference)["state"])

    def payment_in(self, state: str, amount: int = AMOUNT) -> str:
        """A new payment driven into `state` (a name of epayment/lifecycle.py); its reference."""
        reference = self.new_payment(amount)
        for step in RECIPES[state]:
            reply = step(self, reference)
            assert reply.status_code == 200, (state, reply.text)
        return reference


Step = Callable[[EpaymentApi, str], requests.Response]


def _hook(action: str) -> Step:
    return lambda api, reference: api.hook(reference, action)


def _approve(api: EpaymentApi, reference: str) -> requests.Response:
    return api.approve(reference)


def _capture_part(api: EpaymentApi, reference: str) -> requests.Response:
    return api.capture(reference, PART)


def _cancel(api: EpaymentApi, reference: str) -> requests.Response:
    return api.cancel(reference)


RECIPES: dict[str, list[Step]] = {
    "Created": [],
    "Authorizing": [_hook("start-3ds")],
    "Aborted": [_hook("abort")],
    "Expired": [_hook("expire")],
    "Terminated": [_cancel],
    "Authorized": [_approve],
    "AuthorizedAfter3DSecure": [_hook("start-3ds"), _hook("finish-3ds")],
    "PartlyCaptured": [_approve, _capture_part],
    "Captured": [_approve, lambda api, reference: api.capture(reference)],
    "Cancelled": [_approve, _cancel],
    "Released": [_approve, _capture_part, _cancel],
}
