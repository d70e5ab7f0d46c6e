"""What contract fuzzing created, found in its recorded exchanges and left tidy as a scenario's would be.

A generated request that the target accepted may have opened a point of sale, a payment, a refund or
an order. The campaign's evidence holds every such answer; each resource it names is brought to a
final state with the same clean-up as the scenarios' (cancel what is open, delete points of sale),
and what could not be is listed in the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from cancel_conformance.cast.ecom import EcomMerchant, Order
from cancel_conformance.cast.pos import Merchant
from cancel_conformance.cleanup import OPEN_PAYMENT_STATES, OPEN_REFUND_STATES, Cleanup, close_if_open, deleted
from cancel_conformance.exchange import Exchange

# (path of the creating operation, the answer's id field, what it creates), in the order to register them:
# the clean-up runs in reverse, so refunds close before payments, payments before their point of sale.
POS_CREATES = (("/pos/v10/pointofsales", "posId", "point of sale"), ("/pos/v10/payments", "paymentId", "payment"),
               ("/pos/v10/payments/prepare", "paymentId", "payment"), ("/pos/v10/refunds", "refundId", "refund"))
ECOM_CREATES = (("/ecomm/v2/payments", "orderId", "order"),)


def created(exchanges: Iterable[Exchange], creates: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str]]:
    """(what, id) of every resource a successful create among `exchanges` named, in `creates` order."""
    found: dict[tuple[str, str], None] = {}
    exchanges = list(exchanges)
    for path, field, what in creates:
        for exchange in exchanges:
            if exchange.method == "POST" and urlsplit(exchange.url).path.endswith(path) and _succeeded(exchange):
                identifier = _field(exchange.response_body, field)
                if identifier:
                    found[(what, identifier)] = None
    return list(found)


def tidy_pos(merchant: Merchant, exchanges: Iterable[Exchange]) -> list[str]:
    """Close what the PoS fuzzing opened; what could not be closed, named."""
    client, cleanup = merchant.client, Cleanup()
    for what, identifier in created(exchanges, POS_CREATES):
        if what == "point of sale":
            cleanup.add(f"{what} {identifier}", lambda i=identifier: deleted(lambda: client.delete_pos(i)))
        elif what == "payment":
            cleanup.add(f"{what} {identifier}", lambda i=identifier: close_if_open(
                lambda: client.query_payment(i), lambda: client.cancel_payment(i), OPEN_PAYMENT_STATES))
        else:
            cleanup.add(f"{what} {identifier}", lambda i=identifier: close_if_open(
                lambda: client.get_refund(i), lambda: client.cancel_refund(i), OPEN_REFUND_STATES))
    return cleanup.run()


def tidy_ecom(merchant: EcomMerchant, exchanges: Iterable[Exchange]) -> list[str]:
    """Cancel the orders the eCom fuzzing initiated and left open; what could not be closed, named."""
    cleanup = Cleanup()
    for what, identifier in created(exchanges, ECOM_CREATES):
        cleanup.add(f"{what} {identifier}", lambda i=identifier: merchant.close(Order(i, 0, merchant)))
    return cleanup.run()


def _succeeded(exchange: Exchange) -> bool:
    return exchange.status is not None and 200 <= exchange.status < 300


def _field(body: str | None, name: str) -> str | None:
    try:
        data = json.loads(body) if body else None
    except (ValueError, RecursionError):
        return None
    value = data.get(name) if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None
