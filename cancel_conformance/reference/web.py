"""The small HTTP vocabulary the handlers share: responses, tokens, path ids, bodies, errors."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cancel_conformance.reference.errors import ApiError, InternalError, Unauthorized
from cancel_conformance.reference.pos.schemas import Schema
from cancel_conformance.reference.pos.service import PosService
from cancel_conformance.reference.pos.validation import MAX_BODY_BYTES, UUID_FORMAT, check_body, parse_json
from cancel_conformance.reference.tokens import Token, TokenIssuer, bearer_value

Handler = Callable[[Request], Awaitable[Response]]
T = TypeVar("T")
logger = logging.getLogger(__name__)

# Spec 10.2.6: the refund endpoints answer ErrorResponseV2 (with `origin`); the others ErrorResponse.
REFUND_PATHS = "/pos/v10/refunds"


class ResourceId(Convertor[str]):
    """A path id that is a UUID (hyphenated, any case); any other segment matches no route, so 404."""

    regex = UUID_FORMAT.pattern

    def convert(self, value: str) -> str:
        return value.lower()

    def to_string(self, value: str) -> str:
        return value


# Path templates write `{name:resource_id}`, so a literal segment such as /payments/prepare never reads as an id.
register_url_convertor("resource_id", ResourceId())


def route(path: str, **handlers: Handler) -> Route:
    """One route for a path, dispatching by method, so a 405 lists every allowed method."""

    async def dispatch(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return await handlers[method](request)

    return Route(path, dispatch, methods=list(handlers), name=path)


def ok(body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body)


def empty() -> Response:
    """Spec 10.2.6: ready, capture, cancel and delete answer 200 with an empty body."""
    return Response(status_code=200)


async def call(function: Callable[..., T], *args: Any) -> T:
    """Run a service call in a worker thread: its lock, not the event loop, orders concurrent requests."""
    return await run_in_threadpool(function, *args)


def service(request: Request) -> PosService:
    return request.app.state.pos


def optional_token(request: Request) -> Token | None:
    tokens: TokenIssuer = request.app.state.tokens
    value = bearer_value(request.headers.getlist("authorization"))
    return tokens.resolve(value) if value is not None else None


def require_token(request: Request) -> Token:
    token = optional_token(request)
    if token is None:
        raise Unauthorized()
    return token


def path_id(request: Request, name: str) -> str:
    """A path id: the `resource_id` convertor has already checked it is a UUID and lower-cased it."""
    return str(request.path_params[name])


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, read only to just past `limit`: an oversized body is refused without being buffered whole."""
    chunks, size = [], 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            break
    return b"".join(chunks)


async def json_body(request: Request, schema: Schema) -> dict[str, Any]:
    document = parse_json(await read_body(request), request.headers.get("content-type"))
    return check_body(document, schema)


def error_response(error: ApiError, path: str) -> Response:
    """The error's wire shape: no body for 401, ErrorResponseV2 on refund paths, else ErrorResponse."""
    body = error.body(v2=path.startswith(REFUND_PATHS))
    if body is None:
        return Response(status_code=error.status, headers=error.headers())
    return JSONResponse(body, status_code=error.status, headers=error.headers())


class CatchAll:
    """Any unexpected exception becomes a 500 ErrorResponse (code 2000); never a traceback on the wire."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            logger.exception("unexpected error answering %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await error_response(InternalError(), scope.get("path", ""))(scope, receive, send)
