"""Headers, parameters and bodies of PoS v10 requests, checked into the documented 400 codes."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any, Protocol

from cancel_conformance.reference.accounts import integrator_by_id
from cancel_conformance.reference.errors import BadRequest
from cancel_conformance.reference.pos.model import CENT, LARGEST_AMOUNT, MONEY
from cancel_conformance.reference.pos.schemas import FieldRule, Schema

SYSTEM_VERSION = "X-MobilePay-Client-System-Version"
MERCHANT_VAT = "X-MobilePay-Merchant-VAT-Number"
IDEMPOTENCY_KEY = "X-MobilePay-Idempotency-Key"

# api-facts 1.2: system version "Major.Minor.Build"; VAT "country prefix + 8 digits, no dash";
# idempotency key "at most 36 valid characters".
VERSION_FORMAT = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+")
VAT_FORMAT = re.compile(r"(DK|FI)[0-9]{8}")
KEY_FORMAT = re.compile(r"[\x21-\x7e]{1,36}")  # "at most 36 valid characters" (api-facts §1.2)
UUID_FORMAT = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

MAX_BODY_BYTES = 64 * 1024


class Headers(Protocol):
    """Request headers, case-insensitive, each name possibly repeated."""

    def getlist(self, key: str) -> list[str]: ...


def check_system_version(headers: Headers) -> None:
    values = headers.getlist(SYSTEM_VERSION)
    if not values:
        raise BadRequest("1153", f"The {SYSTEM_VERSION} header is missing")
    if len(values) > 1:
        raise BadRequest("1157", f"The {SYSTEM_VERSION} header is duplicated")
    if not VERSION_FORMAT.fullmatch(values[0]):
        raise BadRequest("1161", f"The {SYSTEM_VERSION} header must look like 1.2.3")


def merchant_for(headers: Headers, client_id: str, token_vat: str | None) -> str:
    """The merchant the request acts for: the VAT header, else the token's merchant_vat claim."""
    values = headers.getlist(MERCHANT_VAT)
    if len(values) > 1:
        raise BadRequest("1155", f"The {MERCHANT_VAT} header is duplicated")
    if not values:
        if token_vat is None:
            # api-facts 1.0: "If not [restricted to a merchant], every call must carry the VAT header".
            raise BadRequest("1151", f"The {MERCHANT_VAT} header is missing")
        return token_vat
    vat = values[0]
    integrator = integrator_by_id(client_id)
    if not VAT_FORMAT.fullmatch(vat):
        raise BadRequest("1159", f"The {MERCHANT_VAT} header must be DK or FI followed by 8 digits")
    if integrator is None or not integrator.serves(vat):
        raise BadRequest("1159", f"This integrator does not act for merchant {vat}")
    if token_vat is not None and vat != token_vat:
        raise BadRequest("1159", f"The {MERCHANT_VAT} header differs from the token's merchant")
    return vat


def idempotency_key(headers: Headers, *, required: bool = True) -> str | None:
    values = headers.getlist(IDEMPOTENCY_KEY)
    if not values:
        if required:
            raise BadRequest("1164", f"The {IDEMPOTENCY_KEY} header is missing")
        return None
    if len(values) > 1:
        raise BadRequest("1163", f"The {IDEMPOTENCY_KEY} header is duplicated")
    if not KEY_FORMAT.fullmatch(values[0]):
        raise BadRequest("1162", f"The {IDEMPOTENCY_KEY} header must be 1-36 visible ASCII characters")
    return values[0]


def is_uuid(value: str) -> bool:
    return UUID_FORMAT.fullmatch(value) is not None


def uuid_param(value: str | None, name: str) -> str | None:
    """A query parameter declared `format: uuid`, lower-cased; 400 1099 when it is not one."""
    if value is None:
        return None
    if not is_uuid(value):
        raise BadRequest("1099", f"The query parameter {name} must be a UUID")
    return value.lower()


