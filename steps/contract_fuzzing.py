"""What the contract-fuzzing test modules share: each contract's campaign settings, and judging a rule.

Each contract's campaign runs in two halves, one per test module (examples and coverage; fuzzing,
stateful sequences, 401 probes and the link walk), so that two workers share the work.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from cancel_conformance.cast.fuzzing_leftovers import tidy_ecom, tidy_pos
from cancel_conformance.cast.pos import Merchant
from cancel_conformance.cast.pos_states import payment_in
from cancel_conformance.clients.auth import SUBSCRIPTION_KEY_HEADER
from cancel_conformance.clients.ecom import MSN_HEADER
from cancel_conformance.clients.pos import SYSTEM_VERSION_HEADER, VAT_HEADER
from cancel_conformance.exchange import Recorder
from cancel_conformance.fixtures import ecom_merchant_of, merchant_of
from cancel_conformance.fuzz import checks
from cancel_conformance.fuzz.campaign import Campaign, CampaignSettings, Part, run_campaign
from cancel_conformance.fuzz.judge import judge_rule
from cancel_conformance.outcomes import NotVerified, TargetError
from cancel_conformance.runtime import EcomRuntime, PosRuntime, Runtime
from cancel_conformance.session_keys import FINDINGS, LEFT_BEHIND, OPTIONS, RECORDER
from cancel_conformance.target import POS_V10


def run_part(api: str, part: Part, pytestconfig: pytest.Config, runtime: Runtime) -> Campaign:
    """One half of an API's campaign; then what it (and its set-up) created is cleaned up, the clean-up's
    requests recorded with the generated ones, under CON_*_01."""
    setup = Recorder(runtime.redactor)
    settings = (pos_settings if api == POS_V10 else ecom_settings)(pytestconfig, runtime, setup)
    campaign = run_campaign(replace(settings, part=part), runtime.http, runtime.redactor)
    evidence = campaign.evidence.setdefault(checks.NO_SERVER_ERROR, Recorder(runtime.redactor))
    exchanges = [*setup.exchanges, *(x for recorder in campaign.evidence.values() for x in recorder.exchanges)]
    # The settings skipped the test unless the target configures this API.
    if api == POS_V10:
        pos = runtime.pos
        merchant = merchant_of(runtime, pos, pos.tokens, evidence, pos.target.integrator.merchant_vat, "merchant")
        campaign.left_behind = tidy_pos(merchant, exchanges)
    else:
        campaign.left_behind = tidy_ecom(ecom_merchant_of(runtime, runtime.ecom, evidence, "merchant"), exchanges)
    return campaign


def judge_contract_rule(campaign: Campaign, rule: int, request: pytest.FixtureRequest) -> None:
    """One rule's outcome from the campaign; its findings and evidence go to the report (what the campaign
    could not clean up goes with CON_*_01, whose evidence holds what it created)."""
    findings: list[dict] = []
    request.node.stash[FINDINGS] = findings
    if rule in campaign.evidence:
        request.node.stash[RECORDER] = campaign.evidence[rule]
    if rule == checks.NO_SERVER_ERROR:
        request.node.stash[LEFT_BEHIND] = campaign.left_behind
    judge_rule(campaign, rule, findings)


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


def pos_settings(pytestconfig: pytest.Config, runtime: Runtime, recorder: Recorder) -> CampaignSettings:
    """The PoS contract against the target, with a real integrator token; `recorder` keeps the set-up's
    requests (the resources it opens for known values are cleaned up with the campaign's)."""
    pos: PosRuntime | None = runtime.pos
    if pos is None:
        pytest.skip("the target does not configure the PoS v10 API")
    options = pytestconfig.stash[OPTIONS]
    token = pos.tokens.token(recorder)
    merchant = merchant_of(runtime, pos, pos.tokens, recorder, pos.target.integrator.merchant_vat, "fuzzer")
    return CampaignSettings(
        contract=pytestconfig.rootpath / "contracts" / "pos.v10.yaml",
        base_url=pos.target.base_url,
        token=token,
        examples=options.fuzz_examples,
        seed=options.fuzz_seed,
        request_timeout=runtime.target.limits.read_timeout,
        fixed_headers=_fixed_headers(pos),
        known_values=_known_values(merchant),
    )


def ecom_settings(pytestconfig: pytest.Config, runtime: Runtime, recorder: Recorder) -> CampaignSettings:
    """The eCom contract against the target, with the merchant's access token and subscription key."""
    ecom: EcomRuntime | None = runtime.ecom
    if ecom is None:
        pytest.skip("the target does not configure the Vipps eCom v2 API")
    options = pytestconfig.stash[OPTIONS]
    return CampaignSettings(
        contract=pytestconfig.rootpath / "contracts" / "ecom.v2.yaml",
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
