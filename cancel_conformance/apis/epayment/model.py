"""The documented lifecycle of a Vipps MobilePay ePayment and its aggregate, as data, and how exploration drives it.

States are what `GET .../payments/{reference}` shows: the `state`, and the `aggregate` amounts
(api-facts §3.2: after authorization progress shows only there). Part captures take 40.00 of
100.00 and refunds 20.00. Each move cites the rule that documents it (RULES.md, api-facts §3.3).
"""

from __future__ import annotations

from dataclasses import dataclass

from cancel_conformance.apis.epayment import API
from cancel_conformance.apis.epayment.cast import DEFAULT_AMOUNT, PARTIAL_CAPTURE, EPayment, EpaymentMerchant
from cancel_conformance.apis.epayment.fixtures import epayment_merchant_of
from cancel_conformance.apis.epayment.view import Amounts
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.model.lifecycle import Lifecycle, Outcome, unchanged
from cancel_conformance.model.run import Explorable
from cancel_conformance.runtime import Runtime

PARTIAL_REFUND = 2000
A, P, R = DEFAULT_AMOUNT, PARTIAL_CAPTURE, PARTIAL_REFUND
TRANSACTION_ONLY = {"cancelTransactionOnly": True}
PLAIN_BODY = {"cancelTransactionOnly": False}
UNTOUCHED = ("created", "in a 3-D Secure session")
CANCELLED = ("cancelled once authorized", "partly captured and then cancelled",
             "partly captured, refunded and then cancelled")

MOVES = {
    ("new", "merchant creates"): (Outcome("created", "EPAY_CAN_01", True),),
    ("created", "customer authorizes"): (Outcome("authorized", "EPAY_CAN_02", True),),
    ("created", "customer aborts"): (Outcome("aborted by the customer", "EPAY_CAN_06", True),),
    ("created", "the customer's time runs out"): (Outcome("expired", "EPAY_CAN_06", True),),
    ("created", "customer starts 3-D Secure"): (Outcome("in a 3-D Secure session", "EPAY_3DS_01", True),),
    # EPAY_CAN_01: TERMINATED; EPAY_CTO_01: cancelling only the transaction does the same; EPAY_CAN_10: so does
    # the body {"cancelTransactionOnly": false}.
    ("created", "merchant cancels"): (Outcome("terminated by the merchant", "EPAY_CAN_01", True),),
    ("created", "merchant cancels only the transaction"): (Outcome("terminated by the merchant", "EPAY_CTO_01",
                                                                   True),),
    ("created", "merchant cancels with a plain body"): (Outcome("terminated by the merchant", "EPAY_CAN_10", True),),
    # EPAY_3DS_01: refused while the customer authorizes; EPAY_3DS_02: once it succeeds, AUTHORIZED.
    **unchanged(("in a 3-D Secure session",), "merchant cancels", "EPAY_3DS_01"),
    ("in a 3-D Secure session", "the 3-D Secure session succeeds"): (Outcome("authorized", "EPAY_3DS_02", True),),
    # EPAY_CAN_02: the whole reservation released; EPAY_CTO_02: only the transaction keeps it (the answer: SHOULD).
    ("authorized", "merchant cancels"): (Outcome("cancelled once authorized", "EPAY_CAN_02", True),),
    ("authorized", "merchant cancels with a plain body"): (Outcome("cancelled once authorized", "EPAY_CAN_10",
                                                                   True),),
    **unchanged(("authorized",), "merchant cancels only the transaction", "EPAY_CTO_02", accepted=None),
    ("authorized", "merchant captures part"): (Outcome("partly captured", "EPAY_CAN_03", True),),
    ("authorized", "merchant captures the rest"): (Outcome("captured in full", "EPAY_CAN_04", True),),
    # EPAY_CAN_03: after a partial capture all that remains is released, refunded or not.
    ("partly captured", "merchant cancels"): (Outcome("partly captured and then cancelled", "EPAY_CAN_03", True),),
    ("partly captured and refunded", "merchant cancels"): (
        Outcome("partly captured, refunded and then cancelled", "EPAY_CAN_03", True),),
    ("partly captured", "merchant captures the rest"): (Outcome("captured in full", "EPAY_CAN_04", True),),
    # api-facts §3.4: refundPayment takes back part of what is captured.
    ("partly captured", "merchant refunds part"): (Outcome("partly captured and refunded", "MOD_EPAY_01", True),),
    ("captured in full", "merchant refunds part"): (Outcome("captured in full and refunded", "MOD_EPAY_01", True),),
    # EPAY_CAN_04: a fully captured payment cannot be cancelled, refunded part or not.
    **unchanged(("captured in full", "captured in full and refunded"), "merchant cancels", "EPAY_CAN_04"),
    # EPAY_CAN_02, _03: no capture after a cancel; EPAY_CAN_09: no refund of a cancelled payment with nothing
    # captured; EPAY_CAN_06: a cancel changes nothing once cancelled (the answer: SHOULD, EPAY_CAN_07).
    **unchanged(("cancelled once authorized",), "merchant captures the rest", "EPAY_CAN_02"),
    **unchanged(CANCELLED[1:], "merchant captures the rest", "EPAY_CAN_03"),
    **unchanged(("cancelled once authorized", "terminated by the merchant"), "merchant refunds part", "EPAY_CAN_09"),
    **unchanged((*CANCELLED, "terminated by the merchant", "aborted by the customer", "expired"), "merchant cancels",
                "EPAY_CAN_06", accepted=None),
    # EPAY_CAN_01: "the customer can no longer approve it".
    **unchanged(("terminated by the merchant",), "customer authorizes", "EPAY_CAN_01"),
}

