"""The PoS contract's fuzzing campaign: a real integrator's token and headers, real ids; then its clean-up."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from cancel_conformance.apis.pos import API
from cancel_conformance.apis.pos.cast import OPEN_PAYMENT_STATES, OPEN_REFUND_STATES, Merchant
from cancel_conformance.apis.pos.client import SYSTEM_VERSION_HEADER, VAT_HEADER
from cancel_conformance.apis.pos.fixtures import merchant_of
from cancel_conformance.apis.pos.runtime import PosRuntime
from cancel_conformance.apis.pos.states import payment_in
from cancel_conformance.cast.fuzzing_leftovers import created
from cancel_conformance.cleanup import Cleanup, close_if_open, deleted
from cancel_conformance.exchange import Exchange, Recorder
from cancel_conformance.fuzz.campaign import CampaignSettings
from cancel_conformance.outcomes import NotVerified, TargetError
from cancel_conformance.runtime import Runtime
from cancel_conformance.session_keys import OPTIONS

# (path of the creating operation, the answer's id field, what it creates), in the order to register them:
# the clean-up runs in reverse, so refunds close before payments, payments before their point of sale.
CREATES = (("/pos/v10/pointofsales", "posId", "point of sale"), ("/pos/v10/payments", "paymentId", "payment"),
           ("/pos/v10/payments/prepare", "paymentId", "payment"), ("/pos/v10/refunds", "refundId", "refund"))


def settings(pytestconfig: pytest.Config, runtime: Runtime, recorder: Recorder) -> CampaignSettings:
    """The PoS contract against the target, with a real integrator token; `recorder` keeps the set-up's
    requests (the resources it opens for known values are cleaned up with the campaign's)."""
    pos: PosRuntime = runtime.apis[API.name]
    options = pytestconfig.stash[OPTIONS]
    token = pos.tokens.token(recorder)
    merchant = merchant_of(runtime, pos, pos.tokens, recorder, pos.target.integrator.merchant_vat, "fuzzer")
    return CampaignSettings(
        contract=pytestconfig.rootpath / "contracts" / API.contract,
        base_url=pos.target.base_url,
        token=token,
        examples=options.fuzz_examples,
        seed=options.fuzz_seed,
        request_timeout=runtime.target.limits.read_timeout,
        fixed_headers=_fixed_headers(pos),
        known_values=_known_values(merchant),
    )


def tidy(runtime: Runtime, recorder: Recorder, exchanges: Iterable[Exchange]) -> list[str]:
    """Close what the PoS fuzzing opened; what could not be closed, named."""
    pos: PosRuntime = runtime.apis[API.name]
    client = merchant_of(runtime, pos, pos.tokens, recorder, pos.target.integrator.merchant_vat, "merchant").client
    cleanup = Cleanup()
    for what, identifier in created(exchanges, CREATES):
        if what == "point of sale":
            cleanup.add(f"{what} {identifier}", lambda i=identifier: deleted(lambda: client.delete_pos(i)))
        elif what == "payment":
            cleanup.add(f"{what} {identifier}", lambda i=identifier: close_if_open(
                lambda: client.query_payment(i), lambda: client.cancel_payment(i), OPEN_PAYMENT_STATES))
        else:
            cleanup.add(f"{what} {identifier}", lambda i=identifier: close_if_open(
                lambda: client.get_refund(i), lambda: client.cancel_refund(i), OPEN_REFUND_STATES))
    return cleanup.run()


def _known_values(merchant: Merchant) -> dict[str, list[str]]:
    """Real ids to fuzz with: the merchant's stores, a point of sale, a captured payment (when reachable)."""
    stores = merchant.client.get_stores()
    known = {"body.storeId": list(stores.body.get("storeIds") or [])} if isinstance(stores.body, dict) else {}
    try:
        captured = payment_in(merchant, "Captured")
    except (NotVerified, TargetError):
        return known
    return {**known, "body.posId": [captured.pos.pos_id], "body.paymentId": [captured.payment_id]}


def _fixed_headers(pos: PosRuntime) -> dict[str, str]:
    """Headers every fuzzed request carries as a real integrator sends them."""
    # The merchant the token acts for (a generated VAT number names some other merchant), and the
    # certified system version (generators rarely hit its Major.Minor.Build pattern, which hides
    # every other invalid value behind a 400 for the header).
    headers = {SYSTEM_VERSION_HEADER: pos.target.client_system_version}
    if pos.target.integrator.merchant_vat:
        headers[VAT_HEADER] = pos.target.integrator.merchant_vat
    return headers
