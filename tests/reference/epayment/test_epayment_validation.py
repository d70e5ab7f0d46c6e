"""ePayment request checks: bodies, headers and path references, each refused as a 400 Problem naming the field."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cancel_conformance.reference.epayment import schemas, validation
from cancel_conformance.reference.epayment.errors import BadRequest
from cancel_conformance.reference.json_spec import Spec

RECEIPT = {"orderLines": [{"name": "socks", "id": "line-1", "totalAmount": 25000, "totalAmountExcludingTax": 20000,
                           "totalTaxAmount": 5000, "taxPercentage": 25,
                           "unitInfo": {"unitPrice": 12500, "quantity": "2", "quantityUnit": "PCS"},
                           "discount": None, "isShipping": False}],
           "bottomLine": {"currency": "NOK", "tipAmount": None, "barcode": {"format": "EAN-13", "data": None}}}
CREATE = {
    "amount": {"currency": "NOK", "value": 25000},
    "customer": {"phoneNumber": "4791234567"},
    "customerInteraction": "CUSTOMER_PRESENT",
    "industryData": {"airlineData": {"agencyInvoiceNumber": "1", "airlineCode": "074", "airlineDesignatorCode": "KL",
                                     "passengerName": "FLYER / MARY MS."}},
    "paymentMethod": {"type": "WALLET"},
    "profile": {"scope": "name"},
    "reference": "order-0001",
    "returnUrl": "https://shop.example",
    "userFlow": "PUSH_MESSAGE",
    "expiresAt": "2026-02-26T17:32:28Z",
    "qrFormat": None,
    "paymentDescription": "Socks",
    "receipt": RECEIPT,
    "metadata": {"order": "0001"},
    "receiptUrl": None,
}


def refused_field(document: Any, spec: Spec) -> str:
    with pytest.raises(BadRequest) as refused:
        validation.check(document, spec)
    problem = refused.value
    assert (problem.status, problem.code) == (400, None)
    body = problem.body("/epayment/v1/payments")
    assert [entry["name"] for entry in body["extraDetails"]] == [problem.fields[0][0]]
    return problem.fields[0][0]


def changed(path: str, value: Any) -> dict[str, Any]:
    """CREATE with the field at the dotted `path` set to `value` (or removed, for ...)."""
    document = copy.deepcopy(CREATE)
    *parents, name = path.split(".")
    node = document
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if value is ...:
        del node[name]
    else:
        node[name] = value
    return document


def test_a_valid_create_passes_and_unknown_fields_are_dropped() -> None:
    assert validation.check({**copy.deepcopy(CREATE), "extra": 1}, schemas.CREATE) == CREATE


@pytest.mark.parametrize(("path", "value", "field"), [
    ("amount.value", -1, "amount.value"),
    ("amount.value", 65_000_001, "amount.value"),
    ("amount.value", 100.5, "amount.value"),
    ("amount.currency", "SEK", "amount.currency"),
    ("amount", ..., "amount"),
    ("reference", "short", "reference"),
    ("reference", "order_0001", "reference"),
    ("reference", "x" * 51, "reference"),
    ("userFlow", "EMAIL", "userFlow"),
    ("userFlow", ..., "userFlow"),
    ("paymentMethod.type", "CASH", "paymentMethod.type"),
    ("paymentMethod", ..., "paymentMethod"),
    ("customer", {}, "customer"),
    ("customer", {"phoneNumber": "4791234567", "personalQr": "https://qr"}, "customer"),
    ("customer", {"phoneNumber": "+4791234567"}, "customer"),
    ("customerInteraction", "ONLINE", "customerInteraction"),
    ("industryData.airlineData.airlineCode", "74", "industryData.airlineData.airlineCode"),
    ("expiresAt", "tomorrow", "expiresAt"),
    ("qrFormat", {"size": 100}, "qrFormat.format"),
    ("paymentDescription", "ab", "paymentDescription"),
    ("metadata", {str(key): "v" for key in range(6)}, "metadata"),
    ("metadata", {"k": "v" * 501}, "metadata.k"),
    ("receipt.orderLines", [], "receipt.orderLines"),
    ("receipt.orderLines.0.taxPercentage", 101, "receipt.orderLines[0].taxPercentage"),
    ("receipt.orderLines.0.unitInfo.quantity", "2,5", "receipt.orderLines[0].unitInfo.quantity"),
    ("receipt.bottomLine.currency", None, "receipt.bottomLine.currency"),
    ("receipt.bottomLine.barcode.format", "QR", "receipt.bottomLine.barcode.format"),
    ("returnUrl", None, "returnUrl"),
])
def test_create_field_refusals_name_the_field(path: str, value: Any, field: str) -> None:
    assert refused_field(changed(path, value), schemas.CREATE) == field


@pytest.mark.parametrize("customer", [{"phoneNumber": "4791234567"}, {"personalQr": "https://qr.vipps.no/x"},
                                      {"customerToken": "token"}])
def test_a_customer_is_exactly_one_of_its_forms(customer: dict[str, str]) -> None:
    assert validation.check(changed("customer", customer), schemas.CREATE)["customer"] == customer


def test_nullable_fields_take_null() -> None:
    document = changed("metadata", None)
    assert validation.check(document, schemas.CREATE)["metadata"] is None
    assert validation.check(changed("expiresAt", None), schemas.CREATE)["expiresAt"] is None


def test_the_core_only_fault_checks_the_fields_a_payment_is_made_of() -> None:
    loose = changed("receipt", {"orderLines": []}) | {"qrFormat": {}, "metadata": [1]}
    assert set(validation.check(loose, schemas.CREATE_CORE_ONLY)) == set(schemas.CORE_FIELDS)
    assert refused_field(changed("customer", {}), schemas.CREATE_CORE_ONLY) == "customer"


@pytest.mark.parametrize("value", [-(2**63) - 1, 2**63])
def test_an_int64_outside_its_range_is_refused(value: int) -> None:
    # Receipt amounts are `format: int64`; a fuzzer sends values just outside that range.
    assert refused_field(changed("receipt.orderLines.0.totalAmount", value), schemas.CREATE) \
        == "receipt.orderLines[0].totalAmount"


@pytest.mark.parametrize(("body", "field"), [
    ({}, "modificationAmount"),
    ({"modificationAmount": {"currency": "NOK"}}, "modificationAmount.value"),
    ({"modificationAmount": {"currency": "NOK", "value": "100"}}, "modificationAmount.value"),
    ([], "body"),
])
def test_modification_refusals(body: Any, field: str) -> None:
    assert refused_field(body, schemas.MODIFICATION) == field


@pytest.mark.parametrize(("body", "field"), [([], "body"), ("x", "body"), ({"cancelTransactionOnly": "true"},
                                                                          "cancelTransactionOnly")])
def test_cancel_body_refusals(body: Any, field: str) -> None:
    assert refused_field(body, schemas.CANCEL) == field


@pytest.mark.parametrize("raw", [b"", b"  ", b"\r\n"])
def test_no_cancel_body_is_no_body(raw: bytes) -> None:
    assert validation.optional_body(raw, "application/json") is validation.NO_BODY


@pytest.mark.parametrize("raw", [b"[]", b"null", b"true", b'"cancel"'])
def test_a_cancel_body_that_is_no_object_is_refused(raw: bytes) -> None:
    # api-facts §3.1: "If a body is sent, it must be a JSON object".
    assert refused_field(validation.optional_body(raw, "application/json"), schemas.CANCEL) == "body"


def test_an_empty_array_as_cancel_body_is_refused() -> None:
    # api-facts §3.1: "If a body is sent, it must be a JSON object" (PHP's [] for an empty array).
    document = validation.optional_body(b"[]", "application/json")
    assert refused_field(document, schemas.CANCEL) == "body"


@pytest.mark.parametrize(("raw", "content_type"), [(b"{", "application/json"), (b"{}", "text/plain"),
                                                   (b"NaN", None)])
def test_a_body_that_is_not_json_is_refused(raw: bytes, content_type: str | None) -> None:
    with pytest.raises(BadRequest):
        validation.optional_body(raw, content_type)


def test_headers() -> None:
    assert validation.idempotency_key({"Idempotency-Key": "k" * 50}) == "k" * 50
    for headers in ({}, {"Idempotency-Key": ""}, {"Idempotency-Key": "k" * 51}):
        with pytest.raises(BadRequest, match="Idempotency-Key"):
            validation.idempotency_key(headers)
    assert validation.merchant_serial_number({"Merchant-Serial-Number": "1234"}) == "1234"
    for headers in ({}, {"Merchant-Serial-Number": "123"}, {"Merchant-Serial-Number": "1234567"},
                    {"Merchant-Serial-Number": "12a456"}):
        with pytest.raises(BadRequest, match="Merchant-Serial-Number"):
            validation.merchant_serial_number(headers)
    # The official SDK sends the Vipps-System-* headers empty when they are not configured (api-facts §5).
    validation.check_system_headers({"Vipps-System-Name": "", "Vipps-System-Plugin-Version": "x" * 30})
    with pytest.raises(BadRequest, match="Vipps-System-Version"):
        validation.check_system_headers({"Vipps-System-Version": "x" * 31})


@pytest.mark.parametrize("value", ["abcdefgh", "A-9-b-C-1", "x" * 50])
def test_reference_pattern_accepts(value: str) -> None:
    assert validation.reference(value) == value


@pytest.mark.parametrize("value", ["abcdefg", "x" * 51, "order_0001", "order 0001", "ordre-ø-01"])
def test_reference_pattern_refuses(value: str) -> None:
    with pytest.raises(BadRequest):
        validation.reference(value)
