"""Misbehaving servers on real loopback sockets: each answers the token endpoint (unless told not to)
and misbehaves on everything else in one named way."""

from __future__ import annotations

import json
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

TOKEN_PATH = "/integrator-authentication/connect/token"
TOKEN_BODY = json.dumps({"access_token": "hostile-token-value", "expires_in": 3600,
                         "token_type": "Bearer", "scope": "integrator_scope"}).encode()


def _response(status: str, body: bytes, content_type: str = "application/json", extra: str = "") -> bytes:
    head = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n{extra}\r\n")
    return head.encode() + body


def _read_request(sock: socket.socket) -> str:
    """Read the request line and headers (and a small body), enough to route it."""
    sock.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head.split(b"\r\n")[0].decode("latin-1")


def hang(sock: socket.socket) -> None:
    time.sleep(30)


def trickle(sock: socket.socket) -> None:
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
    for _ in range(300):
        time.sleep(0.1)
        sock.sendall(b" ")


def reset(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def server_error(sock: socket.socket) -> None:
    sock.sendall(_response("500 Internal Server Error", b'{"code": "2000", "message": "boom"}'))


def not_json(sock: socket.socket) -> None:
    sock.sendall(_response("200 OK", b"<html><body>Welcome</body></html>", "text/html"))


def wrong_types(sock: socket.socket) -> None:
    body = json.dumps({"storeIds": "not-a-list", "posId": 7, "paymentId": None, "status": 42}).encode()
    sock.sendall(_response("200 OK", body))


def huge(sock: socket.socket) -> None:
    size = 64 * 1024 * 1024
    sock.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n".encode())
    chunk = b" " * 65536
    try:
        for _ in range(size // len(chunk)):
            sock.sendall(chunk)
    except OSError:
        pass  # the client stopped reading, as it should


def redirect(sock: socket.socket) -> None:
    sock.sendall(_response("302 Found", b"", extra="Location: http://elsewhere.invalid/steal\r\n"))


def redirect_carrying_a_secret(sock: socket.socket) -> None:
    """A Location that echoes the configured client secret: the reason that quotes it must not."""
    where = f"http://elsewhere.invalid/steal?secret={ECHOED_SECRET}"
    sock.sendall(_response("302 Found", b"", extra=f"Location: {where}\r\n"))


def head_trickle(sock: socket.socket) -> None:
    """A status line, then one header byte every 0.1 s: each read waits little, the head never ends."""
    try:
        sock.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in range(300):
            time.sleep(0.1)
            sock.sendall(b"a")
    except OSError:
        pass  # the client gave up on the head, as it should


def rate_limited(sock: socket.socket) -> None:
    sock.sendall(_response("429 Too Many Requests", b"[]", extra="Retry-After: 60\r\n"))


def always_rate_limited(sock: socket.socket) -> None:
    """429 with a Retry-After the suite honours, every time: a target that never lets a request through."""
    sock.sendall(_response("429 Too Many Requests", b"[]", extra="Retry-After: 0\r\n"))


def deep_json(sock: socket.socket) -> None:
    """A small body (under any cap) nested deeper than a JSON parser's recursion allows."""
    sock.sendall(_response("200 OK", b"[" * 30_000 + b"]" * 30_000))


def not_found(sock: socket.socket) -> None:
    """A stateless mock of a spec with no token endpoint: 404 to everything."""
    sock.sendall(_response("404 Not Found", b'{"error": "not found"}'))


# Behaviours that answer the token endpoint as they answer everything else.
EVERYWHERE = {"not-found"}

# The hostile bench's configured client secret, as a careless target might echo it.
ECHOED_SECRET = "hostile-run-client-secret"

BEHAVIOURS = {
    "rate-limited": rate_limited, "always-rate-limited": always_rate_limited,
    "hang": hang, "trickle": trickle, "head-trickle": head_trickle, "reset": reset, "server-error": server_error,
    "not-json": not_json, "wrong-types": wrong_types, "huge": huge, "redirect": redirect,
    "redirect-carrying-a-secret": redirect_carrying_a_secret, "deep-json": deep_json, "not-found": not_found,
}


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        line = _read_request(self.request)
        server: HostileServer = self.server  # type: ignore[assignment]
        server.requests.append(line)
        if server.behaviour in EVERYWHERE:
            BEHAVIOURS[server.behaviour](self.request)
        elif TOKEN_PATH in line and not server.token_fails:
            self.request.sendall(_response("200 OK", TOKEN_BODY))
        elif TOKEN_PATH in line:
            self.request.sendall(_response("503 Service Unavailable", b'{"error": "temporarily_unavailable"}'))
        else:
            BEHAVIOURS[server.behaviour](self.request)


class HostileServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, behaviour: str, token_fails: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.behaviour = behaviour
        self.token_fails = token_fails
        self.requests: list[str] = []


@contextmanager
def serving(behaviour: str, token_fails: bool = False) -> Iterator[HostileServer]:
    server = HostileServer(behaviour, token_fails)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class _PlainTextOnConnect(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.sendall(_response("400 Bad Request", b"plain HTTP here", "text/plain"))


@contextmanager
def plain_text_port() -> Iterator[int]:
    """A port that answers anything, a TLS handshake included, with plain HTTP at once: a TLS failure."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _PlainTextOnConnect)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


