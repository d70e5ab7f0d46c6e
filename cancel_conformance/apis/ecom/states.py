"""How the cast brings an eCom payment into each state a rule starts from (its Givens).

The paths follow the documented transitions (api-facts §2.2); each step must succeed and the
payment's details must then show the state, or the Given is "not verified" (SIMULATION.md §3).
"""

from __future__ import annotations

from collections.abc import Callable

from cancel_conformance.apis.ecom.cast import PARTIAL_CAPTURE, EcomMerchant, Order
from cancel_conformance.apis.ecom.details import Details
from cancel_conformance.apis.pos.states import SETTLE_SECONDS
from cancel_conformance.cast.paths import reach, until
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import HookOutcome, established

POLL_SECONDS = 0.5

# state -> (the state it is reached from, the action that leads there); None: how it begins.
ORDER_PATHS: dict[str, tuple[str | None, str]] = {
    "pending": (None, "merchant initiates"),
    "reserved": ("pending", "customer approves"),
    "partly captured": ("reserved", "merchant captures part"),
    "captured in full": ("reserved", "merchant captures everything"),
    "cancelled while pending": ("pending", "merchant cancels"),
    "cancelled once reserved": ("reserved", "merchant cancels"),
    "rejected by the customer": ("pending", "customer rejects"),
    "in a 3-D Secure session": ("pending", "customer starts 3-D Secure"),
}

OrderStep = Callable[[EcomMerchant, Order], ApiResult | HookOutcome]
ORDER_ACTIONS: dict[str, OrderStep] = {
    "customer approves": lambda m, o: m.customer.approve(o),
    "merchant captures part": lambda m, o: m.capture(o, PARTIAL_CAPTURE),
    "merchant captures everything": lambda m, o: m.capture(o, o.amount),
    "merchant cancels": lambda m, o: m.cancel(o),
    "customer rejects": lambda m, o: m.customer.reject(o),
    "customer starts 3-D Secure": lambda m, o: m.customer.start_3ds(o),
}


def _untouched(order: Order, details: Details) -> bool:
    """Initiated, nothing since: no reservation, capture or cancellation (api-facts §2.2)."""
    return not any(details.shows(op) for op in ("RESERVE", "SALE", "CAPTURE", "CANCEL", "VOID"))


def _reserved(order: Order, details: Details) -> bool:
    return details.shows("RESERVE") and details.cancellations() == 0 and details.remaining == order.amount


def _captured(amount: Callable[[Order], int]) -> Callable[[Order, Details], bool]:
    def shown(order: Order, details: Details) -> bool:
        captured = amount(order)
        return (details.cancellations() == 0 and details.captured == captured
                and details.remaining == order.amount - captured)
    return shown


def _cancelled_before_reservation(order: Order, details: Details) -> bool:
    return details.shows("CANCEL") and not details.shows("RESERVE")


# What the details show once a payment is in each state.
STATE_SHOWN: dict[str, Callable[[Order, Details], bool]] = {
    "pending": _untouched,
    "reserved": _reserved,
    "partly captured": _captured(lambda order: PARTIAL_CAPTURE),
    "captured in full": _captured(lambda order: order.amount),
    "cancelled while pending": _cancelled_before_reservation,
    "cancelled once reserved": lambda order, details: details.shows("VOID") and details.captured == 0,
    "rejected by the customer": _cancelled_before_reservation,
    "in a 3-D Secure session": _untouched,
}


def order_in(merchant: EcomMerchant, state: str) -> Order:
    """A new order of this merchant, brought to `state`; its details then are `order.seen`."""
    if state not in ORDER_PATHS:
        raise ValueError(f"no known way to bring an order to {state!r}")

    def settle(order: Order, reached: str) -> None:
        order.seen = await_details(merchant, order, reached)

    return reach(state, ORDER_PATHS, lambda action: merchant.start_order(),
                 lambda action, order: ORDER_ACTIONS[action](merchant, order), settle, "an order")


def aged_order_in(merchant: EcomMerchant, state: str, days: int, hours: int = 0) -> Order:
    """A new order in `state` whose every timestamp lies `days` and `hours` in the past."""
    order = order_in(merchant, state)
    established(merchant.time.age(order, days, hours), f"make an order {days} days and {hours} hours old")
    order.seen = await_details(merchant, order, state)
    return order


def await_details(merchant: EcomMerchant, order: Order, state: str) -> Details:
    """Read the details until they show `state` (a vendor sandbox may move asynchronously)."""
    return until(lambda: read_details(merchant, order, f"bring an order to {state}"),
                 lambda details: STATE_SHOWN[state](order, details), Details.describe, SETTLE_SECONDS,
                 f"bring an order to {state}", POLL_SECONDS)


def read_details(merchant: EcomMerchant, order: Order, goal: str) -> Details:
    """The order's details for a Given: any answer but 200 means the Given could not be established."""
    return Details.of(established(merchant.details(order), f"{goal}: reading its details"))
