"""The Recurring cast: a Vipps MobilePay merchant with subscriptions, its customer, Vipps MobilePay charging
the customer as each due date comes, and time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from cancel_conformance.apis.recurring.client import RecurringClient
from cancel_conformance.apis.recurring.sandbox import RecurringSandbox
from cancel_conformance.apis.recurring.view import CANCELLABLE, Charge
from cancel_conformance.cast.digits import digits
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import HookOutcome, established

# Charges in minor units, at least 100 (api-facts §4.2): 100.00 NOK, of which 40.00 is captured first where a
# scenario needs a partial capture; the agreement's price is the same 100.00 a month.
CURRENCY = "NOK"
DEFAULT_AMOUNT = 10000
PARTIAL_CAPTURE = 4000
RESERVE_CAPTURE, DIRECT_CAPTURE = "RESERVE_CAPTURE", "DIRECT_CAPTURE"
# Where Vipps MobilePay would send the customer: the reserved `.example` domain (RFC 2606).
SHOP = "https://shop.example"
DUE_IN_DAYS = 30


# The agreement states of the contract (recurring.v3.yaml) from which nothing more follows.
ENDED_AGREEMENT = frozenset({"STOPPED", "EXPIRED"})


@dataclass
class Agreement:
    agreement_id: str


@dataclass
class ChargeRef:
    """A charge as its merchant knows it."""

    agreement_id: str
    charge_id: str
    amount: int
    owner: RecurringMerchant = field(repr=False)
    # What the merchant saw once the scenario's Given was established (the "before" of a rule).
    seen: Charge | None = None


class RecurringMerchant:
    """A Vipps MobilePay merchant's subscription business, acting with its own API keys."""

    def __init__(self, client: RecurringClient, sandbox: RecurringSandbox, name: str,
                 cleanup: Cleanup | None = None, settle_timeout: float = 10.0) -> None:
        self.client = client
        # How long a charge may take to show what the target accepted to do later (`[limits] settle_timeout`).
        self.settle_timeout = settle_timeout
        self.name = name
        self.cleanup = cleanup or Cleanup()
        self.customer = Subscriber(sandbox)
        self.vipps = ChargingBackOffice(sandbox)
        self.time = ChargeClock(sandbox)
        self._agreement: Agreement | None = None

    @property
    def agreement(self) -> Agreement:
        """The merchant's own ACTIVE agreement for this scenario, drawn up and accepted on first use."""
        if self._agreement is None:
            self._agreement = self.new_agreement()
        return self._agreement

    def new_agreement(self) -> Agreement:
        """An agreement the customer accepted (force accept), stopped when the scenario is over."""
        drafted = established(self.client.draft_agreement_v3(self.agreement_request()), "draw up an agreement")
        agreement = Agreement(drafted.field("agreementId", str))
        self.cleanup.add(f"agreement {agreement.agreement_id}", lambda: self.close_agreement(agreement))
        established(self.customer.accept(agreement), "have the customer accept the agreement")
        return agreement

    def agreement_request(self) -> dict:
        # DraftAgreementV3 requires pricing, interval, merchantAgreementUrl, merchantRedirectUrl, productName.
        return {"pricing": {"type": "LEGACY", "amount": DEFAULT_AMOUNT, "currency": CURRENCY},
                "interval": {"unit": "MONTH", "count": 1}, "productName": "Conformance subscription",
                "merchantAgreementUrl": f"{SHOP}/account", "merchantRedirectUrl": f"{SHOP}/return",
                "phoneNumber": self.customer.phone_number}

    def start_charge(self, transaction_type: str = RESERVE_CAPTURE, amount: int = DEFAULT_AMOUNT,
                     agreement: Agreement | None = None) -> ChargeRef:
        """A new charge on the agreement; it starts PENDING (SIMULATION.md §2)."""
        agreement = agreement or self.agreement
        body = self.charge_request(transaction_type, amount)
        created = established(self.client.create_charge_v3(agreement.agreement_id, body), "create a charge")
        return self.charge_from(agreement, body, created)

    def charge_request(self, transaction_type: str = RESERVE_CAPTURE, amount: int = DEFAULT_AMOUNT) -> dict:
        # CreateChargeV3 requires amount, transactionType, description, due and retryDays (api-facts §4.2).
        # The optional orderId "will be the chargeId for this charge" (CreateChargeV3): the charge's id is
        # known even from a 201 that leaves out `chargeId`, which ChargeReference does not require.
        return {"amount": amount, "transactionType": transaction_type, "description": "Conformance charge",
                "due": (date.today() + timedelta(days=DUE_IN_DAYS)).isoformat(), "retryDays": 0,
                "orderId": f"cc-{uuid.uuid4().hex[:12]}"}  # 15 characters: ChargeReference.chargeId's bound

    def charge_from(self, agreement: Agreement, request: dict, created: ApiResult) -> ChargeRef:
        """The charge an accepted create made; closed when the scenario is over."""
        # No `chargeId` in the answer: the orderId the request gave is the charge's id (CreateChargeV3.orderId).
        charge_id = created.optional_field("chargeId", str, absent=request["orderId"])
        charge = ChargeRef(agreement.agreement_id, charge_id, request["amount"], self)
        self.cleanup.add(f"charge {charge.charge_id}", lambda: self.close(charge))
        return charge

    def never_issued(self) -> ChargeRef:
        """A charge id this merchant's agreement never had."""
        return ChargeRef(self.agreement.agreement_id, f"chr-never-{uuid.uuid4().hex[:16]}", DEFAULT_AMOUNT, self)

    # Reading

    def read(self, charge: ChargeRef) -> ApiResult:
        return self.client.fetch_charge_v3(charge.agreement_id, charge.charge_id)

    def close(self, charge: ChargeRef) -> str | None:
        """Cancel a charge that can still be cancelled (what remains of a partial capture released)."""
        answer = self.read(charge)
        if answer.status != 200:
            return f"could not be read ({answer.status})"
        current = Charge.of(answer)
        if current.status not in CANCELLABLE:
            return None
        closed = self.cancel(charge)
        return None if closed.ok else f"still {current.status}: the cancel answered {closed.status}"

    def close_agreement(self, agreement: Agreement) -> str | None:
        """Stop the agreement; a refused stop is fine when the agreement reads as already ended."""
        stopped = self.stop(agreement)
        if stopped.ok or stopped.status == 404:
            return None
        answer = self.client.fetch_agreement_v3(agreement.agreement_id)
        status = answer.optional_field("status", str, None) if answer.status == 200 else None
        if status in ENDED_AGREEMENT:
            return None
        # AgreementResponseV3 does not require `status`: without it, whether the agreement already ended is unknown.
        shown = f"it reads {status}" if status else "it shows no status" if answer.status == 200 \
            else f"reading it answered {answer.status}"
        return f"could not be stopped ({stopped.status}); {shown}"

    # The merchant's actions

    def cancel(self, charge: ChargeRef, idempotency_key: str | None = None) -> ApiResult:
        return self.client.cancel_charge_v3(charge.agreement_id, charge.charge_id, idempotency_key)

    def capture(self, charge: ChargeRef, amount: int | None = None) -> ApiResult:
        """Capture `amount`, or the whole charge (CaptureRequestV3 requires amount and description)."""
        body = {"amount": charge.amount if amount is None else amount, "description": "Goods delivered"}
        return self.client.capture_charge_v3(charge.agreement_id, charge.charge_id, body)

    def refund(self, charge: ChargeRef, amount: int) -> ApiResult:
        body = {"amount": amount, "description": "Goods returned"}
        return self.client.refund_charge_v3(charge.agreement_id, charge.charge_id, body)

    def stop(self, agreement: Agreement) -> ApiResult:
        """`PATCH` `{"status": "STOPPED"}` (api-facts §4.2)."""
        return self.client.update_agreement_patch_v3(agreement.agreement_id, {"status": "STOPPED"})


class Subscriber:
    """The customer in the Vipps MobilePay app, accepting the merchant's agreement (sandbox: force accept)."""

    def __init__(self, sandbox: RecurringSandbox) -> None:
        self._sandbox = sandbox
        self.phone_number = "47" + digits(8)

    def accept(self, agreement: Agreement) -> HookOutcome:
        return self._sandbox.accept(agreement.agreement_id, self.phone_number)


class ChargingBackOffice:
    """Vipps MobilePay, charging the customer as a charge's due date comes (SIMULATION.md §2)."""

    def __init__(self, sandbox: RecurringSandbox) -> None:
        self._sandbox = sandbox

    def step(self, charge: ChargeRef, step: str) -> HookOutcome:
        return self._sandbox.step(charge.agreement_id, charge.charge_id, step)


class ChargeClock:
    """Time, per charge: a charge made to look as old as a rule needs."""

    def __init__(self, sandbox: RecurringSandbox) -> None:
        self._sandbox = sandbox

    def age(self, charge: ChargeRef, days: int, hours: int = 0) -> HookOutcome:
        return self._sandbox.age(charge.agreement_id, charge.charge_id, days, hours)
