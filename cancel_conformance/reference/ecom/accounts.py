"""The Vipps sandbox's demo merchants: each one sales unit with its own API keys, for eCom and ePayment alike.

Every value below is a public demo value for a local sandbox; it protects nothing.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from cancel_conformance.reference.accounts import demo_secret


@dataclass(frozen=True)
class DemoMerchant:
    """A sales unit (MSN) and the keys its integration uses: client id and secret, subscription key."""

    name: str
    client_id: str
    client_secret: str
    subscription_key: str
    merchant_serial_number: str


DEMO_MERCHANTS: tuple[DemoMerchant, ...] = (
    # api-facts §2.1: an MSN is 5 or 6 digits.
    DemoMerchant("Demo Sock Shop", "demo-ecom-client-a", demo_secret("ecom-secret-a"), "demo-ecom-subscription-key-a",
                 "123456"),
    DemoMerchant("Demo Tea House", "demo-ecom-client-b", demo_secret("ecom-secret-b"), "demo-ecom-subscription-key-b",
                 "654321"),
)


def _same(left: str, right: str) -> bool:
    return hmac.compare_digest(left.encode(), right.encode())


def find_merchant(client_id: str, client_secret: str) -> DemoMerchant | None:
    """The merchant these client credentials belong to, if any."""
    for merchant in DEMO_MERCHANTS:
        if _same(merchant.client_id, client_id) and _same(merchant.client_secret, client_secret):
            return merchant
    return None


def merchant_by_key(subscription_key: str) -> DemoMerchant | None:
    """The merchant a subscription key belongs to, if any."""
    return next((m for m in DEMO_MERCHANTS if _same(m.subscription_key, subscription_key)), None)


def merchant_by_client(client_id: str) -> DemoMerchant | None:
    return next((m for m in DEMO_MERCHANTS if m.client_id == client_id), None)
