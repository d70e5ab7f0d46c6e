"""What a run shares for the eCom API: the merchant's access tokens, the sandbox's capabilities."""

from __future__ import annotations

from cancel_conformance.apis.vipps_merchant import VippsRuntime, start_vipps

EcomRuntime = VippsRuntime
start = start_vipps
