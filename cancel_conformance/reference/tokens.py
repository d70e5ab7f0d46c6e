"""Opaque bearer tokens: issued by the token endpoint, resolved on every API call."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from cancel_conformance.reference.clock import Clock, utc_now

# api-facts 1.0: the token response carries `expires_in`; the reference issues one-hour tokens.
TOKEN_LIFETIME_SECONDS = 3600


@dataclass(frozen=True)
class Token:
    """What a bearer token stands for: an integrator, optionally restricted to one merchant."""

    value: str
    client_id: str
    merchant_vat: str | None
    expires_at: datetime


class TokenIssuer:
    """Issues random tokens and resolves them until they expire."""

    def __init__(self, clock: Clock = utc_now) -> None:
        self._clock = clock
        self._tokens: dict[str, Token] = {}
        self._lock = threading.Lock()

    def issue(self, client_id: str, merchant_vat: str | None) -> Token:
        now = self._clock()
        token = Token(secrets.token_urlsafe(32), client_id, merchant_vat,
                      now + timedelta(seconds=TOKEN_LIFETIME_SECONDS))
        with self._lock:
            self._forget_expired(now)
            self._tokens[token.value] = token
        return token

    def resolve(self, value: str) -> Token | None:
        """The live token with this value; None when unknown or expired."""
        with self._lock:
            token = self._tokens.get(value)
        if token is None or token.expires_at <= self._clock():
            return None
        return token

    def _forget_expired(self, now: datetime) -> None:
        for value in [v for v, token in self._tokens.items() if token.expires_at <= now]:
            del self._tokens[value]


def bearer_value(authorization: list[str]) -> str | None:
    """The token in a single `Authorization: Bearer <token>` header, else None."""
    if len(authorization) != 1:
        return None
    scheme, _, value = authorization[0].strip().partition(" ")
    # RFC 6750 section 2.1: the scheme name is case-insensitive.
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
