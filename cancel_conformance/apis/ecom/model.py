"""The documented lifecycle of a Vipps eCom order, as data, and how exploration drives it.

States are what the order's details show: a reservation, a cancellation (CANCEL or VOID) and the
transaction summary. Part captures take 40.00 of 100.00 and refunds 20.00, so every state has one
set of amounts. Each move cites the rule that documents it (RULES.md, api-facts §2.2).
"""

from __future__ import annotations

from dataclasses import dataclass

from cancel_conformance.apis.ecom import API
from cancel_conformance.apis.ecom.cast import PARTIAL_CAPTURE, EcomMerchant, Order
from cancel_conformance.apis.ecom.details import CANCELLATIONS, Details
from cancel_conformance.apis.ecom.fixtures import ecom_merchant_of
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.model.lifecycle import Lifecycle, Outcome, unchanged
from cancel_conformance.model.run import Explorable
from cancel_conformance.runtime import Runtime

PARTIAL_REFUND = 2000
CANCELS = ("merchant cancels", "merchant cancels releasing the rest", "merchant cancels keeping the rest")
CAPTURES = ("merchant captures part", "merchant captures the rest")
PENDING_CANCELLED = ("cancelled while pending", "rejected by the customer")

MOVES = {
    ("new", "merchant initiates"): (Outcome("pending", "ECOM_CAN_01", True),),
    ("pending", "customer approves"): (Outcome("reserved", "ECOM_CAN_02", True),),
    ("pending", "customer rejects"): (Outcome("rejected by the customer", "ECOM_CAN_03", True),),
    ("pending", "customer starts 3-D Secure"): (Outcome("in a 3-D Secure session", "ECOM_3DS_01", True),),
    ("pending", "merchant cancels"): (Outcome("cancelled while pending", "ECOM_CAN_01", True),),
    # ECOM_3DS_01: no cancel during the session; ECOM_3DS_02: once it succeeds, the payment is reserved.
    **unchanged(("in a 3-D Secure session",), "merchant cancels", "ECOM_3DS_01"),
    ("in a 3-D Secure session", "the 3-D Secure session succeeds"): (Outcome("reserved", "ECOM_3DS_02", True),),
    # ECOM_CAN_02: a reserved payment is cancelled (VOID); ECOM_REL_05: with the release flag, as usual.
    ("reserved", "merchant cancels"): (Outcome("cancelled once reserved", "ECOM_CAN_02", True),),
    ("reserved", "merchant cancels releasing the rest"): (Outcome("cancelled once reserved", "ECOM_REL_05", True),),
    ("reserved", "merchant captures part"): (Outcome("partly captured", "ECOM_REL_01", True),),
    ("reserved", "merchant captures the rest"): (Outcome("captured in full", "ECOM_REL_04", True),),
    # ECOM_REL_01: release with the flag true; ECOM_REL_02, _03: false or left out is refused, the rest capturable.
    ("partly captured", "merchant cancels releasing the rest"): (Outcome("released", "ECOM_REL_01", True),),
    **unchanged(("partly captured", "partly captured and refunded"), "merchant cancels", "ECOM_REL_03"),
    **unchanged(("partly captured", "partly captured and refunded"), "merchant cancels keeping the rest",
                "ECOM_REL_02"),
    ("partly captured", "merchant captures the rest"): (Outcome("captured in full", "ECOM_REL_02", True),),
    ("partly captured and refunded", "merchant cancels releasing the rest"): (
        Outcome("released after a refund", "ECOM_REL_01", True),),
    # ECOM_REL_04: after a full capture, a cancel is refused, with the flag true or false.
    **unchanged(("captured in full", "captured in full and refunded"), "merchant cancels", "ECOM_REL_04"),
    **unchanged(("captured in full", "captured in full and refunded"), "merchant cancels releasing the rest",
                "ECOM_REL_04"),
    # api-facts §2.2: "Capture -> Refund" (a refund leaves what is captured and reserved as it was).
    ("partly captured", "merchant refunds part"): (Outcome("partly captured and refunded", "MOD_ECOM_01", True),),
    ("captured in full", "merchant refunds part"): (Outcome("captured in full and refunded", "MOD_ECOM_01", True),),
    # ECOM_CAN_01: "the customer can no longer approve it"; ECOM_CAN_03: a later merchant cancel changes nothing.
    **unchanged(("cancelled while pending",), "customer approves", "ECOM_CAN_01"),
    **unchanged(("rejected by the customer",), "merchant cancels", "ECOM_CAN_03", accepted=None),
    # ECOM_CAN_04, _05: a cancelled payment cannot be captured or refunded.
    **{pair: outcome for action in CAPTURES for pair, outcome in unchanged(
        (*PENDING_CANCELLED, "cancelled once reserved"), action, "ECOM_CAN_04").items()},
    **unchanged((*PENDING_CANCELLED, "cancelled once reserved"), "merchant refunds part", "ECOM_CAN_05"),
    # ECOM_REL_01: "a further capture is refused" after the release.
    **unchanged(("released", "released after a refund"), "merchant captures the rest", "ECOM_REL_01"),
}

