"""The PoS cast: a merchant's point-of-sale system, its customer in the app, MobilePay's back office."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field

from cancel_conformance.apis.pos.client import WITH_TOKEN, PosClient
from cancel_conformance.apis.pos.sandbox import PosSandbox
from cancel_conformance.cast.digits import digits
from cancel_conformance.cleanup import Cleanup, close_if_open, deleted
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import HookOutcome
from cancel_conformance.outcomes import NotVerified

# States from which the client may still cancel (api-facts §1.4, §1.5): what a clean-up closes.
OPEN_PAYMENT_STATES = frozenset({"Prepared", "Initiated", "Paired", "IssuedToUser", "Reserved"})
OPEN_REFUND_STATES = frozenset({"Initiated", "Reserved"})
DEFAULT_AMOUNT = 125.5
CURRENCY = "DKK"


@dataclass(frozen=True)
class PointOfSale:
    pos_id: str
    beacon_id: str


@dataclass
class Payment:
    """A payment as its merchant knows it."""

    payment_id: str
    pos: PointOfSale
    order_id: str
    amount: float
    owner: Merchant = field(repr=False)


@dataclass
class Refund:
    refund_id: str
    payment: Payment
    amount: float


def new_order_id(prefix: str = "cc") -> str:
    """Unique per scenario, at most 36 characters (api-facts §1.6)."""
    return f"{prefix}-{uuid.uuid4().hex[:24]}"


class Merchant:
    """An integrator's point-of-sale system acting for a merchant."""

    def __init__(self, client: PosClient, sandbox: PosSandbox, name: str, cleanup: Cleanup | None = None) -> None:
        self.client = client
        self.name = name
        self.cleanup = cleanup or Cleanup()
        self._tracked: set[str] = set()
        self.customer = Customer(sandbox)
        self.back_office = BackOffice(sandbox)
        self._point_of_sale: PointOfSale | None = None

    def at_another_till(self) -> Merchant:
        """The same merchant, with the same clean-up, at a point of sale of its own and with a customer of its own."""
        other = copy.copy(self)
        other.cleanup = self.cleanup.branch(f"till {uuid.uuid4().hex[:8]}")
        other._point_of_sale = None
        other.customer = Customer(self.customer._sandbox)
        return other

    @property
    def point_of_sale(self) -> PointOfSale:
        """The merchant's own point of sale for this scenario, opened on first use."""
        if self._point_of_sale is None:
            self._point_of_sale = self.open_point_of_sale()
        return self._point_of_sale

    def use_point_of_sale(self, pos: PointOfSale) -> None:
        """Work at a point of sale this scenario opened already (one payment at a time)."""
        self._point_of_sale = pos

    def open_point_of_sale(self) -> PointOfSale:
        stores = self.client.get_stores()
        store_ids = _given_succeeded(stores, "list the merchant's stores").field("storeIds", list)
        if not store_ids:
            raise NotVerified("the merchant has no store to open a point of sale in")
        beacon_id = digits(15)
        body = {
            "merchantPosId": new_order_id("pos"),
            "storeId": store_ids[0],
            "name": f"Conformance till {beacon_id[-4:]}",
            "beaconId": beacon_id,
            "supportedBeaconTypes": ["QR"],
            "requirePaymentBeforeCheckin": False,
        }
        pos_id = _given_succeeded(self.client.create_pos(body), "open a point of sale").field("posId", str)
        self.cleanup.add(f"point of sale {pos_id}", lambda: deleted(lambda: self.client.delete_pos(pos_id)))
        # The beacon the customer checks in with is the one the point of sale reports (PosResponse.beaconId).
        opened = _given_succeeded(self.client.get_pos(pos_id), "read the new point of sale")
        return PointOfSale(pos_id, opened.field("beaconId", str))

    # Payments

    def payment_request(self, pos: PointOfSale | None = None, amount: float = DEFAULT_AMOUNT,
                        order_id: str | None = None) -> dict:
        return {
            "posId": (pos or self.point_of_sale).pos_id,
            "orderId": order_id or new_order_id(),
            "amount": amount,
            "currencyCode": CURRENCY,
            "plannedCaptureDelay": "None",
        }

    def initiate(self, request: dict, idempotency_key: str | None = None) -> ApiResult:
        answer = self.client.initiate_payment(request, idempotency_key)
        if answer.ok and isinstance(answer.body, dict) and isinstance(answer.body.get("paymentId"), str):
            self._clean_up_later(answer.body["paymentId"])
        return answer

    def payment_from(self, request: dict, answer: ApiResult) -> Payment:
        """The payment an accepted initiate (or prepare) created."""
        pos = self.point_of_sale if request["posId"] == self.point_of_sale.pos_id else None
        pos = pos or PointOfSale(request["posId"], "")
        payment = Payment(answer.field("paymentId", str), pos, request["orderId"], request.get("amount", 0), self)
        self._clean_up_later(payment.payment_id)
        return payment

    def _clean_up_later(self, payment_id: str) -> None:
        if payment_id in self._tracked:
            return
        self._tracked.add(payment_id)
        self.cleanup.add(f"payment {payment_id}", lambda: close_if_open(
            lambda: self.client.query_payment(payment_id), lambda: self.client.cancel_payment(payment_id),
            OPEN_PAYMENT_STATES))

    def start_payment(self, amount: float = DEFAULT_AMOUNT) -> Payment:
        request = self.payment_request(amount=amount)
        return self.payment_from(request, _given_succeeded(self.initiate(request), "initiate a payment"))

    def prepare_payment(self, amount: float = DEFAULT_AMOUNT) -> Payment:
        request = self.payment_request(amount=amount)
        prepared = self.client.prepare_payment({"posId": request["posId"], "orderId": request["orderId"]})
        return self.payment_from(request, _given_succeeded(prepared, "prepare a payment"))

    def mark_ready(self, payment: Payment) -> ApiResult:
        body = {"amount": payment.amount, "currencyCode": CURRENCY, "plannedCaptureDelay": "None"}
        return self.client.payment_ready(payment.payment_id, body)

    def read(self, payment: Payment) -> ApiResult:
        return self.client.query_payment(payment.payment_id)

    def cancel(self, payment: Payment, auth: str = WITH_TOKEN) -> ApiResult:
        return self.client.cancel_payment(payment.payment_id, auth)

    def capture(self, payment: Payment) -> ApiResult:
        return self.client.capture_payment(payment.payment_id, payment.amount)

    def find_payments(self, pos: PointOfSale, order_id: str | None = None) -> ApiResult:
        return self.client.query_payment_ids(pos_id=pos.pos_id, order_id=order_id)

    # Refunds

    def refund(self, payment: Payment, amount: float | None = None) -> ApiResult:
        body = {
            "paymentId": payment.payment_id,
            "refundOrderId": new_order_id("refund"),
            "amount": payment.amount if amount is None else amount,
            "currencyCode": CURRENCY,
        }
        answer = self.client.create_refund(body)
        if answer.ok and isinstance(answer.body, dict) and isinstance(answer.body.get("refundId"), str):
            refund_id = answer.body["refundId"]
            self.cleanup.add(f"refund {refund_id}", lambda: close_if_open(
                lambda: self.client.get_refund(refund_id), lambda: self.client.cancel_refund(refund_id),
                OPEN_REFUND_STATES))
        return answer

    def refund_from(self, payment: Payment, answer: ApiResult, amount: float | None = None) -> Refund:
        return Refund(answer.field("refundId", str), payment, payment.amount if amount is None else amount)

    def read_refund(self, refund: Refund) -> ApiResult:
        return self.client.get_refund(refund.refund_id)

    def cancel_refund(self, refund: Refund) -> ApiResult:
        return self.client.cancel_refund(refund.refund_id)

    def capture_refund(self, refund: Refund) -> ApiResult:
        return self.client.capture_refund(refund.refund_id)


