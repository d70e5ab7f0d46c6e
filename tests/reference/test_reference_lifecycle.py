"""The lifecycles, move by move: every allowed transition and every refused one."""

from __future__ import annotations

import pytest

from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.reference.pos.lifecycle import (
    ACTIVE_PAYMENT_STATES,
    PAYMENT_ACTIONS,
    PAYMENT_FAULT_PATCHES,
    PAYMENT_LIFECYCLE,
    PAYMENT_STATES,
    REFUND_ACTIONS,
    REFUND_FAULT_PATCHES,
    REFUND_LIFECYCLE,
    REFUND_STATES,
    IllegalMove,
    blocking_states,
    payment_lifecycle,
    refund_lifecycle,
)

# Written out again from api-facts 1.3-1.5 and RULES.md, independently of the tables under test.
EXPECTED_PAYMENT_MOVES = {
    ("Prepared", "check-in"): "Paired",
    ("Initiated", "check-in"): "IssuedToUser",
    ("Prepared", "ready"): "Initiated",
    ("Paired", "ready"): "IssuedToUser",
    ("IssuedToUser", "accept"): "Reserved",
    ("Reserved", "capture"): "Captured",
    ("Captured", "capture"): "Captured",
    ("Reserved", "expire"): "ExpiredAndCancelled",
    **{(state, "cancel"): "CancelledByClient"
       for state in ("Prepared", "Initiated", "Paired", "IssuedToUser", "Reserved", "CancelledByClient")},
    ("Paired", "cancel-by-user"): "CancelledByUser",
    ("IssuedToUser", "cancel-by-user"): "CancelledByUser",
    **{(state, "cancel-by-mobilepay"): "CancelledByMobilePay" for state in ("Prepared", "Initiated", "IssuedToUser")},
}
EXPECTED_REFUND_MOVES = {
    ("Initiated", "reserve"): "Reserved",
    ("Reserved", "expire"): "ExpiredAndCaptured",
    ("Initiated", "cancel-by-mobilepay"): "CancelledByMobilePay",
    ("Reserved", "capture"): "Captured",
    ("Captured", "capture"): "Captured",
    ("Initiated", "cancel"): "CancelledByClient",
    ("Reserved", "cancel"): "CancelledByClient",
    ("CancelledByClient", "cancel"): "CancelledByClient",
}

PAYMENT_PAIRS = [(state, action) for state in PAYMENT_STATES for action in PAYMENT_ACTIONS]
REFUND_PAIRS = [(state, action) for state in REFUND_STATES for action in REFUND_ACTIONS]


@pytest.mark.parametrize(("state", "action"), PAYMENT_PAIRS, ids=[f"{s}-{a}" for s, a in PAYMENT_PAIRS])
def test_payment_move(state: str, action: str) -> None:
    lifecycle = payment_lifecycle()
    if (state, action) in EXPECTED_PAYMENT_MOVES:
        assert lifecycle.move(state, action) == EXPECTED_PAYMENT_MOVES[(state, action)]
    else:
        with pytest.raises(IllegalMove) as refused:
            lifecycle.move(state, action)
        assert (refused.value.state, refused.value.action) == (state, action)
        assert state in str(refused.value)
        assert action in str(refused.value)


@pytest.mark.parametrize(("state", "action"), REFUND_PAIRS, ids=[f"{s}-{a}" for s, a in REFUND_PAIRS])
def test_refund_move(state: str, action: str) -> None:
    lifecycle = refund_lifecycle()
    if (state, action) in EXPECTED_REFUND_MOVES:
        assert lifecycle.move(state, action) == EXPECTED_REFUND_MOVES[(state, action)]
    else:
        with pytest.raises(IllegalMove):
            lifecycle.move(state, action)


def test_tables_use_only_known_states_and_actions() -> None:
    for (state, action), new_state in PAYMENT_LIFECYCLE.items():
        assert {state, new_state} <= set(PAYMENT_STATES)
        assert action in PAYMENT_ACTIONS
    for (state, action), new_state in REFUND_LIFECYCLE.items():
        assert {state, new_state} <= set(REFUND_STATES)
        assert action in REFUND_ACTIONS


def test_final_payment_states_only_answer_idempotent_retries() -> None:
    final = {"CancelledByUser", "CancelledByClient", "CancelledByMobilePay", "ExpiredAndCancelled", "Captured"}
    leaving = [(s, a, n) for (s, a), n in PAYMENT_LIFECYCLE.items() if s in final and n != s]
    assert leaving == []


@pytest.mark.parametrize("fault", sorted(PAYMENT_FAULT_PATCHES.keys() | REFUND_FAULT_PATCHES.keys()))
def test_a_fault_patch_changes_only_the_moves_it_names(fault: str) -> None:
    assert fault in FAULTS
    for base, patches, build in ((PAYMENT_LIFECYCLE, PAYMENT_FAULT_PATCHES, payment_lifecycle),
                                 (REFUND_LIFECYCLE, REFUND_FAULT_PATCHES, refund_lifecycle)):
        table = build([fault]).table
        named = set(patches.get(fault, {}))
        changed = {move for move in base.keys() | table.keys() if base.get(move) != table.get(move)}
        assert changed == named


def test_faults_without_patches_leave_the_tables_alone() -> None:
    others = set(FAULTS) - PAYMENT_FAULT_PATCHES.keys() - REFUND_FAULT_PATCHES.keys()
    assert payment_lifecycle(others).table == dict(PAYMENT_LIFECYCLE)
    assert refund_lifecycle(others).table == dict(REFUND_LIFECYCLE)


def test_blocking_states() -> None:
    assert blocking_states() == ACTIVE_PAYMENT_STATES == {"Prepared", "Initiated", "Paired", "IssuedToUser"}
    assert blocking_states(["cancel-keeps-pos-busy"]) == ACTIVE_PAYMENT_STATES | {"CancelledByClient"}
