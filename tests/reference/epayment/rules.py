"""The ePayment rule IDs of the shared RULES.md that the reference's faults break, the lifecycle
exploration's (MOD_EPAY_01) included; each fault is proven by its pair in test_epayment_faults.py."""

from __future__ import annotations


def _numbered(family: str, count: int) -> tuple[str, ...]:
    return tuple(f"{family}_{number:02d}" for number in range(1, count + 1))


EPAYMENT_RULES = (*_numbered("EPAY_CAN", 10), *_numbered("EPAY_CTO", 3), *_numbered("EPAY_3DS", 2),
                  *_numbered("EPAY_AGE", 3), *_numbered("EPAY_IDM", 2), *_numbered("CON_EPAY", 5), "MOD_EPAY_01")
EPAYMENT_FAMILIES = ("EPAY_", "CON_EPAY_", "MOD_EPAY_")
