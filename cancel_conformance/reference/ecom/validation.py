"""eCom request bodies, headers and path ids, checked into 400 InvalidRequest (errorCode: the field)."""

from __future__ import annotations

import re
from typing import Any, Protocol

from cancel_conformance.reference import json_spec
from cancel_conformance.reference.ecom.errors import InvalidRequest
from cancel_conformance.reference.json_spec import MAX_BODY_BYTES, Spec, SpecError, refused_as

__all__ = ["MAX_BODY_BYTES", "check", "check_system_headers", "order_id", "parse_json", "request_id"]

SYSTEM_HEADERS = ("Vipps-System-Name", "Vipps-System-Version", "Vipps-System-Plugin-Name",
                  "Vipps-System-Plugin-Version")
# api-facts §2.1: the Vipps-System-* headers have maxLength 30; X-Request-Id "max 40 characters".
SYSTEM_HEADER_MAX = 30
REQUEST_ID_MAX = 40
ORDER_ID = re.compile(r"[a-zA-Z0-9-]{1,50}")


class Headers(Protocol):
    """Request headers, case-insensitive."""

    def get(self, key: str, default: None = None) -> str | None: ...


def system_header_problem(headers: Headers) -> SpecError | None:
    """The first Vipps-System-* header longer than 30 characters (eCom and ePayment alike), else None."""
    for name in SYSTEM_HEADERS:
        value = headers.get(name)
        if value is not None and len(value) > SYSTEM_HEADER_MAX:
            return SpecError(name, f"The {name} header is longer than {SYSTEM_HEADER_MAX} characters")
    return None


def check_system_headers(headers: Headers) -> None:
    problem = system_header_problem(headers)
    if problem is not None:
        raise InvalidRequest(problem.field, problem.message)


def request_id(headers: Headers, *, required: bool) -> str | None:
    """X-Request-Id: required on capture and refund (spec 2.0.3), 1 to 40 characters."""
    value = headers.get("X-Request-Id")
    if value is None:
        if required:
            raise InvalidRequest("X-Request-Id", "The X-Request-Id header is required")
        return None
    if not 1 <= len(value) <= REQUEST_ID_MAX:
        raise InvalidRequest("X-Request-Id", f"The X-Request-Id header must be 1 to {REQUEST_ID_MAX} characters")
    return value


def order_id(value: str) -> str:
    """A path orderId: `^[a-zA-Z0-9-]{1,50}$` (spec 2.0.3)."""
    if not ORDER_ID.fullmatch(value):
        raise InvalidRequest("orderId", "The orderId must be 1 to 50 characters of a-z, A-Z, 0-9 and '-'")
    return value


def parse_json(raw: bytes, content_type: str | None) -> Any:
    """The JSON document of a request body; `application/json` with any parameters (charset=UTF-8)."""
    with refused_as(InvalidRequest):
        return json_spec.parse_json(raw, content_type)


def check(value: Any, spec: Spec, path: str = "body") -> Any:
    """The value if it fits `spec`; else InvalidRequest naming the first field that does not."""
    with refused_as(InvalidRequest):
        return json_spec.check(value, spec, path)
