"""Answers cut down to what the vendors' specs require, and answers dressed up with what they allow.

Both stand in for implementations we never wrote. The field lists come from the vendor specs in
`../shared/vendor-specs`, never from a list of ours: each of our contracts is paired with the vendor
spec that shares most of its paths, so a contract added later is covered without a change here.
Where a vendor schema's `required` list names a field the schema does not define (an erratum that
vendor-specs/SOURCES.md lists), our contract's list for that schema stands in for it.

`minimal`: every response field the vendor spec does not require is removed, in objects nested at
any depth and in every array item; a response whose status the vendor spec declares without a body
is sent with an empty body (a status it does not declare is left as it is).
`dressed`: every object's keys in reverse order, and an unknown field in every object whose vendor
schema does not forbid extra properties.

Fields the vendor spec leaves optional but a rule is about (RULES.md) are the exceptions, named in
KEPT with the rules and with what their absence means (README, "Optional fields"): such a field is
removed only where the answer's value means the same as its absence, so the run still shows the
rule what the reference answered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from starlette.types import ASGIApp

from tests.answer_rewriter import Answer, RewrittenAnswers

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = ROOT / "contracts"
VENDOR_SPECS = ROOT.parent / "shared" / "vendor-specs"
UNKNOWN_FIELD = "x-cc-unknown-field"

Doc = dict[str, Any]


@dataclass(frozen=True)
class Kept:
    """An optional field a rule is about: removed only where `means_absence(value)`."""

    rules: str
    means_absence: Callable[[Any], bool]


AMOUNTS = ("capturedAmount", "refundedAmount", "remainingAmountToCapture", "remainingAmountToRefund")


def _all_zero(summary: Any) -> bool:
    return isinstance(summary, dict) and all(summary.get(name) in (0, "0") for name in AMOUNTS)


# (vendor schema name, field) -> why it stays, and when its value says what its absence says.
KEPT: dict[tuple[str, str], Kept] = {
    # PoS ErrorResponse/ErrorResponseV2 require nothing; a missing code means "no code".
    ("ErrorResponse", "code"): Kept("POS_PAY_02/03/09/11/12, POS_REC_03/04: the refusal names this code",
                                    lambda code: code is None),
    ("ErrorResponseV2", "code"): Kept("POS_REF_02/05/06: the refusal names this code", lambda code: code is None),
    # eCom TransactionDetails requires nothing; no log means no operation logged.
    ("TransactionDetails", "transactionLogHistory"): Kept(
        "ECOM_CAN_01/02/03, ECOM_3DS_*, ECOM_AGE_01, ECOM_REL_05, SAFE_02: 'details show X' is a log entry",
        lambda log: log == []),
    # No summary means nothing captured, nothing refunded, nothing reserved to capture.
    ("TransactionDetails", "transactionSummary"): Kept(
        "ECOM_CAN_02/04, ECOM_REL_01/02/04, ECOM_AGE_01, SAFE_01: the rule judges these amounts", _all_zero),
}


class VendorSpec:
    """One vendor spec's response schemas, found by method, request path and status."""

    def __init__(self, document: Doc, ours: Doc | None = None) -> None:
        self.document = document
        self.ours: Doc = ((ours or {}).get("components") or {}).get("schemas") or {}
        self.schemas: Doc = (document.get("components") or {}).get("schemas") or {}
        templates = [(path, item) for path, item in (document.get("paths") or {}).items() if isinstance(item, dict)]
        # A literal segment beats a parameter: /payments/prepare is not /payments/{paymentid}.
        templates.sort(key=lambda pair: -sum(not part.startswith("{") for part in pair[0].split("/")))
        self.routes = [(_pattern(path), item) for path, item in templates]

    def paths(self) -> set[str]:
        return set(self.document.get("paths") or {})

    def response_schema(self, method: str, path: str, status: int) -> tuple[bool, Any]:
        """(whether the spec describes this operation's status, its body schema or None for no body)."""
        operation = next((item.get(method.lower()) for pattern, item in self.routes
                          if pattern.fullmatch(path) and isinstance(item.get(method.lower()), dict)), None)
        if operation is None:
            return False, None
        responses = operation.get("responses") or {}
        response = self.resolve(responses.get(str(status)) or responses.get(f"{str(status)[0]}XX")
                                or responses.get("default"))
        if response is None:
            return False, None  # a status the vendor does not describe: nothing to cut by
        content = response.get("content") or {}
        schemas = [entry.get("schema") for entry in content.values() if isinstance(entry, dict)]
        return True, next((schema for schema in schemas if schema), None)

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            target: Any = self.document
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            node = target
        return node

    def required(self, name: str | None, node: Doc) -> set[str]:
        """The fields a schema requires; where the vendor's list names a field it does not define (an
        erratum, vendor-specs/SOURCES.md), the list of our contract's schema of that name."""
        required = set(node.get("required") or [])
        if required - set(node.get("properties") or {}) and name in self.ours:
            return set(self.ours[name].get("required") or [])
        return required

    def name_of(self, node: Any) -> str | None:
        ref = node.get("$ref") if isinstance(node, dict) else None
        return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)))


def _load(path: Path) -> Doc:
    return yaml.safe_load(path.read_text("utf-8"))


