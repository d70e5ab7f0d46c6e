"""Contract fuzzing of `contracts/ecom.v2.yaml`: one campaign per run, judged rule by rule (CON_ECOM_01..05)."""

from __future__ import annotations

import pytest

from cancel_conformance.clients.auth import SUBSCRIPTION_KEY_HEADER
from cancel_conformance.clients.ecom import MSN_HEADER
from cancel_conformance.exchange import Recorder
from cancel_conformance.fuzz import checks
from cancel_conformance.fuzz.campaign import Campaign, CampaignSettings, run_campaign
from cancel_conformance.runtime import EcomRuntime, Runtime
from cancel_conformance.session_keys import OPTIONS
from steps.contract_fuzzing import judge_contract_rule

pytestmark = [pytest.mark.contract]


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
@pytest.mark.parametrize("rule", ECOM_CONTRACT_RULES)
def test_ecom_contract(ecom_campaign: Campaign, rule: int, request: pytest.FixtureRequest) -> None:
    judge_contract_rule(ecom_campaign, rule, request)
