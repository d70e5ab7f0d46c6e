"""A deadline on a response's status line and headers, not only on each wait for their bytes.

A socket read timeout bounds each wait for the next bytes; a target that sends its head a byte at a
time (or a header every half second) never trips it. Here every connection arms a timer when it
starts reading a response; if the head is not complete when it fires, the socket is shut down, the
read fails at once, and the failure names the deadline.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from collections.abc import Callable

import requests
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class HeadDeadlineExceeded(OSError):
    """The response's status line and headers did not all arrive within the deadline."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete response head within {seconds:g} s")
        self.seconds = seconds


# The longest single wait of the watchdog (it re-checks after it): far below what a wait accepts.
MAX_WAIT_S = 3600.0


class _Watchdog:
    """One thread for every deadline of the process: arming one costs a heap push, not a new thread."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._disarmed: set[int] = set()
        self._keys = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float, action: Callable[[], None]) -> int:
        with self._wake:
            key = next(self._keys)
            heapq.heappush(self._heap, (time.monotonic() + seconds, key, action))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="head-deadline", daemon=True)
                self._thread.start()
            if self._heap[0][1] == key:  # sooner than whatever the thread waits for
                self._wake.notify()
            return key

    def disarm(self, key: int) -> None:
        with self._wake:
            self._disarmed.add(key)

    def _run(self) -> None:
        with self._wake:
            while True:
                while self._heap and self._heap[0][1] in self._disarmed:
                    self._disarmed.discard(heapq.heappop(self._heap)[1])
                if not self._heap:
                    self._wake.wait()
                    continue
                due = self._heap[0][0] - time.monotonic()
                if due > 0:
                    self._wake.wait(min(due, MAX_WAIT_S))
                    continue
                _, _, action = heapq.heappop(self._heap)
                self._wake.release()
                try:
                    action()
                finally:
                    self._wake.acquire()


_WATCHDOG = _Watchdog()


class _DeadlineMixin:
    head_deadline: float = 15.0
    sock: socket.socket | None

    def getresponse(self, *args, **kwargs):
        fired, settled = threading.Event(), threading.Lock()
        done = False

        def cut() -> None:
            with settled:  # never cut a connection whose head has been read: it may carry the next request
                if done:
                    return
                fired.set()
                sock = self.sock
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)

        key = _WATCHDOG.arm(self.head_deadline, cut)
        try:
            response = super().getresponse(*args, **kwargs)
        except Exception as error:
            if fired.is_set():
                raise HeadDeadlineExceeded(self.head_deadline) from error
            raise
        finally:
            with settled:
                done = True
            _WATCHDOG.disarm(key)
        if fired.is_set():  # the cut socket ended the head early: what was parsed is no answer
            response.close()
            raise HeadDeadlineExceeded(self.head_deadline)
        return response


class _HttpConnection(_DeadlineMixin, HTTPConnection):
    pass


class _HttpsConnection(_DeadlineMixin, HTTPSConnection):
    pass


def mount_head_deadline(session: requests.Session, seconds: float) -> None:
    """Every connection `session` opens gives a response head at most `seconds` to arrive."""
    http = type("HttpPool", (HTTPConnectionPool,),
                {"ConnectionCls": type("HttpConnection", (_HttpConnection,), {"head_deadline": seconds})})
    https = type("HttpsPool", (HTTPSConnectionPool,),
                 {"ConnectionCls": type("HttpsConnection", (_HttpsConnection,), {"head_deadline": seconds})})
    for adapter in session.adapters.values():
        if isinstance(adapter, requests.adapters.HTTPAdapter):
            adapter.poolmanager.pool_classes_by_scheme = {"http": http, "https": https}
