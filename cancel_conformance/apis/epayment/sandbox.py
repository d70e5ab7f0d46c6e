"""The ePayment sandbox hooks (SIMULATION.md): the customer in the app, 3-D Secure, and time."""

from __future__ import annotations

from cancel_conformance.apis.vipps_hooks import VippsHooks
from cancel_conformance.driver import HookOutcome

PAYMENT_HOOKS = "/simulation/v1/epayment/payments"


class EpaymentSandbox(VippsHooks):
    """The ePayment hooks, acting with one merchant's access token and subscription key (SIMULATION.md)."""

    # The customer, in the Vipps MobilePay app

    def approve(self, reference: str, phone_number: str) -> HookOutcome:
        """The vendor's force approve: `CREATED -> AUTHORIZED` (SIMULATION.md §1, capability epayment.approve)."""
        self.require("epayment.approve")
        return HookOutcome(self._customer.force_approve(reference, {"customer": {"phoneNumber": phone_number}}))

    def abort(self, reference: str) -> HookOutcome:
        return self._hook("epayment.user", f"{PAYMENT_HOOKS}/{reference}/abort", actor="customer")

    def start_3ds(self, reference: str) -> HookOutcome:
        return self._hook("epayment.3ds", f"{PAYMENT_HOOKS}/{reference}/start-3ds", actor="customer")

    def finish_3ds(self, reference: str) -> HookOutcome:
        return self._hook("epayment.3ds", f"{PAYMENT_HOOKS}/{reference}/finish-3ds", actor="customer")

    # Time

    def expire(self, reference: str) -> HookOutcome:
        """The customer does not act in time: `CREATED -> EXPIRED` (capability epayment.expire)."""
        return self._hook("epayment.expire", f"{PAYMENT_HOOKS}/{reference}/expire", actor="time")

    def age(self, reference: str, days: int, hours: int = 0) -> HookOutcome:
        """Every timestamp of the payment moves `days` and `hours` into the past (capability epayment.age)."""
        return self._hook("epayment.age", f"{PAYMENT_HOOKS}/{reference}/age", {"days": days, "hours": hours},
                          actor="time")
