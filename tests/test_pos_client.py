"""The PoS client authenticates and sends headers as a real integrator does, and records every exchange."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import yaml

from cancel_conformance.apis.pos.auth import PosTokenProvider
from cancel_conformance.apis.pos.client import INVALID_TOKEN, NO_TOKEN, OMIT, PosClient
from cancel_conformance.apis.pos.target import Credentials, PosTarget
from cancel_conformance.exchange import REDACTED, Recorder, Redactor
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import TargetError
from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.server import ReferenceServer
from tests.suite_run import ROOT

INTEGRATOR = DEMO_INTEGRATORS[0]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with ReferenceServer() as server:
        yield server.url


@pytest.fixture
def recorder() -> Recorder:
    return Recorder(Redactor({INTEGRATOR.client_secret}))


@pytest.fixture
def client(base_url: str, recorder: Recorder) -> PosClient:
    credentials = Credentials(INTEGRATOR.client_id, INTEGRATOR.client_secret, INTEGRATOR.merchant_vat)
    target = PosTarget(base_url=base_url, integrator=credentials)
    http = HttpSession()
    return PosClient(http, target, PosTokenProvider(http, target.token_url, credentials), recorder,
                     merchant_vat=INTEGRATOR.merchant_vat)


def test_the_first_call_fetches_a_token_and_later_calls_reuse_it(client: PosClient, recorder: Recorder) -> None:
    client.get_stores()
    client.get_stores()
    urls = [exchange.url for exchange in recorder.exchanges]
    assert urls[0].endswith("/integrator-authentication/connect/token")
    assert sum(url.endswith("/connect/token") for url in urls) == 1


def test_every_call_carries_the_documented_headers(client: PosClient, recorder: Recorder) -> None:
    client.get_stores()
    headers = recorder.exchanges[-1].request_headers
    assert headers["Authorization"] == f"Bearer {REDACTED}"
    assert headers["X-MobilePay-Client-System-Version"] == "1.0.0"
    assert headers["X-MobilePay-Merchant-VAT-Number"] == INTEGRATOR.merchant_vat


def test_no_credential_reaches_the_recorded_exchanges(client: PosClient, recorder: Recorder) -> None:
    token = client.token()
    client.get_stores()
    recorded = json.dumps([exchange.to_dict() for exchange in recorder.exchanges])
    assert token not in recorded
    assert INTEGRATOR.client_secret not in recorded


def test_create_calls_get_a_fresh_idempotency_key_unless_told_otherwise(client: PosClient,
                                                                        recorder: Recorder) -> None:
    stores = client.get_stores().body["storeIds"]
    body = {"merchantPosId": "till-client-test", "storeId": stores[0], "name": "Till", "supportedBeaconTypes": ["QR"]}
    client.create_pos(body)
    first = recorder.exchanges[-1].request_headers["X-MobilePay-Idempotency-Key"]
    client.create_pos(body, idempotency_key=first)
    assert recorder.exchanges[-1].request_headers["X-MobilePay-Idempotency-Key"] == first
    assert recorder.exchanges[-1].status == 200
    missing = client.create_pos(body, idempotency_key=OMIT)
    assert "X-MobilePay-Idempotency-Key" not in missing.exchange.request_headers
    assert missing.status == 400
    assert missing.error_code == "1164"


@pytest.mark.parametrize("auth", [NO_TOKEN, INVALID_TOKEN])
def test_a_call_can_be_sent_without_a_valid_token(client: PosClient, auth: str) -> None:
    result = client.cancel_payment("5b2f2f5e-1111-4c4c-8a8a-000000000001", auth=auth)
    assert result.status == 401


def test_an_unreachable_target_is_a_named_error(recorder: Recorder) -> None:
    credentials = Credentials("id", "secret-value")
    target = PosTarget(base_url="http://127.0.0.1:9", integrator=credentials)
    http = HttpSession()
    client = PosClient(http, target, PosTokenProvider(http, target.token_url, credentials), recorder)
    with pytest.raises(TargetError, match="connection refused"):
        client.get_stores()
    assert recorder.exchanges[-1].error is not None


def test_there_is_one_method_per_contract_operation() -> None:
    """Named after the operationId: CancelPayment -> cancel_payment."""
    contract = yaml.safe_load((ROOT / "contracts" / "pos.v10.yaml").read_text("utf-8"))
    operation_ids = {op["operationId"] for path in contract["paths"].values() for op in path.values()
                     if isinstance(op, dict) and "operationId" in op}
    methods = {"".join(part.capitalize() for part in name.split("_")) for name in dir(PosClient)
               if not name.startswith("_")}
    assert operation_ids <= methods, sorted(operation_ids - methods)
