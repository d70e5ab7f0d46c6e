"""The Recurring lifecycle tables: every move and refusal the behaviour names, and what each fault patches."""

from __future__ import annotations

import pytest

from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.reference.recurring.lifecycle import (
    ACTIONS,
    AGREEMENT_LIFECYCLE,
    AGREEMENT_REFUSALS,
    CHARGE_LIFECYCLE,
    CHARGE_PATCHES,
    DEFAULT_REFUSALS,
    FINAL_STATES,
    REFUSALS,
    STATES,
    IllegalMove,
    Lifecycle,
    Move,
)

CANCEL = Move("CANCELLED", ("CANCEL",))
# state -> what a merchant's DELETE does: a Move, or the refusal's (status, problem identifier).
CANCEL_TABLE = {
    "PENDING": CANCEL,
    "DUE": CANCEL,
    "RESERVED": CANCEL,
    "PARTIALLY_CAPTURED": Move("CHARGED", ("CANCEL",)),
    "PROCESSING": (400, "cancel-charge-failed"),
    "CHARGED": (400, "cancel-charge-failed"),
    "FAILED": (400, "cancel-charge-failed"),
    "CANCELLED": (400, "cancel-charge-failed"),
    "PARTIALLY_REFUNDED": (400, "cancel-charge-failed"),
    "REFUNDED": (400, "cancel-charge-failed"),
}


def outcome(lifecycle: Lifecycle, state: str, action: str) -> Move | tuple[int, str]:
    try:
        return lifecycle.move(state, action)
    except IllegalMove as refused:
        return refused.refusal.status, refused.refusal.identifier


@pytest.mark.parametrize("state", STATES)
def test_cancel_in_every_state(state: str) -> None:
    assert outcome(Lifecycle(), state, "cancel") == CANCEL_TABLE[state]


def test_every_state_is_reachable_and_every_pair_is_known() -> None:
    reached = {"PENDING"} | {move.state for move in CHARGE_LIFECYCLE.values()}
    assert reached == set(STATES)
    assert {action for _, action in CHARGE_LIFECYCLE} == set(ACTIONS)
    assert set(DEFAULT_REFUSALS) == set(ACTIONS)
    assert not set(REFUSALS) & set(CHARGE_LIFECYCLE), "a pair is either a move or a refusal"


def test_nothing_leaves_a_final_state_but_refunds() -> None:
    leaving = {(state, action) for (state, action) in CHARGE_LIFECYCLE if state in FINAL_STATES}
    assert leaving == {("CHARGED", "refund-part"), ("CHARGED", "refund-rest"), ("PARTIALLY_REFUNDED", "refund-part"),
                       ("PARTIALLY_REFUNDED", "refund-rest")}


def test_the_hooks_follow_the_simulation_table() -> None:
    lifecycle = Lifecycle()
    assert outcome(lifecycle, "PENDING", "due") == Move("DUE", ())
    assert outcome(lifecycle, "DUE", "process") == Move("PROCESSING", ())
    for state in ("DUE", "PROCESSING"):
        assert outcome(lifecycle, state, "reserve") == Move("RESERVED", ("RESERVE",))
        assert outcome(lifecycle, state, "charge") == Move("CHARGED", ("RESERVE", "CAPTURE"))
        assert outcome(lifecycle, state, "fail") == Move("FAILED", ("FAIL",))
    assert outcome(lifecycle, "PENDING", "reserve") == (409, "conflict")
    assert outcome(lifecycle, "RESERVED", "due") == (409, "conflict")


def test_captures_and_refunds() -> None:
    lifecycle = Lifecycle()
    assert outcome(lifecycle, "RESERVED", "capture-part") == Move("PARTIALLY_CAPTURED", ("CAPTURE",))
    assert outcome(lifecycle, "PARTIALLY_CAPTURED", "capture-rest") == Move("CHARGED", ("CAPTURE",))
    assert outcome(lifecycle, "CHARGED", "refund-part") == Move("PARTIALLY_REFUNDED", ("REFUND",))
    assert outcome(lifecycle, "PARTIALLY_REFUNDED", "refund-rest") == Move("REFUNDED", ("REFUND",))
    # RECUR_CAN_04: "A cancelled charge cannot be captured".
    assert outcome(lifecycle, "CANCELLED", "capture-rest") == (400, "charge-capture-failed")
    assert outcome(lifecycle, "RESERVED", "refund-part") == (400, "operation-failed")


@pytest.mark.parametrize("state", STATES)
def test_stopping_the_agreement_cancels_pending_due_and_reserved(state: str) -> None:
    expected = CANCEL if state in ("PENDING", "DUE", "RESERVED") else None
    assert (Lifecycle().move(state, "stop") if Lifecycle().allows(state, "stop") else None) == expected


def test_the_agreement_table() -> None:
    assert AGREEMENT_LIFECYCLE[("PENDING", "accept")] == "ACTIVE"
    assert {state for state, action in AGREEMENT_LIFECYCLE if action == "stop"} == {"PENDING", "ACTIVE"}
    assert {state for state, action in AGREEMENT_LIFECYCLE if action == "create-charge"} == {"ACTIVE"}
    assert set(AGREEMENT_REFUSALS) == {action for _, action in AGREEMENT_LIFECYCLE}
    with pytest.raises(IllegalMove) as refused:
        Lifecycle.agreement_move("STOPPED", "stop")
    assert (refused.value.refusal.status, refused.value.refusal.identifier) == (400, "illegal-agreement-update")


def test_every_patch_belongs_to_a_recurring_fault() -> None:
    assert set(CHARGE_PATCHES) <= set(FAULTS)
    for name in CHARGE_PATCHES:
        assert all(rule.startswith("RECUR_") for rule in FAULTS[name].rules), name


def test_patches_change_only_their_pairs() -> None:
    plain = Lifecycle()
    for name, patch in CHARGE_PATCHES.items():
        patched = Lifecycle([name])
        changed = {pair for pair in set(plain.table) | set(patched.table)
                   if plain.table.get(pair) != patched.table.get(pair)}
        assert changed == set(patch), name


def test_the_final_charge_fault_answers_without_a_move() -> None:
    lifecycle = Lifecycle(["final-charge-cancel-answers-204"])
    assert {state: lifecycle.move(state, "cancel") for state in FINAL_STATES} == {
        state: Move(state, ()) for state in FINAL_STATES}
