"""Each fault in pairs: with the switch on, the behaviour its rules forbid; off, the documented one."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.reference.server import ReferenceServer
from cancel_conformance.rules import catalogue
from tests.reference.ecom.test_ecom_faults import PAIRS as ECOM_PAIRS
from tests.reference.epayment.test_epayment_faults import PAIRS as EPAYMENT_PAIRS
from tests.reference.recurring.test_recurring_faults import PAIRS as RECURRING_PAIRS
from tests.reference.reference_client import REFUND_RECIPES, Api, fresh_key

Probe = Callable[[Api, Api], Any]


def answer(reply: Any) -> tuple[int, str | None]:
    """The status and, when there is a JSON body, its error code."""
    code = reply.json().get("code") if reply.content and "json" in reply.headers.get("content-type", "") else None
    return reply.status_code, code


def cancel_payment_in(state: str) -> Probe:
    def probe(api: Api, other: Api) -> Any:
        payment_id = api.payment_in(state)
        return (*answer(api.call("POST", f"/pos/v10/payments/{payment_id}/cancel")), api.status(payment_id))
    return probe


def cancel_refund_in(state: str) -> Probe:
    def probe(api: Api, other: Api) -> Any:
        refund_id = api.refund_in(state)
        return (*answer(api.call("POST", f"/pos/v10/refunds/{refund_id}/cancel")), api.refund_status(refund_id))
    return probe


def customer_cancels(state: str) -> Probe:
    def probe(api: Api, other: Api) -> Any:
        payment_id, beacon = api.payment_with_beacon(state)
        return api.user("cancelpaymentbyuser", beacon).status_code, api.status(payment_id)
    return probe


def both_cancelled_by_others(api: Api, other: Api) -> Any:
    return cancel_payment_in("CancelledByUser")(api, other), cancel_payment_in("CancelledByMobilePay")(api, other)


def cancel_unknown(kind: str) -> Probe:
    return lambda api, other: answer(api.call("POST", f"/pos/v10/{kind}/{uuid.uuid4()}/cancel"))


def other_integrator_cancels_payment(api: Api, other: Api) -> Any:
    payment_id = api.payment_in("Initiated")
    return (*answer(other.call("POST", f"/pos/v10/payments/{payment_id}/cancel")), api.status(payment_id))


def other_integrator_cancels_refund(api: Api, other: Api) -> Any:
    refund_id = api.refund_in("Initiated")
    return (*answer(other.call("POST", f"/pos/v10/refunds/{refund_id}/cancel")), api.refund_status(refund_id))


def cancel_without_token(api: Api, other: Api) -> Any:
    payment_id = api.payment_in("Initiated")
    query = api.call("GET", f"/pos/v10/payments/{payment_id}", auth=False).status_code  # other endpoints keep 401
    forged = api.call("POST", f"/pos/v10/payments/{payment_id}/cancel", auth=False).status_code
    return forged, query, api.status(payment_id)


def capture_after_cancel(api: Api, other: Api) -> Any:
    payment_id = api.payment_in("Reserved")
    api.call("POST", f"/pos/v10/payments/{payment_id}/cancel")
    capture = api.call("POST", f"/pos/v10/payments/{payment_id}/capture", body={"amount": 100})
    return (*answer(capture), api.status(payment_id))


def new_payment_after_cancel(api: Api, other: Api) -> Any:
    pos_id, _ = api.new_pos()
    first = api.initiate(pos_id).json()["paymentId"]
    busy = answer(api.initiate(pos_id))
    api.call("POST", f"/pos/v10/payments/{first}/cancel")
    return busy, answer(api.initiate(pos_id))


def recover_initiated(api: Api, other: Api) -> Any:
    pos_id, _ = api.new_pos()
    payment_id = api.initiate(pos_id, order_id="lost-1").json()["paymentId"]
    found = api.call("GET", "/pos/v10/payments", posId=pos_id, orderId="lost-1").json()["paymentIds"]
    by_pos = api.call("GET", "/pos/v10/payments", posId=pos_id).json()["paymentIds"]
    return found == [payment_id], by_pos == [payment_id]


def retry_initiate(api: Api, other: Api) -> Any:
    pos_id, _ = api.new_pos()
    key = fresh_key()
    first = api.initiate(pos_id, key=key).json()["paymentId"]
    retry = api.initiate(pos_id, key=key)
    return answer(retry), retry.status_code == 200 and retry.json()["paymentId"] == first


def retry_then_reuse_key(api: Api, other: Api) -> Any:
    retried = retry_initiate(api, other)
    return retried, reuse_key(api, other)


def reuse_key(api: Api, other: Api) -> Any:
    pos_id, _ = api.new_pos()
    key = fresh_key()
    api.initiate(pos_id, key=key)
    return answer(api.initiate(pos_id, key=key, order_id="another-order"))


def initiate_without_key(api: Api, other: Api) -> Any:
    pos_id, _ = api.new_pos()
    body = {"posId": pos_id, "orderId": "o", "amount": 1, "currencyCode": "DKK", "plannedCaptureDelay": "None"}
    reply = api.call("POST", "/pos/v10/payments", body=body)
    found = api.call("GET", "/pos/v10/payments", posId=pos_id).json()["paymentIds"]
    return answer(reply), len(found)


def capture_cancelled_refund(api: Api, other: Api) -> Any:
    refund_id = api.refund_in("CancelledByClient")
    return (*answer(api.call("POST", f"/pos/v10/refunds/{refund_id}/capture")), api.refund_status(refund_id))


def refund_again_after_cancel(api: Api, other: Api) -> Any:
    payment_id = api.payment_in("Captured")
    refund_id = api.refund(payment_id, 100).json()["refundId"]
    api.call("POST", f"/pos/v10/refunds/{refund_id}/cancel")
    return answer(api.refund(payment_id, 100))


def captured_filter(api: Api, other: Api) -> Any:
    with_state = api.call("GET", "/pos/v10/payments", auth=False, orderId="x", state="Captured")
    without_state = api.call("GET", "/pos/v10/payments", orderId="x")
    return answer(with_state), without_state.status_code


def store_list_fields(api: Api, other: Api) -> Any:
    return sorted(api.call("GET", "/pos/v10/stores").json())


def unknown_state_filter(api: Api, other: Api) -> Any:
    with_order = answer(api.call("GET", "/pos/v10/payments", orderId="x", state="Reserved"))
    alone = answer(api.call("GET", "/pos/v10/payments", state="Reserved"))
    return with_order, alone, answer(api.call("GET", "/pos/v10/payments"))


def stores_without_token(api: Api, other: Api) -> Any:
    reply = api.call("GET", "/pos/v10/stores", auth=False)
    one_store = api.call("GET", "/pos/v10/stores/6f0c2a4e-1b7d-4c1e-9a55-0d3e8b2f7a01", auth=False)
    stores = len(reply.json()["storeIds"]) if reply.status_code == 200 else None
    return reply.status_code, stores, one_store.status_code


def read_deleted_pos(api: Api, other: Api) -> Any:
    pos_id, _ = api.new_pos()
    deleted = api.call("DELETE", f"/pos/v10/pointofsales/{pos_id}").status_code
    return deleted, api.call("GET", f"/pos/v10/pointofsales/{pos_id}").status_code, answer(api.initiate(pos_id))


# fault -> (probe, answer without the fault, answer with it)
def cancel_after_cancelled_refund(api: Api, other: Api) -> Any:
    """Capture, refund, cancel the refund, then cancel the payment (MOD_POS_01's sequence)."""
    payment_id = api.payment_in("Captured")
    refund_id = api.refund(payment_id, 40).json()["refundId"]
    for step in REFUND_RECIPES["CancelledByClient"]:
        assert step(api, refund_id).status_code == 200
    return (*answer(api.call("POST", f"/pos/v10/payments/{payment_id}/cancel")), api.status(payment_id))


PAIRS: dict[str, tuple[Probe, Any, Any]] = {
    "cancelled-refund-reopens-payment": (cancel_after_cancelled_refund, (409, "1300", "Captured"),
                                         (200, None, "CancelledByClient")),
    "refuse-cancel-when-paired": (cancel_payment_in("Paired"), (200, None, "CancelledByClient"),
                                  (409, "1300", "Paired")),
    "cancel-captured-payment": (cancel_payment_in("Captured"), (409, "1300", "Captured"),
                                (200, None, "CancelledByClient")),
    "cancel-expired-payment": (cancel_payment_in("ExpiredAndCancelled"), (409, "1300", "ExpiredAndCancelled"),
                               (200, None, "CancelledByClient")),
    "client-cancel-overwrites-user-cancel": (
        both_cancelled_by_others, ((409, "1300", "CancelledByUser"), (409, "1300", "CancelledByMobilePay")),
        ((200, None, "CancelledByClient"), (200, None, "CancelledByClient"))),
    "accept-cancel-of-cancelled-by-others": (
        both_cancelled_by_others, ((409, "1300", "CancelledByUser"), (409, "1300", "CancelledByMobilePay")),
        ((200, None, "CancelledByUser"), (200, None, "CancelledByMobilePay"))),
    "repeated-cancel-rewrites-state": (cancel_payment_in("CancelledByClient"), (200, None, "CancelledByClient"),
                                       (200, None, "CancelledByMobilePay")),
    "refuse-repeated-cancel": (cancel_payment_in("CancelledByClient"), (200, None, "CancelledByClient"),
                               (409, "1300", "CancelledByClient")),
    "unknown-payment-cancel-answers-409": (cancel_unknown("payments"), (404, None), (409, "1300")),
    "cancel-ignores-integrator": (other_integrator_cancels_payment, (403, "1401", "Initiated"),
                                  (200, None, "CancelledByClient")),
    "cancel-without-token": (cancel_without_token, (401, 401, "Initiated"), (200, 401, "CancelledByClient")),
    "capture-cancelled-payment": (capture_after_cancel, (409, "1304", "CancelledByClient"), (200, None, "Captured")),
    "cancel-keeps-pos-busy": (new_payment_after_cancel, ((409, "1301"), (200, None)), ((409, "1301"), (409, "1301"))),
    "user-cannot-cancel-paired": (customer_cancels("Paired"), (200, "CancelledByUser"), (409, "Paired")),
    "user-cancels-reserved": (customer_cancels("Reserved"), (409, "Reserved"), (200, "CancelledByUser")),
    "query-omits-initiated": (recover_initiated, (True, True), (False, True)),
    "idempotency-key-ignored": (retry_then_reuse_key, (((200, None), True), (409, "1306")),
                                (((409, "1301"), False), (409, "1306"))),
    "idempotency-key-reuse-accepted": (reuse_key, (409, "1306"), (200, None)),
    "idempotency-key-optional": (initiate_without_key, ((400, "1164"), 0), ((200, None), 1)),
    "refund-cancel-refused-when-reserved": (cancel_refund_in("Reserved"), (200, None, "CancelledByClient"),
                                            (409, "1352", "Reserved")),
    "cancel-captured-refund": (cancel_refund_in("ExpiredAndCaptured"), (409, "1352", "ExpiredAndCaptured"),
                               (200, None, "CancelledByClient")),
    "repeated-refund-cancel-rewrites-state": (cancel_refund_in("CancelledByClient"),
                                              (200, None, "CancelledByClient"), (200, None, "CancelledByMobilePay")),
    "unknown-refund-cancel-answers-409": (cancel_unknown("refunds"), (404, None), (409, "1352")),
    "capture-cancelled-refund": (capture_cancelled_refund, (409, "1351", "CancelledByClient"),
                                 (200, None, "Captured")),
    "refund-cancel-ignores-integrator": (other_integrator_cancels_refund, (403, "1402", "Initiated"),
                                         (200, None, "CancelledByClient")),
    "cancelled-refund-still-counts": (refund_again_after_cancel, (200, None), (409, "1367")),
    "server-error-on-captured-filter": (captured_filter, ((401, None), 200), ((500, "2000"), 200)),
    "store-list-has-extra-field": (store_list_fields, ["storeIds"], ["count", "storeIds"]),
    "unknown-state-filter-accepted": (unknown_state_filter, ((400, "1099"), (400, "1099"), (400, "1109")),
                                      ((200, None), (200, None), (400, "1109"))),
    "stores-without-auth": (stores_without_token, (401, None, 401), (200, 3, 401)),
    "deleted-pos-still-readable": (read_deleted_pos, (200, 404, (409, "1000")), (200, 200, (409, "1000"))),
}


def test_every_fault_has_a_pair() -> None:
    # The eCom and concurrency faults are paired in ecom/test_ecom_faults.py (the PoS race: test_reference_races.py),
    # the ePayment ones in epayment/test_epayment_faults.py, the Recurring ones in recurring/test_recurring_faults.py.
    assert set(PAIRS) | set(ECOM_PAIRS) | set(EPAYMENT_PAIRS) | set(RECURRING_PAIRS) == set(FAULTS)
    assert not set(PAIRS) & set(ECOM_PAIRS)
    assert not (set(PAIRS) | set(ECOM_PAIRS)) & set(EPAYMENT_PAIRS)
    assert not (set(PAIRS) | set(ECOM_PAIRS) | set(EPAYMENT_PAIRS)) & set(RECURRING_PAIRS)


def test_every_fault_names_catalogue_rules() -> None:
    known = {rule.id for rule in catalogue().rules}
    for fault in FAULTS.values():
        assert fault.rules, fault.name
        assert set(fault.rules) <= known, fault.name


@pytest.mark.parametrize("fault", sorted(PAIRS))
def test_fault_switch(fault: str, servers: Callable[..., ReferenceServer]) -> None:
    probe, correct, broken = PAIRS[fault]
    clean, faulty = servers(), servers(fault)
    assert probe(Api(clean.url), Api(clean.url, DEMO_INTEGRATORS[1])) == correct
    assert probe(Api(faulty.url), Api(faulty.url, DEMO_INTEGRATORS[1])) == broken


@pytest.mark.parametrize("fault", sorted(PAIRS))
def test_a_fault_leaves_the_ordinary_flow_alone(fault: str, servers: Callable[..., ReferenceServer]) -> None:
    api = Api(servers(fault).url)
    payment_id = api.payment_in("Captured")
    refund_id = api.refund_in("Captured")
    cancelled = api.payment_in("CancelledByClient")
    assert api.status(payment_id) == "Captured"
    assert api.refund_status(refund_id) == "Captured"
    assert api.status(cancelled) in ("CancelledByClient",)
