"""Recurring assertions that read like a bug report: a cancel's answer (204, or 202 and enacted later),
refusals, and the charge after.

api-facts §4.1: a DELETE is answered "204 No Content" or "202 Accepted (the action will likely
succeed but has not yet been enacted)". After a 202 the charge is read again until it shows the
outcome, within `[limits] settle_timeout`: a 202 that never shows it fails the rule and names the
bound. Where the documentation names no HTTP status (a refusal), only a 4xx is asked for.
"""

from __future__ import annotations

import time
from typing import Any

from cancel_conformance.apis.recurring.cast import ChargeRef
from cancel_conformance.apis.recurring.view import Charge
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.expect import fail, no_server_error, received

ACCEPTED = (204, 202)
LATER = 202
POLL_SECONDS = 0.25


def accepted(result: ApiResult, what: str) -> None:
    """204, or 202 (enacted later)."""
    no_server_error(result, what)
    if result.status not in ACCEPTED:
        fail(result, f"{what} was not accepted", "204, or 202", received(result))


def reaches(charge: ChargeRef, result: ApiResult, status: str, what: str) -> Charge:
    """After an accepted action: the charge reads `status`, at once after a 204, within the bound after a 202."""
    accepted(result, what)
    bound = charge.owner.settle_timeout if result.status == LATER else 0.0
    deadline = time.monotonic() + bound
    while True:
        read, seen = observe(charge)
        if seen.status == status:
            return seen
        if time.monotonic() + POLL_SECONDS > deadline:
            after = f" within {bound:g} s ([limits] settle_timeout) of its 202" if bound else " after its 204"
            fail(read, f"{what} was accepted, yet the charge does not read {status}{after}", f'status "{status}"',
                 seen.describe())
        time.sleep(POLL_SECONDS)


def settled(charge: ChargeRef, answers: tuple[ApiResult, ...]) -> tuple[ApiResult, Charge]:
    """The charge once what any 202 among `answers` promised has had its time: read until it no longer shows
    what it showed before, or the bound has passed."""
    bound = charge.owner.settle_timeout if any(answer.status == LATER for answer in answers) else 0.0
    deadline = time.monotonic() + bound
    while True:
        read, seen = observe(charge)
        moved = charge.seen is None or seen.status != charge.seen.status
        if moved or time.monotonic() + POLL_SECONDS > deadline:
            return read, seen
        time.sleep(POLL_SECONDS)


def refused(result: ApiResult, what: str, problem: bool = False) -> None:
    """A 4xx (the documentation names no status); with `problem`, a problem body too (RECUR_CAN_03)."""
    no_server_error(result, what)
    if not 400 <= result.status < 500:
        fail(result, f"{what} was not refused", "a 4xx" + (" with a problem body" if problem else ""),
             received(result))
    if problem and not is_problem(result.body):
        fail(result, f"{what} was refused without a problem body", "a 4xx with {type, title, status, ...}",
             received(result))


def refused_with_status(result: ApiResult, status: int, what: str) -> None:
    no_server_error(result, what)
    if result.status != status:
        fail(result, f"{what} was not refused as documented", f"{status}", received(result))


def observe(charge: ChargeRef) -> tuple[ApiResult, Charge]:
    """The charge now, as the merchant reads it; any answer but 200 fails the rule."""
    result = charge.owner.read(charge)
    no_server_error(result, "reading the charge")
    if result.status != 200:
        fail(result, "the charge could not be read", "200 with the charge", received(result))
    return result, Charge.of(result)


def reads(charge: ChargeRef, status: str, what: str) -> Charge:
    result, seen = observe(charge)
    if seen.status != status:
        fail(result, what, f'status "{status}"', seen.describe())
    return seen


def summary(charge: ChargeRef, expected: dict[str, int], what: str) -> None:
    result, seen = observe(charge)
    if {name: seen.summary[name] for name in expected} != expected:
        fail(result, what, ", ".join(f"summary.{name} {value}" for name, value in expected.items()),
             seen.describe())


def cancelled_once(charge: ChargeRef, what: str) -> None:
    """Exactly one successful CANCEL in the charge's history (RECUR_IDM_02, SAFE_02)."""
    result, seen = observe(charge)
    if seen.count("CANCEL") != 1:
        fail(result, what, "exactly one successful CANCEL in the history", seen.describe())


def unchanged(charge: ChargeRef, answer: ApiResult | None, what: str) -> None:
    """Status and summary as when the Given was established, and no new successful event in the history.

    After a 202 the target may still act: the charge is judged once the bound has passed.
    """
    before = charge.seen
    if before is None:
        raise ValueError("the charge was never seen before the action")
    if answer is not None and answer.status == LATER:
        time.sleep(charge.owner.settle_timeout)
    result, seen = observe(charge)
    if (seen.status, seen.summary, seen.succeeded) != (before.status, before.summary, before.succeeded):
        fail(result, what, f"as before: {before.describe()}", seen.describe())


def is_problem(body: Any) -> bool:
    """A problem (ErrorV3, api-facts §4.1): a JSON object naming its `type`."""
    return isinstance(body, dict) and isinstance(body.get("type"), str)
