"""The PoS v10 payment and refund lifecycles as transition tables: {(state, action): new state}.

A pair missing from a table is a refused move. Faults patch these tables (a state mapped to None
removes the move); nothing else decides which moves exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Table = Mapping[tuple[str, str], str]
Patch = Mapping[tuple[str, str], str | None]

# Spec 10.2.6, QueryPaymentResponse.status.
PAYMENT_STATES = ("Prepared", "Initiated", "Paired", "IssuedToUser", "Reserved", "CancelledByUser",
                  "CancelledByClient", "CancelledByMobilePay", "ExpiredAndCancelled", "Captured")
# Spec 10.2.6, RefundState.
REFUND_STATES = ("Initiated", "Reserved", "Captured", "CancelledByClient", "CancelledByMobilePay",
                 "ExpiredAndCaptured")

# api-facts 1.3: "Active states block new payments on the same PoS: Initiated, Prepared, Paired, IssuedToUser".
ACTIVE_PAYMENT_STATES = frozenset({"Prepared", "Initiated", "Paired", "IssuedToUser"})

PAYMENT_ACTIONS = ("ready", "capture", "cancel", "check-in", "accept", "cancel-by-user",
                   "cancel-by-mobilepay", "expire")
REFUND_ACTIONS = ("capture", "cancel", "reserve", "expire", "cancel-by-mobilepay")

PAYMENT_LIFECYCLE: Table = {
    # "Prepared -> Paired: customer check-in"; "Initiated -> IssuedToUser: customer pairs by check-in".
    ("Prepared", "check-in"): "Paired",
    ("Initiated", "check-in"): "IssuedToUser",
    # "Prepared -> Initiated" (drawn) and "Paired -> IssuedToUser: client calls ready with the amount".
    ("Prepared", "ready"): "Initiated",
    ("Paired", "ready"): "IssuedToUser",
    # "IssuedToUser -> Reserved: customer accepts and the amount is reserved".
    ("IssuedToUser", "accept"): "Reserved",
    # "Reserved -> Captured"; a retried capture after success "will immediately return with a 200 OK".
    ("Reserved", "capture"): "Captured",
    ("Captured", "capture"): "Captured",
    # "Reserved -> ExpiredAndCancelled: neither captured nor cancelled within the reservation lifetime".
    ("Reserved", "expire"): "ExpiredAndCancelled",
    # POS_PAY_01: "cancellable by the client until the state has changed to Captured or ExpiredAndCancelled".
    ("Prepared", "cancel"): "CancelledByClient",
    ("Initiated", "cancel"): "CancelledByClient",
    ("Paired", "cancel"): "CancelledByClient",
    ("IssuedToUser", "cancel"): "CancelledByClient",
    ("Reserved", "cancel"): "CancelledByClient",
    # POS_PAY_06: cancel is naturally idempotent; a repeated cancel leaves CancelledByClient.
    ("CancelledByClient", "cancel"): "CancelledByClient",
    # POS_USR_01: "Paired or IssuedToUser -> CancelledByUser: customer cancels in the app".
    ("Paired", "cancel-by-user"): "CancelledByUser",
    ("IssuedToUser", "cancel-by-user"): "CancelledByUser",
    # "Prepared, Initiated, IssuedToUser -> CancelledByMobilePay: inactivity, or a reservation error".
    ("Prepared", "cancel-by-mobilepay"): "CancelledByMobilePay",
    ("Initiated", "cancel-by-mobilepay"): "CancelledByMobilePay",
    ("IssuedToUser", "cancel-by-mobilepay"): "CancelledByMobilePay",
}

REFUND_LIFECYCLE: Table = {
    # "Initiated -> Reserved: refund reserved"; "Reserved -> ExpiredAndCaptured: automatic capture after 24 hours".
    ("Initiated", "reserve"): "Reserved",
    ("Reserved", "expire"): "ExpiredAndCaptured",
    # "Initiated -> CancelledByMobilePay: MobilePay".
    ("Initiated", "cancel-by-mobilepay"): "CancelledByMobilePay",
    # "Reserved -> Captured"; a captured refund captured again is a retry, answered 200.
    ("Reserved", "capture"): "Captured",
    ("Captured", "capture"): "Captured",
    # POS_REF_01: "A refund in Initiated or Reserved is cancelled"; POS_REF_03: a repeat leaves it so.
    ("Initiated", "cancel"): "CancelledByClient",
    ("Reserved", "cancel"): "CancelledByClient",
    ("CancelledByClient", "cancel"): "CancelledByClient",
}

# The documented error code for a refused client action (api-facts 1.8).
PAYMENT_REFUSAL_CODES = {"cancel": "1300", "capture": "1304", "ready": "1303"}
REFUND_REFUSAL_CODES = {"cancel": "1352", "capture": "1351"}

PAYMENT_FAULT_PATCHES: dict[str, Patch] = {
    "refuse-cancel-when-paired": {("Paired", "cancel"): None},
    "cancel-captured-payment": {("Captured", "cancel"): "CancelledByClient"},
    "cancel-expired-payment": {("ExpiredAndCancelled", "cancel"): "CancelledByClient"},
    "client-cancel-overwrites-user-cancel": {("CancelledByUser", "cancel"): "CancelledByClient",
                                             ("CancelledByMobilePay", "cancel"): "CancelledByClient"},
    "accept-cancel-of-cancelled-by-others": {("CancelledByUser", "cancel"): "CancelledByUser",
                                             ("CancelledByMobilePay", "cancel"): "CancelledByMobilePay"},
    "repeated-cancel-rewrites-state": {("CancelledByClient", "cancel"): "CancelledByMobilePay"},
    "refuse-repeated-cancel": {("CancelledByClient", "cancel"): None},
    "capture-cancelled-payment": {("CancelledByClient", "capture"): "Captured"},
    "user-cannot-cancel-paired": {("Paired", "cancel-by-user"): None},
    "user-cancels-reserved": {("Reserved", "cancel-by-user"): "CancelledByUser"},
}

REFUND_FAULT_PATCHES: dict[str, Patch] = {
    "refund-cancel-refused-when-reserved": {("Reserved", "cancel"): None},
    "cancel-captured-refund": {("Captured", "cancel"): "CancelledByClient",
                               ("ExpiredAndCaptured", "cancel"): "CancelledByClient",
                               ("CancelledByMobilePay", "cancel"): "CancelledByClient"},
    "repeated-refund-cancel-rewrites-state": {("CancelledByClient", "cancel"): "CancelledByMobilePay"},
    "capture-cancelled-refund": {("CancelledByClient", "capture"): "Captured"},
}


class IllegalMove(Exception):
    """A resource in `state` cannot take `action`."""

    def __init__(self, resource: str, state: str, action: str) -> None:
        super().__init__(f"a {resource} in state {state} cannot take the action '{action}'")
        self.resource = resource
        self.state = state
        self.action = action


class Lifecycle:
    """One resource's transition table, with the one way to ask it for a move."""

    def __init__(self, resource: str, table: Table) -> None:
        self.resource = resource
        self.table: Table = dict(table)

    def allows(self, state: str, action: str) -> bool:
        return (state, action) in self.table

    def move(self, state: str, action: str) -> str:
        """The state after `action`; IllegalMove when the table has no such move."""
        try:
            return self.table[(state, action)]
        except KeyError:
            raise IllegalMove(self.resource, state, action) from None


def patched(table: Table, patches: Mapping[str, Patch], faults: Iterable[str]) -> dict[tuple[str, str], str]:
    """The table with the patches of the active faults applied, in fault-name order."""
    result = dict(table)
    for name in sorted(set(faults) & patches.keys()):
        for move, new_state in patches[name].items():
            if new_state is None:
                result.pop(move, None)
            else:
                result[move] = new_state
    return result


def payment_lifecycle(faults: Iterable[str] = ()) -> Lifecycle:
    return Lifecycle("payment", patched(PAYMENT_LIFECYCLE, PAYMENT_FAULT_PATCHES, faults))


def refund_lifecycle(faults: Iterable[str] = ()) -> Lifecycle:
    return Lifecycle("refund", patched(REFUND_LIFECYCLE, REFUND_FAULT_PATCHES, faults))


def blocking_states(faults: Iterable[str] = ()) -> frozenset[str]:
    """The payment states that keep a point of sale busy (409 1301 for a new payment)."""
    if "cancel-keeps-pos-busy" in set(faults):
        return ACTIVE_PAYMENT_STATES | {"CancelledByClient"}
    return ACTIVE_PAYMENT_STATES
