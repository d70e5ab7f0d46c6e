"""What the clients of the Vipps APIs share: the merchant's credentials on every call, its serial number,
the optional Vipps-System-* headers, and an idempotency key on every modifying call."""

from __future__ import annotations

import uuid
from typing import Any

from cancel_conformance import __version__
from cancel_conformance.apis.vipps_merchant import MSN_HEADER, SUBSCRIPTION_KEY_HEADER, VippsTarget, VippsTokenProvider
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession

IDEMPOTENCY_HEADER = "Idempotency-Key"
# Passed as `idempotency_key` to send the request without the header.
OMIT = ""
# api-facts §2.1, §3.1, §4.1: the Vipps-System-* headers are optional, at most 30 characters each.
SYSTEM_HEADERS = {"Vipps-System-Name": "cancel-conformance", "Vipps-System-Version": __version__}


def new_idempotency_key() -> str:
    """A fresh key: a UUID, as the official SDK sends (36 characters: within ePayment's 50 and Recurring's 40)."""
    return str(uuid.uuid4())


class VippsClient:
    """One Vipps merchant's view of one Vipps API."""

    def __init__(self, http: HttpSession, target: VippsTarget, tokens: VippsTokenProvider, recorder: Recorder,
                 *, actor: str = "merchant") -> None:
        self._http = http
        self._target = target
        self._tokens = tokens
        self._recorder = recorder
        self.actor = actor

    @property
    def merchant_serial_number(self) -> str:
        return self._tokens.credentials.merchant_serial_number

    def on(self, http: HttpSession, actor: str | None = None):
        """The same merchant sending through another HTTP session (its own connection)."""
        return type(self)(http, self._target, self._tokens, self._recorder, actor=actor or self.actor)

    def credentials(self) -> dict[str, str]:
        """The headers that authenticate every call: the access token and the subscription key."""
        return {"Authorization": f"Bearer {self._tokens.token(self._recorder)}",
                SUBSCRIPTION_KEY_HEADER: self._tokens.credentials.subscription_key}

    def _call(self, method: str, path: str, body: Any = None, *, idempotency_key: str | None = None,
              query: dict[str, Any] | None = None) -> ApiResult:
        """`idempotency_key`: None for a call that takes none, OMIT to leave the header out, else the key."""
        headers = {**SYSTEM_HEADERS, MSN_HEADER: self.merchant_serial_number, **self.credentials()}
        if idempotency_key:
            headers[IDEMPOTENCY_HEADER] = idempotency_key
        response = self._http.request(method, self._target.base_url + path, self._recorder, headers=headers,
                                      json_body=body, params=query, actor=self.actor)
        return ApiResult.of(response)


def key(idempotency_key: str | None) -> str | None:
    """For a modifying call: None, a fresh key; OMIT, no header at all; anything else, that key."""
    return new_idempotency_key() if idempotency_key is None else idempotency_key
