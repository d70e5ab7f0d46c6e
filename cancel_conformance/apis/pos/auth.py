"""PoS integrator tokens: OAuth2 client credentials at `/integrator-authentication/connect/token` (api-facts §1.0)."""

from __future__ import annotations

import base64

from cancel_conformance.apis.pos.target import Credentials
from cancel_conformance.clients.auth import TokenProvider, access_token
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import TargetError


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
        return access_token(response.json(), recorder)
