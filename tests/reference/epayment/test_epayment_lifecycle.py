"""The ePayment lifecycle table: every move and refusal api-facts §3.2/§3.3 name, and what each fault patches."""

from __future__ import annotations

import pytest

from cancel_conformance.reference.epayment.lifecycle import (
    ACTIONS,
    CANCELLED_STATES,
    CANCELS,
    DEFAULT_REFUSALS,
    LIFECYCLE,
    LIFECYCLE_PATCHES,
    PUBLIC_STATE,
    REFUSAL_PATCHES,
    REFUSALS,
    STATES,
    IllegalMove,
    Lifecycle,
    Move,
)
from cancel_conformance.reference.faults import FAULTS

TERMINATE, CANCEL = Move("Terminated", "TERMINATED"), Move("Cancelled", "CANCELLED")
# state -> what a cancel without and with cancelTransactionOnly does: a Move, or (status, code) of its refusal.
CANCEL_TABLE = {
    "Created": (TERMINATE, TERMINATE),
    "Authorizing": ((423, "6250"), (423, "6250")),
    "Aborted": ((400, "6050"), (400, "6050")),
    "Expired": ((400, "6050"), (400, "6050")),
    "Terminated": ((400, "6050"), (400, "6050")),
    "Authorized": (CANCEL, (400, "6060")),
    "AuthorizedAfter3DSecure": (CANCEL, (400, "6060")),
    "PartlyCaptured": (Move("Released", "CANCELLED"), (400, "6060")),
    "Captured": ((400, "6040"), (400, "6040")),
    "Cancelled": ((400, "6190"), (400, "6190")),
    "Released": ((400, "6190"), (400, "6190")),
}


def outcome(lifecycle: Lifecycle, state: str, action: str) -> Move | tuple[int, str | None]:
    try:
        return lifecycle.move(state, action)
    except IllegalMove as refused:
        return refused.refusal.status, refused.refusal.code


@pytest.mark.parametrize("state", STATES)
def test_cancel_in_every_state(state: str) -> None:
    lifecycle = Lifecycle()
    assert tuple(outcome(lifecycle, state, action) for action in CANCELS) == CANCEL_TABLE[state]


def test_every_state_is_reachable_and_every_pair_is_known() -> None:
    reached = {"Created"} | {move.state for move in LIFECYCLE.values()}
    assert reached == set(STATES)
    assert {action for _, action in LIFECYCLE} <= set(ACTIONS)
    assert set(DEFAULT_REFUSALS) == set(ACTIONS)
    assert set(REFUSALS) <= {(state, action) for state in STATES for action in ACTIONS}
    assert not set(REFUSALS) & set(LIFECYCLE), "a pair is either a move or a refusal"


def test_the_public_state_stays_authorized_after_authorization() -> None:
    # api-facts §3.2: "The state stays AUTHORIZED through capture, refund and cancel".
    assert set(PUBLIC_STATE) == set(STATES)
    assert {PUBLIC_STATE[move.state] for (state, _), move in LIFECYCLE.items()
            if PUBLIC_STATE[state] == "AUTHORIZED"} == {"AUTHORIZED"}
    assert PUBLIC_STATE["Authorizing"] == "CREATED"


def test_nothing_leaves_a_cancelled_state_but_a_refund_after_a_release() -> None:
    leaving = {(state, action) for (state, action) in LIFECYCLE if state in CANCELLED_STATES}
    assert leaving == {("Released", "refund")}
    assert {move.state for (state, _), move in LIFECYCLE.items() if state in ("Aborted", "Expired")} == set()


