"""The one way the suite talks to a target: bounded in time and size, recorded, never redirected."""

from __future__ import annotations

import email.utils
import json
import socket
import time
from dataclasses import dataclass
from typing import Any

import requests
import urllib3

from cancel_conformance import __version__, interrupts
from cancel_conformance.concurrency import DEFAULT_CONCURRENCY, STRAND
from cancel_conformance.exchange import Exchange, Recorder
from cancel_conformance.head_deadline import HeadDeadlineExceeded, mount_head_deadline
from cancel_conformance.host_health import HostHealth
from cancel_conformance.outcomes import TargetError

USER_AGENT = f"cancel-conformance/{__version__}"
# A response's status line and headers must all arrive within this many read timeouts.
HEAD_DEADLINE_READ_TIMEOUTS = 2


@dataclass(frozen=True)
class Limits:
    """How long and how much the suite waits for a target."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    max_body_bytes: int = 2 * 1024 * 1024
    # A 429 is honoured when its Retry-After asks for at most this long, at most this often per request.
    max_retry_after: float = 10.0
    max_rate_limit_retries: int = 2
    # Requests in flight to the target at once, at most, across the whole run (concurrency.py).
    concurrency: int = DEFAULT_CONCURRENCY
    # How long a target may take to show what it accepted to do later (a 202) or what a hook did.
    settle_timeout: float = 10.0


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
        except RecursionError:
            raise TargetError(f"{self.exchange.method} {self.exchange.url} answered {self.status} "
                              "with a JSON body nested too deeply to read") from None
        except ValueError:
            snippet = self.text[:80].replace("\n", " ")
            raise TargetError(
                f"{self.exchange.method} {self.exchange.url} answered {self.status} "
                f"with a body that is not JSON: {snippet!r}"
            ) from None

    def json_or_none(self) -> Any:
        try:
            return json.loads(self.body) if self.body.strip() else None
        except (ValueError, RecursionError):  # not JSON, or nested too deeply to read: no document
            return None


class HttpSession:
    """A requests session with the suite's limits; every exchange lands in the given recorder."""

    def __init__(self, limits: Limits | None = None, health: HostHealth | None = None) -> None:
        self.limits = limits or Limits()
        self.health = health or HostHealth()
        self._session = requests.Session()
        self._session.trust_env = False
        self._session.headers["User-Agent"] = USER_AGENT
        # A connection for each request this process may have in flight, kept for the next request.
        pool = max(requests.adapters.DEFAULT_POOLSIZE, self.limits.concurrency)
        for prefix in ("http://", "https://"):
            self._session.mount(prefix, requests.adapters.HTTPAdapter(pool_maxsize=pool))
        # A silent target trips the read timeout first; one that trickles its head, this deadline.
        mount_head_deadline(self._session, HEAD_DEADLINE_READ_TIMEOUTS * self.limits.read_timeout)

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
        for _ in range(self.limits.max_rate_limit_retries):
            response = _refuse_redirect(self._exchange_once(prepared, recorder, actor))
            wait = self._rate_limit_wait(response)
            if wait is None:
                return response
            # The quiet the target asked for holds for the whole run, every process of it (host_health.py).
            self.health.quiet(url, wait)
        response = _refuse_redirect(self._exchange_once(prepared, recorder, actor))
        if response.status == 429:
            # Still rate limited after waiting as asked: no answer to judge, not a refusal to judge.
            reason = (f"{method} {response.exchange.url} answered 429 (rate limited) "
                      f"{self.limits.max_rate_limit_retries + 1} times in a row, after waiting as asked")
            self.health.rate_limited(url, reason)
            raise TargetError(reason)
        return response

    def _rate_limit_wait(self, response: HttpResponse) -> float | None:
        """How long a 429 asks to wait, if the suite honours it; a longer wait is the target's error."""
        if response.status != 429:
            return None
        wait = _retry_after_seconds(response.headers.get("retry-after"))
        if wait is None or wait > self.limits.max_retry_after:
            raise TargetError(f"{response.exchange.method} {response.exchange.url} answered 429 (rate limited) "
                              f"asking to wait {response.headers.get('retry-after') or 'without Retry-After'}, "
                              f"more than the {self.limits.max_retry_after:g} s the suite waits")
        return wait

    def _exchange_once(self, prepared: requests.PreparedRequest, recorder: Recorder, actor: str) -> HttpResponse:
        interrupts.check()  # an interrupted run sends nothing new but its clean-up
        exchange = self._exchange(prepared, recorder.redactor, actor)
        self.health.wait_out_quiet(prepared.url or "", self.limits.max_retry_after)
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
            url=redactor.url(prepared.url or ""),
            request_headers=redactor.headers(dict(prepared.headers)),
            request_body=redactor.body(body, content_type),
            actor=actor,
            strand=STRAND.get(),
        )

    def _send(self, prepared: requests.PreparedRequest) -> _RawResponse:
        url = prepared.url or ""
        self.health.check(url)
        try:
            response = self._send_unguarded(prepared)
        except TargetError as error:
            if error.unreachable:
                self.health.unreachable(url, error.reason)
            elif error.timed_out:
                self.health.timed_out(url, error.reason)
            raise
        if response.status != 429:  # a rate limit is no answer: it does not clear the host's strikes
            self.health.answered(url)
        return response

    def _send_unguarded(self, prepared: requests.PreparedRequest) -> _RawResponse:
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
            raise TargetError(f"{target}: no connection within {limits.connect_timeout:g} s",
                              unreachable=True) from None
        except requests.exceptions.ReadTimeout:
            raise TargetError(f"{target}: no response within {limits.read_timeout:g} s", timed_out=True) from None
        except requests.exceptions.SSLError as error:
            raise TargetError(f"{target}: TLS failure ({_root_cause(error)})", unreachable=True) from None
        except requests.exceptions.ConnectionError as error:
            if (late := _head_deadline(error)) is not None:
                raise TargetError(f"{target}: {late}", timed_out=True) from None
            reason = _connection_reason(error)
            raise TargetError(f"{target}: {reason}", unreachable=reason in _UNREACHABLE) from None
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
            # read1 returns whatever has arrived, so a body that trickles in still meets the deadline.
            while chunk := response.raw.read1(65536, decode_content=True):
                size += len(chunk)
                if size > limits.max_body_bytes:
                    raise TargetError(f"{target}: response body exceeds {limits.max_body_bytes} bytes")
                if time.monotonic() > deadline:
                    raise TargetError(f"{target}: response body not complete within {limits.read_timeout:g} s",
                                      timed_out=True)
                chunks.append(chunk)
        except urllib3.exceptions.ReadTimeoutError:
            raise TargetError(f"{target}: response body stalled for {limits.read_timeout:g} s",
                              timed_out=True) from None
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError) as error:
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


def _refuse_redirect(response: HttpResponse) -> HttpResponse:
    """No documented operation redirects; a redirect is never followed (it may carry credentials away)."""
    if 300 <= response.status < 400:
        where = response.headers.get("location", "nowhere")
        raise TargetError(f"{response.exchange.method} {response.exchange.url} answered {response.status} "
                          f"redirecting to {where}; the suite never follows redirects")
    return response


_UNREACHABLE = ("connection refused", "the host name does not resolve (DNS failure)")


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date (RFC 9110 §10.2.3)."""
    if value is None:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _root_cause(error: BaseException) -> str:
    while error.__cause__ or error.__context__:
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return type(error).__name__ + (f": {error}" if str(error) else "")


def _head_deadline(error: BaseException) -> HeadDeadlineExceeded | None:
    """The head deadline behind a connection error, wherever urllib3 and requests wrapped it."""
    seen, pending = set(), [error]
    while pending:
        current = pending.pop()
        if isinstance(current, HeadDeadlineExceeded):
            return current
        if id(current) in seen:
            continue
        seen.add(id(current))
        pending += [e for e in (current.__cause__, current.__context__, *current.args) if isinstance(e, BaseException)]
    return None


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
