"""Idempotency keys of every modifying Recurring call: a retry gets the first answer again.

api-facts §4.2 [C R2]: the key is required on every POST, PUT, PATCH and DELETE; "A 4xx response is
replayed for the same key"; "Reusing a key on a different request -> 409 Conflict". Keys belong to
the merchant (MSN). The reference keeps what an operation answered, success or refusal, once the
request was authenticated and well formed (a malformed request is answered, not kept), for the
life of the server.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cancel_conformance.reference.recurring.problems import Problem

CANCEL_CHARGE = "CancelChargeV3"


@dataclass(frozen=True)
class Reply:
    """A successful answer: its status and body (None: no body)."""

    status: int
    body: Any = None


@dataclass(frozen=True)
class KeyUse:
    """One request's key: whose it is, which operation sent it, and what the request was."""

    msn: str
    key: str
    operation: str
    request: str


def key_use(msn: str, key: str, operation: str, method: str, path: str, body: Any = None) -> KeyUse:
    """Two requests are the same when their method, path and (canonical) body are."""
    return KeyUse(msn, key, operation, json.dumps([method, path, body], sort_keys=True))


class IdempotencyKeys:
    """First answers by (merchant, key). Callers hold the state lock."""

    def __init__(self, faults: frozenset[str] = frozenset()) -> None:
        self._faults = faults
        self._first: dict[tuple[str, str], tuple[KeyUse, Reply | Problem]] = {}

    def replay(self, use: KeyUse) -> Reply | None:
        """The first answer when this is a retry (a refusal is raised again); 409 for another request."""
        entry = self._first.get((use.msn, use.key))
        if entry is None:
            return None
        first, answer = entry
        if first.request == use.request:
            if self._cancel_fault(use, first, "charge-cancel-retry-not-replayed"):
                return None  # handled as a new cancel
            return _again(answer)
        if self._cancel_fault(use, first, "charge-cancel-key-reuse-accepted"):
            return _again(answer)
        # RECUR_IDM_03: "An Idempotency-Key reused for a different request ... is refused with 409".
        raise Problem(409, "idempotency-conflict", "The Idempotency-Key was already used for a different request")

    def remember(self, use: KeyUse, answer: Reply | Problem) -> None:
        self._first.setdefault((use.msn, use.key), (use, answer))

    def _cancel_fault(self, use: KeyUse, first: KeyUse, fault: str) -> bool:
        # The idempotency faults break RECUR_IDM_02/03, which are about charge cancels only.
        return fault in self._faults and use.operation == first.operation == CANCEL_CHARGE


def _again(answer: Reply | Problem) -> Reply:
    if isinstance(answer, Problem):
        raise answer.with_traceback(None)  # the same problem, contextId and all
    return answer
