"""The ePayment rule IDs of the shared RULES.md that the reference's faults break.

The suite's ePayment scenarios (and the catalogue entries with them) come separately; until then the
faults that break these rules are proven by their pairs here, not by a run of the suite.
"""

from __future__ import annotations


def _numbered(family: str, count: int) -> tuple[str, ...]:
    return tuple(f"{family}_{number:02d}" for number in range(1, count + 1))


EPAYMENT_RULES = (*_numbered("EPAY_CAN", 10), *_numbered("EPAY_CTO", 3), *_numbered("EPAY_3DS", 2),
                  *_numbered("EPAY_AGE", 3), *_numbered("EPAY_IDM", 2), *_numbered("CON_EPAY", 5))
EPAYMENT_FAMILIES = ("EPAY_", "CON_EPAY_")
