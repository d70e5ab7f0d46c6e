"""The documented lifecycle of a Vipps MobilePay Recurring charge and its summary, as data, and how exploration
drives it.

States are what `GET .../charges/{chargeId}` shows: the `status` and what `summary` says was captured
and refunded. A reserve-capture and a direct-capture charge part ways on their due date. Part
captures take 40.00 of 100.00 and refunds 20.00. Each move cites the rule that documents it
(RULES.md, api-facts §4.2); a DELETE answered 202 is given `[limits] settle_timeout` to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from cancel_conformance.apis.recurring import API
from cancel_conformance.apis.recurring.cast import (
    DEFAULT_AMOUNT,
    DIRECT_CAPTURE,
    PARTIAL_CAPTURE,
    RESERVE_CAPTURE,
    ChargeRef,
    RecurringMerchant,
)
from cancel_conformance.apis.recurring.fixtures import recurring_merchant_of
from cancel_conformance.apis.recurring.view import Charge
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.model.lifecycle import Lifecycle, Outcome, each, unchanged
from cancel_conformance.model.run import Explorable
from cancel_conformance.runtime import Runtime

PARTIAL_REFUND = 2000
A, P, R = DEFAULT_AMOUNT, PARTIAL_CAPTURE, PARTIAL_REFUND
CANCELLABLE = ("pending to reserve", "pending to charge", "due to reserve", "due to charge", "reserved")
ENDED = ("charged", "charged after a capture", "partially refunded", "refunded", "failed", "cancelled",
         "released", "released and partly refunded")

MOVES = {
    ("new", "merchant creates a reserve-capture charge"): (Outcome("pending to reserve", "RECUR_CAN_01", True),),
    ("new", "merchant creates a direct-capture charge"): (Outcome("pending to charge", "RECUR_CAN_01", True),),
    ("pending to reserve", "the due date draws near"): (Outcome("due to reserve", "RECUR_CAN_01", True),),
    ("pending to charge", "the due date draws near"): (Outcome("due to charge", "RECUR_CAN_01", True),),
    ("due to reserve", "Vipps MobilePay reserves the amount"): (Outcome("reserved", "RECUR_CAN_01", True),),
    ("due to charge", "Vipps MobilePay charges the customer"): (Outcome("charged", "RECUR_CAN_02", True),),
    **each(("due to reserve", "due to charge"), "charging the customer fails", Outcome("failed", "RECUR_CAN_02",
                                                                                      True)),
    # RECUR_CAN_01: a PENDING, DUE or RESERVED charge is cancelled; RECUR_IDM_04: so is it when the agreement stops.
    **each(CANCELLABLE, "merchant cancels", Outcome("cancelled", "RECUR_CAN_01", True)),
    **each(CANCELLABLE, "merchant stops the agreement", Outcome("cancelled", "RECUR_IDM_04", True)),
    ("reserved", "merchant captures part"): (Outcome("partially captured", "RECUR_REL_01", True),),
    ("reserved", "merchant captures the rest"): (Outcome("charged after a capture", "RECUR_CAN_02", True),),
    ("partially captured", "merchant captures the rest"): (Outcome("charged after a capture", "RECUR_REL_01", True),),
    # RECUR_REL_01: cancelling a PARTIALLY_CAPTURED charge releases the rest: CHARGED, the captured amount kept.
    ("partially captured", "merchant cancels"): (Outcome("released", "RECUR_REL_01", True),),
    # api-facts §4.2: a refund of what was charged (PARTIALLY_REFUNDED, REFUNDED).
    **each(("charged", "charged after a capture"), "merchant refunds part",
           Outcome("partially refunded", "MOD_RECUR_01", True)),
    ("partially refunded", "merchant refunds the rest"): (Outcome("refunded", "MOD_RECUR_01", True),),
    ("released", "merchant refunds part"): (Outcome("released and partly refunded", "MOD_RECUR_01", True),),
    # RECUR_CAN_02: a DELETE changes nothing on a charge that has ended (the answer: SHOULD, RECUR_CAN_03).
    **unchanged(ENDED, "merchant cancels", "RECUR_CAN_02", accepted=None),
    # RECUR_CAN_04: no capture after a cancel; RECUR_REL_01: no capture of a released rest.
    **unchanged(("cancelled",), "merchant captures the rest", "RECUR_CAN_04"),
    **unchanged(("released", "released and partly refunded"), "merchant captures the rest", "RECUR_REL_01"),
}

ACTORS = {"the due date draws near": "time", "Vipps MobilePay reserves the amount": "back office",
          "Vipps MobilePay charges the customer": "back office", "charging the customer fails": "back office"}

LIFECYCLE = Lifecycle("a Vipps MobilePay Recurring charge and its summary", "new", MOVES, ACTORS)

# state -> (status, captured, refunded).
SHOWN: dict[str, tuple[str, int, int]] = {
    "pending to reserve": ("PENDING", 0, 0), "pending to charge": ("PENDING", 0, 0),
    "due to reserve": ("DUE", 0, 0), "due to charge": ("DUE", 0, 0),
    "reserved": ("RESERVED", 0, 0), "partially captured": ("PARTIALLY_CAPTURED", P, 0),
    "charged": ("CHARGED", A, 0), "charged after a capture": ("CHARGED", A, 0),
    "partially refunded": ("PARTIALLY_REFUNDED", A, R), "refunded": ("REFUNDED", A, A),
    "failed": ("FAILED", 0, 0), "cancelled": ("CANCELLED", 0, 0),
    "released": ("CHARGED", P, 0), "released and partly refunded": ("PARTIALLY_REFUNDED", P, R),
}
CREATES = {"merchant creates a reserve-capture charge": RESERVE_CAPTURE,
           "merchant creates a direct-capture charge": DIRECT_CAPTURE}


@dataclass
class Handle:
    charge: ChargeRef | None = None
    seen: Charge | None = None


class RecurringSubject:
    """Drives a charge on an agreement of its own through the cast and reads it back."""

    lifecycle = LIFECYCLE

    def __init__(self, merchant: RecurringMerchant) -> None:
        self.merchant = merchant
        self.settle_timeout = merchant.settle_timeout

    def begin(self) -> Handle:
        return Handle()

    def act(self, handle: Handle, action: str) -> ApiResult:
        m = self.merchant
        if action in CREATES:
            agreement = m.new_agreement()
            request = m.charge_request(CREATES[action])
            answer = m.client.create_charge_v3(agreement.agreement_id, request)
            if answer.ok:
                handle.charge = m.charge_from(agreement, request, answer)
            return answer
        done = _ACTIONS[action](m, handle)
        return done if isinstance(done, ApiResult) else done.result

    def observe(self, handle: Handle) -> tuple[ApiResult, Charge | None]:
        read = self.merchant.read(handle.charge)
        handle.seen = Charge.of(read) if read.status == 200 else None
        return read, handle.seen

    def shows(self, state: str, handle: Handle, charge: Charge | None) -> bool:
        return charge is not None and (charge.status, charge.summary["captured"], charge.summary["refunded"]) == \
            SHOWN[state]

    def describe(self, charge: Charge | None) -> str:
        return charge.describe() if charge else "the charge could not be read"

    def close(self, handle: Handle) -> str | None:
        return self.merchant.close(handle.charge) if handle.charge else None


def _captured(handle: Handle) -> int:
    return handle.seen.summary["captured"] if handle.seen else 0


def _refunded(handle: Handle) -> int:
    return handle.seen.summary["refunded"] if handle.seen else 0


_ACTIONS = {
    "the due date draws near": lambda m, h: m.vipps.step(h.charge, "due"),
    "Vipps MobilePay reserves the amount": lambda m, h: m.vipps.step(h.charge, "reserve"),
    "Vipps MobilePay charges the customer": lambda m, h: m.vipps.step(h.charge, "charge"),
    "charging the customer fails": lambda m, h: m.vipps.step(h.charge, "fail"),
    "merchant cancels": lambda m, h: m.cancel(h.charge),
    "merchant stops the agreement": lambda m, h: m.client.update_agreement_patch_v3(h.charge.agreement_id,
                                                                                     {"status": "STOPPED"}),
    "merchant captures part": lambda m, h: m.capture(h.charge, PARTIAL_CAPTURE),
    "merchant captures the rest": lambda m, h: m.capture(h.charge, h.charge.amount - _captured(h)),
    "merchant refunds part": lambda m, h: m.refund(h.charge, PARTIAL_REFUND),
    "merchant refunds the rest": lambda m, h: m.refund(h.charge, _captured(h) - _refunded(h)),
}


def explorable(runtime: Runtime, recorder: Recorder, cleanup: Cleanup) -> Explorable:
    recurring = runtime.require(API.name)
    return Explorable(LIFECYCLE, lambda each: RecurringSubject(recurring_merchant_of(runtime, recurring, each,
                                                                                     "merchant", cleanup=cleanup)))