@pytest.mark.parametrize(("state", "action", "code"), [
    ("Created", "capture-part", "6080"), ("Authorizing", "capture-rest", "6080"),
    ("Terminated", "capture-rest", "6070"), ("Cancelled", "capture-rest", "6070"),
    ("Released", "capture-part", "6070"), ("Captured", "capture-rest", "6170"),
    ("Aborted", "capture-rest", "6200"), ("Created", "refund", "6020"), ("Authorized", "refund", "6150"),
    ("Cancelled", "refund", "6150"), ("Terminated", "refund", "6210"), ("Expired", "refund", "6210"),
])
def test_capture_and_refund_refusals(state: str, action: str, code: str) -> None:
    assert outcome(Lifecycle(), state, action) == (400, code)


def test_customer_moves() -> None:
    lifecycle = Lifecycle()
    assert outcome(lifecycle, "Created", "approve") == Move("Authorized", "AUTHORIZED")
    assert outcome(lifecycle, "Created", "abort") == Move("Aborted", "ABORTED")
    assert outcome(lifecycle, "Created", "expire") == Move("Expired", "EXPIRED")
    assert outcome(lifecycle, "Created", "start-3ds") == Move("Authorizing", None)
    assert outcome(lifecycle, "Authorizing", "finish-3ds") == Move("AuthorizedAfter3DSecure", "AUTHORIZED")
    assert outcome(lifecycle, "Terminated", "approve") == (409, "10020")
    assert outcome(lifecycle, "Authorized", "approve") == (409, "6230")
    assert outcome(lifecycle, "Authorizing", "abort") == (409, None)


def test_every_patch_belongs_to_a_fault_and_changes_the_table() -> None:
    for name in {*LIFECYCLE_PATCHES, *REFUSAL_PATCHES}:
        assert name in FAULTS, name
        clean, broken = Lifecycle(), Lifecycle([name])
        assert (clean.table, clean.refusals) != (broken.table, broken.refusals), name


@pytest.mark.parametrize(("fault", "state", "action", "broken"), [
    ("epayment-terminated-still-approvable", "Terminated", "approve", Move("Authorized", "AUTHORIZED")),
    ("epayment-authorized-cancel-logs-terminated", "Authorized", "cancel", Move("Cancelled", "TERMINATED")),
    ("epayment-partial-cancel-keeps-remaining", "PartlyCaptured", "cancel", Move("PartlyCaptured", "CANCELLED")),
    ("epayment-cancel-captured-accepted", "Captured", "cancel", Move("Captured", None)),
    ("epayment-captured-cancel-wrong-code", "Captured", "cancel", (400, "6190")),
    ("epayment-cancel-terminates-aborted", "Expired", "cancel", TERMINATE),
    ("epayment-final-cancel-answers-200", "Cancelled", "cancel", Move("Cancelled", None)),
    ("epayment-final-cancel-answers-200", "Aborted", "cancel-transaction-only", Move("Aborted", None)),
    ("epayment-refund-after-cancel", "Terminated", "refund", Move("Terminated", "REFUNDED")),
    ("epayment-cto-created-refused", "Created", "cancel-transaction-only", (400, "6060")),
    ("epayment-cto-releases-authorized", "AuthorizedAfter3DSecure", "cancel-transaction-only", CANCEL),
    ("epayment-cto-wrong-code", "PartlyCaptured", "cancel-transaction-only", (400, "6190")),
    ("epayment-cancel-during-3ds", "Authorizing", "cancel", TERMINATE),
    ("epayment-cancel-after-3ds-refused", "AuthorizedAfter3DSecure", "cancel", (423, "6250")),
])
def test_fault_patches(fault: str, state: str, action: str, broken: Move | tuple[int, str]) -> None:
    assert outcome(Lifecycle(), state, action) != broken
    assert outcome(Lifecycle([fault]), state, action) == broken


def test_the_cancel_of_a_3ds_authorization_keeps_its_event_under_the_terminated_fault() -> None:
    # EPAY_3DS_02 stays intact: only a force-approved payment's cancel logs TERMINATED.
    broken = Lifecycle(["epayment-authorized-cancel-logs-terminated"])
    assert outcome(broken, "AuthorizedAfter3DSecure", "cancel") == CANCEL
