"""eCom v2 routes: thin handlers that check the request, call the service and shape the answer.

Every handler checks in one order: the key and token (401), the optional headers (400/403), the
path and the required X-Request-Id (400), the body (400), then the payment itself (404, 400).
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from cancel_conformance.reference.ecom import schemas, token
from cancel_conformance.reference.ecom.access import MSN_FORMAT, api_caller, require_msn
from cancel_conformance.reference.ecom.accounts import DemoMerchant
from cancel_conformance.reference.ecom.errors import InvalidRequest, PlainNotFound, ServerError, UnknownOrder
from cancel_conformance.reference.ecom.lifecycle import MERCHANT_CANCELLED_STATES
from cancel_conformance.reference.ecom.validation import check_system_headers, order_id, request_id
from cancel_conformance.reference.ecom.views import cancel_view, capture_view, details_view, initiated_view, refund_view
from cancel_conformance.reference.ecom.web import call, empty, json_body, ok, service
from cancel_conformance.reference.web import route

PREFIX = "/ecomm/v2/payments"
EXPRESS = "eComm Express Payment"


def path_order_id(request: Request) -> str:
    return order_id(str(request.path_params["orderId"]))


def body_msn(merchant: DemoMerchant, body: dict[str, Any]) -> str:
    """The MSN the body acts for: merchantInfo.merchantSerialNumber, which must be the token's (403)."""
    msn = (body.get("merchantInfo") or {}).get("merchantSerialNumber")
    if isinstance(msn, str) and re.fullmatch(MSN_FORMAT, msn):
        require_msn(merchant, msn, "merchantInfo.merchantSerialNumber")
        return msn
    # Validation lets a missing or malformed one through only under a fault: `initiate-msn-unchecked`
    # files the payment under that value as sent, a merchant no one can act for.
    return f"malformed {json.dumps(msn)}"


async def initiate_payment(request: Request) -> Response:
    ecom = service(request)
    merchant = api_caller(request)
    unchecked = ecom.fault("initiate-msn-unchecked")
    body = await json_body(request, schemas.INITIATE_MSN_UNCHECKED if unchecked else schemas.INITIATE)
    msn = body_msn(merchant, body)
    if body["merchantInfo"].get("paymentType") == EXPRESS:
        raise InvalidRequest("merchantInfo.paymentType", "Express checkout is not part of this sandbox")
    payment = await call(ecom.payments.initiate, msn, body)
    return ok(initiated_view(payment))


async def capture_payment(request: Request) -> Response:
    return ok(capture_view(await _money_action(request, service(request).actions.capture)))


async def refund_payment(request: Request) -> Response:
    return ok(refund_view(await _money_action(request, service(request).actions.refund)))


async def _money_action(request: Request, action):
    """Capture or refund: X-Request-Id required (api-facts §2.4), the body's merchant the caller's."""
    merchant = api_caller(request)
    request_key = request_id(request.headers, required=True)
    order = path_order_id(request)
    body = await json_body(request, schemas.PAYMENT_ACTION)
    body_msn(merchant, body)
    transaction = body["transaction"]
    return await call(action, merchant.merchant_serial_number, order, transaction.get("amount"),
                      transaction["transactionText"], request_key)


async def cancel_payment(request: Request) -> Response:
    ecom = service(request)
    merchant = api_caller(request)
    # Not declared on cancel (api-facts §2.1), but sent by the official plugin: kept in the log when present.
    request_key = request_id(request.headers, required=False)
    order = path_order_id(request)
    # ECOM_CAN_06: "A cancel whose body lacks merchantInfo or transaction.transactionText is refused with 400".
    unchecked = ecom.fault("cancel-body-not-validated")
    body = await json_body(request, schemas.CANCEL_UNCHECKED if unchecked else schemas.CANCEL)
    body_msn(merchant, body)
    # ECOM_REL_03: "shouldReleaseRemainingFunds left out behaves as false" (the lifecycle says how).
    release = body.get("shouldReleaseRemainingFunds")
    text = (body.get("transaction") or {}).get("transactionText", "")
    try:
        outcome = await call(ecom.actions.cancel, merchant.merchant_serial_number, order, release, text, request_key)
    except UnknownOrder:
        # ECOM_CAN_07: "Cancelling an unknown order id is refused with a 4xx and an eCom error body".
        if ecom.fault("unknown-order-plain-error-body"):
            raise PlainNotFound() from None
        raise
    return ok(cancel_view(outcome))


async def payment_details(request: Request) -> Response:
    ecom = service(request)
    if ecom.fault("details-without-auth"):
        check_system_headers(request.headers)
        payment = await call(ecom.payments.details_of_anyone, path_order_id(request))
    else:
        merchant = api_caller(request)
        try:
            payment = await call(ecom.payments.details, merchant.merchant_serial_number, path_order_id(request))
        except UnknownOrder:
            if ecom.fault("unknown-order-details-server-error"):
                raise ServerError() from None
            raise
    strings = ecom.fault("cancel-summary-as-strings") and payment.state in MERCHANT_CANCELLED_STATES
    return ok(details_view(payment, summary_as_strings=strings))


async def approve_payment(request: Request) -> Response:
    """The vendor's force approve (capability ecom.approve); the landing token is not checked."""
    ecom = service(request)
    merchant = api_caller(request)
    request_id(request.headers, required=False)
    order = path_order_id(request)
    await json_body(request, schemas.APPROVE)
    await call(ecom.sandbox.approve, merchant.merchant_serial_number, order)
    return empty()


ROUTES = [
    *token.ROUTES,
    route(PREFIX, POST=initiate_payment),
    route(f"{PREFIX}/{{orderId}}/capture", POST=capture_payment),
    route(f"{PREFIX}/{{orderId}}/refund", POST=refund_payment),
    route(f"{PREFIX}/{{orderId}}/cancel", PUT=cancel_payment),
    route(f"{PREFIX}/{{orderId}}/details", GET=payment_details),
    route("/ecomm/v2/integration-test/payments/{orderId}/approve", POST=approve_payment),
]