ACTORS = {"customer approves": "customer", "customer rejects": "customer", "customer starts 3-D Secure": "customer",
          "the 3-D Secure session succeeds": "customer"}

LIFECYCLE = Lifecycle("a Vipps eCom order", "new", MOVES, ACTORS)

# state -> (reserved, the cancellation logged, captured, refunded, remaining to capture); None: not judged there.
# api-facts §2.2: a cancel before the customer confirmed is a CANCEL, one after it a VOID.
SHOWN: dict[str, tuple[bool, str | None, int, int, int | None]] = {
    "pending": (False, None, 0, 0, None),
    "in a 3-D Secure session": (False, None, 0, 0, None),
    "reserved": (True, None, 0, 0, 10000),
    "partly captured": (True, None, PARTIAL_CAPTURE, 0, 10000 - PARTIAL_CAPTURE),
    "captured in full": (True, None, 10000, 0, 0),
    "partly captured and refunded": (True, None, PARTIAL_CAPTURE, PARTIAL_REFUND, 10000 - PARTIAL_CAPTURE),
    "captured in full and refunded": (True, None, 10000, PARTIAL_REFUND, 0),
    "cancelled while pending": (False, "CANCEL", 0, 0, None),
    "rejected by the customer": (False, "CANCEL", 0, 0, None),
    "cancelled once reserved": (True, "VOID", 0, 0, 0),
    "released": (True, "VOID", PARTIAL_CAPTURE, 0, 0),
    "released after a refund": (True, "VOID", PARTIAL_CAPTURE, PARTIAL_REFUND, 0),
}


@dataclass
class Handle:
    order: Order | None = None
    seen: Details | None = None


class EcomSubject:
    """Drives an eCom order through the cast (the same client and hooks as the scenarios) and reads its details."""

    lifecycle = LIFECYCLE
    settle_timeout = 0.0

    def __init__(self, merchant: EcomMerchant) -> None:
        self.merchant = merchant

    def begin(self) -> Handle:
        return Handle()

    def act(self, handle: Handle, action: str) -> ApiResult:
        m = self.merchant
        if action == "merchant initiates":
            request = m.payment_request()
            answer = m.client.initiate_payment_v3_using_post(request)
            if answer.ok:
                handle.order = m.order_from(request, answer)
            return answer
        done = _ACTIONS[action](m, handle)
        return done if isinstance(done, ApiResult) else done.result

    def observe(self, handle: Handle) -> tuple[ApiResult, Details | None]:
        read = self.merchant.details(handle.order)
        handle.seen = Details.of(read) if read.status == 200 else None
        return read, handle.seen

    def shows(self, state: str, handle: Handle, details: Details | None) -> bool:
        if details is None:
            return False
        reserved, cancellation, captured, refunded, remaining = SHOWN[state]
        logged = tuple(op for op in CANCELLATIONS if details.shows(op))
        return (details.shows("RESERVE") == reserved and logged == ((cancellation,) if cancellation else ())
                and details.captured == captured and details.summary["refundedAmount"] == refunded
                and (remaining is None or details.remaining == remaining))

    def describe(self, details: Details | None) -> str:
        return details.describe() if details else "the details could not be read"

    def close(self, handle: Handle) -> str | None:
        return self.merchant.close(handle.order) if handle.order else None


def _rest(handle: Handle) -> int:
    """What is not captured of the amount (after a release: what the cancel released)."""
    return handle.order.amount - (handle.seen.captured if handle.seen else 0)


_ACTIONS = {
    "customer approves": lambda m, h: m.customer.approve(h.order),
    "customer rejects": lambda m, h: m.customer.reject(h.order),
    "customer starts 3-D Secure": lambda m, h: m.customer.start_3ds(h.order),
    "the 3-D Secure session succeeds": lambda m, h: m.customer.finish_3ds(h.order),
    "merchant cancels": lambda m, h: m.cancel(h.order),
    "merchant cancels releasing the rest": lambda m, h: m.cancel(h.order, release=True),
    "merchant cancels keeping the rest": lambda m, h: m.cancel(h.order, release=False),
    "merchant captures part": lambda m, h: m.capture(h.order, PARTIAL_CAPTURE),
    "merchant captures the rest": lambda m, h: m.capture(h.order, _rest(h)),
    "merchant refunds part": lambda m, h: m.refund(h.order, PARTIAL_REFUND),
}


def explorable(runtime: Runtime, recorder: Recorder, cleanup: Cleanup) -> Explorable:
    ecom = runtime.require(API.name)
    return Explorable(LIFECYCLE, lambda each: EcomSubject(ecom_merchant_of(runtime, ecom, each, "merchant",
                                                                           cleanup=cleanup)))
