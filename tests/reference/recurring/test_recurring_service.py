"""The Recurring service without HTTP: amounts, history, idempotency, the stop, time and the asynchronous cancel."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from cancel_conformance.reference.recurring.acting import ASYNC_CANCEL_DELAY
from cancel_conformance.reference.recurring.idempotency import KeyUse, Reply, key_use
from cancel_conformance.reference.recurring.problems import Problem
from cancel_conformance.reference.recurring.service import RecurringService
from tests.reference.recurring.recurring_client import draft

MSN, OTHER_MSN = "123456", "654321"
START = datetime(2026, 12, 1, 12, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, by: timedelta) -> None:
        self.now += by


class Merchant:
    """A merchant's calls on one service, each with a fresh key unless one is given."""

    def __init__(self, service: RecurringService, msn: str = MSN) -> None:
        self.service, self.msn, self._keys = service, msn, 0

    def use(self, operation: str, path: str, body: Any = None, key: str | None = None, method: str = "POST") -> KeyUse:
        self._keys += 1
        return key_use(self.msn, key or f"key-{self._keys}", operation, method, path, body)

    def agreement(self, *, active: bool = True) -> str:
        body = draft()
        reply = self.service.agreements.create(self.msn, self.use("DraftAgreementV3", "/a", body), body)
        agreement_id = reply.body["agreementId"]
        if active:
            self.service.agreements.accept(self.msn, agreement_id, self.use("accept", f"/a/{agreement_id}/accept"))
        return agreement_id

    def charge(self, agreement_id: str | None = None, amount: int = 30000, kind: str = "RESERVE_CAPTURE",
               **fields: Any) -> tuple[str, str]:
        agreement_id = agreement_id or self.agreement()
        body = {"amount": amount, "transactionType": kind, "description": "Paper", "due": "2026-12-10",
                "retryDays": 2, **fields}
        reply = self.service.charges.create(self.msn, agreement_id, self.use("CreateChargeV3", "/c", body), body)
        return agreement_id, reply.body["chargeId"]

    def reserved(self, amount: int = 30000) -> tuple[str, str]:
        ids = self.charge(amount=amount)
        for hook in ("due", "reserve"):
            self.service.sandbox.move(self.msn, *ids, hook)
        return ids

    def cancel(self, ids: tuple[str, str], key: str | None = None) -> Reply:
        use = self.use("CancelChargeV3", "/".join(ids), key=key, method="DELETE")
        return self.service.charges.cancel(self.msn, *ids, use)

    def capture(self, ids: tuple[str, str], amount: int, key: str | None = None) -> Reply:
        body = {"amount": amount, "description": "x"}
        return self.service.charges.capture(self.msn, *ids, self.use("CaptureChargeV3", "/".join(ids), body, key),
                                            amount)

    def read(self, ids: tuple[str, str]):
        return self.service.charges.read(self.msn, *ids)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def merchant(clock: Clock) -> Merchant:
    return Merchant(RecurringService(clock=clock))


def summary(charge) -> tuple[int, int, int]:
    return charge.captured, charge.refunded, charge.cancelled


def test_a_charge_starts_pending_with_a_create_event(merchant: Merchant) -> None:
    charge = merchant.read(merchant.charge())
    assert (charge.state, [event.event for event in charge.history], summary(charge)) == (
        "PENDING", ["CREATE"], (0, 0, 0))
    assert charge.history[0].idempotency_key.startswith("key-")
    assert len(charge.transaction_id) >= 10
    assert charge.external_id == charge.charge_id


def test_charges_need_an_active_agreement(merchant: Merchant) -> None:
    pending = merchant.agreement(active=False)
    with pytest.raises(Problem) as refused:
        merchant.charge(pending)
    assert (refused.value.status, refused.value.identifier) == (400, "charge-creation-failed")


