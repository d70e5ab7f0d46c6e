"""Another implementation of both APIs: the reference's behaviour, answered with other choices the
documentation leaves open.

The suite must judge what the documentation says and nothing more, so an implementation that
differs from ours only where the documentation is silent must pass every MUST rule. This ASGI
middleware stands in front of the reference and rewrites its answers (never its decisions):

PoS v10 (api-facts §1.4, §1.5, §1.8 name the status and code of every refusal, so those stay):
- another `message` and another `correlationId` format in every error body;
- no `code` at all where the documentation names none (404), instead of a null one;
- another `origin` in the refunds' ErrorResponseV2 (the spec gives "PoS" only as an example);
- no `WWW-Authenticate` challenge with a 401.

Vipps eCom v2 (api-facts §2.3: "The HTTP status per error code is not documented"):
- 409 instead of 400 for every refusal of a valid request, except the one whose 400 is
  documented: a cancel over 180 days old (api-facts §2.2);
- 400 instead of 404 for an unknown order;
- error code "99" in group VippsError for every refusal but the one a rule names: code "51",
  a cancel of a captured order (ECOM_REL_04); a request the contract refuses keeps its 400;
- another `errorMessage` and another `contextId` format;
- the Azure gateway shape `{responseInfo, result}` for a 401 (api-facts §2.1 lists both shapes);
- no `transactionId` where the spec makes it optional (a cancel's transactionInfo, log entries).

Sandbox hooks and token endpoints are answered as the reference answers them.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# api-facts §2.2: "not possible to cancel a request that is over 180 days old" is HTTP 400.
AGE_REFUSAL_WORDS = "180 days"
# ECOM_REL_04: a cancel after a full capture is refused with error code "51".
CODE_A_RULE_NAMES = "51"
# api-facts §2.3: 35 "The orderId '…' does not exist for MSN …", the reference's 404.
UNKNOWN_ORDER_CODE = "35"


class OtherDocumentedChoices:
    """ASGI middleware; `applied` counts each choice it made, so a test can see every one was exercised."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.applied: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        rewrite = next((answer for prefix, answer in REWRITTEN if path.startswith(prefix)), None)
        if rewrite is None:
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
            status, headers, body = rewrite(started["status"], _headers(started), b"".join(chunks), self.applied)
            raw_headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
            await send({"type": "http.response.start", "status": status, "headers": raw_headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, hold)


def _headers(start: Message) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start.get("headers", [])}


def _json(body: bytes) -> Any:
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None


def _answer(status: int, headers: dict[str, str], document: Any) -> tuple[int, dict[str, str], bytes]:
    body = json.dumps(document).encode("utf-8") if document is not None else b""
    headers = {**headers, "content-length": str(len(body))}
    if not body:
        headers.pop("content-type", None)
    return status, headers, body


def _pos_answer(status: int, headers: dict[str, str], body: bytes, applied: Counter[str]) -> tuple[int, dict, bytes]:
    if status == 401 and headers.pop("www-authenticate", None) is not None:
        applied["pos: 401 without a challenge"] += 1
    document = _json(body)
    if status < 400 or not isinstance(document, dict):
        return status, headers, body
    document["message"] = f"Refused with HTTP {status}"
    document["correlationId"] = uuid.uuid4().hex
    applied["pos: another message and correlation id"] += 1
    if document.get("code") is None and "code" in document:
        del document["code"]
        applied["pos: no code where none is documented"] += 1
    if "origin" in document:
        document["origin"] = "MobilePay"
        applied["pos: another origin"] += 1
    return _answer(status, headers, document)


def _ecom_answer(status: int, headers: dict[str, str], body: bytes, applied: Counter[str]) -> tuple[int, dict, bytes]:
    document = _json(body)
    if status == 401:
        headers.pop("www-authenticate", None)
        message = document.get("message", "Unauthorized") if isinstance(document, dict) else "Unauthorized"
        applied["ecom: 401 in the Azure gateway shape"] += 1
        return _answer(401, headers, {"responseInfo": {"responseCode": 401, "responseMessage": "Unauthorized"},
                                      "result": {"message": message}})
    if status < 400:
        return _answer(status, headers, _without_optional_ids(document, applied)) if body else (status, headers, body)
    if not (isinstance(document, list) and document and isinstance(document[0], dict)):
        return status, headers, body
    error = document[0]
    if status == 404 and error["errorCode"] == UNKNOWN_ORDER_CODE:
        status = 400
        applied["ecom: 400 for an unknown order"] += 1
    elif status == 400 and error["errorGroup"] != "InvalidRequest":
        if AGE_REFUSAL_WORDS in error["errorMessage"]:
            applied["ecom: the documented 400 past 180 days kept"] += 1
        else:
            status = 409
            applied["ecom: 409 for a refusal"] += 1
    if error["errorGroup"] != "InvalidRequest" and error["errorCode"] != CODE_A_RULE_NAMES:
        error["errorGroup"], error["errorCode"] = "VippsError", "99"
        applied["ecom: code 99 where no rule names one"] += 1
    error["errorMessage"] = f"Refused with HTTP {status}"
    error["contextId"] = uuid.uuid4().hex
    return _answer(status, headers, [error])


def _without_optional_ids(document: Any, applied: Counter[str]) -> Any:
    if not isinstance(document, dict):
        return document
    info = document.get("transactionInfo")
    if isinstance(info, dict) and info.get("status") == "Cancelled" and info.pop("transactionId", None):
        applied["ecom: a cancel without transactionId"] += 1
    for entry in document.get("transactionLogHistory", []):
        if isinstance(entry, dict) and entry.pop("transactionId", None):
            applied["ecom: log entries without transactionId"] += 1
    return document


# Only the APIs' own paths: sandbox hooks and token endpoints are answered as the reference answers them.
REWRITTEN = (("/pos/v10/", _pos_answer), ("/ecomm/v2/", _ecom_answer))
