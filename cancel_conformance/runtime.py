"""What a run shares across scenarios: the target, one HTTP session, tokens, sandbox capabilities."""

from __future__ import annotations

from dataclasses import dataclass, field

from cancel_conformance.clients.auth import PosTokenProvider, VippsTokenProvider
from cancel_conformance.driver import Capabilities
from cancel_conformance.embedded import EmbeddedReference
from cancel_conformance.exchange import Redactor
from cancel_conformance.guard import refuse_production
from cancel_conformance.http import HttpSession
from cancel_conformance.options import SuiteOptions
from cancel_conformance.outcomes import NotVerified
from cancel_conformance.target import EcomTarget, PosTarget, Target, load_target_file


@dataclass
class PosRuntime:
    """The PoS API of the target, with one token provider per integrator."""

    target: PosTarget
    tokens: PosTokenProvider
    second_tokens: PosTokenProvider | None
    capabilities: Capabilities

    def second(self) -> PosTokenProvider:
        if self.second_tokens is None or self.target.second_integrator is None:
            raise NotVerified("the target names no second integrator")
        return self.second_tokens


@dataclass
class EcomRuntime:
    """The eCom API of the target, with the merchant's access tokens."""

    target: EcomTarget
    tokens: VippsTokenProvider
    capabilities: Capabilities


@dataclass
class Runtime:
    """Session-wide state of one run; built lazily, closed at the end."""

    target: Target
    redactor: Redactor
    http: HttpSession
    pos: PosRuntime | None
    embedded: EmbeddedReference | None = field(default=None, repr=False)
    ecom: EcomRuntime | None = None

    @classmethod
    def start(cls, options: SuiteOptions) -> Runtime:
        embedded = None
        if options.target_file:
            target = load_target_file(options.target_file)
        else:
            embedded = EmbeddedReference(options.faults)
            target = embedded.start()
        target = target.restricted_to(list(options.apis) or None)
        refuse_production(target.urls(), options.allow_production)
        http = HttpSession(target.limits)
        return cls(target, Redactor(target.secrets()), http, _pos_runtime(target, http), embedded,
                   _ecom_runtime(target, http))

    def close(self) -> None:
        self.http.close()
        if self.embedded:
            self.embedded.stop()


def _pos_runtime(target: Target, http: HttpSession) -> PosRuntime | None:
    pos = target.pos
    if pos is None:
        return None
    second = PosTokenProvider(http, pos.token_url, pos.second_integrator) if pos.second_integrator else None
    return PosRuntime(
        target=pos,
        tokens=PosTokenProvider(http, pos.token_url, pos.integrator),
        second_tokens=second,
        capabilities=Capabilities(http, pos.hooks_url, pos.capabilities),
    )


def _ecom_runtime(target: Target, http: HttpSession) -> EcomRuntime | None:
    ecom = target.ecom
    if ecom is None:
        return None
    return EcomRuntime(ecom, VippsTokenProvider(http, ecom.token_url, ecom.merchant),
                       Capabilities(http, ecom.hooks_url, ecom.capabilities))
