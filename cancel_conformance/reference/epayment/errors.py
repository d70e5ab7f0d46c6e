"""ePayment refusals as classes carrying their wire status, and the RFC 7807 Problem bodies they are sent as.

api-facts §3.1: a Problem has type, title, status and traceId (required), detail and instance, and
`extraDetails: [{name, reason}]`; a refusal the payment causes names `{"name": "ErrorCode", "reason":
"60xx"}`, a malformed request names its fields and no code. The HTTP status per code is not
documented (api-facts §7): every status below is the reference's choice unless its comment quotes one.
"""

from __future__ import annotations

import secrets
from typing import Any

ERROR_CODE = "ErrorCode"


def trace_id() -> str:
    """A W3C traceparent, the form the error pages' traceId examples take."""
    return f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"


class Problem(Exception):
    """A refusal of an ePayment request: a status, a title, and an error code or the fields at fault."""

    status = 400
    # Remembered under its Idempotency-Key ("4xx responses are sticky per key", api-facts §3.3).
    sticky = True

    def __init__(self, title: str, detail: str, *, code: str | None = None,
                 fields: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(detail)
        self.title = title
        self.detail = detail
        self.code = code
        self.fields = fields

    def extra_details(self) -> list[dict[str, str]]:
        named = [{"name": ERROR_CODE, "reason": self.code}] if self.code is not None else []
        return named + [{"name": name, "reason": reason} for name, reason in self.fields]

    def body(self, instance: str) -> dict[str, Any]:
        body: dict[str, Any] = {"type": f"https://httpstatuses.io/{self.status}", "title": self.title,
                                "status": self.status, "detail": self.detail, "instance": instance,
                                "traceId": trace_id()}
        extra = self.extra_details()
        if extra:
            body["extraDetails"] = extra
        return body


class BadRequest(Problem):
    """400: a malformed header, path or body; extraDetails name the field, with no error code."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__("Bad Request", reason, fields=((field, reason),))


class Refused(Problem):
    """A refusal the payment's state, amounts or age cause, with its error code (HTTP 400 unless given)."""

    def __init__(self, code: str, title: str, detail: str, status: int = 400) -> None:
        super().__init__(title, detail, code=code)
        self.status = status
        # A 423 says "try again shortly" (T1: "Retry after a short wait"): a retry with the same key is
        # answered afresh, never with the remembered 423.
        self.sticky = status != 423


class WrongMerchant(Problem):
    """403: Merchant-Serial-Number names a sales unit that is not the access token's (no code documented)."""

    status = 403

    def __init__(self, msn: str) -> None:
        super().__init__("Forbidden", f"The merchant serial number {msn} is not this access token's merchant")


class UnknownPayment(Problem):
    """404: no payment with this reference for this merchant (T1: 5090 "Reference not found")."""

    status = 404

    def __init__(self, reference: str) -> None:
        super().__init__("Reference not found", f"No payment with the reference {reference} for this merchant",
                         code="5090")


class KeyReused(Problem):
    """409: the Idempotency-Key was used for another request (T1: 4020 "Idempotency error")."""

    status = 409

    def __init__(self) -> None:
        super().__init__("Idempotency error", "The Idempotency-Key was already used for a different request",
                         code="4020")


class NotPossible(Problem):
    """409 from a sandbox hook: not possible in the payment's current state, which is unchanged (SIMULATION.md)."""

    status = 409

    def __init__(self, detail: str, code: str | None = None) -> None:
        super().__init__("Conflict", detail, code=code)


class RouteProblem(Problem):
    """404 or 405 from routing: no such path, or not with this method (Allow lists the methods)."""

    def __init__(self, status: int, allow: str = "") -> None:
        super().__init__("Not Found" if status == 404 else "Method Not Allowed",
                         "No such resource" if status == 404 else "Method not allowed")
        self.status = status
        self.allow = allow


class ServerProblem(Problem):
    """500: an internal error (T1: 3010 "Internal error"); only a fault sends it."""

    status = 500
    sticky = False

    def __init__(self) -> None:
        super().__init__("Internal error", "An internal error occurred", code="3010")
