"""Who an eCom request acts for: the subscription key, the access token and the merchant it names.

api-facts §2.1: every call carries `Authorization: Bearer <token>` and `Ocp-Apim-Subscription-Key`
(both required); `Merchant-Serial-Number` is optional and, when sent, names the merchant.
"""

from __future__ import annotations

import re

from starlette.requests import Request

from cancel_conformance.reference.ecom.accounts import DemoMerchant
from cancel_conformance.reference.ecom.errors import InvalidRequest, WrongMerchant
from cancel_conformance.reference.ecom.validation import check_system_headers
from cancel_conformance.reference.vipps_access import authenticate

MSN_HEADER = "Merchant-Serial-Number"
MSN_FORMAT = r"[0-9]{5,6}"


def api_caller(request: Request) -> DemoMerchant:
    """Authentication (401), then the optional headers: Merchant-Serial-Number (400/403), Vipps-System-* (400)."""
    merchant = authenticate(request)
    check_headers(request, merchant)
    return merchant


def check_headers(request: Request, merchant: DemoMerchant | None = None) -> None:
    """The optional headers: Merchant-Serial-Number (400, or 403 when it is not `merchant`'s), Vipps-System-* (400)."""
    msn = request.headers.get(MSN_HEADER)
    if msn is not None:
        require_msn(merchant, msn, MSN_HEADER)
    check_system_headers(request.headers)


def require_msn(merchant: DemoMerchant | None, msn: str, where: str) -> None:
    """A merchant serial number the request names must be the token's merchant (when there is one)."""
    if not re.fullmatch(MSN_FORMAT, msn):
        raise InvalidRequest(where, f"{where} must be 5 or 6 digits")
    if merchant is not None and msn != merchant.merchant_serial_number:
        raise WrongMerchant(msn)
