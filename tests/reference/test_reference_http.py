"""The reference over real HTTP: a full flow, then the wire details (tokens, errors, 401/404/405)."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests

from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.app import create_app
from cancel_conformance.reference.server import ReferenceServer
from cancel_conformance.reference.tokens import TokenIssuer
from tests.reference.reference_client import KEY, VERSION, Api, fresh_key

TOKEN_PATH = "/integrator-authentication/connect/token"


def error_keys(reply: requests.Response) -> list[str]:
    return sorted(reply.json())


def test_full_flow(api: Api) -> None:
    # token -> stores -> create PoS -> initiate -> check-in -> accept -> capture -> refund -> cancel refund
    stores = api.call("GET", "/pos/v10/stores")
    assert stores.status_code == 200
    assert len(stores.json()["storeIds"]) == 2
    store = api.call("GET", f"/pos/v10/stores/{stores.json()['storeIds'][0].upper()}").json()
    assert store["merchantBrandId"] == "DEMOBAKERY"
    detailed = api.call("GET", "/pos/v10/stores/detailed", merchantLocationId="10001").json()
    assert detailed == [store]
    pos_id, beacon = api.new_pos()
    assert api.call("GET", "/pos/v10/pointofsales", beaconId=beacon).json() == {"posIds": [pos_id]}
    payment = api.initiate(pos_id, amount=12.5, order_id="flow-1")
    assert payment.status_code == 200
    payment_id = payment.json()["paymentId"]
    assert api.status(payment_id) == "Initiated"
    checked_in = api.user("checkin", beacon)
    assert (checked_in.status_code, checked_in.content) == (200, b"")
    assert api.status(payment_id) == "IssuedToUser"
    assert api.user("acceptpayment", beacon).status_code == 200
    reserved = api.call("GET", f"/pos/v10/payments/{payment_id}").json()
    assert (reserved["status"], reserved["amount"], reserved["partialCapturePossible"]) == ("Reserved", 12.5, True)
    capture = api.call("POST", f"/pos/v10/payments/{payment_id}/capture", body={"amount": 12.5})
    assert (capture.status_code, capture.content) == (200, b"")
    assert "partialCapturePossible" not in api.call("GET", f"/pos/v10/payments/{payment_id}").json()
    assert api.call("GET", "/pos/v10/payments", orderId="flow-1", state="Captured").json() == {
        "paymentIds": [payment_id]}
    refund = api.refund(payment_id, 2.5)
    assert refund.status_code == 200
    refund_id = refund.json()["refundId"]
    assert api.call("GET", "/pos/v10/refunds", paymentId=payment_id).json() == {"refundIds": [refund_id]}
    cancel = api.call("POST", f"/pos/v10/refunds/{refund_id}/cancel")
    assert (cancel.status_code, cancel.content) == (200, b"")
    got = api.call("GET", f"/pos/v10/refunds/{refund_id}").json()
    assert got == {"refundId": refund_id, "paymentId": payment_id, "refundOrderId": "refund-1", "amount": 2.5,
                   "currencyCode": "DKK", "status": "CancelledByClient", "pollDelayInMs": 1000}


def test_query_payment_body(api: Api) -> None:
    pos_id, _ = api.new_pos()
    payment_id = api.initiate(pos_id, amount=20, merchantPaymentLabel="label").json()["paymentId"]
    body = api.call("GET", f"/pos/v10/payments/{payment_id}").json()
    assert body["amount"] == 20
    assert body["merchantPaymentLabel"] == "label"
    assert body["pollDelayInMs"] == 1000
    expires = datetime.strptime(body["paymentExpiresAt"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert timedelta(days=6) < expires - datetime.now(UTC) <= timedelta(days=7)
    assert "partialCapturePossible" not in body


def test_token_endpoint(reference: ReferenceServer) -> None:
    url = reference.url + TOKEN_PATH
    b = DEMO_INTEGRATORS[1]
    reply = requests.post(url, auth=(b.client_id, b.client_secret),
                          data={"grant_type": "client_credentials", "merchant_vat": "DK87654321"}, timeout=5)
    body = reply.json()
    assert (reply.status_code, body["expires_in"], body["token_type"], body["scope"]) == (
        200, 3600, "Bearer", "integrator_scope")
    assert reply.headers["cache-control"] == "no-store"
    refusals = [
        (("demo-integrator-a", "wrong"), {"grant_type": "client_credentials"}, 401, "invalid_client"),
        (None, {"grant_type": "client_credentials"}, 401, "invalid_client"),
        (("demo-integrator-a", "demo-secret-a"), {"grant_type": "password"}, 400, "unsupported_grant_type"),
        (("demo-integrator-a", "demo-secret-a"), {}, 400, "invalid_request"),
        (("demo-integrator-a", "demo-secret-a"), {"grant_type": "client_credentials", "merchant_vat": "DK87654321"},
         400, "invalid_request"),
    ]
    for auth, form, status, error in refusals:
        reply = requests.post(url, auth=auth, data=form, timeout=5)
        assert (reply.status_code, reply.json()["error"]) == (status, error)


def test_token_with_merchant_claim_needs_no_vat_header(reference: ReferenceServer) -> None:
    a = DEMO_INTEGRATORS[0]
    token = requests.post(reference.url + TOKEN_PATH, auth=(a.client_id, a.client_secret),
                          data={"grant_type": "client_credentials", "merchant_vat": "DK12345678"},
                          timeout=5).json()["access_token"]
    headers = {"Authorization": f"bearer {token}", VERSION: "1.0.0"}
    assert requests.get(reference.url + "/pos/v10/stores", headers=headers, timeout=5).status_code == 200
    headers["X-MobilePay-Merchant-VAT-Number"] = "DK87654321"
    refused = requests.get(reference.url + "/pos/v10/stores", headers=headers, timeout=5)
    assert (refused.status_code, refused.json()["code"]) == (400, "1159")


def test_a_token_expires() -> None:
    now = [datetime(2030, 1, 1, tzinfo=UTC)]
    tokens = TokenIssuer(clock=lambda: now[0])
    token = tokens.issue("demo-integrator-a", None)
    assert tokens.resolve(token.value) == token
    now[0] += timedelta(seconds=3600)
    assert tokens.resolve(token.value) is None


@pytest.mark.parametrize("authorization", [None, "Bearer nonsense", "Basic abc", "Bearer"])
def test_401_has_no_body_and_a_bearer_challenge(api: Api, authorization: str | None) -> None:
    payment_id = api.payment_in("Initiated")
    headers = {"Authorization": authorization} if authorization else {}
    reply = api.call("POST", f"/pos/v10/payments/{payment_id}/cancel", auth=False, headers=headers)
    assert (reply.status_code, reply.content, reply.headers["www-authenticate"]) == (401, b"", "Bearer")
    assert api.status(payment_id) == "Initiated"


def test_header_errors_come_after_the_token(api: Api) -> None:
    reply = api.call("GET", "/pos/v10/stores", headers={VERSION: "1"})
    assert (reply.status_code, reply.json()["code"]) == (400, "1161")
    assert error_keys(reply) == ["code", "correlationId", "message"]
    no_key = api.call("POST", "/pos/v10/payments", body={})
    assert (no_key.status_code, no_key.json()["code"]) == (400, "1164")


def test_refund_errors_carry_an_origin(api: Api) -> None:
    reply = api.call("POST", f"/pos/v10/refunds/{uuid.uuid4()}/capture")
    assert (reply.status_code, reply.json()["code"], reply.json()["origin"]) == (404, "1004", "PoS")
    assert error_keys(reply) == ["code", "correlationId", "message", "origin"]
    assert api.refund(str(uuid.uuid4()), 1).json()["code"] == "1001"


@pytest.mark.parametrize("path", ["/pos/v10/payments/12345", "/pos/v10/pointofsales/abc", "/pos/v10/refunds/x",
                                  "/pos/v10/stores/store-1", "/pos/v11/payments", "/",
                                  "/pos/v10/pointofsales/2b0e7c1a-5d3f-4a8e-9b6c-7f1d2e3a4b5c/checkin"])
def test_unknown_ids_and_paths_are_404(api: Api, path: str) -> None:
    reply = api.call("GET", path)
    assert reply.status_code == 404
    assert reply.json()["code"] is None


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("PUT", "/pos/v10/payments/{id}/cancel", {"POST"}),
    ("DELETE", "/pos/v10/payments", {"GET", "HEAD", "POST"}),
    ("PATCH", "/pos/v10/pointofsales/{id}", {"GET", "HEAD", "DELETE"}),
    ("GET", "/integrator-authentication/connect/token", {"POST"}),
    ("GET", "/pos/v10/payments/prepare", {"POST"}),
])
def test_undeclared_methods_are_405_with_allow(api: Api, method: str, path: str, allowed: set[str]) -> None:
    reply = api.call(method, path.format(id=uuid.uuid4()))
    assert reply.status_code == 405
    assert set(reply.headers["allow"].replace(" ", "").split(",")) == allowed


def test_json_media_types_are_accepted(api: Api) -> None:
    pos_id, _ = api.new_pos()
    body = f'{{"posId": "{pos_id}", "orderId": "o", "amount": 1, "currencyCode": "EUR", "plannedCaptureDelay": "None"}}'
    reply = api.call("POST", "/pos/v10/payments", key=fresh_key(),
                     headers={"Content-Type": "application/json-patch+json"}, body=None)
    assert reply.status_code == 400
    sent = dict(api.headers, **{KEY: fresh_key(), "Content-Type": "text/json"})
    assert requests.post(api.url + "/pos/v10/payments", data=body, headers=sent, timeout=5).status_code == 200


def test_hooks_need_a_token_and_know_their_capabilities(api: Api) -> None:
    assert api.call("POST", "/pos/app/usersimulation/checkin", auth=False,
                    body={"beaconId": "b", "phoneNumber": "1"}).status_code == 401
    assert api.call("POST", f"/simulation/v1/pos/payments/{uuid.uuid4()}/expire", auth=False).status_code == 401
    capabilities = api.call("GET", "/simulation/v1/capabilities", auth=False)
    assert capabilities.json() == {"capabilities": ["pos.user", "pos.mobilepay-cancel", "pos.expire",
                                                    "pos.refund-progress", "ecom.approve", "ecom.user",
                                                    "ecom.3ds", "ecom.age", "epayment.approve",
                                                    "epayment.user", "epayment.expire", "epayment.3ds",
                                                    "epayment.age", "recurring.accept", "recurring.charges",
                                                    "recurring.age"]}


def test_hooks_answer_404_409_and_400(api: Api, other_api: Api) -> None:
    payment_id, beacon = api.payment_with_beacon("Initiated")
    assert api.user("acceptpayment", beacon).status_code == 409
    assert api.user("checkin", "no-such-beacon").status_code == 404
    assert other_api.user("checkin", beacon).status_code == 404
    assert api.call("POST", "/pos/app/usersimulation/checkin", body={"beaconId": beacon}).status_code == 400
    assert api.call("POST", f"/simulation/v1/pos/payments/{uuid.uuid4()}/expire").status_code == 404
    assert other_api.call("POST", f"/simulation/v1/pos/payments/{payment_id}/cancel-by-mobilepay").status_code == 404
    refused = api.call("POST", f"/simulation/v1/pos/payments/{payment_id}/expire")
    assert (refused.status_code, error_keys(refused)) == (409, ["code", "correlationId", "message"])
    moved = api.call("POST", f"/simulation/v1/pos/payments/{payment_id}/cancel-by-mobilepay")
    assert (moved.status_code, moved.json()["status"]) == (200, "CancelledByMobilePay")


def test_refund_hooks_return_the_refund(api: Api) -> None:
    refund_id = api.refund_in("Initiated")
    reply = api.call("POST", f"/simulation/v1/pos/refunds/{refund_id}/reserve")
    assert (reply.status_code, reply.json()["status"], reply.json()["refundId"]) == (200, "Reserved", refund_id)


def test_unexpected_errors_become_500_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    server = ReferenceServer()
    app = create_app()
    monkeypatch.setattr("cancel_conformance.reference.server.create_app", lambda faults, **options: app)

    def explode(*args: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(app.state.pos.points, "store_ids", explode)
    with server:
        token = Api(server.url).headers
        reply = requests.get(server.url + "/pos/v10/stores", headers=token, timeout=5)
    assert (reply.status_code, reply.json()["code"]) == (500, "2000")
    assert "secret" not in reply.text
    assert "Traceback" not in reply.text


def test_server_start_stop_and_url() -> None:
    server = ReferenceServer()
    with pytest.raises(RuntimeError):
        _ = server.url
    url = server.start()
    assert server.start() == url
    assert requests.get(url + "/simulation/v1/capabilities", timeout=5).status_code == 200
    server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/simulation/v1/capabilities", timeout=1)
    with pytest.raises(ValueError, match="unknown fault"):
        ReferenceServer(["nope"])


def test_basic_credentials_may_be_form_encoded(reference: ReferenceServer) -> None:
    encoded = base64.b64encode(b"demo-integrator-a:demo-secret-a").decode()
    reply = requests.post(reference.url + TOKEN_PATH, headers={"Authorization": f"Basic {encoded}"},
                          data={"grant_type": "client_credentials"}, timeout=5)
    assert reply.status_code == 200