def test_the_release_after_a_partial_capture(merchant: Merchant) -> None:
    ids = merchant.reserved()
    merchant.capture(ids, 10000)
    assert merchant.cancel(ids) == Reply(204)
    charge = merchant.read(ids)
    # RECUR_REL_01/_02: CHARGED, captured unchanged, cancelled the remainder.
    assert (charge.state, summary(charge)) == ("CHARGED", (10000, 0, 20000))
    assert [(event.event, event.amount) for event in charge.history] == [
        ("CREATE", 30000), ("RESERVE", 30000), ("CAPTURE", 10000), ("CANCEL", 20000)]
    with pytest.raises(Problem) as refused:
        merchant.capture(ids, 100)
    assert refused.value.identifier == "charge-capture-failed"


def test_a_retry_gets_the_first_answer_and_changes_nothing(merchant: Merchant) -> None:
    ids = merchant.reserved()
    assert merchant.cancel(ids, key="same") == Reply(204)
    assert merchant.cancel(ids, key="same") == Reply(204)
    assert [event.event for event in merchant.read(ids).history].count("CANCEL") == 1


def test_a_refusal_is_replayed_for_its_key(merchant: Merchant) -> None:
    ids = merchant.charge()
    with pytest.raises(Problem) as first:
        merchant.capture(ids, 100, key="k")
    for hook in ("due", "reserve"):
        merchant.service.sandbox.move(merchant.msn, *ids, hook)
    with pytest.raises(Problem) as again:
        merchant.capture(ids, 100, key="k")
    assert (again.value.status, again.value.identifier, again.value.context_id) == (
        first.value.status, first.value.identifier, first.value.context_id)
    assert merchant.read(ids).captured == 0


def test_a_key_reused_for_another_request_is_409(merchant: Merchant) -> None:
    first, second = merchant.reserved(), merchant.reserved()
    merchant.cancel(first, key="k")
    with pytest.raises(Problem) as refused:
        merchant.cancel(second, key="k")
    assert (refused.value.status, refused.value.identifier) == (409, "idempotency-conflict")
    assert merchant.read(second).state == "RESERVED"


def test_keys_belong_to_the_merchant(merchant: Merchant) -> None:
    other = Merchant(merchant.service, OTHER_MSN)
    assert merchant.cancel(merchant.reserved(), key="k") == Reply(204)
    ids = other.reserved()
    assert other.cancel(ids, key="k") == Reply(204)
    assert other.read(ids).state == "CANCELLED"


def test_a_reused_order_id_is_a_conflict(merchant: Merchant) -> None:
    agreement_id, _ = merchant.charge(orderId="order-1")
    with pytest.raises(Problem) as refused:
        merchant.charge(agreement_id, orderId="order-1")
    assert (refused.value.status, refused.value.identifier) == (409, "conflict")


def test_the_due_date_is_a_day_ahead(merchant: Merchant) -> None:
    agreement_id = merchant.agreement()
    with pytest.raises(Problem) as refused:
        merchant.charge(agreement_id, due=START.date().isoformat())
    assert (refused.value.status, refused.value.identifier) == (400, "charge-due-too-soon")
    _, charge_id = merchant.charge(agreement_id, due=(START.date() + timedelta(days=1)).isoformat())
    assert merchant.read((agreement_id, charge_id)).due == START.replace(hour=0) + timedelta(days=1)


def test_stopping_cancels_pending_due_and_reserved_charges_only(merchant: Merchant) -> None:
    agreement_id = merchant.agreement()
    pending = merchant.charge(agreement_id)
    due = merchant.charge(agreement_id)
    merchant.service.sandbox.move(MSN, *due, "due")
    reserved = merchant.charge(agreement_id)
    partly = merchant.charge(agreement_id)
    for ids in (reserved, partly):
        for hook in ("due", "reserve"):
            merchant.service.sandbox.move(MSN, *ids, hook)
    merchant.capture(partly, 10000)
    use = merchant.use("UpdateAgreementPatchV3", agreement_id, {"status": "STOPPED"}, "stop", "PATCH")
    assert merchant.service.agreements.update(MSN, agreement_id, use, {"status": "STOPPED"}) == Reply(204)
    assert [merchant.read(ids).state for ids in (pending, due, reserved, partly)] == [
        "CANCELLED", "CANCELLED", "CANCELLED", "PARTIALLY_CAPTURED"]
    assert merchant.read(reserved).history[-1].idempotency_key == "stop"
    assert merchant.service.agreements.read(MSN, agreement_id).status == "STOPPED"


