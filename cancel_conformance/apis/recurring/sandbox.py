"""The Recurring sandbox hooks (SIMULATION.md): the customer accepting an agreement, Vipps MobilePay charging
on the due date, and time."""

from __future__ import annotations

from cancel_conformance.apis.vipps_hooks import VippsHooks
from cancel_conformance.driver import HookOutcome

AGREEMENT_HOOKS = "/simulation/v1/recurring/agreements"
# SIMULATION.md §2: what Vipps MobilePay does with a charge as its due date comes (capability recurring.charges).
CHARGE_STEPS = ("due", "process", "reserve", "charge", "fail")


class RecurringSandbox(VippsHooks):
    """The Recurring hooks, acting with one merchant's access token and subscription key (SIMULATION.md)."""

    # The customer, in the Vipps MobilePay app

    def accept(self, agreement_id: str, phone_number: str) -> HookOutcome:
        """The vendor's force accept: `PENDING -> ACTIVE` (SIMULATION.md §1, capability recurring.accept)."""
        self.require("recurring.accept")
        return HookOutcome(self._customer.accept_using_patch_v3(agreement_id, {"phoneNumber": phone_number}))

    # Vipps MobilePay charging the customer

    def step(self, agreement_id: str, charge_id: str, step: str) -> HookOutcome:
        """One of CHARGE_STEPS: PENDING -> DUE, DUE -> PROCESSING, -> RESERVED, -> CHARGED or -> FAILED."""
        if step not in CHARGE_STEPS:
            raise ValueError(f"no charge hook {step!r}")
        return self._hook("recurring.charges", f"{AGREEMENT_HOOKS}/{agreement_id}/charges/{charge_id}/{step}")

    # Time

    def age(self, agreement_id: str, charge_id: str, days: int, hours: int = 0) -> HookOutcome:
        """Every timestamp of the charge moves `days` and `hours` into the past (capability recurring.age)."""
        return self._hook("recurring.age", f"{AGREEMENT_HOOKS}/{agreement_id}/charges/{charge_id}/age",
                          {"days": days, "hours": hours}, actor="time")
