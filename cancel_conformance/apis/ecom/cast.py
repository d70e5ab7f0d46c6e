"""The eCom cast: a Vipps merchant's web shop, its customer in the Vipps app, and time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from cancel_conformance.apis.ecom.client import EcomClient
from cancel_conformance.apis.ecom.details import Details
from cancel_conformance.apis.ecom.sandbox import EcomSandbox
from cancel_conformance.cast.digits import digits
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import HookOutcome, established

# Amounts are integers in minor units, at least 100 (api-facts §2.1): 100.00 NOK, of which 40.00 is
# captured first when a scenario needs a partial capture.
DEFAULT_AMOUNT = 10000
PARTIAL_CAPTURE = 4000
# Where Vipps would send callbacks and the customer afterwards: the reserved `.example` domain (RFC 2606).
SHOP = "https://shop.example"


def new_order_id(prefix: str = "cc") -> str:
    """Unique per scenario; an orderId matches `^[a-zA-Z0-9-]{1,50}$` (api-facts §2.1)."""
    return f"{prefix}-{uuid.uuid4().hex[:24]}"


@dataclass
class Order:
    """A Vipps eCom payment as its merchant knows it."""

    order_id: str
    amount: int
    owner: EcomMerchant = field(repr=False)
    landing_token: str | None = None
    # What the details showed once the scenario's Given was established (the "before" of a rule).
    seen: Details | None = None


class EcomMerchant:
    """A Vipps merchant's shop, acting with its own API keys and merchant serial number."""

    def __init__(self, client: EcomClient, sandbox: EcomSandbox, name: str, cleanup: Cleanup | None = None) -> None:
        self.client = client
        self.name = name
        self.cleanup = cleanup or Cleanup()
        self.customer = VippsCustomer(sandbox)
        self.time = PaymentClock(sandbox)

    @property
    def msn(self) -> str:
        return self.client.merchant_serial_number

    def payment_request(self, amount: int = DEFAULT_AMOUNT, order_id: str | None = None) -> dict:
        order_id = order_id or new_order_id()
        return {
            "customerInfo": {},
            "merchantInfo": {"merchantSerialNumber": self.msn, "callbackPrefix": f"{SHOP}/vipps/callbacks",
                             "fallBack": f"{SHOP}/orders/{order_id}"},
            "transaction": {"orderId": order_id, "amount": amount, "transactionText": "Conformance order"},
        }

    def start_order(self, amount: int = DEFAULT_AMOUNT) -> Order:
        request = self.payment_request(amount)
        return self.order_from(request, established(self.client.initiate_payment_v3_using_post(request),
                                                    "initiate a payment"))

    def order_from(self, request: dict, answer: ApiResult) -> Order:
        """The order an accepted initiate created; closed when the scenario is over."""
        transaction = request["transaction"]
        order = Order(transaction["orderId"], transaction["amount"], self, _landing_token(answer))
        self.cleanup.add(f"order {order.order_id}", lambda: self.close(order))
        return order

    def close(self, order: Order) -> str | None:
        """Cancel an order still open, releasing what remains (shouldReleaseRemainingFunds)."""
        answer = self.details(order)
        if answer.status != 200:
            return f"could not be read ({answer.status})"
        details = Details.of(answer)
        if details.cancellations() or (details.shows("RESERVE") and details.remaining == 0):
            return None
        closed = self.cancel(order, release=True)
        return None if closed.ok else f"still open: the cancel answered {closed.status}"

    def never_issued(self) -> Order:
        """An order id this merchant never used."""
        return Order(new_order_id("never"), DEFAULT_AMOUNT, self)

    def details(self, order: Order) -> ApiResult:
        return self.client.get_payment_details_using_get(order.order_id)

    # The merchant's actions

    def cancel(self, order: Order, release: bool | None = None) -> ApiResult:
        """Cancel; `release` sets shouldReleaseRemainingFunds, None leaves it out."""
        return self.send_cancel(order, self.cancel_request(release))

    def send_cancel(self, order: Order, body: dict) -> ApiResult:
        return self.client.cancel_payment_request_using_put(order.order_id, body)

    def cancel_request(self, release: bool | None = None) -> dict:
        body: dict = {"merchantInfo": {"merchantSerialNumber": self.msn},
                      "transaction": {"transactionText": "Cancelled by the shop"}}
        if release is not None:
            body["shouldReleaseRemainingFunds"] = release
        return body

    def capture(self, order: Order, amount: int | None = None) -> ApiResult:
        """Capture `amount`, or the whole order."""
        body = self._action(order.amount if amount is None else amount, "Parcel handed over")
        return self.client.capture_payment_using_post(order.order_id, body)

    def refund(self, order: Order, amount: int) -> ApiResult:
        return self.client.refund_payment_using_post(order.order_id, self._action(amount, "Parcel returned"))

    def _action(self, amount: int, text: str) -> dict:
        return {"merchantInfo": {"merchantSerialNumber": self.msn},
                "transaction": {"amount": amount, "transactionText": text}}


class VippsCustomer:
    """The customer in the Vipps app: approves, rejects, goes through 3-D Secure (sandbox hooks)."""

    def __init__(self, sandbox: EcomSandbox) -> None:
        self._sandbox = sandbox
        self.phone_number = digits(8)

    def approve(self, order: Order) -> HookOutcome:
        return self._sandbox.approve(order.order_id, self.phone_number, order.landing_token)

    def reject(self, order: Order) -> HookOutcome:
        return self._sandbox.reject(order.order_id)

    def start_3ds(self, order: Order) -> HookOutcome:
        return self._sandbox.start_3ds(order.order_id)

    def finish_3ds(self, order: Order) -> HookOutcome:
        return self._sandbox.finish_3ds(order.order_id)


class PaymentClock:
    """Time, per payment: a payment made to look as old as a rule needs (SIMULATION.md §3)."""

    def __init__(self, sandbox: EcomSandbox) -> None:
        self._sandbox = sandbox

    def age(self, order: Order, days: int, hours: int = 0) -> HookOutcome:
        return self._sandbox.age(order.order_id, days, hours)


def _landing_token(answer: ApiResult) -> str | None:
    """The token force approve takes: "the token value received in the `url` property" (spec 2.0.3)."""
    url = answer.body.get("url") if isinstance(answer.body, dict) else None
    tokens = parse_qs(urlsplit(url).query).get("token") if isinstance(url, str) else None
    return tokens[0] if tokens else None
