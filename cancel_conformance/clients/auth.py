"""OAuth2 client-credentials tokens, fetched the way a real integrator does and reused until expiry."""

from __future__ import annotations

import base64
import threading
import time

from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import TargetError
from cancel_conformance.target import Credentials

EXPIRY_MARGIN_S = 60


class PosTokenProvider:
    """Tokens for one PoS integrator from `/integrator-authentication/connect/token` (api-facts §1.0)."""

    def __init__(self, http: HttpSession, token_url: str, credentials: Credentials) -> None:
        self._http = http
        self._url = token_url
        self._credentials = credentials
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
        body = response.json()
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise TargetError("the token endpoint answered 200 without an access_token")
        recorder.redactor.add(token)
        lifetime = body.get("expires_in", 3600)
        return token, float(lifetime) if isinstance(lifetime, int | float) else 3600.0
