"""Keeps a run bounded: a host that could not be reached is not asked again and again, and a host that asked
to be left alone (429 with Retry-After) is left alone, by the whole run.

What the run learns about a host holds per target, not per process: the worker processes of one run
(pytest-xdist) share it through a small file in a folder the run's main process made for them (see
`per_target.py`), read again whenever another process changed it and written under a file lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cancel_conformance.file_lock import exclusive
from cancel_conformance.outcomes import TargetError

# Consecutive read timeouts (or requests still rate limited) after which a host counts as unable to answer.
TIMEOUTS_BEFORE_GIVING_UP = 3
STATE_FILE = "hosts.json"


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class HostState:
    """What the run knows of one host."""

    down: str = ""  # the first reason it was found unreachable
    strikes: int = 0  # timeouts (or requests still rate limited) in a row
    quiet_until: float = 0.0  # the wall-clock time before which it asked not to be sent anything


class HostHealth:
    """What the run has learned about each host: down (with the first reason), slow, or asking for quiet."""

    def __init__(self, shared: Path | None = None) -> None:
        self._hosts: dict[str, HostState] = {}
        self._lock = threading.Lock()
        self._file = shared / STATE_FILE if shared else None
        self._seen: tuple[int, int] | None = None  # the shared file's version last read

    def check(self, url: str) -> None:
        """Fail fast, with the original reason, for a host already found unreachable."""
        host = host_of(url)
        reason = self._read(host).down
        if reason:
            raise TargetError(f"{host} was found unreachable earlier in this run ({reason}); not asked again")

    def wait_out_quiet(self, url: str, longest: float) -> float:
        """Wait while the host's Retry-After lasts (at most `longest` seconds); how long that was."""
        wait = min(self._read(host_of(url)).quiet_until - time.time(), longest)
        if wait > 0:
            time.sleep(wait)
        return max(wait, 0.0)

    def quiet(self, url: str, seconds: float) -> None:
        """The host answered 429 asking for `seconds` of quiet: nothing of this run goes to it until then."""
        until = time.time() + seconds
        self._update(url, lambda state: setattr(state, "quiet_until", max(state.quiet_until, until)))

    def unreachable(self, url: str, reason: str) -> None:
        self._update(url, lambda state: setattr(state, "down", state.down or reason))

    def timed_out(self, url: str, reason: str) -> None:
        self._strike(url, f"{TIMEOUTS_BEFORE_GIVING_UP} requests in a row timed out, last: {reason}")

    def rate_limited(self, url: str, reason: str) -> None:
        """Still 429 after the waits the suite honours: like a timeout, the host is given up on in the end."""
        self._strike(url, f"{TIMEOUTS_BEFORE_GIVING_UP} requests in a row stayed rate limited, last: {reason}")

    def answered(self, url: str) -> None:
        if self._read(host_of(url)).strikes:  # nothing to clear, nothing to write: the usual case
            self._update(url, lambda state: setattr(state, "strikes", 0))

    def _strike(self, url: str, reason_when_down: str) -> None:
        def strike(state: HostState) -> None:
            state.strikes += 1
            if state.strikes >= TIMEOUTS_BEFORE_GIVING_UP:
                state.down = state.down or reason_when_down

        self._update(url, strike)

    def _read(self, host: str) -> HostState:
        with self._lock:
            self._refresh()
            return HostState(**asdict(self._hosts.get(host, HostState())))

    def _update(self, url: str, change: Callable[[HostState], None]) -> None:
        with self._lock, exclusive(self._file):
            self._refresh()
            change(self._hosts.setdefault(host_of(url), HostState()))
            self._write()

    def _refresh(self) -> None:
        """The shared file's state, when another process changed it since it was last read."""
        if self._file is None:
            return
        try:
            status = self._file.stat()
        except FileNotFoundError:
            return
        version = (status.st_ino, status.st_mtime_ns)  # each write is a new file: a new inode
        if version != self._seen:
            with contextlib.suppress(ValueError, OSError):
                self._hosts = {host: HostState(**state) for host, state in
                               json.loads(self._file.read_text("utf-8")).items()}
            self._seen = version

    def _write(self) -> None:
        if self._file is None:
            return
        written = self._file.with_name(f"{STATE_FILE}.{os.getpid()}")
        written.write_text(json.dumps({host: asdict(state) for host, state in self._hosts.items()}), "utf-8")
        os.replace(written, self._file)
        self._seen = None  # read it again next time: another process may write within the same tick

