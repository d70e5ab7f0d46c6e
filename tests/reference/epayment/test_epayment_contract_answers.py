"""The reference's real ePayment answers, success and refusal of every operation, are within its contracts.

Each answer is validated as schemathesis validates a fuzzed one: documented status, content type
and body schema (`contracts/epayment.v1.yaml`, the hooks against `contracts/simulation.v1.yaml`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
import schemathesis
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cancel_conformance.reference.server import ReferenceServer
from tests.reference.epayment.epayment_client import AMOUNT, PAYMENTS, EpaymentApi

ROOT = Path(__file__).parents[3]
CONTRACT = schemathesis.openapi.from_path(str(ROOT / "contracts" / "epayment.v1.yaml"))
SIMULATION = schemathesis.openapi.from_path(str(ROOT / "contracts" / "simulation.v1.yaml"))
CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]
PAYMENT = f"{PAYMENTS}/{{reference}}"
HOOK = "/simulation/v1/epayment/payments/{reference}"
CUSTOMER = {"customer": {"phoneNumber": "4712345678"}}

Send = Callable[[EpaymentApi], requests.Response]
Exchange = tuple[str, Send]  # the contract's operation label, and how to get an answer from it


def within_contract(label: str, reply: requests.Response) -> None:
    schema = SIMULATION if label.split(" ", 1)[1].startswith("/simulation/") else CONTRACT
    operation = schema.find_operation_by_label(label)
    assert operation is not None, label
    path = {"reference": "placeholder"} if "{reference}" in label else {}
    operation.Case(path_parameters=path, media_type="application/json").validate_response(reply, checks=CHECKS)


def exchange(label: str, send: Callable[[EpaymentApi, str], requests.Response], state: str = "Created") -> Exchange:
    """`send` to a new payment in `state`, answered under the operation `label`."""
    return label, lambda api: send(api, api.payment_in(state))


def on_unknown(label: str, send: Callable[[EpaymentApi, str], requests.Response]) -> Exchange:
    return label, lambda api: send(api, f"unknown-{uuid.uuid4().hex[:8]}")


CREATE, GET, EVENTS = f"POST {PAYMENTS}", f"GET {PAYMENT}", f"GET {PAYMENT}/events"
CANCEL, CAPTURE, REFUND = f"POST {PAYMENT}/cancel", f"POST {PAYMENT}/capture", f"POST {PAYMENT}/refund"
APPROVE = "POST /epayment/v1/test/payments/{reference}/approve"

EXCHANGES: dict[str, Exchange] = {
    "create 201": (CREATE, lambda api: api.create()),
    "create 201 push message, no redirect URL": (CREATE, lambda api: api.create(
        userFlow="PUSH_MESSAGE", customer={"phoneNumber": "4791234567"}, metadata={"order": "1"})),
    "create 400 body": (CREATE, lambda api: api.create(amount=-1)),
    "create 400 domain": (CREATE, lambda api: api.create(amount=99)),
    "create 400 no key": (CREATE, lambda api: api.call("POST", PAYMENTS, body={})),
    "create 401": (CREATE, lambda api: api.call("POST", PAYMENTS, body={}, auth=False, key="k")),
    "create 403": (CREATE, lambda api: api.call("POST", PAYMENTS, body={}, key="k",
                                                headers={"Merchant-Serial-Number": "654321"})),
    "create 409": (CREATE, lambda api: api.create(reference=api.new_payment())),
    "get 200": exchange(GET, lambda api, ref: api.call("GET", f"{PAYMENTS}/{ref}")),
    "get 200 authorized": exchange(GET, lambda api, ref: api.call("GET", f"{PAYMENTS}/{ref}"), "Released"),
    "get 400": (GET, lambda api: api.call("GET", f"{PAYMENTS}/short")),
    "get 401": exchange(GET, lambda api, ref: api.call("GET", f"{PAYMENTS}/{ref}", auth=False)),
    "get 404": on_unknown(GET, lambda api, ref: api.call("GET", f"{PAYMENTS}/{ref}")),
    "events 200": exchange(EVENTS, lambda api, ref: api.call("GET", f"{PAYMENTS}/{ref}/events"), "Released"),
    "events 404": on_unknown(EVENTS, lambda api, ref: api.call("GET", f"{PAYMENTS}/{ref}/events")),
    "events 403": exchange(EVENTS, lambda api, ref: api.call("GET", f"{PAYMENTS}/{ref}/events",
                                                             headers={"Merchant-Serial-Number": "654321"})),
    "cancel 200 terminated": exchange(CANCEL, lambda api, ref: api.cancel(ref)),
    "cancel 200 released": exchange(CANCEL, lambda api, ref: api.cancel(ref, body={"cancelTransactionOnly": False}),
                                    "PartlyCaptured"),
    "cancel 400 captured": exchange(CANCEL, lambda api, ref: api.cancel(ref), "Captured"),
    "cancel 400 not an object": exchange(CANCEL, lambda api, ref: api.cancel(ref, body=[])),
    "cancel 404": on_unknown(CANCEL, lambda api, ref: api.cancel(ref)),
    "cancel 409": exchange(CANCEL, lambda api, ref: (api.cancel(ref, key="reused-" + ref),
                                                     api.cancel(api.new_payment(), key="reused-" + ref))[1]),
    "cancel 423": exchange(CANCEL, lambda api, ref: api.cancel(ref), "Authorizing"),
    "capture 200": exchange(CAPTURE, lambda api, ref: api.capture(ref, 100), "Authorized"),
    "capture 400": exchange(CAPTURE, lambda api, ref: api.capture(ref, 100), "Cancelled"),
    "capture 404": on_unknown(CAPTURE, lambda api, ref: api.capture(ref, 100)),
    "refund 200": exchange(REFUND, lambda api, ref: api.refund(ref, 100), "Captured"),
    "refund 400": exchange(REFUND, lambda api, ref: api.refund(ref, 100), "Terminated"),
    "approve 200": exchange(APPROVE, lambda api, ref: api.approve(ref, body=CUSTOMER)),
    "approve 400": exchange(APPROVE, lambda api, ref: api.approve(ref, body={"customer": {}})),
    "approve 404": on_unknown(APPROVE, lambda api, ref: api.approve(ref)),
    "approve 409": exchange(APPROVE, lambda api, ref: api.approve(ref), "Aborted"),
    "abort 200": exchange(f"POST {HOOK}/abort", lambda api, ref: api.hook(ref, "abort")),
    "expire 409": exchange(f"POST {HOOK}/expire", lambda api, ref: api.hook(ref, "expire"), "Authorized"),
    "start-3ds 404": on_unknown(f"POST {HOOK}/start-3ds", lambda api, ref: api.hook(ref, "start-3ds")),
    "finish-3ds 200": exchange(f"POST {HOOK}/finish-3ds", lambda api, ref: api.hook(ref, "finish-3ds"),
                               "Authorizing"),
    "age 200": exchange(f"POST {HOOK}/age", lambda api, ref: api.hook(ref, "age", body={"days": 1}), "Captured"),
    "age 400": exchange(f"POST {HOOK}/age", lambda api, ref: api.hook(ref, "age", body={"days": "1"})),
    "age 401": exchange(f"POST {HOOK}/age", lambda api, ref: api.call("POST", f"{HOOK.format(reference=ref)}/age",
                                                                     body={"days": 1}, auth=False)),
}


@pytest.mark.parametrize("name", sorted(EXCHANGES))
def test_every_answer_is_within_the_contract(name: str, reference: ReferenceServer) -> None:
    label, send = EXCHANGES[name]
    reply = send(EpaymentApi(reference.url))
    assert reply.status_code == int(name.split(" ")[1]), reply.text
    within_contract(label, reply)


def test_every_operation_and_each_cancel_status_is_exercised() -> None:
    exercised = {(label, int(name.split(" ")[1])) for name, (label, _) in EXCHANGES.items()}
    operations = {result.ok().label for result in CONTRACT.get_all_operations()}
    assert {label for label, _ in exercised} >= operations
    assert {(CANCEL, status) for status in (200, 400, 404, 409, 423)} <= exercised


def test_a_payment_walks_its_whole_life_within_the_contract(reference: ReferenceServer) -> None:
    api = EpaymentApi(reference.url)
    created = api.create()
    within_contract(CREATE, created)
    ref = created.json()["reference"]
    for label, reply in ((APPROVE, api.approve(ref)), (CAPTURE, api.capture(ref, 10000)),
                         (REFUND, api.refund(ref, 4000)), (CANCEL, api.cancel(ref)),
                         (GET, api.call("GET", f"{PAYMENTS}/{ref}")),
                         (EVENTS, api.call("GET", f"{PAYMENTS}/{ref}/events")),
                         (CAPTURE, api.capture(ref, 100)), (REFUND, api.refund(ref, AMOUNT))):
        within_contract(label, reply)
    assert api.aggregate(ref)["cancelled"] == AMOUNT - 10000


@pytest.mark.parametrize(("fault", "label", "send"), [
    ("epayment-unknown-reference-trace-id-number", GET, lambda api: api.call("GET", f"{PAYMENTS}/never-created")),
    ("epayment-cancelled-events-off-contract", EVENTS, lambda api: api.call(
        "GET", f"{PAYMENTS}/{_refunded_and_cancelled(api)}/events")),
])
def test_the_check_catches_an_answer_outside_the_contract(servers: Callable[..., ReferenceServer], fault: str,
                                                          label: str, send: Send) -> None:
    reply = send(EpaymentApi(servers(fault).url))
    assert reply.status_code in (200, 404)
    with pytest.raises((AssertionError, BaseExceptionGroup)):  # a schemathesis Failure, or a FailureGroup
        within_contract(label, reply)


def _refunded_and_cancelled(api: EpaymentApi) -> str:
    reference = api.payment_in("PartlyCaptured")
    api.refund(reference, 100)
    api.cancel(reference)
    return reference
