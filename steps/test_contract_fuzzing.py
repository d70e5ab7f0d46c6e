"""Contract fuzzing: one campaign per contract, judged rule by rule.

`contracts/pos.v10.yaml` under CON_POS_01..05, `contracts/ecom.v2.yaml` under CON_ECOM_01..05.

Run with several workers as `-n 2 --dist loadgroup` so that one worker runs the campaign once;
`-m "not contract"` leaves fuzzing out.
"""

from __future__ import annotations

import pytest

from cancel_conformance.cast.pos import Merchant
from cancel_conformance.cast.pos_states import payment_in
from cancel_conformance.clients.auth import SUBSCRIPTION_KEY_HEADER
from cancel_conformance.clients.ecom import MSN_HEADER
from cancel_conformance.clients.pos import SYSTEM_VERSION_HEADER, VAT_HEADER
from cancel_conformance.exchange import Recorder
from cancel_conformance.fixtures import merchant_of
from cancel_conformance.fuzz import checks
from cancel_conformance.fuzz.campaign import Campaign, CampaignSettings, run_campaign
from cancel_conformance.fuzz.judge import judge_rule
from cancel_conformance.outcomes import NotVerified, TargetError
from cancel_conformance.runtime import EcomRuntime, PosRuntime, Runtime
from cancel_conformance.session_keys import FINDINGS, OPTIONS, RECORDER

pytestmark = [pytest.mark.contract]


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


@pytest.fixture(scope="session")
def pos_campaign(pytestconfig: pytest.Config, runtime: Runtime) -> Campaign:
    """Fuzz the PoS contract once per run, with a real integrator token."""
    pos: PosRuntime | None = runtime.pos
    if pos is None:
        pytest.skip("the target does not configure the PoS v10 API")
    options = pytestconfig.stash[OPTIONS]
    recorder = Recorder(runtime.redactor)
    token = pos.tokens.token(recorder)
    merchant = merchant_of(runtime, pos, pos.tokens, recorder, pos.target.integrator.merchant_vat, "fuzzer")
    settings = CampaignSettings(
        contract=pytestconfig.rootpath / "contracts" / "pos.v10.yaml",
        base_url=pos.target.base_url,
        token=token,
        examples=options.fuzz_examples,
        seed=options.fuzz_seed,
        request_timeout=runtime.target.limits.read_timeout,
        fixed_headers=_fixed_headers(pos),
        known_values=_known_values(merchant),
    )
    return run_campaign(settings, runtime.http, runtime.redactor)


# One test per rule of the contract, each judging the campaign's results under its own rule.
CONTRACT_RULES = [
    pytest.param(checks.NO_SERVER_ERROR, marks=pytest.mark.CON_POS_01, id="CON_POS_01"),
    pytest.param(checks.DOCUMENTED_RESPONSES, marks=pytest.mark.CON_POS_02, id="CON_POS_02"),
    pytest.param(checks.INVALID_REFUSED, marks=pytest.mark.CON_POS_03, id="CON_POS_03"),
    pytest.param(checks.AUTH_REQUIRED, marks=pytest.mark.CON_POS_04, id="CON_POS_04"),
    pytest.param(checks.STATEFUL, marks=pytest.mark.CON_POS_05, id="CON_POS_05"),
]


@pytest.mark.pos
@pytest.mark.xdist_group("pos-contract")
@pytest.mark.parametrize("rule", CONTRACT_RULES)
def test_pos_contract(pos_campaign: Campaign, rule: int, request: pytest.FixtureRequest) -> None:
    _judge(pos_campaign, rule, request)


def _judge(campaign: Campaign, rule: int, request: pytest.FixtureRequest) -> None:
    """One rule's outcome from the campaign; its findings and evidence go to the report."""
    findings: list[dict] = []
    request.node.stash[FINDINGS] = findings
    if rule in campaign.evidence:
        request.node.stash[RECORDER] = campaign.evidence[rule]
    judge_rule(campaign, rule, findings)


@pytest.fixture(scope="session")
def ecom_campaign(pytestconfig: pytest.Config, runtime: Runtime) -> Campaign:
    """Fuzz the eCom contract once per run, with the merchant's access token and subscription key."""
    ecom: EcomRuntime | None = runtime.ecom
    if ecom is None:
        pytest.skip("the target does not configure the Vipps eCom v2 API")
    options = pytestconfig.stash[OPTIONS]
    recorder = Recorder(runtime.redactor)
    settings = CampaignSettings(
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
    return run_campaign(settings, runtime.http, runtime.redactor)


ECOM_CONTRACT_RULES = [
    pytest.param(checks.NO_SERVER_ERROR, marks=pytest.mark.CON_ECOM_01, id="CON_ECOM_01"),
    pytest.param(checks.DOCUMENTED_RESPONSES, marks=pytest.mark.CON_ECOM_02, id="CON_ECOM_02"),
    pytest.param(checks.INVALID_REFUSED, marks=pytest.mark.CON_ECOM_03, id="CON_ECOM_03"),
    pytest.param(checks.AUTH_REQUIRED, marks=pytest.mark.CON_ECOM_04, id="CON_ECOM_04"),
    pytest.param(checks.STATEFUL, marks=pytest.mark.CON_ECOM_05, id="CON_ECOM_05"),
]


@pytest.mark.ecom
@pytest.mark.xdist_group("ecom-contract")
@pytest.mark.parametrize("rule", ECOM_CONTRACT_RULES)
def test_ecom_contract(ecom_campaign: Campaign, rule: int, request: pytest.FixtureRequest) -> None:
    _judge(ecom_campaign, rule, request)
