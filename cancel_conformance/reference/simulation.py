"""Sandbox hooks (SIMULATION.md): the vendor's PoS user simulation and `/simulation/v1`.

Every PoS hook takes the PoS integrator's bearer token (401 without) except the capability list;
the eCom, ePayment and Recurring hooks (`ecom/hooks.py`, `epayment/hooks.py`, `recurring/hooks.py`) take the
merchant's access token and subscription key.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from cancel_conformance.reference.ecom import hooks as ecom_hooks
from cancel_conformance.reference.epayment import hooks as epayment_hooks
from cancel_conformance.reference.pos import schemas
from cancel_conformance.reference.pos.model import Caller
from cancel_conformance.reference.pos.views import payment_view, refund_view
from cancel_conformance.reference.recurring import hooks as recurring_hooks
from cancel_conformance.reference.web import Handler, empty, json_body, ok, path_id, require_token, route, service

USER_SIMULATION = "/pos/app/usersimulation"
SIMULATION = "/simulation/v1"

# SIMULATION.md section 2: the capability names this sandbox supports.
CAPABILITIES = ("pos.user", "pos.mobilepay-cancel", "pos.expire", "pos.refund-progress", *ecom_hooks.CAPABILITIES,
                *epayment_hooks.CAPABILITIES, *recurring_hooks.CAPABILITIES)


def hook_caller(request: Request) -> Caller:
    token = require_token(request)
    return Caller(token.client_id, token.merchant_vat)


# The vendor's user-simulation endpoints: the customer acts at a beacon; 200 with an empty body.


async def check_in(request: Request) -> Response:
    caller = hook_caller(request)
    body = await json_body(request, schemas.USER_AT_BEACON)
    service(request).sandbox.check_in(caller, body["beaconId"])
    return empty()


async def accept_payment(request: Request) -> Response:
    caller = hook_caller(request)
    body = await json_body(request, schemas.USER_AT_BEACON)
    service(request).sandbox.accept(caller, body["beaconId"])
    return empty()


async def cancel_payment_by_user(request: Request) -> Response:
    caller = hook_caller(request)
    body = await json_body(request, schemas.BEACON_ONLY)
    service(request).sandbox.cancel_by_user(caller, body["beaconId"])
    return empty()


# The simulation extension: the back office and time; 200 with the resource's public representation.


async def capabilities(request: Request) -> Response:
    return ok({"capabilities": list(CAPABILITIES)})


def payment_hook(action: str) -> Handler:
    """A hook that applies one back-office action to the payment named in the path."""

    async def handler(request: Request) -> Response:
        caller = hook_caller(request)
        payment_id = path_id(request, "paymentid")
        return ok(payment_view(service(request).sandbox.move_payment(caller, payment_id, action)))

    return handler


def refund_hook(action: str) -> Handler:
    """A hook that applies one back-office action to the refund named in the path."""

    async def handler(request: Request) -> Response:
        caller = hook_caller(request)
        refund_id = path_id(request, "refundid")
        return ok(refund_view(service(request).sandbox.move_refund(caller, refund_id, action)))

    return handler


PAYMENT = f"{SIMULATION}/pos/payments/{{paymentid:resource_id}}"
REFUND = f"{SIMULATION}/pos/refunds/{{refundid:resource_id}}"

ROUTES = [
    route(f"{USER_SIMULATION}/checkin", POST=check_in),
    route(f"{USER_SIMULATION}/acceptpayment", POST=accept_payment),
    route(f"{USER_SIMULATION}/cancelpaymentbyuser", POST=cancel_payment_by_user),
    route(f"{SIMULATION}/capabilities", GET=capabilities),
    route(f"{PAYMENT}/cancel-by-mobilepay", POST=payment_hook("cancel-by-mobilepay")),
    route(f"{PAYMENT}/expire", POST=payment_hook("expire")),
    route(f"{REFUND}/reserve", POST=refund_hook("reserve")),
    route(f"{REFUND}/expire", POST=refund_hook("expire")),
    route(f"{REFUND}/cancel-by-mobilepay", POST=refund_hook("cancel-by-mobilepay")),
    *ecom_hooks.ROUTES,
    *epayment_hooks.ROUTES,
    *recurring_hooks.ROUTES,
]