def vendor_specs() -> list[tuple[Doc, VendorSpec]]:
    """Each of our API contracts with the vendor spec that shares most of its paths."""
    vendors = [_load(path) for path in sorted(VENDOR_SPECS.glob("*.y*ml"))]
    paired = []
    for contract in sorted(CONTRACTS.glob("*.yaml")):
        ours = _load(contract)
        best = max(vendors, key=lambda vendor: len(set(vendor.get("paths") or {}) & set(ours.get("paths") or {})))
        if set(best.get("paths") or {}) & set(ours.get("paths") or {}):
            paired.append((ours, VendorSpec(best, ours)))
    return paired


def api_prefixes(pairs: list[tuple[Doc, VendorSpec]]) -> tuple[str, ...]:
    """The first two segments of every path our contracts share with their vendor spec."""
    return tuple(sorted({"/".join(path.split("/")[:3]) + "/" for ours, vendor in pairs
                         for path in vendor.paths() & set(ours.get("paths") or {})}))


class ShapedAnswers(RewrittenAnswers):
    """Every answer the vendor specs describe, reshaped by `shape`; `applied` counts what was changed."""

    def __init__(self, app: ASGIApp, shape: Callable[[Any, Any, VendorSpec, Counter[str]], Any]) -> None:
        self.pairs = vendor_specs()
        self.shape = shape
        self.applied: Counter[str] = Counter()
        super().__init__(app, self._reshape, api_prefixes(self.pairs))

    def _reshape(self, answer: Answer) -> Answer:
        for _, vendor in self.pairs:
            known, schema = vendor.response_schema(answer.method, answer.path, answer.status)
            if not known:
                continue
            document = answer.document()
            if schema is None and self.shape is minimal and answer.body:
                self.applied["a body where the vendor declares none"] += 1
                return answer.with_document(None)
            if schema is None or document is None:
                return answer
            return answer.with_document(self.shape(document, schema, vendor, self.applied))
        return answer


def minimal(value: Any, schema: Any, vendor: VendorSpec, applied: Counter[str]) -> Any:
    """`value` with every field `schema` does not require removed, at every depth."""
    name, node = _chosen(schema, vendor, value)
    if _is_object(value, node):
        required = vendor.required(name, node)
        properties = node.get("properties") or {}
        for key in list(value):
            kept = KEPT.get((name, key))
            if key in required or (kept and not kept.means_absence(value[key])):
                value[key] = minimal(value[key], properties[key], vendor, applied) if key in properties else value[key]
            else:
                del value[key]
                applied[f"{name or 'object'}.{key}"] += 1
    elif _is_array(value, node):
        value = [minimal(item, node["items"], vendor, applied) for item in value]
    return value


def dressed(value: Any, schema: Any, vendor: VendorSpec, applied: Counter[str]) -> Any:
    """`value` with its keys reversed and an unknown field wherever extra properties are allowed, at every depth."""
    name, node = _chosen(schema, vendor, value)
    if _is_object(value, node):
        properties = node.get("properties") or {}
        value = {key: dressed(value[key], properties[key], vendor, applied) if key in properties else value[key]
                 for key in reversed(list(value))}
        applied["keys in another order"] += 1
        if node.get("additionalProperties") is not False:
            value[UNKNOWN_FIELD] = {"note": "not in the contract"}
            applied[f"{name or 'object'}: an unknown field"] += 1
    elif _is_array(value, node):
        value = [dressed(item, node["items"], vendor, applied) for item in value]
    return value


def _is_object(value: Any, node: Any) -> bool:
    return isinstance(value, dict) and isinstance(node, dict) and (node.get("type") == "object" or "properties" in node)


def _is_array(value: Any, node: Any) -> bool:
    return isinstance(value, list) and isinstance(node, dict) and "items" in node


def _chosen(schema: Any, vendor: VendorSpec, value: Any) -> tuple[str | None, Any]:
    """The schema `value` follows: references resolved, allOf merged, the oneOf/anyOf alternative it fits."""
    name = vendor.name_of(schema)
    node = vendor.resolve(schema)
    if not isinstance(node, dict):
        return name, node
    if "allOf" in node:
        parts = [_chosen(part, vendor, value) for part in node["allOf"]]
        merged: Doc = {"type": "object", "properties": {}, "required": []}
        for _, part in parts:
            if isinstance(part, dict):
                merged["properties"].update(part.get("properties") or {})
                merged["required"] += part.get("required") or []
                if part.get("additionalProperties") is False:
                    merged["additionalProperties"] = False
        return name or next((n for n, _ in parts if n), None), merged
    for key in ("oneOf", "anyOf"):
        if key in node:
            fitting = [alt for alt in node[key] if _fits(vendor.resolve(alt), value)]
            return _chosen(fitting[0], vendor, value) if fitting else (name, None)
    return name, node


def _fits(node: Any, value: Any) -> bool:
    """Whether `value` has the shape of the alternative `node`: its JSON type and every required field."""
    if not isinstance(node, dict):
        return False
    if isinstance(value, list):
        return node.get("type") == "array"
    if isinstance(value, dict):
        return (node.get("type") in ("object", None) and "items" not in node
                and all(field in value for field in node.get("required") or []))
    return True


def minimal_answers(app: ASGIApp) -> ShapedAnswers:
    return ShapedAnswers(app, minimal)


def dressed_answers(app: ASGIApp) -> ShapedAnswers:
    return ShapedAnswers(app, dressed)
