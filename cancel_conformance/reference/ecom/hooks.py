"""The eCom hooks of `/simulation/v1` (SIMULATION.md §2): the customer and the clock.

Each takes the merchant's bearer token and subscription key (401 without) and answers 200 with the
payment's details, 404 for an unknown orderId, 409 when the action is not possible now.
"""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import Response

from cancel_conformance.reference.ecom import schemas
from cancel_conformance.reference.ecom.routes import path_order_id
from cancel_conformance.reference.ecom.views import details_view
from cancel_conformance.reference.ecom.web import call, json_body, ok, service
from cancel_conformance.reference.vipps_access import authenticate
from cancel_conformance.reference.web import Handler, route

PAYMENT = "/simulation/v1/ecom/payments/{orderId}"
# SIMULATION.md §2: the capability names of the eCom hooks (ecom.approve is the vendor's force approve).
CAPABILITIES = ("ecom.approve", "ecom.user", "ecom.3ds", "ecom.age")


def customer_hook(action: str) -> Handler:
    """ecom.user `reject`, ecom.3ds `start-3ds` and `finish-3ds`."""

    async def handler(request: Request) -> Response:
        merchant = authenticate(request)
        order = path_order_id(request)
        payment = await call(service(request).sandbox.act, merchant.merchant_serial_number, order, action)
        return ok(details_view(payment))

    return handler


async def age_payment(request: Request) -> Response:
    """ecom.age: every timestamp of the payment moves `days` and `hours` into the past."""
    merchant = authenticate(request)
    order = path_order_id(request)
    body = await json_body(request, schemas.AGE)
    back = timedelta(days=body["days"], hours=body.get("hours", 0))
    payment = await call(service(request).sandbox.age, merchant.merchant_serial_number, order, back)
    return ok(details_view(payment))


ROUTES = [
    route(f"{PAYMENT}/reject", POST=customer_hook("reject")),
    route(f"{PAYMENT}/start-3ds", POST=customer_hook("start-3ds")),
    route(f"{PAYMENT}/finish-3ds", POST=customer_hook("finish-3ds")),
    route(f"{PAYMENT}/age", POST=age_payment),
]
