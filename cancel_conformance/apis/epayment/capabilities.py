"""The sandbox capabilities the Vipps MobilePay ePayment v1 scenarios of each rule need (see `apis/__init__.py`)."""

from __future__ import annotations

NEEDS: dict[str, frozenset[str]] = {
    "SAFE_01": frozenset({"epayment.approve"}),
    "SAFE_02": frozenset({"epayment.approve"}),
    "EPAY_CAN_01": frozenset({"epayment.approve"}),
    "EPAY_CAN_02": frozenset({"epayment.approve"}),
    "EPAY_CAN_03": frozenset({"epayment.approve"}),
    "EPAY_CAN_04": frozenset({"epayment.approve"}),
    "EPAY_CAN_05": frozenset({"epayment.approve"}),
    "EPAY_CAN_06": frozenset({"epayment.approve", "epayment.expire", "epayment.user"}),
    "EPAY_CAN_07": frozenset({"epayment.approve", "epayment.expire", "epayment.user"}),
    "EPAY_CAN_09": frozenset({"epayment.approve"}),
    "EPAY_CAN_10": frozenset({"epayment.approve"}),
    "EPAY_CTO_02": frozenset({"epayment.approve"}),
    "EPAY_CTO_03": frozenset({"epayment.approve"}),
    "EPAY_3DS_01": frozenset({"epayment.3ds"}),
    "EPAY_3DS_02": frozenset({"epayment.3ds"}),
    "EPAY_AGE_01": frozenset({"epayment.age", "epayment.approve"}),
    "EPAY_AGE_02": frozenset({"epayment.age", "epayment.approve"}),
    "EPAY_AGE_03": frozenset({"epayment.age", "epayment.approve"}),
    "EPAY_IDM_01": frozenset({"epayment.approve"}),
    "EPAY_IDM_02": frozenset({"epayment.approve"}),
    # The lifecycle exploration takes every documented move, so every hook of its lifecycle.
    "MOD_EPAY_01": frozenset({"epayment.3ds", "epayment.approve", "epayment.expire", "epayment.user"}),
}
