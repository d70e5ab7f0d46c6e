"""The ePayment cast: a Vipps MobilePay merchant's shop, its customer in the app, and time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from cancel_conformance.apis.epayment.client import NO_BODY, EpaymentClient
from cancel_conformance.apis.epayment.sandbox import EpaymentSandbox
from cancel_conformance.apis.epayment.view import Amounts, Seen
from cancel_conformance.cast.digits import digits
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import HookOutcome, established

# Amounts are integers in minor units (api-facts §3.1): 100.00 NOK, of which 40.00 is captured first
# when a scenario needs a partial capture.
CURRENCY = "NOK"
DEFAULT_AMOUNT = 10000
PARTIAL_CAPTURE = 4000
# Where the customer would be sent afterwards: the reserved `.example` domain (RFC 2606).
SHOP = "https://shop.example"


def new_reference(prefix: str = "cc") -> str:
    """Unique per scenario; a reference matches `^[a-zA-Z0-9-]{8,50}$` (spec 1.4.1)."""
    return f"{prefix}-{uuid.uuid4().hex[:24]}"


def money(value: int) -> dict:
    """Spec 1.4.1's Amount."""
    return {"currency": CURRENCY, "value": value}


@dataclass
class EPayment:
    """An ePayment as its merchant knows it."""

    reference: str
    amount: int
    owner: EpaymentMerchant = field(repr=False)
    # What the merchant saw once the scenario's Given was established (the "before" of a rule).
    seen: Seen | None = None


class EpaymentMerchant:
    """A Vipps MobilePay merchant's shop, acting with its own API keys and merchant serial number."""

    def __init__(self, client: EpaymentClient, sandbox: EpaymentSandbox, name: str,
                 cleanup: Cleanup | None = None) -> None:
        self.client = client
        self.name = name
        self.cleanup = cleanup or Cleanup()
        self.customer = EpaymentCustomer(sandbox)
        self.time = EpaymentClock(sandbox)

    def payment_request(self, amount: int = DEFAULT_AMOUNT) -> dict:
        reference = new_reference()
        # createPayment requires amount, paymentMethod, reference and userFlow (api-facts §3.4).
        return {"amount": money(amount), "paymentMethod": {"type": "WALLET"}, "reference": reference,
                "userFlow": "WEB_REDIRECT", "returnUrl": f"{SHOP}/orders/{reference}",
                "paymentDescription": "Conformance order"}

    def start_payment(self, amount: int = DEFAULT_AMOUNT) -> EPayment:
        request = self.payment_request(amount)
        established(self.client.create_payment(request), "create an ePayment")
        return self.payment_from(request)

    def payment_from(self, request: dict) -> EPayment:
        """The ePayment an accepted create made; closed when the scenario is over."""
        payment = EPayment(request["reference"], request["amount"]["value"], self)
        self.cleanup.add(f"ePayment {payment.reference}", lambda: self.close(payment))
        return payment

    def never_issued(self) -> EPayment:
        """A reference this merchant never used."""
        return EPayment(new_reference("never"), DEFAULT_AMOUNT, self)

    # Reading

    def read(self, payment: EPayment) -> ApiResult:
        return self.client.get_payment(payment.reference)

    def events(self, payment: EPayment) -> ApiResult:
        return self.client.get_payment_event_log(payment.reference)

    def close(self, payment: EPayment) -> str | None:
        """Cancel an ePayment that still holds something to cancel: created, or authorized with money left."""
        answer = self.read(payment)
        if answer.status != 200:
            return f"could not be read ({answer.status})"
        amounts = Amounts.of(answer)
        still_open = amounts.state == "CREATED" or (
            amounts.state == "AUTHORIZED" and amounts.authorized - amounts.captured - amounts.cancelled > 0)
        if not still_open:
            return None
        closed = self.cancel(payment)
        return None if closed.ok else f"still {amounts.state}: the cancel answered {closed.status}"

    # The merchant's actions

    def cancel(self, payment: EPayment, body: dict | None = NO_BODY, idempotency_key: str | None = None) -> ApiResult:
        return self.client.cancel_payment(payment.reference, body, idempotency_key)

    def capture(self, payment: EPayment, amount: int | None = None) -> ApiResult:
        """Capture `amount`, or the whole payment."""
        value = payment.amount if amount is None else amount
        return self.client.capture_payment(payment.reference, {"modificationAmount": money(value)})

    def refund(self, payment: EPayment, amount: int) -> ApiResult:
        return self.client.refund_payment(payment.reference, {"modificationAmount": money(amount)})


class EpaymentCustomer:
    """The customer in the Vipps MobilePay app: authorizes, aborts, goes through 3-D Secure (sandbox hooks)."""

    def __init__(self, sandbox: EpaymentSandbox) -> None:
        self._sandbox = sandbox
        # CustomerPhoneNumber: 10 to 15 digits, country code first (spec 1.4.1).
        self.phone_number = "47" + digits(8)

    def authorize(self, payment: EPayment) -> HookOutcome:
        return self._sandbox.approve(payment.reference, self.phone_number)

    def abort(self, payment: EPayment) -> HookOutcome:
        return self._sandbox.abort(payment.reference)

    def start_3ds(self, payment: EPayment) -> HookOutcome:
        return self._sandbox.start_3ds(payment.reference)

    def finish_3ds(self, payment: EPayment) -> HookOutcome:
        return self._sandbox.finish_3ds(payment.reference)


class EpaymentClock:
    """Time, per payment: the customer's time running out, or a payment made to look as old as a rule needs."""

    def __init__(self, sandbox: EpaymentSandbox) -> None:
        self._sandbox = sandbox

    def expire(self, payment: EPayment) -> HookOutcome:
        return self._sandbox.expire(payment.reference)

    def age(self, payment: EPayment, days: int, hours: int = 0) -> HookOutcome:
        return self._sandbox.age(payment.reference, days, hours)

