"""The Recurring contract's fuzzing campaign: the merchant's access token and subscription key, a real ACTIVE
agreement for generated charge requests to act on; then its clean-up."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

import pytest

from cancel_conformance.apis.recurring import API
from cancel_conformance.apis.recurring.cast import Agreement, ChargeRef
from cancel_conformance.apis.recurring.fixtures import recurring_merchant_of
from cancel_conformance.apis.vipps_fuzzing import vipps_settings
from cancel_conformance.cast.fuzzing_leftovers import created, created_at
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.exchange import Exchange, Recorder
from cancel_conformance.fuzz.campaign import CampaignSettings
from cancel_conformance.outcomes import NotVerified, TargetError
from cancel_conformance.runtime import Runtime

AGREEMENTS = "/recurring/v3/agreements"
CHARGES = re.compile(r".*/recurring/v3/agreements/([^/]+)/charges")
# "DELETE .../charges/{chargeId}" cancels the charge, which then reads CANCELLED (api-facts §4): still there.
CHARGE = "/recurring/v3/agreements/{agreementId}/charges/{chargeId}"


def settings(pytestconfig: pytest.Config, runtime: Runtime, recorder: Recorder) -> CampaignSettings:
    """The Recurring contract with the merchant's keys; a charge needs an ACTIVE agreement, so generated charge
    requests name a real one most of the time."""
    return dataclasses.replace(vipps_settings(API, pytestconfig, runtime, recorder, _known_values(runtime, recorder)),
                               kept_after_delete=(CHARGE,))


def _known_values(runtime: Runtime, recorder: Recorder) -> dict[str, list[str]]:
    merchant = recurring_merchant_of(runtime, runtime.apis[API.name], recorder, "fuzzer")
    try:
        return {"path.agreementId": [merchant.new_agreement().agreement_id]}
    except (NotVerified, TargetError):
        return {}


def tidy(runtime: Runtime, recorder: Recorder, exchanges: Iterable[Exchange]) -> list[str]:
    """Cancel the charges the fuzzing created and left open, stop its agreements; what could not be, named."""
    exchanges = list(exchanges)
    merchant = recurring_merchant_of(runtime, runtime.apis[API.name], recorder, "merchant")
    cleanup = Cleanup()
    for what, identifier in created(exchanges, ((AGREEMENTS, "agreementId", "agreement"),)):
        cleanup.add(f"{what} {identifier}", lambda i=identifier: merchant.close_agreement(Agreement(i)))
    # A 201 without `chargeId` (ChargeReference does not require it) made the charge the request's orderId named.
    for agreement_id, charge_id in created_at(exchanges, CHARGES, "chargeId", given="orderId"):
        cleanup.add(f"charge {charge_id}", lambda a=agreement_id, c=charge_id: merchant.close(
            ChargeRef(a, c, 0, merchant)))
    return cleanup.run()
