"""Ids the client chooses (orderId, merchantPosId, an ePayment's reference...), made fresh where a contract's
example would repeat them.

A contract's example names one order; sent twice, it is refused as a reused id (eCom: "A reused
orderId -> 4xx"), which hides every other check of that request behind the refusal.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import schemathesis

# id(schema) -> the example id values to make fresh in that schema's requests, while its campaign runs.
_ACTIVE: dict[int, frozenset[str]] = {}


def fresh_ids(body: Any, only: frozenset[str] | None = None) -> Any:
    """The body with every chosen id (or, given `only`, every one of those values) made unique; nested too."""
    if isinstance(body, list):
        return [fresh_ids(item, only) for item in body]
    if not isinstance(body, dict):
        return body
    return {key: _fresh(value) if _chosen_id(key, value) and (only is None or value in only)
            else fresh_ids(value, only) for key, value in body.items()}


def example_ids(document: dict) -> frozenset[str]:
    """The chosen ids in the request body examples of a contract (as written)."""
    found: set[str] = set()
    for path in (document.get("paths") or {}).values():
        for operation in path.values():
            content = ((operation or {}).get("requestBody") or {}).get("content") if isinstance(operation, dict) else {}
            for media in (content or {}).values():
                _collect(media.get("example"), found)
    return frozenset(found)


@contextmanager
def fresh_requests(schema, document: dict, with_example_ids: bool) -> Iterator[None]:
    """While the block runs, every request of `schema` carries a request key of its own (unless the key is
    what a negative case violates), and, given `with_example_ids`, fresh values wherever its examples' ids repeat."""
    _ACTIVE[id(schema)] = example_ids(document) if with_example_ids else frozenset()
    try:
        yield
    finally:
        _ACTIVE.pop(id(schema), None)


@schemathesis.hook
def before_call(context, case, kwargs) -> None:
    """Schemathesis calls this before every request it sends; only an active campaign's schema is touched."""
    operation = getattr(context, "operation", None)
    values = _ACTIVE.get(id(getattr(operation, "schema", None)))
    if values is None:
        return
    if values and isinstance(case.body, dict):
        case.body = fresh_ids(case.body, values)
    # A generated key ("0") repeats across requests, and a key reused for another request is refused
    # (POS_REC_03, EPAY_IDM_02, RECUR_IDM_03): that refusal would hide everything else the request tests.
    # A case whose fault is a header is left as generated: schemathesis re-reads a case whose headers
    # a hook changed, and would then send the header the case means to leave out.
    if case.headers and not _violates_a_header(case):
        for name in [name for name in case.headers if is_request_key(name)]:
            case.headers[name] = str(uuid.uuid4())


def is_request_key(header: str) -> bool:
    """An idempotency key or a request id: unique per request by the documentation."""
    return "idempotency" in header.lower() or header.lower() == "x-request-id"


def _violates_a_header(case) -> bool:
    data = getattr(getattr(getattr(case, "meta", None), "phase", None), "data", None)
    location = getattr(data, "parameter_location", None)
    return str(getattr(location, "value", location) or "").lower() == "header"


def invalid_parameters(case) -> frozenset[str]:
    """The (lower-case) parameters a negative case violated, as schemathesis describes its generation."""
    data = getattr(getattr(getattr(case, "meta", None), "phase", None), "data", None)
    names = [getattr(data, "parameter", None)]
    names += [getattr(mutation, "parameter", None) for mutation in getattr(data, "mutations", None) or ()]
    return frozenset(str(name).lower() for name in names if name)


def _collect(example: Any, found: set[str]) -> None:
    if isinstance(example, dict):
        for key, value in example.items():
            if _chosen_id(key, value):
                found.add(value)
            else:
                _collect(value, found)


def _fresh(value: str) -> str:
    return f"{value[:27]}-{uuid.uuid4().hex[:8]}"


# Names of fields the client chooses besides the `...Id` ones: ePayment's `reference` (api-facts §3.1).
CHOSEN_ID_FIELDS = frozenset({"reference"})


def _chosen_id(key: str, value: Any) -> bool:
    if not (isinstance(value, str) and (key.endswith("Id") or key in CHOSEN_ID_FIELDS)):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return True
    return False  # a UUID names a resource the server made; a link supplies it
