"""The PoS sandbox hooks (SIMULATION.md): the customer at the point of sale, MobilePay's back office, time."""

from __future__ import annotations

from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import Capabilities, HookOutcome
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession


class PosSandbox:
    """The PoS hooks, acting with one integrator's token."""

    def __init__(
        self, http: HttpSession, hooks_url: str, token, capabilities: Capabilities, recorder: Recorder
    ) -> None:
        self._http = http
        self._url = hooks_url
        self._token = token
        self._capabilities = capabilities
        self._recorder = recorder

    def require(self, capability: str) -> None:
        self._capabilities.require(capability, self._recorder)

    # The customer, in the MobilePay app (the vendor's user-simulation endpoints)

    def check_in(self, beacon_id: str, phone_number: str) -> HookOutcome:
        return self._hook("pos.user", "/pos/app/usersimulation/checkin",
                          {"beaconId": beacon_id, "phoneNumber": phone_number}, actor="customer")

    def accept_payment(self, beacon_id: str, phone_number: str) -> HookOutcome:
        return self._hook("pos.user", "/pos/app/usersimulation/acceptpayment",
                          {"beaconId": beacon_id, "phoneNumber": phone_number}, actor="customer")

    def cancel_payment_by_user(self, beacon_id: str) -> HookOutcome:
        return self._hook("pos.user", "/pos/app/usersimulation/cancelpaymentbyuser",
                          {"beaconId": beacon_id}, actor="customer")

    # The payment provider's back office, and time (the simulation extension)

    def cancel_payment_by_mobilepay(self, payment_id: str) -> HookOutcome:
        return self._hook("pos.mobilepay-cancel", f"/simulation/v1/pos/payments/{payment_id}/cancel-by-mobilepay")

    def expire_payment(self, payment_id: str) -> HookOutcome:
        return self._hook("pos.expire", f"/simulation/v1/pos/payments/{payment_id}/expire")

    def reserve_refund(self, refund_id: str) -> HookOutcome:
        return self._hook("pos.refund-progress", f"/simulation/v1/pos/refunds/{refund_id}/reserve")

    def expire_refund(self, refund_id: str) -> HookOutcome:
        return self._hook("pos.refund-progress", f"/simulation/v1/pos/refunds/{refund_id}/expire")

    def cancel_refund_by_mobilepay(self, refund_id: str) -> HookOutcome:
        return self._hook("pos.refund-progress", f"/simulation/v1/pos/refunds/{refund_id}/cancel-by-mobilepay")

    def _hook(self, capability: str, path: str, body: dict | None = None, actor: str = "back office") -> HookOutcome:
        self.require(capability)
        headers = {"Authorization": f"Bearer {self._token()}"}
        response = self._http.request("POST", self._url + path, self._recorder, headers=headers,
                                      json_body=body, actor=actor)
        return HookOutcome(ApiResult.of(response))
