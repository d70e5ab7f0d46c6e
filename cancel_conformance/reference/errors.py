"""Errors as classes that carry their wire status and code, and the bodies they are sent as."""

from __future__ import annotations

import uuid
from typing import Any

# PoS v10 spec 10.2.6: refund endpoints answer ErrorResponseV2, whose example origin is "PoS".
REFUND_ORIGIN = "PoS"


class ApiError(Exception):
    """A refusal of a PoS v10 request: an HTTP status, an error code (or none) and a message."""

    status = 500

    def __init__(self, code: str | None, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def body(self, *, v2: bool = False) -> dict[str, Any] | None:
        """The ErrorResponse (or, for refunds, ErrorResponseV2) body; None when the answer has none."""
        body: dict[str, Any] = {"code": self.code, "message": self.message, "correlationId": str(uuid.uuid4())}
        if v2:
            body["origin"] = REFUND_ORIGIN
        return body

    def headers(self) -> dict[str, str]:
        return {}


class BadRequest(ApiError):
    """400: a header, parameter or body the API does not accept."""

    status = 400


class Unauthorized(ApiError):
    """401: no valid access token. The spec gives 401 no body."""

    status = 401

    def __init__(self, message: str = "A valid access token is required") -> None:
        super().__init__(None, message)

    def body(self, *, v2: bool = False) -> dict[str, Any] | None:
        return None

    def headers(self) -> dict[str, str]:
        # RFC 6750 section 3: a protected resource answers 401 with a Bearer challenge.
        return {"WWW-Authenticate": "Bearer"}


class Forbidden(ApiError):
    """403: the resource belongs to another integrator or merchant."""

    status = 403


class NotFound(ApiError):
    """404: an unknown resource. Payment and PoS endpoints name no code for it."""

    status = 404

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(code, message)


class MethodNotAllowed(ApiError):
    """405: the path exists but not with this method; Allow lists the methods it has (RFC 9110)."""

    status = 405

    def __init__(self, allow: str) -> None:
        super().__init__(None, "Method not allowed")
        self.allow = allow

    def headers(self) -> dict[str, str]:
        return {"Allow": self.allow}


class Conflict(ApiError):
    """409: the request is valid but not possible in the resource's current state."""

    status = 409


class SimulationConflict(Conflict):
    """409 from a sandbox hook: the action is not possible in the current state (no code)."""

    def __init__(self, message: str) -> None:
        super().__init__(None, message)


class InternalError(ApiError):
    """500: codes 2000-2999 per the PoS v10 error table."""

    status = 500

    def __init__(self, message: str = "An internal error occurred", code: str = "2000") -> None:
        super().__init__(code, message)


class OAuthError(Exception):
    """An RFC 6749 section 5.2 error from the token endpoint."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.error = error
        self.description = description

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}

    def headers(self) -> dict[str, str]:
        # RFC 6749 section 5.2: invalid_client after HTTP Basic carries a Basic challenge.
        challenge = {"WWW-Authenticate": 'Basic realm="integrator-authentication"'}
        return challenge if self.status == 401 else {}
