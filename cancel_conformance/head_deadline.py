"""A deadline on a response's status line and headers, not only on each wait for their bytes.

A socket read timeout bounds each wait for the next bytes; a target that sends its head a byte at a
time (or a header every half second) never trips it. Here every connection arms a timer when it
starts reading a response; if the head is not complete when it fires, the socket is shut down, the
read fails at once, and the failure names the deadline.
"""

from __future__ import annotations

import contextlib
import socket
import threading

import requests
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class HeadDeadlineExceeded(OSError):
    """The response's status line and headers did not all arrive within the deadline."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete response head within {seconds:g} s")
        self.seconds = seconds


class _DeadlineMixin:
    head_deadline: float = 15.0
    sock: socket.socket | None

    def getresponse(self, *args, **kwargs):
        fired = threading.Event()

        def cut() -> None:
            fired.set()
            sock = self.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(self.head_deadline, cut)
        timer.daemon = True
        timer.start()
        try:
            response = super().getresponse(*args, **kwargs)
        except Exception as error:
            if fired.is_set():
                raise HeadDeadlineExceeded(self.head_deadline) from error
            raise
        finally:
            timer.cancel()
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
