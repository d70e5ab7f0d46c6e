"""The Recurring charge and agreement lifecycles as data: {(state, action): Move} and refusals.

States are the vendor's `ChargeStatus` and `AgreementStatus` (api-facts §4.2); a move names the
history events it writes. A pair missing from a table is refused with the Refusal that REFUSALS
(or the action's default) names. Faults patch these tables; nothing else decides which moves exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PENDING, DUE, PROCESSING, RESERVED = "PENDING", "DUE", "PROCESSING", "RESERVED"
PARTIALLY_CAPTURED, CHARGED, FAILED, CANCELLED = "PARTIALLY_CAPTURED", "CHARGED", "FAILED", "CANCELLED"
PARTIALLY_REFUNDED, REFUNDED = "PARTIALLY_REFUNDED", "REFUNDED"
STATES = (PENDING, DUE, PROCESSING, RESERVED, PARTIALLY_CAPTURED, CHARGED, FAILED, CANCELLED, PARTIALLY_REFUNDED,
          REFUNDED)

# RECUR_CAN_02: the states a DELETE changes nothing on.
FINAL_STATES = (CHARGED, FAILED, REFUNDED, PARTIALLY_REFUNDED, CANCELLED)

# Hooks (SIMULATION.md §2): Vipps MobilePay's side. `stop` is the agreement's stop reaching a charge.
HOOKS = ("due", "process", "reserve", "charge", "fail")
CAPTURES = ("capture-part", "capture-rest")
REFUNDS = ("refund-part", "refund-rest")
ACTIONS = (*HOOKS, *CAPTURES, *REFUNDS, "cancel", "stop")
# api-facts §4.2: only RESERVE_CAPTURE charges are reserved and captured; DIRECT_CAPTURE ones are charged.
HOOK_TRANSACTION_TYPES = {"reserve": "RESERVE_CAPTURE", "charge": "DIRECT_CAPTURE"}


@dataclass(frozen=True)
class Move:
    """The state after an action, and the history events it writes (none for `due` and `process`)."""

    state: str
    events: tuple[str, ...]


@dataclass(frozen=True)
class Refusal:
    """How a refused merchant action is answered: HTTP status, problem identifier, detail."""

    status: int
    identifier: str
    detail: str


def _each(states: Iterable[str], actions: Iterable[str], value: object) -> dict:
    return {(state, action): value for state in states for action in actions}


CHARGE_LIFECYCLE: Mapping[tuple[str, str], Move] = {
    # SIMULATION.md §2: due PENDING -> DUE; process DUE -> PROCESSING; reserve, charge, fail from DUE or PROCESSING.
    (PENDING, "due"): Move(DUE, ()),
    (DUE, "process"): Move(PROCESSING, ()),
    **_each((DUE, PROCESSING), ("reserve",), Move(RESERVED, ("RESERVE",))),
    # A direct capture is reserved and captured at once (the reference's reading: the events the enum has).
    **_each((DUE, PROCESSING), ("charge",), Move(CHARGED, ("RESERVE", "CAPTURE"))),
    **_each((DUE, PROCESSING), ("fail",), Move(FAILED, ("FAIL",))),
    # api-facts §4.2 "Partial capture": a part leaves it PARTIALLY_CAPTURED, all of it makes it CHARGED.
    **_each((RESERVED, PARTIALLY_CAPTURED), ("capture-part",), Move(PARTIALLY_CAPTURED, ("CAPTURE",))),
    **_each((RESERVED, PARTIALLY_CAPTURED), ("capture-rest",), Move(CHARGED, ("CAPTURE",))),
    **_each((CHARGED, PARTIALLY_REFUNDED), ("refund-part",), Move(PARTIALLY_REFUNDED, ("REFUND",))),
    **_each((CHARGED, PARTIALLY_REFUNDED), ("refund-rest",), Move(REFUNDED, ("REFUND",))),
    # RECUR_CAN_01: "A charge in PENDING, DUE or RESERVED is cancelled ... then it reads CANCELLED".
    **_each((PENDING, DUE, RESERVED), ("cancel",), Move(CANCELLED, ("CANCEL",))),
    # RECUR_REL_01: "Cancelling a PARTIALLY_CAPTURED charge releases the rest ... then it reads CHARGED".
    (PARTIALLY_CAPTURED, "cancel"): Move(CHARGED, ("CANCEL",)),
    # RECUR_IDM_04: "Stopping the agreement cancels its PENDING, DUE and RESERVED charges".
    **_each((PENDING, DUE, RESERVED), ("stop",), Move(CANCELLED, ("CANCEL",))),
}

# Where the documentation names no status (api-facts §4.2 "the mapping is [I]"), the reference answers
# a refused action with 400 and the operation's problem, as R2's one example (illegal-agreement-update) does.
CANCEL_FAILED = Refusal(400, "cancel-charge-failed", "Could not cancel the charge: only a pending, due, reserved "
                                                      "or partially captured charge can be cancelled")
DEFAULT_REFUSALS: Mapping[str, Refusal] = {
    # SIMULATION.md §1: a hook that is not possible now answers 409 (the sandbox says so).
    **dict.fromkeys(HOOKS, Refusal(409, "conflict", "Not possible in the charge's current state")),
    **dict.fromkeys(CAPTURES, Refusal(400, "charge-capture-failed", "Only a reserved charge can be captured")),
    **dict.fromkeys(REFUNDS, Refusal(400, "operation-failed", "Only a charged charge can be refunded")),
    "cancel": CANCEL_FAILED,
    "stop": CANCEL_FAILED,
}
# RECUR_CAN_02/03: a cancel of CHARGED, FAILED, REFUNDED, PARTIALLY_REFUNDED, CANCELLED (and PROCESSING,
# api-facts §4.2) is refused (400 cancel-charge-failed): the default of `cancel`, so no pair is listed.
REFUSALS: Mapping[tuple[str, str], Refusal] = {
    (CANCELLED, "cancel"): Refusal(400, "cancel-charge-failed", "The charge is already cancelled"),
}

CHARGE_PATCHES: Mapping[str, Mapping[tuple[str, str], Move | None]] = {
    "due-charge-cancel-refused": {(DUE, "cancel"): None},
    "cancel-failed-charge": {(FAILED, "cancel"): Move(CANCELLED, ("CANCEL",))},
    # RECUR_CAN_03 only: the DELETE is answered 204, and the charge stays as it was (no event).
    "final-charge-cancel-answers-204": {(state, "cancel"): Move(state, ()) for state in FINAL_STATES},
    # Only charges cancelled before a reservation: one cancelled once reserved stays safe from a racing
    # capture (SAFE_01). `actions.py` lets the captured amount be the whole charge.
    "capture-cancelled-charge": {**_each((CANCELLED,), ("capture-part",), Move(PARTIALLY_CAPTURED, ("CAPTURE",))),
                                 **_each((CANCELLED,), ("capture-rest",), Move(CHARGED, ("CAPTURE",)))},
    # After a release the rest stays capturable (`actions.py` does not count the released amount).
    "release-keeps-capturable": _each((CHARGED,), CAPTURES, Move(CHARGED, ("CAPTURE",))),
    "stop-leaves-reserved-charges": {(RESERVED, "stop"): None},
}

ACTIVE_AGREEMENT, PENDING_AGREEMENT, STOPPED_AGREEMENT = "ACTIVE", "PENDING", "STOPPED"
AGREEMENT_STATES = (PENDING_AGREEMENT, ACTIVE_AGREEMENT, STOPPED_AGREEMENT, "EXPIRED")
AGREEMENT_LIFECYCLE: Mapping[tuple[str, str], str] = {
    # SIMULATION.md §1: force accept "PENDING -> ACTIVE; charges can then be created on it".
    (PENDING_AGREEMENT, "accept"): ACTIVE_AGREEMENT,
    # RECUR_IDM_04 / api-facts §4.2: PATCH {"status": "STOPPED"}; an agreement never accepted can be stopped too.
    (PENDING_AGREEMENT, "stop"): STOPPED_AGREEMENT,
    (ACTIVE_AGREEMENT, "stop"): STOPPED_AGREEMENT,
    # R2 illegal-agreement-update: "Agreement cannot be updated. Might be stopped or pending."
    (ACTIVE_AGREEMENT, "update"): ACTIVE_AGREEMENT,
    (ACTIVE_AGREEMENT, "create-charge"): ACTIVE_AGREEMENT,
}
AGREEMENT_REFUSALS: Mapping[str, Refusal] = {
    "accept": Refusal(409, "conflict", "Only a pending agreement can be accepted"),
    "stop": Refusal(400, "illegal-agreement-update", "The agreement is already stopped"),
    "update": Refusal(400, "illegal-agreement-update", "Only an active agreement can be updated"),
    "create-charge": Refusal(400, "charge-creation-failed", "Charges can only be created on an active agreement"),
}


class IllegalMove(Exception):
    """A charge or agreement in `state` cannot take `action`; `refusal` says how that is answered."""

    def __init__(self, state: str, action: str, refusal: Refusal) -> None:
        super().__init__(f"a resource in state {state} cannot take the action '{action}'")
        self.state = state
        self.action = action
        self.refusal = refusal


class Lifecycle:
    """The charge and agreement tables with the active faults applied, and the one way to ask for a move."""

    def __init__(self, faults: Iterable[str] = ()) -> None:
        self.table: dict[tuple[str, str], Move] = dict(CHARGE_LIFECYCLE)
        for name in sorted(set(faults)):
            for pair, move in CHARGE_PATCHES.get(name, {}).items():
                if move is None:
                    self.table.pop(pair, None)
                else:
                    self.table[pair] = move

    def allows(self, state: str, action: str) -> bool:
        return (state, action) in self.table

    def move(self, state: str, action: str) -> Move:
        """The move `action` makes on a charge in `state`; IllegalMove (with its refusal) when there is none."""
        move = self.table.get((state, action))
        if move is None:
            raise IllegalMove(state, action, REFUSALS.get((state, action), DEFAULT_REFUSALS[action]))
        return move

    @staticmethod
    def agreement_move(state: str, action: str) -> str:
        """The agreement's state after `action`; IllegalMove when the agreement cannot take it."""
        after = AGREEMENT_LIFECYCLE.get((state, action))
        if after is None:
            raise IllegalMove(state, action, AGREEMENT_REFUSALS[action])
        return after
