"""The public representations of ePayment payments: the spec's response bodies, as plain dicts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cancel_conformance.reference.epayment.model import Event, Payment

# A real sandbox sends the customer to its landing page or app; the reference has neither, so its URLs
# name reserved `.invalid` hosts (RFC 6761) and carry the token that force approve may be sent.
LANDING_URL = "https://landing.reference.invalid/epayment/v1/payments/{reference}?token={token}"
QR_URL = "https://qr.reference.invalid/epayment/v1/payments/{reference}?token={token}"


def timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with milliseconds (2022-12-31T00:00:00.000Z)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def money(payment: Payment, value: int) -> dict[str, Any]:
    """Amount: {currency, value} in minor units."""
    return {"currency": payment.currency, "value": value}


def redirect_url(payment: Payment) -> str | None:
    """Spec 1.4.1 redirectUrl: the landing page or app, a QR code for QR, "nothing" for PUSH_MESSAGE."""
    if payment.user_flow == "PUSH_MESSAGE":
        return None
    template = QR_URL if payment.user_flow == "QR" else LANDING_URL
    return template.format(reference=payment.reference, token=payment.token)


def aggregate_view(payment: Payment) -> dict[str, Any]:
    """Aggregate: what is authorized, cancelled, captured and refunded (api-facts §3.1, all required)."""
    return {"authorizedAmount": money(payment, payment.authorized),
            "cancelledAmount": money(payment, payment.cancelled),
            "capturedAmount": money(payment, payment.captured),
            "refundedAmount": money(payment, payment.refunded)}


def created_view(payment: Payment) -> dict[str, Any]:
    """CreatePaymentResponse."""
    url = redirect_url(payment)
    return {"reference": payment.reference, **({"redirectUrl": url} if url else {})}


def payment_view(payment: Payment) -> dict[str, Any]:
    """GetPaymentResponse; the profile stays empty (no user information is emulated)."""
    view: dict[str, Any] = {"aggregate": aggregate_view(payment), "amount": money(payment, payment.amount),
                            "state": payment.public_state, "paymentMethod": {"type": payment.method},
                            "profile": {}, "pspReference": payment.psp_reference, "reference": payment.reference}
    url = redirect_url(payment)
    if url and payment.public_state == "CREATED":
        view["redirectUrl"] = url
    if payment.metadata is not None:
        view["metadata"] = dict(payment.metadata)
    return view


def modification_view(payment: Payment) -> dict[str, Any]:
    """ModificationResponse (all fields required)."""
    return {"amount": money(payment, payment.amount), "state": payment.public_state,
            "aggregate": aggregate_view(payment), "pspReference": payment.psp_reference,
            "reference": payment.reference}


def event_view(payment: Payment, event: Event, *, value_as_text: bool = False) -> dict[str, Any]:
    """PaymentEvent; `value_as_text` only for the `epayment-cancelled-events-off-contract` fault."""
    amount = money(payment, event.amount)
    if value_as_text:
        amount["value"] = str(event.amount)
    return {"reference": payment.reference, "pspReference": payment.psp_reference, "name": event.name,
            "amount": amount, "timestamp": timestamp(event.at), "idempotencyKey": event.idempotency_key,
            "success": event.success}


def events_view(payment: Payment, *, value_as_text: bool = False) -> list[dict[str, Any]]:
    """The event log, oldest first."""
    return [event_view(payment, event, value_as_text=value_as_text) for event in payment.events]
