"""The sandbox's fixed cast: demo integrators, the merchants they serve, and the merchants' stores.

The client secrets below are public demo values for a local sandbox; they protect nothing.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

MAIN_MERCHANT_VAT = "DK12345678"
SECOND_MERCHANT_VAT = "DK87654321"


@dataclass(frozen=True)
class DemoIntegrator:
    """An integrator that may act for the merchants it serves; `merchant_vat` is its default one."""

    client_id: str
    client_secret: str
    merchant_vat: str
    merchants: tuple[str, ...]

    def serves(self, merchant_vat: str) -> bool:
        return merchant_vat in self.merchants


@dataclass(frozen=True)
class Store:
    """One of a merchant's stores, with the fields of the spec's StoreResponse."""

    store_id: str
    merchant_vat: str
    name: str
    street: str
    zip_code: str
    city: str
    brand_name: str
    merchant_brand_id: str
    merchant_location_id: str


def demo_secret(rest: str) -> str:
    """A demo secret, built rather than written out whole.

    Hypothesis draws the short string literals of every loaded module into the requests it generates;
    a fuzzed request that carried a configured secret would make an embedded run fail closed (exit 4).
    """
    return f"demo-{rest}"


DEMO_INTEGRATORS: tuple[DemoIntegrator, ...] = (
    DemoIntegrator("demo-integrator-a", demo_secret("secret-a"), MAIN_MERCHANT_VAT, (MAIN_MERCHANT_VAT,)),
    # The second integrator also serves a merchant of its own, so "another merchant" (1408) is reachable.
    DemoIntegrator(
        "demo-integrator-b", demo_secret("secret-b"), MAIN_MERCHANT_VAT, (MAIN_MERCHANT_VAT, SECOND_MERCHANT_VAT)
    ),
)

STORES: tuple[Store, ...] = (
    Store("6f0c2a4e-1b7d-4c1e-9a55-0d3e8b2f7a01", MAIN_MERCHANT_VAT, "Demo Bakery Central",
          "Vesterbrogade 1", "1620", "Copenhagen", "Demo Bakery", "DEMOBAKERY", "10001"),
    Store("6f0c2a4e-1b7d-4c1e-9a55-0d3e8b2f7a02", MAIN_MERCHANT_VAT, "Demo Bakery Harbour",
          "Havnegade 2", "1058", "Copenhagen", "Demo Bakery", "DEMOBAKERY", "10002"),
    Store("3a9d5b7c-2e4f-4a6b-8c1d-5e7f9a1b3c01", SECOND_MERCHANT_VAT, "Demo Kiosk Aarhus",
          "Banegaardspladsen 3", "8000", "Aarhus", "Demo Kiosk", "DEMOKIOSK", "20001"),
)


def find_integrator(client_id: str, client_secret: str) -> DemoIntegrator | None:
    """The integrator these client credentials belong to, if any."""
    for integrator in DEMO_INTEGRATORS:
        same_id = hmac.compare_digest(integrator.client_id.encode(), client_id.encode())
        same_secret = hmac.compare_digest(integrator.client_secret.encode(), client_secret.encode())
        if same_id and same_secret:
            return integrator
    return None


def integrator_by_id(client_id: str) -> DemoIntegrator | None:
    return next((i for i in DEMO_INTEGRATORS if i.client_id == client_id), None)


def stores_of(merchant_vat: str) -> tuple[Store, ...]:
    return tuple(store for store in STORES if store.merchant_vat == merchant_vat)


def store_by_id(store_id: str) -> Store | None:
    return next((store for store in STORES if store.store_id == store_id.lower()), None)
