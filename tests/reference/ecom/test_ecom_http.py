"""The eCom part over real HTTP: the token endpoint, a full flow, the hooks, and the wire details."""

from __future__ import annotations

import uuid

import pytest
import requests

from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.ecom.ecom_client import KEY, PAYMENTS, RECIPES, EcomApi
from tests.reference.reference_client import Api

MEDIA_TYPE = "application/json;charset=UTF-8"
GROUPS = {"Authentication", "Payment", "InvalidRequest", "VippsError", "User", "Merchant"}


def ecom_error(reply: requests.Response) -> tuple[int, str, str]:
    """Status, errorGroup and errorCode of an eCom error array (asserting its shape)."""
    assert reply.headers["content-type"] == MEDIA_TYPE
    body = reply.json()
    assert isinstance(body, list), body
    assert len(body) == 1, body
    assert set(body[0]) == {"errorGroup", "errorCode", "errorMessage", "contextId"}
    assert body[0]["errorGroup"] in GROUPS
    return reply.status_code, body[0]["errorGroup"], body[0]["errorCode"]


def token_reply(url: str, **headers: str) -> requests.Response:
    return requests.post(f"{url}/accesstoken/get", headers=headers, timeout=5)


def test_access_token(reference: ReferenceServer) -> None:
    merchant = DEMO_MERCHANTS[1]
    reply = token_reply(reference.url, client_id=merchant.client_id, client_secret=merchant.client_secret,
                        **{KEY: merchant.subscription_key})
    assert reply.status_code == 200
    body = reply.json()
    assert set(body) == {"token_type", "expires_in", "ext_expires_in", "expires_on", "not_before", "resource",
                         "access_token"}
    assert (body["token_type"], body["expires_in"], body["ext_expires_in"]) == ("Bearer", "3600", "3600")
    assert int(body["expires_on"]) - int(body["not_before"]) == 3600
    assert reply.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(("secret", "key", "shape"), [
    ("wrong", DEMO_MERCHANTS[0].subscription_key, {"error", "error_description"}),
    (DEMO_MERCHANTS[0].client_secret, "wrong", {"statusCode", "message"}),
    (DEMO_MERCHANTS[0].client_secret, DEMO_MERCHANTS[1].subscription_key, {"error", "error_description"}),
])
def test_access_token_refusals(reference: ReferenceServer, secret: str, key: str, shape: set[str]) -> None:
    reply = token_reply(reference.url, client_id=DEMO_MERCHANTS[0].client_id, client_secret=secret, **{KEY: key})
    assert reply.status_code == 401
    assert set(reply.json()) == shape


def test_full_flow(ecom: EcomApi) -> None:
    initiated = ecom.initiate(amount=25000)
    assert (initiated.status_code, initiated.headers["content-type"]) == (200, MEDIA_TYPE)
    order_id = initiated.json()["orderId"]
    assert initiated.json()["url"].startswith("https://landing.reference.invalid/")
    approved = ecom.approve(order_id)
    assert (approved.status_code, approved.content) == (200, b"")
    capture = ecom.capture(order_id, 10000, request_id="capture-1")
    assert capture.json()["transactionInfo"]["status"] == "Captured"
    assert capture.json()["transactionSummary"] == {"capturedAmount": 10000, "refundedAmount": 0,
                                                    "remainingAmountToCapture": 15000,
                                                    "remainingAmountToRefund": 10000}
    refund = ecom.refund(order_id, 4000)
    assert (refund.json()["transaction"]["status"], refund.json()["transaction"]["amount"]) == ("Refund", 4000)
    cancel = ecom.cancel(order_id, release=True)
    assert cancel.json()["transactionInfo"]["status"] == "Cancelled"
    assert cancel.json()["transactionSummary"]["remainingAmountToCapture"] == 0
    details = ecom.details(order_id)
    assert [entry["operation"] for entry in details["transactionLogHistory"]] == [
        "VOID", "REFUND", "CAPTURE", "RESERVE", "INITIATE"]
    assert details["transactionLogHistory"][2]["requestId"] == "capture-1"
    assert details["transactionSummary"] == {"capturedAmount": 10000, "refundedAmount": 4000,
                                             "remainingAmountToCapture": 0, "remainingAmountToRefund": 6000}


@pytest.mark.parametrize("state", sorted(RECIPES))
def test_every_state_is_reachable_over_http(ecom: EcomApi, state: str) -> None:
    order_id = ecom.payment_in(state)
    expected = {"Initiated": ["INITIATE"], "In3DSecure": ["INITIATE"], "Reserved": ["INITIATE", "RESERVE"],
                "ReservedAfter3DSecure": ["INITIATE", "RESERVE"],
                "PartlyCaptured": ["INITIATE", "RESERVE", "CAPTURE"], "Captured": ["INITIATE", "RESERVE", "CAPTURE"],
                "CancelledByMerchant": ["INITIATE", "CANCEL"], "Voided": ["INITIATE", "RESERVE", "VOID"],
                "RejectedByCustomer": ["INITIATE", "CANCEL"], "Released": ["INITIATE", "RESERVE", "CAPTURE", "VOID"]}
    assert ecom.operations(order_id) == expected[state]


