"""The ePayment service without HTTP: amounts, the 180-day limit on a fake clock, idempotency, hooks, concurrency."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest

from cancel_conformance.reference.epayment.errors import KeyReused, NotPossible, Refused, UnknownPayment
from cancel_conformance.reference.epayment.idempotency import Answer, Ask
from cancel_conformance.reference.epayment.model import Payment
from cancel_conformance.reference.epayment.service import EpaymentService
from tests.reference.fake_clock import START, FakeClock

MSN, OTHER_MSN = "123456", "654321"
AMOUNT = 25000


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def epay(clock: FakeClock) -> EpaymentService:
    return EpaymentService(clock=clock)


def ask(operation: str, reference: str | None, body: Any = None, key: str | None = None, msn: str = MSN) -> Ask:
    return Ask(msn, key or str(uuid.uuid4()), operation, reference, body, f"/epayment/v1/payments/{reference}")


def nok(value: int) -> dict[str, Any]:
    return {"currency": "NOK", "value": value}


def create(epay: EpaymentService, reference: str = "order-0001", amount: int = AMOUNT, msn: str = MSN,
           **fields: Any) -> Answer:
    body = {"amount": nok(amount), "paymentMethod": {"type": "WALLET"}, "reference": reference,
            "userFlow": "WEB_REDIRECT", "returnUrl": "https://shop.example", **fields}
    return epay.payments.create(ask("createPayment", None, body, msn=msn), body)


def authorized(epay: EpaymentService, reference: str = "order-0001") -> str:
    assert create(epay, reference).status == 201
    epay.sandbox.act(MSN, reference, "approve")
    return reference


def cancel(epay: EpaymentService, reference: str, transaction_only: bool = False, key: str | None = None) -> Answer:
    return epay.actions.cancel(ask("cancelPayment", reference, None, key), transaction_only)


def capture(epay: EpaymentService, reference: str, value: int, key: str | None = None) -> Answer:
    return epay.actions.capture(ask("capturePayment", reference, {"modificationAmount": nok(value)}, key), nok(value))


def refund(epay: EpaymentService, reference: str, value: int) -> Answer:
    return epay.actions.refund(ask("refundPayment", reference, {"modificationAmount": nok(value)}), nok(value))


def code(answer: Answer) -> tuple[int, str | None]:
    """Status and ErrorCode of a refusal (None when it names none)."""
    assert answer.problem, answer
    codes = [entry["reason"] for entry in answer.body.get("extraDetails", []) if entry["name"] == "ErrorCode"]
    return answer.status, codes[0] if codes else None


def read(epay: EpaymentService, reference: str) -> Payment:
    return epay.payments.read(MSN, reference)


def amounts(payment: Payment) -> tuple[int, int, int, int]:
    return payment.authorized, payment.cancelled, payment.captured, payment.refunded


def successful(payment: Payment) -> list[str]:
    return [event.name for event in payment.events if event.success]


def test_create_logs_created_and_refuses_a_reused_reference(epay: EpaymentService) -> None:
    answer = create(epay)
    assert (answer.status, answer.body["reference"]) == (201, "order-0001")
    assert answer.body["redirectUrl"].startswith("https://landing.reference.invalid/")
    assert successful(read(epay, "order-0001")) == ["CREATED"]
    assert code(create(epay)) == (409, "4150")
    # The reference is unique per merchant: another merchant may use it.
    assert create(epay, msn=OTHER_MSN).status == 201


@pytest.mark.parametrize(("fields", "expected"), [
    ({"amount": nok(99)}, (400, "6010")),
    ({"userFlow": "PUSH_MESSAGE"}, (400, "4140")),
    ({"returnUrl": None}, (400, "4140")),
    ({"metadata": {"k" * 101: "v"}}, (400, "4120")),
])
def test_create_refusals_the_schema_cannot_say(epay: EpaymentService, fields: dict[str, Any],
                                               expected: tuple[int, str]) -> None:
    body = {"amount": nok(AMOUNT), "paymentMethod": {"type": "WALLET"}, "reference": "order-0002",
            "userFlow": "WEB_REDIRECT", "returnUrl": "https://shop.example", **fields}
    body = {name: value for name, value in body.items() if value is not None}
    assert code(epay.payments.create(ask("createPayment", None, body), body)) == expected
    with pytest.raises(UnknownPayment):
        read(epay, "order-0002")


def test_a_push_message_payment_has_no_redirect_url(epay: EpaymentService) -> None:
    answer = create(epay, userFlow="PUSH_MESSAGE", customer={"phoneNumber": "4791234567"})
    assert answer.body == {"reference": "order-0001"}


def test_cancel_of_a_created_payment_terminates_it(epay: EpaymentService) -> None:
    create(epay)
    answer = cancel(epay, "order-0001")
    # EPAY_CAN_01: "200 with state TERMINATED and cancelledAmount equal to the amount".
    assert (answer.status, answer.body["state"]) == (200, "TERMINATED")
    assert answer.body["aggregate"]["cancelledAmount"] == nok(AMOUNT)
    assert successful(read(epay, "order-0001")) == ["CREATED", "TERMINATED"]
    with pytest.raises(NotPossible):
        epay.sandbox.act(MSN, "order-0001", "approve")


def test_cancel_of_an_authorized_payment_releases_it_and_stays_authorized(epay: EpaymentService) -> None:
    authorized(epay)
    answer = cancel(epay, "order-0001")
    assert (answer.status, answer.body["state"]) == (200, "AUTHORIZED")
    assert amounts(read(epay, "order-0001")) == (AMOUNT, AMOUNT, 0, 0)
    assert code(capture(epay, "order-0001", 100)) == (400, "6070")
    assert code(refund(epay, "order-0001", 100)) == (400, "6150")
    payment = read(epay, "order-0001")
    assert amounts(payment) == (AMOUNT, AMOUNT, 0, 0)
    assert successful(payment) == ["CREATED", "AUTHORIZED", "CANCELLED"]


def test_partial_capture_then_cancel_releases_the_rest_for_good(epay: EpaymentService) -> None:
    authorized(epay)
    assert capture(epay, "order-0001", 10000).status == 200
    assert code(capture(epay, "order-0001", 15001)) == (400, "6090")
    assert cancel(epay, "order-0001").status == 200
    # EPAY_CAN_03: "cancelledAmount = authorized - captured, capturedAmount unchanged; a further capture is refused".
    assert amounts(read(epay, "order-0001")) == (AMOUNT, 15000, 10000, 0)
    assert code(capture(epay, "order-0001", 100)) == (400, "6070")
    assert refund(epay, "order-0001", 4000).status == 200
    assert amounts(read(epay, "order-0001")) == (AMOUNT, 15000, 10000, 4000)


def test_a_fully_captured_payment_cannot_be_cancelled(epay: EpaymentService) -> None:
    authorized(epay)
    capture(epay, "order-0001", AMOUNT)
    assert code(cancel(epay, "order-0001")) == (400, "6040")
    payment = read(epay, "order-0001")
    assert amounts(payment) == (AMOUNT, 0, AMOUNT, 0)
    # The refused attempt is logged, unsuccessful ("a failed attempt may be logged").
    assert [(event.name, event.success) for event in payment.events][-1] == ("CANCELLED", False)


def test_cancel_transaction_only(epay: EpaymentService) -> None:
    create(epay, "order-0001")
    assert cancel(epay, "order-0001", transaction_only=True).body["state"] == "TERMINATED"
    authorized(epay, "order-0002")
    # EPAY_CTO_02/03: the reservation is kept, refused with 6060.
    assert code(cancel(epay, "order-0002", transaction_only=True)) == (400, "6060")
    assert amounts(read(epay, "order-0002")) == (AMOUNT, 0, 0, 0)
    assert capture(epay, "order-0002", AMOUNT).status == 200


@pytest.mark.parametrize(("hook", "state"), [("abort", "ABORTED"), ("expire", "EXPIRED")])
def test_final_states_of_the_customer_cannot_be_cancelled(epay: EpaymentService, hook: str, state: str) -> None:
    create(epay)
    assert epay.sandbox.act(MSN, "order-0001", hook).public_state == state
    assert code(cancel(epay, "order-0001")) == (400, "6050")
    assert amounts(read(epay, "order-0001")) == (0, 0, 0, 0)
    assert successful(read(epay, "order-0001")) == ["CREATED", state]


def test_a_cancel_while_the_customer_authorizes_is_locked(epay: EpaymentService) -> None:
    create(epay)
    epay.sandbox.act(MSN, "order-0001", "start-3ds")
    key = "same-key"
    with pytest.raises(Refused) as locked:
        cancel(epay, "order-0001", key=key)
    assert (locked.value.status, locked.value.code) == (423, "6250")
    assert (read(epay, "order-0001").public_state, read(epay, "order-0001").cancelled) == ("CREATED", 0)
    epay.sandbox.act(MSN, "order-0001", "finish-3ds")
    # EPAY_3DS_02; a 423 is not remembered, so the same key now gets the cancel done.
    assert cancel(epay, "order-0001", key=key).status == 200
    assert amounts(read(epay, "order-0001")) == (AMOUNT, AMOUNT, 0, 0)


@pytest.mark.parametrize(("back", "status"), [
    (timedelta(), 200), (timedelta(days=179), 200), (timedelta(days=180) - timedelta(hours=1), 200),
    (timedelta(days=180), 200), (timedelta(days=180, hours=1), 400), (timedelta(days=365), 400),
])
def test_the_180_days_count_from_the_reservation(epay: EpaymentService, clock: FakeClock, back: timedelta,
                                                 status: int) -> None:
    authorized(epay)
    clock.now = START + back
    answer = cancel(epay, "order-0001")
    assert answer.status == status
    if status == 400:
        assert code(answer) == (400, "6030")
        assert amounts(read(epay, "order-0001")) == (AMOUNT, 0, 0, 0)
        assert code(capture(epay, "order-0001", 100)) == (400, "6100")


def test_a_payment_created_long_ago_but_authorized_now_can_be_cancelled(epay: EpaymentService,
                                                                        clock: FakeClock) -> None:
    create(epay)
    clock.now = START + timedelta(days=200)
    epay.sandbox.act(MSN, "order-0001", "approve")
    assert cancel(epay, "order-0001").status == 200


def test_age_moves_every_timestamp_of_one_payment(epay: EpaymentService) -> None:
    authorized(epay, "order-0001")
    authorized(epay, "order-0002")
    aged = epay.sandbox.age(MSN, "order-0001", timedelta(days=181))
    assert aged.created_at == aged.authorized_at == START - timedelta(days=181)
    assert {event.at for event in aged.events} == {START - timedelta(days=181)}
    assert code(cancel(epay, "order-0001")) == (400, "6030")
    assert cancel(epay, "order-0002").status == 200


def test_a_retried_cancel_gets_the_first_answer_and_cancels_once(epay: EpaymentService) -> None:
    authorized(epay)
    first = cancel(epay, "order-0001", key="retry-key")
    again = cancel(epay, "order-0001", key="retry-key")
    assert again == first
    payment = read(epay, "order-0001")
    assert (payment.cancelled, successful(payment).count("CANCELLED")) == (AMOUNT, 1)


def test_a_refusal_is_remembered_under_its_key(epay: EpaymentService) -> None:
    authorized(epay)
    capture(epay, "order-0001", AMOUNT)
    first = cancel(epay, "order-0001", key="refused-key")
    assert cancel(epay, "order-0001", key="refused-key") == first  # the same traceId too
    assert len(read(epay, "order-0001").events) == 4  # CREATED, AUTHORIZED, CAPTURED, one failed CANCELLED


def test_a_key_reused_for_another_request_is_refused(epay: EpaymentService) -> None:
    authorized(epay, "order-0001")
    authorized(epay, "order-0002")
    cancel(epay, "order-0001", key="shared-key")
    with pytest.raises(KeyReused) as reused:
        cancel(epay, "order-0002", key="shared-key")
    assert (reused.value.status, reused.value.code) == (409, "4020")
    with pytest.raises(KeyReused):
        capture(epay, "order-0001", 100, key="shared-key")
    assert amounts(read(epay, "order-0002")) == (AMOUNT, 0, 0, 0)


def test_keys_are_per_merchant(epay: EpaymentService) -> None:
    authorized(epay, "order-0001")
    create(epay, "order-0001", msn=OTHER_MSN)
    cancel(epay, "order-0001", key="same-key")
    other = epay.actions.cancel(ask("cancelPayment", "order-0001", None, "same-key", msn=OTHER_MSN), False)
    assert (other.status, other.body["state"]) == (200, "TERMINATED")


def test_another_merchants_reference_is_unknown(epay: EpaymentService) -> None:
    create(epay)
    with pytest.raises(UnknownPayment) as unknown:
        epay.payments.read(OTHER_MSN, "order-0001")
    assert (unknown.value.status, unknown.value.code) == (404, "5090")
    answer = epay.actions.cancel(ask("cancelPayment", "order-0001", msn=OTHER_MSN), False)
    assert code(answer) == (404, "5090")
    assert read(epay, "order-0001").public_state == "CREATED"


def test_refund_limits(epay: EpaymentService) -> None:
    authorized(epay)
    capture(epay, "order-0001", 10000)
    assert code(refund(epay, "order-0001", 10001)) == (400, "6150")
    answer = epay.actions.refund(ask("refundPayment", "order-0001"), {"currency": "DKK", "value": 100})
    assert code(answer) == (400, "4040")
    assert refund(epay, "order-0001", 10000).status == 200
    assert code(refund(epay, "order-0001", 1)) == (400, "6150")


def test_hooks_move_only_what_the_customer_can(epay: EpaymentService) -> None:
    create(epay)
    with pytest.raises(NotPossible):
        epay.sandbox.act(MSN, "order-0001", "finish-3ds")
    assert epay.sandbox.act(MSN, "order-0001", "abort").public_state == "ABORTED"
    for action in ("approve", "abort", "expire", "start-3ds"):
        with pytest.raises(NotPossible):
            epay.sandbox.act(MSN, "order-0001", action)
    with pytest.raises(UnknownPayment):
        epay.sandbox.act(MSN, "never-created", "abort")


def run_together(*calls: Any) -> list[Answer]:
    barrier, answers = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        answers[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers  # type: ignore[return-value]


def test_concurrent_cancel_and_capture_never_both_succeed(epay: EpaymentService) -> None:
    for index in range(20):
        reference = authorized(epay, f"order-{index:04d}")
        answers = run_together(lambda r=reference: cancel(epay, r), lambda r=reference: capture(epay, r, AMOUNT))
        assert sorted(answer.status for answer in answers) == [200, 400]
        payment = read(epay, reference)
        assert payment.cancelled + payment.captured == AMOUNT


def test_concurrent_duplicate_cancels_leave_one_cancellation(epay: EpaymentService) -> None:
    for index in range(20):
        reference = authorized(epay, f"order-{index:04d}")
        run_together(lambda r=reference: cancel(epay, r), lambda r=reference: cancel(epay, r))
        payment = read(epay, reference)
        assert (payment.cancelled, successful(payment).count("CANCELLED")) == (AMOUNT, 1)
