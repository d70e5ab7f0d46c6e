"""The public representations of PoS v10 resources: the spec's response bodies, as plain dicts."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from cancel_conformance.reference.accounts import Store
from cancel_conformance.reference.pos.model import Payment, PointOfSale, Refund

# api-facts 1.7: the client "must wait at least" pollDelayInMs; "polling at most once per second is allowed".
POLL_DELAY_MS = 1000


def money(amount: Decimal | None) -> int | float | None:
    """A JSON number for a Decimal amount (12.50 -> 12.5, 20.00 -> 20)."""
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def timestamp(moment: datetime) -> str:
    """RFC 3339, UTC, whole seconds."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def payment_view(payment: Payment) -> dict[str, Any]:
    """QueryPaymentResponse."""
    view: dict[str, Any] = {
        "paymentId": payment.payment_id,
        "posId": payment.pos_id,
        "orderId": payment.order_id,
        "amount": money(payment.amount),
        "currencyCode": payment.currency_code,
        "restrictions": payment.restrictions,
        "merchantPaymentLabel": payment.merchant_payment_label,
        "plannedCaptureDelay": payment.planned_capture_delay,
        "status": payment.status,
        "paymentExpiresAt": timestamp(payment.expires_at),
        "pollDelayInMs": POLL_DELAY_MS,
    }
    # api-facts 1.6: partialCapturePossible is "only present when status = Reserved".
    if payment.status == "Reserved":
        view["partialCapturePossible"] = True
    return view


def refund_view(refund: Refund) -> dict[str, Any]:
    """GetRefundResponse."""
    return {
        "refundId": refund.refund_id,
        "paymentId": refund.payment_id,
        "refundOrderId": refund.refund_order_id,
        "amount": money(refund.amount),
        "currencyCode": refund.currency_code,
        "status": refund.status,
        "pollDelayInMs": POLL_DELAY_MS,
    }


def pos_view(pos: PointOfSale) -> dict[str, Any]:
    """PosResponse."""
    return {
        "posId": pos.pos_id,
        "merchantPosId": pos.merchant_pos_id,
        "storeId": pos.store_id,
        "name": pos.name,
        "beaconId": pos.beacon_id,
        "callbackAlias": pos.callback_alias,
        "supportedBeaconTypes": list(pos.beacon_types),
        "requirePaymentBeforeCheckin": pos.require_payment_before_checkin,
    }


def store_view(store: Store) -> dict[str, Any]:
    """StoreResponse."""
    return {
        "storeName": store.name,
        "storeId": store.store_id,
        "storeStreet": store.street,
        "storeZipCode": store.zip_code,
        "storeCity": store.city,
        "brandName": store.brand_name,
        "merchantBrandId": store.merchant_brand_id,
        "merchantLocationId": store.merchant_location_id,
    }
