"""The production guard: the suite creates, captures and cancels payments, so it refuses live hosts."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from cancel_conformance.target import ConfigError

# api-facts §1.0 and §2: the documented production hosts, and their test counterparts.
PRODUCTION_HOSTS = {
    "api.mobilepay.dk": "the MobilePay PoS production API (its sandbox is api.sandbox.mobilepay.dk)",
    "api.vipps.no": "the Vipps MobilePay production API (its test environment is apitest.vipps.no)",
}
TEST_HOSTS = frozenset({"api.sandbox.mobilepay.dk", "apitest.vipps.no"})


def production_hosts(urls: Iterable[str]) -> dict[str, str]:
    """The known production hosts among these URLs, each with what it is."""
    hosts = {(urlsplit(url).hostname or "").lower().rstrip(".") for url in urls if url}
    return {host: PRODUCTION_HOSTS[host] for host in sorted(hosts) if host in PRODUCTION_HOSTS}


def refuse_production(urls: Iterable[str], allowed: bool) -> None:
    """A usage error naming each production host, unless the user explicitly allowed it."""
    found = production_hosts(urls)
    if found and not allowed:
        named = "; ".join(f"{host} is {what}" for host, what in found.items())
        raise ConfigError(
            f"refusing to run against production: {named}. The suite creates, captures and cancels "
            "payments; point it at a sandbox, or pass --allow-production if you really mean to"
        )
