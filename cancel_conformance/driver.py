"""The sandbox hooks (SIMULATION.md): how the suite makes the customer, the back office and time act."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import NotVerified, TargetError

CAPABILITIES_PATH = "/simulation/v1/capabilities"
# A sandbox without the simulation extension still has the vendor's own hooks: the PoS user
# simulation and the eCom test environment's force approve (SIMULATION.md §1).
VENDOR_CAPABILITIES = frozenset({"pos.user", "ecom.approve"})


@dataclass(frozen=True)
class HookOutcome:
    """What a hook did: any non-2xx means "the customer (or back office) could not do that"."""

    result: ApiResult

    @property
    def done(self) -> bool:
        return self.result.ok


class Capabilities:
    """The hooks a sandbox offers: from the target file, or discovered once per run."""

    def __init__(self, http: HttpSession, hooks_url: str, declared: frozenset[str] | None) -> None:
        self._http = http
        self._url = hooks_url + CAPABILITIES_PATH
        self._known = declared
        self._lock = threading.Lock()

    def get(self, recorder: Recorder) -> frozenset[str]:
        with self._lock:
            if self._known is None:
                self._known = self._discover(recorder)
            return self._known

    def require(self, capability: str, recorder: Recorder) -> None:
        """A scenario that needs a hook the sandbox lacks is not verified (SIMULATION.md §3)."""
        if capability not in self.get(recorder):
            raise NotVerified(f"sandbox lacks `{capability}`")

    def _discover(self, recorder: Recorder) -> frozenset[str]:
        response = self._http.request("GET", self._url, recorder, actor="sandbox")
        if response.status == 404:
            return VENDOR_CAPABILITIES
        if response.status != 200:
            raise TargetError(f"GET {self._url} answered {response.status}")
        body = response.json()
        names = body.get("capabilities") if isinstance(body, dict) else None
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise TargetError(f"GET {self._url} answered without a list of capability names")
        return frozenset(names)


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
        if capability not in self._capabilities.get(self._recorder):
            raise NotVerified(f"sandbox lacks `{capability}`")

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
