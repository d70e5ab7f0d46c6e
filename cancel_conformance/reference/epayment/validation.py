"""ePayment headers, path references and bodies, checked into 400 Problems whose extraDetails name the field."""

from __future__ import annotations

import re
from typing import Any

from cancel_conformance.reference import json_spec
from cancel_conformance.reference.ecom.validation import Headers, system_header_problem
from cancel_conformance.reference.epayment.errors import BadRequest
from cancel_conformance.reference.epayment.schemas import REFERENCE_FORMAT
from cancel_conformance.reference.json_spec import Spec, refused_as

IDEMPOTENCY_KEY = "Idempotency-Key"
# api-facts §3.1: Idempotency-Key "maxLength 50"; an empty key names nothing, so it is refused too.
IDEMPOTENCY_KEY_MAX = 50
MSN_HEADER = "Merchant-Serial-Number"
# api-facts §3.1: "MSN pattern ^[0-9]{4,6}$ in 1.4.1".
MSN_FORMAT = re.compile(r"[0-9]{4,6}")
REFERENCE = re.compile(REFERENCE_FORMAT)


def check_system_headers(headers: Headers) -> None:
    """Vipps-System-*: at most 30 characters; the official SDK sends them empty when not configured (accepted)."""
    problem = system_header_problem(headers)
    if problem is not None:
        raise BadRequest(problem.field, problem.message)


def merchant_serial_number(headers: Headers) -> str:
    """Merchant-Serial-Number: required on every call (spec 1.4.1), 4 to 6 digits."""
    value = headers.get(MSN_HEADER)
    if value is None:
        raise BadRequest(MSN_HEADER, f"The {MSN_HEADER} header is required")
    if not MSN_FORMAT.fullmatch(value):
        raise BadRequest(MSN_HEADER, f"The {MSN_HEADER} header must be 4 to 6 digits")
    return value


def idempotency_key(headers: Headers) -> str:
    """Idempotency-Key: required on create, capture, refund and cancel (spec 1.4.1), 1 to 50 characters."""
    value = headers.get(IDEMPOTENCY_KEY)
    if value is None:
        raise BadRequest(IDEMPOTENCY_KEY, f"The {IDEMPOTENCY_KEY} header is required")
    if not 1 <= len(value) <= IDEMPOTENCY_KEY_MAX:
        raise BadRequest(IDEMPOTENCY_KEY, f"The {IDEMPOTENCY_KEY} header must be 1 to {IDEMPOTENCY_KEY_MAX} characters")
    return value


def reference(value: str) -> str:
    """A path reference: `^[a-zA-Z0-9-]{8,50}$` (spec 1.4.1)."""
    if not REFERENCE.fullmatch(value):
        raise BadRequest("reference", "The reference must be 8 to 50 characters of a-z, A-Z, 0-9 and '-'")
    return value


def parse_json(raw: bytes, content_type: str | None) -> Any:
    with refused_as(BadRequest):
        return json_spec.parse_json(raw, content_type)


def check(value: Any, spec: Spec) -> Any:
    """The value if it fits `spec`; else the 400 Problem naming the first field that does not."""
    with refused_as(BadRequest):
        return json_spec.check(value, spec)


# What `optional_body` answers for a request that carries no body at all (a JSON `null` is a body).
NO_BODY: Any = object()


def optional_body(raw: bytes, content_type: str | None) -> Any:
    """The JSON document of a body that may be left out (cancel, force approve): NO_BODY when there is none.

    The official SDK sends `Content-Type: application/json` and no body; api-facts §3.1: "If a body is
    sent, it must be a JSON object" (an empty array, or `null`, is refused).
    """
    if not raw.strip():
        return NO_BODY
    return parse_json(raw, content_type)
