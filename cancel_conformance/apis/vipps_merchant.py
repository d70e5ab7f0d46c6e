"""What every Vipps API shares: the merchant's API keys, its target-file section and its access token.

api-facts §2.1, §3.1, §4.1: one merchant's client id and secret, subscription key and merchant
serial number serve eCom, ePayment and Recurring alike, through `POST /accesstoken/get`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cancel_conformance.clients.auth import TokenProvider, access_token
from cancel_conformance.driver import Capabilities
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import TargetError
from cancel_conformance.target import ConfigError, capabilities_setting, from_env, required_url, url_setting

SUBSCRIPTION_KEY_HEADER = "Ocp-Apim-Subscription-Key"
MSN_HEADER = "Merchant-Serial-Number"
TOKEN_PATH = "/accesstoken/get"


@dataclass(frozen=True)
class VippsCredentials:
    """One Vipps merchant's API keys (api-facts §2.1): held in memory only, never written anywhere."""

    client_id: str
    client_secret: str = field(repr=False)
    subscription_key: str = field(repr=False)
    merchant_serial_number: str = ""

    def secrets(self) -> set[str]:
        """Client secret and subscription key alike ("Keep it secret", eCom 2.0.3)."""
        return {self.client_secret, self.subscription_key}


def read_merchant(section: dict | None, environ: Mapping[str, str], where: str) -> VippsCredentials | None:
    """A `[merchant]` section: the variables holding the keys, and the merchant serial number."""
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
        client_id=from_env(environ, section["client_id_env"], where),
        client_secret=from_env(environ, section["client_secret_env"], where),
        subscription_key=from_env(environ, section["subscription_key_env"], where),
        merchant_serial_number=msn,
    )


class VippsTokenProvider(TokenProvider):
    """Tokens for one Vipps merchant from `POST /accesstoken/get` (api-facts §2.1)."""

    def __init__(self, http: HttpSession, token_url: str, credentials: VippsCredentials) -> None:
        super().__init__(http, token_url)
        self.credentials = credentials

    def _fetch(self, recorder: Recorder) -> tuple[str, float]:
        # The access-token API: client_id, client_secret and Ocp-Apim-Subscription-Key as headers, no body.
        creds = self.credentials
        headers = {"client_id": creds.client_id, "client_secret": creds.client_secret,
                   SUBSCRIPTION_KEY_HEADER: creds.subscription_key}
        response = self._http.request("POST", self._url, recorder, headers=headers, actor="auth")
        if response.status != 200:
            raise TargetError(f"the access token endpoint refused merchant {creds.client_id}: {response.status}")
        return access_token(response.json(), recorder)


@dataclass(frozen=True)
class VippsTarget:
    """A Vipps API of the implementation (eCom, ePayment, Recurring), its sandbox hooks, and the merchants."""

    base_url: str
    merchant: VippsCredentials
    second_merchant: VippsCredentials | None = None
    token_url: str = ""
    hooks_url: str = ""
    capabilities: frozenset[str] | None = None  # None: discover from /simulation/v1/capabilities

    def __post_init__(self) -> None:
        base = self.base_url.rstrip("/")
        object.__setattr__(self, "base_url", base)
        object.__setattr__(self, "token_url", self.token_url or f"{base}{TOKEN_PATH}")
        object.__setattr__(self, "hooks_url", (self.hooks_url or base).rstrip("/"))

    def secrets(self) -> set[str]:
        return set().union(*(person.secrets() for person in (self.merchant, self.second_merchant) if person))


# `same_merchant_as = "ecom.v2"`: this API's section takes the merchants (and the URLs it does not set
# itself) of another Vipps API's section of the same file.
SAME_MERCHANT = "same_merchant_as"
INHERITED = ("base_url", "token_url", "hooks_url", "merchant", "second_merchant")


def read_vipps_section(section: dict[str, Any], environ: Mapping[str, str], where: str,
                       sections: Mapping[str, Any] | None = None) -> VippsTarget:
    """A Vipps API's section: its URLs, and a `[merchant]` (and optional `[second_merchant]`) section."""
    section = _with_shared_merchant(section, sections or {}, where)
    base_url = required_url(section, "base_url", where)
    merchant = read_merchant(section.get("merchant"), environ, f"{where}.merchant")
    if merchant is None:
        raise ConfigError(f"{where}: a [merchant] section with client_id_env, client_secret_env, "
                          f"subscription_key_env and merchant_serial_number is required (or {SAME_MERCHANT})")
    return VippsTarget(
        base_url=base_url,
        merchant=merchant,
        second_merchant=read_merchant(section.get("second_merchant"), environ, f"{where}.second_merchant"),
        token_url=url_setting(section, "token_url", where),
        hooks_url=url_setting(section, "hooks_url", where),
        capabilities=capabilities_setting(section),
    )


def _with_shared_merchant(section: dict[str, Any], sections: Mapping[str, Any], where: str) -> dict[str, Any]:
    other = section.get(SAME_MERCHANT)
    if other is None:
        return section
    shared = sections.get(other) if isinstance(other, str) else None
    if not isinstance(shared, dict) or SAME_MERCHANT in shared:
        raise ConfigError(f"{where}: {SAME_MERCHANT} = {other!r} names no API section of this file that has "
                          "merchants of its own")
    return {**{key: shared[key] for key in INHERITED if key in shared}, **section}


def embedded_vipps(url: str) -> VippsTarget:
    """The embedded reference's Vipps API: its first two demo merchants (public demo values)."""
    from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS

    shop, other_shop = (VippsCredentials(m.client_id, m.client_secret, m.subscription_key, m.merchant_serial_number)
                        for m in DEMO_MERCHANTS[:2])
    return VippsTarget(base_url=url, merchant=shop, second_merchant=other_shop)


def embedded_vipps_secrets() -> set[str]:
    from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS

    return {value for merchant in DEMO_MERCHANTS for value in (merchant.client_secret, merchant.subscription_key)}


@dataclass
class VippsRuntime:
    """A Vipps API of the target, with the merchant's access tokens and the sandbox's capabilities."""

    target: VippsTarget
    tokens: VippsTokenProvider
    capabilities: Capabilities


def vipps_token_clients(target: VippsTarget, http: HttpSession) -> dict[str, VippsTokenProvider]:
    """Each merchant the target names (by its section), with a token provider of its own."""
    named = {"merchant": target.merchant, "second_merchant": target.second_merchant}
    return {role: VippsTokenProvider(http, target.token_url, credentials) for role, credentials in named.items()
            if credentials is not None}


def start_vipps(target: VippsTarget, http: HttpSession) -> VippsRuntime:
    return VippsRuntime(target, VippsTokenProvider(http, target.token_url, target.merchant),
                        Capabilities(http, target.hooks_url, target.capabilities))
