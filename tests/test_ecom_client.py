"""The eCom client authenticates and sends headers as a Vipps merchant does, and records every exchange."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
import yaml

from cancel_conformance.apis.ecom.cast import EcomMerchant
from cancel_conformance.apis.ecom.client import EcomClient
from cancel_conformance.apis.ecom.sandbox import EcomSandbox
from cancel_conformance.apis.ecom.states import order_in
from cancel_conformance.apis.ecom.target import EcomTarget
from cancel_conformance.apis.vipps_merchant import VippsCredentials, VippsTokenProvider
from cancel_conformance.driver import Capabilities
from cancel_conformance.exchange import REDACTED, Recorder, Redactor
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import NotVerified, TargetError
from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.server import ReferenceServer
from tests.suite_run import ROOT

SHOP = DEMO_MERCHANTS[0]
CREDENTIALS = VippsCredentials(SHOP.client_id, SHOP.client_secret, SHOP.subscription_key, SHOP.merchant_serial_number)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with ReferenceServer() as server:
        yield server.url


@pytest.fixture
def recorder() -> Recorder:
    return Recorder(Redactor({SHOP.client_secret, SHOP.subscription_key}))


def client_for(base_url: str, recorder: Recorder, credentials: VippsCredentials = CREDENTIALS) -> EcomClient:
    target = EcomTarget(base_url=base_url, merchant=credentials)
    http = HttpSession()
    return EcomClient(http, target, VippsTokenProvider(http, target.token_url, credentials), recorder)


@pytest.fixture
def merchant(base_url: str, recorder: Recorder) -> EcomMerchant:
    client = client_for(base_url, recorder)
    sandbox = EcomSandbox(HttpSession(), base_url, client, Capabilities(HttpSession(), base_url, None), recorder)
    return EcomMerchant(client, sandbox, "merchant")


def test_the_token_comes_from_accesstoken_get_with_the_keys_as_headers_and_is_reused(
        merchant: EcomMerchant, recorder: Recorder) -> None:
    merchant.details(merchant.never_issued())
    merchant.details(merchant.never_issued())
    token_calls = [e for e in recorder.exchanges if e.url.endswith("/accesstoken/get")]
    assert len(token_calls) == 1
    headers = token_calls[0].request_headers
    assert headers["client_id"] == SHOP.client_id
    assert headers["client_secret"] == REDACTED
    assert headers["Ocp-Apim-Subscription-Key"] == REDACTED
    assert token_calls[0].status == 200


def test_every_call_carries_the_token_the_key_and_the_merchant(merchant: EcomMerchant, recorder: Recorder) -> None:
    merchant.details(merchant.never_issued())
    headers = recorder.exchanges[-1].request_headers
    assert headers["Authorization"] == f"Bearer {REDACTED}"
    assert headers["Ocp-Apim-Subscription-Key"] == REDACTED
    assert headers["Merchant-Serial-Number"] == SHOP.merchant_serial_number
    assert all(len(headers[name]) <= 30 for name in headers if name.startswith("Vipps-System-"))


def test_capture_and_refund_carry_a_request_id_and_cancel_none(merchant: EcomMerchant, recorder: Recorder) -> None:
    order = order_in(merchant, "captured in full")
    merchant.refund(order, 100)
    merchant.cancel(order)
    by_path = {e.url.rsplit("/", 1)[-1]: e.request_headers for e in recorder.exchanges}
    assert re.fullmatch(r"[0-9a-f]{32}", by_path["capture"]["X-Request-Id"])
    assert re.fullmatch(r"[0-9a-f]{32}", by_path["refund"]["X-Request-Id"])
    assert "X-Request-Id" not in by_path["cancel"]


def test_no_credential_reaches_the_recorded_exchanges(merchant: EcomMerchant, recorder: Recorder) -> None:
    order_in(merchant, "reserved")
    token = merchant.client.credentials()["Authorization"].split()[1]
    recorded = json.dumps([exchange.to_dict() for exchange in recorder.exchanges])
    for secret in (token, SHOP.client_secret, SHOP.subscription_key):
        assert secret not in recorded


def test_a_refused_token_request_is_a_named_error(base_url: str, recorder: Recorder) -> None:
    wrong = VippsCredentials(SHOP.client_id, "not-the-secret", SHOP.subscription_key, SHOP.merchant_serial_number)
    with pytest.raises(TargetError, match="refused merchant"):
        client_for(base_url, recorder, wrong).get_payment_details_using_get("never-used")


def test_the_lifetime_vipps_sends_as_a_string_is_read() -> None:
    from cancel_conformance.clients.auth import _seconds

    assert _seconds("3600") == 3600.0
    assert _seconds(86400) == 86400.0
    assert _seconds("soon") == 3600.0


def test_there_is_one_method_per_contract_operation() -> None:
    """Named after the operationId in snake case: cancelPaymentRequestUsingPUT -> cancel_payment_request_using_put."""
    contract = yaml.safe_load((ROOT / "contracts" / "ecom.v2.yaml").read_text("utf-8"))
    operation_ids = {op["operationId"] for path in contract["paths"].values() for op in path.values()
                     if isinstance(op, dict) and "operationId" in op}
    snake = {re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", op_id).lower() for op_id in operation_ids}
    assert snake <= set(dir(EcomClient)), sorted(snake - set(dir(EcomClient)))


def test_the_hooks_act_with_the_merchants_token_and_key(merchant: EcomMerchant, recorder: Recorder) -> None:
    order = merchant.start_order()
    assert merchant.customer.reject(order).done
    hook = recorder.exchanges[-1]
    assert hook.url.endswith(f"/simulation/v1/ecom/payments/{order.order_id}/reject")
    assert hook.request_headers["Authorization"] == f"Bearer {REDACTED}"
    assert hook.request_headers["Ocp-Apim-Subscription-Key"] == REDACTED
    assert hook.actor == "customer"


def test_a_hook_the_sandbox_lacks_leaves_the_scenario_not_verified(base_url: str, recorder: Recorder) -> None:
    client = client_for(base_url, recorder)
    bare = Capabilities(HttpSession(), base_url, frozenset({"ecom.approve"}))
    merchant = EcomMerchant(client, EcomSandbox(HttpSession(), base_url, client, bare, recorder), "merchant")
    with pytest.raises(NotVerified, match=r"sandbox lacks `ecom\.age`"):
        merchant.time.age(merchant.never_issued(), 181)