def is_json_media_type(content_type: str | None) -> bool:
    """Spec 10.2.6 request bodies: application/json, text/json, application/*+json."""
    if content_type is None:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media in ("application/json", "text/json") or (
        media.startswith("application/") and media.endswith("+json"))


def parse_json(raw: bytes, content_type: str | None) -> Any:
    """The JSON document of a request body, numbers with a fraction as Decimal; 400 1099 otherwise."""
    if not is_json_media_type(content_type):
        raise BadRequest("1099", "The request body must be JSON (application/json)")
    if len(raw) > MAX_BODY_BYTES:
        raise BadRequest("1099", "The request body is too large")
    try:
        return json.loads(raw, parse_float=Decimal, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise BadRequest("1099", "The request body is not valid JSON") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def check_body(document: Any, schema: Schema) -> dict[str, Any]:
    """The body's fields, checked and normalised; the first problem found raises its field's code."""
    if not isinstance(document, dict):
        raise BadRequest("1099", "The request body must be a JSON object")
    # additionalProperties: false on every request schema of spec 10.2.6.
    unknown = sorted(set(document) - set(schema))
    if unknown:
        raise BadRequest("1099", f"Unknown field(s): {', '.join(unknown)}")
    checked: dict[str, Any] = {}
    for name, rule in schema.items():
        if name in document:
            checked[name] = _check_field(name, document[name], rule)
        elif rule.required:
            raise BadRequest(rule.code, f"The field {name} is required")
    return checked


def _check_field(name: str, value: Any, rule: FieldRule) -> Any:
    if value is None:
        if rule.nullable:
            return None
        raise BadRequest(rule.code, f"The field {name} must not be null")
    checked = _CHECKS[rule.kind](value, rule)
    if checked is _INVALID:
        raise BadRequest(rule.code, f"The field {name} is invalid: {rule.explain()}")
    return checked


_INVALID = object()


def _uuid(value: Any, rule: FieldRule) -> Any:
    return value.lower() if isinstance(value, str) and is_uuid(value) else _INVALID


def _text(value: Any, rule: FieldRule) -> Any:
    if not isinstance(value, str) or len(value) < rule.min_length:
        return _INVALID
    return value if rule.max_length is None or len(value) <= rule.max_length else _INVALID


def _choice(value: Any, rule: FieldRule) -> Any:
    return value if isinstance(value, str) and value in rule.choices else _INVALID


def _flag(value: Any, rule: FieldRule) -> Any:
    return value if isinstance(value, bool) else _INVALID


def _amount(value: Any, rule: FieldRule) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return _INVALID
    amount = Decimal(value)
    # "amount: number > 0 with at most 2 decimals" (major units, e.g. 12.5).
    if not amount.is_finite() or amount <= 0 or amount > LARGEST_AMOUNT or _decimals(amount) > 2:
        return _INVALID
    return amount.quantize(CENT, context=MONEY)


def _decimals(amount: Decimal) -> int:
    """How many decimals the amount really has (12.50 has one)."""
    _, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing_zeros))


def _beacon_types(value: Any, rule: FieldRule) -> Any:
    if not isinstance(value, list) or not all(isinstance(item, str) and item in rule.choices for item in value):
        return _INVALID
    # uniqueItems: true in CreatePosRequest.
    return list(value) if len(set(value)) == len(value) else _INVALID


def _restrictions(value: Any, rule: FieldRule) -> Any:
    allowed = ("debitCardDisallowed", "creditCardDisallowed")
    if not isinstance(value, dict) or set(value) - set(allowed):
        return _INVALID
    if not all(value[key] is None or isinstance(value[key], bool) for key in value):
        return _INVALID
    return dict(value)


_CHECKS = {"uuid": _uuid, "text": _text, "choice": _choice, "flag": _flag, "amount": _amount,
           "beacon-types": _beacon_types, "restrictions": _restrictions}
