"""CON_*_05 made deterministic: every link of the contract walked with valid requests, every answer judged.

Schemathesis's stateful phase explores link sequences at random; this walk guarantees that each
link reachable from a successful answer is followed once, so a broken sequence is caught on every
run. Requests take the contract's examples, then the values the link carries; after a successful
DELETE, a read of the same resource must not succeed.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import requests
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cancel_conformance import interrupts
from cancel_conformance.exchange import Exchange, Recorder
from cancel_conformance.fuzz.auth_probe import valid_request_case
from cancel_conformance.fuzz.checks import STATEFUL
from cancel_conformance.fuzz.fresh_ids import fresh_ids, is_request_key
from cancel_conformance.outcomes import TargetError

MAX_DEPTH = 6
CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]


@dataclass
class Walk:
    """What the walk did: requests sent, links followed, findings."""

    requests: int = 0
    followed: set[tuple[str, str]] = field(default_factory=set)
    findings: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    """An answered request of the walk, kept for the links that leave it."""

    operation: Any
    case: Any
    response: Any

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def body(self) -> Any:
        return _json(self.response)


CONTAINERS = {"path": "path_parameters", "query": "query", "header": "headers"}


def walk_links(schema, document: dict, base_url: str, headers: dict[str, str], recorder: Recorder,
               timeout: float = 15.0) -> Walk:
    """Walk from every operation that links onward but is no link's target; `document` is the contract as written."""
    walk, session = Walk(), requests.Session()
    session.trust_env = False
    operations = {schema.get_operation_id(op): op for op in (r.ok() for r in schema.get_all_operations())}
    ctx = _Context(document, base_url, headers, recorder, session, walk, operations, timeout)
    targets = {link.get("operationId") for op in operations.values() for _, link in _links(ctx, op, None)}
    for operation_id, operation in operations.items():
        if operation_id not in targets and any(_links(ctx, operation, None)):
            _visit(operation, {}, None, 0, ctx)
    return walk


@dataclass(frozen=True)
class _Context:
    document: dict
    base_url: str
    headers: dict[str, str]
    recorder: Recorder
    session: requests.Session
    walk: Walk
    operations: dict[str, Any]
    timeout: float


def _visit(operation, overrides: dict, parent: Step | None, depth: int, ctx: _Context) -> None:
    step = _call(operation, overrides, ctx)
    _judge(step, parent, ctx)
    if not 200 <= step.status < 300 or depth >= MAX_DEPTH:
        return
    for name, link in sorted(_links(ctx, operation, step.status), key=_destructive_last(ctx)):
        edge = (operation.label, name)
        target = ctx.operations.get(link.get("operationId"))
        if edge in ctx.walk.followed or target is None:
            continue
        overrides = _evaluate(link, step)
        if any(value is None for _, _, value in overrides["parameters"]):
            continue  # the answer left out an optional field the link reads: there is nothing to follow
        ctx.walk.followed.add(edge)
        _visit(target, overrides, step, depth + 1, ctx)


def _call(operation, overrides: dict, ctx: _Context) -> Step:
    case = valid_request_case(operation)
    body = _example_body(operation)
    if body is not None:
        case.body = fresh_ids(body)
    for location, name, value in overrides.get("parameters", []):
        attribute = CONTAINERS[location]
        setattr(case, attribute, {**(getattr(case, attribute) or {}), name: value})
    if overrides.get("body") and isinstance(case.body, dict):
        case.body = {**case.body, **overrides["body"]}
    # A fresh key per request, so a persistent sandbox never sees a key reused for another request.
    keys = {name: str(uuid.uuid4()) for name in (case.headers or {}) if is_request_key(name)}
    case.headers = {**(case.headers or {}), **keys}
    interrupts.check()  # an interrupted run sends nothing new
    try:
        response = case.call(base_url=ctx.base_url, session=ctx.session, headers=ctx.headers,
                             allow_redirects=False, timeout=ctx.timeout)
    except requests.RequestException as error:
        raise TargetError(f"{operation.label}: {type(error).__name__}: {error}") from None
    ctx.walk.requests += 1
    _record(response, ctx.recorder)
    return Step(operation, case, response)


