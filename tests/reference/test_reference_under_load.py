"""The reference under load: many threads, mixed operations on shared payments of both APIs, 0 server
errors, and the money invariants intact (no payment both captured and cancelled, refunds within the
capture; for eCom, nothing captured after a cancel and every amount within the reservation)."""

from __future__ import annotations

import random
import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from cancel_conformance.reference.server import ReferenceServer
from tests.reference.ecom.ecom_client import EcomApi
from tests.reference.reference_client import Api, fresh_key

THREADS = 8
OPERATIONS_PER_THREAD = 60
PAYMENTS = 16
AMOUNT = 100
ORDER_AMOUNT = 30000  # eCom amounts are in minor units


def test_mixed_concurrent_operations_keep_every_invariant(reference: ReferenceServer) -> None:
    setup = Api(reference.url)
    payments = [setup.payment_in("Reserved") for _ in range(PAYMENTS)]
    succeeded = _load("PoS", payments, lambda: Api(reference.url), _operate,
                      ["cancel", "capture", "read", "refund", "list"])
    for payment in payments:
        _assert_invariants(setup, payment, succeeded[payment])


def _load(api_name: str, resources: list[str], client: Callable[[], object], operate: Callable,
          operations: list[str]) -> dict[str, Counter]:
    """THREADS threads, each with its own client, sending random operations on the shared resources:
    every one answered, none with a 5xx. The operations that succeeded (200), per resource."""
    succeeded: dict[str, Counter] = defaultdict(Counter)
    statuses: Counter = Counter()
    lock = threading.Lock()

    def worker(seed: int) -> None:
        api, rng = client(), random.Random(seed)
        for _ in range(OPERATIONS_PER_THREAD):
            resource, operation = rng.choice(resources), rng.choice(operations)
            reply = operate(api, operation, resource)
            with lock:
                statuses[reply.status_code] += 1
                if reply.status_code == 200:
                    succeeded[resource][operation] += 1

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(worker, range(THREADS)))

    count = sum(statuses.values())
    print(f"\nreference under load ({api_name}): {count} operations by {THREADS} threads on {len(resources)} "
          f"shared resources; statuses {dict(sorted(statuses.items()))}")
    assert count == THREADS * OPERATIONS_PER_THREAD
    assert not [status for status in statuses if status >= 500], statuses
    return succeeded


def _operate(api: Api, operation: str, payment: str):
    if operation == "cancel":
        return api.call("POST", f"/pos/v10/payments/{payment}/cancel")
    if operation == "capture":
        return api.call("POST", f"/pos/v10/payments/{payment}/capture", body={"amount": AMOUNT})
    if operation == "refund":
        return api.refund(payment, AMOUNT / 2, key=fresh_key())
    if operation == "list":
        return api.call("GET", "/pos/v10/refunds", paymentId=payment)
    return api.call("GET", f"/pos/v10/payments/{payment}")


def _assert_invariants(api: Api, payment: str, succeeded: Counter) -> None:
    state = api.status(payment)
    # SAFE_01: a cancel and a capture of one reserved payment never both succeed.
    assert not (succeeded["cancel"] and succeeded["capture"]), (payment, succeeded)
    if succeeded["capture"]:
        assert state == "Captured"
    if succeeded["cancel"]:
        assert state == "CancelledByClient"
    refunds = api.call("GET", "/pos/v10/refunds", paymentId=payment).json()["refundIds"]
    refunded = sum(api.call("GET", f"/pos/v10/refunds/{r}").json()["amount"] for r in refunds)
    assert refunded <= (AMOUNT if state == "Captured" else 0)


def test_mixed_concurrent_ecom_operations_keep_every_invariant(reference: ReferenceServer) -> None:
    setup = EcomApi(reference.url)
    orders = [setup.payment_in("Reserved", amount=ORDER_AMOUNT) for _ in range(PAYMENTS)]
    _load("eCom", orders, lambda: EcomApi(reference.url), _operate_ecom,
          ["cancel", "release", "capture", "capture part", "refund", "read"])
    for order in orders:
        _assert_ecom_invariants(setup, order)


def _operate_ecom(api: EcomApi, operation: str, order: str):
    if operation in ("cancel", "release"):
        return api.cancel(order, release=operation == "release")
    if operation == "capture":
        return api.capture(order)
    if operation == "capture part":
        return api.capture(order, amount=ORDER_AMOUNT // 10)
    if operation == "refund":
        return api.refund(order, amount=ORDER_AMOUNT // 20)
    return api.call("GET", f"/ecomm/v2/payments/{order}/details")


def _assert_ecom_invariants(api: EcomApi, order: str) -> None:
    operations = api.operations(order)  # successful ones, oldest first
    summary = api.summary(order)
    captured, refunded = int(summary["capturedAmount"]), int(summary["refundedAmount"])
    # SAFE_01: once cancelled (VOID), nothing more is captured; at most one cancellation (SAFE_02).
    if "VOID" in operations:
        assert "CAPTURE" not in operations[operations.index("VOID"):], (order, operations)
        assert operations.count("VOID") == 1, (order, operations)
        assert int(summary["remainingAmountToCapture"]) == 0, (order, summary)
    assert captured <= ORDER_AMOUNT, (order, summary)
    assert refunded <= captured, (order, summary)
    assert captured + int(summary["remainingAmountToCapture"]) <= ORDER_AMOUNT, (order, summary)
