"""Access tokens, fetched the way a real client does and reused until expiry; each API says how it fetches one."""

from __future__ import annotations

import threading
import time

from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import TargetError

EXPIRY_MARGIN_S = 60
DEFAULT_LIFETIME_S = 3600.0


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


def access_token(body: object, recorder: Recorder) -> tuple[str, float]:
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
