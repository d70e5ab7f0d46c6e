"""The ePayment contract's fuzzing campaign: the merchant's access token, subscription key and serial number;
then its clean-up."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from cancel_conformance.apis.epayment import API
from cancel_conformance.apis.epayment.cast import EPayment
from cancel_conformance.apis.epayment.fixtures import epayment_merchant_of
from cancel_conformance.apis.vipps_fuzzing import vipps_settings
from cancel_conformance.cast.fuzzing_leftovers import created
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.exchange import Exchange, Recorder
from cancel_conformance.fuzz.campaign import CampaignSettings
from cancel_conformance.runtime import Runtime

CREATES = (("/epayment/v1/payments", "reference", "ePayment"),)


def settings(pytestconfig: pytest.Config, runtime: Runtime, recorder: Recorder) -> CampaignSettings:
    """The ePayment contract with the merchant's keys and serial number (every call carries it)."""
    return vipps_settings(API, pytestconfig, runtime, recorder)


def tidy(runtime: Runtime, recorder: Recorder, exchanges: Iterable[Exchange]) -> list[str]:
    """Cancel the ePayments the fuzzing created and left open; what could not be closed, named."""
    merchant = epayment_merchant_of(runtime, runtime.apis[API.name], recorder, "merchant")
    cleanup = Cleanup()
    for what, identifier in created(exchanges, CREATES):
        cleanup.add(f"{what} {identifier}", lambda i=identifier: merchant.close(EPayment(i, 0, merchant)))
    return cleanup.run()
