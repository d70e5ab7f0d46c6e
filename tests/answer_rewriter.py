"""An ASGI middleware that holds each answer of the reference and lets a rewrite change it before it is sent.

The project's tests put it in front of the reference to stand in for other implementations: the
reference decides, the rewrite only changes how the answer looks on the wire.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass
class Answer:
    """One answer as the rewrite sees it: the request's method and path, the status, headers and body."""

    method: str
    path: str
    status: int
    headers: dict[str, str]
    body: bytes

    def document(self) -> Any:
        """The body as JSON, or None when it is empty or not JSON."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None

    def with_document(self, document: Any, status: int | None = None) -> Answer:
        """The same answer with `document` as its JSON body (None: an empty body, no content type)."""
        body = json.dumps(document).encode("utf-8") if document is not None else b""
        headers = {**self.headers, "content-length": str(len(body))}
        if not body:
            headers.pop("content-type", None)
        return Answer(self.method, self.path, self.status if status is None else status, headers, body)


Rewrite = Callable[[Answer], Answer]


class RewrittenAnswers:
    """Answers of paths under one of `prefixes` pass through `rewrite`; everything else is sent as it is."""

    def __init__(self, app: ASGIApp, rewrite: Rewrite, prefixes: tuple[str, ...]) -> None:
        self.app = app
        self.rewrite = rewrite
        self.prefixes = prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        started: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def hold(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            answer = self.rewrite(Answer(scope["method"], path, started["status"], _headers(started),
                                         b"".join(chunks)))
            raw_headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers.items()]
            await send({"type": "http.response.start", "status": answer.status, "headers": raw_headers})
            await send({"type": "http.response.body", "body": answer.body})

        await self.app(scope, receive, hold)


def _headers(start: Message) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start.get("headers", [])}