def _judge(step: Step, parent: Step | None, ctx: _Context) -> None:
    label = step.operation.label
    try:
        step.case.validate_response(step.response, checks=CHECKS)
    except (AssertionError, BaseExceptionGroup) as error:  # a schemathesis Failure, or a FailureGroup
        for failure in getattr(error, "exceptions", [error]):
            _finding(ctx, label, getattr(failure, "title", type(failure).__name__), str(failure), step)
    if parent is not None and parent.operation.method.upper() == "DELETE" and 200 <= parent.status < 300 \
            and step.operation.method.upper() == "GET" and 200 <= step.status < 300:
        _finding(ctx, label, "Resource readable after a successful DELETE",
                 f"{parent.operation.label} answered {parent.status}, then {label} answered {step.status}", step)


def _finding(ctx: _Context, label: str, title: str, message: str, step: Step) -> None:
    redact = ctx.recorder.redactor.text
    ctx.walk.findings.append({
        "check": "link_walk", "phase": "link walk", "operation": label, "rule": STATEFUL, "title": title,
        "message": redact(message), "status": step.status, "curl": ctx.recorder.exchanges[-1].curl(),
    })


def _links(ctx: _Context, operation, status: int | None) -> Iterator[tuple[str, dict]]:
    """The contract's links from the responses to `status` (any 2xx when None), $refs resolved."""
    definition = ctx.document["paths"][operation.path][operation.method.lower()]
    for code, response in (definition.get("responses") or {}).items():
        response = _resolve(ctx.document, response)
        if (status is None and str(code).startswith("2")) or str(code) == str(status):
            for name, link in (response.get("links") or {}).items():
                yield name, _resolve(ctx.document, link)


def _destructive_last(ctx: _Context):
    """Reads first, then other actions, then cancels and deletes, so each link finds its resource alive."""
    def order(item: tuple[str, dict]) -> tuple[int, str]:
        target = ctx.operations.get(item[1].get("operationId"))
        method = target.method.upper() if target else "GET"
        path = target.path if target else ""
        rank = 0 if method == "GET" else 2 if method == "DELETE" or path.endswith("/cancel") else 1
        return rank, item[0]
    return order


def _evaluate(link: dict, step: Step) -> dict:
    parameters = []
    for key, expression in (link.get("parameters") or {}).items():
        location, _, name = key.partition(".") if "." in key else ("path", "", key)
        parameters.append((location, name, _value(expression, step)))
    body = link.get("requestBody")
    body = {k: _value(v, step) for k, v in body.items()} if isinstance(body, dict) else None
    return {"parameters": parameters, "body": body}


def _value(expression: Any, step: Step) -> Any:
    """OpenAPI runtime expressions: $response.body#/ptr, $request.path.x, $request.query.x, $request.body#/ptr."""
    if not isinstance(expression, str) or not expression.startswith("$"):
        return expression
    if expression.startswith("$response.body#"):
        return _pointer(step.body, expression.split("#", 1)[1])
    if expression.startswith("$request.body#"):
        return _pointer(step.case.body, expression.split("#", 1)[1])
    _, _, rest = expression.partition("$request.")
    location, _, name = rest.partition(".")
    container = {"path": step.case.path_parameters, "query": step.case.query, "header": step.case.headers}
    return (container.get(location) or {}).get(name)


def _pointer(document: Any, pointer: str) -> Any:
    for part in [p for p in pointer.split("/") if p]:
        part = part.replace("~1", "/").replace("~0", "~")
        document = document[int(part)] if isinstance(document, list) else (document or {}).get(part)
    return document


def _resolve(document: dict, node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = _pointer(document, node["$ref"].split("#", 1)[1])
    return node


def _example_body(operation) -> Any:
    for alternative in operation.body:
        definition = alternative.definition
        if "example" in definition:
            return json.loads(json.dumps(definition["example"]))
    return None


def _json(response) -> Any:
    try:
        return json.loads(response.content) if response.content else None
    except (ValueError, RecursionError):
        return None


def _record(response, recorder: Recorder) -> None:
    request = response.request
    redactor = recorder.redactor
    body = request.body.decode("utf-8", "replace") if isinstance(request.body, bytes) else request.body
    recorder.record(Exchange(
        method=request.method, url=redactor.url(request.url),
        request_headers=redactor.headers(dict(request.headers)),
        request_body=redactor.body(body, request.headers.get("Content-Type", "")),
        status=response.status_code,
        response_headers=redactor.headers({k: ", ".join(v) for k, v in response.headers.items()}),
        response_body=redactor.body(response.content.decode("utf-8", "replace") or None,
                                    ", ".join(response.headers.get("content-type", []))),
        elapsed_ms=round(response.elapsed * 1000, 1), actor="fuzzer",
    ))