@pytest.mark.parametrize(("state", "release", "answer"), [
    ("Initiated", None, (200, "CANCEL")),
    ("Reserved", False, (200, "VOID")),
    ("Reserved", True, (200, "VOID")),
    ("PartlyCaptured", None, (400, "Payment", "51")),
    ("PartlyCaptured", False, (400, "Payment", "51")),
    ("Captured", True, (400, "Payment", "51")),
    ("In3DSecure", None, (400, "Payment", "52")),
    ("RejectedByCustomer", None, (400, "VippsError", "92")),
    ("Voided", None, (400, "VippsError", "92")),
])
def test_cancel_by_state(ecom: EcomApi, state: str, release: bool | None, answer: tuple) -> None:
    order_id = ecom.payment_in(state)
    before = ecom.operations(order_id)
    reply = ecom.cancel(order_id, release)
    if reply.status_code == 200:
        assert (200, ecom.operations(order_id)[-1]) == answer
        assert ecom.operations(order_id) == [*before, answer[1]]
    else:
        assert ecom_error(reply) == answer
        assert ecom.operations(order_id) == before


def test_a_pending_cancel_stops_the_customer(ecom: EcomApi) -> None:
    order_id = ecom.payment_in("CancelledByMerchant")
    assert ecom_error(ecom.approve(order_id))[0] == 400
    assert ecom.operations(order_id) == ["INITIATE", "CANCEL"]


def test_cancelled_payments_cannot_be_captured_or_refunded(ecom: EcomApi) -> None:
    order_id = ecom.payment_in("Voided")
    assert ecom_error(ecom.capture(order_id)) == (400, "VippsError", "91")
    assert ecom_error(ecom.refund(order_id, 100)) == (400, "Payment", "73")
    assert ecom.summary(order_id)["capturedAmount"] == 0


def test_unknown_and_other_merchants_orders(ecom: EcomApi, other_ecom: EcomApi) -> None:
    mine = ecom.new_payment()
    for api, order_id in ((ecom, "never-used"), (other_ecom, mine)):
        assert ecom_error(api.cancel(order_id)) == (404, "Merchant", "35")
        assert ecom_error(api.call("GET", f"{PAYMENTS}/{order_id}/details")) == (404, "Merchant", "35")
    assert ecom.operations(mine) == ["INITIATE"]


def test_retried_capture_replays_the_first_answer(ecom: EcomApi) -> None:
    order_id = ecom.payment_in("Reserved")
    first = ecom.capture(order_id, 10000, request_id="same")
    again = ecom.capture(order_id, 10000, request_id="same")
    assert again.json() == first.json()
    assert ecom.summary(order_id)["capturedAmount"] == 10000


@pytest.mark.parametrize(("headers", "auth", "shape"), [
    ({}, False, {"statusCode", "message"}),
    ({KEY: DEMO_MERCHANTS[0].subscription_key}, False, {"statusCode", "message"}),
    ({"Authorization": "Bearer forged"}, True, {"statusCode", "message"}),
    ({KEY: DEMO_MERCHANTS[1].subscription_key}, True, {"statusCode", "message"}),
])
def test_every_call_needs_the_token_and_the_subscription_key(ecom: EcomApi, headers: dict[str, str], auth: bool,
                                                             shape: set[str]) -> None:
    order_id = ecom.payment_in("Reserved")
    for method, suffix in (("PUT", "cancel"), ("GET", "details"), ("POST", "capture")):
        reply = ecom.call(method, f"{PAYMENTS}/{order_id}/{suffix}", body={}, headers=headers, auth=auth)
        assert reply.status_code == 401
        assert set(reply.json()) == shape
    assert ecom.operations(order_id) == ["INITIATE", "RESERVE"]


def test_a_pos_token_opens_nothing_on_ecom(reference: ReferenceServer, ecom: EcomApi) -> None:
    pos = Api(reference.url)
    headers = {"Authorization": pos.headers["Authorization"], KEY: DEMO_MERCHANTS[0].subscription_key}
    assert ecom.call("GET", f"{PAYMENTS}/x/details", headers=headers, auth=False).status_code == 401


