"""eCom errors as classes carrying their wire status, and the bodies they are sent as.

api-facts §2.1: an eCom error is an array of {errorGroup, errorCode, errorMessage, contextId}; the
gateway in front of the API answers {"statusCode": 401, "message": ...} (`vipps_access.py`). The HTTP status per error
code is not documented (api-facts §2.3), so every status below is the reference's choice, except
the 400 of the 180-day rule and the 401s.
"""

from __future__ import annotations

import uuid
from typing import Any

# api-facts §2.1, Error.errorGroup.
ERROR_GROUPS = ("Authentication", "Payment", "InvalidRequest", "VippsError", "User", "Merchant")


class EcomError(Exception):
    """A refusal of an eCom request, sent as the eCom error array."""

    status = 400

    def __init__(self, group: str, code: str, message: str) -> None:
        super().__init__(message)
        assert group in ERROR_GROUPS, group
        self.group = group
        self.code = code
        self.message = message

    def body(self) -> Any:
        return [{"errorGroup": self.group, "errorCode": self.code, "errorMessage": self.message,
                 "contextId": str(uuid.uuid4())}]

    def headers(self) -> dict[str, str]:
        return {}


class InvalidRequest(EcomError):
    """400: a malformed body, header or path; the code names the field (the reference's choice)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__("InvalidRequest", field, message)


class Refused(EcomError):
    """400: valid, but not possible for this payment now (state, amount, age)."""


class WrongMerchant(EcomError):
    """403: the request names a merchant other than the access token's."""

    status = 403

    def __init__(self, msn: str) -> None:
        # No code is documented for this; "37" is the reference's choice.
        super().__init__("Merchant", "37", f"The merchant serial number {msn} is not this access token's merchant")


class UnknownOrder(EcomError):
    """404: no such orderId for this merchant (api-facts §2.3, code 35)."""

    status = 404

    def __init__(self, order_id: str, msn: str) -> None:
        super().__init__("Merchant", "35", f"The orderId '{order_id}' does not exist for MSN {msn}")


class PlainNotFound(EcomError):
    """404 with a non-eCom body: only the `unknown-order-plain-error-body` fault sends it."""

    status = 404

    def __init__(self) -> None:
        super().__init__("Merchant", "35", "not found")

    def body(self) -> Any:
        return {"error": "not found"}


class NotPossible(EcomError):
    """409 from a sandbox hook: the action is not possible in the payment's state (SIMULATION.md)."""

    status = 409

    def __init__(self, message: str) -> None:
        super().__init__("VippsError", "91", message)


class RouteError(EcomError):
    """404 or 405 from routing: no such path, or not with this method (Allow lists the methods)."""

    def __init__(self, status: int, allow: str = "") -> None:
        super().__init__("InvalidRequest", str(status), "No such resource" if status == 404 else "Method not allowed")
        self.status = status
        self.allow = allow

    def headers(self) -> dict[str, str]:
        return {"Allow": self.allow} if self.allow else {}


class ServerError(EcomError):
    """500: an internal error (api-facts §2.3, code 99)."""

    status = 500

    def __init__(self, message: str = "An internal error occurred") -> None:
        super().__init__("VippsError", "99", message)


class TokenRefused(EcomError):
    """401 from the access token endpoint: unknown client id or secret."""

    status = 401

    def __init__(self) -> None:
        super().__init__("Authentication", "invalid_client", "The client id or client secret is not valid")

    def body(self) -> Any:
        return {"error": "invalid_client", "error_description": self.message}
