"""The sandbox hooks of every Vipps API (SIMULATION.md): sent with the merchant's access token and subscription
key, as the API itself is; each API names its own hooks on top of this."""

from __future__ import annotations

from typing import Any, Protocol

from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import Capabilities, HookOutcome
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession


class VippsClient(Protocol):
    def credentials(self) -> dict[str, str]: ...

    def on(self, http: HttpSession, actor: str | None = None) -> Any: ...


class VippsHooks:
    """A Vipps API's hooks, acting with one merchant's access token and subscription key."""

    def __init__(self, http: HttpSession, hooks_url: str, client: VippsClient, capabilities: Capabilities,
                 recorder: Recorder) -> None:
        self._http = http
        self._url = hooks_url
        self._client = client
        self._customer = client.on(http, actor="customer")  # the vendor's own test hooks, as the customer
        self._capabilities = capabilities
        self._recorder = recorder

    def require(self, capability: str) -> None:
        self._capabilities.require(capability, self._recorder)

    def _hook(self, capability: str, path: str, body: dict | None = None, actor: str = "back office") -> HookOutcome:
        """A `/simulation/v1` hook: POST, the merchant's credentials, the resource's new view back."""
        self.require(capability)
        response = self._http.request("POST", self._url + path, self._recorder, headers=self._client.credentials(),
                                      json_body=body, actor=actor)
        return HookOutcome(ApiResult.of(response))
