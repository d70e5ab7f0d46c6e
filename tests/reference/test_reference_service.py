"""The PoS service without HTTP: idempotency, busy points of sale, refund sums, ownership, locking."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from cancel_conformance.reference.accounts import STORES, stores_of
from cancel_conformance.reference.errors import ApiError, BadRequest, Conflict, Forbidden, NotFound
from cancel_conformance.reference.pos.model import Caller
from cancel_conformance.reference.pos.service import PosService

A = Caller("demo-integrator-a", "DK12345678")
B = Caller("demo-integrator-b", "DK12345678")
B_OWN_MERCHANT = Caller("demo-integrator-b", "DK87654321")


def refusal(call: Any, *args: Any, **kwargs: Any) -> tuple[int, str | None]:
    with pytest.raises(ApiError) as refused:
        call(*args, **kwargs)
    return refused.value.status, refused.value.code


def new_pos(service: PosService, caller: Caller = A, **changes: Any) -> str:
    store = stores_of(str(caller.merchant_vat))[0].store_id
    body = {"merchantPosId": f"till-{uuid.uuid4()}", "storeId": store, "name": "Till",
            "supportedBeaconTypes": ["QR"], **changes}
    return service.points.create(caller, body, str(uuid.uuid4()))


def initiate_body(pos_id: str, **changes: Any) -> dict[str, Any]:
    return {"posId": pos_id, "orderId": "order-1", "amount": Decimal("100.00"), "currencyCode": "DKK",
            "plannedCaptureDelay": "None", **changes}


def initiate(service: PosService, pos_id: str, caller: Caller = A, key: str | None = None, **changes: Any) -> str:
    return service.payments.initiate(caller, initiate_body(pos_id, **changes), key or str(uuid.uuid4()))


def reserved(service: PosService, caller: Caller = A) -> tuple[str, str]:
    """A reserved payment of 100.00 DKK on a new point of sale: (paymentId, posId)."""
    pos_id = new_pos(service, caller)
    payment_id = initiate(service, pos_id, caller)
    beacon_id = service.state.points[pos_id].beacon_id
    service.sandbox.check_in(caller, beacon_id)
    service.sandbox.accept(caller, beacon_id)
    return payment_id, pos_id


def captured(service: PosService, caller: Caller = A, amount: str = "100.00") -> str:
    payment_id, _ = reserved(service, caller)
    service.payments.capture(caller, payment_id, Decimal(amount))
    return payment_id


def refund(service: PosService, payment_id: str, amount: str, caller: Caller = A, currency: str = "DKK") -> str:
    body = {"paymentId": payment_id, "refundOrderId": "r-1", "amount": Decimal(amount), "currencyCode": currency}
    return service.refunds.create(caller, body, str(uuid.uuid4()))


@pytest.fixture
def service() -> PosService:
    return PosService()


# Idempotency


def test_a_retried_initiate_returns_the_same_payment(service: PosService) -> None:
    pos_id = new_pos(service)
    first = initiate(service, pos_id, key="k-1")
    assert initiate(service, pos_id, key="k-1") == first
    assert service.payments.find_ids(A, pos_id, None, False) == [first]


def test_a_retry_replays_even_after_the_payment_moved_on(service: PosService) -> None:
    pos_id = new_pos(service)
    first = initiate(service, pos_id, key="k-1")
    service.payments.cancel(A, first)
    assert initiate(service, pos_id, key="k-1") == first
    assert len(service.state.payments) == 1


def test_a_key_reused_for_another_request_is_refused(service: PosService) -> None:
    pos_id = new_pos(service)
    initiate(service, pos_id, key="k-1")
    assert refusal(initiate, service, pos_id, A, "k-1", orderId="order-2") == (409, "1306")


def test_keys_are_scoped_to_integrator_and_operation(service: PosService) -> None:
    initiate(service, new_pos(service), key="shared")
    other = initiate(service, new_pos(service, B), B, "shared")
    assert service.state.payments[other].integrator == B.integrator
    body = {"posId": new_pos(service), "orderId": "o"}
    assert service.payments.prepare(A, body, "shared") in service.state.payments


def test_create_pos_and_refund_are_idempotent_too(service: PosService) -> None:
    store = stores_of("DK12345678")[0].store_id
    body = {"merchantPosId": "till-x", "storeId": store, "name": "Till", "supportedBeaconTypes": ["QR"]}
    assert service.points.create(A, body, "pos-key") == service.points.create(A, body, "pos-key")
    payment_id = captured(service)
    refund_body = {"paymentId": payment_id, "refundOrderId": "r", "amount": Decimal("10.00"), "currencyCode": "DKK"}
    assert service.refunds.create(A, refund_body, "r-key") == service.refunds.create(A, refund_body, "r-key")
    assert len(service.state.refunds) == 1


def test_an_idempotency_key_is_optional_only_where_the_caller_says_so(service: PosService) -> None:
    pos_id = new_pos(service)
    assert service.payments.initiate(A, initiate_body(pos_id), None) in service.state.payments


# Busy points of sale and check-in


@pytest.mark.parametrize("first", ["initiate", "prepare"])
def test_an_active_payment_blocks_the_point_of_sale_until_cancelled(service: PosService, first: str) -> None:
    pos_id = new_pos(service)
    if first == "initiate":
        payment_id = initiate(service, pos_id)
    else:
        payment_id = service.payments.prepare(A, {"posId": pos_id, "orderId": "o"}, "p-1")
    assert refusal(initiate, service, pos_id) == (409, "1301")
    assert refusal(service.payments.prepare, A, {"posId": pos_id, "orderId": "o2"}, "p-2") == (409, "1301")
    service.payments.cancel(A, payment_id)
    assert initiate(service, pos_id) in service.state.payments


def test_a_reserved_payment_does_not_block(service: PosService) -> None:
    _, pos_id = reserved(service)
    assert initiate(service, pos_id) in service.state.payments


def test_a_check_in_without_payment_is_remembered_once(service: PosService) -> None:
    pos_id = new_pos(service)
    service.sandbox.check_in(A, service.state.points[pos_id].beacon_id)
    first = initiate(service, pos_id)
    assert service.state.payments[first].status == "IssuedToUser"
    service.payments.cancel(A, first)
    assert service.state.payments[initiate(service, pos_id)].status == "Initiated"


def test_a_prepared_payment_after_a_check_in_is_paired(service: PosService) -> None:
    pos_id = new_pos(service)
    service.sandbox.check_in(A, service.state.points[pos_id].beacon_id)
    payment_id = service.payments.prepare(A, {"posId": pos_id, "orderId": "o"}, "p")
    assert service.state.payments[payment_id].status == "Paired"


def test_ready_fills_in_the_payment(service: PosService) -> None:
    pos_id = new_pos(service)
    payment_id = service.payments.prepare(A, {"posId": pos_id, "orderId": "o"}, "p")
    ready = {"amount": Decimal("5.00"), "currencyCode": "EUR", "plannedCaptureDelay": "LessThan24Hours"}
    service.payments.ready(A, payment_id, ready)
    payment = service.payments.get(A, payment_id)
    assert (payment.status, payment.amount, payment.currency_code) == ("Initiated", Decimal("5.00"), "EUR")
    assert refusal(service.payments.ready, A, payment_id, ready) == (409, "1303")


def test_a_deleted_point_of_sale_takes_no_payment(service: PosService) -> None:
    pos_id = new_pos(service)
    service.points.delete(A, pos_id)
    assert refusal(initiate, service, pos_id) == (409, "1000")
    assert refusal(service.points.get, A, pos_id) == (404, None)
    assert refusal(service.points.delete, A, pos_id) == (404, None)
    assert refusal(initiate, service, str(uuid.uuid4())) == (409, "1000")


def test_point_of_sale_uniqueness_and_stores(service: PosService) -> None:
    new_pos(service, beaconId="beacon-1", merchantPosId="till-1")
    assert refusal(new_pos, service, A, beaconId="beacon-1")[0] == 409
    assert refusal(new_pos, service, A, merchantPosId="till-1")[0] == 409
    assert refusal(new_pos, service, A, storeId=str(uuid.uuid4())) == (403, "1099")
    assert refusal(new_pos, service, A, storeId=stores_of("DK87654321")[0].store_id) == (403, "1099")


def test_stores_belong_to_their_merchant(service: PosService) -> None:
    assert service.points.store_ids("DK12345678", None, None) == [s.store_id for s in stores_of("DK12345678")]
    assert service.points.store_ids(None, None, None) == [s.store_id for s in STORES]
    assert service.points.store_ids("DK12345678", None, "10002") == [stores_of("DK12345678")[1].store_id]
    with pytest.raises(NotFound):
        service.points.store(A, stores_of("DK87654321")[0].store_id)


# Capture


def test_capture_rules(service: PosService) -> None:
    payment_id, _ = reserved(service)
    assert refusal(service.payments.capture, A, payment_id, Decimal("100.01")) == (409, "1305")
    service.payments.capture(A, payment_id, Decimal("60.00"))
    service.payments.capture(A, payment_id, Decimal("60.00"))  # a retry is answered 200
    assert refusal(service.payments.capture, A, payment_id, Decimal("50.00")) == (409, "1307")
    assert refusal(service.payments.capture, A, initiate(service, new_pos(service)), Decimal("1.00")) == (409, "1304")


# Refund sums


def test_refunds_may_not_exceed_the_captured_amount(service: PosService) -> None:
    payment_id = captured(service, amount="80.00")
    refund(service, payment_id, "50.00")
    assert refusal(refund, service, payment_id, "30.01") == (409, "1367")
    refund(service, payment_id, "30.00")


def test_a_cancelled_refund_frees_its_amount(service: PosService) -> None:
    payment_id = captured(service)
    first = refund(service, payment_id, "100.00")
    assert refusal(refund, service, payment_id, "0.01") == (409, "1367")
    service.refunds.cancel(A, first)
    refund(service, payment_id, "100.00")


@pytest.mark.parametrize("state", ["Reserved", "Captured", "ExpiredAndCaptured"])
def test_live_refunds_hold_their_amount(service: PosService, state: str) -> None:
    payment_id = captured(service)
    first = refund(service, payment_id, "100.00")
    service.sandbox.move_refund(A, first, "reserve")
    if state == "Captured":
        service.refunds.capture(A, first)
    if state == "ExpiredAndCaptured":
        service.sandbox.move_refund(A, first, "expire")
    assert refusal(refund, service, payment_id, "0.01") == (409, "1367")


def test_refund_sums_are_exact_for_any_amount(service: PosService) -> None:
    pos_id = new_pos(service)
    payment_id = initiate(service, pos_id, amount=Decimal("10000000000000000000000000000000.03"))
    beacon_id = service.state.points[pos_id].beacon_id
    service.sandbox.check_in(A, beacon_id)
    service.sandbox.accept(A, beacon_id)
    service.payments.capture(A, payment_id, Decimal("10000000000000000000000000000000.03"))
    refund(service, payment_id, "10000000000000000000000000000000.01")
    assert refusal(refund, service, payment_id, "0.03") == (409, "1367")
    refund(service, payment_id, "0.02")


def test_refund_preconditions(service: PosService) -> None:
    assert refusal(refund, service, str(uuid.uuid4()), "1.00") == (409, "1001")
    payment_id, _ = reserved(service)
    assert refusal(refund, service, payment_id, "1.00") == (409, "1354")
    service.payments.capture(A, payment_id, Decimal("100.00"))
    assert refusal(refund, service, payment_id, "1.00", A, "EUR") == (409, "1365")
    assert refusal(refund, service, payment_id, "1.00", B) == (403, "1401")


def test_refund_capture_and_cancel(service: PosService) -> None:
    refund_id = refund(service, captured(service), "10.00")
    assert refusal(service.refunds.capture, A, refund_id) == (409, "1351")
    service.sandbox.move_refund(A, refund_id, "reserve")
    service.refunds.capture(A, refund_id)
    service.refunds.capture(A, refund_id)
    assert refusal(service.refunds.cancel, A, refund_id) == (409, "1352")
    assert refusal(service.refunds.capture, A, str(uuid.uuid4())) == (404, "1004")
    assert refusal(service.refunds.cancel, A, str(uuid.uuid4())) == (404, None)


# Ownership


def test_another_integrators_payment(service: PosService) -> None:
    payment_id, pos_id = reserved(service)
    assert refusal(service.payments.get, B, payment_id) == (403, "1401")
    assert refusal(service.payments.capture, B, payment_id, Decimal("1.00")) == (403, "1401")
    assert refusal(service.payments.cancel, B, payment_id) == (403, "1401")
    assert refusal(initiate, service, pos_id, B) == (403, "1400")
    assert service.payments.find_ids(B, pos_id, None, False) == []
    assert service.payments.get(A, payment_id).status == "Reserved"


def test_another_merchants_payment(service: PosService) -> None:
    payment_id, _ = reserved(service, B_OWN_MERCHANT)
    assert refusal(service.payments.get, B, payment_id) == (403, "1411")
    assert refusal(service.payments.capture, B, payment_id, Decimal("1.00")) == (403, "1407")
    assert refusal(service.payments.cancel, B, payment_id) == (403, "1408")
    prepared = service.payments.prepare(B_OWN_MERCHANT, {"posId": new_pos(service, B_OWN_MERCHANT), "orderId": "o"},
                                        "k")
    ready = {"amount": Decimal("5.00"), "currencyCode": "DKK", "plannedCaptureDelay": "None"}
    assert refusal(service.payments.ready, B, prepared, ready) == (403, "1406")


def test_another_integrators_refund_and_point_of_sale(service: PosService) -> None:
    refund_id = refund(service, captured(service), "10.00")
    assert refusal(service.refunds.get, B, refund_id) == (403, "1402")
    assert refusal(service.refunds.cancel, B, refund_id) == (403, "1402")
    assert refusal(service.refunds.capture, B, refund_id) == (403, "1402")
    assert service.refunds.find_ids(B, service.state.refunds[refund_id].payment_id) == []
    pos_id = new_pos(service)
    with pytest.raises(Forbidden):
        service.points.get(B, pos_id)
    assert service.points.find(B, None, None, None) == []
    with pytest.raises(NotFound):
        service.sandbox.check_in(B, service.state.points[pos_id].beacon_id)
    with pytest.raises(NotFound):
        service.sandbox.move_refund(B, refund_id, "reserve")


# Hooks, clock, locking


def test_hooks_refuse_impossible_moves_without_change(service: PosService) -> None:
    payment_id, pos_id = reserved(service)
    beacon_id = service.state.points[pos_id].beacon_id
    assert refusal(service.sandbox.cancel_by_user, A, beacon_id) == (409, None)
    assert refusal(service.sandbox.move_payment, A, payment_id, "cancel-by-mobilepay") == (409, None)
    assert service.state.payments[payment_id].status == "Reserved"
    assert refusal(service.sandbox.accept, A, service.state.points[new_pos(service)].beacon_id) == (409, None)
    assert refusal(service.sandbox.check_in, A, "no-such-beacon") == (404, None)


def test_the_clock_is_injectable() -> None:
    now = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    service = PosService(clock=lambda: now)
    payment_id, _ = reserved(service)
    assert service.state.payments[payment_id].expires_at == now + timedelta(days=7)


def test_concurrent_cancel_and_capture_never_both_win() -> None:
    service = PosService()
    for _ in range(20):
        payment_id, _ = reserved(service)
        outcomes: list[str] = []
        barrier = threading.Barrier(2)

        def act(action: str, payment_id: str = payment_id, barrier: threading.Barrier = barrier,
                outcomes: list[str] = outcomes) -> None:
            barrier.wait()
            try:
                if action == "cancel":
                    service.payments.cancel(A, payment_id)
                else:
                    service.payments.capture(A, payment_id, Decimal("100.00"))
                outcomes.append(action)
            except Conflict:
                pass

        threads = [threading.Thread(target=act, args=(action,)) for action in ("cancel", "capture")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(outcomes) == 1
        expected = {"cancel": "CancelledByClient", "capture": "Captured"}[outcomes[0]]
        assert service.state.payments[payment_id].status == expected


def test_unknown_fault_names_are_refused() -> None:
    from cancel_conformance.reference.app import create_app

    with pytest.raises(ValueError, match="no-such-fault"):
        create_app(["no-such-fault"])
    with pytest.raises(BadRequest):
        raise BadRequest("1099", "a BadRequest is an ApiError with status 400")
