"""Recurring request validation: every body, header, path id and query the contract constrains, and what it refuses."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.reference.recurring.recurring_client import (
    AGREEMENTS,
    IDEMPOTENCY,
    RecurringApi,
    charge_body,
    draft,
    due_in,
    problem,
)


def without(body: dict[str, Any], *path: str) -> dict[str, Any]:
    """A copy of `body` without the field at `path`."""
    copy = {**body}
    if len(path) == 1:
        copy.pop(path[0])
    else:
        copy[path[0]] = without(body[path[0]], *path[1:])
    return copy


DRAFT_REFUSALS = [
    (without(draft(), "productName"), "validation-error"),
    (without(draft(), "interval"), "validation-error"),
    (without(draft(), "pricing", "currency"), "validation-error"),
    (without(draft(), "pricing", "amount"), "validation-error"),
    (draft(productName="x" * 46), "validation-error"),
    (draft(productName=""), "validation-error"),
    (draft(merchantAgreementUrl="http://paper.example/me"), "validation-error"),
    (draft(interval={"unit": "MONTH", "count": 0}), "validation-error"),
    (draft(interval={"unit": "MONTH", "count": 32}), "validation-error"),
    (draft(interval={"unit": "FORTNIGHT", "count": 1}), "validation-error"),
    (draft(pricing={"amount": 99, "currency": "NOK"}), "validation-error"),
    (draft(pricing={"amount": 2**31, "currency": "NOK"}), "validation-error"),
    (draft(pricing={"amount": 100, "currency": "SEK"}), "validation-error"),
    (draft(countryCode="SE"), "validation-error"),
    (draft(externalId=""), "validation-error"),
    (draft(isApp="yes"), "validation-error"),
    (draft(campaign={"type": "PRICE_CAMPAIGN", "price": 100, "end": "2027-01-01T00:00:00Z"}), "unsupported-feature"),
    (draft(initialCharge={"amount": 100, "description": "x", "transactionType": "DIRECT_CAPTURE"}),
     "unsupported-feature"),
    (draft(scope="name"), "unsupported-feature"),
    (draft(pricing={"type": "VARIABLE", "suggestedMaxAmount": 3000, "currency": "NOK"}), "unsupported-feature"),
    ([draft()], "validation-error"),
]


@pytest.mark.parametrize(("body", "identifier"), DRAFT_REFUSALS)
def test_draft_refusals(recurring: RecurringApi, body: Any, identifier: str) -> None:
    assert problem(recurring.call("POST", AGREEMENTS, body=body)) == (400, identifier)


def test_a_draft_with_every_optional_field(recurring: RecurringApi) -> None:
    reply = recurring.create_agreement(phoneNumber="4791234567", isApp=True, productDescription="Saturdays",
                                       skipLandingPage=False, externalId="customer-42", countryCode="NO",
                                       unknownField="ignored")
    agreement = recurring.agreement(reply.json()["agreementId"]).json()
    assert (agreement["externalId"], agreement["productDescription"], agreement["countryCode"]) == (
        "customer-42", "Saturdays", "NO")


CHARGE_REFUSALS = [
    without(charge_body(), "amount"),
    without(charge_body(), "due"),
    without(charge_body(), "retryDays"),
    without(charge_body(), "transactionType"),
    without(charge_body(), "description"),
    charge_body(amount=99),
    charge_body(amount="100"),
    charge_body(kind="SALE"),
    charge_body(description="x" * 46),
    charge_body(description=""),
    charge_body(retryDays=15),
    charge_body(retryDays=-1),
    charge_body(due="31.12.2030"),
    charge_body(due="2030-02-30"),
    charge_body(orderId="order/1"),
    charge_body(orderId="o" * 51),
]


@pytest.mark.parametrize("body", CHARGE_REFUSALS)
def test_charge_refusals(recurring: RecurringApi, body: dict[str, Any]) -> None:
    agreement_id = recurring.new_agreement()
    reply = recurring.call("POST", f"{AGREEMENTS}/{agreement_id}/charges", body=body)
    assert problem(reply) == (400, "validation-error")
    assert recurring.charges(agreement_id).json() == []


def test_a_charge_due_today_is_too_soon(recurring: RecurringApi) -> None:
    agreement_id = recurring.new_agreement()
    assert problem(recurring.create_charge(agreement_id, due=due_in(0))) == (400, "charge-due-too-soon")
    assert recurring.create_charge(agreement_id, due=due_in(1)).status_code == 201


def test_an_order_id_becomes_the_charge_id(recurring: RecurringApi) -> None:
    agreement_id = recurring.new_agreement()
    reply = recurring.create_charge(agreement_id, orderId="paper-2027-01", externalId="invoice-9")
    assert reply.json() == {"chargeId": "paper-2027-01"}
    charge = recurring.read(agreement_id, "paper-2027-01")
    assert (charge["id"], charge["externalId"]) == ("paper-2027-01", "invoice-9")


@pytest.mark.parametrize("body", [{}, {"amount": 99, "description": "x"}, {"amount": 100},
                                  {"amount": 100, "description": ""}, {"amount": 1.5, "description": "x"}])
def test_capture_and_refund_bodies(recurring: RecurringApi, body: dict[str, Any]) -> None:
    ids = recurring.charge_in("RESERVED")
    for action in ("capture", "refund"):
        reply = recurring.call("POST", f"{AGREEMENTS}/{ids[0]}/charges/{ids[1]}/{action}", body=body)
        assert problem(reply) == (400, "validation-error")
    assert recurring.status(*ids) == "RESERVED"


@pytest.mark.parametrize("body", [{}, {"phoneNumber": "1234"}, {"phoneNumber": 4791234567}])
def test_force_accept_bodies(recurring: RecurringApi, body: dict[str, Any]) -> None:
    agreement_id = recurring.new_agreement(active=False)
    assert problem(recurring.call("PATCH", f"{AGREEMENTS}/{agreement_id}/accept", body=body)) == (
        400, "validation-error")
    assert recurring.agreement(agreement_id).json()["status"] == "PENDING"


@pytest.mark.parametrize(("body", "identifier"), [
    ({"status": "ACTIVE"}, "validation-error"),
    ({"productName": ""}, "validation-error"),
    ({"interval": {"period": {"unit": "WEEK"}}}, "validation-error"),
    ({"pricing": {"suggestedMaxAmount": 3000}}, "invalid-suggested-max-amount"),
])
def test_update_bodies(recurring: RecurringApi, body: dict[str, Any], identifier: str) -> None:
    agreement_id = recurring.new_agreement()
    assert problem(recurring.call("PATCH", f"{AGREEMENTS}/{agreement_id}", body=body)) == (400, identifier)
    assert recurring.agreement(agreement_id).json()["status"] == "ACTIVE"


def test_an_update_of_pricing_and_interval(recurring: RecurringApi) -> None:
    agreement_id = recurring.new_agreement()
    body = {"pricing": {"amount": 19900}, "interval": {"type": "RECURRING", "period": {"unit": "WEEK", "count": 2}}}
    assert recurring.call("PATCH", f"{AGREEMENTS}/{agreement_id}", body=body).status_code == 204
    agreement = recurring.agreement(agreement_id).json()
    assert (agreement["pricing"]["amount"], agreement["interval"]) == (
        19900, {"unit": "WEEK", "count": 2, "text": "every 2 weeks"})


@pytest.mark.parametrize(("data", "content_type", "identifier"), [
    (b"{not json", "application/json", "invalid-json"),
    (b"NaN", "application/json", "invalid-json"),
    (b"{}", "text/plain", "unsupported-media-type"),
    (b"[" * 100_000, "application/json", "invalid-json"),
])
def test_bodies_that_are_not_json(recurring: RecurringApi, data: bytes, content_type: str, identifier: str) -> None:
    reply = requests.post(f"{recurring.url}{AGREEMENTS}", data=data, timeout=5,
                          headers={**recurring.headers, IDEMPOTENCY: "raw", "Content-Type": content_type})
    assert problem(reply) == (400, identifier)


@pytest.mark.parametrize(("path", "identifier"), [
    (f"{AGREEMENTS}/agr.1", "invalid-agreement-id"),
    (f"{AGREEMENTS}/{'a' * 37}/charges", "invalid-agreement-id"),
    (f"{AGREEMENTS}/agr_1/charges/chr.1", "validation-error"),
    (f"{AGREEMENTS}/agr_1/charges?status=LOST", "validation-error"),
])
def test_malformed_ids_and_filters(recurring: RecurringApi, path: str, identifier: str) -> None:
    assert problem(recurring.call("GET", path)) == (400, identifier)


def test_system_headers_are_at_most_30_characters(recurring: RecurringApi) -> None:
    reply = recurring.call("GET", f"{AGREEMENTS}/agr_1", headers={"Vipps-System-Name": "x" * 31})
    assert problem(reply) == (400, "validation-error")
