"""The HTTP vocabulary the eCom handlers share: JSON answers, errors on the wire, the service, bodies."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cancel_conformance.reference.ecom.errors import EcomError, RouteError
from cancel_conformance.reference.ecom.schemas import Spec
from cancel_conformance.reference.ecom.service import EcomService
from cancel_conformance.reference.ecom.validation import MAX_BODY_BYTES, check, parse_json
from cancel_conformance.reference.web import call as call  # the eCom handlers call their service through it
from cancel_conformance.reference.web import read_body

# Spec 2.0.3 declares every eCom body, answers and errors alike, as application/json;charset=UTF-8.
MEDIA_TYPE = "application/json;charset=UTF-8"
# Paths whose routing errors (404, 405) are answered in the eCom shape.
ECOM_PATHS = ("/ecomm/", "/accesstoken/", "/simulation/v1/ecom/")


class EcomJSON(JSONResponse):
    media_type = MEDIA_TYPE


def ok(body: Any) -> Response:
    return EcomJSON(body)


def empty() -> Response:
    """Force approve: "200" with no body declared."""
    return Response(status_code=200)


def error_response(error: EcomError) -> Response:
    return EcomJSON(error.body(), status_code=error.status, headers=error.headers())


async def on_ecom_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, EcomError)
    return error_response(error)


def is_ecom_path(path: str) -> bool:
    return path.startswith(ECOM_PATHS)


def routing_error(error: HTTPException) -> Response:
    """Routing's own 404 and 405 (with Allow), in the eCom error shape."""
    allow = (error.headers or {}).get("Allow", "") if error.status_code == 405 else ""
    return error_response(RouteError(404 if error.status_code != 405 else 405, allow))


def service(request: Request) -> EcomService:
    return request.app.state.ecom


async def json_body(request: Request, spec: Spec) -> dict[str, Any]:
    document = parse_json(await read_body(request, MAX_BODY_BYTES), request.headers.get("content-type"))
    return check(document, spec)
