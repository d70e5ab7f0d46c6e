"""The Recurring part over real HTTP: eCom's token, a full flow, refusals, the hooks, and the asynchronous mode."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Callable

import pytest
import requests

from cancel_conformance.cli import main
from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.recurring.acting import ASYNC_CANCEL_DELAY
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.ecom.ecom_client import EcomApi
from tests.reference.recurring.recurring_client import (
    AGREEMENTS,
    IDEMPOTENCY,
    KEY,
    UNCANCELLABLE,
    RecurringApi,
    problem,
)

WAIT = ASYNC_CANCEL_DELAY.total_seconds() + 0.05


def test_an_ecom_access_token_opens_recurring(reference: ReferenceServer) -> None:
    ecom = EcomApi(reference.url, DEMO_MERCHANTS[0])
    reply = requests.post(f"{reference.url}{AGREEMENTS}", timeout=5, json={},
                          headers={**ecom.headers, IDEMPOTENCY: str(uuid.uuid4())})
    assert problem(reply) == (400, "validation-error")  # past authentication: the body is what is wrong


def test_full_flow(recurring: RecurringApi) -> None:
    created = recurring.create_agreement()
    assert (created.status_code, created.headers["content-type"]) == (201, "application/json")
    agreement_id = created.json()["agreementId"]
    assert recurring.agreement(agreement_id).json()["status"] == "PENDING"
    assert recurring.accept(agreement_id).status_code == 204
    assert recurring.agreement(agreement_id).json()["status"] == "ACTIVE"
    agreement_id, charge_id = recurring.charge_in("PARTIALLY_CAPTURED", agreement_id)
    cancelled = recurring.cancel(agreement_id, charge_id)
    assert (cancelled.status_code, cancelled.content) == (204, b"")
    charge = recurring.read(agreement_id, charge_id)
    assert (charge["status"], charge["summary"]) == ("CHARGED", {"captured": 10000, "refunded": 0, "cancelled": 20000})
    assert [entry["event"] for entry in charge["history"]] == ["CREATE", "RESERVE", "CAPTURE", "CANCEL"]
    assert recurring.refund(agreement_id, charge_id, 10000).status_code == 204
    assert recurring.status(agreement_id, charge_id) == "REFUNDED"
    assert [charge["id"] for charge in recurring.charges(agreement_id).json()] == [charge_id]
    assert recurring.charges(agreement_id, "PENDING").json() == []
    assert recurring.stop(agreement_id).status_code == 204
    assert recurring.agreement(agreement_id).json()["status"] == "STOPPED"


@pytest.mark.parametrize("state", ["PENDING", "DUE", "RESERVED"])
def test_a_cancel_in_a_cancellable_state(recurring: RecurringApi, state: str) -> None:
    ids = recurring.charge_in(state)
    assert recurring.cancel(*ids).status_code == 204
    charge = recurring.read(*ids)
    assert (charge["status"], charge["summary"]["cancelled"], charge["history"][-1]["event"]) == (
        "CANCELLED", 30000, "CANCEL")


@pytest.mark.parametrize("state", UNCANCELLABLE)
def test_a_cancel_in_another_state_is_refused_and_changes_nothing(recurring: RecurringApi, state: str) -> None:
    ids = recurring.charge_in(state)
    before = recurring.read(*ids)
    assert problem(recurring.cancel(*ids)) == (400, "cancel-charge-failed")
    assert recurring.read(*ids) == before


def test_a_cancelled_charge_cannot_be_captured(recurring: RecurringApi) -> None:
    ids = recurring.charge_in("RESERVED")
    recurring.cancel(*ids)
    assert problem(recurring.capture(*ids, 100)) == (400, "charge-capture-failed")
    assert recurring.summary(*ids)["captured"] == 0


def test_unknown_and_other_merchants_resources_are_404(recurring: RecurringApi, other_recurring: RecurringApi) -> None:
    agreement_id, charge_id = recurring.charge_in("RESERVED")
    assert problem(recurring.cancel(agreement_id, "chr_unknown")) == (404, "resource-not-found")
    assert problem(recurring.cancel("agr_unknown", charge_id)) == (404, "resource-not-found")
    assert problem(other_recurring.cancel(agreement_id, charge_id)) == (404, "resource-not-found")
    assert problem(other_recurring.agreement(agreement_id)) == (404, "resource-not-found")
    other_agreement = other_recurring.new_agreement()
    assert problem(other_recurring.cancel(other_agreement, charge_id)) == (404, "resource-not-found")
    assert recurring.status(agreement_id, charge_id) == "RESERVED"


@pytest.mark.parametrize("call", [
    lambda api, ids: api.call("POST", AGREEMENTS, body={}, key=None),
    lambda api, ids: api.stop(ids[0], key=None),
    lambda api, ids: api.accept(ids[0], key=None),
    lambda api, ids: api.create_charge(ids[0], key=None),
    lambda api, ids: api.cancel(*ids, key=None),
    lambda api, ids: api.capture(*ids, 100, key=None),
    lambda api, ids: api.refund(*ids, 100, key=None),
], ids=["create-agreement", "update", "accept", "create-charge", "cancel", "capture", "refund"])
def test_every_modifying_call_needs_an_idempotency_key(recurring: RecurringApi, call: Callable) -> None:
    ids = recurring.charge_in("RESERVED")
    assert problem(call(recurring, ids)) == (400, "idempotency-key-header")
    assert recurring.status(*ids) == "RESERVED"


@pytest.mark.parametrize("key", ["", "x" * 41, "a#b", "a?b", "a/b", "a\\b"])
def test_a_malformed_idempotency_key_is_refused(recurring: RecurringApi, key: str) -> None:
    ids = recurring.charge_in("RESERVED")
    assert problem(recurring.cancel(*ids, key=key)) == (400, "idempotency-key-header")
    assert recurring.status(*ids) == "RESERVED"


def test_retries_are_replayed_and_reuse_is_409(recurring: RecurringApi) -> None:
    agreement_id = recurring.new_agreement()
    first = recurring.create_charge(agreement_id, key="charge-key")
    again = recurring.create_charge(agreement_id, key="charge-key")
    assert (again.status_code, again.json()) == (201, first.json())
    assert len(recurring.charges(agreement_id).json()) == 1
    assert problem(recurring.create_charge(agreement_id, key="charge-key", amount=500)) == (409, "idempotency-conflict")
    ids = (agreement_id, first.json()["chargeId"])
    other = recurring.charge_in("RESERVED", agreement_id)
    assert [recurring.cancel(*ids, key="cancel-key").status_code for _ in range(2)] == [204, 204]
    assert recurring.events(*ids).count("CANCEL") == 1
    assert problem(recurring.cancel(*other, key="cancel-key")) == (409, "idempotency-conflict")
    assert recurring.status(*other) == "RESERVED"


@pytest.mark.parametrize(("headers", "bearer"), [
    ({"Authorization": ""}, True), ({"Authorization": "Bearer forged"}, True), ({KEY: "wrong"}, False),
    ({KEY: DEMO_MERCHANTS[1].subscription_key}, False),
])
def test_credentials_are_checked_first(recurring: RecurringApi, headers: dict[str, str], bearer: bool) -> None:
    ids = recurring.charge_in("RESERVED")
    reply = recurring.call("DELETE", f"{AGREEMENTS}/{ids[0]}/charges/{ids[1]}", headers=headers, key=None)
    assert problem(reply) == (401, "not-authorized")
    assert ("www-authenticate" in reply.headers) == bearer
    assert recurring.status(*ids) == "RESERVED"


def test_the_merchant_serial_number_must_be_the_tokens(recurring: RecurringApi) -> None:
    agreement_id = recurring.new_agreement()
    own = recurring.call("GET", f"{AGREEMENTS}/{agreement_id}", headers={"Merchant-Serial-Number": "123456"})
    assert own.status_code == 200
    other = recurring.call("GET", f"{AGREEMENTS}/{agreement_id}", headers={"Merchant-Serial-Number": "654321"})
    assert problem(other) == (403, "invalid-sale-unit")
    malformed = recurring.call("GET", f"{AGREEMENTS}/{agreement_id}", headers={"Merchant-Serial-Number": "12"})
    assert problem(malformed) == (400, "validation-error")


def test_the_agreement_refusals(recurring: RecurringApi) -> None:
    pending = recurring.new_agreement(active=False)
    assert problem(recurring.create_charge(pending)) == (400, "charge-creation-failed")
    assert problem(recurring.call("PATCH", f"{AGREEMENTS}/{pending}", body={"productName": "x"})) == (
        400, "illegal-agreement-update")
    assert recurring.stop(pending).status_code == 204
    assert problem(recurring.stop(pending)) == (400, "illegal-agreement-update")
    assert problem(recurring.accept(pending)) == (409, "conflict")
    active = recurring.new_agreement()
    assert problem(recurring.accept(active)) == (409, "conflict")
    assert recurring.call("PATCH", f"{AGREEMENTS}/{active}", body={"productName": "Sunday paper"}).status_code == 204
    assert recurring.agreement(active).json()["productName"] == "Sunday paper"


def test_the_hooks(recurring: RecurringApi) -> None:
    agreement_id, charge_id = recurring.new_charge()
    due = recurring.hook(agreement_id, charge_id, "due")
    assert (due.status_code, due.json()["status"]) == (200, "DUE")
    assert problem(recurring.hook(agreement_id, charge_id, "charge")) == (409, "conflict")  # not DIRECT_CAPTURE
    assert recurring.hook(agreement_id, charge_id, "process").json()["status"] == "PROCESSING"
    assert recurring.hook(agreement_id, charge_id, "reserve").json()["status"] == "RESERVED"
    assert problem(recurring.hook(agreement_id, charge_id, "fail")) == (409, "conflict")
    aged = recurring.hook(agreement_id, charge_id, "age", body={"days": 181, "hours": 1})
    assert aged.status_code == 200
    assert problem(recurring.hook(agreement_id, charge_id, "age", body={"hours": 1})) == (400, "validation-error")
    assert problem(recurring.hook(agreement_id, "chr_unknown", "due")) == (404, "resource-not-found")
    no_token = recurring.call("POST", f"/simulation/v1/recurring/agreements/{agreement_id}/charges/{charge_id}/fail",
                              auth=False, key=None)
    assert problem(no_token) == (401, "not-authorized")
    direct = recurring.charge_in("CHARGED_DIRECTLY")
    assert recurring.events(*direct) == ["CREATE", "RESERVE", "CAPTURE"]
    assert recurring.summary(*direct)["captured"] == 30000


def test_capabilities_list_the_recurring_hooks(reference: ReferenceServer) -> None:
    names = requests.get(f"{reference.url}/simulation/v1/capabilities", timeout=5).json()["capabilities"]
    assert {"recurring.accept", "recurring.charges", "recurring.age"} <= set(names)


def test_routing_errors_are_problems(recurring: RecurringApi) -> None:
    assert problem(recurring.call("GET", "/recurring/v3/nowhere")) == (404, "resource-not-found")
    listed = recurring.call("GET", AGREEMENTS)
    assert (problem(listed), listed.headers["allow"]) == ((405, "operation-failed"), "POST")


def test_the_asynchronous_mode_answers_202_and_enacts_later() -> None:
    with ReferenceServer(async_cancel=True) as server:
        recurring = RecurringApi(server.url)
        ids = recurring.charge_in("RESERVED")
        reply = recurring.cancel(*ids, key="async")
        assert (reply.status_code, reply.content) == (202, b"")
        assert recurring.status(*ids) == "RESERVED"
        assert recurring.cancel(*ids, key="async").status_code == 202
        time.sleep(WAIT)
        charge = recurring.read(*ids)
        assert (charge["status"], charge["summary"]["cancelled"]) == ("CANCELLED", 30000)
        assert recurring.events(*ids).count("CANCEL") == 1
        released = recurring.charge_in("PARTIALLY_CAPTURED")
        assert recurring.cancel(*released).status_code == 202
        assert problem(recurring.capture(*released, 100)) == (400, "charge-capture-failed")
        assert recurring.status(*released) == "CHARGED"


def test_serve_takes_the_asynchronous_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[dict] = []
    monkeypatch.setattr("cancel_conformance.reference.server.serve",
                        lambda host, port, faults, **options: served.append(options))
    assert main(["serve", "--async-cancel"]) == 0
    assert main(["serve"]) == 0
    assert served == [{"async_cancel": True}, {"async_cancel": False}]
    alone = subprocess.run([sys.executable, "-m", "cancel_conformance.reference", "--help"], capture_output=True,
                           text=True, timeout=30, check=True)
    assert "--async-cancel" in alone.stdout
