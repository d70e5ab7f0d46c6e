"""How the cast brings a payment or a refund into each state a rule starts from (its Givens).

The paths follow the documented transitions (api-facts §1.3, §1.5); each step must succeed and
the resource must then read the state, or the Given is "not verified" (SIMULATION.md §3).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from cancel_conformance.apis.pos.cast import Merchant, Payment, Refund
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import HookOutcome
from cancel_conformance.outcomes import NotVerified

# A vendor sandbox may move asynchronously; give it this long to show the state a step led to.
SETTLE_SECONDS = 10.0
MAX_POLL_DELAY_S = 2.0

# state -> (the state it is reached from, the action that leads there); None: how it begins.
PAYMENT_PATHS: dict[str, tuple[str | None, str]] = {
    "Prepared": (None, "prepare"),
    "Initiated": (None, "initiate"),
    "Paired": ("Prepared", "customer checks in"),
    "IssuedToUser": ("Initiated", "customer checks in"),
    "Reserved": ("IssuedToUser", "customer accepts"),
    "Captured": ("Reserved", "merchant captures"),
    "ExpiredAndCancelled": ("Reserved", "reservation expires"),
    "CancelledByUser": ("IssuedToUser", "customer cancels in the app"),
    "CancelledByMobilePay": ("Initiated", "MobilePay cancels"),
    "CancelledByClient": ("Initiated", "merchant cancels"),
}

REFUND_PATHS: dict[str, tuple[str | None, str]] = {
    "Initiated": (None, "merchant refunds the captured payment"),
    "Reserved": ("Initiated", "refund is reserved"),
    "Captured": ("Reserved", "merchant captures the refund"),
    "ExpiredAndCaptured": ("Reserved", "refund expires uncaptured"),
    "CancelledByMobilePay": ("Initiated", "MobilePay cancels the refund"),
    "CancelledByClient": ("Initiated", "merchant cancels the refund"),
}

PaymentStep = Callable[[Merchant, Payment], ApiResult | HookOutcome]
PAYMENT_ACTIONS: dict[str, PaymentStep] = {
    "customer checks in": lambda m, p: m.customer.check_in(p.pos),
    "customer accepts": lambda m, p: m.customer.accept(p.pos),
    "merchant captures": lambda m, p: m.capture(p),
    "reservation expires": lambda m, p: m.back_office.expire_reservation(p),
    "customer cancels in the app": lambda m, p: m.customer.cancel_in_app(p.pos),
    "MobilePay cancels": lambda m, p: m.back_office.cancel_payment(p),
    "merchant cancels": lambda m, p: m.cancel(p),
}

RefundStep = Callable[[Merchant, Refund], ApiResult | HookOutcome]
REFUND_ACTIONS: dict[str, RefundStep] = {
    "refund is reserved": lambda m, r: m.back_office.reserve_refund(r),
    "merchant captures the refund": lambda m, r: m.capture_refund(r),
    "refund expires uncaptured": lambda m, r: m.back_office.expire_refund(r),
    "MobilePay cancels the refund": lambda m, r: m.back_office.cancel_refund(r),
    "merchant cancels the refund": lambda m, r: m.cancel_refund(r),
}


def payment_in(merchant: Merchant, state: str) -> Payment:
    """A new payment of this merchant, brought to `state`."""
    if state not in PAYMENT_PATHS:
        raise ValueError(f"no known way to bring a payment to {state!r}")
    before, action = PAYMENT_PATHS[state]
    if before is None:
        payment = merchant.prepare_payment() if action == "prepare" else merchant.start_payment()
    else:
        payment = payment_in(merchant, before)
        _step(f"bring a payment to {state}", action, PAYMENT_ACTIONS[action](merchant, payment))
    await_state(lambda: merchant.read(payment), state, f"bring a payment to {state}")
    return payment


def refund_in(merchant: Merchant, state: str) -> Refund:
    """A new refund of a new captured payment of this merchant, brought to `state`."""
    if state not in REFUND_PATHS:
        raise ValueError(f"no known way to bring a refund to {state!r}")
    before, action = REFUND_PATHS[state]
    if before is None:
        payment = payment_in(merchant, "Captured")
        answer = _step(f"bring a refund to {state}", action, merchant.refund(payment))
        refund = merchant.refund_from(payment, answer)
    else:
        refund = refund_in(merchant, before)
        _step(f"bring a refund to {state}", action, REFUND_ACTIONS[action](merchant, refund))
    await_state(lambda: merchant.read_refund(refund), state, f"bring a refund to {state}")
    return refund


def await_state(read: Callable[[], ApiResult], state: str, goal: str) -> None:
    """Read until the resource shows `state`, honouring `pollDelayInMs` (api-facts §1.7)."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        answer = read().require_success(f"could not {goal}")
        if not answer.ok:
            raise NotVerified(f"could not {goal}: reading it answered {answer.status}")
        status = answer.field("status", str)
        if status == state:
            return
        delay = _poll_delay(answer)
        if time.monotonic() + delay > deadline:
            raise NotVerified(f"could not {goal}: it reads {status}")
        time.sleep(delay)


def _poll_delay(answer: ApiResult) -> float:
    delay_ms = answer.body.get("pollDelayInMs") if isinstance(answer.body, dict) else None
    seconds = delay_ms / 1000 if isinstance(delay_ms, int | float) and delay_ms > 0 else 0.5
    return min(seconds, MAX_POLL_DELAY_S)


def _step(goal: str, action: str, done: ApiResult | HookOutcome) -> ApiResult:
    result = done.result if isinstance(done, HookOutcome) else done
    result.require_success(f"could not {goal}")
    if not result.ok:
        raise NotVerified(f"could not {goal}: when the {action}, {result.exchange.summary()}")
    return result
