"""A MobilePay PoS v10 implementation as a target: its `[api."pos.v10"]` section, and the embedded one.

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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cancel_conformance.target import ConfigError, capabilities_setting, from_env, required_url, url_setting

TOKEN_PATH = "/integrator-authentication/connect/token"
DEFAULT_CLIENT_SYSTEM_VERSION = "1.0.0"


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
        object.__setattr__(self, "token_url", self.token_url or f"{base}{TOKEN_PATH}")
        object.__setattr__(self, "hooks_url", (self.hooks_url or base).rstrip("/"))

    def secrets(self) -> set[str]:
        people = [self.integrator, self.second_integrator]
        return {person.client_secret for person in people if person}


def read_section(section: dict[str, Any], environ: Mapping[str, str], where: str,
                 sections: Mapping[str, Any] | None = None) -> PosTarget:
    """The section of a target file; `sections` (every API's, unused here) lets a section refer to another."""
    base_url = required_url(section, "base_url", where)
    default_vat = section.get("merchant_vat")
    integrator = _credentials(section.get("integrator"), environ, f"{where}.integrator", default_vat)
    if integrator is None:
        raise ConfigError(f"{where}: an [integrator] section with client_id_env and client_secret_env is required")
    return PosTarget(
        base_url=base_url,
        integrator=integrator,
        second_integrator=_credentials(section.get("second_integrator"), environ, f"{where}.second_integrator",
                                       default_vat),
        token_url=url_setting(section, "token_url", where),
        hooks_url=url_setting(section, "hooks_url", where),
        client_system_version=str(section.get("client_system_version", DEFAULT_CLIENT_SYSTEM_VERSION)),
        capabilities=capabilities_setting(section),
    )


def embedded(url: str) -> PosTarget:
    """The embedded reference's PoS: its first two demo integrators (public demo values)."""
    from cancel_conformance.reference.accounts import DEMO_INTEGRATORS

    first, second = (Credentials(i.client_id, i.client_secret, i.merchant_vat) for i in DEMO_INTEGRATORS[:2])
    return PosTarget(base_url=url, integrator=first, second_integrator=second)


def embedded_secrets() -> set[str]:
    from cancel_conformance.reference.accounts import DEMO_INTEGRATORS

    return {integrator.client_secret for integrator in DEMO_INTEGRATORS}


def _credentials(section: dict | None, environ: Mapping[str, str], where: str, vat: str | None) -> Credentials | None:
    if not section:
        return None
    for key in ("client_id_env", "client_secret_env"):
        if key not in section:
            raise ConfigError(f"{where}: {key} (the name of an environment variable) is required")
    if "client_secret" in section:
        raise ConfigError(f"{where}: put the secret in an environment variable and name it in client_secret_env")
    return Credentials(
        client_id=from_env(environ, section["client_id_env"], where),
        client_secret=from_env(environ, section["client_secret_env"], where),
        merchant_vat=section.get("merchant_vat", vat),
    )
