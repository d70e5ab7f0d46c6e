"""eCom payments as plain dataclasses, and the in-memory state that holds them under one lock."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from cancel_conformance.reference.clock import Clock, utc_now
from cancel_conformance.reference.ecom.errors import UnknownOrder
from cancel_conformance.reference.ecom.lifecycle import INITIATED, Lifecycle

# api-facts §2.2: "not possible to cancel a request that is over 180 days old"; captures are refused too.
AGE_LIMIT = timedelta(days=180)
# TransactionInfo.transactionId: pattern ^\d{10,}$; the reference numbers its payments from here.
FIRST_TRANSACTION_ID = 5_100_000_000


@dataclass
class LogEntry:
    """One transactionLogHistory entry: an operation, whether it succeeded, and when."""

    operation: str
    amount: int
    success: bool
    text: str
    at: datetime
    request_id: str | None = None


@dataclass
class Payment:
    """A payment of one merchant (MSN), amounts in minor units. Money: captured + released <= reserved."""

    msn: str
    order_id: str
    amount: int
    text: str
    transaction_id: str
    landing_token: str
    initiated_at: datetime
    state: str = INITIATED
    reserved: int = 0
    captured: int = 0
    refunded: int = 0
    released: int = 0
    log: list[LogEntry] = field(default_factory=list)

    def remaining_to_capture(self) -> int:
        return max(0, self.reserved - self.captured - self.released)

    def remaining_to_refund(self) -> int:
        return max(0, self.captured - self.refunded)

    def record(self, operation: str, amount: int, text: str, at: datetime, *, success: bool = True,
               request_id: str | None = None) -> LogEntry:
        """Append a log entry (api-facts §2.2: details list every operation, with operationSuccess)."""
        entry = LogEntry(operation, amount, success, text, at, request_id)
        self.log.append(entry)
        return entry

    def age(self, now: datetime) -> timedelta:
        return now - self.initiated_at

    def shift(self, back: timedelta) -> None:
        """Move every timestamp of the payment `back` into the past (the `age` hook)."""
        self.initiated_at -= back
        for entry in self.log:
            entry.at -= back

    def snapshot(self) -> Payment:
        """A copy that later changes to the payment do not reach."""
        copy = Payment(**{name: getattr(self, name) for name in self.__dataclass_fields__ if name != "log"})
        copy.log = [LogEntry(**vars(entry)) for entry in self.log]
        return copy


@dataclass
class EcomState:
    """Everything the eCom emulation remembers, guarded by one lock for every check-then-act."""

    faults: frozenset[str] = frozenset()
    clock: Clock = utc_now
    lock: threading.RLock = field(default_factory=threading.RLock)
    payments: dict[tuple[str, str], Payment] = field(default_factory=dict)
    # X-Request-Id "unique for orderId, merchantSerialNumber and endpoint": the first successful answer.
    replies: dict[tuple[str, str, str, str], Any] = field(default_factory=dict)
    lifecycle: Lifecycle = field(init=False)
    _transaction_ids: Iterator[int] = field(default_factory=lambda: itertools.count(FIRST_TRANSACTION_ID))

    def __post_init__(self) -> None:
        self.lifecycle = Lifecycle(self.faults)

    def fault(self, name: str) -> bool:
        return name in self.faults

    def find(self, msn: str, order_id: str) -> Payment:
        """The merchant's payment; another merchant's orderId is as unknown as one never used (code 35)."""
        payment = self.payments.get((msn, order_id))
        if payment is None:
            raise UnknownOrder(order_id, msn)
        return payment

    def next_transaction_id(self) -> str:
        return str(next(self._transaction_ids))
