"""The ePayment hooks of `/simulation/v1` (SIMULATION.md §2): the customer and the clock.

Each takes the merchant's access token and subscription key (401 without) and answers 200 with the
payment as getPayment reads it, 400 for a malformed reference or body, 404 for an unknown reference
and 409 when the action is not possible now (the payment is then unchanged).
"""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import Response

from cancel_conformance.reference.epayment import schemas, validation
from cancel_conformance.reference.epayment.routes import path_reference
from cancel_conformance.reference.epayment.views import payment_view
from cancel_conformance.reference.epayment.web import ok, raw_body, service
from cancel_conformance.reference.vipps_access import authenticate
from cancel_conformance.reference.web import Handler, call, route

PAYMENT = "/simulation/v1/epayment/payments/{reference}"
# SIMULATION.md §2: the capability names of the ePayment hooks (epayment.approve is the vendor's force approve).
CAPABILITIES = ("epayment.approve", "epayment.user", "epayment.expire", "epayment.3ds", "epayment.age")


def customer_hook(action: str) -> Handler:
    """epayment.user `abort`, epayment.expire `expire`, epayment.3ds `start-3ds` and `finish-3ds`."""

    async def handler(request: Request) -> Response:
        merchant = authenticate(request)
        reference = path_reference(request)
        payment = await call(service(request).sandbox.act, merchant.merchant_serial_number, reference, action)
        return ok(payment_view(payment))

    return handler


async def age_payment(request: Request) -> Response:
    """epayment.age: every timestamp of the payment moves `days` and `hours` into the past."""
    merchant = authenticate(request)
    reference = path_reference(request)
    document = validation.parse_json(await raw_body(request), request.headers.get("content-type"))
    body = validation.check(document, schemas.AGE)
    back = timedelta(days=body["days"], hours=body.get("hours", 0))
    payment = await call(service(request).sandbox.age, merchant.merchant_serial_number, reference, back)
    return ok(payment_view(payment))


ROUTES = [
    route(f"{PAYMENT}/abort", POST=customer_hook("abort")),
    route(f"{PAYMENT}/expire", POST=customer_hook("expire")),
    route(f"{PAYMENT}/start-3ds", POST=customer_hook("start-3ds")),
    route(f"{PAYMENT}/finish-3ds", POST=customer_hook("finish-3ds")),
    route(f"{PAYMENT}/age", POST=age_payment),
]
