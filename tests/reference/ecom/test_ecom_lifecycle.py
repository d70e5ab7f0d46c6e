"""The eCom lifecycle table: every move and refusal the behaviour names, and what each fault patches."""

from __future__ import annotations

import pytest

from cancel_conformance.reference.ecom.lifecycle import (
    ACTIONS,
    CANCELLED_STATES,
    CANCELS,
    DEFAULT_REFUSALS,
    LIFECYCLE,
    LIFECYCLE_PATCHES,
    REFUSAL_PATCHES,
    REFUSALS,
    STATES,
    IllegalMove,
    Lifecycle,
    Move,
)
from cancel_conformance.reference.faults import FAULTS

CANCELLED, VOID = Move("CancelledByMerchant", "CANCEL"), Move("Voided", "VOID")
# state -> what a cancel with shouldReleaseRemainingFunds left out, false, true does: a Move, or the refusal's code.
CANCEL_TABLE = {
    "Initiated": (CANCELLED, CANCELLED, CANCELLED),
    "In3DSecure": ("52", "52", "52"),
    "Reserved": (VOID, VOID, VOID),
    "ReservedAfter3DSecure": (VOID, VOID, VOID),
    "PartlyCaptured": ("51", "51", Move("Released", "VOID")),
    "Captured": ("51", "51", "51"),
    "CancelledByMerchant": ("92", "92", "92"),
    "Voided": ("92", "92", "92"),
    "RejectedByCustomer": ("92", "92", "92"),
    "Released": ("92", "92", "92"),
}


def outcome(lifecycle: Lifecycle, state: str, action: str) -> Move | str:
    try:
        return lifecycle.move(state, action)
    except IllegalMove as refused:
        return refused.refusal.code


@pytest.mark.parametrize("state", STATES)
def test_cancel_in_every_state(state: str) -> None:
    lifecycle = Lifecycle()
    assert tuple(outcome(lifecycle, state, action) for action in CANCELS) == CANCEL_TABLE[state]


def test_every_state_is_reachable_and_every_pair_is_known() -> None:
    reached = {"Initiated"} | {move.state for move in LIFECYCLE.values()}
    assert reached == set(STATES)
    assert {action for _, action in LIFECYCLE} <= set(ACTIONS)
    assert set(DEFAULT_REFUSALS) == set(ACTIONS)
    assert set(REFUSALS) <= {(state, action) for state in STATES for action in ACTIONS}
    assert not set(REFUSALS) & set(LIFECYCLE), "a pair is either a move or a refusal"


def test_nothing_leaves_a_cancelled_state_but_a_refund_after_a_release() -> None:
    leaving = {(state, action) for (state, action) in LIFECYCLE if state in CANCELLED_STATES}
    assert leaving == {("Released", "refund")}


@pytest.mark.parametrize(("state", "code"), [("Reserved", "72"), ("ReservedAfter3DSecure", "72"), ("Voided", "73"),
                                             ("CancelledByMerchant", "73"),
                                             ("RejectedByCustomer", "73"), ("Initiated", "91")])
def test_refund_refusals(state: str, code: str) -> None:
    assert outcome(Lifecycle(), state, "refund") == code


def test_capture_of_a_cancelled_payment_is_91() -> None:
    assert {outcome(Lifecycle(), state, "capture-rest") for state in CANCELLED_STATES} == {"91"}


def test_customer_moves() -> None:
    lifecycle = Lifecycle()
    assert outcome(lifecycle, "Initiated", "approve") == Move("Reserved", "RESERVE")
    assert outcome(lifecycle, "Initiated", "reject") == Move("RejectedByCustomer", "CANCEL")
    assert outcome(lifecycle, "In3DSecure", "finish-3ds") == Move("ReservedAfter3DSecure", "RESERVE")
    assert outcome(lifecycle, "CancelledByMerchant", "approve") == "91"
    assert outcome(lifecycle, "In3DSecure", "approve") == "91"


def test_every_patch_belongs_to_a_fault_and_changes_the_table() -> None:
    for name in {*LIFECYCLE_PATCHES, *REFUSAL_PATCHES}:
        assert name in FAULTS, name
        clean, broken = Lifecycle(), Lifecycle([name])
        assert (clean.table, clean.refusals) != (broken.table, broken.refusals), name


@pytest.mark.parametrize(("fault", "state", "action", "broken"), [
    ("pending-cancel-leaves-approvable", "CancelledByMerchant", "approve", Move("Reserved", "RESERVE")),
    ("reserved-cancel-logs-cancel", "Reserved", "cancel", Move("Voided", "CANCEL")),
    ("merchant-cancel-rewrites-user-cancel", "RejectedByCustomer", "cancel", Move("Voided", "VOID")),
    ("capture-after-cancel", "CancelledByMerchant", "capture-rest", Move("Captured", "CAPTURE")),
    ("capture-after-cancel", "RejectedByCustomer", "capture-part", Move("PartlyCaptured", "CAPTURE")),
    ("cancel-after-3ds-refused", "ReservedAfter3DSecure", "cancel", "52"),
    ("refund-after-cancel", "Voided", "refund", Move("Voided", "REFUND")),
    ("cancel-during-3ds", "In3DSecure", "cancel", Move("CancelledByMerchant", "CANCEL")),
    ("release-keeps-remaining", "PartlyCaptured", "cancel-release", Move("PartlyCaptured", "VOID")),
    ("partial-cancel-without-release-accepted", "PartlyCaptured", "cancel-keep", Move("Released", "VOID")),
    ("release-defaults-to-true", "PartlyCaptured", "cancel", Move("Released", "VOID")),
    ("release-on-reserved-refused", "Reserved", "cancel-release", "52"),
    ("full-capture-cancel-wrong-code", "Captured", "cancel-release", "52"),
])
def test_fault_patches(fault: str, state: str, action: str, broken: Move | str) -> None:
    assert outcome(Lifecycle(), state, action) != broken
    assert outcome(Lifecycle([fault]), state, action) == broken
