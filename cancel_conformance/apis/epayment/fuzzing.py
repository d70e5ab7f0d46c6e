"""The ePayment contract's fuzzing campaign: the merchant's access token, subscription key and serial number;
then its clean-up."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from cancel_conformance.apis.epayment import API
from cancel_conformance.apis.epayment.cast import EPayment
from cancel_conformance.apis.epayment.fixtures import epayment_merchant_of
from cancel_conformance.apis.epayment.runtime import EpaymentRuntime
from cancel_conformance.apis.vipps_merchant import MSN_HEADER, SUBSCRIPTION_KEY_HEADER
from cancel_conformance.cast.fuzzing_leftovers import created
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.exchange import Exchange, Recorder
from cancel_conformance.fuzz.campaign import CampaignSettings
from cancel_conformance.runtime import Runtime
from cancel_conformance.session_keys import OPTIONS

CREATES = (("/epayment/v1/payments", "reference", "ePayment"),)


def settings(pytestconfig: pytest.Config, runtime: Runtime, recorder: Recorder) -> CampaignSettings:
    """The ePayment contract against the target, with the merchant's access token and subscription key."""
    epayment: EpaymentRuntime = runtime.apis[API.name]
    options = pytestconfig.stash[OPTIONS]
    return CampaignSettings(
        contract=pytestconfig.rootpath / "contracts" / API.contract,
        base_url=epayment.target.base_url,
        token=epayment.tokens.token(recorder),
        api_keys={SUBSCRIPTION_KEY_HEADER: epayment.target.merchant.subscription_key},
        examples=options.fuzz_examples,
        seed=options.fuzz_seed,
        request_timeout=runtime.target.limits.read_timeout,
        # The merchant the token acts for: a generated serial number names some other sales unit.
        fixed_headers={MSN_HEADER: epayment.target.merchant.merchant_serial_number},
        # A reference already used is refused (409): requests built on the contract's example need their own,
        # and so does each Idempotency-Key.
        unique_example_ids=True,
    )


def tidy(runtime: Runtime, recorder: Recorder, exchanges: Iterable[Exchange]) -> list[str]:
    """Cancel the ePayments the fuzzing created and left open; what could not be closed, named."""
    merchant = epayment_merchant_of(runtime, runtime.apis[API.name], recorder, "merchant")
    cleanup = Cleanup()
    for what, identifier in created(exchanges, CREATES):
        cleanup.add(f"{what} {identifier}", lambda i=identifier: merchant.close(EPayment(i, 0, merchant)))
    return cleanup.run()
