"""The Recurring hooks of `/simulation/v1` (SIMULATION.md §2): Vipps MobilePay's side and the clock.

Each takes the merchant's access token and subscription key (401 without) and answers 200 with the
charge as `FetchChargeV3` reads it, 404 for an unknown agreement or charge, 409 when the move is
not possible now. The vendor's force accept (`recurring.accept`) is in `routes.py`.
"""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import Response

from cancel_conformance.reference.ecom.schemas import AGE
from cancel_conformance.reference.recurring.access import hook_caller
from cancel_conformance.reference.recurring.lifecycle import HOOKS
from cancel_conformance.reference.recurring.routes import path_ids
from cancel_conformance.reference.recurring.views import charge_view
from cancel_conformance.reference.recurring.web import json_body, ok, service
from cancel_conformance.reference.web import Handler, call, route

CHARGE = "/simulation/v1/recurring/agreements/{agreementId}/charges/{chargeId}"
# SIMULATION.md §2: the capability names of the Recurring hooks (recurring.accept is the vendor's force accept).
CAPABILITIES = ("recurring.accept", "recurring.charges", "recurring.age")


def charge_hook(action: str) -> Handler:
    """recurring.charges: `due`, `process`, `reserve`, `charge` or `fail`."""

    async def handler(request: Request) -> Response:
        merchant = hook_caller(request)
        charge = await call(service(request).sandbox.move, merchant.merchant_serial_number, *path_ids(request), action)
        return ok(charge_view(charge))

    return handler


async def age_charge(request: Request) -> Response:
    """recurring.age: every timestamp of the charge moves `days` and `hours` into the past."""
    merchant = hook_caller(request)
    ids = path_ids(request)
    body = await json_body(request, AGE)
    back = timedelta(days=body["days"], hours=body.get("hours", 0))
    charge = await call(service(request).sandbox.age, merchant.merchant_serial_number, *ids, back)
    return ok(charge_view(charge))


ROUTES = [
    *(route(f"{CHARGE}/{action}", POST=charge_hook(action)) for action in HOOKS),
    route(f"{CHARGE}/age", POST=age_charge),
]