class Customer:
    """The customer in the MobilePay app, at the merchant's point of sale (vendor sandbox hooks)."""

    def __init__(self, sandbox: PosSandbox) -> None:
        self._sandbox = sandbox
        self.phone_number = digits(8)

    def check_in(self, pos: PointOfSale) -> HookOutcome:
        return self._sandbox.check_in(pos.beacon_id, self.phone_number)

    def accept(self, pos: PointOfSale) -> HookOutcome:
        return self._sandbox.accept_payment(pos.beacon_id, self.phone_number)

    def cancel_in_app(self, pos: PointOfSale) -> HookOutcome:
        return self._sandbox.cancel_payment_by_user(pos.beacon_id)


class BackOffice:
    """MobilePay's side: its own cancels, and the passage of time (simulation extension)."""

    def __init__(self, sandbox: PosSandbox) -> None:
        self._sandbox = sandbox

    def cancel_payment(self, payment: Payment) -> HookOutcome:
        return self._sandbox.cancel_payment_by_mobilepay(payment.payment_id)

    def expire_reservation(self, payment: Payment) -> HookOutcome:
        return self._sandbox.expire_payment(payment.payment_id)

    def reserve_refund(self, refund: Refund) -> HookOutcome:
        return self._sandbox.reserve_refund(refund.refund_id)

    def expire_refund(self, refund: Refund) -> HookOutcome:
        return self._sandbox.expire_refund(refund.refund_id)

    def cancel_refund(self, refund: Refund) -> HookOutcome:
        return self._sandbox.cancel_refund_by_mobilepay(refund.refund_id)


def _given_succeeded(result: ApiResult, what: str) -> ApiResult:
    """A request a Given depends on: a 5xx is an error, any other refusal means the Given failed."""
    result.require_success(f"could not {what}")
    if not result.ok:
        raise NotVerified(f"could not {what}: {result.exchange.summary()}")
    return result