def test_the_age_hook_moves_every_timestamp_of_one_charge(merchant: Merchant, clock: Clock) -> None:
    ids, other = merchant.reserved(), merchant.reserved()
    before = merchant.read(ids)
    merchant.service.sandbox.age(MSN, *ids, timedelta(days=181, hours=1))
    after = merchant.read(ids)
    back = timedelta(days=181, hours=1)
    assert (after.created_at, after.due, after.reserved_at) == (
        before.created_at - back, before.due - back, before.reserved_at - back)
    assert [event.occurred for event in after.history] == [event.occurred - back for event in before.history]
    # api-facts §4.2: "Capture is allowed up to 180 days after reservation".
    with pytest.raises(Problem) as refused:
        merchant.capture(ids, 100)
    assert refused.value.identifier == "charge-capture-failed"
    assert merchant.capture(other, 100) == Reply(204)


def test_the_asynchronous_cancel_shows_at_a_read_after_the_delay(clock: Clock) -> None:
    merchant = Merchant(RecurringService(clock=clock, async_cancel=True))
    ids = merchant.reserved()
    assert merchant.cancel(ids) == Reply(202)
    clock.advance(ASYNC_CANCEL_DELAY - timedelta(milliseconds=1))
    assert merchant.read(ids).state == "RESERVED"
    clock.advance(timedelta(milliseconds=1))
    charge = merchant.read(ids)
    assert (charge.state, summary(charge), charge.history[-1].event) == ("CANCELLED", (0, 0, 30000), "CANCEL")


def test_the_asynchronous_cancel_is_enacted_before_any_other_action(clock: Clock) -> None:
    merchant = Merchant(RecurringService(clock=clock, async_cancel=True))
    ids = merchant.reserved()
    assert merchant.cancel(ids, key="k") == Reply(202)
    assert merchant.cancel(ids, key="k") == Reply(202)  # the retry is replayed
    with pytest.raises(Problem) as refused:
        merchant.capture(ids, 100)
    assert refused.value.identifier == "charge-capture-failed"
    with pytest.raises(Problem):
        merchant.cancel(ids)
    charge = merchant.read(ids)
    assert ([event.event for event in charge.history].count("CANCEL"), charge.captured) == (1, 0)


def test_the_asynchronous_cancel_refuses_at_once_what_it_cannot_cancel(clock: Clock) -> None:
    merchant = Merchant(RecurringService(clock=clock, async_cancel=True))
    ids = merchant.reserved()
    merchant.capture(ids, 30000)
    with pytest.raises(Problem) as refused:
        merchant.cancel(ids)
    assert (refused.value.status, refused.value.identifier) == (400, "cancel-charge-failed")


def test_a_cancel_and_a_capture_at_once_never_both_succeed(merchant: Merchant) -> None:
    for _ in range(20):
        ids = merchant.reserved()
        results: list[object] = []
        barrier = threading.Barrier(2)

        def run(action, results=results, barrier=barrier) -> None:
            barrier.wait()
            try:
                results.append(action())
            except Problem as refused:
                results.append(refused.identifier)

        threads = [threading.Thread(target=run, args=(lambda ids=ids: merchant.cancel(ids),)),
                   threading.Thread(target=run, args=(lambda ids=ids: merchant.capture(ids, 30000),))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results.count(Reply(204)) == 1, results
        charge = merchant.read(ids)
        assert charge.state in ("CANCELLED", "CHARGED")
        assert charge.captured + charge.cancelled == 30000
