"""Access tokens, fetched the way a real integrator does and reused until expiry.

PoS: OAuth2 client credentials (api-facts §1.0); Vipps eCom: `POST /accesstoken/get` (api-facts §2.1).
"""

from __future__ import annotations

import base64
import threading
import time

from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import TargetError
from cancel_conformance.target import Credentials, VippsCredentials

EXPIRY_MARGIN_S = 60
DEFAULT_LIFETIME_S = 3600.0
SUBSCRIPTION_KEY_HEADER = "Ocp-Apim-Subscription-Key"


class TokenProvider:
    """One client's bearer token, fetched on first use and again shortly before it expires; thread-safe."""

    def __init__(self, http: HttpSession, token_url: str) -> None:
        self._http = http
        self._url = token_url
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = threading.Lock()

    def token(self, recorder: Recorder) -> str:
        with self._lock:
            if self._token is None or time.monotonic() >= self._expires_at:
                self._token, lifetime = self._fetch(recorder)
                self._expires_at = time.monotonic() + max(lifetime - EXPIRY_MARGIN_S, 1)
            return self._token

    def _fetch(self, recorder: Recorder) -> tuple[str, float]:
        raise NotImplementedError


class PosTokenProvider(TokenProvider):
    """Tokens for one PoS integrator from `/integrator-authentication/connect/token` (api-facts §1.0)."""

    def __init__(self, http: HttpSession, token_url: str, credentials: Credentials) -> None:
        super().__init__(http, token_url)
        self._credentials = credentials

    def _fetch(self, recorder: Recorder) -> tuple[str, float]:
        creds = self._credentials
        basic = base64.b64encode(f"{creds.client_id}:{creds.client_secret}".encode()).decode()
        form = {"grant_type": "client_credentials"}
        if creds.merchant_vat:
            form["merchant_vat"] = creds.merchant_vat
        response = self._http.request(
            "POST", self._url, recorder, headers={"Authorization": f"Basic {basic}"}, form=form, actor="auth"
        )
        if response.status != 200:
            raise TargetError(f"the token endpoint refused integrator {creds.client_id}: {response.status}")
        return _access_token(response.json(), recorder)


class VippsTokenProvider(TokenProvider):
    """Tokens for one Vipps merchant from `POST /accesstoken/get` (api-facts §2.1)."""

    def __init__(self, http: HttpSession, token_url: str, credentials: VippsCredentials) -> None:
        super().__init__(http, token_url)
        self.credentials = credentials

    def _fetch(self, recorder: Recorder) -> tuple[str, float]:
        # The access-token API: client_id, client_secret and Ocp-Apim-Subscription-Key as headers, no body.
        creds = self.credentials
        headers = {"client_id": creds.client_id, "client_secret": creds.client_secret,
                   SUBSCRIPTION_KEY_HEADER: creds.subscription_key}
        response = self._http.request("POST", self._url, recorder, headers=headers, actor="auth")
        if response.status != 200:
            raise TargetError(f"the access token endpoint refused merchant {creds.client_id}: {response.status}")
        return _access_token(response.json(), recorder)


def _access_token(body: object, recorder: Recorder) -> tuple[str, float]:
    """The token and its lifetime in seconds; Vipps sends `expires_in` as a string ("3600")."""
    token = body.get("access_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        raise TargetError("the token endpoint answered 200 without an access_token")
    recorder.redactor.add(token)
    return token, _seconds(body.get("expires_in"))


def _seconds(value: object) -> float:
    if isinstance(value, str):
        value = value.strip()
        return float(value) if value.isdigit() else DEFAULT_LIFETIME_S
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else DEFAULT_LIFETIME_S
