"""The eCom contract's fuzzing campaign: the merchant's access token, subscription key and serial number;
then its clean-up."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from cancel_conformance.apis.ecom import API
from cancel_conformance.apis.ecom.cast import Order
from cancel_conformance.apis.ecom.fixtures import ecom_merchant_of
from cancel_conformance.apis.ecom.runtime import EcomRuntime
from cancel_conformance.apis.vipps_merchant import MSN_HEADER, SUBSCRIPTION_KEY_HEADER
from cancel_conformance.cast.fuzzing_leftovers import created
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.exchange import Exchange, Recorder
from cancel_conformance.fuzz.campaign import CampaignSettings
from cancel_conformance.runtime import Runtime
from cancel_conformance.session_keys import OPTIONS

CREATES = (("/ecomm/v2/payments", "orderId", "order"),)


def settings(pytestconfig: pytest.Config, runtime: Runtime, recorder: Recorder) -> CampaignSettings:
    """The eCom contract against the target, with the merchant's access token and subscription key."""
    ecom: EcomRuntime = runtime.apis[API.name]
    options = pytestconfig.stash[OPTIONS]
    return CampaignSettings(
        contract=pytestconfig.rootpath / "contracts" / API.contract,
        base_url=ecom.target.base_url,
        token=ecom.tokens.token(recorder),
        api_keys={SUBSCRIPTION_KEY_HEADER: ecom.target.merchant.subscription_key},
        examples=options.fuzz_examples,
        seed=options.fuzz_seed,
        request_timeout=runtime.target.limits.read_timeout,
        # The merchant the token acts for: a generated serial number names some other sales unit.
        fixed_headers={MSN_HEADER: ecom.target.merchant.merchant_serial_number},
        # "A reused orderId -> 4xx": requests built on the contract's example need an order id of their own.
        unique_example_ids=True,
        # No known order ids: generated ones name unknown orders, whose answers are part of the contract
        # too; the examples and the link walk take real orders from initiate to cancel.
    )


def tidy(runtime: Runtime, recorder: Recorder, exchanges: Iterable[Exchange]) -> list[str]:
    """Cancel the orders the eCom fuzzing initiated and left open; what could not be closed, named."""
    merchant = ecom_merchant_of(runtime, runtime.apis[API.name], recorder, "merchant")
    cleanup = Cleanup()
    for what, identifier in created(exchanges, CREATES):
        cleanup.add(f"{what} {identifier}", lambda i=identifier: merchant.close(Order(i, 0, merchant)))
    return cleanup.run()
