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

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cancel_conformance.http import Limits

POS_V10 = "pos.v10"
SUPPORTED_APIS = (POS_V10,)
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
class Target:
    """Everything the suite knows about the implementation under test."""

    name: str
    apis: Mapping[str, PosTarget]
    limits: Limits = field(default_factory=Limits)
    embedded: bool = False
    description: str = ""

    @property
    def pos(self) -> PosTarget | None:
        return self.apis.get(POS_V10)

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
    return Target(
        name=str(data.get("name") or path.stem),
        apis={POS_V10: _pos_target(apis[POS_V10], environ, path)} if POS_V10 in apis else {},
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
        base_url=str(section["base_url"]),
        integrator=integrator,
        second_integrator=_credentials(section.get("second_integrator"), environ, f"{where}.second_integrator",
                                       default_vat),
        token_url=str(section.get("token_url", "")),
        hooks_url=str(section.get("hooks_url", "")),
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


def _from_env(environ: Mapping[str, str], name: str, where: str) -> str:
    value = environ.get(name)
    if not value:
        raise ConfigError(f"{where}: environment variable {name} is not set")
    return value


def _limits(section: dict[str, Any], path: Path) -> Limits:
    try:
        return Limits(
            connect_timeout=float(section.get("connect_timeout", Limits.connect_timeout)),
            read_timeout=float(section.get("read_timeout", Limits.read_timeout)),
            max_body_bytes=int(section.get("max_body_bytes", Limits.max_body_bytes)),
        )
    except (TypeError, ValueError):
        raise ConfigError(f"{path} [limits]: timeouts and sizes must be numbers") from None


def target_apis(options) -> frozenset[str]:
    """The APIs a run checks, known before anything is started or any secret is read."""
    if options.target_file:
        try:
            configured = tomllib.loads(Path(options.target_file).read_text(encoding="utf-8")).get("api") or {}
        except (OSError, tomllib.TOMLDecodeError):
            configured = {}  # reported properly when the target is loaded
    else:
        configured = dict.fromkeys(SUPPORTED_APIS)
    return frozenset(api for api in configured if not options.apis or api in options.apis)


def describe_target_file(path: Path) -> dict:
    """Name and base URLs of a target file, for the report header: never a credential."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {"name": str(path), "embedded": False, "base_urls": {}}
    apis = data.get("api") or {}
    return {
        "name": str(data.get("name") or Path(path).stem),
        "embedded": False,
        "base_urls": {name: str(section.get("base_url", "")) for name, section in apis.items()},
    }
