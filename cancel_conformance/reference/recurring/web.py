"""The HTTP vocabulary the Recurring handlers share: answers, problems on the wire, the service, bodies."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cancel_conformance.reference.ecom.schemas import Spec
from cancel_conformance.reference.ecom.validation import MAX_BODY_BYTES
from cancel_conformance.reference.recurring.idempotency import Reply
from cancel_conformance.reference.recurring.problems import Problem, RouteProblem
from cancel_conformance.reference.recurring.service import RecurringService
from cancel_conformance.reference.recurring.validation import checked_body
from cancel_conformance.reference.web import read_body

# R1 ErrorResponseV3: problems are `application/json;charset=UTF-8`; the spec's answers `application/json`.
PROBLEM_MEDIA_TYPE = "application/json;charset=UTF-8"
# Paths whose routing errors (404, 405) are answered as Recurring problems.
RECURRING_PATHS = ("/recurring/", "/simulation/v1/recurring/")


class ProblemJSON(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


def ok(body: Any) -> Response:
    return JSONResponse(body)


def answer(reply: Reply) -> Response:
    """A service's reply: 200 or 201 with its body, 202 or 204 without one."""
    if reply.body is None:
        return Response(status_code=reply.status)
    return JSONResponse(reply.body, status_code=reply.status)


def problem_response(problem: Problem, path: str) -> Response:
    return ProblemJSON(problem.body(path), status_code=problem.status, headers=problem.headers())


async def on_problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, Problem)
    return problem_response(error, request.url.path)


def is_recurring_path(path: str) -> bool:
    return path.startswith(RECURRING_PATHS)


def routing_error(error: HTTPException, path: str) -> Response:
    """Routing's own 404 and 405 (with Allow), as problems."""
    allow = (error.headers or {}).get("Allow", "") if error.status_code == 405 else ""
    return problem_response(RouteProblem(405 if error.status_code == 405 else 404, allow), path)


def service(request: Request) -> RecurringService:
    return request.app.state.recurring


async def json_body(request: Request, spec: Spec) -> dict[str, Any]:
    return checked_body(await read_body(request, MAX_BODY_BYTES), request.headers.get("content-type"), spec)
