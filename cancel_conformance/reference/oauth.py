"""The integrator token endpoint: OAuth2 client credentials, as the PoS docs describe it.

api-facts 1.0: `POST .../integrator-authentication/connect/token` with HTTP Basic client
credentials, form fields `grant_type=client_credentials` and optional `merchant_vat`; the answer
has access_token, expires_in, token_type "Bearer" and scope "integrator_scope".
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import parse_qs, unquote_plus

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cancel_conformance.reference.accounts import DemoIntegrator, find_integrator
from cancel_conformance.reference.errors import OAuthError
from cancel_conformance.reference.pos.validation import MAX_BODY_BYTES
from cancel_conformance.reference.tokens import TOKEN_LIFETIME_SECONDS, TokenIssuer
from cancel_conformance.reference.web import read_body, route

TOKEN_PATH = "/integrator-authentication/connect/token"
SCOPE = "integrator_scope"


async def issue_token(request: Request) -> Response:
    integrator = client_from_basic(request.headers.getlist("authorization"))
    raw = await read_body(request)
    if len(raw) > MAX_BODY_BYTES:
        raise OAuthError(400, "invalid_request", "the request body is too large")
    form = parse_form(raw)
    grant_type = form.get("grant_type")
    if grant_type is None:
        raise OAuthError(400, "invalid_request", "grant_type is required")
    if grant_type != "client_credentials":
        raise OAuthError(400, "unsupported_grant_type", "only client_credentials is supported")
    merchant_vat = form.get("merchant_vat") or None
    if merchant_vat is not None and not integrator.serves(merchant_vat):
        raise OAuthError(400, "invalid_request", f"this client does not act for merchant {merchant_vat}")
    tokens: TokenIssuer = request.app.state.tokens
    token = tokens.issue(integrator.client_id, merchant_vat)
    body = {"access_token": token.value, "expires_in": TOKEN_LIFETIME_SECONDS, "token_type": "Bearer",
            "scope": SCOPE}
    # RFC 6749 section 5.1: a token response carries Cache-Control: no-store.
    return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


def client_from_basic(authorization: list[str]) -> DemoIntegrator:
    """The integrator named by `Authorization: Basic base64(client_id:client_secret)`; else 401 invalid_client."""
    invalid = OAuthError(401, "invalid_client", "client authentication failed")
    if len(authorization) != 1:
        raise invalid
    scheme, _, encoded = authorization[0].strip().partition(" ")
    if scheme.lower() != "basic":
        raise invalid
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise invalid from None
    client_id, colon, secret = decoded.partition(":")
    # RFC 6749 section 2.3.1: the id and secret are form-encoded before Basic encoding.
    integrator = find_integrator(unquote_plus(client_id), unquote_plus(secret)) if colon else None
    if integrator is None:
        raise invalid
    return integrator


def parse_form(raw: bytes) -> dict[str, str]:
    """An application/x-www-form-urlencoded body; RFC 6749 section 3.2: no parameter twice."""
    try:
        fields = parse_qs(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise OAuthError(400, "invalid_request", "the body must be form-encoded UTF-8") from None
    repeated = sorted(name for name, values in fields.items() if len(values) > 1)
    if repeated:
        raise OAuthError(400, "invalid_request", f"parameter(s) given more than once: {', '.join(repeated)}")
    return {name: values[0] for name, values in fields.items()}


ROUTES = [route(TOKEN_PATH, POST=issue_token)]
