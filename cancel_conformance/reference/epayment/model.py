"""ePayment payments as plain dataclasses, and the in-memory state that holds them under one lock."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from cancel_conformance.reference.clock import Clock, utc_now
from cancel_conformance.reference.epayment.errors import UnknownPayment
from cancel_conformance.reference.epayment.idempotency import IdempotencyStore
from cancel_conformance.reference.epayment.lifecycle import CREATED, PUBLIC_STATE, Lifecycle

# EPAY_AGE_01/02: "Payments can only be canceled within 180 days of the reservation" (api-facts §3.3).
AGE_LIMIT = timedelta(days=180)


@dataclass
class Event:
    """One event of the payment's log: its name, amount and time, the key of the request, and the outcome."""

    name: str
    amount: int
    at: datetime
    idempotency_key: str | None
    success: bool = True


@dataclass
class Payment:
    """A payment of one merchant (MSN), amounts in minor units. Money: captured + cancelled <= authorized."""

    msn: str
    reference: str
    amount: int
    currency: str
    user_flow: str | None
    method: str
    psp_reference: str
    token: str
    created_at: datetime
    metadata: dict[str, str] | None = None
    state: str = CREATED
    authorized_at: datetime | None = None
    authorized: int = 0
    captured: int = 0
    cancelled: int = 0
    refunded: int = 0
    events: list[Event] = field(default_factory=list)

    @property
    def public_state(self) -> str:
        return PUBLIC_STATE[self.state]

    def remaining(self) -> int:
        """What is authorized and neither captured nor cancelled: all a capture may take, all a cancel releases."""
        return max(0, self.authorized - self.captured - self.cancelled)

    def refundable(self) -> int:
        return max(0, self.captured - self.refunded)

    def reservation_age(self, now: datetime) -> timedelta | None:
        """How long ago the payment was authorized; None when it never was."""
        return None if self.authorized_at is None else now - self.authorized_at

    def record(self, name: str, amount: int, at: datetime, key: str | None, *, success: bool = True) -> None:
        """Append an event (api-facts §3.2: CREATED, ABORTED, EXPIRED, CANCELLED, CAPTURED, REFUNDED, ...)."""
        self.events.append(Event(name, amount, at, key, success))

    def shift(self, back: timedelta) -> None:
        """Move every timestamp of the payment `back` into the past (the `age` hook)."""
        self.created_at -= back
        if self.authorized_at is not None:
            self.authorized_at -= back
        for event in self.events:
            event.at -= back

    def snapshot(self) -> Payment:
        """A copy that later changes to the payment do not reach."""
        return replace(self, events=[replace(event) for event in self.events])


@dataclass
class EpaymentState:
    """Everything the ePayment emulation remembers, guarded by one lock for every check-then-act."""

    faults: frozenset[str] = frozenset()
    clock: Clock = utc_now
    lock: threading.RLock = field(default_factory=threading.RLock)
    payments: dict[tuple[str, str], Payment] = field(default_factory=dict)
    answers: IdempotencyStore = field(init=False)
    lifecycle: Lifecycle = field(init=False)

    def __post_init__(self) -> None:
        self.lifecycle = Lifecycle(self.faults)
        self.answers = IdempotencyStore(self.faults)

    def fault(self, name: str) -> bool:
        return name in self.faults

    def find(self, msn: str, reference: str) -> Payment:
        """The merchant's payment; another merchant's reference is as unknown as one never used (5090)."""
        payment = self.payments.get((msn, reference))
        if payment is None:
            raise UnknownPayment(reference)
        return payment

    def find_of_anyone(self, reference: str) -> Payment:
        """The first payment with this reference, whoever made it (only the `epayment-events-without-auth` fault)."""
        for (_, known), payment in self.payments.items():
            if known == reference:
                return payment
        raise UnknownPayment(reference)
