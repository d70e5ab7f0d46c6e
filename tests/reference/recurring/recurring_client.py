"""A small HTTP client for the Recurring part of the reference, with recipes that reach every charge state."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS, DemoMerchant

AGREEMENTS = "/recurring/v3/agreements"
KEY = "Ocp-Apim-Subscription-Key"
IDEMPOTENCY = "Idempotency-Key"
PROBLEMS = "https://developer.vippsmobilepay.com/docs/APIs/recurring-api/recurring-api-problems#"
AMOUNT = 30000


def due_in(days: int = 7) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def draft(**fields: Any) -> dict[str, Any]:
    """A minimal DraftAgreementV3."""
    return {"pricing": {"amount": 29900, "currency": "NOK"}, "interval": {"unit": "MONTH", "count": 1},
            "merchantRedirectUrl": "https://paper.example/return", "merchantAgreementUrl": "https://paper.example/me",
            "productName": "Weekend paper", **fields}


def charge_body(amount: int = AMOUNT, kind: str = "RESERVE_CAPTURE", **fields: Any) -> dict[str, Any]:
    """A minimal CreateChargeV3."""
    return {"amount": amount, "transactionType": kind, "description": "Weekend paper", "due": due_in(),
            "retryDays": 2, **fields}


class RecurringApi:
    """One demo merchant talking to one reference server; every answer it got is kept in `replies`."""

    def __init__(self, base_url: str, merchant: DemoMerchant = DEMO_MERCHANTS[0]) -> None:
        self.url = base_url
        self.merchant = merchant
        self.session = requests.Session()
        self.replies: list[requests.Response] = []
        reply = self.session.post(f"{base_url}/accesstoken/get", timeout=5, headers={
            "client_id": merchant.client_id, "client_secret": merchant.client_secret, KEY: merchant.subscription_key})
        reply.raise_for_status()
        self.token = reply.json()["access_token"]
        self.headers = {"Authorization": f"Bearer {self.token}", KEY: merchant.subscription_key}

    def call(self, method: str, path: str, *, body: Any = None, key: str | None = "fresh",
             headers: dict[str, str] | None = None, auth: bool = True) -> requests.Response:
        """A request; `key` "fresh" sends a new Idempotency-Key on a modifying call, None none at all."""
        sent = dict(self.headers if auth else {})
        if key is not None and method in ("POST", "PATCH", "DELETE"):
            sent[IDEMPOTENCY] = str(uuid.uuid4()) if key == "fresh" else key
        sent.update(headers or {})
        reply = self.session.request(method, f"{self.url}{path}", json=body, headers=sent, timeout=5)
        self.replies.append(reply)
        return reply

    # The API

    def create_agreement(self, **fields: Any) -> requests.Response:
        return self.call("POST", AGREEMENTS, body=draft(**fields))

    def agreement(self, agreement_id: str) -> requests.Response:
        return self.call("GET", f"{AGREEMENTS}/{agreement_id}")

    def accept(self, agreement_id: str, key: str = "fresh") -> requests.Response:
        return self.call("PATCH", f"{AGREEMENTS}/{agreement_id}/accept", body={"phoneNumber": "4791234567"}, key=key)

    def stop(self, agreement_id: str, key: str = "fresh") -> requests.Response:
        return self.call("PATCH", f"{AGREEMENTS}/{agreement_id}", body={"status": "STOPPED"}, key=key)

    def create_charge(self, agreement_id: str, key: str = "fresh", **fields: Any) -> requests.Response:
        return self.call("POST", f"{AGREEMENTS}/{agreement_id}/charges", body=charge_body(**fields), key=key)

    def charges(self, agreement_id: str, status: str | None = None) -> requests.Response:
        query = f"?status={status}" if status else ""
        return self.call("GET", f"{AGREEMENTS}/{agreement_id}/charges{query}")

    def cancel(self, agreement_id: str, charge_id: str, key: str | None = "fresh") -> requests.Response:
        return self.call("DELETE", f"{AGREEMENTS}/{agreement_id}/charges/{charge_id}", key=key)

    def capture(self, agreement_id: str, charge_id: str, amount: int, key: str = "fresh") -> requests.Response:
        return self.call("POST", f"{AGREEMENTS}/{agreement_id}/charges/{charge_id}/capture", key=key,
                         body={"amount": amount, "description": "Delivered"})

    def refund(self, agreement_id: str, charge_id: str, amount: int, key: str = "fresh") -> requests.Response:
        return self.call("POST", f"{AGREEMENTS}/{agreement_id}/charges/{charge_id}/refund", key=key,
                         body={"amount": amount, "description": "Not delivered"})

    def hook(self, agreement_id: str, charge_id: str, action: str, body: Any = None) -> requests.Response:
        return self.call("POST", f"/simulation/v1/recurring/agreements/{agreement_id}/charges/{charge_id}/{action}",
                         body=body, key=None)

    # Reading and reaching states

    def read(self, agreement_id: str, charge_id: str) -> dict[str, Any]:
        reply = self.call("GET", f"{AGREEMENTS}/{agreement_id}/charges/{charge_id}")
        assert reply.status_code == 200, reply.text
        return reply.json()

    def status(self, agreement_id: str, charge_id: str) -> str:
        return str(self.read(agreement_id, charge_id)["status"])

    def events(self, agreement_id: str, charge_id: str) -> list[str]:
        """The successful events in the charge's history, oldest first."""
        return [entry["event"] for entry in self.read(agreement_id, charge_id)["history"] if entry["success"]]

    def summary(self, agreement_id: str, charge_id: str) -> dict[str, Any]:
        return dict(self.read(agreement_id, charge_id)["summary"])

    def new_agreement(self, *, active: bool = True) -> str:
        reply = self.create_agreement()
        assert reply.status_code == 201, reply.text
        agreement_id = str(reply.json()["agreementId"])
        if active:
            accepted = self.accept(agreement_id)
            assert accepted.status_code == 204, accepted.text
        return agreement_id

    def new_charge(self, agreement_id: str | None = None, **fields: Any) -> tuple[str, str]:
        agreement_id = agreement_id or self.new_agreement()
        reply = self.create_charge(agreement_id, **fields)
        assert reply.status_code == 201, reply.text
        return agreement_id, str(reply.json()["chargeId"])

    def charge_in(self, state: str, agreement_id: str | None = None, kind: str = "RESERVE_CAPTURE") -> tuple[str, str]:
        """A new charge driven into `state` (a ChargeStatus); its agreement and charge ids."""
        ids = self.new_charge(agreement_id, kind="DIRECT_CAPTURE" if state == "CHARGED_DIRECTLY" else kind)
        for step in RECIPES[state]:
            reply = step(self, *ids)
            assert reply.status_code in (200, 204), (state, reply.text)
        return ids


