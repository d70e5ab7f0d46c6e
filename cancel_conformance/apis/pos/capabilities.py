"""The sandbox capabilities the MobilePay PoS v10 scenarios of each rule need (see `apis/__init__.py`)."""

from __future__ import annotations

NEEDS: dict[str, frozenset[str]] = {
    "POS_PAY_01": frozenset({"pos.user"}),
    "POS_PAY_02": frozenset({"pos.user"}),
    "POS_PAY_03": frozenset({"pos.expire", "pos.user"}),
    "POS_PAY_04": frozenset({"pos.mobilepay-cancel", "pos.user"}),
    "POS_PAY_05": frozenset({"pos.mobilepay-cancel", "pos.user"}),
    "POS_PAY_09": frozenset({"pos.user"}),
    "POS_PAY_12": frozenset({"pos.user"}),
    "POS_USR_01": frozenset({"pos.user"}),
    "POS_USR_02": frozenset({"pos.user"}),
    "POS_REF_01": frozenset({"pos.refund-progress", "pos.user"}),
    "POS_REF_02": frozenset({"pos.refund-progress", "pos.user"}),
    "POS_REF_03": frozenset({"pos.user"}),
    "POS_REF_05": frozenset({"pos.user"}),
    "POS_REF_06": frozenset({"pos.user"}),
    "POS_REF_07": frozenset({"pos.user"}),
    "SAFE_01": frozenset({"pos.user"}),
    "SAFE_02": frozenset({"pos.user"}),
    # The lifecycle exploration takes every documented move, so every hook of its lifecycle.
    "MOD_POS_01": frozenset({"pos.expire", "pos.mobilepay-cancel", "pos.refund-progress", "pos.user"}),
}
