"""Each Recurring fault in pairs: with the switch on, the behaviour its rules forbid; off, the documented one."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import requests

from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.recurring.recurring_client import AGREEMENTS, IDEMPOTENCY, RecurringApi, draft

Probe = Callable[[RecurringApi, RecurringApi], Any]
RACE_PAIRS = 20
# RULES.md: every Recurring rule a fault must break (the state, release, idempotency and contract rules).
RECURRING_RULES = (*(f"RECUR_CAN_0{n}" for n in range(1, 7)), "RECUR_REL_01", "RECUR_REL_02",
                   *(f"RECUR_IDM_0{n}" for n in range(1, 5)), *(f"CON_RECUR_0{n}" for n in range(1, 6)), "MOD_RECUR_01")
FINAL = ("CHARGED", "FAILED", "REFUNDED", "PARTIALLY_REFUNDED", "CANCELLED")


def cancel_in(state: str) -> Probe:
    def probe(api: RecurringApi, other: RecurringApi) -> Any:
        ids = api.charge_in(state)
        return api.cancel(*ids).status_code, api.status(*ids)
    return probe


def stop_reaches(state: str) -> Probe:
    def probe(api: RecurringApi, other: RecurringApi) -> Any:
        ids = api.charge_in(state)
        api.stop(ids[0])
        return api.status(*ids)
    return probe


def both(*probes: Probe) -> Probe:
    return lambda api, other: tuple(probe(api, other) for probe in probes)


def final_cancels(api: RecurringApi, other: RecurringApi) -> Any:
    answers = []
    for state in FINAL:
        ids = api.charge_in(state)
        before = api.read(*ids)
        answers.append((api.cancel(*ids).status_code, api.read(*ids) == before))
    return tuple(answers)


def capture_after_cancel(api: RecurringApi, other: RecurringApi) -> Any:
    answers = []
    for state in ("PENDING", "RESERVED"):
        ids = api.charge_in(state)
        api.cancel(*ids)
        answers.append((api.capture(*ids, 30000).status_code, api.summary(*ids)["captured"]))
    return tuple(answers)


def cancel_unknown(api: RecurringApi, other: RecurringApi) -> Any:
    agreement_id = api.new_agreement()
    return api.cancel(agreement_id, "chr_unknown").status_code, api.cancel("agr_unknown", "chr_unknown").status_code


def other_merchant_cancels(api: RecurringApi, other: RecurringApi) -> Any:
    ids = api.charge_in("RESERVED")
    return other.cancel(*ids).status_code, api.status(*ids)


def release(api: RecurringApi, other: RecurringApi) -> Any:
    ids = api.charge_in("PARTIALLY_CAPTURED")
    cancelled = api.cancel(*ids).status_code
    charge = api.read(*ids)
    return cancelled, charge["status"], charge["summary"]["cancelled"], api.capture(*ids, 20000).status_code


def cancel_without_key(api: RecurringApi, other: RecurringApi) -> Any:
    ids = api.charge_in("RESERVED")
    return api.cancel(*ids, key=None).status_code, api.status(*ids)


def cancel_twice_with_one_key(api: RecurringApi, other: RecurringApi) -> Any:
    ids, key = api.charge_in("RESERVED"), str(uuid.uuid4())
    return api.cancel(*ids, key=key).status_code, api.cancel(*ids, key=key).status_code, api.events(*ids).count(
        "CANCEL")


def reuse_key_on_another_charge(api: RecurringApi, other: RecurringApi) -> Any:
    first, second, key = api.charge_in("RESERVED"), api.charge_in("RESERVED"), str(uuid.uuid4())
    api.cancel(*first, key=key)
    return api.cancel(*second, key=key).status_code, api.status(*second)


def failed_filter(api: RecurringApi, other: RecurringApi) -> Any:
    agreement_id = api.new_agreement()
    return api.charges(agreement_id, "FAILED").status_code, api.charges(agreement_id, "PENDING").status_code


def unknown_agreement_status_type(api: RecurringApi, other: RecurringApi) -> Any:
    read = api.agreement("agr_unknown").json()["status"]
    cancelled = api.cancel("agr_unknown", "chr_unknown").json()["status"]
    return type(read).__name__, type(cancelled).__name__


def malformed_keys(api: RecurringApi, other: RecurringApi) -> Any:
    ids = api.charge_in("RESERVED")
    created = api.call("POST", AGREEMENTS, body=draft(), key="k" * 41).status_code
    return created, api.cancel(*ids, key="a/b").status_code, api.status(*ids), api.cancel(*ids, key=None).status_code


def reads_without_auth(api: RecurringApi, other: RecurringApi) -> Any:
    agreement_id, charge_id = api.new_charge()
    return (api.call("GET", f"{AGREEMENTS}/{agreement_id}", auth=False).status_code,
            api.call("GET", f"{AGREEMENTS}/{agreement_id}/charges/{charge_id}", auth=False).status_code)


def summary_types(api: RecurringApi, other: RecurringApi) -> Any:
    agreement_id, charge_id = api.new_charge()
    listed = api.charges(agreement_id).json()[0]["summary"]["captured"]
    return type(listed).__name__, type(api.summary(agreement_id, charge_id)["captured"]).__name__


# fault -> (probe, answer without the fault, answer with it)
def cancel_after_release_and_refund(api: RecurringApi, other: RecurringApi) -> Any:
    """Capture part, cancel (the rest released), refund, cancel again (MOD_RECUR_01's sequence)."""
    ids = api.charge_in("PARTIALLY_CAPTURED")
    assert api.cancel(*ids).status_code in (202, 204)
    assert api.refund(*ids, 5000).status_code in (202, 204)
    return api.cancel(*ids).status_code, api.status(*ids)


PAIRS: dict[str, tuple[Probe, Any, Any]] = {
    "released-charge-cancelled-after-refund": (cancel_after_release_and_refund, (400, "PARTIALLY_REFUNDED"),
                                               (204, "CANCELLED")),
    "due-charge-cancel-refused": (both(cancel_in("DUE"), cancel_in("PENDING"), stop_reaches("DUE")),
                                  ((204, "CANCELLED"), (204, "CANCELLED"), "CANCELLED"),
                                  ((400, "DUE"), (204, "CANCELLED"), "CANCELLED")),
    "cancel-failed-charge": (both(cancel_in("FAILED"), cancel_in("CHARGED")), ((400, "FAILED"), (400, "CHARGED")),
                             ((204, "CANCELLED"), (400, "CHARGED"))),
    "final-charge-cancel-answers-204": (final_cancels, ((400, True),) * 5, ((204, True),) * 5),
    "capture-cancelled-charge": (capture_after_cancel, ((400, 0), (400, 0)), ((204, 30000), (400, 0))),
    "unknown-charge-cancel-answers-204": (cancel_unknown, (404, 404), (204, 404)),
    "charge-cancel-ignores-merchant": (other_merchant_cancels, (404, "RESERVED"), (204, "CANCELLED")),
    "release-keeps-capturable": (release, (204, "CHARGED", 20000, 400), (204, "CHARGED", 20000, 204)),
    "release-not-counted": (release, (204, "CHARGED", 20000, 400), (204, "CHARGED", 0, 400)),
    "charge-cancel-key-optional": (cancel_without_key, (400, "RESERVED"), (204, "CANCELLED")),
    "charge-cancel-retry-not-replayed": (cancel_twice_with_one_key, (204, 204, 1), (204, 400, 1)),
    "charge-cancel-key-reuse-accepted": (reuse_key_on_another_charge, (409, "RESERVED"), (204, "RESERVED")),
    "stop-leaves-reserved-charges": (both(stop_reaches("PENDING"), stop_reaches("DUE"), stop_reaches("RESERVED")),
                                     ("CANCELLED", "CANCELLED", "CANCELLED"), ("CANCELLED", "CANCELLED", "RESERVED")),
    "server-error-on-failed-charge-filter": (failed_filter, (200, 200), (500, 200)),
    "unknown-agreement-status-as-string": (unknown_agreement_status_type, ("int", "int"), ("str", "int")),
    "idempotency-key-format-unchecked": (malformed_keys, (400, 400, "RESERVED", 400), (201, 204, "CANCELLED", 400)),
    "agreement-read-without-auth": (reads_without_auth, (401, 401), (200, 401)),
    "charge-list-summary-as-strings": (summary_types, ("int", "int"), ("str", "int")),
}


def test_every_recurring_rule_has_a_fault_of_its_own() -> None:
    faulted = {rule for name in PAIRS for rule in FAULTS[name].rules}
    assert faulted == set(RECURRING_RULES)
    assert {name for name, fault in FAULTS.items() if all(rule in RECURRING_RULES for rule in fault.rules)} == \
        set(PAIRS)
    assert sorted(FAULTS[name].rules[0] for name in PAIRS if len(FAULTS[name].rules) == 1) == sorted(
        set(RECURRING_RULES) - {"RECUR_CAN_02"})


@pytest.mark.parametrize("fault", sorted(PAIRS))
def test_fault_switch(fault: str, servers: Callable[..., ReferenceServer]) -> None:
    probe, correct, broken = PAIRS[fault]
    clean, faulty = servers(), servers(fault)
    assert probe(RecurringApi(clean.url), other_merchant(clean)) == correct
    assert probe(RecurringApi(faulty.url), other_merchant(faulty)) == broken


@pytest.mark.parametrize("fault", sorted(PAIRS))
def test_a_fault_leaves_the_ordinary_flow_alone(fault: str, servers: Callable[..., ReferenceServer]) -> None:
    api = RecurringApi(servers(fault).url)
    for state in ("PENDING", "RESERVED"):
        ids = api.charge_in(state)
        assert api.cancel(*ids).status_code == 204
        assert api.status(*ids) == "CANCELLED"
    ids = api.charge_in("CHARGED")
    assert api.refund(*ids, 30000).status_code == 204
    assert api.stop(ids[0]).status_code == 204


def other_merchant(server: ReferenceServer) -> RecurringApi:
    return RecurringApi(server.url, DEMO_MERCHANTS[1])


def send_together(api: RecurringApi, calls: list[tuple[str, str, Any]]) -> list[int]:
    """Send the requests at the same moment from a barrier, each on its own connection; their statuses."""
    barrier, statuses = threading.Barrier(len(calls)), [0] * len(calls)

    def send(index: int) -> None:
        method, path, body = calls[index]
        barrier.wait()
        statuses[index] = requests.request(method, f"{api.url}{path}", json=body, timeout=5,
                                           headers={**api.headers, IDEMPOTENCY: str(uuid.uuid4())}).status_code

    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def how_often(count: int) -> str:
    return "never" if count == 0 else "nearly always" if count >= RACE_PAIRS * 3 // 4 else "sometimes"


def race(second: str) -> Callable[[RecurringApi], tuple[str, str]]:
    """How often a cancel and `second` (a capture of all, or another cancel) of a reserved charge both take effect."""
    def probe(api: RecurringApi) -> tuple[str, str]:
        both_succeeded, doubled = 0, 0
        for _ in range(RACE_PAIRS):
            agreement_id, charge_id = api.charge_in("RESERVED")
            path = f"{AGREEMENTS}/{agreement_id}/charges/{charge_id}"
            other = ("POST", f"{path}/capture", {"amount": 30000, "description": "race"}) if second == "capture" \
                else ("DELETE", path, None)
            both_succeeded += send_together(api, [("DELETE", path, None), other]) == [204, 204]
            doubled += api.events(agreement_id, charge_id).count("CANCEL") > 1
        return how_often(both_succeeded), how_often(doubled)
    return probe


@pytest.mark.parametrize(("faults", "expected"), [
    ((), (("never", "never"), ("never", "never"))),
    (("unlocked-cancel-capture",), (("nearly always", "never"), ("never", "never"))),
    (("unlocked-duplicate-cancel",), (("never", "never"), ("nearly always", "nearly always"))),
])
def test_the_unlocked_faults_race_charges_too(servers: Callable[..., ReferenceServer], faults: tuple[str, ...],
                                              expected: tuple) -> None:
    # SAFE_01: a cancel and a capture at once; SAFE_02: two cancels at once. Each fault breaks only its own.
    api = RecurringApi(servers(*faults).url)
    assert (race("capture")(api), race("cancel")(api)) == expected
