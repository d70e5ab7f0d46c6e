"""The public representations of agreements and charges: the v3 response bodies, as plain dicts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cancel_conformance.reference.ecom.views import timestamp
from cancel_conformance.reference.recurring.agreements import CONFIRMATION_URL
from cancel_conformance.reference.recurring.lifecycle import FAILED
from cancel_conformance.reference.recurring.model import Agreement, Charge

# ChargeResponseV3.failureReason: the reference's `fail` hook stands for a card the customer must fix.
FAILURE = ("user_action_required", "The customer needs to act in the app")


def _when(moment: datetime | None) -> str | None:
    return timestamp(moment) if moment is not None else None


def interval_view(interval: dict[str, Any]) -> dict[str, Any]:
    """TimePeriodResponse, with a text such as "every 2 weeks"."""
    unit, count = interval["unit"].lower(), interval["count"]
    return {"unit": interval["unit"], "count": count,
            "text": f"every {unit}" if count == 1 else f"every {count} {unit}s"}


def agreement_view(agreement: Agreement) -> dict[str, Any]:
    """AgreementResponseV3 (LEGACY pricing; no campaign, no user info)."""
    draft = agreement.draft
    view: dict[str, Any] = {
        "id": agreement.agreement_id,
        "uuid": agreement.uuid,
        "status": agreement.status,
        "productName": draft["productName"],
        "pricing": {"type": "LEGACY", "currency": draft["pricing"]["currency"], "amount": draft["pricing"]["amount"]},
        "interval": interval_view(draft["interval"]),
        "created": timestamp(agreement.created_at),
        "start": _when(agreement.started_at),
        "stop": _when(agreement.stopped_at),
        "merchantAgreementUrl": draft["merchantAgreementUrl"],
        "merchantRedirectUrl": draft["merchantRedirectUrl"],
        "countryCode": draft.get("countryCode", "NO"),
        "vippsConfirmationUrl": CONFIRMATION_URL.format(agreement_id=agreement.agreement_id),
    }
    view.update({name: draft[name] for name in ("productDescription", "externalId") if name in draft})
    return view


def summary_view(charge: Charge, *, as_strings: bool = False) -> dict[str, Any]:
    """ChargeSummary; `as_strings` only for the `charge-list-summary-as-strings` fault."""
    summary = {"captured": charge.captured, "refunded": charge.refunded, "cancelled": charge.cancelled}
    return {name: str(value) for name, value in summary.items()} if as_strings else summary


def charge_view(charge: Charge, *, summary_as_strings: bool = False) -> dict[str, Any]:
    """ChargeResponseV3; the history oldest first."""
    view: dict[str, Any] = {
        "id": charge.charge_id,
        "agreementId": charge.agreement_id,
        "amount": charge.amount,
        "currency": "NOK",
        "description": charge.description,
        "due": timestamp(charge.due),
        "retryDays": charge.retry_days,
        "status": charge.state,
        "transactionId": charge.transaction_id,
        "type": "RECURRING",
        "transactionType": charge.transaction_type,
        "externalId": charge.external_id,
        "failureReason": FAILURE[0] if charge.state == FAILED else None,
        "summary": summary_view(charge, as_strings=summary_as_strings),
        "history": [{"occurred": timestamp(entry.occurred), "event": entry.event, "amount": entry.amount,
                     "idempotencyKey": entry.idempotency_key, "success": entry.success}
                    for entry in charge.history],
    }
    if charge.state == FAILED:
        view["failureDescription"] = FAILURE[1]
    return view
