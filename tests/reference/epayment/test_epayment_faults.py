"""Each ePayment fault in pairs: with the switch on, the behaviour its rules forbid; off, the documented one."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import requests

from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.epayment.epayment_client import AMOUNT, PART, PAYMENTS, EpaymentApi, nok
from tests.reference.epayment.rules import EPAYMENT_FAMILIES, EPAYMENT_RULES

Probe = Callable[[EpaymentApi], Any]
RACE_PAIRS = 20


def answer(reply: requests.Response) -> tuple[int, str | None]:
    """The status and the ErrorCode (None for a 2xx or a Problem without one)."""
    if reply.status_code < 300:
        return reply.status_code, None
    codes = [entry["reason"] for entry in reply.json().get("extraDetails", []) if entry["name"] == "ErrorCode"]
    return reply.status_code, codes[0] if codes else None


def cancel_in(state: str, body: Any = None, what: Callable[[EpaymentApi, str], Any] | None = None) -> Probe:
    """The cancel's answer in `state`, then `what` the payment shows (its state, by default)."""
    def probe(api: EpaymentApi) -> Any:
        reference = api.payment_in(state)
        reply = api.cancel(reference) if body is None else api.cancel(reference, body=body)
        return answer(reply), (what or EpaymentApi.state)(api, reference)
    return probe


def both(*probes: Probe) -> Probe:
    return lambda api: tuple(probe(api) for probe in probes)


def last_event(api: EpaymentApi, reference: str) -> tuple[str, int]:
    return api.names(reference)[-1], api.aggregate(reference)["cancelled"]


def cancelled(api: EpaymentApi, reference: str) -> int:
    return api.aggregate(reference)["cancelled"]


def approve_after_cancel(api: EpaymentApi) -> Any:
    reference = api.payment_in("Terminated")
    return answer(api.approve(reference)), api.state(reference)


def rest_after_partial_cancel(api: EpaymentApi) -> Any:
    reference = api.payment_in("PartlyCaptured")
    reply = api.cancel(reference)
    return answer(reply), cancelled(api, reference), answer(api.capture(reference, AMOUNT - PART))


def unchanged_after_cancel(api: EpaymentApi, reference: str) -> Any:
    return api.state(reference), api.aggregate(reference), api.names(reference)


def final_states_cancelled(api: EpaymentApi) -> Any:
    found = []
    for state in ("Aborted", "Expired", "Terminated", "Cancelled", "Released"):
        reference = api.payment_in(state)
        before = unchanged_after_cancel(api, reference)
        found.append((answer(api.cancel(reference))[0], unchanged_after_cancel(api, reference) == before))
    return tuple(found)


def cancel_unknown(api: EpaymentApi) -> Any:
    return answer(api.cancel("never-created")), answer(api.call("GET", f"{PAYMENTS}/never-created"))


def refund_after_cancel(api: EpaymentApi) -> Any:
    return tuple(answer(api.refund(api.payment_in(state), 100))[0] for state in ("Terminated", "Cancelled"))


def cancel_bodies(api: EpaymentApi) -> Any:
    bodies = ({}, {"cancelTransactionOnly": False})
    plain = tuple(answer(api.cancel(api.payment_in("Authorized"), body=body))[0] for body in bodies)
    return plain, answer(api.cancel(api.payment_in("Authorized")))[0], \
        answer(api.cancel(api.payment_in("Created"), body={"cancelTransactionOnly": True}))[0]


def aged_cancel(days: int, hours: int = 0) -> Probe:
    def probe(api: EpaymentApi) -> Any:
        reference = api.payment_in("Authorized")
        api.hook(reference, "age", body={"days": days, "hours": hours})
        return answer(api.cancel(reference))
    return probe


def cancel_retried(api: EpaymentApi) -> Any:
    reference, key = api.payment_in("Authorized"), str(uuid.uuid4())
    first, again = api.cancel(reference, key=key), api.cancel(reference, key=key)
    return answer(first), answer(again), api.names(reference).count("CANCELLED")


def key_reused(api: EpaymentApi) -> Any:
    first, second, key = api.payment_in("Authorized"), api.payment_in("Authorized"), str(uuid.uuid4())
    api.cancel(first, key=key)
    return answer(api.cancel(second, key=key))[0], cancelled(api, second)


def events_of_unknown(api: EpaymentApi) -> Any:
    known = api.new_payment()
    return (api.call("GET", f"{PAYMENTS}/never-created/events").status_code,
            api.call("GET", f"{PAYMENTS}/{known}/events").status_code)


def trace_id_types(api: EpaymentApi) -> Any:
    replies = (api.call("GET", f"{PAYMENTS}/never-created"), api.call("GET", f"{PAYMENTS}/never-created/events"),
               api.cancel("never-created"))
    return tuple(type(reply.json()["traceId"]).__name__ for reply in replies)