ACTORS = {"customer authorizes": "customer", "customer aborts": "customer", "customer starts 3-D Secure": "customer",
          "the 3-D Secure session succeeds": "customer", "the customer's time runs out": "time"}

LIFECYCLE = Lifecycle("a Vipps MobilePay ePayment and its aggregate", "new", MOVES, ACTORS)

# state -> (state, authorized, cancelled, captured, refunded); None: not judged there.
SHOWN: dict[str, tuple[str, int | None, int | None, int, int]] = {
    "created": ("CREATED", 0, 0, 0, 0),
    "in a 3-D Secure session": ("CREATED", 0, 0, 0, 0),
    "authorized": ("AUTHORIZED", A, 0, 0, 0),
    "partly captured": ("AUTHORIZED", A, 0, P, 0),
    "captured in full": ("AUTHORIZED", A, 0, A, 0),
    "partly captured and refunded": ("AUTHORIZED", A, 0, P, R),
    "captured in full and refunded": ("AUTHORIZED", A, 0, A, R),
    "terminated by the merchant": ("TERMINATED", None, A, 0, 0),
    "aborted by the customer": ("ABORTED", None, None, 0, 0),
    "expired": ("EXPIRED", None, None, 0, 0),
    "cancelled once authorized": ("AUTHORIZED", A, A, 0, 0),
    "partly captured and then cancelled": ("AUTHORIZED", A, A - P, P, 0),
    "partly captured, refunded and then cancelled": ("AUTHORIZED", A, A - P, P, R),
}


@dataclass
class Handle:
    payment: EPayment | None = None
    seen: Amounts | None = None


class EpaymentSubject:
    """Drives an ePayment through the cast (the same client and hooks as the scenarios) and reads it back."""

    lifecycle = LIFECYCLE
    settle_timeout = 0.0

    def __init__(self, merchant: EpaymentMerchant) -> None:
        self.merchant = merchant

    def begin(self) -> Handle:
        return Handle()

    def act(self, handle: Handle, action: str) -> ApiResult:
        m = self.merchant
        if action == "merchant creates":
            request = m.payment_request()
            answer = m.client.create_payment(request)
            if answer.ok:
                handle.payment = m.payment_from(request)
            return answer
        done = _ACTIONS[action](m, handle)
        return done if isinstance(done, ApiResult) else done.result

    def observe(self, handle: Handle) -> tuple[ApiResult, Amounts | None]:
        read = self.merchant.read(handle.payment)
        handle.seen = Amounts.of(read) if read.status == 200 else None
        return read, handle.seen

    def shows(self, state: str, handle: Handle, amounts: Amounts | None) -> bool:
        if amounts is None:
            return False
        expected = SHOWN[state]
        actual = (amounts.state, amounts.authorized, amounts.cancelled, amounts.captured, amounts.refunded)
        return all(want is None or want == got for want, got in zip(expected, actual, strict=True))

    def describe(self, amounts: Amounts | None) -> str:
        return amounts.describe() if amounts else "the payment could not be read"

    def close(self, handle: Handle) -> str | None:
        return self.merchant.close(handle.payment) if handle.payment else None


def _rest(handle: Handle) -> int:
    """What is not captured of the amount (after a cancel: what the cancel released)."""
    return handle.payment.amount - (handle.seen.captured if handle.seen else 0)


_ACTIONS = {
    "customer authorizes": lambda m, h: m.customer.authorize(h.payment),
    "customer aborts": lambda m, h: m.customer.abort(h.payment),
    "the customer's time runs out": lambda m, h: m.time.expire(h.payment),
    "customer starts 3-D Secure": lambda m, h: m.customer.start_3ds(h.payment),
    "the 3-D Secure session succeeds": lambda m, h: m.customer.finish_3ds(h.payment),
    "merchant cancels": lambda m, h: m.cancel(h.payment),
    "merchant cancels only the transaction": lambda m, h: m.cancel(h.payment, TRANSACTION_ONLY),
    "merchant cancels with a plain body": lambda m, h: m.cancel(h.payment, PLAIN_BODY),
    "merchant captures part": lambda m, h: m.capture(h.payment, PARTIAL_CAPTURE),
    "merchant captures the rest": lambda m, h: m.capture(h.payment, _rest(h)),
    "merchant refunds part": lambda m, h: m.refund(h.payment, PARTIAL_REFUND),
}


def explorable(runtime: Runtime, recorder: Recorder, cleanup: Cleanup) -> Explorable:
    epayment = runtime.require(API.name)
    return Explorable(LIFECYCLE, lambda each: EpaymentSubject(epayment_merchant_of(runtime, epayment, each, "merchant",
                                                                                   cleanup=cleanup)))