def test_merchant_serial_number_must_be_the_tokens(ecom: EcomApi) -> None:
    order_id = ecom.new_payment()
    other = {"Merchant-Serial-Number": DEMO_MERCHANTS[1].merchant_serial_number}
    assert ecom_error(ecom.call("GET", f"{PAYMENTS}/{order_id}/details", headers=other)) == (403, "Merchant", "37")
    assert ecom_error(ecom.call("GET", f"{PAYMENTS}/{order_id}/details", headers={"Merchant-Serial-Number": "12"}))[0] \
        == 400
    own = {"Merchant-Serial-Number": ecom.msn}
    assert ecom.call("GET", f"{PAYMENTS}/{order_id}/details", headers=own).status_code == 200
    body = {"merchantInfo": {"merchantSerialNumber": "654321"}, "transaction": {"transactionText": "x"}}
    assert ecom_error(ecom.cancel(order_id, body=body)) == (403, "Merchant", "37")
    assert ecom.initiate(merchantSerialNumber="654321").status_code == 403


@pytest.mark.parametrize(("headers", "field"), [
    ({"X-Request-Id": ""}, "X-Request-Id"),
    ({"X-Request-Id": "r" * 41}, "X-Request-Id"),
    ({"X-Request-Id": "r", "Vipps-System-Name": "n" * 31}, "Vipps-System-Name"),
])
def test_header_refusals(ecom: EcomApi, headers: dict[str, str], field: str) -> None:
    body = {"merchantInfo": {"merchantSerialNumber": ecom.msn}, "transaction": {"transactionText": "x"}}
    reply = ecom.call("POST", f"{PAYMENTS}/order-1/capture", body=body, headers=headers)
    assert ecom_error(reply) == (400, "InvalidRequest", field)


def test_a_capture_without_request_id_is_refused_before_the_order_is_looked_up(ecom: EcomApi) -> None:
    body = {"merchantInfo": {"merchantSerialNumber": ecom.msn}, "transaction": {"transactionText": "x"}}
    reply = ecom.call("POST", f"{PAYMENTS}/never-used/capture", body=body)
    assert ecom_error(reply) == (400, "InvalidRequest", "X-Request-Id")


@pytest.mark.parametrize("body", [None, "not json", {"merchantInfo": {"merchantSerialNumber": "123456"}}])
def test_a_cancel_without_its_required_fields_changes_nothing(ecom: EcomApi, body: object) -> None:
    order_id = ecom.payment_in("Reserved")
    reply = ecom.call("PUT", f"{PAYMENTS}/{order_id}/cancel", body=body)
    assert ecom_error(reply)[:2] == (400, "InvalidRequest")
    assert ecom.operations(order_id) == ["INITIATE", "RESERVE"]


def test_express_checkout_is_not_emulated(ecom: EcomApi) -> None:
    assert ecom_error(ecom.initiate(paymentType="eComm Express Payment"))[2] == "merchantInfo.paymentType"


def test_routing_errors_are_ecom_shaped(ecom: EcomApi) -> None:
    assert ecom_error(ecom.call("GET", f"{PAYMENTS}/a/b/details"))[0] == 404
    assert ecom_error(ecom.call("GET", f"{PAYMENTS}/{'x' * 51}/details"))[:2] == (400, "InvalidRequest")
    wrong_method = ecom.call("POST", f"{PAYMENTS}/order-1/cancel")
    assert ecom_error(wrong_method)[0] == 405
    assert wrong_method.headers["allow"] == "PUT"


def test_hooks(ecom: EcomApi) -> None:
    rejected = ecom.new_payment()
    reply = ecom.hook(rejected, "reject")
    assert (reply.status_code, reply.headers["content-type"]) == (200, MEDIA_TYPE)
    assert reply.json()["transactionLogHistory"][0]["operation"] == "CANCEL"
    assert ecom_error(ecom.hook(rejected, "reject")) == (409, "VippsError", "91")
    assert ecom_error(ecom.hook("never-used", "start-3ds")) == (404, "Merchant", "35")
    assert ecom_error(ecom.hook(rejected, "start-3ds"))[0] == 409
    aged = ecom.hook(rejected, "age", body={"days": 181, "hours": 1})
    assert aged.status_code == 200
    assert ecom_error(ecom.hook(rejected, "age", body={"hours": 1}))[:2] == (400, "InvalidRequest")
    assert ecom_error(ecom.hook(rejected, "age", body={"days": -1}))[:2] == (400, "InvalidRequest")
    no_token = ecom.call("POST", f"/simulation/v1/ecom/payments/{rejected}/reject", auth=False)
    assert (no_token.status_code, set(no_token.json())) == (401, {"statusCode", "message"})


def test_capabilities_list_the_ecom_hooks(reference: ReferenceServer) -> None:
    names = requests.get(f"{reference.url}/simulation/v1/capabilities", timeout=5).json()["capabilities"]
    assert {"ecom.approve", "ecom.user", "ecom.3ds", "ecom.age"} <= set(names)


def test_order_ids_are_per_merchant(ecom: EcomApi, other_ecom: EcomApi) -> None:
    order_id = f"shared-{uuid.uuid4().hex[:8]}"
    assert ecom.initiate(order_id).status_code == 200
    assert ecom_error(ecom.initiate(order_id))[:2] == (400, "Merchant")
    assert other_ecom.initiate(order_id).status_code == 200
