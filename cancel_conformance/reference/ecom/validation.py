"""eCom request bodies, headers and path ids, checked into 400 InvalidRequest (errorCode: the field)."""

from __future__ import annotations

import json
import math
import re
from typing import Any, Protocol

from cancel_conformance.reference.ecom.errors import InvalidRequest
from cancel_conformance.reference.ecom.schemas import Spec

MAX_BODY_BYTES = 64 * 1024
SYSTEM_HEADERS = ("Vipps-System-Name", "Vipps-System-Version", "Vipps-System-Plugin-Name",
                  "Vipps-System-Plugin-Version")
# api-facts §2.1: the Vipps-System-* headers have maxLength 30; X-Request-Id "max 40 characters".
SYSTEM_HEADER_MAX = 30
REQUEST_ID_MAX = 40
ORDER_ID = re.compile(r"[a-zA-Z0-9-]{1,50}")


class Headers(Protocol):
    """Request headers, case-insensitive."""

    def get(self, key: str, default: None = None) -> str | None: ...


def check_system_headers(headers: Headers) -> None:
    for name in SYSTEM_HEADERS:
        value = headers.get(name)
        if value is not None and len(value) > SYSTEM_HEADER_MAX:
            raise InvalidRequest(name, f"The {name} header is longer than {SYSTEM_HEADER_MAX} characters")


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
    media = (content_type or "application/json").split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise InvalidRequest("Content-Type", "The request body must be application/json")
    if len(raw) > MAX_BODY_BYTES:
        raise InvalidRequest("body", "The request body is too large")
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise InvalidRequest("body", "The request body is not valid JSON") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def check(value: Any, spec: Spec, path: str = "body") -> Any:
    """The value if it fits `spec`; else InvalidRequest naming the first field that does not."""
    if not _KINDS[spec.kind](value):
        raise InvalidRequest(path, f"{path} must be {_WORDS[spec.kind]}")
    if spec.kind == "object":
        return _check_object(value, spec, path)
    if spec.kind == "array":
        assert spec.items is not None
        return [check(item, spec.items, f"{path}[{index}]") for index, item in enumerate(value)]
    problem = _limits(value, spec)
    if problem:
        raise InvalidRequest(path, f"{path} {problem}")
    return value


def _check_object(value: dict[str, Any], spec: Spec, path: str) -> dict[str, Any]:
    checked = {}
    for name, field_spec in spec.fields.items():
        where = name if path == "body" else f"{path}.{name}"
        if name in value:
            checked[name] = check(value[name], field_spec, where)
        elif field_spec.required:
            raise InvalidRequest(where, f"{where} is required")
    return checked


def _limits(value: Any, spec: Spec) -> str | None:
    """What is wrong with a string's or a number's limits, else None."""
    if spec.kind == "string":
        return _text_limits(value, spec)
    if spec.kind in ("integer", "number"):
        if spec.zero_allowed and value == 0:
            return None
        if spec.minimum is not None and value < spec.minimum:
            return f"must be at least {spec.minimum:g}" + (" (or 0)" if spec.zero_allowed else "")
        if spec.maximum is not None and value > spec.maximum:
            return f"must be at most {spec.maximum:g}"
    return None


def _text_limits(value: str, spec: Spec) -> str | None:
    if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
        return f"must match {spec.pattern}"
    if spec.min_length is not None and len(value) < spec.min_length:
        return f"must be at least {spec.min_length} characters"
    if spec.max_length is not None and len(value) > spec.max_length:
        return f"must be at most {spec.max_length} characters"
    if spec.choices and value not in spec.choices:
        return f"must be one of {', '.join(spec.choices)}"
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_KINDS = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": _is_number,
    "boolean": lambda value: isinstance(value, bool),
    "any": lambda value: True,
}
_WORDS = {"object": "an object", "array": "an array", "string": "a string", "integer": "an integer",
          "number": "a number", "boolean": "true or false", "any": "a JSON value"}
