"""What a run shares for the Recurring API: the merchants' access tokens, the sandbox's capabilities."""

from __future__ import annotations

from dataclasses import dataclass

from cancel_conformance.apis.vipps_merchant import (
    VippsRuntime,
    VippsTarget,
    VippsTokenProvider,
    start_vipps,
    vipps_token_clients,
)
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import NotVerified

token_clients = vipps_token_clients


@dataclass
class RecurringRuntime(VippsRuntime):
    """The Recurring API of the target; a second merchant's tokens for the rules about another's agreement."""

    second_tokens: VippsTokenProvider | None = None

    def second(self) -> VippsTokenProvider:
        if self.second_tokens is None:
            raise NotVerified("the target names no second merchant")
        return self.second_tokens


def start(target: VippsTarget, http: HttpSession) -> RecurringRuntime:
    shared = start_vipps(target, http)
    second = VippsTokenProvider(http, target.token_url, target.second_merchant) if target.second_merchant else None
    return RecurringRuntime(shared.target, shared.tokens, shared.capabilities, second)
