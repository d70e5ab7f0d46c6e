"""The one way the suite talks to a target: bounded in time and size, recorded, never redirected."""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass
from typing import Any

import requests

from cancel_conformance import __version__
from cancel_conformance.exchange import Exchange, Recorder
from cancel_conformance.outcomes import TargetError

USER_AGENT = f"cancel-conformance/{__version__}"


@dataclass(frozen=True)
class Limits:
    """How long and how much the suite waits for a target."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    max_body_bytes: int = 2 * 1024 * 1024


@dataclass(frozen=True)
class HttpResponse:
    """A response read in full (within the limits)."""

    status: int
    headers: dict[str, str]
    body: bytes
    exchange: Exchange

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def json(self) -> Any:
        """The parsed JSON body, or a TargetError naming what came instead."""
        try:
            return json.loads(self.body)
        except ValueError:
            snippet = self.text[:80].replace("\n", " ")
            raise TargetError(
                f"{self.exchange.method} {self.exchange.url} answered {self.status} "
                f"with a body that is not JSON: {snippet!r}"
            ) from None

    def json_or_none(self) -> Any:
        try:
            return json.loads(self.body) if self.body.strip() else None
        except ValueError:
            return None


class HttpSession:
    """A requests session with the suite's limits; every exchange lands in the given recorder."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._session = requests.Session()
        self._session.trust_env = False
        self._session.headers["User-Agent"] = USER_AGENT

    def close(self) -> None:
        self._session.close()

    def request(
        self,
        method: str,
        url: str,
        recorder: Recorder,
        *,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
        form: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        actor: str = "",
    ) -> HttpResponse:
        prepared = self._session.prepare_request(
            requests.Request(method, url, headers=headers or {}, json=json_body, data=form, params=params)
        )
        exchange = self._exchange(prepared, recorder.redactor, actor)
        started = time.monotonic()
        try:
            response = self._send(prepared)
        except TargetError as error:
            exchange.error = error.reason
            raise
        finally:
            exchange.elapsed_ms = round((time.monotonic() - started) * 1000, 1)
            recorder.record(exchange)
        exchange.status = response.status
        exchange.response_headers = recorder.redactor.headers(response.headers)
        exchange.response_body = recorder.redactor.body(
            response.body.decode("utf-8", errors="replace") or None, response.content_type
        )
        return HttpResponse(response.status, response.headers, response.body, exchange)

    def _exchange(self, prepared: requests.PreparedRequest, redactor, actor: str) -> Exchange:
        body = prepared.body.decode() if isinstance(prepared.body, bytes) else prepared.body
        content_type = prepared.headers.get("Content-Type", "")
        return Exchange(
            method=prepared.method or "GET",
            url=prepared.url or "",
            request_headers=redactor.headers(dict(prepared.headers)),
            request_body=redactor.body(body, content_type),
            actor=actor,
        )

    def _send(self, prepared: requests.PreparedRequest) -> _RawResponse:
        limits = self.limits
        target = f"{prepared.method} {prepared.url}"
        try:
            response = self._session.send(
                prepared,
                timeout=(limits.connect_timeout, limits.read_timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.exceptions.ConnectTimeout:
            raise TargetError(f"{target}: no connection within {limits.connect_timeout:g} s") from None
        except requests.exceptions.ReadTimeout:
            raise TargetError(f"{target}: no response within {limits.read_timeout:g} s") from None
        except requests.exceptions.SSLError as error:
            raise TargetError(f"{target}: TLS failure ({_root_cause(error)})") from None
        except requests.exceptions.ConnectionError as error:
            raise TargetError(f"{target}: {_connection_reason(error)}") from None
        except requests.exceptions.RequestException as error:
            raise TargetError(f"{target}: request failed ({_root_cause(error)})") from None
        with response:
            body = self._read_capped(response, target)
        headers = {name.lower(): value for name, value in response.headers.items()}
        return _RawResponse(response.status_code, headers, body)

    def _read_capped(self, response: requests.Response, target: str) -> bytes:
        limits = self.limits
        deadline = time.monotonic() + limits.read_timeout
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(chunk_size=65536):
                size += len(chunk)
                if size > limits.max_body_bytes:
                    raise TargetError(f"{target}: response body exceeds {limits.max_body_bytes} bytes")
                if time.monotonic() > deadline:
                    raise TargetError(f"{target}: response body not complete within {limits.read_timeout:g} s")
                chunks.append(chunk)
        except requests.exceptions.RequestException as error:
            raise TargetError(f"{target}: response broken off ({_root_cause(error)})") from None
        return b"".join(chunks)


@dataclass(frozen=True)
class _RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def _root_cause(error: BaseException) -> str:
    while error.__cause__ or error.__context__:
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return type(error).__name__ + (f": {error}" if str(error) else "")


def _connection_reason(error: BaseException) -> str:
    cause = error
    while cause.__cause__ or cause.__context__:
        cause = cause.__cause__ or cause.__context__  # type: ignore[assignment]
        if isinstance(cause, socket.gaierror):
            return "the host name does not resolve (DNS failure)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the target"
    text = str(error)
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "the host name does not resolve (DNS failure)"
    if "Connection refused" in text:
        return "connection refused"
    return f"connection failed ({_root_cause(error)})"
