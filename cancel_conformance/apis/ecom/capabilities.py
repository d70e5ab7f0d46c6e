"""The sandbox capabilities the Vipps eCom v2 scenarios of each rule need (see `apis/__init__.py`)."""

from __future__ import annotations

NEEDS: dict[str, frozenset[str]] = {
    "ECOM_CAN_01": frozenset({"ecom.approve"}),
    "ECOM_CAN_02": frozenset({"ecom.approve"}),
    "ECOM_CAN_03": frozenset({"ecom.user"}),
    "ECOM_CAN_04": frozenset({"ecom.approve"}),
    "ECOM_CAN_05": frozenset({"ecom.approve"}),
    "ECOM_CAN_06": frozenset({"ecom.approve"}),
    "ECOM_3DS_01": frozenset({"ecom.3ds"}),
    "ECOM_3DS_02": frozenset({"ecom.3ds"}),
    "ECOM_AGE_01": frozenset({"ecom.age", "ecom.approve"}),
    "ECOM_AGE_02": frozenset({"ecom.age", "ecom.approve"}),
    "ECOM_REL_01": frozenset({"ecom.approve"}),
    "ECOM_REL_02": frozenset({"ecom.approve"}),
    "ECOM_REL_03": frozenset({"ecom.approve"}),
    "ECOM_REL_04": frozenset({"ecom.approve"}),
    "ECOM_REL_05": frozenset({"ecom.approve"}),
    "SAFE_01": frozenset({"ecom.approve"}),
    "SAFE_02": frozenset({"ecom.approve"}),
    # The lifecycle exploration takes every documented move, so every hook of its lifecycle.
    "MOD_ECOM_01": frozenset({"ecom.3ds", "ecom.approve", "ecom.user"}),
}