Step = Callable[[RecurringApi, str, str], requests.Response]


def _hook(action: str) -> Step:
    return lambda api, agreement_id, charge_id: api.hook(agreement_id, charge_id, action)


def _capture(amount: int) -> Step:
    return lambda api, agreement_id, charge_id: api.capture(agreement_id, charge_id, amount)


def _refund(amount: int) -> Step:
    return lambda api, agreement_id, charge_id: api.refund(agreement_id, charge_id, amount)


RESERVED = [_hook("due"), _hook("reserve")]
CHARGED = [*RESERVED, _capture(AMOUNT)]
RECIPES: dict[str, list[Step]] = {
    "PENDING": [],
    "DUE": [_hook("due")],
    "PROCESSING": [_hook("due"), _hook("process")],
    "RESERVED": RESERVED,
    "PARTIALLY_CAPTURED": [*RESERVED, _capture(10000)],
    "CHARGED": CHARGED,
    "CHARGED_DIRECTLY": [_hook("due"), _hook("charge")],
    "FAILED": [_hook("due"), _hook("fail")],
    "CANCELLED": [lambda api, agreement_id, charge_id: api.cancel(agreement_id, charge_id)],
    "PARTIALLY_REFUNDED": [*CHARGED, _refund(5000)],
    "REFUNDED": [*CHARGED, _refund(AMOUNT)],
}
# The states a merchant's DELETE changes nothing on (RECUR_CAN_02), and PROCESSING (api-facts §4.2).
UNCANCELLABLE = ("CHARGED", "FAILED", "REFUNDED", "PARTIALLY_REFUNDED", "CANCELLED", "PROCESSING")


def problem(reply: requests.Response) -> tuple[int, str]:
    """Status and problem identifier of a problem answer (asserting its shape)."""
    assert reply.headers["content-type"] == "application/json;charset=UTF-8", reply.headers
    body = reply.json()
    assert body["type"].startswith(PROBLEMS), body
    assert body["status"] == reply.status_code, body
    assert {"type", "title", "status", "detail", "instance", "contextId"} <= set(body), body
    return reply.status_code, body["type"].removeprefix(PROBLEMS)
