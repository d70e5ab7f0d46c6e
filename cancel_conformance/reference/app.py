"""The reference implementation as an ASGI application: routes, state, and how errors go on the wire."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cancel_conformance.reference import oauth, simulation
from cancel_conformance.reference.clock import Clock, utc_now
from cancel_conformance.reference.ecom import routes as ecom_routes
from cancel_conformance.reference.ecom import web as ecom_web
from cancel_conformance.reference.ecom.errors import EcomError
from cancel_conformance.reference.ecom.service import EcomService
from cancel_conformance.reference.epayment import routes as epayment_routes
from cancel_conformance.reference.epayment import web as epayment_web
from cancel_conformance.reference.epayment.errors import Problem
from cancel_conformance.reference.epayment.service import EpaymentService
from cancel_conformance.reference.errors import ApiError, BadRequest, MethodNotAllowed, NotFound, OAuthError
from cancel_conformance.reference.faults import check_faults
from cancel_conformance.reference.pos import routes as pos_routes
from cancel_conformance.reference.pos.service import PosService
from cancel_conformance.reference.recurring import routes as recurring_routes
from cancel_conformance.reference.recurring import web as recurring_web
from cancel_conformance.reference.recurring.problems import Problem as RecurringProblem
from cancel_conformance.reference.recurring.service import RecurringService
from cancel_conformance.reference.tokens import TokenIssuer
from cancel_conformance.reference.vipps_access import GatewayUnauthorized, on_gateway_error
from cancel_conformance.reference.web import CatchAll, error_response


def create_app(faults: Iterable[str] = (), *, clock: Clock = utc_now, async_cancel: bool = False) -> Starlette:
    """A fresh reference server with the named faults switched on (ValueError for an unknown name).

    `async_cancel`: the named asynchronous mode, in which a Recurring charge cancel is answered 202.
    """
    active = check_faults(faults)
    app = Starlette(
        routes=[*oauth.ROUTES, *pos_routes.ROUTES, *ecom_routes.ROUTES, *epayment_routes.ROUTES, *simulation.ROUTES,
                *recurring_routes.ROUTES],
        middleware=[Middleware(CatchAll)],
        exception_handlers={ApiError: on_api_error, OAuthError: on_oauth_error, HTTPException: on_http_error,
                            EcomError: ecom_web.on_ecom_error, GatewayUnauthorized: on_gateway_error,
                            Problem: epayment_web.on_problem, RecurringProblem: recurring_web.on_problem},
    )
    app.state.faults = active
    app.state.tokens = TokenIssuer(clock)
    app.state.pos = PosService(active, clock)
    # Vipps access tokens are their own: a PoS token opens nothing on eCom or ePayment, nor the reverse.
    app.state.vipps_tokens = TokenIssuer(clock)
    app.state.ecom = EcomService(active, clock)
    app.state.epayment = EpaymentService(active, clock)
    app.state.recurring = RecurringService(active, clock, async_cancel=async_cancel)
    return app


async def on_api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return error_response(error, request.url.path)


async def on_oauth_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, OAuthError)
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers())


async def on_http_error(request: Request, error: Exception) -> Response:
    """Routing's own answers: 404 for an unknown path, 405 (with Allow) for an undeclared method."""
    assert isinstance(error, HTTPException)
    if ecom_web.is_ecom_path(request.url.path):
        return ecom_web.routing_error(error)
    if epayment_web.is_epayment_path(request.url.path):
        return epayment_web.routing_error(error, request.url.path)
    if recurring_web.is_recurring_path(request.url.path):
        return recurring_web.routing_error(error, request.url.path)
    if error.status_code == 405:
        allow = (error.headers or {}).get("Allow", "")
        return error_response(MethodNotAllowed(allow), request.url.path)
    if error.status_code == 404:
        return error_response(NotFound("No such resource"), request.url.path)
    return error_response(BadRequest("1099", str(error.detail)), request.url.path)
