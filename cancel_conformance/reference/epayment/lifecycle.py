"""The ePayment payment lifecycle as data: {(state, action): Move} and the refusal of every other pair.

State names are the reference's own; each maps to the vendor's public `state` (api-facts §3.2: after
authorization the state stays AUTHORIZED, what was captured, cancelled or refunded shows only in the
aggregate) and each move names the event it logs. A pair missing from LIFECYCLE is refused with the
Refusal that REFUSALS (or the action's default) names (`transitions.py`). Faults patch both tables.
Error codes are T1's (agent-toolkit `epayment/references/errors.md`); which HTTP status goes with
which code is not documented, so every 400 below is the reference's choice (api-facts §6: "the docs'
domain-error example uses 400").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cancel_conformance.reference.transitions import IllegalMove as IllegalMove  # raised by Lifecycle.move
from cancel_conformance.reference.transitions import Tables, each

CREATED = "Created"  # CREATED: the customer has not acted
AUTHORIZING = "Authorizing"  # still CREATED, while the customer authorizes (a 3-D Secure session)
ABORTED = "Aborted"  # ABORTED: the customer rejected
EXPIRED = "Expired"  # EXPIRED: the customer did not act in time
TERMINATED = "Terminated"  # TERMINATED: the merchant cancelled before authorization
AUTHORIZED = "Authorized"  # AUTHORIZED through force approve, nothing captured or cancelled
AUTHORIZED_3DS = "AuthorizedAfter3DSecure"  # AUTHORIZED through a successful 3-D Secure session
PARTLY_CAPTURED = "PartlyCaptured"  # AUTHORIZED, part of it captured
CAPTURED = "Captured"  # AUTHORIZED, all of it captured
CANCELLED = "Cancelled"  # AUTHORIZED, nothing captured, the reservation cancelled
RELEASED = "Released"  # AUTHORIZED, partly captured, then the rest cancelled

STATES = (CREATED, AUTHORIZING, ABORTED, EXPIRED, TERMINATED, AUTHORIZED, AUTHORIZED_3DS, PARTLY_CAPTURED,
          CAPTURED, CANCELLED, RELEASED)
UNAUTHORIZED = (CREATED, AUTHORIZING)
RESERVED = (AUTHORIZED, AUTHORIZED_3DS)  # authorized, nothing captured or cancelled
CAPTURABLE = (*RESERVED, PARTLY_CAPTURED)
NEVER_AUTHORIZED_FINAL = (ABORTED, EXPIRED, TERMINATED)
CANCELLED_STATES = frozenset({TERMINATED, CANCELLED, RELEASED})
PUBLIC_STATE = {
    CREATED: "CREATED", AUTHORIZING: "CREATED", ABORTED: "ABORTED", EXPIRED: "EXPIRED", TERMINATED: "TERMINATED",
    **dict.fromkeys((AUTHORIZED, AUTHORIZED_3DS, PARTLY_CAPTURED, CAPTURED, CANCELLED, RELEASED), "AUTHORIZED"),
}

# A cancel without cancelTransactionOnly (or with it false), and one with it true.
CANCELS = ("cancel", "cancel-transaction-only")
CAPTURES = ("capture-part", "capture-rest")
CUSTOMER_ACTIONS = ("approve", "abort", "expire", "start-3ds", "finish-3ds")
ACTIONS = (*CUSTOMER_ACTIONS, *CAPTURES, "refund", *CANCELS)


@dataclass(frozen=True)
class Move:
    """The state after an action, and the event it logs (None: no event)."""

    state: str
    event: str | None


@dataclass(frozen=True)
class Refusal:
    """How a refused action is answered: an HTTP status, an ErrorCode (or none) and a Problem title."""

    status: int
    code: str | None
    title: str


LIFECYCLE: Mapping[tuple[str, str], Move] = {
    # api-facts §3.2: "CREATED -> TERMINATED | ABORTED | EXPIRED | AUTHORIZED".
    (CREATED, "approve"): Move(AUTHORIZED, "AUTHORIZED"),
    (CREATED, "abort"): Move(ABORTED, "ABORTED"),
    (CREATED, "expire"): Move(EXPIRED, "EXPIRED"),
    # SIMULATION.md: start-3ds "the payment stays CREATED"; finish-3ds "the session succeeds: CREATED -> AUTHORIZED".
    (CREATED, "start-3ds"): Move(AUTHORIZING, None),
    (AUTHORIZING, "finish-3ds"): Move(AUTHORIZED_3DS, "AUTHORIZED"),
    # EPAY_CAN_01, EPAY_CTO_01: a CREATED payment is cancelled, with or without cancelTransactionOnly: TERMINATED.
    **each((CREATED,), CANCELS, Move(TERMINATED, "TERMINATED")),
    # EPAY_CAN_02, EPAY_3DS_02: "state stays AUTHORIZED, cancelledAmount equals authorizedAmount", event CANCELLED.
    **each(RESERVED, ("cancel",), Move(CANCELLED, "CANCELLED")),
    # EPAY_CAN_03: "After a partial capture, a cancel releases all that remains (no flag is needed)".
    (PARTLY_CAPTURED, "cancel"): Move(RELEASED, "CANCELLED"),
    **each(CAPTURABLE, ("capture-part",), Move(PARTLY_CAPTURED, "CAPTURED")),
    **each(CAPTURABLE, ("capture-rest",), Move(CAPTURED, "CAPTURED")),
    # A refund leaves the state as it was; what is refunded shows in the aggregate.
    **{(state, "refund"): Move(state, "REFUNDED") for state in (PARTLY_CAPTURED, CAPTURED, RELEASED)},
}


def _refusal(code: str, title: str, status: int = 400) -> Refusal:
    return Refusal(status, code, title)


CANNOT_CANCEL = _refusal("6190", "Payment cannot be cancelled")
DEFAULT_REFUSALS: Mapping[str, Refusal] = {
    # SIMULATION.md: a hook answers 409 "when the action is not possible in the current state".
    "approve": Refusal(409, "10020", "Approve not allowed"),
    **{action: Refusal(409, None, "Not possible in the payment's current state") for action in CUSTOMER_ACTIONS[1:]},
    **dict.fromkeys(CAPTURES, _refusal("6200", "Payment cannot be captured")),
    "refund": _refusal("6210", "Payment cannot be refunded"),
    **dict.fromkeys(CANCELS, CANNOT_CANCEL),
}

REFUSALS: Mapping[tuple[str, str], Refusal] = {
    # EPAY_3DS_01: "While the customer is actively authorizing ... a cancel is refused (a 4xx)". api-facts §3.3:
    # 6250 "Cannot cancel processing payment", HTTP 423 Locked; the reference answers 423 (the lock lifts).
    **each((AUTHORIZING,), CANCELS, _refusal("6250", "Cannot cancel processing payment", 423)),
    # EPAY_CAN_04/05: "A fully captured payment cannot be cancelled", code 6040.
    **each((CAPTURED,), CANCELS, _refusal("6040", "Cannot cancel a captured payment")),
    # EPAY_CTO_02/03: cancelTransactionOnly on an authorized payment keeps the reservation, code 6060.
    **each(CAPTURABLE, ("cancel-transaction-only",), _refusal("6060", "Cannot cancel authorized payment")),
    # EPAY_CAN_06/07: which of 6050 and 6190 fits which state is not documented (api-facts §3.3); the
    # reference answers 6050 for a payment never authorized, 6190 once nothing remains to cancel.
    **each(NEVER_AUTHORIZED_FINAL, CANCELS, _refusal("6050", "Cannot cancel a non-reserved payment")),
    **each((CANCELLED, RELEASED), CANCELS, CANNOT_CANCEL),
    # EPAY_CAN_02/03: a capture after a cancel is refused (6070); before authorization it is 6080.
    **each(UNAUTHORIZED, CAPTURES, _refusal("6080", "Cannot capture before reservation")),
    **each(CANCELLED_STATES, CAPTURES, _refusal("6070", "Cannot capture a cancelled payment")),
    **each((CAPTURED,), CAPTURES, _refusal("6170", "Payment already captured")),
    # EPAY_CAN_09: nothing captured, nothing to refund (6150); before authorization 6020.
    **each(UNAUTHORIZED, ("refund",), _refusal("6020", "Attempted refund before reservation")),
    **each((*RESERVED, CANCELLED), ("refund",), _refusal("6150", "Not enough refundable")),
    **each((*CAPTURABLE, CAPTURED, CANCELLED, RELEASED), ("approve",),
           Refusal(409, "6230", "Payment is already reserved")),
}

LIFECYCLE_PATCHES: Mapping[str, Mapping[tuple[str, str], Move | None]] = {
    "epayment-terminated-still-approvable": {(TERMINATED, "approve"): Move(AUTHORIZED, "AUTHORIZED")},
    # Only a force-approved payment: one authorized through 3-D Secure still logs CANCELLED (EPAY_3DS_02).
    "epayment-authorized-cancel-logs-terminated": {(AUTHORIZED, "cancel"): Move(CANCELLED, "TERMINATED")},
    "epayment-partial-cancel-keeps-remaining": {(PARTLY_CAPTURED, "cancel"): Move(PARTLY_CAPTURED, "CANCELLED")},
    "epayment-cancel-captured-accepted": {(CAPTURED, "cancel"): Move(CAPTURED, None)},
    "epayment-cancel-terminates-aborted": each((ABORTED, EXPIRED), CANCELS, Move(TERMINATED, "TERMINATED")),
    "epayment-final-cancel-answers-200": {(state, action): Move(state, None) for state in
                                          (*NEVER_AUTHORIZED_FINAL, CANCELLED, RELEASED) for action in CANCELS},
    "epayment-refund-after-cancel": {(state, "refund"): Move(state, "REFUNDED") for state in (TERMINATED, CANCELLED)},
    "epayment-cto-created-refused": {(CREATED, "cancel-transaction-only"): None},
    "epayment-cto-releases-authorized": {**each(RESERVED, ("cancel-transaction-only",), Move(CANCELLED, "CANCELLED")),
                                         (PARTLY_CAPTURED, "cancel-transaction-only"): Move(RELEASED, "CANCELLED")},
    "epayment-cancel-during-3ds": each((AUTHORIZING,), CANCELS, Move(TERMINATED, "TERMINATED")),
    "epayment-cancel-after-3ds-refused": {(AUTHORIZED_3DS, "cancel"): None},
}

REFUSAL_PATCHES: Mapping[str, Mapping[tuple[str, str], Refusal]] = {
    "epayment-captured-cancel-wrong-code": each((CAPTURED,), CANCELS, CANNOT_CANCEL),
    "epayment-cto-created-refused": {(CREATED, "cancel-transaction-only"): REFUSALS[(AUTHORIZED,
                                                                                    "cancel-transaction-only")]},
    "epayment-cto-wrong-code": each(CAPTURABLE, ("cancel-transaction-only",), CANNOT_CANCEL),
    "epayment-cancel-after-3ds-refused": {(AUTHORIZED_3DS, "cancel"): REFUSALS[(AUTHORIZING, "cancel")]},
}


class Lifecycle(Tables[Move, Refusal]):
    """The ePayment tables with the active faults applied (`transitions.Tables`)."""

    def __init__(self, faults: Iterable[str] = ()) -> None:
        super().__init__(LIFECYCLE, REFUSALS, DEFAULT_REFUSALS, LIFECYCLE_PATCHES, REFUSAL_PATCHES, faults)
