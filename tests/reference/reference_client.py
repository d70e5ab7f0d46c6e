"""A small HTTP client for the reference implementation's tests, with recipes that reach every state."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import requests

from cancel_conformance.reference.accounts import DEMO_INTEGRATORS, DemoIntegrator

VERSION = "X-MobilePay-Client-System-Version"
KEY = "X-MobilePay-Idempotency-Key"
PHONE = "+4512345678"


class Api:
    """One integrator talking to one reference server, with recipes that reach every state."""

    def __init__(self, base_url: str, integrator: DemoIntegrator = DEMO_INTEGRATORS[0]) -> None:
        self.url = base_url
        self.session = requests.Session()
        self.integrator = integrator
        reply = self.session.post(f"{base_url}/integrator-authentication/connect/token",
                                  auth=(integrator.client_id, integrator.client_secret),
                                  data={"grant_type": "client_credentials"}, timeout=5)
        reply.raise_for_status()
        self.headers = {"Authorization": f"Bearer {reply.json()['access_token']}", VERSION: "1.0.0",
                        "X-MobilePay-Merchant-VAT-Number": integrator.merchant_vat}

    def call(self, method: str, path: str, *, body: Any = None, key: str | None = None,
             headers: dict[str, str] | None = None, auth: bool = True, **params: str) -> requests.Response:
        sent = dict(self.headers if auth else {VERSION: "1.0.0"})
        if key is not None:
            sent[KEY] = key
        sent.update(headers or {})
        return self.session.request(method, f"{self.url}{path}", json=body, headers=sent, params=params or None,
                                    timeout=5)

    # Points of sale and payments

    def new_pos(self) -> tuple[str, str]:
        """A fresh point of sale in the merchant's first store: (posId, beaconId)."""
        store = self.call("GET", "/pos/v10/stores").json()["storeIds"][0]
        body = {"merchantPosId": f"till-{uuid.uuid4()}", "storeId": store, "name": "Till",
                "supportedBeaconTypes": ["QR"]}
        pos_id = self.call("POST", "/pos/v10/pointofsales", body=body, key=fresh_key()).json()["posId"]
        return pos_id, self.call("GET", f"/pos/v10/pointofsales/{pos_id}").json()["beaconId"]

    def initiate(self, pos_id: str, *, amount: float = 100, order_id: str = "order-1",
                 key: str | None = None, **extra: Any) -> requests.Response:
        body = {"posId": pos_id, "orderId": order_id, "amount": amount, "currencyCode": "DKK",
                "plannedCaptureDelay": "None", **extra}
        return self.call("POST", "/pos/v10/payments", body=body, key=key or fresh_key())

    def user(self, hook: str, beacon: str) -> requests.Response:
        body = {"beaconId": beacon} if hook == "cancelpaymentbyuser" else {"beaconId": beacon, "phoneNumber": PHONE}
        return self.call("POST", f"/pos/app/usersimulation/{hook}", body=body)

    def payment_in(self, state: str) -> str:
        """A new payment (on its own point of sale) driven into `state`; its id."""
        payment_id, _ = self.payment_with_beacon(state)
        return payment_id

    def payment_with_beacon(self, state: str) -> tuple[str, str]:
        pos_id, beacon = self.new_pos()
        if state in ("Prepared", "Paired"):
            reply = self.call("POST", "/pos/v10/payments/prepare", body={"posId": pos_id, "orderId": "o"},
                              key=fresh_key())
        else:
            reply = self.initiate(pos_id)
        payment_id = reply.json()["paymentId"]
        for step in PAYMENT_RECIPES[state]:
            assert step(self, payment_id, beacon).status_code == 200, (state, step)
        assert self.status(payment_id) == state
        return payment_id, beacon

    def status(self, payment_id: str) -> str:
        return self.call("GET", f"/pos/v10/payments/{payment_id}").json()["status"]

    # Refunds

    def refund_in(self, state: str, *, amount: float = 40) -> str:
        """A new refund of a new captured payment, driven into `state`; its id."""
        payment_id = self.payment_in("Captured")
        refund_id = self.refund(payment_id, amount).json()["refundId"]
        for step in REFUND_RECIPES[state]:
            assert step(self, refund_id).status_code == 200, (state, step)
        assert self.refund_status(refund_id) == state
        return refund_id

    def refund(self, payment_id: str, amount: float, key: str | None = None) -> requests.Response:
        body = {"paymentId": payment_id, "refundOrderId": "refund-1", "amount": amount, "currencyCode": "DKK"}
        return self.call("POST", "/pos/v10/refunds", body=body, key=key or fresh_key())

    def refund_status(self, refund_id: str) -> str:
        return self.call("GET", f"/pos/v10/refunds/{refund_id}").json()["status"]


def fresh_key() -> str:
    return str(uuid.uuid4())


Step = Callable[[Api, str, str], requests.Response]

PAYMENT_RECIPES: dict[str, list[Step]] = {
    "Prepared": [],
    "Initiated": [],
    "Paired": [lambda api, pid, beacon: api.user("checkin", beacon)],
    "IssuedToUser": [lambda api, pid, beacon: api.user("checkin", beacon)],
}
PAYMENT_RECIPES["Reserved"] = [*PAYMENT_RECIPES["IssuedToUser"],
                               lambda api, pid, beacon: api.user("acceptpayment", beacon)]
PAYMENT_RECIPES["Captured"] = [*PAYMENT_RECIPES["Reserved"],
                               lambda api, pid, beacon: api.call("POST", f"/pos/v10/payments/{pid}/capture",
                                                                 body={"amount": 100})]
PAYMENT_RECIPES["ExpiredAndCancelled"] = [*PAYMENT_RECIPES["Reserved"],
                                          lambda api, pid, beacon: api.call(
                                              "POST", f"/simulation/v1/pos/payments/{pid}/expire")]
PAYMENT_RECIPES["CancelledByClient"] = [lambda api, pid, beacon: api.call("POST", f"/pos/v10/payments/{pid}/cancel")]
PAYMENT_RECIPES["CancelledByUser"] = [*PAYMENT_RECIPES["IssuedToUser"],
                                      lambda api, pid, beacon: api.user("cancelpaymentbyuser", beacon)]
PAYMENT_RECIPES["CancelledByMobilePay"] = [lambda api, pid, beacon: api.call(
    "POST", f"/simulation/v1/pos/payments/{pid}/cancel-by-mobilepay")]

RefundStep = Callable[[Api, str], requests.Response]


def _sim(action: str) -> RefundStep:
    return lambda api, rid: api.call("POST", f"/simulation/v1/pos/refunds/{rid}/{action}")


def _client(action: str) -> RefundStep:
    return lambda api, rid: api.call("POST", f"/pos/v10/refunds/{rid}/{action}")


REFUND_RECIPES: dict[str, list[RefundStep]] = {
    "Initiated": [],
    "Reserved": [_sim("reserve")],
    "Captured": [_sim("reserve"), _client("capture")],
    "ExpiredAndCaptured": [_sim("reserve"), _sim("expire")],
    "CancelledByClient": [_client("cancel")],
    "CancelledByMobilePay": [_sim("cancel-by-mobilepay")],
}
