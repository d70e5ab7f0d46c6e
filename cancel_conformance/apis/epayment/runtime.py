"""What a run shares for the ePayment API: the merchant's access tokens, the sandbox's capabilities."""

from __future__ import annotations

from cancel_conformance.apis.vipps_merchant import VippsRuntime, start_vipps, vipps_token_clients

EpaymentRuntime = VippsRuntime
start = start_vipps
token_clients = vipps_token_clients
