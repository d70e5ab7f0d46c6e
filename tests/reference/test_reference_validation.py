"""Request checks: each documented 400 code for headers, parameters and bodies."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from cancel_conformance.reference.errors import BadRequest
from cancel_conformance.reference.pos import schemas
from cancel_conformance.reference.pos.validation import (
    check_body,
    check_system_version,
    idempotency_key,
    merchant_for,
    parse_json,
    uuid_param,
)

POS_ID = "c85916b1-8e17-4275-a388-551e16aa6293"
INITIATE = {"posId": POS_ID, "orderId": "order-1", "amount": 12.5, "currencyCode": "DKK",
            "plannedCaptureDelay": "None"}


class FakeHeaders:
    """Headers as a list of (name, value) pairs, case-insensitive like HTTP."""

    def __init__(self, *pairs: tuple[str, str]) -> None:
        self.pairs = pairs

    def getlist(self, key: str) -> list[str]:
        return [value for name, value in self.pairs if name.lower() == key.lower()]


def code_of(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(BadRequest) as refused:
        call(*args, **kwargs)
    return str(refused.value.code)


@pytest.mark.parametrize(("values", "code"), [
    ((), "1153"), (("1.0.0", "1.0.0"), "1157"), (("1.0",), "1161"), (("v1.0.0",), "1161"),
    (("1.0.0\n",), "1161"), (("\u0661.\u0660.\u0660",), "1161"),
])
def test_system_version_refusals(values: tuple[str, ...], code: str) -> None:
    headers = FakeHeaders(*(("x-mobilepay-client-system-version", v) for v in values))
    assert code_of(check_system_version, headers) == code


def test_system_version_accepted_in_any_case() -> None:
    check_system_version(FakeHeaders(("X-MOBILEPAY-CLIENT-SYSTEM-VERSION", "10.2.6")))


@pytest.mark.parametrize(("values", "token_vat", "code"), [
    ((), None, "1151"),
    (("DK12345678", "DK12345678"), None, "1155"),
    (("DK1234567",), None, "1159"),
    (("SE12345678",), None, "1159"),
    (("DK-12345678",), None, "1159"),
    (("DK87654321",), None, "1159"),  # a merchant integrator A does not serve
    (("DK12345678",), "DK87654321", "1159"),  # differs from the token's claim
])
def test_merchant_refusals(values: tuple[str, ...], token_vat: str | None, code: str) -> None:
    headers = FakeHeaders(*(("X-MobilePay-Merchant-VAT-Number", v) for v in values))
    assert code_of(merchant_for, headers, "demo-integrator-a", token_vat) == code


def test_merchant_from_header_or_token() -> None:
    header = FakeHeaders(("x-mobilepay-merchant-vat-number", "DK87654321"))
    assert merchant_for(header, "demo-integrator-b", None) == "DK87654321"
    assert merchant_for(FakeHeaders(), "demo-integrator-a", "DK12345678") == "DK12345678"


@pytest.mark.parametrize(("values", "code"), [
    ((), "1164"), (("a", "b"), "1163"), (("",), "1162"), (("x" * 37,), "1162"), (("key with space",), "1162"),
    (("ключ",), "1162"),
])
def test_idempotency_key_refusals(values: tuple[str, ...], code: str) -> None:
    headers = FakeHeaders(*(("X-MobilePay-Idempotency-Key", v) for v in values))
    assert code_of(idempotency_key, headers) == code


def test_idempotency_key_accepted_and_optional() -> None:
    key = "Aa0-_" + "x" * 31
    assert idempotency_key(FakeHeaders(("x-mobilepay-idempotency-key", key))) == key
    assert idempotency_key(FakeHeaders(), required=False) is None


@pytest.mark.parametrize(("raw", "content_type"), [
    (b"{", "application/json"), (b"", "application/json"), (b'{"amount": NaN}', "application/json"),
    (b"\xff\xfe\xfa", "application/json"), (b"{}", "text/plain"), (b"{}", "application/x-www-form-urlencoded"),
    (b"[" * 100_000, "application/json"),
])
def test_unparseable_bodies(raw: bytes, content_type: str) -> None:
    assert code_of(parse_json, raw, content_type) == "1099"


@pytest.mark.parametrize("content_type", [
    None, "application/json", "application/json; charset=utf-8", "text/json", "application/*+json",
    "application/json-patch+json", "APPLICATION/JSON",
])
def test_accepted_media_types(content_type: str | None) -> None:
    assert parse_json(b'{"amount": 1.25}', content_type) == {"amount": Decimal("1.25")}


def body_code(changes: dict[str, Any], schema: schemas.Schema = schemas.INITIATE_PAYMENT,
              base: dict[str, Any] = INITIATE) -> str:
    document = {**base, **changes}
    document = {name: value for name, value in document.items() if value is not MISSING}
    parsed = parse_json(json.dumps(document).encode(), "application/json")
    return code_of(check_body, parsed, schema)


MISSING = object()


@pytest.mark.parametrize(("changes", "code"), [
    ({"amount": MISSING}, "1102"), ({"amount": 0}, "1102"), ({"amount": -1}, "1102"), ({"amount": 1.001}, "1102"),
    ({"amount": "12.50"}, "1102"), ({"amount": True}, "1102"), ({"amount": None}, "1102"),
    ({"orderId": MISSING}, "1113"), ({"orderId": ""}, "1113"), ({"orderId": "x" * 37}, "1113"),
    ({"orderId": 7}, "1113"),
    ({"merchantPaymentLabel": "x" * 37}, "1117"), ({"merchantPaymentLabel": 1}, "1117"),
    ({"posId": MISSING}, "1099"), ({"posId": "not-a-uuid"}, "1099"), ({"posId": POS_ID.replace("-", "")}, "1099"),
    ({"currencyCode": "NOK"}, "1099"), ({"currencyCode": MISSING}, "1099"),
    ({"plannedCaptureDelay": "Later"}, "1099"), ({"plannedCaptureDelay": None}, "1099"),
    ({"restrictions": {"minimumAge": 18}}, "1099"), ({"restrictions": {"debitCardDisallowed": "yes"}}, "1099"),
    ({"restrictions": []}, "1099"), ({"surprise": 1}, "1099"),
])
def test_initiate_body_refusals(changes: dict[str, Any], code: str) -> None:
    assert body_code(changes) == code


@pytest.mark.parametrize("amount", [b"1e400", b"1.8e308", b"1e-400", b"0.0", b"-0", b"12.345", b"1e-2000000"])
def test_amounts_outside_the_rules(amount: bytes) -> None:
    raw = json.dumps({**INITIATE, "amount": "AMOUNT"}).encode().replace(b'"AMOUNT"', amount)
    assert code_of(check_body, parse_json(raw, "application/json"), schemas.INITIATE_PAYMENT) == "1102"


def test_large_amounts_stay_exact() -> None:
    raw = json.dumps({**INITIATE, "amount": "AMOUNT"}).encode()
    for amount in (b"12345678901234567890123.45", b"1e300", b"1.7976931348623157e308"):
        checked = check_body(parse_json(raw.replace(b'"AMOUNT"', amount), None), schemas.INITIATE_PAYMENT)
        assert checked["amount"] == Decimal(amount.decode())


def test_a_body_must_be_an_object() -> None:
    assert code_of(check_body, [INITIATE], schemas.INITIATE_PAYMENT) == "1099"


def test_initiate_body_accepted_and_normalised() -> None:
    document = {**INITIATE, "posId": POS_ID.upper(), "amount": Decimal("12.5"), "restrictions": None,
                "merchantPaymentLabel": "x" * 36}
    checked = check_body(document, schemas.INITIATE_PAYMENT)
    assert checked["posId"] == POS_ID
    assert checked["amount"] == Decimal("12.50")
    assert str(checked["amount"]) == "12.50"
    assert check_body({**INITIATE, "amount": 12}, schemas.INITIATE_PAYMENT)["amount"] == Decimal("12.00")
    assert check_body({**INITIATE, "amount": Decimal("1.230")}, schemas.INITIATE_PAYMENT)["amount"] == Decimal("1.23")


REFUND = {"paymentId": POS_ID, "refundOrderId": "r-1", "amount": 10, "currencyCode": "EUR"}


@pytest.mark.parametrize(("changes", "code"), [
    ({"refundOrderId": ""}, "1114"), ({"refundOrderId": "x" * 37}, "1114"), ({"refundOrderId": MISSING}, "1114"),
    ({"amount": 0.001}, "1102"), ({"paymentId": "x"}, "1099"), ({"currencyCode": "dkk"}, "1099"),
])
def test_refund_body_refusals(changes: dict[str, Any], code: str) -> None:
    assert body_code(changes, schemas.CREATE_REFUND, REFUND) == code


POS = {"merchantPosId": "till-1", "storeId": POS_ID, "name": "Till", "supportedBeaconTypes": ["QR", "NFC"]}


@pytest.mark.parametrize("changes", [
    {"supportedBeaconTypes": ["QR", "QR"]}, {"supportedBeaconTypes": ["BluetoothMP1"]},
    {"supportedBeaconTypes": "QR"}, {"name": MISSING}, {"storeId": "store-1"},
    {"requirePaymentBeforeCheckin": "no"}, {"beaconId": 5},
])
def test_create_pos_body_refusals(changes: dict[str, Any]) -> None:
    assert body_code(changes, schemas.CREATE_POS, POS) == "1099"


def test_create_pos_body_accepts_nullable_fields() -> None:
    checked = check_body({**POS, "beaconId": None, "callbackAlias": None}, schemas.CREATE_POS)
    assert checked["beaconId"] is None


def test_uuid_query_parameter() -> None:
    assert uuid_param(None, "posId") is None
    assert uuid_param(POS_ID.upper(), "posId") == POS_ID
    assert code_of(uuid_param, "12", "posId") == "1099"
