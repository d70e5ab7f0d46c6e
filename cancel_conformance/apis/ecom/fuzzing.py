"""The eCom contract's fuzzing campaign: the merchant's access token, subscription key and serial number;
then its clean-up."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from cancel_conformance.apis.ecom import API
from cancel_conformance.apis.ecom.cast import Order
from cancel_conformance.apis.ecom.fixtures import ecom_merchant_of
from cancel_conformance.apis.vipps_fuzzing import vipps_settings
from cancel_conformance.cast.fuzzing_leftovers import created
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.exchange import Exchange, Recorder
from cancel_conformance.fuzz.campaign import CampaignSettings
from cancel_conformance.runtime import Runtime

CREATES = (("/ecomm/v2/payments", "orderId", "order"),)


def settings(pytestconfig: pytest.Config, runtime: Runtime, recorder: Recorder) -> CampaignSettings:
    """The eCom contract with the merchant's keys; no known order ids: generated ones name unknown orders, whose
    answers are part of the contract too, and the examples and the link walk take real orders to a cancel."""
    return vipps_settings(API, pytestconfig, runtime, recorder)


def tidy(runtime: Runtime, recorder: Recorder, exchanges: Iterable[Exchange]) -> list[str]:
    """Cancel the orders the eCom fuzzing initiated and left open; what could not be closed, named."""
    merchant = ecom_merchant_of(runtime, runtime.apis[API.name], recorder, "merchant")
    cleanup = Cleanup()
    for what, identifier in created(exchanges, CREATES):
        cleanup.add(f"{what} {identifier}", lambda i=identifier: merchant.close(Order(i, 0, merchant)))
    return cleanup.run()
