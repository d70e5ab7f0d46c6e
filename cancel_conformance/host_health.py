"""Keeps a run bounded: a host that could not be reached is not asked again and again."""

from __future__ import annotations

import threading
from collections import Counter
from urllib.parse import urlsplit

from cancel_conformance.outcomes import TargetError

# Consecutive read timeouts (or requests still rate limited) after which a host counts as unable to answer.
TIMEOUTS_BEFORE_GIVING_UP = 3


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class HostHealth:
    """What the run has learned about each host: down (with the first reason), or slow."""

    def __init__(self) -> None:
        self._down: dict[str, str] = {}
        self._timeouts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def check(self, url: str) -> None:
        """Fail fast, with the original reason, for a host already found unreachable."""
        host = host_of(url)
        with self._lock:
            reason = self._down.get(host)
        if reason:
            raise TargetError(f"{host} was found unreachable earlier in this run ({reason}); not asked again")

    def unreachable(self, url: str, reason: str) -> None:
        with self._lock:
            self._down.setdefault(host_of(url), reason)

    def timed_out(self, url: str, reason: str) -> None:
        self._strike(url, f"{TIMEOUTS_BEFORE_GIVING_UP} requests in a row timed out, last: {reason}")

    def rate_limited(self, url: str, reason: str) -> None:
        """Still 429 after the waits the suite honours: like a timeout, the host is given up on in the end."""
        self._strike(url, f"{TIMEOUTS_BEFORE_GIVING_UP} requests in a row stayed rate limited, last: {reason}")

    def _strike(self, url: str, reason_when_down: str) -> None:
        host = host_of(url)
        with self._lock:
            self._timeouts[host] += 1
            if self._timeouts[host] >= TIMEOUTS_BEFORE_GIVING_UP:
                self._down.setdefault(host, reason_when_down)

    def answered(self, url: str) -> None:
        with self._lock:
            self._timeouts.pop(host_of(url), None)
