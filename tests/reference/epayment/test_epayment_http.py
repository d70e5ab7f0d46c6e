"""The ePayment part over real HTTP: real clients' headers and bodies, a full flow, the hooks, the wire details."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import requests

from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.ecom.ecom_client import EcomApi
from tests.reference.epayment.epayment_client import AMOUNT, KEY, NO_BODY, PAYMENTS, RECIPES, EpaymentApi, nok
from tests.reference.reference_client import Api

PROBLEM = "application/problem+json"


def problem(reply: requests.Response) -> tuple[int, str | None]:
    """Status and ErrorCode of a Problem answer (asserting its shape and media type)."""
    assert reply.headers["content-type"] == PROBLEM, reply.headers["content-type"]
    body = reply.json()
    assert {"type", "title", "status", "traceId"} <= set(body), body
    assert body["status"] == reply.status_code
    codes = [entry["reason"] for entry in body.get("extraDetails", []) if entry["name"] == "ErrorCode"]
    return reply.status_code, codes[0] if codes else None


def sdk_headers(api: EpaymentApi, with_body: bool = True) -> dict[str, str]:
    """Exactly what the official SDK (2.4.2) sends on every request (api-facts §5)."""
    return {"Content-Type": "application/json", "Authorization": f"Bearer {api.token}",
            "User-Agent": "Vipps/Deno-SDK/npm-module/2.4.1", KEY: api.merchant.subscription_key,
            "Merchant-Serial-Number": api.msn, "Vipps-System-Name": "", "Vipps-System-Version": "",
            "Vipps-System-Plugin-Name": "", "Vipps-System-Plugin-Version": "", "Idempotency-Key": str(uuid.uuid4())}


def sdk(api: EpaymentApi, method: str, path: str, body: Any = None) -> requests.Response:
    data = None if body is None else json.dumps(body)
    return requests.request(method, f"{api.url}{path}", headers=sdk_headers(api), data=data, timeout=5)


def test_the_official_sdk_works_unchanged(epay: EpaymentApi) -> None:
    reference = f"sdk-{uuid.uuid4()}"
    created = sdk(epay, "POST", PAYMENTS, {"amount": nok(AMOUNT), "paymentMethod": {"type": "WALLET"},
                                           "reference": reference, "userFlow": "WEB_REDIRECT",
                                           "returnUrl": "https://shop.example/done"})
    assert created.status_code == 201, created.text
    # A GET with Content-Type, an Idempotency-Key of its own and empty Vipps-System-* headers.
    assert sdk(epay, "GET", f"{PAYMENTS}/{reference}").json()["state"] == "CREATED"
    assert sdk(epay, "POST", f"/epayment/v1/test/payments/{reference}/approve", {}).status_code == 200
    assert sdk(epay, "POST", f"{PAYMENTS}/{reference}/capture", {"modificationAmount": nok(10000)}).status_code == 200
    # The SDK's cancel: no body at all, Content-Type application/json all the same.
    cancelled = sdk(epay, "POST", f"{PAYMENTS}/{reference}/cancel")
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["aggregate"]["cancelledAmount"] == nok(15000)
    events = sdk(epay, "GET", f"{PAYMENTS}/{reference}/events").json()
    assert [event["name"] for event in events] == ["CREATED", "AUTHORIZED", "CAPTURED", "CANCELLED"]


def test_the_woocommerce_cancel_body_is_a_plain_cancel(epay: EpaymentApi) -> None:
    # api-facts §3.1: the official WooCommerce plugin sends {"cancelTransactionOnly": false}.
    for state in ("Created", "Authorized"):
        reference = epay.payment_in(state)
        reply = epay.cancel(reference, body={"cancelTransactionOnly": False})
        assert reply.status_code == 200, reply.text
        assert reply.json()["aggregate"]["cancelledAmount"] == nok(AMOUNT)


def test_an_ecom_access_token_works_on_epayment(reference: ReferenceServer) -> None:
    ecom = EcomApi(reference.url, DEMO_MERCHANTS[1])
    headers = {**ecom.headers, "Merchant-Serial-Number": ecom.msn, "Idempotency-Key": str(uuid.uuid4())}
    body = {"amount": nok(AMOUNT), "paymentMethod": {"type": "WALLET"}, "reference": f"ecom-{uuid.uuid4().hex}",
            "userFlow": "QR"}
    created = requests.post(f"{reference.url}{PAYMENTS}", json=body, headers=headers, timeout=5)
    assert created.status_code == 201, created.text
    assert created.json()["redirectUrl"].startswith("https://qr.reference.invalid/")


def test_full_flow(epay: EpaymentApi) -> None:
    reference = epay.new_payment()
    assert epay.approve(reference, body={"customer": {"phoneNumber": "4791234567"}}).content == b""
    assert epay.capture(reference, 10000).json()["aggregate"]["capturedAmount"] == nok(10000)
    assert epay.refund(reference, 4000).json()["aggregate"]["refundedAmount"] == nok(4000)
    cancelled = epay.cancel(reference)
    assert (cancelled.headers["content-type"], cancelled.json()["state"]) == ("application/json", "AUTHORIZED")
    assert epay.aggregate(reference) == {"authorized": AMOUNT, "cancelled": 15000, "captured": 10000,
                                         "refunded": 4000}
    events = epay.events(reference)
    assert [(event["name"], event["amount"]["value"]) for event in events] == [
        ("CREATED", AMOUNT), ("AUTHORIZED", AMOUNT), ("CAPTURED", 10000), ("REFUNDED", 4000), ("CANCELLED", 15000)]
    assert events[1]["idempotencyKey"] is None
    assert all(event["success"] and event["reference"] == reference for event in events)


@pytest.mark.parametrize("state", sorted(RECIPES))
def test_every_state_is_reachable_over_http(epay: EpaymentApi, state: str) -> None:
    reference = epay.payment_in(state)
    expected = {"Created": "CREATED", "Authorizing": "CREATED", "Aborted": "ABORTED", "Expired": "EXPIRED",
                "Terminated": "TERMINATED"}
    assert epay.state(reference) == expected.get(state, "AUTHORIZED")


@pytest.mark.parametrize(("state", "body", "answer"), [
    ("Created", NO_BODY, (200, "TERMINATED")),
    ("Created", {"cancelTransactionOnly": True}, (200, "TERMINATED")),
    ("Authorized", {}, (200, "CANCELLED")),
    ("AuthorizedAfter3DSecure", NO_BODY, (200, "CANCELLED")),
    ("Authorized", {"cancelTransactionOnly": True}, (400, "6060")),
    ("Authorizing", NO_BODY, (423, "6250")),
    ("Captured", NO_BODY, (400, "6040")),
    ("Aborted", NO_BODY, (400, "6050")),
    ("Expired", NO_BODY, (400, "6050")),
    ("Terminated", NO_BODY, (400, "6050")),
    ("Cancelled", NO_BODY, (400, "6190")),
    ("Released", {"cancelTransactionOnly": False}, (400, "6190")),
])
def test_cancel_by_state(epay: EpaymentApi, state: str, body: Any, answer: tuple) -> None:
    reference = epay.payment_in(state)
    before = (epay.state(reference), epay.aggregate(reference), epay.names(reference))
    reply = epay.cancel(reference, body=body)
    if reply.status_code == 200:
        assert (200, epay.names(reference)[-1]) == answer
    else:
        assert problem(reply) == answer
        assert (epay.state(reference), epay.aggregate(reference), epay.names(reference)) == before


def test_a_cancel_body_that_is_not_an_object_is_refused(epay: EpaymentApi) -> None:
    reference = epay.payment_in("Authorized")
    for body in ([], "cancel", 1):
        assert problem(epay.cancel(reference, body=body)) == (400, None)
    assert epay.aggregate(reference)["cancelled"] == 0


def test_cancelled_payments_cannot_be_captured_or_refunded(epay: EpaymentApi) -> None:
    for state, code in (("Terminated", "6070"), ("Cancelled", "6070"), ("Released", "6070")):
        reference = epay.payment_in(state)
        assert problem(epay.capture(reference, 100)) == (400, code)
    reference = epay.payment_in("Cancelled")
    assert problem(epay.refund(reference, 100)) == (400, "6150")
    assert epay.aggregate(reference)["refunded"] == 0


def test_a_retry_with_the_same_key_gets_exactly_the_first_answer(epay: EpaymentApi) -> None:
    reference = epay.payment_in("Authorized")
    first, again = epay.cancel(reference, key="retry-1"), epay.cancel(reference, key="retry-1")
    assert (again.status_code, again.content) == (first.status_code, first.content)
    refused, refused_again = epay.cancel(reference, key="retry-2"), epay.cancel(reference, key="retry-2")
    assert (refused_again.status_code, refused_again.content) == (refused.status_code, refused.content)
    assert epay.names(reference).count("CANCELLED") == 1
    assert epay.aggregate(reference)["cancelled"] == AMOUNT


def test_a_retried_create_creates_one_payment(epay: EpaymentApi) -> None:
    reference = f"retry-{uuid.uuid4().hex}"
    first, again = epay.create(reference, key="create-1"), epay.create(reference, key="create-1")
    assert (first.status_code, again.content) == (201, first.content)
    assert problem(epay.create(reference)) == (409, "4150")
    assert epay.names(reference) == ["CREATED"]


def test_a_key_reused_for_another_request_is_refused_with_409(epay: EpaymentApi) -> None:
    first, second = epay.payment_in("Authorized"), epay.payment_in("Authorized")
    assert epay.cancel(first, key="shared").status_code == 200
    assert problem(epay.cancel(second, key="shared")) == (409, "4020")
    assert problem(epay.cancel(first, body={}, key="shared")) == (409, "4020")
    assert epay.aggregate(second)["cancelled"] == 0


@pytest.mark.parametrize("operation", ["create", "capture", "refund", "cancel"])
def test_the_idempotency_key_is_required(epay: EpaymentApi, operation: str) -> None:
    reference = epay.payment_in("PartlyCaptured")
    path = PAYMENTS if operation == "create" else f"{PAYMENTS}/{reference}/{operation}"
    body = {"modificationAmount": nok(100)} if operation in ("capture", "refund") else NO_BODY
    reply = epay.call("POST", path, body=body)
    assert problem(reply) == (400, None)
    assert reply.json()["extraDetails"] == [{"name": "Idempotency-Key",
                                             "reason": "The Idempotency-Key header is required"}]
    assert epay.aggregate(reference) == {"authorized": AMOUNT, "cancelled": 0, "captured": 10000, "refunded": 0}


def test_unknown_and_other_merchants_references(epay: EpaymentApi, other_epay: EpaymentApi) -> None:
    mine = epay.new_payment()
    for api, reference in ((epay, "never-created"), (other_epay, mine)):
        assert problem(api.cancel(reference)) == (404, "5090")
        assert problem(api.call("GET", f"{PAYMENTS}/{reference}")) == (404, "5090")
        assert problem(api.call("GET", f"{PAYMENTS}/{reference}/events")) == (404, "5090")
        assert problem(api.hook(reference, "abort")) == (404, "5090")
    assert epay.state(mine) == "CREATED"


@pytest.mark.parametrize(("headers", "auth"), [
    ({}, False),
    ({KEY: DEMO_MERCHANTS[0].subscription_key}, False),
    ({"Authorization": "Bearer forged"}, True),
    ({KEY: DEMO_MERCHANTS[1].subscription_key}, True),
    ({KEY: "forged"}, True),
])
def test_every_call_needs_the_token_and_the_subscription_key(epay: EpaymentApi, headers: dict[str, str],
                                                             auth: bool) -> None:
    reference = epay.payment_in("Authorized")
    calls = [("POST", f"{PAYMENTS}/{reference}/cancel"), ("GET", f"{PAYMENTS}/{reference}"),
             ("GET", f"{PAYMENTS}/{reference}/events"), ("POST", f"/simulation/v1/epayment/payments/{reference}/age")]
    for method, path in calls:
        reply = epay.call(method, path, headers={"Merchant-Serial-Number": epay.msn, **headers}, auth=auth,
                          key="k")
        assert (reply.status_code, set(reply.json())) == (401, {"statusCode", "message"})
    assert epay.aggregate(reference)["cancelled"] == 0


def test_a_pos_token_opens_nothing_on_epayment(reference: ReferenceServer, epay: EpaymentApi) -> None:
    pos = Api(reference.url)
    headers = {"Authorization": pos.headers["Authorization"], KEY: epay.merchant.subscription_key,
               "Merchant-Serial-Number": epay.msn}
    assert epay.call("GET", f"{PAYMENTS}/never-created", headers=headers, auth=False).status_code == 401


def test_the_merchant_serial_number_is_required_and_must_be_the_tokens(epay: EpaymentApi) -> None:
    reference = epay.new_payment()
    path = f"{PAYMENTS}/{reference}"
    assert problem(epay.call("GET", path, headers={"Merchant-Serial-Number": "654321"})) == (403, None)
    assert problem(epay.call("GET", path, headers={"Merchant-Serial-Number": "12"})) == (400, None)
    without = {name: value for name, value in epay.headers.items() if name != "Merchant-Serial-Number"}
    assert problem(epay.call("GET", path, headers=without, auth=False)) == (400, None)


def test_routing_errors_are_problems(epay: EpaymentApi) -> None:
    assert problem(epay.call("GET", f"{PAYMENTS}/a/b/c")) == (404, None)
    assert problem(epay.call("GET", f"{PAYMENTS}/short")) == (400, None)
    wrong_method = epay.call("GET", f"{PAYMENTS}/{'x' * 10}/cancel")
    assert problem(wrong_method) == (405, None)
    assert wrong_method.headers["allow"] == "POST"


def test_hooks(epay: EpaymentApi) -> None:
    reference = epay.new_payment()
    aborted = epay.hook(reference, "abort")
    assert (aborted.status_code, aborted.headers["content-type"]) == (200, "application/json")
    assert aborted.json()["state"] == "ABORTED"
    assert problem(epay.hook(reference, "abort")) == (409, None)
    assert problem(epay.approve(reference)) == (409, "10020")
    assert epay.names(reference) == ["CREATED", "ABORTED"]
    aged = epay.hook(reference, "age", body={"days": 181, "hours": 1})
    assert aged.status_code == 200
    assert problem(epay.hook(reference, "age", body={"hours": 1})) == (400, None)
    assert problem(epay.hook(reference, "age", body={"days": -1})) == (400, None)
    expired = epay.new_payment()
    assert epay.hook(expired, "expire").json()["state"] == "EXPIRED"
    authorizing = epay.new_payment()
    assert epay.hook(authorizing, "start-3ds").json()["state"] == "CREATED"
    assert epay.hook(authorizing, "finish-3ds").json()["aggregate"]["authorizedAmount"] == nok(AMOUNT)


def test_the_age_limit_over_http(epay: EpaymentApi) -> None:
    allowed, refused = epay.payment_in("Authorized"), epay.payment_in("Authorized")
    epay.hook(allowed, "age", body={"days": 179, "hours": 23})
    epay.hook(refused, "age", body={"days": 180, "hours": 1})
    assert epay.cancel(allowed).status_code == 200
    assert problem(epay.cancel(refused)) == (400, "6030")
    assert epay.aggregate(refused)["cancelled"] == 0


def test_capabilities_list_the_epayment_hooks(reference: ReferenceServer) -> None:
    names = requests.get(f"{reference.url}/simulation/v1/capabilities", timeout=5).json()["capabilities"]
    assert {"epayment.approve", "epayment.user", "epayment.expire", "epayment.3ds", "epayment.age"} <= set(names)
