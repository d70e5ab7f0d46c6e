"""eCom request checks: bodies, headers and path ids, each refused as 400 InvalidRequest naming the field."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cancel_conformance.reference.ecom import schemas
from cancel_conformance.reference.ecom.errors import InvalidRequest
from cancel_conformance.reference.ecom.validation import check, check_system_headers, order_id, parse_json, request_id

INITIATE = {
    "customerInfo": {"mobileNumber": "48059210"},
    "merchantInfo": {"merchantSerialNumber": "123456", "callbackPrefix": "https://a", "fallBack": "https://b",
                     "staticShippingDetails": [{"isDefault": "Y", "shippingCost": 49.5, "shippingMethod": "Post",
                                                "shippingMethodId": "post"}]},
    "transaction": {"orderId": "order-1", "amount": 100, "transactionText": "Socks",
                    "additionalData": {"passengerName": "A", "airlineCode": "074", "airlineDesignatorCode": "KL",
                                       "agencyInvoiceNumber": "1"}},
}


def refused_field(document: Any, spec: schemas.Spec) -> str:
    with pytest.raises(InvalidRequest) as refused:
        check(document, spec)
    assert refused.value.status == 400
    assert refused.value.group == "InvalidRequest"
    return refused.value.code


def changed(path: str, value: Any) -> dict[str, Any]:
    """INITIATE with the field at the dotted `path` set to `value` (or removed, for ...)."""
    document = copy.deepcopy(INITIATE)
    *parents, name = path.split(".")
    node = document
    for part in parents:
        node = node[part]
    if value is ...:
        del node[name]
    else:
        node[name] = value
    return document


def test_a_valid_initiate_passes_and_unknown_fields_are_dropped() -> None:
    document = {**copy.deepcopy(INITIATE), "extra": 1}
    assert check(document, schemas.INITIATE) == INITIATE


@pytest.mark.parametrize(("path", "value"), [
    ("transaction.amount", 99),
    ("transaction.amount", 100.5),
    ("transaction.amount", True),
    ("transaction.amount", "100"),
    ("transaction.orderId", "order_1"),
    ("transaction.orderId", "x" * 51),
    ("transaction.orderId", ""),
    ("transaction.transactionText", "x" * 101),
    ("transaction.transactionText", ...),
    ("merchantInfo.merchantSerialNumber", "1234"),
    ("merchantInfo.merchantSerialNumber", 123456),
    ("merchantInfo.callbackPrefix", ...),
    ("merchantInfo.fallBack", "x" * 256),
    ("merchantInfo.paymentType", "eComm Other Payment"),
    ("merchantInfo.isApp", "false"),
    ("customerInfo.mobileNumber", "+4748059210"),
    ("customerInfo", ...),
    ("customerInfo", None),
])
def test_initiate_field_refusals_name_the_field(path: str, value: Any) -> None:
    assert refused_field(changed(path, value), schemas.INITIATE) == path


def test_nested_arrays_and_objects_are_checked() -> None:
    shipping = changed("merchantInfo.staticShippingDetails", [{"isDefault": "maybe"}])
    assert refused_field(shipping, schemas.INITIATE) == "merchantInfo.staticShippingDetails[0].isDefault"
    airline = changed("transaction.additionalData.airlineCode", "74")
    assert refused_field(airline, schemas.INITIATE) == "transaction.additionalData.airlineCode"


@pytest.mark.parametrize("amount", [0, 100, 123456789])
def test_an_action_amount_is_zero_or_at_least_100(amount: int) -> None:
    body = {"merchantInfo": {"merchantSerialNumber": "12345"}, "transaction": {"amount": amount, "transactionText": ""}}
    assert check(body, schemas.PAYMENT_ACTION) == body


@pytest.mark.parametrize("amount", [1, 99, -100])
def test_an_action_amount_between_zero_and_100_is_refused(amount: int) -> None:
    body = {"merchantInfo": {"merchantSerialNumber": "12345"}, "transaction": {"amount": amount, "transactionText": ""}}
    assert refused_field(body, schemas.PAYMENT_ACTION) == "transaction.amount"


@pytest.mark.parametrize(("body", "field"), [
    ({"transaction": {"transactionText": "x"}}, "merchantInfo"),
    ({"merchantInfo": {"merchantSerialNumber": "123456"}}, "transaction"),
    ({"merchantInfo": {"merchantSerialNumber": "123456"}, "transaction": {}}, "transaction.transactionText"),
    ({"merchantInfo": {}, "transaction": {"transactionText": "x"}}, "merchantInfo.merchantSerialNumber"),
    ({"merchantInfo": {"merchantSerialNumber": "123456"}, "transaction": {"transactionText": "x"},
      "shouldReleaseRemainingFunds": "true"}, "shouldReleaseRemainingFunds"),
    ([], "body"),
])
def test_cancel_body_refusals(body: Any, field: str) -> None:
    # ECOM_CAN_06: "A cancel whose body lacks merchantInfo or transaction.transactionText is refused with 400".
    assert refused_field(body, schemas.CANCEL) == field


def test_the_unchecked_cancel_body_requires_nothing() -> None:
    assert check({}, schemas.CANCEL_UNCHECKED) == {}


@pytest.mark.parametrize(("raw", "content_type"), [
    (b"{", "application/json"), (b"NaN", "application/json"), (b"{}", "text/plain"), (b"", None),
    (b"[" * 5000 + b"]" * 5000, "application/json"),
])
def test_parse_json_refuses_what_is_not_json(raw: bytes, content_type: str | None) -> None:
    with pytest.raises(InvalidRequest):
        parse_json(raw, content_type)


@pytest.mark.parametrize("content_type", ["application/json", "application/json;charset=UTF-8", None])
def test_parse_json_accepts_json_with_or_without_charset(content_type: str | None) -> None:
    assert parse_json(b'{"a": 1}', content_type) == {"a": 1}


def test_headers() -> None:
    check_system_headers({"Vipps-System-Name": "x" * 30})
    with pytest.raises(InvalidRequest, match="Vipps-System-Plugin-Version"):
        check_system_headers({"Vipps-System-Plugin-Version": "x" * 31})
    assert request_id({"X-Request-Id": "r" * 40}, required=True) == "r" * 40
    assert request_id({}, required=False) is None
    for headers in ({}, {"X-Request-Id": ""}, {"X-Request-Id": "r" * 41}):
        with pytest.raises(InvalidRequest, match="X-Request-Id"):
            request_id(headers, required=True)


@pytest.mark.parametrize("value", ["a", "A-9", "x" * 50])
def test_order_id_pattern_accepts(value: str) -> None:
    assert order_id(value) == value


@pytest.mark.parametrize("value", ["", "x" * 51, "a_b", "a b", "ø"])
def test_order_id_pattern_refuses(value: str) -> None:
    with pytest.raises(InvalidRequest):
        order_id(value)
