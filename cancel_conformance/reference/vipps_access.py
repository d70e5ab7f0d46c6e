"""Who a Vipps request acts for: the gateway's subscription key and access token, shared by eCom and ePayment.

api-facts §2.1 and §3.1: every call carries `Authorization: Bearer <token>` and
`Ocp-Apim-Subscription-Key` (both required). One merchant's keys serve every Vipps API: a token
from `POST /accesstoken/get` opens eCom and ePayment alike, with the same subscription key.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cancel_conformance.reference.ecom.accounts import DemoMerchant, merchant_by_client, merchant_by_key
from cancel_conformance.reference.tokens import TokenIssuer, bearer_value

SUBSCRIPTION_KEY = "Ocp-Apim-Subscription-Key"
# The gateway in front of the Vipps APIs answers in JSON with this media type (spec 2.0.3).
GATEWAY_MEDIA_TYPE = "application/json;charset=UTF-8"

# api-facts §2.1, the guide's gateway answer for a bad key.
BAD_KEY = ("Access denied due to invalid subscription key. Make sure to provide a valid key for an "
           "active subscription.")
BAD_TOKEN = "Unauthorized. Access token is missing or invalid."


class GatewayUnauthorized(Exception):
    """401 from the gateway: a missing or wrong subscription key or access token.

    api-facts §2.1: the guide shows {"statusCode": 401, "message": "Access denied due to invalid
    subscription key..."}; the reference answers a bad access token in the same shape, on every
    Vipps API (the gateway is one).
    """

    status = 401

    def __init__(self, message: str, *, bearer: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.bearer = bearer

    def body(self) -> Any:
        return {"statusCode": 401, "message": self.message}

    def headers(self) -> dict[str, str]:
        # RFC 6750 section 3: a missing or bad bearer token is answered with a Bearer challenge.
        return {"WWW-Authenticate": "Bearer"} if self.bearer else {}


class GatewayJSON(JSONResponse):
    media_type = GATEWAY_MEDIA_TYPE


async def on_gateway_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, GatewayUnauthorized)
    return GatewayJSON(error.body(), status_code=error.status, headers=error.headers())


def tokens(request: Request) -> TokenIssuer:
    """The access tokens `POST /accesstoken/get` issued: one store for every Vipps API."""
    return request.app.state.vipps_tokens


def keyed_merchant(request: Request) -> DemoMerchant:
    """The merchant whose subscription key the request carries; the gateway's 401 when none."""
    keyed = merchant_by_key(request.headers.get(SUBSCRIPTION_KEY) or "")
    if keyed is None:
        raise GatewayUnauthorized(BAD_KEY)
    return keyed


def authenticate(request: Request) -> DemoMerchant:
    """The merchant of the key and the token: the gateway's 401 for either missing, wrong or mismatched."""
    keyed = keyed_merchant(request)
    value = bearer_value(request.headers.getlist("authorization"))
    token = tokens(request).resolve(value) if value is not None else None
    if token is None:
        raise GatewayUnauthorized(BAD_TOKEN, bearer=True)
    if merchant_by_client(token.client_id) != keyed:
        # "missing or not the token's key -> 401"
        raise GatewayUnauthorized(BAD_KEY)
    return keyed
