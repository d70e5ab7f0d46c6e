"""The sandbox hooks (SIMULATION.md): how the suite makes the customer, the back office and time act."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from cancel_conformance.apis import registry
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import NotVerified, TargetError

CAPABILITIES_PATH = "/simulation/v1/capabilities"


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
        """A scenario that needs a hook the sandbox lacks is not verified (SIMULATION.md §3); what it needed
        is recorded, which keeps each API's declared needs (`apis/<api>/capabilities.py`) true."""
        recorder.capabilities.add(capability)
        if capability not in self.get(recorder):
            raise NotVerified(f"sandbox lacks `{capability}`")

    def _discover(self, recorder: Recorder) -> frozenset[str]:
        response = self._http.request("GET", self._url, recorder, actor="sandbox")
        if response.status == 404:
            # A sandbox without the simulation extension still has the vendor's own hooks (SIMULATION.md §1).
            return frozenset().union(*(api.vendor_capabilities for api in registry().values()))
        if response.status != 200:
            raise TargetError(f"GET {self._url} answered {response.status}")
        body = response.json()
        names = body.get("capabilities") if isinstance(body, dict) else None
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise TargetError(f"GET {self._url} answered without a list of capability names")
        return frozenset(names)


def established(done: ApiResult | HookOutcome, what: str) -> ApiResult:
    """A request a Given depends on: a 5xx is an error, any other refusal means the Given failed."""
    result = done.result if isinstance(done, HookOutcome) else done
    result.require_success(f"could not {what}")
    if not result.ok:
        raise NotVerified(f"could not {what}: {result.exchange.summary()}")
    return result
