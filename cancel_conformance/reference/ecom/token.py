"""The Vipps access token endpoint: `POST /accesstoken/get`, credentials in headers, no body; for every Vipps API.

Behaviour of the vendor's endpoint (access-token API): headers `client_id`, `client_secret` and
`Ocp-Apim-Subscription-Key`; the answer carries the token and, as strings, its lifetime and times.
"""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import Response

from cancel_conformance.reference.ecom.accounts import find_merchant
from cancel_conformance.reference.ecom.errors import TokenRefused
from cancel_conformance.reference.ecom.web import EcomJSON
from cancel_conformance.reference.tokens import TOKEN_LIFETIME_SECONDS
from cancel_conformance.reference.vipps_access import keyed_merchant, tokens
from cancel_conformance.reference.web import route

TOKEN_PATH = "/accesstoken/get"
RESOURCE = "cancel-conformance-reference"


async def get_token(request: Request) -> Response:
    """A one-hour bearer token for the merchant whose client id, secret and subscription key these are."""
    keyed = keyed_merchant(request)
    merchant = find_merchant(request.headers.get("client_id") or "", request.headers.get("client_secret") or "")
    if merchant is None or merchant != keyed:
        raise TokenRefused()
    token = tokens(request).issue(merchant.client_id, None)
    expires_on = int(token.expires_at.timestamp())
    not_before = int((token.expires_at - timedelta(seconds=TOKEN_LIFETIME_SECONDS)).timestamp())
    # The vendor sends the numbers as strings.
    body = {"token_type": "Bearer", "expires_in": str(TOKEN_LIFETIME_SECONDS),
            "ext_expires_in": str(TOKEN_LIFETIME_SECONDS), "expires_on": str(expires_on),
            "not_before": str(not_before), "resource": RESOURCE, "access_token": token.value}
    # RFC 6749 section 5.1: a token response carries Cache-Control: no-store.
    return EcomJSON(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


ROUTES = [route(TOKEN_PATH, POST=get_token)]
