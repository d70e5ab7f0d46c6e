"""After a run, what the scenarios created is closed: no payment or refund left open, no point of sale left."""

from __future__ import annotations

import json
from pathlib import Path

import requests

from cancel_conformance.apis.pos.cast import OPEN_PAYMENT_STATES, OPEN_REFUND_STATES
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.server import ReferenceServer
from tests.suite_run import run_suite
from tests.test_target_file_run import TARGET, credentials_env


def test_cleanup_runs_in_reverse_order_and_never_raises() -> None:
    done: list[str] = []
    tidy = Cleanup()
    tidy.add("first", lambda: done.append("first"))
    tidy.add("broken", lambda: 1 / 0)
    tidy.add("stuck", lambda: "still Reserved: the cancel answered 409")
    assert tidy.run() == ["stuck: still Reserved: the cancel answered 409",
                          "broken: ZeroDivisionError: division by zero"]
    assert done == ["first"]
    assert tidy.run() == []


def test_a_run_leaves_no_pos_payment_refund_or_point_of_sale_open(tmp_path: Path) -> None:
    with ReferenceServer() as server:
        target = tmp_path / "target.toml"
        target.write_text(TARGET.format(url=server.url), "utf-8")
        run = run_suite(tmp_path / "reports", f"--target-file={target}", "--api=pos.v10", "--", "-m", "not contract",
                        env=credentials_env())
        created = _created(tmp_path / "reports" / "evidence.jsonl")
        reader = _reader(server.url)
        left = [f"payment {pid}: {state}" for pid in created["paymentId"]
                if (state := reader(f"/pos/v10/payments/{pid}").json()["status"]) in OPEN_PAYMENT_STATES]
        left += [f"refund {rid}: {state}" for rid in created["refundId"]
                 if (state := reader(f"/pos/v10/refunds/{rid}").json()["status"]) in OPEN_REFUND_STATES]
        left += [f"point of sale {pos}" for pos in created["posId"]
                 if reader(f"/pos/v10/pointofsales/{pos}").status_code != 404]
    assert run.results is not None
    assert created["paymentId"]
    assert created["posId"]
    assert left == []


def test_contract_fuzzing_leaves_nothing_it_created_open(tmp_path: Path) -> None:
    with ReferenceServer() as server:
        target = tmp_path / "target.toml"
        target.write_text(TARGET.format(url=server.url), "utf-8")
        run = run_suite(tmp_path / "reports", f"--target-file={target}", "--api=pos.v10", "--fuzz-examples=5",
                        "--", "-m", "contract", env=credentials_env())
        created = _created(tmp_path / "reports" / "evidence.jsonl", actors=("fuzzer",))
        reader = _reader(server.url)
        left = [f"payment {pid}: {state}" for pid in created["paymentId"]
                if (state := reader(f"/pos/v10/payments/{pid}").json()["status"]) in OPEN_PAYMENT_STATES]
        left += [f"point of sale {pos}" for pos in created["posId"]
                 if reader(f"/pos/v10/pointofsales/{pos}").status_code != 404]
    assert run.results is not None
    assert created["posId"], "the fuzzing opened no point of sale: nothing was shown to be cleaned up"
    assert left == []
    assert all(not scenario["left_behind"] for rule in run.results["rules"] for scenario in rule["scenarios"])


def _created(evidence: Path, actors: tuple[str, ...] = ("merchant",)) -> dict[str, set[str]]:
    """The ids the first integrator's create calls returned, read from the run's evidence."""
    created: dict[str, set[str]] = {"paymentId": set(), "refundId": set(), "posId": set()}
    for line in evidence.read_text("utf-8").split("\n")[:-1]:
        exchange = json.loads(line)
        if exchange["method"] != "POST" or exchange["status"] != 200 or exchange["actor"] not in actors:
            continue
        body = json.loads(exchange["response_body"] or "null")
        for name in created:
            if isinstance(body, dict) and name in body and not exchange["url"].endswith("/cancel"):
                created[name].add(body[name])
    return created


def _reader(url: str):
    integrator = DEMO_INTEGRATORS[0]
    token = requests.post(f"{url}/integrator-authentication/connect/token", auth=(integrator.client_id,
                          integrator.client_secret), data={"grant_type": "client_credentials",
                                                           "merchant_vat": integrator.merchant_vat}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}", "X-MobilePay-Client-System-Version": "1.0.0"}
    return lambda path: requests.get(f"{url}{path}", headers=headers, timeout=5)
