"""The documented lifecycle of a MobilePay PoS payment and its refund, as data, and how exploration drives it.

States are what the public API shows: the payment's `status`, and its refund's after a comma. Each
move cites the rule that documents it (RULES.md, api-facts §1.3-§1.5); what no rule says is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cancel_conformance.apis.pos import API
from cancel_conformance.apis.pos.cast import (
    OPEN_PAYMENT_STATES,
    OPEN_REFUND_STATES,
    Merchant,
    Payment,
    PointOfSale,
    Refund,
)
from cancel_conformance.apis.pos.fixtures import merchant_of
from cancel_conformance.apis.pos.runtime import PosRuntime
from cancel_conformance.cleanup import Cleanup, close_if_open
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.model.lifecycle import Lifecycle, Outcome, each, unchanged
from cancel_conformance.model.run import Explorable
from cancel_conformance.runtime import Runtime

FINAL_BY_OTHERS = ("CancelledByUser", "CancelledByMobilePay")
REFUND = "Captured, refund "


def _refund(state: str) -> str:
    return f"{REFUND}{state}"


REFUND_DONE = tuple(_refund(state) for state in ("Captured", "ExpiredAndCaptured", "CancelledByMobilePay"))
REFUND_STATES = tuple(_refund(state) for state in ("Initiated", "Reserved", "Captured", "ExpiredAndCaptured",
                                                   "CancelledByMobilePay", "CancelledByClient"))

MOVES = {
    ("new", "prepare"): (Outcome("Prepared", "POS_PAY_01", True),),
    ("new", "initiate"): (Outcome("Initiated", "POS_PAY_01", True),),
    # POS_PAY_01: "Prepared, Initiated, Paired, IssuedToUser or Reserved is cancelled by the client".
    **each(("Prepared", "Initiated", "Paired", "IssuedToUser", "Reserved"), "merchant cancels",
           Outcome("CancelledByClient", "POS_PAY_01", True)),
    ("Prepared", "customer checks in"): (Outcome("Paired", "POS_USR_01", True),),
    ("Initiated", "customer checks in"): (Outcome("IssuedToUser", "POS_USR_01", True),),
    ("IssuedToUser", "customer accepts"): (Outcome("Reserved", "POS_PAY_01", True),),
    # POS_USR_01: the customer cancels in Paired or IssuedToUser; POS_USR_02: not in Initiated, Reserved, Captured.
    **each(("Paired", "IssuedToUser"), "customer cancels in the app", Outcome("CancelledByUser", "POS_USR_01", True)),
    **unchanged(("Initiated", "Reserved", "Captured"), "customer cancels in the app", "POS_USR_02"),
    # POS_PAY_04 names the back office's cancel among the final states a client cancel must not rewrite.
    **each(("Prepared", "Initiated", "IssuedToUser"), "MobilePay cancels",
           Outcome("CancelledByMobilePay", "POS_PAY_04", True)),
    ("Reserved", "merchant captures"): (Outcome("Captured", "POS_PAY_02", True),),
    ("Reserved", "the reservation expires"): (Outcome("ExpiredAndCancelled", "POS_PAY_03", True),),
    # POS_PAY_02, _03: a Captured or ExpiredAndCancelled payment cannot be cancelled, with or without a refund.
    **unchanged(("Captured", *REFUND_STATES), "merchant cancels", "POS_PAY_02"),
    **unchanged(("ExpiredAndCancelled",), "merchant cancels", "POS_PAY_03"),
    # POS_PAY_04: a client cancel never rewrites who cancelled (the answer is SHOULD: POS_PAY_05).
    **unchanged(FINAL_BY_OTHERS, "merchant cancels", "POS_PAY_04", accepted=None),
    # POS_PAY_06: cancel is naturally idempotent (the answer is SHOULD: POS_PAY_07); POS_PAY_11: no capture after.
    **unchanged(("CancelledByClient",), "merchant cancels", "POS_PAY_06", accepted=None),
    **unchanged(("CancelledByClient",), "merchant captures", "POS_PAY_11"),
    # The refund of a captured payment (POS_REF_*).
    ("Captured", "merchant refunds"): (Outcome(_refund("Initiated"), "POS_REF_01", True),),
    (_refund("Initiated"), "the refund is reserved"): (Outcome(_refund("Reserved"), "POS_REF_01", True),),
    **each((_refund("Initiated"), _refund("Reserved")), "merchant cancels the refund",
           Outcome(_refund("CancelledByClient"), "POS_REF_01", True)),
    (_refund("Initiated"), "MobilePay cancels the refund"): (Outcome(_refund("CancelledByMobilePay"), "POS_REF_02",
                                                                     True),),
    (_refund("Reserved"), "merchant captures the refund"): (Outcome(_refund("Captured"), "POS_REF_02", True),),
    (_refund("Reserved"), "the refund expires"): (Outcome(_refund("ExpiredAndCaptured"), "POS_REF_02", True),),
    **unchanged(REFUND_DONE, "merchant cancels the refund", "POS_REF_02"),
    **unchanged((_refund("CancelledByClient"),), "merchant cancels the refund", "POS_REF_03", accepted=None),
    **unchanged((_refund("CancelledByClient"),), "merchant captures the refund", "POS_REF_05"),
}

ACTORS = {"customer checks in": "customer", "customer accepts": "customer",
          "customer cancels in the app": "customer", "MobilePay cancels": "back office",
          "the reservation expires": "time", "the refund is reserved": "back office",
          "MobilePay cancels the refund": "back office", "the refund expires": "time"}

LIFECYCLE = Lifecycle("a MobilePay PoS payment and its refund", "new", MOVES, ACTORS)


@dataclass
class Handle:
    """One payment of the exploration, and its refund once the merchant made one."""

    payment: Payment | None = None
    refund: Refund | None = None


class Till:
    """The point of sale the examples take turns at: a payment left open there (one it could not cancel)
    would refuse every later example's payment, so the next example moves to a new point of sale."""

    def __init__(self, open_point_of_sale: Callable[[], PointOfSale]) -> None:
        self.open_point_of_sale = open_point_of_sale
        self.current = open_point_of_sale()

    def move_on(self) -> None:
        self.current = self.open_point_of_sale()


