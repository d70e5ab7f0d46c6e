"""The HTTP vocabulary the ePayment handlers share: Problems on the wire, answers, the service, bodies."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cancel_conformance.reference.epayment.errors import Problem, RouteProblem
from cancel_conformance.reference.epayment.idempotency import Answer
from cancel_conformance.reference.epayment.service import EpaymentService
from cancel_conformance.reference.json_spec import MAX_BODY_BYTES
from cancel_conformance.reference.web import read_body

# api-facts §3.1: errors are `application/problem+json`; answers are JSON (the 1.4.1 problem+json on the
# 200 of cancel, capture and refund is a spec quirk, SOURCES.md).
PROBLEM_MEDIA_TYPE = "application/problem+json"
# Paths whose routing errors (404, 405) are answered as Problems.
EPAYMENT_PATHS = ("/epayment/", "/simulation/v1/epayment/")


class ProblemJSON(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


def problem_response(problem: Problem, instance: str, *, trace_id_as_number: bool = False) -> Response:
    """The Problem as sent; `trace_id_as_number` only for the `epayment-unknown-reference-trace-id-number` fault."""
    body = problem.body(instance)
    if trace_id_as_number:
        body["traceId"] = int(body["traceId"].split("-")[2], 16)
    headers = {"Allow": problem.allow} if isinstance(problem, RouteProblem) and problem.allow else {}
    return ProblemJSON(body, status_code=problem.status, headers=headers)


def answer_response(answer: Answer) -> Response:
    """An answer as first given: the same status and body on every retry with its key."""
    if answer.problem:
        return ProblemJSON(answer.body, status_code=answer.status)
    return JSONResponse(answer.body, status_code=answer.status)


def ok(body: Any) -> Response:
    return JSONResponse(body)


def empty() -> Response:
    """Force approve: "200" with no body declared."""
    return Response(status_code=200)


async def on_problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, Problem)
    return problem_response(error, request.url.path)


def is_epayment_path(path: str) -> bool:
    return path.startswith(EPAYMENT_PATHS)


def routing_error(error: HTTPException, path: str) -> Response:
    """Routing's own 404 and 405 (with Allow), as Problems."""
    allow = (error.headers or {}).get("Allow", "") if error.status_code == 405 else ""
    return problem_response(RouteProblem(405 if error.status_code == 405 else 404, allow), path)


def service(request: Request) -> EpaymentService:
    return request.app.state.epayment


async def raw_body(request: Request) -> bytes:
    return await read_body(request, MAX_BODY_BYTES)
