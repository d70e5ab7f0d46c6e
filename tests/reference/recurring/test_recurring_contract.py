"""The reference's real Recurring answers, success and refusal, of every operation, judged by the contracts.

Every answer is checked as the suite's fuzzing checks one (documented status, content type and body
schema); the link walk goes from nothing to an ACTIVE agreement with a charge and finds nothing; a short
fuzzing campaign finds nothing either.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
import schemathesis
import yaml
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cancel_conformance.exchange import Recorder, Redactor
from cancel_conformance.fuzz.campaign import CampaignSettings, run_campaign
from cancel_conformance.fuzz.link_walk import walk_links
from cancel_conformance.http import HttpSession
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.recurring.recurring_client import AGREEMENTS, KEY, UNCANCELLABLE, RecurringApi, draft

ROOT = Path(__file__).parents[3]
CONTRACT = ROOT / "contracts" / "recurring.v3.yaml"
SIMULATION = ROOT / "contracts" / "simulation.v1.yaml"
CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]


def exercise(api: RecurringApi) -> None:
    """Every operation and hook, answered with success and with refusals (the answers land in api.replies)."""
    pending = api.new_agreement(active=False)
    api.agreement(pending)
    api.create_charge(pending)
    api.call("PATCH", f"{AGREEMENTS}/{pending}", body={"productName": "x"})
    api.accept(pending)
    api.accept(pending)
    api.agreement("agr_unknown")
    api.agreement("agr.bad")
    api.call("POST", AGREEMENTS, body=draft(productName=""))
    api.call("POST", AGREEMENTS, body=draft(), key=None)
    api.call("GET", f"{AGREEMENTS}/{pending}", auth=False)
    for state in (*UNCANCELLABLE, "PENDING", "DUE", "RESERVED", "PARTIALLY_CAPTURED", "CHARGED_DIRECTLY"):
        ids = api.charge_in(state)
        api.cancel(*ids)
        api.capture(*ids, 100)
        api.refund(*ids, 100)
        api.read(*ids)
    agreement_id, charge_id = api.charge_in("RESERVED")
    api.cancel(agreement_id, "chr_unknown")
    api.call("GET", f"{AGREEMENTS}/{agreement_id}/charges/chr_unknown")
    api.cancel(agreement_id, charge_id, key="reused")
    api.cancel(*api.charge_in("RESERVED", agreement_id), key="reused")
    api.charges(agreement_id)
    api.charges(agreement_id, "CANCELLED")
    api.charges(agreement_id, "LOST")
    api.charges("agr_unknown")
    api.create_charge(agreement_id, due="2020-01-01")
    api.create_charge(agreement_id, amount=5)
    api.hook(agreement_id, charge_id, "due")
    api.hook(agreement_id, "chr_unknown", "reserve")
    api.hook(agreement_id, charge_id, "age", body={"days": 1})
    api.hook(agreement_id, charge_id, "age", body={})
    api.call("POST", f"/simulation/v1/recurring/agreements/{agreement_id}/charges/{charge_id}/fail", auth=False,
             key=None)
    api.stop(agreement_id)
    api.stop(agreement_id)


@pytest.fixture(scope="module")
def answers(servers) -> list[requests.Response]:
    api = RecurringApi(servers().url)
    exercise(api)
    return api.replies


def path_parameters(template: str, path: str) -> dict[str, str]:
    return {name[1:-1]: value for name, value in zip(template.split("/"), path.split("/"), strict=True)
            if name.startswith("{")}


def judged(schema, reply: requests.Response) -> tuple[str, list[str]]:
    """The operation that answered, and what the checks found wrong with the answer."""
    operation = schema.find_operation_by_path(reply.request.method, urlsplit(reply.request.url).path)
    assert operation is not None, reply.request.url
    case = operation.Case(path_parameters=path_parameters(operation.path, urlsplit(reply.request.url).path))
    try:
        case.validate_response(reply, checks=CHECKS)
    except (AssertionError, BaseExceptionGroup) as error:
        return operation.label, [str(failure) for failure in getattr(error, "exceptions", [error])]
    return operation.label, []


def by_contract(answers: list[requests.Response], simulation: bool) -> Iterator[requests.Response]:
    return (reply for reply in answers if urlsplit(reply.request.url).path.startswith("/simulation/") == simulation)


@pytest.mark.parametrize(("contract", "simulation"), [(CONTRACT, False), (SIMULATION, True)],
                         ids=["recurring.v3", "simulation.v1"])
def test_every_answer_is_within_the_contract(answers: list[requests.Response], contract: Path,
                                             simulation: bool) -> None:
    schema = schemathesis.openapi.from_path(str(contract))
    verdicts = [judged(schema, reply) for reply in by_contract(answers, simulation)]
    assert [(label, found) for label, found in verdicts if found] == []
    seen = {label for label, _ in verdicts}
    operations = {result.ok().label for result in schema.get_all_operations()}
    expected = {label for label in operations if "/recurring/" in label}
    assert seen == expected


def test_every_operation_answered_a_success_and_a_refusal(answers: list[requests.Response]) -> None:
    schema = schemathesis.openapi.from_path(str(CONTRACT))
    outcomes: dict[str, set[bool]] = {}
    for reply in by_contract(answers, simulation=False):
        label = schema.find_operation_by_path(reply.request.method, urlsplit(reply.request.url).path).label
        outcomes.setdefault(label, set()).add(reply.ok)
    assert {label for label, kinds in outcomes.items() if kinds != {False, True}} == set()
    assert len(outcomes) == 10


def test_the_link_walk_gets_from_nothing_to_a_cancelled_charge(reference: ReferenceServer) -> None:
    api = RecurringApi(reference.url)
    recorder = Recorder(Redactor())
    schema = schemathesis.openapi.from_path(str(CONTRACT))
    document = yaml.safe_load(CONTRACT.read_text("utf-8"))
    walk = walk_links(schema, document, reference.url, api.headers, recorder)
    assert walk.findings == []
    steps = [(exchange.method, exchange.status) for exchange in recorder.exchanges]
    # Create, accept (now ACTIVE), create a charge on it, cancel it; then stop the agreement.
    assert [step for step in steps if step[0] != "GET"] == [
        ("POST", 201), ("PATCH", 204), ("POST", 201), ("POST", 400), ("POST", 400), ("DELETE", 204), ("PATCH", 204)]
    charge_url = next(exchange.url for exchange in recorder.exchanges if exchange.method == "DELETE")
    agreement_id, charge_id = urlsplit(charge_url).path.split("/")[4::2]
    assert api.status(agreement_id, charge_id) == "CANCELLED"


def test_a_short_fuzzing_campaign_finds_nothing(reference: ReferenceServer) -> None:
    api = RecurringApi(reference.url)
    settings = CampaignSettings(contract=CONTRACT, base_url=reference.url, token=api.token, examples=5, seed=1,
                                request_timeout=5, api_keys={KEY: api.merchant.subscription_key},
                                unique_example_ids=True,
                                fixed_headers={"Merchant-Serial-Number": api.merchant.merchant_serial_number})
    campaign = run_campaign(settings, HttpSession(), Redactor())
    assert (campaign.errors, {rule: found for rule, found in campaign.findings.items() if found}) == ([], {})
    assert campaign.requests > 100
    assert not set(campaign.statuses) - {200, 201, 204, 400, 401, 404, 405, 409}
