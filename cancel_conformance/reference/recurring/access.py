"""Who a Recurring request acts for: the same access token, subscription key and merchants as eCom.

One Vipps merchant's keys serve every Vipps API: a token from `POST /accesstoken/get` opens
Recurring with the same subscription key. The checks are every Vipps API's (`vipps_access.py`, `ecom/access.py`); their
refusals are answered here as Recurring problems.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from starlette.requests import Request

from cancel_conformance.reference.ecom.access import api_caller, check_headers
from cancel_conformance.reference.ecom.accounts import DemoMerchant
from cancel_conformance.reference.ecom.errors import InvalidRequest, WrongMerchant
from cancel_conformance.reference.recurring.problems import Problem, Unauthorized, invalid
from cancel_conformance.reference.vipps_access import GatewayUnauthorized, authenticate

T = TypeVar("T")


def caller(request: Request) -> DemoMerchant:
    """The API's caller: key and token (401), Merchant-Serial-Number (400, 403), Vipps-System-* (400)."""
    return _as_problems(api_caller, request)


def check_unauthenticated(request: Request) -> None:
    """Everything `caller` checks but the credentials (the `agreement-read-without-auth` fault skips only those)."""
    _as_problems(check_headers, request)


def hook_caller(request: Request) -> DemoMerchant:
    """A hook's caller: the merchant's access token and subscription key (401)."""
    return _as_problems(authenticate, request)


def _as_problems(check: Callable[[Request], T], request: Request) -> T:
    try:
        return check(request)
    except GatewayUnauthorized as error:
        raise Unauthorized(error.message, bearer=error.bearer) from None
    except WrongMerchant as error:
        # Partners name a merchant by MSN; a merchant may name only itself (the status is the reference's).
        raise Problem(403, "invalid-sale-unit", error.message) from None
    except InvalidRequest as error:
        raise invalid(error.code, error.message) from None
