"""The eCom sandbox hooks (SIMULATION.md): the customer in the Vipps app, 3-D Secure, and time."""

from __future__ import annotations

from cancel_conformance.apis.vipps_hooks import VippsHooks
from cancel_conformance.driver import HookOutcome

PAYMENT_HOOKS = "/simulation/v1/ecom/payments"


class EcomSandbox(VippsHooks):
    """The eCom hooks, acting with one merchant's access token and subscription key (SIMULATION.md)."""

    # The customer, in the Vipps app

    def approve(self, order_id: str, phone_number: str, landing_token: str | None) -> HookOutcome:
        """The vendor's force approve: `INITIATE -> RESERVE` (SIMULATION.md §1, capability ecom.approve)."""
        self.require("ecom.approve")
        body = {"customerPhoneNumber": phone_number}
        if landing_token:
            body["token"] = landing_token
        return HookOutcome(self._customer.integration_test_approve_payment(order_id, body))

    def reject(self, order_id: str) -> HookOutcome:
        return self._hook("ecom.user", f"{PAYMENT_HOOKS}/{order_id}/reject", actor="customer")

    def start_3ds(self, order_id: str) -> HookOutcome:
        return self._hook("ecom.3ds", f"{PAYMENT_HOOKS}/{order_id}/start-3ds", actor="customer")

    def finish_3ds(self, order_id: str) -> HookOutcome:
        return self._hook("ecom.3ds", f"{PAYMENT_HOOKS}/{order_id}/finish-3ds", actor="customer")

    # Time

    def age(self, order_id: str, days: int, hours: int = 0) -> HookOutcome:
        """Every timestamp of the payment moves `days` and `hours` into the past (capability ecom.age)."""
        return self._hook("ecom.age", f"{PAYMENT_HOOKS}/{order_id}/age", {"days": days, "hours": hours},
                          actor="time")