def create_with_invalid_fields(api: EpaymentApi) -> Any:
    invalid = ({"qrFormat": {}}, {"paymentDescription": "ab"}, {"metadata": [1]}, {"receipt": {"orderLines": []}},
               {"customer": {}})
    return tuple(api.create(**fields).status_code for fields in invalid)


def without_auth(api: EpaymentApi) -> Any:
    reference = api.new_payment()
    return (api.call("GET", f"{PAYMENTS}/{reference}/events", auth=False).status_code,
            api.call("GET", f"{PAYMENTS}/{reference}", auth=False).status_code)


def event_value_types(api: EpaymentApi) -> Any:
    refunded = api.payment_in("PartlyCaptured")
    api.refund(refunded, 4000)
    api.cancel(refunded)
    plain = (api.payment_in("Released"), api.payment_in("Cancelled"), api.payment_in("Terminated"))
    return tuple({type(event["amount"]["value"]).__name__ for event in api.events(reference)}
                 for reference in (refunded, *plain))


# fault -> (probe, answer without the fault, answer with it)
def cancel_after_refund_of_a_partial_capture(api: EpaymentApi) -> Any:
    """Capture part, refund, cancel (MOD_EPAY_01's sequence): what the aggregate then counts as cancelled."""
    reference = api.payment_in("PartlyCaptured")
    assert api.refund(reference, 100).status_code == 200
    return answer(api.cancel(reference)), api.state(reference), cancelled(api, reference)


PAIRS: dict[str, tuple[Probe, Any, Any]] = {
    "epayment-cancel-counts-refunds": (cancel_after_refund_of_a_partial_capture,
                                       ((200, None), "AUTHORIZED", AMOUNT - PART),
                                       ((200, None), "AUTHORIZED", AMOUNT - PART + 100)),
    "epayment-terminated-still-approvable": (approve_after_cancel, ((409, "10020"), "TERMINATED"),
                                             ((200, None), "AUTHORIZED")),
    "epayment-authorized-cancel-logs-terminated": (
        both(cancel_in("Authorized", what=last_event), cancel_in("AuthorizedAfter3DSecure", what=last_event)),
        (((200, None), ("CANCELLED", AMOUNT)),) * 2,
        (((200, None), ("TERMINATED", AMOUNT)), ((200, None), ("CANCELLED", AMOUNT)))),
    "epayment-partial-cancel-keeps-remaining": (rest_after_partial_cancel, ((200, None), AMOUNT - PART, (400, "6070")),
                                                ((200, None), 0, (200, None))),
    "epayment-cancel-captured-accepted": (cancel_in("Captured", what=cancelled), ((400, "6040"), 0), ((200, None), 0)),
    "epayment-captured-cancel-wrong-code": (cancel_in("Captured", what=cancelled), ((400, "6040"), 0),
                                            ((400, "6190"), 0)),
    "epayment-cancel-terminates-aborted": (both(cancel_in("Aborted"), cancel_in("Expired")),
                                           (((400, "6050"), "ABORTED"), ((400, "6050"), "EXPIRED")),
                                           (((200, None), "TERMINATED"),) * 2),
    "epayment-final-cancel-answers-200": (final_states_cancelled, ((400, True),) * 5, ((200, True),) * 5),
    "epayment-unknown-reference-cancel-400": (cancel_unknown, ((404, "5090"), (404, "5090")),
                                              ((400, "5090"), (404, "5090"))),
    "epayment-refund-after-cancel": (refund_after_cancel, (400, 400), (200, 200)),
    "epayment-cancel-body-refused": (cancel_bodies, ((200, 200), 200, 200), ((400, 400), 200, 200)),
    "epayment-cto-created-refused": (cancel_in("Created", {"cancelTransactionOnly": True}), ((200, None), "TERMINATED"),
                                     ((400, "6060"), "CREATED")),
    "epayment-cto-releases-authorized": (cancel_in("Authorized", {"cancelTransactionOnly": True}, cancelled),
                                         ((400, "6060"), 0), ((200, None), AMOUNT)),
    "epayment-cto-wrong-code": (cancel_in("PartlyCaptured", {"cancelTransactionOnly": True}, cancelled),
                                ((400, "6060"), 0), ((400, "6190"), 0)),
    "epayment-cancel-during-3ds": (cancel_in("Authorizing", what=cancelled), ((423, "6250"), 0), ((200, None), AMOUNT)),
    "epayment-cancel-after-3ds-refused": (both(cancel_in("AuthorizedAfter3DSecure", what=cancelled),
                                               cancel_in("Authorized", what=cancelled)),
                                          (((200, None), AMOUNT),) * 2, (((423, "6250"), 0), ((200, None), AMOUNT))),
    "epayment-age-limit-ignored": (both(aged_cancel(181), aged_cancel(180, 1), aged_cancel(179, 23)),
                                   ((400, "6030"), (400, "6030"), (200, None)), ((200, None),) * 3),
    "epayment-age-limit-179-days": (both(aged_cancel(178, 23), aged_cancel(179), aged_cancel(181)),
                                    ((200, None), (200, None), (400, "6030")),
                                    ((200, None), (400, "6030"), (400, "6030"))),
    "epayment-age-wrong-code": (aged_cancel(181), (400, "6030"), (400, "6190")),
    "epayment-cancel-retry-repeated": (cancel_retried, ((200, None), (200, None), 1), ((200, None), (400, "6190"), 1)),
    "epayment-key-reuse-replays": (key_reused, (409, 0), (200, 0)),
    "epayment-events-server-error": (events_of_unknown, (404, 200), (500, 200)),
    "epayment-unknown-reference-trace-id-number": (trace_id_types, ("str", "str", "str"), ("int", "int", "str")),
    "epayment-create-checks-only-what-it-uses": (create_with_invalid_fields, (400,) * 5, (201, 201, 201, 201, 400)),
    "epayment-events-without-auth": (without_auth, (401, 401), (200, 401)),
    "epayment-cancelled-events-off-contract": (event_value_types, ({"int"},) * 4, ({"str"}, {"int"}, {"int"}, {"int"})),
}


