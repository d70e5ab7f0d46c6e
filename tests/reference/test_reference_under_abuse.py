"""The reference under abuse: malformed JSON, wrong types, unknown fields, oversized bodies and missing
headers get a documented 4xx on every body-taking endpoint of both APIs, never a 5xx."""

from __future__ import annotations

import uuid

import pytest
import requests

from cancel_conformance.reference.server import ReferenceServer
from tests.reference.ecom.ecom_client import EcomApi
from tests.reference.reference_client import KEY, Api

OVERSIZED = b'{"padding": "' + b"x" * (2 * 1024 * 1024) + b'"}'
ABUSES = {
    "malformed JSON": (b'{"orderId": ', "application/json"),
    "not an object": (b"[1, 2, 3]", "application/json"),
    "wrong types": (b'{"posId": 5, "orderId": [], "amount": "many", "merchantInfo": 7, "transaction": "x"}',
                    "application/json"),
    "unknown fields only": (b'{"surprise": {"deeply": ["nested"]}}', "application/json"),
    "oversized": (OVERSIZED, "application/json"),
    "not JSON at all": (b"\xff\xfe\x00garbage", "text/plain"),
}
PAYMENT = "5b2f2f5e-1111-4c4c-8a8a-000000000001"
POS_ENDPOINTS = ["/pos/v10/payments", "/pos/v10/payments/prepare", "/pos/v10/pointofsales", "/pos/v10/refunds",
                 f"/pos/v10/payments/{PAYMENT}/capture", f"/pos/v10/payments/{PAYMENT}/ready",
                 "/pos/app/usersimulation/checkin"]
ECOM_ENDPOINTS = ["/ecomm/v2/payments", "/ecomm/v2/payments/{order}/capture", "/ecomm/v2/payments/{order}/refund",
                  "/ecomm/v2/payments/{order}/approve"]


def _send(session: requests.Session, method: str, url: str, headers: dict[str, str], body: bytes,
          content_type: str) -> int:
    return session.request(method, url, data=body, headers={**headers, "Content-Type": content_type},
                           timeout=10).status_code


@pytest.mark.parametrize("abuse", sorted(ABUSES))
@pytest.mark.parametrize("path", POS_ENDPOINTS)
def test_pos_bodies_that_are_not_requests_get_a_4xx(reference: ReferenceServer, path: str, abuse: str) -> None:
    api = Api(reference.url)
    body, content_type = ABUSES[abuse]
    status = _send(api.session, "POST", f"{reference.url}{path}", {**api.headers, KEY: str(uuid.uuid4())},
                   body, content_type)
    assert 400 <= status < 500, (path, abuse, status)


@pytest.mark.parametrize("abuse", sorted(ABUSES))
@pytest.mark.parametrize("path", ECOM_ENDPOINTS)
def test_ecom_bodies_that_are_not_requests_get_a_4xx(reference: ReferenceServer, path: str, abuse: str) -> None:
    api = EcomApi(reference.url)
    order = api.new_payment()
    url = f"{reference.url}{path.format(order=order)}".replace("/payments/" + order + "/approve",
                                                                "/integration-test/payments/" + order + "/approve")
    headers = {**api.headers, "X-Request-Id": str(uuid.uuid4())}
    status = _send(api.session, "POST", url, headers, *ABUSES[abuse])
    # Force approve's fields are all optional and eCom bodies may carry more: any object is valid there.
    optional_only = path.endswith("/approve") and abuse in ("wrong types", "unknown fields only")
    assert status == 200 if optional_only else 400 <= status < 500, (path, abuse, status)
    cancel = f"{reference.url}/ecomm/v2/payments/{order}/cancel"
    assert 400 <= _send(api.session, "PUT", cancel, headers, *ABUSES[abuse]) < 500


@pytest.mark.parametrize("header", ["Authorization", "X-MobilePay-Client-System-Version",
                                    "X-MobilePay-Idempotency-Key"])
def test_a_missing_pos_header_is_a_4xx(reference: ReferenceServer, header: str) -> None:
    api = Api(reference.url)
    pos_id, _ = api.new_pos()
    headers = {k: v for k, v in {**api.headers, KEY: str(uuid.uuid4())}.items() if k != header}
    body = {"posId": pos_id, "orderId": "abuse-1", "amount": 10, "currencyCode": "DKK", "plannedCaptureDelay": "None"}
    status = api.session.post(f"{reference.url}/pos/v10/payments", json=body, headers=headers, timeout=5).status_code
    assert status == (401 if header == "Authorization" else 400)


@pytest.mark.parametrize("header", ["Authorization", "Ocp-Apim-Subscription-Key", "X-Request-Id"])
def test_a_missing_ecom_header_is_a_4xx(reference: ReferenceServer, header: str) -> None:
    api = EcomApi(reference.url)
    order = api.new_payment()
    api.approve(order)
    headers = {k: v for k, v in {**api.headers, "X-Request-Id": str(uuid.uuid4())}.items() if k != header}
    body = {"merchantInfo": {"merchantSerialNumber": api.msn}, "transaction": {"transactionText": "abuse"}}
    status = api.session.post(f"{reference.url}/ecomm/v2/payments/{order}/capture", json=body, headers=headers,
                              timeout=5).status_code
    assert 400 <= status < 500, (header, status)


def test_an_oversized_token_request_is_refused() -> None:
    with ReferenceServer() as server:
        status = requests.post(f"{server.url}/integrator-authentication/connect/token", data=OVERSIZED,
                               headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=10).status_code
    assert status in (400, 401)
