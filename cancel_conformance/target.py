"""The implementation under test: where it is, how to authenticate, what it can simulate.

A target file (TOML) names credentials by the environment variable that holds them, never the
secret itself::

    name = "Acme PoS sandbox"

    [limits]
    connect_timeout = 5
    read_timeout = 15
    concurrency = 16
    settle_timeout = 10    # how long an accepted (202) action or a hook may take to show

    [api."pos.v10"]
    base_url = "https://pos.sandbox.acme.example"
    merchant_vat = "DK12345678"

    [api."pos.v10".integrator]
    client_id_env = "ACME_POS_CLIENT_ID"
    client_secret_env = "ACME_POS_CLIENT_SECRET"

    [api."pos.v10".second_integrator]
    client_id_env = "ACME_POS2_CLIENT_ID"
    client_secret_env = "ACME_POS2_CLIENT_SECRET"
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import LocationParseError

from cancel_conformance.http import Limits


class ConfigError(Exception):
    """The target file or the command line cannot be used as given."""


class ApiTarget(Protocol):
    """One API of the implementation under test, as its package describes it (`apis/<api>/target.py`)."""

    base_url: str
    token_url: str
    hooks_url: str
    capabilities: frozenset[str] | None  # None: discover from /simulation/v1/capabilities

    def secrets(self) -> set[str]: ...


@dataclass(frozen=True)
class Target:
    """Everything the suite knows about the implementation under test."""

    name: str
    apis: Mapping[str, ApiTarget]
    limits: Limits = field(default_factory=Limits)
    embedded: bool = False
    description: str = ""

    def api(self, name: str) -> ApiTarget | None:
        """The target of one API, if the run checks it."""
        return self.apis.get(name)

    def secrets(self) -> set[str]:
        return set().union(*(api.secrets() for api in self.apis.values()))

    def restricted_to(self, apis: list[str] | None) -> Target:
        if not apis:
            return self
        unknown = [api for api in apis if api not in self.apis]
        if unknown:
            raise ConfigError(f"the target does not configure {', '.join(unknown)} (it has: {', '.join(self.apis)})")
        return Target(self.name, {a: self.apis[a] for a in apis}, self.limits, self.embedded, self.description)

    def base_urls(self) -> dict[str, str]:
        return {name: api.base_url for name, api in self.apis.items()}

    def urls(self) -> list[str]:
        """Every URL the suite will call: base, token and hook URLs of every API."""
        return [url for api in self.apis.values() for url in (api.base_url, api.token_url, api.hooks_url)]


def load_target_file(path: Path, environ: Mapping[str, str] | None = None) -> Target:
    """Read a TOML target file, resolving credentials from the environment."""
    from cancel_conformance.apis import api as api_named
    from cancel_conformance.apis import names

    environ = os.environ if environ is None else environ
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"target file {path} does not exist") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"target file {path} is not valid TOML: {error}") from None
    apis = data.get("api") or {}
    supported = names()
    unknown = [name for name in apis if name not in supported]
    if unknown:
        raise ConfigError(f"{path}: unknown API {', '.join(unknown)}; supported: {', '.join(supported)}")
    if not apis:
        raise ConfigError(f'{path}: no API configured; add a section such as [api."{supported[0]}"]')
    return Target(
        name=str(data.get("name") or path.stem),
        apis={name: api_named(name).module("target").read_section(apis[name], environ, f'{path} [api."{name}"]',
                                                                  apis)
              for name in supported if name in apis},
        limits=_limits(data.get("limits") or {}, path),
    )


def required_url(section: dict[str, Any], key: str, where: str) -> str:
    """A URL the section must give (`base_url`)."""
    if key not in section:
        raise ConfigError(f"{where}: {key} is required")
    return url_setting(section, key, where)


def from_env(environ: Mapping[str, str], name: str, where: str) -> str:
    """The value of the environment variable a target file names for a credential."""
    value = environ.get(name)
    if not value:
        raise ConfigError(f"{where}: environment variable {name} is not set")
    return value


def capabilities_setting(section: dict[str, Any]) -> frozenset[str] | None:
    """A section's `capabilities`, or None: discover them from /simulation/v1/capabilities."""
    capabilities = section.get("capabilities")
    return frozenset(capabilities) if capabilities is not None else None


# The longest a run waits for a connection or an answer: an hour.
MAX_TIMEOUT_S = 3600


def _limits(section: dict[str, Any], path: Path) -> Limits:
    try:
        limits = Limits(
            connect_timeout=float(section.get("connect_timeout", Limits.connect_timeout)),
            read_timeout=float(section.get("read_timeout", Limits.read_timeout)),
            max_body_bytes=int(section.get("max_body_bytes", Limits.max_body_bytes)),
            settle_timeout=float(section.get("settle_timeout", Limits.settle_timeout)),
        )
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(f"{path} [limits]: timeouts and sizes must be numbers") from None
    for name in ("connect_timeout", "read_timeout", "max_body_bytes", "settle_timeout"):
        value = getattr(limits, name)
        if not (math.isfinite(value) and value > 0):
            raise ConfigError(f"{path} [limits]: {name} must be a positive number, not {section.get(name)!r}")
    for name in ("connect_timeout", "read_timeout", "settle_timeout"):
        if getattr(limits, name) > MAX_TIMEOUT_S:
            raise ConfigError(f"{path} [limits]: {name} must be at most {MAX_TIMEOUT_S} s (a run must end)")
    if "concurrency" in section:
        limits = replace(limits, concurrency=_concurrency(section["concurrency"], path))
    return limits


def _concurrency(value: object, path: Path) -> int:
    """How many requests the target may have in flight from the run at once: a whole number of 1 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{path} [limits]: concurrency must be a whole number of 1 or more, not {value!r}")
    return value


def url_setting(section: dict[str, Any], key: str, where: str) -> str:
    """A URL the suite can send requests to (or "" where the key is optional and absent)."""
    value = section.get(key, "")
    if value == "":
        return ""
    problem = _url_problem(value)
    if problem:
        raise ConfigError(f"{where}: {key} {value!r} {problem}")
    return value


def _url_problem(value: object) -> str:
    if not isinstance(value, str):
        return "is not a string"
    try:
        parts = urlsplit(value)
        port = parts.port
        requests.Request("GET", value).prepare()
    except (ValueError, requests.RequestException, LocationParseError, UnicodeError) as error:
        return f"is not a usable URL ({error})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an http:// or https:// URL with a host"
    return "" if port is None or 0 < port < 65536 else "has no valid port"

