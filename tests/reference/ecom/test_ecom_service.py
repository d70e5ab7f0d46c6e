"""The eCom service without HTTP: amounts, the 180-day limit on a fake clock, retries, hooks, concurrency."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from cancel_conformance.reference.ecom.errors import NotPossible, Refused, UnknownOrder
from cancel_conformance.reference.ecom.model import Payment
from cancel_conformance.reference.ecom.service import EcomService
from tests.reference.fake_clock import START, FakeClock

MSN = "123456"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ecom(clock: FakeClock) -> EcomService:
    return EcomService(clock=clock)


def initiate(ecom: EcomService, order_id: str = "order-1", amount: int = 25000, msn: str = MSN) -> Payment:
    body = {"transaction": {"orderId": order_id, "amount": amount, "transactionText": "Socks"}}
    return ecom.payments.initiate(msn, body)


def reserved(ecom: EcomService, order_id: str = "order-1", amount: int = 25000) -> str:
    initiate(ecom, order_id, amount)
    ecom.sandbox.approve(MSN, order_id)
    return order_id


def code_of(call, *args) -> str:
    with pytest.raises(Refused) as refused:
        call(*args)
    return refused.value.code


def successful(payment: Payment) -> list[str]:
    return [entry.operation for entry in payment.log if entry.success]


def test_initiate_logs_initiate_and_refuses_a_reused_order_id(ecom: EcomService) -> None:
    payment = initiate(ecom)
    assert (payment.state, successful(payment), payment.remaining_to_capture()) == ("Initiated", ["INITIATE"], 0)
    assert code_of(initiate, ecom) == "34"
    # "Payments are uniquely identified with the merchantSerialNumber and orderId together".
    assert initiate(ecom, msn="654321").msn == "654321"


def test_another_merchants_order_is_unknown(ecom: EcomService) -> None:
    initiate(ecom)
    with pytest.raises(UnknownOrder) as unknown:
        ecom.payments.details("654321", "order-1")
    assert (unknown.value.status, unknown.value.code) == (404, "35")


def test_partial_captures_then_release(ecom: EcomService) -> None:
    order_id = reserved(ecom)
    first = ecom.actions.capture(MSN, order_id, 10000, "parcel 1", "r1")
    assert (first.entry.amount, first.payment.state, first.payment.remaining_to_capture()) == (
        10000, "PartlyCaptured", 15000)
    assert code_of(ecom.actions.capture, MSN, order_id, 15001, "too much", "r2") == "61"
    released = ecom.actions.cancel(MSN, order_id, True, "rest cancelled", None)
    # ECOM_REL_01: "remainingAmountToCapture 0; capturedAmount unchanged; a further capture is refused".
    assert (released.payment.captured, released.payment.remaining_to_capture(), released.entry.operation) == (
        10000, 0, "VOID")
    assert code_of(ecom.actions.capture, MSN, order_id, None, "more", "r3") == "91"
    refund = ecom.actions.refund(MSN, order_id, None, "all back", "r4")
    assert (refund.entry.amount, refund.payment.remaining_to_refund(), refund.payment.state) == (10000, 0, "Released")


def test_capture_without_amount_takes_all_that_remains(ecom: EcomService) -> None:
    order_id = reserved(ecom, amount=150)
    ecom.actions.capture(MSN, order_id, 100, "part", "r1")
    rest = ecom.actions.capture(MSN, order_id, 0, "rest", "r2")
    assert (rest.entry.amount, rest.payment.state, rest.payment.captured) == (50, "Captured", 150)
    assert code_of(ecom.actions.cancel, MSN, order_id, True, "x", None) == "51"


def test_a_retried_capture_returns_the_first_answer(ecom: EcomService) -> None:
    order_id = reserved(ecom)
    first = ecom.actions.capture(MSN, order_id, 10000, "parcel", "same-id")
    again = ecom.actions.capture(MSN, order_id, 10000, "parcel", "same-id")
    assert again == first
    assert ecom.payments.details(MSN, order_id).captured == 10000
    # "Unique for orderId, merchantSerialNumber and endpoint": a refund may reuse the id.
    assert ecom.actions.refund(MSN, order_id, 100, "back", "same-id").entry.operation == "REFUND"


def test_a_refused_cancel_is_logged_as_failed(ecom: EcomService) -> None:
    order_id = reserved(ecom)
    ecom.actions.capture(MSN, order_id, None, "all", "r1")
    assert code_of(ecom.actions.cancel, MSN, order_id, False, "x", None) == "51"
    log = ecom.payments.details(MSN, order_id).log
    assert (log[-1].operation, log[-1].success) == ("VOID", False)
    assert successful(ecom.payments.details(MSN, order_id)) == ["INITIATE", "RESERVE", "CAPTURE"]


@pytest.mark.parametrize(("age", "allowed"), [
    (timedelta(0), True), (timedelta(days=179), True), (timedelta(days=180, hours=-1), True),
    (timedelta(days=180), True), (timedelta(days=180, seconds=1), False), (timedelta(days=181), False),
    (timedelta(days=365), False),
])
def test_the_180_day_limit(ecom: EcomService, clock: FakeClock, age: timedelta, allowed: bool) -> None:
    order_id = reserved(ecom)
    clock.now = START + age
    if allowed:
        assert ecom.actions.cancel(MSN, order_id, False, "x", None).payment.state == "Voided"
    else:
        # ECOM_AGE_01: "HTTP 400; the payment is unchanged".
        with pytest.raises(Refused) as refused:
            ecom.actions.cancel(MSN, order_id, False, "x", None)
        assert refused.value.status == 400
        after = ecom.payments.details(MSN, order_id)
        assert (after.state, successful(after), after.remaining_to_capture()) == (
            "Reserved", ["INITIATE", "RESERVE"], 25000)


def test_captures_past_180_days_are_refused_too(ecom: EcomService, clock: FakeClock) -> None:
    order_id = reserved(ecom)
    clock.now = START + timedelta(days=181)
    assert code_of(ecom.actions.capture, MSN, order_id, None, "late", "r1") == "91"


def test_the_age_hook_moves_every_timestamp(ecom: EcomService) -> None:
    order_id = reserved(ecom)
    before = ecom.payments.details(MSN, order_id)
    aged = ecom.sandbox.age(MSN, order_id, timedelta(days=181, hours=2))
    assert aged.initiated_at == before.initiated_at - timedelta(days=181, hours=2)
    assert [entry.at for entry in aged.log] == [entry.at - timedelta(days=181, hours=2) for entry in before.log]
    assert code_of(ecom.actions.cancel, MSN, order_id, False, "x", None) == "52"


def test_3ds_session(ecom: EcomService) -> None:
    initiate(ecom)
    assert ecom.sandbox.act(MSN, "order-1", "start-3ds").state == "In3DSecure"
    # ECOM_3DS_01: "a cancel is refused ... and the payment stays INITIATE with no CANCEL".
    assert code_of(ecom.actions.cancel, MSN, "order-1", False, "x", None) == "52"
    assert successful(ecom.payments.details(MSN, "order-1")) == ["INITIATE"]
    with pytest.raises(NotPossible):
        ecom.sandbox.act(MSN, "order-1", "reject")
    assert ecom.sandbox.act(MSN, "order-1", "finish-3ds").state == "ReservedAfter3DSecure"
    assert ecom.actions.cancel(MSN, "order-1", False, "x", None).entry.operation == "VOID"


def test_hooks_refuse_with_409_and_change_nothing(ecom: EcomService) -> None:
    order_id = reserved(ecom)
    for action in ("reject", "start-3ds", "finish-3ds"):
        with pytest.raises(NotPossible) as refused:
            ecom.sandbox.act(MSN, order_id, action)
        assert refused.value.status == 409
    assert ecom.payments.details(MSN, order_id).state == "Reserved"
    with pytest.raises(Refused):
        ecom.sandbox.approve(MSN, order_id)


def test_concurrent_cancel_and_capture_never_both_succeed(ecom: EcomService) -> None:
    # SAFE_01, through the service's lock (the HTTP tests repeat it over the wire).
    for index in range(20):
        order_id = reserved(ecom, f"race-{index}")
        results = run_together(lambda oid=order_id: ecom.actions.cancel(MSN, oid, False, "x", None),
                               lambda oid=order_id: ecom.actions.capture(MSN, oid, None, "all", "r"))
        assert results.count("ok") == 1, results


def run_together(*calls) -> list[str]:
    """Run the calls at once from a barrier; "ok" or the refusal's code for each."""
    barrier, results = threading.Barrier(len(calls)), [""] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        try:
            calls[index]()
            results[index] = "ok"
        except Refused as refused:
            results[index] = refused.code

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
