"""Agreements and charges as plain dataclasses, and the in-memory state that holds them under one lock."""

from __future__ import annotations

import copy
import itertools
import secrets
import string
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from cancel_conformance.reference.clock import Clock, utc_now
from cancel_conformance.reference.recurring.idempotency import IdempotencyKeys
from cancel_conformance.reference.recurring.lifecycle import PENDING, PENDING_AGREEMENT, Lifecycle, Move
from cancel_conformance.reference.recurring.problems import not_found

# ChargeResponseV3.transactionId: digits, at least ten (api-facts §4.2, spec errata); numbered from here.
FIRST_TRANSACTION_ID = 5_200_000_000
ID_ALPHABET = string.ascii_letters + string.digits


def new_id(prefix: str) -> str:
    """agr_/chr_ and ten random letters or digits: within the spec's 15 characters for a charge id."""
    return prefix + "".join(secrets.choice(ID_ALPHABET) for _ in range(10))


@dataclass
class Event:
    """One ChargeEvent: what happened, the amount it moved, the key of the request behind it."""

    event: str
    amount: int
    idempotency_key: str
    occurred: datetime
    success: bool = True


@dataclass(frozen=True)
class PendingCancel:
    """A cancel answered 202 in the asynchronous mode and not yet enacted."""

    move: Move
    amount: int
    key: str
    accepted_at: datetime


@dataclass
class Charge:
    """A charge on one merchant's agreement, amounts in minor units. Money: captured + cancelled <= amount."""

    msn: str
    agreement_id: str
    charge_id: str
    amount: int
    description: str
    due: datetime
    retry_days: int
    transaction_type: str
    external_id: str
    transaction_id: str
    created_at: datetime
    state: str = PENDING
    captured: int = 0
    refunded: int = 0
    cancelled: int = 0
    reserved_at: datetime | None = None
    history: list[Event] = field(default_factory=list)
    pending_cancel: PendingCancel | None = None

    def record(self, event: str, amount: int, key: str, at: datetime) -> None:
        self.history.append(Event(event, amount, key, at))

    def capturable(self) -> int:
        return max(0, self.amount - self.captured - self.cancelled)

    def refundable(self) -> int:
        return max(0, self.captured - self.refunded)

    def shift(self, back: timedelta) -> None:
        """Move every timestamp of the charge `back` into the past (the `age` hook)."""
        self.created_at -= back
        self.due -= back
        if self.reserved_at is not None:
            self.reserved_at -= back
        for entry in self.history:
            entry.occurred -= back

    def snapshot(self) -> Charge:
        """A copy that later changes to the charge do not reach."""
        return copy.deepcopy(self)


@dataclass
class Agreement:
    """A merchant's agreement with a customer (DraftAgreementV3 as sent), and the ids of its charges."""

    msn: str
    agreement_id: str
    uuid: str
    draft: dict[str, Any]
    created_at: datetime
    status: str = PENDING_AGREEMENT
    started_at: datetime | None = None
    stopped_at: datetime | None = None
    charge_ids: list[str] = field(default_factory=list)

    def snapshot(self) -> Agreement:
        return copy.deepcopy(self)


@dataclass
class RecurringState:
    """Everything the Recurring emulation remembers, guarded by one lock for every check-then-act."""

    faults: frozenset[str] = frozenset()
    clock: Clock = utc_now
    async_cancel: bool = False
    lock: threading.RLock = field(default_factory=threading.RLock)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    # Charge ids are the merchant's orderIds when given: unique per merchant (CreateChargeV3.orderId).
    charges: dict[tuple[str, str], Charge] = field(default_factory=dict)
    lifecycle: Lifecycle = field(init=False)
    keys: IdempotencyKeys = field(init=False)
    _transaction_ids: Iterator[int] = field(default_factory=lambda: itertools.count(FIRST_TRANSACTION_ID))

    def __post_init__(self) -> None:
        self.lifecycle = Lifecycle(self.faults)
        self.keys = IdempotencyKeys(self.faults)

    def fault(self, name: str) -> bool:
        return name in self.faults

    def agreement(self, msn: str, agreement_id: str) -> Agreement:
        """The merchant's agreement; another merchant's is as unknown as one never made (404)."""
        agreement = self.agreements.get(agreement_id)
        if agreement is None or agreement.msn != msn:
            raise not_found("agreement")
        return agreement

    def charge(self, msn: str, agreement_id: str, charge_id: str) -> Charge:
        """The charge on the merchant's agreement (404 for an unknown agreement, or a charge not on it)."""
        self.agreement(msn, agreement_id)
        charge = self.charges.get((msn, charge_id))
        if charge is None or charge.agreement_id != agreement_id:
            raise not_found("charge")
        return charge

    def charge_of_anyone(self, agreement_id: str, charge_id: str) -> Charge:
        """The charge whoever made it: only the `charge-cancel-ignores-merchant` fault asks."""
        agreement = self.agreements.get(agreement_id)
        if agreement is None:
            raise not_found("agreement")
        return self.charge(agreement.msn, agreement_id, charge_id)

    def next_transaction_id(self) -> str:
        return str(next(self._transaction_ids))
