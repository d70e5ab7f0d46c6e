"""The production guard: the suite creates, captures and cancels payments, so it refuses live hosts."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

import requests
from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

from cancel_conformance.target import ConfigError

# api-facts §1.0 and §2: the documented production hosts, and their test counterparts.
PRODUCTION_HOSTS = {
    "api.mobilepay.dk": "the MobilePay PoS production API (its sandbox is api.sandbox.mobilepay.dk)",
    "api.vipps.no": "the Vipps MobilePay production API (its test environment is apitest.vipps.no)",
}
TEST_HOSTS = frozenset({"api.sandbox.mobilepay.dk", "apitest.vipps.no"})


def production_hosts(urls: Iterable[str]) -> dict[str, str]:
    """The known production hosts among these URLs, each with what it is."""
    hosts = {host for url in urls if url for host in _hosts_of(url)}
    return {host: PRODUCTION_HOSTS[host] for host in sorted(hosts) if host in PRODUCTION_HOSTS}


def _hosts_of(url: str) -> set[str]:
    """The host as the URL reads, and the host the HTTP client will really connect to: they differ for
    URLs such as https://api.vipps.no%2e/ or https://api.vipps.no\\@apitest.vipps.no/."""
    hosts = {urlsplit(url).hostname or ""}
    # a URL the client cannot send to is refused later, as unusable
    with contextlib.suppress(requests.RequestException, ValueError, LocationParseError):
        hosts.add(parse_url(requests.Request("GET", url).prepare().url or "").host or "")
    return {unquote(host).lower().rstrip(".") for host in hosts if host}


def refuse_production(urls: Iterable[str], allowed: bool) -> None:
    """A usage error naming each production host, unless the user explicitly allowed it."""
    found = production_hosts(urls)
    if found and not allowed:
        named = "; ".join(f"{host} is {what}" for host, what in found.items())
        raise ConfigError(
            f"refusing to run against production: {named}. The suite creates, captures and cancels "
            "payments; point it at a sandbox, or pass --allow-production if you really mean to"
        )
