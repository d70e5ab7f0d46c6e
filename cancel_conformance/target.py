"""The implementation under test: where it is, how to authenticate, what it can simulate.

A target file (TOML) names credentials by the environment variable that holds them, never the
secret itself::

    name = "Acme PoS sandbox"

    [limits]
    connect_timeout = 5
    read_timeout = 15

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
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import LocationParseError

from cancel_conformance.http import Limits

POS_V10 = "pos.v10"
ECOM_V2 = "ecom.v2"
SUPPORTED_APIS = (POS_V10, ECOM_V2)
DEFAULT_CLIENT_SYSTEM_VERSION = "1.0.0"


class ConfigError(Exception):
    """The target file or the command line cannot be used as given."""


@dataclass(frozen=True)
class Credentials:
    """One integrator's client credentials (held in memory only, never written anywhere)."""

    client_id: str
    client_secret: str = field(repr=False)
    merchant_vat: str | None = None


@dataclass(frozen=True)
class PosTarget:
    """A MobilePay PoS v10 implementation and its sandbox hooks."""

    base_url: str
    integrator: Credentials
    second_integrator: Credentials | None = None
    token_url: str = ""
    hooks_url: str = ""
    client_system_version: str = DEFAULT_CLIENT_SYSTEM_VERSION
    capabilities: frozenset[str] | None = None  # None: discover from /simulation/v1/capabilities

    def __post_init__(self) -> None:
        base = self.base_url.rstrip("/")
        object.__setattr__(self, "base_url", base)
        object.__setattr__(self, "token_url", self.token_url or f"{base}/integrator-authentication/connect/token")
        object.__setattr__(self, "hooks_url", (self.hooks_url or base).rstrip("/"))

    def secrets(self) -> set[str]:
        people = [self.integrator, self.second_integrator]
        return {person.client_secret for person in people if person}


@dataclass(frozen=True)
class VippsCredentials:
    """One Vipps merchant's API keys (api-facts §2.1): held in memory only, never written anywhere."""

    client_id: str
    client_secret: str = field(repr=False)
    subscription_key: str = field(repr=False)
    merchant_serial_number: str = ""


@dataclass(frozen=True)
class EcomTarget:
    """A Vipps eCom v2 implementation and its sandbox hooks."""

    base_url: str
    merchant: VippsCredentials
    second_merchant: VippsCredentials | None = None
    token_url: str = ""
    hooks_url: str = ""
    capabilities: frozenset[str] | None = None  # None: discover from /simulation/v1/capabilities

    def __post_init__(self) -> None:
        base = self.base_url.rstrip("/")
        object.__setattr__(self, "base_url", base)
        object.__setattr__(self, "token_url", self.token_url or f"{base}/accesstoken/get")
        object.__setattr__(self, "hooks_url", (self.hooks_url or base).rstrip("/"))

    def secrets(self) -> set[str]:
        """Client secrets and subscription keys alike ("Keep it secret", eCom 2.0.3)."""
        people = [person for person in (self.merchant, self.second_merchant) if person]
        return {value for person in people for value in (person.client_secret, person.subscription_key)}


@dataclass(frozen=True)
class Target:
    """Everything the suite knows about the implementation under test."""

    name: str
    apis: Mapping[str, PosTarget | EcomTarget]
    limits: Limits = field(default_factory=Limits)
    embedded: bool = False
    description: str = ""

    @property
    def pos(self) -> PosTarget | None:
        pos = self.apis.get(POS_V10)
        return pos if isinstance(pos, PosTarget) else None

    @property
    def ecom(self) -> EcomTarget | None:
        ecom = self.apis.get(ECOM_V2)
        return ecom if isinstance(ecom, EcomTarget) else None

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
    environ = os.environ if environ is None else environ
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"target file {path} does not exist") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"target file {path} is not valid TOML: {error}") from None
    apis = data.get("api") or {}
    unknown = [name for name in apis if name not in SUPPORTED_APIS]
    if unknown:
        raise ConfigError(f"{path}: unknown API {', '.join(unknown)}; supported: {', '.join(SUPPORTED_APIS)}")
    if not apis:
        raise ConfigError(f'{path}: no API configured; add a section such as [api."{POS_V10}"]')
    readers = {POS_V10: _pos_target, ECOM_V2: _ecom_target}
    return Target(
        name=str(data.get("name") or path.stem),
        apis={name: readers[name](apis[name], environ, path) for name in SUPPORTED_APIS if name in apis},
        limits=_limits(data.get("limits") or {}, path),
    )


