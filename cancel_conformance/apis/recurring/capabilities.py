"""The sandbox capabilities the Vipps MobilePay Recurring v3 scenarios of each rule need (see `apis/__init__.py`)."""

from __future__ import annotations

NEEDS: dict[str, frozenset[str]] = {
    "SAFE_01": frozenset({"recurring.accept", "recurring.charges"}),
    "SAFE_02": frozenset({"recurring.accept", "recurring.charges"}),
    "RECUR_CAN_01": frozenset({"recurring.accept", "recurring.charges"}),
    "RECUR_CAN_02": frozenset({"recurring.accept", "recurring.charges"}),
    "RECUR_CAN_03": frozenset({"recurring.accept", "recurring.charges"}),
    "RECUR_CAN_04": frozenset({"recurring.accept"}),
    "RECUR_CAN_05": frozenset({"recurring.accept"}),
    "RECUR_CAN_06": frozenset({"recurring.accept"}),
    "RECUR_REL_01": frozenset({"recurring.accept", "recurring.charges"}),
    "RECUR_REL_02": frozenset({"recurring.accept", "recurring.charges"}),
    "RECUR_IDM_01": frozenset({"recurring.accept"}),
    "RECUR_IDM_02": frozenset({"recurring.accept", "recurring.charges"}),
    "RECUR_IDM_03": frozenset({"recurring.accept"}),
    "RECUR_IDM_04": frozenset({"recurring.accept", "recurring.charges"}),
    # The lifecycle exploration takes every documented move, so every hook of its lifecycle.
    "MOD_RECUR_01": frozenset({"recurring.accept", "recurring.charges"}),
}
