"""How the cast brings a charge into each status a rule starts from (its Givens), and waits for what a 202 promised.

The paths follow the documented lifecycle (api-facts §4.2, SIMULATION.md §2); each step must
succeed and the charge must then read as that status, or the Given is "not verified".
"""

from __future__ import annotations

from collections.abc import Callable

from cancel_conformance.apis.recurring.cast import (
    DIRECT_CAPTURE,
    PARTIAL_CAPTURE,
    RESERVE_CAPTURE,
    ChargeRef,
    RecurringMerchant,
)
from cancel_conformance.apis.recurring.view import Charge
from cancel_conformance.cast.paths import reach, until
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import HookOutcome, established

POLL_SECONDS = 0.25
DIRECT = "direct-capture "  # the paths of a DIRECT_CAPTURE charge, up to its due date

# status -> (the status it is reached from, the action that leads there); None: how it begins.
CHARGE_PATHS: dict[str, tuple[str | None, str]] = {
    "PENDING": (None, "merchant creates a reserve-capture charge"),
    "DUE": ("PENDING", "the due date draws near"),
    "PROCESSING": ("DUE", "Vipps MobilePay starts charging"),
    "RESERVED": ("DUE", "Vipps MobilePay reserves the amount"),
    "PARTIALLY_CAPTURED": ("RESERVED", "merchant captures part"),
    "FAILED": ("DUE", "charging the customer fails"),
    "CANCELLED": ("PENDING", "merchant cancels"),
    f"{DIRECT}PENDING": (None, "merchant creates a direct-capture charge"),
    f"{DIRECT}DUE": (f"{DIRECT}PENDING", "the due date draws near"),
    "CHARGED": (f"{DIRECT}DUE", "Vipps MobilePay charges the customer"),
    "PARTIALLY_REFUNDED": ("CHARGED", "merchant refunds part"),
    "REFUNDED": ("CHARGED", "merchant refunds everything"),
}
# The statuses a Given may name (the direct-capture steps are only on the way to CHARGED).
STATUSES = tuple(status for status in CHARGE_PATHS if not status.startswith(DIRECT))

ChargeStep = Callable[[RecurringMerchant, ChargeRef], ApiResult | HookOutcome]
CHARGE_ACTIONS: dict[str, ChargeStep] = {
    "the due date draws near": lambda m, c: m.vipps.step(c, "due"),
    "Vipps MobilePay starts charging": lambda m, c: m.vipps.step(c, "process"),
    "Vipps MobilePay reserves the amount": lambda m, c: m.vipps.step(c, "reserve"),
    "Vipps MobilePay charges the customer": lambda m, c: m.vipps.step(c, "charge"),
    "charging the customer fails": lambda m, c: m.vipps.step(c, "fail"),
    "merchant captures part": lambda m, c: m.capture(c, PARTIAL_CAPTURE),
    "merchant cancels": lambda m, c: m.cancel(c),
    "merchant refunds part": lambda m, c: m.refund(c, PARTIAL_CAPTURE),
    "merchant refunds everything": lambda m, c: m.refund(c, c.amount),
}
CREATIONS = {"merchant creates a reserve-capture charge": RESERVE_CAPTURE,
             "merchant creates a direct-capture charge": DIRECT_CAPTURE}


def released(charge: ChargeRef, seen: Charge) -> bool:
    """What a release of a partial capture's rest leaves: the part captured (the rest is no longer capturable)."""
    return seen.summary["captured"] == PARTIAL_CAPTURE


def _summary(captured: Callable[[ChargeRef], int] = lambda c: 0, refunded: Callable[[ChargeRef], int] = lambda c: 0):
    def shown(charge: ChargeRef, seen: Charge) -> bool:
        return seen.summary["captured"] == captured(charge) and seen.summary["refunded"] == refunded(charge)
    return shown


# What the charge shows, besides its status, once it is in each of them (nothing captured unless named).
SUMMARY_SHOWN: dict[str, Callable[[ChargeRef, Charge], bool]] = {
    "PARTIALLY_CAPTURED": _summary(captured=lambda c: PARTIAL_CAPTURE),
    "CHARGED": _summary(captured=lambda c: c.amount),
    "PARTIALLY_REFUNDED": _summary(captured=lambda c: c.amount, refunded=lambda c: PARTIAL_CAPTURE),
    "REFUNDED": _summary(captured=lambda c: c.amount, refunded=lambda c: c.amount),
    "CANCELLED": lambda charge, seen: seen.summary["captured"] == 0,
}


def charge_in(merchant: RecurringMerchant, status: str) -> ChargeRef:
    """A new charge on the merchant's agreement, brought to `status`; what it then shows is `charge.seen`."""
    if status not in CHARGE_PATHS:
        raise ValueError(f"no known way to bring a charge to {status!r}")

    def settle(charge: ChargeRef, reached: str) -> None:
        charge.seen = await_status(merchant, charge, reached.removeprefix(DIRECT), f"bring a charge to {reached}")

    return reach(status, CHARGE_PATHS, lambda action: merchant.start_charge(CREATIONS[action]),
                 lambda action, charge: CHARGE_ACTIONS[action](merchant, charge), settle, "a charge")


def await_status(merchant: RecurringMerchant, charge: ChargeRef, status: str, goal: str,
                 shown: Callable[[ChargeRef, Charge], bool] | None = None) -> Charge:
    """Read the charge until it shows `status` and what `shown` asks of its summary (by default, what the
    status's path leaves there): a target may enact later what it answered 202, within the bound."""
    shown = shown or SUMMARY_SHOWN.get(status, _summary())
    return until(lambda: Charge.of(established(merchant.read(charge), f"{goal}: reading the charge")),
                 lambda seen: seen.status == status and shown(charge, seen), Charge.describe,
                 merchant.settle_timeout, goal, POLL_SECONDS)