class PosSubject:
    """Drives a PoS payment through the cast (the same client and hooks as the scenarios) and reads it back."""

    lifecycle = LIFECYCLE
    settle_timeout = 0.0

    def __init__(self, merchant: Merchant, till: Till) -> None:
        self.merchant = merchant
        self.till = till
        merchant.use_point_of_sale(till.current)

    def begin(self) -> Handle:
        return Handle()

    def act(self, handle: Handle, action: str) -> ApiResult:
        m = self.merchant
        if action in ("prepare", "initiate"):
            request = m.payment_request()
            answer = m.initiate(request) if action == "initiate" else m.client.prepare_payment(
                {"posId": request["posId"], "orderId": request["orderId"]})
            if answer.ok:
                handle.payment = m.payment_from(request, answer)
            return answer
        if action == "merchant refunds":
            answer = m.refund(handle.payment)
            if answer.ok:
                handle.refund = m.refund_from(handle.payment, answer)
            return answer
        return _ACTIONS[action](m, handle).result if action in _HOOKS else _ACTIONS[action](m, handle)

    def observe(self, handle: Handle) -> tuple[ApiResult, tuple[str, str | None]]:
        read = self.merchant.read(handle.payment)
        refund = self.merchant.read_refund(handle.refund) if handle.refund else None
        return (refund or read), (_status(read), _status(refund) if refund else None)

    def shows(self, state: str, handle: Handle, observation: tuple[str, str | None]) -> bool:
        payment, refund = observation
        return (f"{REFUND}{refund}" if refund else payment) == state and (refund is None or payment == "Captured")

    def describe(self, observation: tuple[str, str | None]) -> str:
        payment, refund = observation
        return f"the payment reads {payment}" + (f", its refund {refund}" if refund else "")

    def close(self, handle: Handle) -> str | None:
        """Close what is still open now: the next example needs the point of sale free (one active payment)."""
        m = self.merchant
        refund = close_if_open(lambda: m.read_refund(handle.refund), lambda: m.cancel_refund(handle.refund),
                               OPEN_REFUND_STATES) if handle.refund else None
        payment = close_if_open(lambda: m.read(handle.payment), lambda: m.cancel(handle.payment),
                                OPEN_PAYMENT_STATES) if handle.payment else None
        if payment:  # still active: it occupies this point of sale
            self.till.move_on()
        return "; ".join(note for note in (refund, payment) if note) or None


_HOOKS = {"customer checks in", "customer accepts", "customer cancels in the app", "MobilePay cancels",
          "the reservation expires", "the refund is reserved", "MobilePay cancels the refund", "the refund expires"}
_ACTIONS = {
    "merchant cancels": lambda m, h: m.cancel(h.payment),
    "merchant captures": lambda m, h: m.capture(h.payment),
    "customer checks in": lambda m, h: m.customer.check_in(h.payment.pos),
    "customer accepts": lambda m, h: m.customer.accept(h.payment.pos),
    "customer cancels in the app": lambda m, h: m.customer.cancel_in_app(h.payment.pos),
    "MobilePay cancels": lambda m, h: m.back_office.cancel_payment(h.payment),
    "the reservation expires": lambda m, h: m.back_office.expire_reservation(h.payment),
    "merchant cancels the refund": lambda m, h: m.cancel_refund(h.refund),
    "merchant captures the refund": lambda m, h: m.capture_refund(h.refund),
    "the refund is reserved": lambda m, h: m.back_office.reserve_refund(h.refund),
    "MobilePay cancels the refund": lambda m, h: m.back_office.cancel_refund(h.refund),
    "the refund expires": lambda m, h: m.back_office.expire_refund(h.refund),
}


def _status(result: ApiResult) -> str:
    """The resource's status as read; a read that fails shows as its HTTP status."""
    body = result.body if isinstance(result.body, dict) else {}
    return str(body.get("status")) if result.status == 200 else f"unreadable ({result.status})"


def explorable(runtime: Runtime, recorder: Recorder, cleanup: Cleanup) -> Explorable:
    """The PoS lifecycle, each example a payment at the scenario's one point of sale (one active at a time)."""
    pos: PosRuntime = runtime.require(API.name)
    vat = pos.target.integrator.merchant_vat
    till = Till(merchant_of(runtime, pos, pos.tokens, recorder, vat, "merchant", cleanup=cleanup).open_point_of_sale)
    return Explorable(LIFECYCLE, lambda each: PosSubject(
        merchant_of(runtime, pos, pos.tokens, each, vat, "merchant", cleanup=cleanup), till))