@pytest.mark.parametrize("fault", sorted(PAIRS))
def test_fault_switch(fault: str, servers: Callable[..., ReferenceServer]) -> None:
    probe, correct, broken = PAIRS[fault]
    assert probe(EpaymentApi(servers().url)) == correct
    assert probe(EpaymentApi(servers(fault).url)) == broken


@pytest.mark.parametrize("fault", sorted(PAIRS))
def test_a_fault_leaves_the_ordinary_flow_alone(fault: str, servers: Callable[..., ReferenceServer]) -> None:
    api = EpaymentApi(servers(fault).url)
    reference = api.payment_in("PartlyCaptured")
    assert api.capture(reference, AMOUNT - PART).status_code == 200
    assert api.refund(reference, 4000).status_code == 200
    assert api.aggregate(reference) == {"authorized": AMOUNT, "cancelled": 0, "captured": AMOUNT, "refunded": 4000}
    assert api.cancel(api.payment_in("Authorized")).status_code == 200
    assert api.cancel(api.new_payment()).json()["state"] == "TERMINATED"


def test_every_epayment_fault_is_paired_and_every_epayment_rule_has_one() -> None:
    epayment_faults = {name for name, fault in FAULTS.items()
                       if all(rule_id.startswith(EPAYMENT_FAMILIES) for rule_id in fault.rules)}
    assert epayment_faults == set(PAIRS)
    faulted = {rule_id for name in PAIRS for rule_id in FAULTS[name].rules}
    assert faulted == set(EPAYMENT_RULES)


def send_together(api: EpaymentApi, calls: list[tuple[str, Any]]) -> list[int]:
    """Send the requests at the same moment from a barrier, each on its own connection; their statuses."""
    barrier, statuses = threading.Barrier(len(calls)), [0] * len(calls)

    def send(index: int) -> None:
        path, body = calls[index]
        barrier.wait()
        headers = {**api.headers, "Idempotency-Key": str(uuid.uuid4())}
        statuses[index] = requests.post(f"{api.url}{path}", json=body, headers=headers, timeout=5).status_code

    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def how_often(count: int) -> str:
    return "never" if count == 0 else "nearly always" if count >= RACE_PAIRS * 3 // 4 else "sometimes"


def race(second: str) -> Probe:
    """How often a cancel and a `second` (capture or cancel) of an authorized payment both succeed, and how often
    the payment then shows two cancellations."""
    def probe(api: EpaymentApi) -> Any:
        both_succeeded, twice = 0, 0
        for _ in range(RACE_PAIRS):
            reference = api.payment_in("Authorized")
            other = (f"{PAYMENTS}/{reference}/capture", {"modificationAmount": nok(AMOUNT)}) if second == "capture" \
                else (f"{PAYMENTS}/{reference}/cancel", None)
            both_succeeded += send_together(api, [(f"{PAYMENTS}/{reference}/cancel", None), other]) == [200, 200]
            twice += api.names(reference).count("CANCELLED") > 1
        return how_often(both_succeeded), how_often(twice)
    return probe


# SAFE_01: a cancel and a capture at once; SAFE_02: two cancels at once. Each fault breaks only its own, on
# ePayment too.
@pytest.mark.parametrize(("faults", "expected"), [
    ((), (("never", "never"), ("never", "never"))),
    (("unlocked-cancel-capture",), (("nearly always", "never"), ("never", "never"))),
    (("unlocked-duplicate-cancel",), (("never", "never"), ("nearly always", "nearly always"))),
])
def test_the_unlocked_faults_race_on_epayment(servers: Callable[..., ReferenceServer], faults: tuple[str, ...],
                                              expected: Any) -> None:
    api = EpaymentApi(servers(*faults).url)
    assert (race("capture")(api), race("cancel")(api)) == expected