def _pos_target(section: dict[str, Any], environ: Mapping[str, str], path: Path) -> PosTarget:
    where = f'{path} [api."{POS_V10}"]'
    if "base_url" not in section:
        raise ConfigError(f"{where}: base_url is required")
    default_vat = section.get("merchant_vat")
    integrator = _credentials(section.get("integrator"), environ, f"{where}.integrator", default_vat)
    if integrator is None:
        raise ConfigError(f"{where}: an [integrator] section with client_id_env and client_secret_env is required")
    capabilities = section.get("capabilities")
    return PosTarget(
        base_url=_url(section, "base_url", where),
        integrator=integrator,
        second_integrator=_credentials(section.get("second_integrator"), environ, f"{where}.second_integrator",
                                       default_vat),
        token_url=_url(section, "token_url", where),
        hooks_url=_url(section, "hooks_url", where),
        client_system_version=str(section.get("client_system_version", DEFAULT_CLIENT_SYSTEM_VERSION)),
        capabilities=frozenset(capabilities) if capabilities is not None else None,
    )


def _credentials(section: dict | None, environ: Mapping[str, str], where: str, vat: str | None) -> Credentials | None:
    if not section:
        return None
    for key in ("client_id_env", "client_secret_env"):
        if key not in section:
            raise ConfigError(f"{where}: {key} (the name of an environment variable) is required")
    if "client_secret" in section:
        raise ConfigError(f"{where}: put the secret in an environment variable and name it in client_secret_env")
    return Credentials(
        client_id=_from_env(environ, section["client_id_env"], where),
        client_secret=_from_env(environ, section["client_secret_env"], where),
        merchant_vat=section.get("merchant_vat", vat),
    )


def _ecom_target(section: dict[str, Any], environ: Mapping[str, str], path: Path) -> EcomTarget:
    where = f'{path} [api."{ECOM_V2}"]'
    if "base_url" not in section:
        raise ConfigError(f"{where}: base_url is required")
    merchant = _vipps_credentials(section.get("merchant"), environ, f"{where}.merchant")
    if merchant is None:
        raise ConfigError(f"{where}: a [merchant] section with client_id_env, client_secret_env, "
                          "subscription_key_env and merchant_serial_number is required")
    capabilities = section.get("capabilities")
    return EcomTarget(
        base_url=_url(section, "base_url", where),
        merchant=merchant,
        second_merchant=_vipps_credentials(section.get("second_merchant"), environ, f"{where}.second_merchant"),
        token_url=_url(section, "token_url", where),
        hooks_url=_url(section, "hooks_url", where),
        capabilities=frozenset(capabilities) if capabilities is not None else None,
    )


def _vipps_credentials(section: dict | None, environ: Mapping[str, str], where: str) -> VippsCredentials | None:
    if not section:
        return None
    for key in ("client_id_env", "client_secret_env", "subscription_key_env", "merchant_serial_number"):
        if key not in section:
            raise ConfigError(f"{where}: {key} is required")
    for secret in ("client_secret", "subscription_key"):
        if secret in section:
            raise ConfigError(f"{where}: put the {secret} in an environment variable and name it in {secret}_env")
    msn = str(section["merchant_serial_number"])
    # api-facts §2.1: the merchantSerialNumber is 5 to 6 characters, pattern ^\d{5,}$.
    if not re.fullmatch(r"\d{5,6}", msn):
        raise ConfigError(f"{where}: merchant_serial_number must be 5 or 6 digits, not {msn!r}")
    return VippsCredentials(
        client_id=_from_env(environ, section["client_id_env"], where),
        client_secret=_from_env(environ, section["client_secret_env"], where),
        subscription_key=_from_env(environ, section["subscription_key_env"], where),
        merchant_serial_number=msn,
    )


def _from_env(environ: Mapping[str, str], name: str, where: str) -> str:
    value = environ.get(name)
    if not value:
        raise ConfigError(f"{where}: environment variable {name} is not set")
    return value


# The longest a run waits for a connection or an answer: an hour.
MAX_TIMEOUT_S = 3600


def _limits(section: dict[str, Any], path: Path) -> Limits:
    try:
        limits = Limits(
            connect_timeout=float(section.get("connect_timeout", Limits.connect_timeout)),
            read_timeout=float(section.get("read_timeout", Limits.read_timeout)),
            max_body_bytes=int(section.get("max_body_bytes", Limits.max_body_bytes)),
        )
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(f"{path} [limits]: timeouts and sizes must be numbers") from None
    for name in ("connect_timeout", "read_timeout", "max_body_bytes"):
        value = getattr(limits, name)
        if not (math.isfinite(value) and value > 0):
            raise ConfigError(f"{path} [limits]: {name} must be a positive number, not {section.get(name)!r}")
    for name in ("connect_timeout", "read_timeout"):
        if getattr(limits, name) > MAX_TIMEOUT_S:
            raise ConfigError(f"{path} [limits]: {name} must be at most {MAX_TIMEOUT_S} s (a run must end)")
    return limits


def _url(section: dict[str, Any], key: str, where: str) -> str:
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

