"""The reference under load: many threads, mixed operations on shared payments of both APIs, 0 server
errors, and the money invariants intact (no payment both captured and cancelled, refunds within the
capture; for eCom, nothing captured after a cancel and every amount within the reservation)."""

from __future__ import annotations

import random
import threading
from collections import Counter, defaultdict
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
    outcomes: dict[str, Counter] = defaultdict(Counter)
    statuses: Counter = Counter()
    lock = threading.Lock()

    def worker(seed: int) -> None:
        api, rng = Api(reference.url), random.Random(seed)
        for _ in range(OPERATIONS_PER_THREAD):
            payment = rng.choice(payments)
            operation = rng.choice(["cancel", "capture", "read", "refund", "list"])
            reply = _operate(api, operation, payment)
            with lock:
                statuses[reply.status_code] += 1
                if reply.status_code == 200:
                    outcomes[payment][operation] += 1

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(worker, range(THREADS)))

    operations = sum(statuses.values())
    print(f"\nreference under load: {operations} operations by {THREADS} threads on {PAYMENTS} payments; "
          f"statuses {dict(sorted(statuses.items()))}")
    assert operations == THREADS * OPERATIONS_PER_THREAD
    assert not [status for status in statuses if status >= 500], statuses
    for payment in payments:
        _assert_invariants(setup, payment, outcomes[payment])


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
    statuses: Counter = Counter()
    lock = threading.Lock()

    def worker(seed: int) -> None:
        api, rng = EcomApi(reference.url), random.Random(seed)
        for _ in range(OPERATIONS_PER_THREAD):
            order = rng.choice(orders)
            reply = _operate_ecom(api, rng.choice(["cancel", "release", "capture", "capture part", "refund", "read"]),
                                  order)
            with lock:
                statuses[reply.status_code] += 1

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(worker, range(THREADS)))

    operations = sum(statuses.values())
    print(f"\nreference under load (eCom): {operations} operations by {THREADS} threads on {PAYMENTS} orders; "
          f"statuses {dict(sorted(statuses.items()))}")
    assert operations == THREADS * OPERATIONS_PER_THREAD
    assert not [status for status in statuses if status >= 500], statuses
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
