"""What a run shares across scenarios: the target, one HTTP session, and each API's tokens and capabilities."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cancel_conformance import interrupts
from cancel_conformance.apis import api
from cancel_conformance.embedded import EmbeddedReference
from cancel_conformance.exchange import Redactor
from cancel_conformance.guard import refuse_production
from cancel_conformance.host_health import HostHealth
from cancel_conformance.http import HttpSession
from cancel_conformance.options import SuiteOptions
from cancel_conformance.outcomes import NotVerified, TargetError
from cancel_conformance.preflight import ApiCheck, check_target_once
from cancel_conformance.target import Target, load_target_file


@dataclass
class Runtime:
    """Session-wide state of one run; built lazily, closed at the end."""

    target: Target
    redactor: Redactor
    http: HttpSession
    apis: dict[str, Any]  # each API's runtime, as its package's `runtime.start` made it
    embedded: EmbeddedReference | None = field(default=None, repr=False)
    preflight: list[ApiCheck] = field(default_factory=list)  # what the run found before its first scenario

    @classmethod
    def start(cls, options: SuiteOptions, shared: Path | None = None) -> Runtime:
        """The run's target and session; `shared`: the folder where the run's processes share what they learn
        of the target's hosts (per_target.py)."""
        interrupts.check()  # an interrupted run starts no reference and no target
        embedded = None
        if options.target_file:
            target = load_target_file(options.target_file)
        else:
            embedded = EmbeddedReference(options.faults)
            target = embedded.start()
        target = target.restricted_to(list(options.apis) or None)
        if options.concurrency is not None:
            target = replace(target, limits=replace(target.limits, concurrency=options.concurrency))
        refuse_production(target.urls(), options.allow_production)
        http = HttpSession(target.limits, HostHealth(shared))
        apis = {name: api(name).module("runtime").start(described, http) for name, described in target.apis.items()}
        started = cls(target, Redactor(target.secrets()), http, apis, embedded)
        try:
            # Every process of the embedded reference's run checks its own reference; a target file's, once.
            started.preflight = check_target_once(target, http, started.redactor, None if embedded else shared)
        except BaseException:  # interrupted meanwhile: nothing is left running
            started.close()
            raise
        return started

    def api(self, name: str) -> Any | None:
        """One API's runtime, if the run checks that API."""
        return self.apis.get(name)

    def require(self, name: str) -> Any:
        """One API's runtime; a scenario of an API the target does not configure is not verified."""
        if name not in self.apis:
            raise NotVerified(f"the target does not configure the {api(name).title} API")
        unreachable = next((check.unreachable for check in self.preflight if check.api == name), "")
        if unreachable:  # found once by the preflight: an error for every rule of the API, none of them sent
            raise TargetError(unreachable)
        return self.apis[name]

    def close(self) -> None:
        self.http.close()
        if self.embedded:
            self.embedded.stop()
