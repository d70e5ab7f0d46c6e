"""Assertions that read like a bug report: what was expected, what came, and how to reproduce it."""

from __future__ import annotations

import json
from collections.abc import Collection

from cancel_conformance.clients.result import ApiResult
from cancel_conformance.outcomes import ConformanceFailure, TargetError

MAX_BODY_CHARS = 300


def received(result: ApiResult) -> str:
    """The status and (a bounded excerpt of) the body, as a reader needs them."""
    exchange = result.exchange
    body = exchange.response_body
    if not body:
        return f"{result.status} with an empty body"
    if len(body) > MAX_BODY_CHARS:
        body = body[:MAX_BODY_CHARS] + "..."
    return f"{result.status} {body}"


def status(result: ApiResult, expected: int, what: str) -> None:
    """The target answered exactly `expected`."""
    no_server_error(result, what)
    if result.status != expected:
        fail(result, f"{what}: unexpected status", f"{expected}", received(result))


def refused(result: ApiResult, expected_status: int, codes: Collection[str] = (), what: str = "the request") -> None:
    """The target refused with `expected_status` and, when given, one of the error `codes`."""
    no_server_error(result, what)
    if result.status != expected_status:
        wanted = f"{expected_status}" + (f" with code {_codes(codes)}" if codes else "")
        fail(result, f"{what} was not refused as documented", wanted, received(result))
    if codes and result.error_code not in codes:
        fail(result, f"{what} was refused with the wrong error code",
              f"{expected_status} with code {_codes(codes)}", received(result))


def failed(result: ApiResult, what: str) -> None:
    """Any non-2xx: the actor could not do it (SIMULATION.md: a hook's 409 or a vendor's 500 alike)."""
    if result.ok:
        fail(result, f"{what} was allowed", "a refusal (any status other than 2xx)", received(result))


def reads(result: ApiResult, expected_state: str, what: str = "the payment") -> None:
    """Reading the resource succeeds and shows `expected_state`."""
    no_server_error(result, f"reading {what}")
    if result.status != 200:
        fail(result, f"{what} could not be read", "200 with its state", received(result))
    state = result.field("status", str)
    if state != expected_state:
        fail(result, f"{what} is in the wrong state", f'"{expected_state}"', f'"{state}"')


def equal(result: ApiResult, actual: object, expected: object, what: str) -> None:
    if actual != expected:
        fail(result, what, json.dumps(expected), json.dumps(actual))


def no_server_error(result: ApiResult, what: str) -> None:
    """A 5xx is the target failing, not an answer to judge: the rule becomes an error (DESIGN.md)."""
    if result.status >= 500:
        raise TargetError(f"{what}: the target failed with {received(result)}")


def _codes(codes: Collection[str]) -> str:
    return " or ".join(f'"{code}"' for code in codes)


def fail(result: ApiResult, summary: str, expected: str, got: str) -> None:
    raise ConformanceFailure(summary, expected=expected, received=got, reproduce=result.exchange.curl())
