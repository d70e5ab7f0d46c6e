"""Request bodies as data (each field, its kind and its limits) and the one checker the Vipps APIs share.

A `SpecError` names the first field that does not fit and says why; each API turns it into its own
wire error (eCom: an InvalidRequest array, ePayment: a Problem). Unknown fields are dropped from
the checked value: the published schemas do not forbid additional properties.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

MAX_BODY_BYTES = 64 * 1024


@dataclass(frozen=True)
class Spec:
    """One JSON value: kind is object, array, string, integer, number or boolean."""

    kind: str  # object, array, string, integer, number, boolean; `any` takes every JSON value
    required: bool = False
    fields: Mapping[str, Spec] = field(default_factory=dict)
    items: Spec | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    zero_allowed: bool = False  # an amount where 0 means "all that remains"
    nullable: bool = False  # null is a value of its own
    one_of: tuple[Spec, ...] = ()  # exactly one of these alternatives fits
    values: Spec | None = None  # an object whose every property fits this (a map: metadata)
    max_properties: int | None = None
    min_items: int | None = None


class SpecError(Exception):
    """A request body, header or parameter that does not fit: the field it names and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@contextmanager
def refused_as(error: Callable[[str, str], Exception]) -> Iterator[None]:
    """A SpecError raised inside becomes the API's own error, made from its field and message."""
    try:
        yield
    except SpecError as problem:
        raise error(problem.field, problem.message) from None


def parse_json(raw: bytes, content_type: str | None) -> Any:
    """The JSON document of a request body; `application/json` with any parameters (charset=UTF-8)."""
    media = (content_type or "application/json").split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise SpecError("Content-Type", "The request body must be application/json")
    if len(raw) > MAX_BODY_BYTES:
        raise SpecError("body", "The request body is too large")
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise SpecError("body", "The request body is not valid JSON") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def check(value: Any, spec: Spec, path: str = "body") -> Any:
    """The value if it fits `spec`; else SpecError naming the first field that does not."""
    if value is None and spec.nullable:
        return None
    if spec.one_of:
        return _check_one_of(value, spec, path)
    if not _KINDS[spec.kind](value):
        raise SpecError(path, f"{path} must be {_WORDS[spec.kind]}")
    if spec.kind == "object":
        return _check_map(value, spec, path) if spec.values else _check_object(value, spec, path)
    if spec.kind == "array":
        return _check_array(value, spec, path)
    problem = _limits(value, spec)
    if problem:
        raise SpecError(path, f"{path} {problem}")
    return value


def _check_object(value: dict[str, Any], spec: Spec, path: str) -> dict[str, Any]:
    checked = {}
    for name, field_spec in spec.fields.items():
        where = name if path == "body" else f"{path}.{name}"
        if name in value:
            checked[name] = check(value[name], field_spec, where)
        elif field_spec.required:
            raise SpecError(where, f"{where} is required")
    return checked


def _check_map(value: dict[str, Any], spec: Spec, path: str) -> dict[str, Any]:
    assert spec.values is not None
    if spec.max_properties is not None and len(value) > spec.max_properties:
        raise SpecError(path, f"{path} must have at most {spec.max_properties} entries")
    return {key: check(item, spec.values, f"{path}.{key}") for key, item in value.items()}


def _check_array(value: list[Any], spec: Spec, path: str) -> list[Any]:
    assert spec.items is not None
    if spec.min_items is not None and len(value) < spec.min_items:
        raise SpecError(path, f"{path} must have at least {spec.min_items} items")
    return [check(item, spec.items, f"{path}[{index}]") for index, item in enumerate(value)]


def _check_one_of(value: Any, spec: Spec, path: str) -> Any:
    fits = []
    for alternative in spec.one_of:
        try:
            fits.append(check(value, alternative, path))
        except SpecError:
            continue
    if len(fits) != 1:
        raise SpecError(path, f"{path} must match exactly one of its {len(spec.one_of)} forms")
    return fits[0]


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
