"""What the Vipps APIs' fuzzing campaigns share: the merchant's access token, subscription key and serial number."""

from __future__ import annotations

import pytest

from cancel_conformance.apis import Api
from cancel_conformance.apis.vipps_merchant import MSN_HEADER, SUBSCRIPTION_KEY_HEADER, VippsRuntime
from cancel_conformance.exchange import Recorder
from cancel_conformance.fuzz.campaign import CampaignSettings
from cancel_conformance.runtime import Runtime
from cancel_conformance.session_keys import OPTIONS


def vipps_settings(api: Api, pytestconfig: pytest.Config, runtime: Runtime, recorder: Recorder,
                   known_values: dict[str, list[str]] | None = None) -> CampaignSettings:
    """The API's contract against the target, with the merchant's access token and subscription key."""
    vipps: VippsRuntime = runtime.apis[api.name]
    options = pytestconfig.stash[OPTIONS]
    return CampaignSettings(
        contract=pytestconfig.rootpath / "contracts" / api.contract,
        base_url=vipps.target.base_url,
        token=vipps.tokens.token(recorder),
        api_keys={SUBSCRIPTION_KEY_HEADER: vipps.target.merchant.subscription_key},
        examples=options.fuzz_examples,
        seed=options.fuzz_seed,
        request_timeout=runtime.target.limits.read_timeout,
        # The merchant the token acts for: a generated serial number names some other sales unit.
        fixed_headers={MSN_HEADER: vipps.target.merchant.merchant_serial_number},
        # A reused id (orderId, reference) is refused: requests built on the contract's example need their own.
        unique_example_ids=True,
        known_values=known_values or {},
    )
