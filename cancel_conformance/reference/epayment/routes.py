"""ePayment v1 routes: thin handlers that check the request, call the service and shape the answer.

Every handler checks in one order: the key and token (401), Merchant-Serial-Number (400/403), the
Vipps-System-* headers (400), the Idempotency-Key where it is required (400), the path's reference
(400), the body (400), then the request itself: a retry's first answer, a reused key (409), the
payment (404) and its state (4xx). Real clients work unchanged: the official SDK's Content-Type on
every request, empty Vipps-System-* headers and an Idempotency-Key on a GET are all accepted
(api-facts §5), as is the WooCommerce plugin's `{"cancelTransactionOnly": false}` (api-facts §3.1).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from cancel_conformance.reference.epayment import schemas, validation
from cancel_conformance.reference.epayment.access import api_caller
from cancel_conformance.reference.epayment.errors import BadRequest, ServerProblem, UnknownPayment
from cancel_conformance.reference.epayment.idempotency import Answer, Ask
from cancel_conformance.reference.epayment.lifecycle import RELEASED
from cancel_conformance.reference.epayment.model import Payment
from cancel_conformance.reference.epayment.views import events_view, payment_view
from cancel_conformance.reference.epayment.web import answer_response, empty, ok, problem_response, raw_body, service
from cancel_conformance.reference.web import call, route

PREFIX = "/epayment/v1/payments"


def path_reference(request: Request) -> str:
    return validation.reference(str(request.path_params["reference"]))


async def create_payment(request: Request) -> Response:
    epayment = service(request)
    merchant = api_caller(request)
    key = validation.idempotency_key(request.headers)
    document = validation.parse_json(await raw_body(request), request.headers.get("content-type"))
    unchecked = epayment.fault("epayment-create-checks-only-what-it-uses")
    body = validation.check(document, schemas.CREATE_CORE_ONLY if unchecked else schemas.CREATE)
    ask = Ask(merchant.merchant_serial_number, key, "createPayment", None, document, request.url.path)
    return answer_response(await call(epayment.payments.create, ask, body))


async def get_payment(request: Request) -> Response:
    merchant = api_caller(request)
    payment = await _read(request, merchant.merchant_serial_number)
    return payment if isinstance(payment, Response) else ok(payment_view(payment))


async def payment_events(request: Request) -> Response:
    epayment = service(request)
    if epayment.fault("epayment-events-without-auth"):
        payment: Payment | Response = await call(epayment.payments.read_of_anyone, path_reference(request))
    else:
        merchant = api_caller(request)
        try:
            payment = await _read(request, merchant.merchant_serial_number)
        except UnknownPayment:
            if epayment.fault("epayment-events-server-error"):
                raise ServerProblem() from None
            raise
    if isinstance(payment, Response):
        return payment
    # CON_EPAY_05's fault: a state only a walk along the links reaches (approve, capture, refund, cancel).
    off_contract = epayment.fault("epayment-cancelled-events-off-contract") and payment.state == RELEASED \
        and payment.refunded > 0
    return ok(events_view(payment, value_as_text=off_contract))


async def _read(request: Request, msn: str) -> Payment | Response:
    """The merchant's payment, or (only under a fault) the 404 Problem answered with a numeric traceId."""
    epayment = service(request)
    reference = path_reference(request)
    try:
        return await call(epayment.payments.read, msn, reference)
    except UnknownPayment as unknown:
        if epayment.fault("epayment-unknown-reference-trace-id-number"):
            return problem_response(unknown, request.url.path, trace_id_as_number=True)
        raise


async def capture_payment(request: Request) -> Response:
    return await _modification(request, "capturePayment", service(request).actions.capture)


async def refund_payment(request: Request) -> Response:
    return await _modification(request, "refundPayment", service(request).actions.refund)


async def _modification(request: Request, operation: str,
                        action: Callable[[Ask, dict[str, Any]], Answer]) -> Response:
    """Capture or refund: `{modificationAmount}` required (spec 1.4.1)."""
    merchant = api_caller(request)
    key = validation.idempotency_key(request.headers)
    reference = path_reference(request)
    document = validation.parse_json(await raw_body(request), request.headers.get("content-type"))
    body = validation.check(document, schemas.MODIFICATION)
    ask = Ask(merchant.merchant_serial_number, key, operation, reference, document, request.url.path)
    return answer_response(await call(action, ask, body["modificationAmount"]))


async def cancel_payment(request: Request) -> Response:
    epayment = service(request)
    merchant = api_caller(request)
    key = validation.idempotency_key(request.headers)
    reference = path_reference(request)
    # api-facts §3.1: no body (the SDK), or an optional JSON object {"cancelTransactionOnly": bool}.
    document = validation.optional_body(await raw_body(request), request.headers.get("content-type"))
    sent = document is not validation.NO_BODY
    body = validation.check(document, schemas.CANCEL) if sent else {}
    transaction_only = body.get("cancelTransactionOnly") is True
    if sent and not transaction_only and epayment.fault("epayment-cancel-body-refused"):
        # EPAY_CAN_10: "A cancel with the body {"cancelTransactionOnly": false} or {} is a plain cancel".
        raise BadRequest("body", "A cancel takes no body")
    ask = Ask(merchant.merchant_serial_number, key, "cancelPayment", reference, document if sent else None,
              request.url.path)
    return answer_response(await call(epayment.actions.cancel, ask, transaction_only))


async def force_approve(request: Request) -> Response:
    """The vendor's force approve (capability epayment.approve); the redirect token is not checked."""
    epayment = service(request)
    merchant = api_caller(request)
    reference = path_reference(request)
    document = validation.optional_body(await raw_body(request), request.headers.get("content-type"))
    if document is not validation.NO_BODY:
        validation.check(document, schemas.APPROVE)
    await call(epayment.sandbox.act, merchant.merchant_serial_number, reference, "approve")
    return empty()


ROUTES = [
    route(PREFIX, POST=create_payment),
    route(f"{PREFIX}/{{reference}}", GET=get_payment),
    route(f"{PREFIX}/{{reference}}/events", GET=payment_events),
    route(f"{PREFIX}/{{reference}}/capture", POST=capture_payment),
    route(f"{PREFIX}/{{reference}}/refund", POST=refund_payment),
    route(f"{PREFIX}/{{reference}}/cancel", POST=cancel_payment),
    route("/epayment/v1/test/payments/{reference}/approve", POST=force_approve),
]
