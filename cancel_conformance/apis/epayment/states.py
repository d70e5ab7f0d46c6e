"""How the cast brings an ePayment into each state a rule starts from (its Givens).

The paths follow the documented transitions (api-facts §3.2, §3.3); each step must succeed and the
payment must then read as that state, or the Given is "not verified" (SIMULATION.md §3).
"""

from __future__ import annotations

from collections.abc import Callable

from cancel_conformance.apis.epayment.cast import PARTIAL_CAPTURE, EPayment, EpaymentMerchant
from cancel_conformance.apis.epayment.view import Amounts, EventLog, Seen
from cancel_conformance.cast.paths import reach, until
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import HookOutcome, established

SETTLE_SECONDS = 10.0
POLL_SECONDS = 0.5

# state -> (the state it is reached from, the action that leads there); None: how it begins.
PAYMENT_PATHS: dict[str, tuple[str | None, str]] = {
    "created": (None, "merchant creates"),
    "authorized": ("created", "customer authorizes"),
    "partly captured": ("authorized", "merchant captures part"),
    "captured in full": ("authorized", "merchant captures everything"),
    "terminated by the merchant": ("created", "merchant cancels"),
    "cancelled once authorized": ("authorized", "merchant cancels"),
    "partly captured and then cancelled": ("partly captured", "merchant cancels"),
    "aborted by the customer": ("created", "customer aborts"),
    "expired": ("created", "the customer's time runs out"),
    "in a 3-D Secure session": ("created", "customer starts 3-D Secure"),
}

PaymentStep = Callable[[EpaymentMerchant, EPayment], ApiResult | HookOutcome]
PAYMENT_ACTIONS: dict[str, PaymentStep] = {
    "customer authorizes": lambda m, p: m.customer.authorize(p),
    "merchant captures part": lambda m, p: m.capture(p, PARTIAL_CAPTURE),
    "merchant captures everything": lambda m, p: m.capture(p),
    "merchant cancels": lambda m, p: m.cancel(p),
    "customer aborts": lambda m, p: m.customer.abort(p),
    "the customer's time runs out": lambda m, p: m.time.expire(p),
    "customer starts 3-D Secure": lambda m, p: m.customer.start_3ds(p),
}


def _untouched(payment: EPayment, seen: Seen) -> bool:
    """Created, nothing since: the customer has not acted, nothing is authorized or cancelled."""
    return seen.amounts.state == "CREATED" and seen.amounts.authorized == 0 and seen.amounts.cancelled == 0


def _authorized(captured: Callable[[EPayment], int], cancelled: Callable[[EPayment], int]):
    def shown(payment: EPayment, seen: Seen) -> bool:
        amounts = seen.amounts
        return (amounts.state == "AUTHORIZED" and amounts.authorized == payment.amount
                and amounts.captured == captured(payment) and amounts.cancelled == cancelled(payment))
    return shown


def _in_state(state: str) -> Callable[[EPayment, Seen], bool]:
    return lambda payment, seen: seen.amounts.state == state


def _nothing(payment: EPayment) -> int:
    return 0


# What the payment shows once it is in each state.
STATE_SHOWN: dict[str, Callable[[EPayment, Seen], bool]] = {
    "created": _untouched,
    "authorized": _authorized(_nothing, _nothing),
    "partly captured": _authorized(lambda p: PARTIAL_CAPTURE, _nothing),
    "captured in full": _authorized(lambda p: p.amount, _nothing),
    "terminated by the merchant": _in_state("TERMINATED"),
    "cancelled once authorized": _authorized(_nothing, lambda p: p.amount),
    "partly captured and then cancelled": _authorized(lambda p: PARTIAL_CAPTURE, lambda p: p.amount - PARTIAL_CAPTURE),
    "aborted by the customer": _in_state("ABORTED"),
    "expired": _in_state("EXPIRED"),
    "in a 3-D Secure session": _untouched,
}


def payment_in(merchant: EpaymentMerchant, state: str) -> EPayment:
    """A new ePayment of this merchant, brought to `state`; what it then shows is `payment.seen`."""
    if state not in PAYMENT_PATHS:
        raise ValueError(f"no known way to bring an ePayment to {state!r}")

    def settle(payment: EPayment, reached: str) -> None:
        payment.seen = await_state(merchant, payment, reached)

    return reach(state, PAYMENT_PATHS, lambda action: merchant.start_payment(),
                 lambda action, payment: PAYMENT_ACTIONS[action](merchant, payment), settle, "an ePayment")


def aged_payment_in(merchant: EpaymentMerchant, state: str, days: int, hours: int = 0) -> EPayment:
    """A new ePayment in `state` whose every timestamp lies `days` and `hours` in the past."""
    payment = payment_in(merchant, state)
    established(merchant.time.age(payment, days, hours), f"make an ePayment {days} days and {hours} hours old")
    payment.seen = await_state(merchant, payment, state)
    return payment


def await_state(merchant: EpaymentMerchant, payment: EPayment, state: str) -> Seen:
    """Read the payment until it shows `state` (a vendor sandbox may move asynchronously)."""
    return until(lambda: read_seen(merchant, payment, f"bring an ePayment to {state}"),
                 lambda seen: STATE_SHOWN[state](payment, seen), Seen.describe, SETTLE_SECONDS,
                 f"bring an ePayment to {state}", POLL_SECONDS)


def read_seen(merchant: EpaymentMerchant, payment: EPayment, goal: str) -> Seen:
    """The payment and its event log for a Given: any answer but 200 means the Given could not be established."""
    amounts = Amounts.of(established(merchant.read(payment), f"{goal}: reading it"))
    return Seen(amounts, EventLog.of(established(merchant.events(payment), f"{goal}: reading its event log")))
