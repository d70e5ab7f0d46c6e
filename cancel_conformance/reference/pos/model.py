"""The PoS v10 resources as plain dataclasses, and the in-memory state that holds them."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Context, Decimal
from typing import Any

from cancel_conformance.reference.clock import Clock, utc_now
from cancel_conformance.reference.pos.idempotency import IdempotencyStore
from cancel_conformance.reference.pos.lifecycle import Lifecycle, payment_lifecycle, refund_lifecycle

# Amounts are exact Decimals in major units, as large as a JSON double can carry; arithmetic on them
# uses a context wide enough never to round (a double has at most 309 integer digits, plus 2 decimals).
MONEY = Context(prec=400)
LARGEST_AMOUNT = Decimal("1.7976931348623157e308")
CENT = Decimal("0.01")

# api-facts 1.3: a reservation neither captured nor cancelled expires after 7 days.
RESERVATION_LIFETIME = timedelta(days=7)


@dataclass(frozen=True)
class Caller:
    """Who a request acts as. `integrator` is None only when a fault admits a request without a token."""

    integrator: str | None
    merchant_vat: str | None


@dataclass
class PointOfSale:
    """A point of sale in one of the merchant's stores, with the beacon customers check in at."""

    pos_id: str
    integrator: str
    merchant_vat: str
    store_id: str
    merchant_pos_id: str
    name: str
    beacon_id: str
    callback_alias: str | None
    beacon_types: list[str]
    require_payment_before_checkin: bool
    deleted: bool = False
    checked_in: bool = False  # a customer checked in while no payment was active
    payment_ids: list[str] = field(default_factory=list)


@dataclass
class Payment:
    """A payment on a point of sale. Amounts are Decimal major units (12.50 DKK)."""

    payment_id: str
    pos_id: str
    order_id: str
    integrator: str
    merchant_vat: str
    status: str
    created_at: datetime
    expires_at: datetime
    amount: Decimal | None = None
    currency_code: str | None = None
    restrictions: dict[str, Any] | None = None
    merchant_payment_label: str | None = None
    planned_capture_delay: str | None = None
    captured_amount: Decimal | None = None
    refund_ids: list[str] = field(default_factory=list)


@dataclass
class Refund:
    """A refund of (part of) a captured payment."""

    refund_id: str
    payment_id: str
    refund_order_id: str
    integrator: str
    merchant_vat: str
    amount: Decimal
    currency_code: str
    status: str


@dataclass
class PosState:
    """Everything the PoS emulation remembers, guarded by one lock for every check-then-act."""

    faults: frozenset[str] = frozenset()
    clock: Clock = utc_now
    lock: threading.RLock = field(default_factory=threading.RLock)
    points: dict[str, PointOfSale] = field(default_factory=dict)
    payments: dict[str, Payment] = field(default_factory=dict)
    refunds: dict[str, Refund] = field(default_factory=dict)
    idempotency: IdempotencyStore = field(init=False)
    payment_lifecycle: Lifecycle = field(init=False)
    refund_lifecycle: Lifecycle = field(init=False)

    def __post_init__(self) -> None:
        self.idempotency = IdempotencyStore(self.faults)
        self.payment_lifecycle = payment_lifecycle(self.faults)
        self.refund_lifecycle = refund_lifecycle(self.faults)

    def fault(self, name: str) -> bool:
        return name in self.faults

    def live_pos(self, pos_id: str) -> PointOfSale | None:
        pos = self.points.get(pos_id.lower())
        return pos if pos is not None and not pos.deleted else None

    def latest_payment(self, pos: PointOfSale) -> Payment | None:
        return self.payments[pos.payment_ids[-1]] if pos.payment_ids else None
