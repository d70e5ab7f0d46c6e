"""Recorded HTTP exchanges: the evidence behind every verdict, redacted before it is stored."""

from __future__ import annotations

import json
import re
import shlex
import threading
from dataclasses import asdict, dataclass, field
from urllib.parse import parse_qsl, urlencode

REDACTED = "***"

# Headers whose whole value is a credential (compared lower-case).
SECRET_HEADERS = frozenset({"authorization", "ocp-apim-subscription-key", "client_secret", "proxy-authorization"})
# Body fields whose value is a credential, in JSON or form bodies.
SECRET_FIELDS = frozenset({"access_token", "refresh_token", "id_token", "client_secret"})
# The user info of a URL written anywhere in a text (https://user:password@host -> https://host).
USERINFO = re.compile(r"(\bhttps?://)[^/@\s'\"]+@", re.IGNORECASE)
# Credentials the suite invents to see them refused (CON_*_04): no secret, so a replay sends them as they were.
FORGED_TOKEN = "Bearer cancel-conformance-forged-token"
FORGED_KEY = "cancel-conformance-forged-key"
FORGED_CREDENTIALS = frozenset({FORGED_TOKEN, FORGED_KEY})
# Placeholders a reader substitutes when replaying a request with curl.
CURL_PLACEHOLDERS = {"authorization": "Authorization: Bearer $ACCESS_TOKEN"}


class Redactor:
    """Removes credentials from headers and bodies; learns tokens as they are issued."""

    def __init__(self, secrets: set[str] | None = None) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()
        for secret in secrets or ():
            self.add(secret)

    def add(self, secret: str | None) -> None:
        """Treat this value as a secret wherever it appears from now on, as is or escaped in JSON."""
        if secret and len(secret) >= 4:
            with self._lock:
                self._secrets.update({secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]})

    @property
    def secrets(self) -> frozenset[str]:
        return frozenset(self._secrets)

    def text(self, value: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            value = value.replace(secret, REDACTED)
        return USERINFO.sub(r"\1", value) if "@" in value else value

    def headers(self, headers: dict[str, str]) -> dict[str, str]:
        return {name: self._header(name, value) for name, value in headers.items()}

    def url(self, url: str) -> str:
        """A URL without credentials in it: no user info, no secret value in its path or query."""
        return self.text(without_userinfo(url))

    def _header(self, name: str, value: str) -> str:
        if name.lower() not in SECRET_HEADERS or value in FORGED_CREDENTIALS:
            return self.text(value)
        scheme = value.split(" ", 1)[0] if " " in value else ""
        return f"{scheme} {REDACTED}".strip()

    def body(self, body: str | None, content_type: str = "") -> str | None:
        if body is None:
            return None
        if "json" in content_type or body[:1] in "{[":
            body = self._json_body(body)
        elif "x-www-form-urlencoded" in content_type:
            body = self._form_body(body)
        return self.text(body)

    def _json_body(self, body: str) -> str:
        try:
            return json.dumps(_scrub(json.loads(body)), ensure_ascii=False)
        except (ValueError, RecursionError):  # not JSON, or nested too deeply: redacted as text only
            return body

    def _form_body(self, body: str) -> str:
        pairs = parse_qsl(body, keep_blank_values=True)
        return urlencode([(k, REDACTED if k in SECRET_FIELDS else v) for k, v in pairs], safe="*")


def without_userinfo(url: str) -> str:
    """https://user:password@host/ -> https://host/: credentials never belong in a report."""
    scheme, separator, rest = url.partition("://")
    if not separator or "@" not in rest.split("/", 1)[0]:
        return url
    return f"{scheme}://{rest.split('@', 1)[1]}"


def _scrub(data: object) -> object:
    if isinstance(data, dict):
        return {k: REDACTED if k in SECRET_FIELDS and v else _scrub(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_scrub(item) for item in data]
    return data


@dataclass
class Exchange:
    """One request and its response (or the error that replaced it), already redacted."""

    method: str
    url: str
    request_headers: dict[str, str]
    request_body: str | None
    status: int | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: str | None = None
    elapsed_ms: float = 0.0
    error: str | None = None
    actor: str = ""
    # Which strand of its scenario sent it (`stage/lane`, "" for the main one): see concurrency.py.
    strand: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        received = self.error or f"{self.status}"
        return f"{self.method} {self.url} -> {received}"

    def curl(self) -> str:
        """A shell command that replays the request; credentials stay placeholders."""
        parts = ["curl", "-i", "-X", self.method, shlex.quote(self.url)]
        for name, value in self.request_headers.items():
            if name.lower() in ("content-length", "accept-encoding", "connection", "user-agent", "accept"):
                continue
            line = CURL_PLACEHOLDERS.get(name.lower()) if REDACTED in value else f"{name}: {value}"
            parts += ["-H", _shell_quote(line or f"{name}: {value}")]
        if self.request_body:
            parts += ["--data-raw", shlex.quote(self.request_body)]
        return " ".join(parts)


def _shell_quote(value: str) -> str:
    """Double quotes where a `$PLACEHOLDER` must expand, single quotes otherwise."""
    if re.search(r"\$[A-Z_]+", value) and '"' not in value and "`" not in value:
        return f'"{value}"'
    return shlex.quote(value)


class Recorder:
    """Collects the exchanges of one scenario (or one fuzzing campaign), thread-safe."""

    def __init__(self, redactor: Redactor) -> None:
        self.redactor = redactor
        self._exchanges: list[Exchange] = []
        self.capabilities: set[str] = set()  # the sandbox capabilities the scenario needed (SIMULATION.md §2)
        self._lock = threading.Lock()

    def record(self, exchange: Exchange) -> Exchange:
        with self._lock:
            self._exchanges.append(exchange)
        return exchange

    @property
    def exchanges(self) -> list[Exchange]:
        with self._lock:
            return list(self._exchanges)
