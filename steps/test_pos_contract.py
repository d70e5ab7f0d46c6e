"""Contract fuzzing of `contracts/pos.v10.yaml`: one campaign per run, judged rule by rule (CON_POS_01..05)."""

from __future__ import annotations

import pytest

from cancel_conformance.cast.pos import Merchant
from cancel_conformance.cast.pos_states import payment_in
from cancel_conformance.clients.pos import SYSTEM_VERSION_HEADER, VAT_HEADER
from cancel_conformance.exchange import Recorder
from cancel_conformance.fixtures import merchant_of
from cancel_conformance.fuzz import checks
from cancel_conformance.fuzz.campaign import Campaign, CampaignSettings, run_campaign
from cancel_conformance.outcomes import NotVerified, TargetError
from cancel_conformance.runtime import PosRuntime, Runtime
from cancel_conformance.session_keys import OPTIONS
from steps.contract_fuzzing import judge_contract_rule

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
@pytest.mark.parametrize("rule", CONTRACT_RULES)
def test_pos_contract(pos_campaign: Campaign, rule: int, request: pytest.FixtureRequest) -> None:
    judge_contract_rule(pos_campaign, rule, request)
