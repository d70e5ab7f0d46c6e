"""The eCom payment lifecycle as data: {(state, action): Move} and the refusal of every other pair.

State names are the reference's own; the log operations they write are the vendor's (api-facts
§2.2). A pair missing from LIFECYCLE is refused with the Refusal that REFUSALS (or the action's
default) names (`transitions.py`). Faults patch these two tables; nothing else decides which moves exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cancel_conformance.reference.transitions import IllegalMove as IllegalMove  # raised by Lifecycle.move
from cancel_conformance.reference.transitions import Tables, each

INITIATED = "Initiated"  # details: INITIATE; the customer has not confirmed
IN_3DS = "In3DSecure"  # still INITIATE, while the customer is in a 3-D Secure session
RESERVED = "Reserved"  # RESERVE (the customer approved), nothing captured
RESERVED_3DS = "ReservedAfter3DSecure"  # RESERVE through a successful 3-D Secure session, nothing captured
PARTLY_CAPTURED = "PartlyCaptured"  # CAPTURE of part of the reserved amount
CAPTURED = "Captured"  # everything reserved is captured
CANCELLED = "CancelledByMerchant"  # CANCEL by the merchant before the customer confirmed
VOIDED = "Voided"  # VOID: the merchant cancelled a reservation
REJECTED = "RejectedByCustomer"  # CANCEL by the customer in the app
RELEASED = "Released"  # partly captured, then the rest released (VOID)

STATES = (INITIATED, IN_3DS, RESERVED, RESERVED_3DS, PARTLY_CAPTURED, CAPTURED, CANCELLED, VOIDED, REJECTED,
          RELEASED)
RESERVED_STATES = (RESERVED, RESERVED_3DS)
CANCELLED_STATES = frozenset({CANCELLED, VOIDED, REJECTED, RELEASED})
MERCHANT_CANCELLED_STATES = frozenset({CANCELLED, VOIDED, RELEASED})

# A cancel with shouldReleaseRemainingFunds left out, false, or true; `capture-rest` captures all that remains.
CANCELS = ("cancel", "cancel-keep", "cancel-release")
CANCEL_ACTIONS = {None: "cancel", False: "cancel-keep", True: "cancel-release"}
ACTIONS = ("approve", "reject", "start-3ds", "finish-3ds", "capture-part", "capture-rest", "refund", *CANCELS)
CAPTURES = ("capture-part", "capture-rest")


@dataclass(frozen=True)
class Move:
    """The state after an action, and the operation it logs in details (None: no log entry)."""

    state: str
    operation: str | None


@dataclass(frozen=True)
class Refusal:
    """How a refused action is answered: an eCom error group and code (HTTP 400, or 409 from a hook)."""

    group: str
    code: str
    message: str


LIFECYCLE: Mapping[tuple[str, str], Move] = {
    # api-facts §2.2: "Initiate -> Reserve (user accepts): RESERVE"; "Initiate -> Cancel (user cancels): CANCEL".
    (INITIATED, "approve"): Move(RESERVED, "RESERVE"),
    (INITIATED, "reject"): Move(REJECTED, "CANCEL"),
    # SIMULATION.md: a 3-D Secure session keeps the payment INITIATE; success reserves it.
    (INITIATED, "start-3ds"): Move(IN_3DS, None),
    (IN_3DS, "finish-3ds"): Move(RESERVED_3DS, "RESERVE"),
    # "Reserve -> Capture (merchant): CAPTURE"; "Partial capture can be called as many times as required".
    **each((*RESERVED_STATES, PARTLY_CAPTURED), ("capture-part",), Move(PARTLY_CAPTURED, "CAPTURE")),
    **each((*RESERVED_STATES, PARTLY_CAPTURED), ("capture-rest",), Move(CAPTURED, "CAPTURE")),
    # "Capture -> Refund: REFUND": a refund leaves what is captured and reserved as it was.
    **{(state, "refund"): Move(state, "REFUND") for state in (PARTLY_CAPTURED, CAPTURED, RELEASED)},
    # ECOM_CAN_01: "Merchant cancel in INITIATE -> CANCEL"; ECOM_CAN_02: "in RESERVE -> VOID".
    **each((INITIATED,), CANCELS, Move(CANCELLED, "CANCEL")),
    # ECOM_REL_05: the release flag on a reservation with no capture cancels it as usual; ECOM_3DS_02:
    # "When that session then succeeds, the payment is reserved and can be cancelled normally (VOID)".
    **each(RESERVED_STATES, CANCELS, Move(VOIDED, "VOID")),
    # ECOM_REL_01: "After a partial capture, cancel with shouldReleaseRemainingFunds: true: 200".
    (PARTLY_CAPTURED, "cancel-release"): Move(RELEASED, "VOID"),
}

DEFAULT_REFUSALS: Mapping[str, Refusal] = {
    "approve": Refusal("VippsError", "91", "The payment is not waiting for the customer's approval"),
    "reject": Refusal("VippsError", "91", "The payment is not waiting for the customer"),
    "start-3ds": Refusal("VippsError", "91", "Only a payment waiting for the customer can start 3-D Secure"),
    "finish-3ds": Refusal("VippsError", "91", "The payment is not in a 3-D Secure session"),
    # api-facts §2.3: 91 "The transaction is not allowed" (typically capture of a cancelled order).
    **dict.fromkeys(CAPTURES, Refusal("VippsError", "91", "The transaction is not allowed: nothing is reserved")),
    "refund": Refusal("VippsError", "91", "The transaction is not allowed: nothing is captured"),
    # api-facts §2.3: 52 "Cancellation failed, reason unknown" (3-D Secure names no code of its own).
    **dict.fromkeys(CANCELS, Refusal("Payment", "52", "Cancellation failed: the payment cannot be cancelled now")),
}

_CAPTURED = Refusal("Payment", "51", "Cannot cancel an orderId that has already been captured; refund it instead")
_PARTLY = Refusal("Payment", "51", "The orderId is partly captured; cancel with shouldReleaseRemainingFunds "
                                   "true to release the rest")
_DONE = Refusal("VippsError", "92", "The transaction has already been processed: the payment is cancelled")

REFUSALS: Mapping[tuple[str, str], Refusal] = {
    # ECOM_REL_04: "After a full capture, cancel is refused with error code 51, with the flag true or false".
    **each((CAPTURED,), CANCELS, _CAPTURED),
    # ECOM_REL_02/03: after a partial capture, a cancel with the flag false or left out is refused (no code
    # documented).
    (PARTLY_CAPTURED, "cancel"): _PARTLY,
    (PARTLY_CAPTURED, "cancel-keep"): _PARTLY,
    # A cancelled payment "never becomes anything else" (ECOM_CAN_03): a second cancel is refused.
    **each(CANCELLED_STATES, CANCELS, _DONE),
    # api-facts §2.3: 72 "Cannot refund a reserved order"; 73 "Cannot refund a canceled order".
    **each(RESERVED_STATES, ("refund",), Refusal("Payment", "72", "Cannot refund a reserved order. The orderId "
                                                                   "can be cancelled instead")),
    **each((CANCELLED, VOIDED, REJECTED), ("refund",), Refusal("Payment", "73", "Cannot refund a cancelled order")),
}

LIFECYCLE_PATCHES: Mapping[str, Mapping[tuple[str, str], Move | None]] = {
    "pending-cancel-leaves-approvable": {(CANCELLED, "approve"): Move(RESERVED, "RESERVE")},
    # Only the cancels ECOM_CAN_02 makes (no release flag, a reservation the customer approved).
    "reserved-cancel-logs-cancel": each((RESERVED,), ("cancel", "cancel-keep"), Move(VOIDED, "CANCEL")),
    "merchant-cancel-rewrites-user-cancel": each((REJECTED,), CANCELS, Move(VOIDED, "VOID")),
    # Only payments cancelled before a reservation: a voided one stays safe from a racing capture (SAFE_01).
    "capture-after-cancel": {**each((CANCELLED, REJECTED), ("capture-part",), Move(PARTLY_CAPTURED, "CAPTURE")),
                             **each((CANCELLED, REJECTED), ("capture-rest",), Move(CAPTURED, "CAPTURE"))},
    "refund-after-cancel": {(state, "refund"): Move(state, "REFUND") for state in CANCELLED_STATES},
    "cancel-during-3ds": each((IN_3DS,), CANCELS, Move(CANCELLED, "CANCEL")),
    "cancel-after-3ds-refused": each((RESERVED_3DS,), CANCELS, None),
    "release-keeps-remaining": {(PARTLY_CAPTURED, "cancel-release"): Move(PARTLY_CAPTURED, "VOID")},
    "partial-cancel-without-release-accepted": {(PARTLY_CAPTURED, "cancel-keep"): Move(RELEASED, "VOID")},
    "release-defaults-to-true": {(PARTLY_CAPTURED, "cancel"): Move(RELEASED, "VOID")},
    "release-on-reserved-refused": {(RESERVED, "cancel-release"): None},
}

REFUSAL_PATCHES: Mapping[str, Mapping[tuple[str, str], Refusal]] = {
    "full-capture-cancel-wrong-code": each((CAPTURED,), CANCELS, DEFAULT_REFUSALS["cancel"]),
}


class Lifecycle(Tables[Move, Refusal]):
    """The eCom tables with the active faults applied (`transitions.Tables`)."""

    def __init__(self, faults: Iterable[str] = ()) -> None:
        super().__init__(LIFECYCLE, REFUSALS, DEFAULT_REFUSALS, LIFECYCLE_PATCHES, REFUSAL_PATCHES, faults)
