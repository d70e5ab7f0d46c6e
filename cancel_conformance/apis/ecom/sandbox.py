"""The eCom sandbox hooks (SIMULATION.md): the customer in the Vipps app, 3-D Secure, and time."""

from __future__ import annotations

from cancel_conformance.apis.ecom.client import EcomClient
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import Capabilities, HookOutcome
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession

PAYMENT_HOOKS = "/simulation/v1/ecom/payments"


class EcomSandbox:
    """The eCom hooks, acting with one merchant's access token and subscription key (SIMULATION.md)."""

    def __init__(self, http: HttpSession, hooks_url: str, client: EcomClient, capabilities: Capabilities,
                 recorder: Recorder) -> None:
        self._http = http
        self._url = hooks_url
        self._client = client
        self._customer = client.on(http, actor="customer")
        self._capabilities = capabilities
        self._recorder = recorder

    def require(self, capability: str) -> None:
        self._capabilities.require(capability, self._recorder)

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

    def _hook(self, capability: str, path: str, body: dict | None = None, actor: str = "back office") -> HookOutcome:
        self.require(capability)
        response = self._http.request("POST", self._url + path, self._recorder, headers=self._client.credentials(),
                                      json_body=body, actor=actor)
        return HookOutcome(ApiResult.of(response))
