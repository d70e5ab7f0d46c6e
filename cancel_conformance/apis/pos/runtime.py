"""What a run shares for the PoS API: one token provider per integrator, the sandbox's capabilities."""

from __future__ import annotations

from dataclasses import dataclass

from cancel_conformance.apis.pos.auth import PosTokenProvider
from cancel_conformance.apis.pos.target import PosTarget
from cancel_conformance.driver import Capabilities
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import NotVerified


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


def token_clients(pos: PosTarget, http: HttpSession) -> dict[str, PosTokenProvider]:
    """Each integrator the target names (by its section), with a token provider of its own."""
    named = {"integrator": pos.integrator, "second_integrator": pos.second_integrator}
    return {role: PosTokenProvider(http, pos.token_url, credentials) for role, credentials in named.items()
            if credentials is not None}


def start(pos: PosTarget, http: HttpSession) -> PosRuntime:
    second = PosTokenProvider(http, pos.token_url, pos.second_integrator) if pos.second_integrator else None
    return PosRuntime(
        target=pos,
        tokens=PosTokenProvider(http, pos.token_url, pos.integrator),
        second_tokens=second,
        capabilities=Capabilities(http, pos.hooks_url, pos.capabilities),
    )
