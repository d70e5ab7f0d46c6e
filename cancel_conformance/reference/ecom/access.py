"""Who an eCom request acts for: the subscription key, the access token and the merchant it names.

api-facts §2.1: every call carries `Authorization: Bearer <token>` and `Ocp-Apim-Subscription-Key`
(both required); `Merchant-Serial-Number` is optional and, when sent, names the merchant.
"""

from __future__ import annotations

import re

from starlette.requests import Request

from cancel_conformance.reference.ecom.accounts import DemoMerchant, merchant_by_client, merchant_by_key
from cancel_conformance.reference.ecom.errors import GatewayUnauthorized, InvalidRequest, WrongMerchant
from cancel_conformance.reference.ecom.validation import check_system_headers
from cancel_conformance.reference.tokens import TokenIssuer, bearer_value

SUBSCRIPTION_KEY = "Ocp-Apim-Subscription-Key"
MSN_HEADER = "Merchant-Serial-Number"
MSN_FORMAT = r"[0-9]{5,6}"

# api-facts §2.1, the guide's gateway answer for a bad key.
BAD_KEY = ("Access denied due to invalid subscription key. Make sure to provide a valid key for an "
           "active subscription.")
BAD_TOKEN = "Unauthorized. Access token is missing or invalid."


def authenticate(request: Request) -> DemoMerchant:
    """The merchant of the key and the token: the gateway's 401 for either missing, wrong or mismatched."""
    keyed = merchant_by_key(request.headers.get(SUBSCRIPTION_KEY) or "")
    if keyed is None:
        raise GatewayUnauthorized(BAD_KEY)
    tokens: TokenIssuer = request.app.state.ecom_tokens
    value = bearer_value(request.headers.getlist("authorization"))
    token = tokens.resolve(value) if value is not None else None
    if token is None:
        raise GatewayUnauthorized(BAD_TOKEN, bearer=True)
    if merchant_by_client(token.client_id) != keyed:
        # "missing or not the token's key -> 401"
        raise GatewayUnauthorized(BAD_KEY)
    return keyed


def api_caller(request: Request) -> DemoMerchant:
    """Authentication (401), then the optional headers: Merchant-Serial-Number (400/403), Vipps-System-* (400)."""
    merchant = authenticate(request)
    msn = request.headers.get(MSN_HEADER)
    if msn is not None:
        require_msn(merchant, msn, MSN_HEADER)
    check_system_headers(request.headers)
    return merchant


def require_msn(merchant: DemoMerchant, msn: str, where: str) -> None:
    """A merchant serial number the request names must be the token's merchant."""
    if not re.fullmatch(MSN_FORMAT, msn):
        raise InvalidRequest(where, f"{where} must be 5 or 6 digits")
    if msn != merchant.merchant_serial_number:
        raise WrongMerchant(msn)
