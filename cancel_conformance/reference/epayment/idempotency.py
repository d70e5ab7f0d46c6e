"""Idempotency-Key: a retry of the same request gets the first answer; the key used for another request is refused.

api-facts §3.3 and T1: "Reusing a key with a different body -> 409"; "4xx responses are sticky per
key". Keys are the merchant's own: the store is keyed by (merchant serial number, key), so two merchants
may use the same key. A request is the operation, the reference and the body as sent (JSON, compared
canonically): a key used for capture cannot be reused for a cancel, nor for another payment's cancel.
Only answers the payment gave are kept; a request refused before it reached one (401, a malformed
header or body) is not, and neither is a 423 or a 500, which ask to be retried.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cancel_conformance.reference.epayment.errors import KeyReused, Problem


@dataclass(frozen=True)
class Ask:
    """A merchant's request under an Idempotency-Key: who sent it, its key, and what it asks."""

    msn: str
    key: str
    operation: str  # createPayment, capturePayment, refundPayment, cancelPayment
    reference: str | None  # the path's reference (create names its own in the body)
    body: Any  # the JSON body as sent, None when there is none
    instance: str  # the request's path, for a Problem's `instance`

    def fingerprint(self) -> str:
        """A canonical text of the request: two requests are the same when these are equal."""
        return json.dumps([self.operation, self.reference, self.body], sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class Answer:
    """What a request was answered: its status and body (a Problem's when `problem`)."""

    status: int
    body: Any
    problem: bool = False

    @classmethod
    def refusal(cls, problem: Problem, instance: str) -> Answer:
        return cls(problem.status, problem.body(instance), problem=True)


class IdempotencyStore:
    """First answers by (merchant, key), with the request they answered. Callers hold the state lock."""

    def __init__(self, faults: frozenset[str] = frozenset()) -> None:
        self._faults = faults
        self._entries: dict[tuple[str, str], tuple[str, Answer]] = {}

    def replay(self, ask: Ask) -> Answer | None:
        """The first answer when this is a retry (None: a new request); KeyReused when the key asked otherwise."""
        entry = self._entries.get((ask.msn, ask.key))
        if entry is None:
            return None
        first_request, answer = entry
        cancel = ask.operation == "cancelPayment"
        if first_request == ask.fingerprint():
            # EPAY_IDM_01: "A cancel retried with the same Idempotency-Key is answered with a 2xx again and
            # cancels once".
            return None if cancel and "epayment-cancel-retry-repeated" in self._faults else answer
        if cancel and "epayment-key-reuse-replays" in self._faults:
            return answer
        # EPAY_IDM_02: "An Idempotency-Key reused for a different request ... is refused with 409".
        raise KeyReused()

    def remember(self, ask: Ask, answer: Answer) -> None:
        self._entries.setdefault((ask.msn, ask.key), (ask.fingerprint(), answer))
