"""Serving the reference over real HTTP: embedded in a background thread, or in the foreground."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp

from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.app import create_app
from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.faults import check_faults

START_TIMEOUT_SECONDS = 10.0


class ReferenceServer:
    """The reference on a local port, served by uvicorn in a daemon thread; a context manager too."""

    def __init__(self, faults: Iterable[str] = (), host: str = "127.0.0.1", port: int = 0,
                 wrap: Callable[[ASGIApp], ASGIApp] | None = None, *, async_cancel: bool = False) -> None:
        self.faults = check_faults(faults)
        self.wrap = wrap  # e.g. an ASGI middleware in front of the reference, which serves what it returns
        self.async_cancel = async_cancel  # Recurring charge cancels answered 202 and enacted a little later
        self.host = host
        self.port = port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._url = ""

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:54321 (only while started)."""
        if not self._url:
            raise RuntimeError("the reference server is not started")
        return self._url

    def start(self) -> str:
        """Bind (port 0: any free port), serve in the background, wait until it accepts connections."""
        if self._server is not None:
            return self.url
        sock = bind(self.host, self.port)
        app = create_app(self.faults, async_cancel=self.async_cancel)
        config = uvicorn.Config(self.wrap(app) if self.wrap else app, log_level="warning", access_log=False,
                                lifespan="off", ws="none")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name="reference-server", daemon=True)
        self._thread.start()
        self.port = sock.getsockname()[1]
        self._url = base_url(self.host, self.port)
        self._wait_until_serving(self._server, self._thread)
        return self._url

    def stop(self) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=START_TIMEOUT_SECONDS)
        self._server, self._thread, self._url = None, None, ""

    def __enter__(self) -> ReferenceServer:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def _wait_until_serving(self, server: uvicorn.Server, thread: threading.Thread) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the reference server did not start on {self.host}:{self.port}")
            time.sleep(0.01)
        with socket.create_connection((self.host, self.port), timeout=START_TIMEOUT_SECONDS):
            pass


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready socket on host:port (IPv4 or IPv6)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # An explicit IPPROTO_TCP lets asyncio set TCP_NODELAY on accepted connections; without it, a
    # keep-alive client waits ~40 ms per request on Nagle's algorithm and delayed ACKs.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    return sock


def base_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve(host: str, port: int, faults: Sequence[str], *, async_cancel: bool = False) -> None:
    """Serve in the foreground until Ctrl-C; print the URL, the faults and the demo credentials first."""
    active = check_faults(faults)
    sock = bind(host, port)
    url = base_url(host, sock.getsockname()[1])
    print(f"Reference implementation (MobilePay PoS v10, Vipps eCom v2 and Vipps MobilePay ePayment v1 sandbox) "
          f"at {url}")
    print(f"Faults: {', '.join(sorted(active)) or 'none'}")
    for integrator in DEMO_INTEGRATORS:
        print(f"PoS demo integrator: client_id={integrator.client_id} client_secret={integrator.client_secret} "
              f"merchants={','.join(integrator.merchants)}")
    print(f"PoS token endpoint: {url}/integrator-authentication/connect/token")
    for merchant in DEMO_MERCHANTS:
        print(f"Vipps demo merchant {merchant.merchant_serial_number} (eCom, ePayment and Recurring): "
              f"client_id={merchant.client_id} client_secret={merchant.client_secret} "
              f"subscription key={merchant.subscription_key}")
    print(f"Vipps token endpoint (eCom, ePayment and Recurring): {url}/accesstoken/get. Stop with Ctrl-C.",
          flush=True)
    print("Recurring v3: charge cancels answered "
          + ("202, enacted after 300 ms (--async-cancel)" if async_cancel else "204"), flush=True)
    config = uvicorn.Config(create_app(active, async_cancel=async_cancel), log_level="info", lifespan="off",
                            ws="none")
    uvicorn.Server(config).run(sockets=[sock])
