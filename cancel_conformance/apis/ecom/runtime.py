"""What a run shares for the eCom API: the merchant's access tokens, the sandbox's capabilities."""

from __future__ import annotations

from dataclasses import dataclass

from cancel_conformance.apis.vipps_merchant import VippsTarget, VippsTokenProvider
from cancel_conformance.driver import Capabilities
from cancel_conformance.http import HttpSession


@dataclass
class EcomRuntime:
    """The eCom API of the target, with the merchant's access tokens."""

    target: VippsTarget
    tokens: VippsTokenProvider
    capabilities: Capabilities


def start(ecom: VippsTarget, http: HttpSession) -> EcomRuntime:
    return EcomRuntime(ecom, VippsTokenProvider(http, ecom.token_url, ecom.merchant),
                       Capabilities(http, ecom.hooks_url, ecom.capabilities))
