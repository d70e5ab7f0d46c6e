"""The public representations of eCom payments: the spec's response bodies, as plain dicts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cancel_conformance.reference.ecom.actions import Outcome
from cancel_conformance.reference.ecom.model import LogEntry, Payment

# The landing page of a real sandbox: the reference has none, so its URL names a reserved `.invalid`
# host (RFC 6761) and carries the token that force-approve may be sent.
LANDING_URL = "https://landing.reference.invalid/ecomm/v2/payments/{order_id}?token={token}"


def timestamp(moment: datetime) -> str:
    """ISO-8601 in UTC with milliseconds, as the spec's examples write it (2019-02-05T12:27:42.311Z)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def initiated_view(payment: Payment) -> dict[str, Any]:
    """PaymentInitiationResponse."""
    return {"orderId": payment.order_id,
            "url": LANDING_URL.format(order_id=payment.order_id, token=payment.landing_token)}


def summary_view(payment: Payment, *, as_strings: bool = False) -> dict[str, Any]:
    """TransactionSummary; `as_strings` only for the `cancel-summary-as-strings` fault."""
    summary = {
        "capturedAmount": payment.captured,
        "refundedAmount": payment.refunded,
        "remainingAmountToCapture": payment.remaining_to_capture(),
        "remainingAmountToRefund": payment.remaining_to_refund(),
    }
    return {name: str(value) for name, value in summary.items()} if as_strings else summary


def log_view(payment: Payment, entry: LogEntry) -> dict[str, Any]:
    """TransactionLogHistory."""
    view: dict[str, Any] = {
        "amount": entry.amount,
        "operation": entry.operation,
        "operationSuccess": entry.success,
        "timeStamp": timestamp(entry.at),
        "transactionId": payment.transaction_id,
        "transactionText": entry.text,
    }
    if entry.request_id is not None:
        view["requestId"] = entry.request_id
    return view


def details_view(payment: Payment, *, summary_as_strings: bool = False) -> dict[str, Any]:
    """TransactionDetails: the log "sorted from newest to oldest" (spec 2.0.3)."""
    newest_first = sorted(enumerate(payment.log), key=lambda item: (item[1].at, item[0]), reverse=True)
    return {
        "orderId": payment.order_id,
        "transactionLogHistory": [log_view(payment, entry) for _, entry in newest_first],
        "transactionSummary": summary_view(payment, as_strings=summary_as_strings),
    }


def _transaction(outcome: Outcome, status: str, amount: int) -> dict[str, Any]:
    return {
        "amount": amount,
        "status": status,
        "timeStamp": timestamp(outcome.entry.at),
        "transactionId": outcome.payment.transaction_id,
        "transactionText": outcome.entry.text,
    }


def capture_view(outcome: Outcome) -> dict[str, Any]:
    """TransactionResponse: the amount this capture took."""
    return {"orderId": outcome.payment.order_id,
            "transactionInfo": _transaction(outcome, "Captured", outcome.entry.amount),
            "transactionSummary": summary_view(outcome.payment)}


def refund_view(outcome: Outcome) -> dict[str, Any]:
    """RefundTransactionResponse: the amount this refund returned."""
    return {"orderId": outcome.payment.order_id,
            "transaction": _transaction(outcome, "Refund", outcome.entry.amount),
            "transactionSummary": summary_view(outcome.payment)}


def cancel_view(outcome: Outcome) -> dict[str, Any]:
    """CancelTransactionResponse: status Cancelled, the payment's amount."""
    return {"orderId": outcome.payment.order_id,
            "transactionInfo": _transaction(outcome, "Cancelled", outcome.payment.amount),
            "transactionSummary": summary_view(outcome.payment)}
