"""Recurring errors as problem JSON (RFC 7807), each class carrying its wire status and problem type.

api-facts §4.1: an error is `ErrorV3` `{type, title, status, detail, instance, contextId, extraDetails}`,
sent as `application/json;charset=UTF-8`; §4.2: `type` is
`https://developer.vippsmobilepay.com/docs/APIs/recurring-api/recurring-api-problems#<identifier>`.
Which HTTP status goes with which identifier is not documented: every status below is the
reference's choice, except the 401s and the 409 of a reused idempotency key (api-facts §4.2).
"""

from __future__ import annotations

import http
import uuid
from typing import Any

PROBLEMS = "https://developer.vippsmobilepay.com/docs/APIs/recurring-api/recurring-api-problems#"
# R2's identifiers; a problem names one of these.
IDENTIFIERS = frozenset({
    "validation-error", "invalid-agreement-id", "invalid-json", "unsupported-media-type", "not-authorized",
    "idempotency-key-header", "charge-amount-too-high", "charge-due-too-soon", "charge-due-in-too-long",
    "unsupported-feature", "illegal-agreement-update", "invalid-suggested-max-amount", "cancel-charge-failed",
    "charge-creation-failed", "charge-capture-failed", "missing-request-header", "invalid-sale-unit",
    "resource-not-found", "operation-failed", "conflict", "idempotency-conflict",
})


class Problem(Exception):
    """A refusal of a Recurring request: an HTTP status, a problem identifier, a detail, extra details."""

    def __init__(self, status: int, identifier: str, detail: str,
                 extra: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(detail)
        assert identifier in IDENTIFIERS, identifier
        self.status = status
        self.identifier = identifier
        self.detail = detail
        self.extra = extra  # (field, reason) pairs
        self.context_id = str(uuid.uuid4())

    def body(self, instance: str) -> dict[str, Any]:
        """ErrorV3; extraDetails in the shape of the Nov 2024 spec (R3), `{name, reason}`."""
        body: dict[str, Any] = {"type": PROBLEMS + self.identifier, "title": http.HTTPStatus(self.status).phrase,
                                "status": self.status, "detail": self.detail, "instance": instance,
                                "contextId": self.context_id}
        if self.extra:
            body["extraDetails"] = [{"name": name, "reason": reason} for name, reason in self.extra]
        return body

    def headers(self) -> dict[str, str]:
        return {}


def invalid(field: str, reason: str) -> Problem:
    """400 validation-error naming the field (R2: "Missing data or inconsistencies in JSON")."""
    return Problem(400, "validation-error", f"{field}: {reason}", ((field, reason),))


def not_found(what: str) -> Problem:
    """404 resource-not-found; another merchant's agreement or charge is as unknown as one never made."""
    return Problem(404, "resource-not-found", f"No such {what}")


class Unauthorized(Problem):
    """401: a missing, wrong or mismatched access token or subscription key (api-facts §2.1, as for eCom)."""

    def __init__(self, detail: str, *, bearer: bool = False) -> None:
        super().__init__(401, "not-authorized", detail)
        self.bearer = bearer

    def headers(self) -> dict[str, str]:
        # RFC 6750 section 3: a missing or bad bearer token is answered with a Bearer challenge.
        return {"WWW-Authenticate": "Bearer"} if self.bearer else {}


class RouteProblem(Problem):
    """404 or 405 from routing: no such path, or not with this method (Allow lists the methods)."""

    def __init__(self, status: int, allow: str = "") -> None:
        identifier = "resource-not-found" if status == 404 else "operation-failed"
        super().__init__(status, identifier, "No such resource" if status == 404 else "Method not allowed")
        self.allow = allow

    def headers(self) -> dict[str, str]:
        return {"Allow": self.allow} if self.allow else {}


class ServerError(Problem):
    """500: an internal error (only the `server-error-on-failed-charge-filter` fault answers one)."""

    def __init__(self) -> None:
        super().__init__(500, "operation-failed", "An internal error occurred")


class MistypedNotFound(Problem):
    """404 whose `status` is a string: only the `unknown-agreement-status-as-string` fault sends it."""

    def __init__(self) -> None:
        super().__init__(404, "resource-not-found", "No such agreement")

    def body(self, instance: str) -> dict[str, Any]:
        return {**super().body(instance), "status": str(self.status)}
