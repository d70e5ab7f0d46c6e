"""The sandbox capabilities (SIMULATION.md §2) that the MobilePay PoS v10 scenarios of each rule need.

A sandbox lacking one leaves the rule not verified; `cancel-conformance check` and a run's preflight read
this. The project's tests hold it to what the scenarios ask for when they run against the reference, so it
cannot drift from them. A rule not listed needs none.
"""

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
}
