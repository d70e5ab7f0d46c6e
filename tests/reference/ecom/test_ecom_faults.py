"""Each eCom fault in pairs: with the switch on, the behaviour its rules forbid; off, the documented one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
import requests

from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.ecom.ecom_client import PAYMENTS, EcomApi

Probe = Callable[[EcomApi], Any]
RACE_PAIRS = 20


def cancel_in(state: str, release: bool | None = None) -> Probe:
    def probe(api: EcomApi) -> Any:
        order_id = api.payment_in(state)
        return api.cancel(order_id, release).status_code, api.operations(order_id)
    return probe


def cancel_code_in(state: str, release: bool | None = None) -> Probe:
    def probe(api: EcomApi) -> Any:
        reply = api.cancel(api.payment_in(state), release)
        return reply.status_code, reply.json()[0]["errorCode"] if reply.status_code != 200 else None
    return probe


def approve_after_cancel(api: EcomApi) -> Any:
    order_id = api.payment_in("CancelledByMerchant")
    return api.approve(order_id).status_code, api.operations(order_id)


def capture_after_cancel(api: EcomApi) -> Any:
    answers = []
    for state in ("CancelledByMerchant", "RejectedByCustomer", "Voided"):
        order_id = api.payment_in(state)
        answers.append((api.capture(order_id).status_code, api.summary(order_id)["capturedAmount"]))
    return tuple(answers)


def refund_after_cancel(api: EcomApi) -> Any:
    return api.refund(api.payment_in("Voided"), 100).status_code


def cancel_without_body_fields(api: EcomApi) -> Any:
    order_id = api.payment_in("Reserved")
    return api.cancel(order_id, body={}).status_code, api.operations(order_id)


def cancel_unknown(api: EcomApi) -> Any:
    reply = api.cancel("never-initiated")
    details = api.call("GET", f"{PAYMENTS}/never-initiated/details")
    return reply.status_code, isinstance(reply.json(), list), isinstance(details.json(), list)


def cancel_after_3ds(api: EcomApi) -> Any:
    order_id = api.payment_in("In3DSecure")
    api.hook(order_id, "finish-3ds")
    return api.cancel(order_id).status_code, api.operations(order_id)[-1]


def cancel_aged(days: int, hours: int = 0) -> Probe:
    def probe(api: EcomApi) -> Any:
        order_id = api.payment_in("Reserved")
        api.hook(order_id, "age", body={"days": days, "hours": hours})
        return api.cancel(order_id).status_code
    return probe


def both(*probes: Probe) -> Probe:
    return lambda api: tuple(probe(api) for probe in probes)


def release_after_partial_capture(api: EcomApi) -> Any:
    order_id = api.payment_in("PartlyCaptured")
    reply = api.cancel(order_id, release=True)
    return reply.status_code, api.summary(order_id)["remainingAmountToCapture"], api.capture(order_id).status_code


def details_of_unknown(api: EcomApi) -> Any:
    known = api.new_payment()
    return (api.call("GET", f"{PAYMENTS}/never-initiated/details").status_code,
            api.call("GET", f"{PAYMENTS}/{known}/details").status_code)


def initiate_with_msn(api: EcomApi) -> Any:
    return (api.initiate(merchantSerialNumber=int(api.msn)).status_code,
            api.initiate(merchantSerialNumber="12").status_code,
            api.initiate(merchantSerialNumber=DEMO_MERCHANTS[1].merchant_serial_number).status_code)


def details_without_auth(api: EcomApi) -> Any:
    order_id = api.new_payment()
    return (api.call("GET", f"{PAYMENTS}/{order_id}/details", auth=False).status_code,
            api.call("PUT", f"{PAYMENTS}/{order_id}/cancel", body={}, auth=False).status_code)


def summary_types(api: EcomApi) -> Any:
    cancelled, reserved = api.payment_in("Voided"), api.payment_in("Reserved")
    rejected = api.payment_in("RejectedByCustomer")
    return tuple(type(api.summary(order_id)["capturedAmount"]).__name__ for order_id in (cancelled, reserved, rejected))


def send_together(api: EcomApi, calls: list[tuple[str, str, Any, dict[str, str]]]) -> list[int]:
    """Send the requests at the same moment from a barrier, each on its own connection; their statuses."""
    barrier, statuses = threading.Barrier(len(calls)), [0] * len(calls)

    def send(index: int) -> None:
        method, path, body, headers = calls[index]
        barrier.wait()
        statuses[index] = requests.request(method, f"{api.url}{path}", json=body, timeout=5,
                                           headers={**api.headers, **headers}).status_code

    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def cancel_call(api: EcomApi, order_id: str) -> tuple[str, str, Any, dict[str, str]]:
    body = {"merchantInfo": {"merchantSerialNumber": api.msn}, "transaction": {"transactionText": "race"}}
    return "PUT", f"{PAYMENTS}/{order_id}/cancel", body, {}


def capture_call(api: EcomApi, order_id: str) -> tuple[str, str, Any, dict[str, str]]:
    body = {"merchantInfo": {"merchantSerialNumber": api.msn}, "transaction": {"transactionText": "race"}}
    return "POST", f"{PAYMENTS}/{order_id}/capture", body, {"X-Request-Id": f"race-{order_id}"}


def how_often(count: int) -> str:
    return "never" if count == 0 else "nearly always" if count >= RACE_PAIRS * 3 // 4 else "sometimes"


def race(second: Callable[[EcomApi, str], tuple]) -> Probe:
    """How often a cancel and `second`, sent together on a reserved payment, both succeed."""
    def probe(api: EcomApi) -> Any:
        both_succeeded, voids = 0, 0
        for _ in range(RACE_PAIRS):
            order_id = api.payment_in("Reserved")
            both_succeeded += send_together(api, [cancel_call(api, order_id), second(api, order_id)]) == [200, 200]
            voids += api.operations(order_id).count("VOID") > 1
        return how_often(both_succeeded), how_often(voids)
    return probe


# SAFE_01: a cancel and a capture at once; SAFE_02: two cancels at once. Each fault breaks only its own.
CANCEL_AND_CAPTURE = race(capture_call)
TWO_CANCELS = race(cancel_call)

# fault -> (probe, answer without the fault, answer with it)
def cancel_after_refund_of_a_partial_capture(api: EcomApi) -> Any:
    """Capture part, refund, cancel without shouldReleaseRemainingFunds (MOD_ECOM_01's sequence)."""
    order_id = api.payment_in("PartlyCaptured")
    assert api.refund(order_id, 100).status_code == 200
    return api.cancel(order_id).status_code, api.operations(order_id)


PAIRS: dict[str, tuple[Probe, Any, Any]] = {
    "refund-unlocks-partial-cancel": (cancel_after_refund_of_a_partial_capture,
                                      (400, ["INITIATE", "RESERVE", "CAPTURE", "REFUND"]),
                                      (200, ["INITIATE", "RESERVE", "CAPTURE", "REFUND", "VOID"])),
    "pending-cancel-leaves-approvable": (approve_after_cancel, (400, ["INITIATE", "CANCEL"]),
                                         (200, ["INITIATE", "CANCEL", "RESERVE"])),
    "reserved-cancel-logs-cancel": (both(cancel_in("Reserved"), cancel_in("Reserved", True),
                                         cancel_in("ReservedAfter3DSecure")),
                                    ((200, ["INITIATE", "RESERVE", "VOID"]),) * 3,
                                    ((200, ["INITIATE", "RESERVE", "CANCEL"]), (200, ["INITIATE", "RESERVE", "VOID"]),
                                     (200, ["INITIATE", "RESERVE", "VOID"]))),
    "merchant-cancel-rewrites-user-cancel": (cancel_in("RejectedByCustomer"), (400, ["INITIATE", "CANCEL"]),
                                             (200, ["INITIATE", "CANCEL", "VOID"])),
    "capture-after-cancel": (capture_after_cancel, ((400, 0), (400, 0), (400, 0)),
                             ((200, 25000), (200, 25000), (400, 0))),
    "refund-after-cancel": (refund_after_cancel, 400, 200),
    "cancel-body-not-validated": (cancel_without_body_fields, (400, ["INITIATE", "RESERVE"]),
                                  (200, ["INITIATE", "RESERVE", "VOID"])),
    "unknown-order-plain-error-body": (cancel_unknown, (404, True, True), (404, False, True)),
    "cancel-during-3ds": (cancel_in("In3DSecure"), (400, ["INITIATE"]), (200, ["INITIATE", "CANCEL"])),
    "cancel-after-3ds-refused": (cancel_after_3ds, (200, "VOID"), (400, "RESERVE")),
    "age-limit-ignored": (both(cancel_aged(181), cancel_aged(180, 1), cancel_aged(179, 23)),
                          (400, 400, 200), (200, 200, 200)),
    "age-limit-179-days": (both(cancel_aged(178, 23), cancel_aged(179), cancel_aged(181)),
                           (200, 200, 400), (200, 400, 400)),
    "release-keeps-remaining": (release_after_partial_capture, (200, 0, 400), (200, 15000, 200)),
    "partial-cancel-without-release-accepted": (both(cancel_code_in("PartlyCaptured", False),
                                                     cancel_code_in("PartlyCaptured")),
                                                ((400, "51"), (400, "51")), ((200, None), (400, "51"))),
    "release-defaults-to-true": (both(cancel_code_in("PartlyCaptured"), cancel_code_in("PartlyCaptured", False)),
                                 ((400, "51"), (400, "51")), ((200, None), (400, "51"))),
    "full-capture-cancel-wrong-code": (both(cancel_code_in("Captured", True), cancel_code_in("Captured", False)),
                                       ((400, "51"), (400, "51")), ((400, "52"), (400, "52"))),
    "release-on-reserved-refused": (both(cancel_code_in("Reserved", True), cancel_code_in("Reserved", False)),
                                    ((200, None), (200, None)), ((400, "52"), (200, None))),
    "unknown-order-details-server-error": (details_of_unknown, (404, 200), (500, 200)),
    "initiate-msn-unchecked": (initiate_with_msn, (400, 400, 403), (200, 200, 403)),
    "details-without-auth": (details_without_auth, (401, 401), (200, 401)),
    "cancel-summary-as-strings": (summary_types, ("int", "int", "int"), ("str", "int", "int")),
    "unlocked-cancel-capture": (both(CANCEL_AND_CAPTURE, TWO_CANCELS), (("never", "never"), ("never", "never")),
                                (("nearly always", "never"), ("never", "never"))),
    "unlocked-duplicate-cancel": (both(CANCEL_AND_CAPTURE, TWO_CANCELS), (("never", "never"), ("never", "never")),
                                  (("never", "never"), ("nearly always", "nearly always"))),
}


@pytest.mark.parametrize("fault", sorted(PAIRS))
def test_fault_switch(fault: str, servers: Callable[..., ReferenceServer]) -> None:
    probe, correct, broken = PAIRS[fault]
    assert probe(EcomApi(servers().url)) == correct
    assert probe(EcomApi(servers(fault).url)) == broken


@pytest.mark.parametrize("fault", sorted(PAIRS))
def test_a_fault_leaves_the_ordinary_flow_alone(fault: str, servers: Callable[..., ReferenceServer]) -> None:
    api = EcomApi(servers(fault).url)
    order_id = api.payment_in("PartlyCaptured")
    assert api.refund(order_id, 4000).status_code == 200
    assert api.cancel(order_id, release=True).status_code == 200
    assert api.cancel(api.payment_in("Reserved")).status_code == 200
    assert api.cancel(api.new_payment()).status_code == 200
