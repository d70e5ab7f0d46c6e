"""The contracts are valid OpenAPI 3.0 and agree with the vendor's published PoS 10.2.6 spec."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import yaml
from schemathesis.core.result import Err, Ok
from schemathesis.specs.openapi.stateful import collect_transitions

Doc = dict[str, Any]

ROOT = Path(__file__).parents[1]
POS_CONTRACT = ROOT / "contracts" / "pos.v10.yaml"
SIM_CONTRACT = ROOT / "contracts" / "simulation.v1.yaml"
VENDOR_POS = ROOT.parent / "shared" / "vendor-specs" / "pos-v10-pos.yaml"
CONTRACTS = [POS_CONTRACT, SIM_CONTRACT]
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# SIMULATION.md §1: the published PoS hooks answer only 200/401/500; "where the action is
# impossible ... the reference answers 409", an unknown beacon 404 and a malformed body 400.
HOOK_EXTRA_STATUSES = frozenset({"400", "404", "409"})
# SIMULATION.md §2: "Capability names: pos.user, ..., ecom.age" (eight names).
CAPABILITIES = [
    "pos.user", "pos.mobilepay-cancel", "pos.expire", "pos.refund-progress",
    "ecom.approve", "ecom.user", "ecom.3ds", "ecom.age",
]
PAYMENT_LINKS = {"QueryPayment", "PaymentReady", "CapturePayment", "CancelPayment", "CreateRefund"}
EXPECTED_LINKS = {
    "GetStores": {"CreatePos"},
    "DeletePos": {"GetPos"},
    "CreatePos": {"GetPos", "DeletePos", "InitiatePayment", "PreparePayment", "QueryPaymentIds"},
    "InitiatePayment": PAYMENT_LINKS,
    "PreparePayment": PAYMENT_LINKS,
    "CreateRefund": {"GetRefund", "CaptureRefund", "CancelRefund"},
}


def _load(path: Path) -> Doc:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vendor() -> Doc:
    if not VENDOR_POS.is_file():
        pytest.skip(f"vendor spec PoS 10.2.6 not found at {VENDOR_POS}")
    return _load(VENDOR_POS)


def _pointer(doc: Doc, ref: str) -> Any:
    """The node a local `$ref` points at (KeyError when it does not resolve)."""
    if not ref.startswith("#/"):
        raise KeyError(f"not a local reference: {ref}")
    node: Any = doc
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _deref(doc: Doc, node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = _pointer(doc, node["$ref"])
    return node


def _flat(doc: Doc, node: Any) -> Doc:
    """The schema at `node` with `$ref` followed and `allOf` merged into one mapping."""
    node = _deref(doc, node) or {}
    merged = {key: value for key, value in node.items() if key != "allOf"}
    for part in node.get("allOf", []):
        for key, value in _flat(doc, part).items():
            if key == "properties":
                merged["properties"] = {**value, **merged.get("properties", {})}
            elif key == "required":
                merged["required"] = sorted(set(value) | set(merged.get("required", [])))
            else:
                merged.setdefault(key, value)
    return merged


def _inline(doc: Doc, node: Any) -> Any:
    """`node` with every `$ref` replaced by its target and descriptions dropped."""
    node = _deref(doc, node)
    if isinstance(node, dict):
        return {key: _inline(doc, value) for key, value in node.items() if key != "description"}
    if isinstance(node, list):
        return [_inline(doc, item) for item in node]
    return node


def _operations(doc: Doc) -> Iterator[tuple[str, str, Doc]]:
    for path, item in doc.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _refs(node: Any, where: str = "#") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield where, node["$ref"]
        for key, value in node.items():
            yield from _refs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _refs(item, f"{where}/{index}")


def unresolved_refs(doc: Doc) -> list[str]:
    """Every `$ref` in `doc` that does not resolve inside `doc`, with where it sits."""
    found = []
    for where, ref in _refs(doc):
        try:
            _pointer(doc, ref)
        except (KeyError, IndexError, TypeError):
            found.append(f"{where}: $ref {ref} does not resolve")
    return found


class VendorComparison:
    """Walks our contract against the vendor's spec, keyed by operation and location."""

    def __init__(self, ours: Doc, vendor: Doc, extra_statuses: frozenset[str]) -> None:
        self.ours, self.vendor, self.extra_statuses = ours, vendor, extra_statuses
        self.found: list[str] = []

    def operation(self, where: str, op: Doc, theirs: Doc) -> None:
        if op.get("operationId") != theirs.get("operationId"):
            self.found.append(f"{where}: operationId {op.get('operationId')!r}, vendor {theirs.get('operationId')!r}")
        self.parameters(where, op.get("parameters", []), theirs.get("parameters", []))
        ours_body, their_body = _deref(self.ours, op.get("requestBody")), theirs.get("requestBody")
        if bool(ours_body) != bool(their_body):
            self.found.append(f"{where} request body: ours {bool(ours_body)}, vendor {bool(their_body)}")
        elif ours_body:
            self.content(f"{where} request body", ours_body, _deref(self.vendor, their_body))
        self.responses(where, op.get("responses", {}), theirs.get("responses", {}))

    def parameters(self, where: str, ours: list[Any], theirs: list[Any]) -> None:
        mine = self._by_key(self.ours, ours)
        vendor = self._by_key(self.vendor, theirs)
        for key, param in mine.items():
            at = f"{where} {key[0]} parameter {param['name']}"
            if key not in vendor:
                self.found.append(f"{at}: not declared by the vendor")
            else:
                self.schema(at, param.get("schema"), vendor[key].get("schema"))
        for key, param in vendor.items():
            # Authorization is the bearer security scheme in our contracts, not a parameter.
            if param.get("required") and key not in mine and key != ("header", "authorization"):
                self.found.append(f"{where} {key[0]} parameter {param['name']}: required by the vendor, missing")

    @staticmethod
    def _by_key(doc: Doc, params: list[Any]) -> dict[tuple[str, str], Doc]:
        resolved = [_deref(doc, param) for param in params]
        # "Header names are case-insensitive" (api-facts §1.2).
        return {(p["in"], p["name"].lower() if p["in"] == "header" else p["name"]): p for p in resolved}

    def responses(self, where: str, ours: Doc, theirs: Doc) -> None:
        for code, response in ours.items():
            if code in theirs:
                self.content(f"{where} response {code}", _deref(self.ours, response), theirs[code])
            elif code not in self.extra_statuses:
                self.found.append(f"{where} response {code}: status not declared by the vendor")
        for code in sorted(theirs.keys() - ours.keys()):
            self.found.append(f"{where} response {code}: declared by the vendor, missing")

    def content(self, where: str, ours: Doc, theirs: Doc) -> None:
        mine, vendor = ours.get("content", {}), theirs.get("content", {})
        if bool(mine) != bool(vendor):
            self.found.append(f"{where}: body ours {bool(mine)}, vendor {bool(vendor)}")
            return
        for media, entry in mine.items():
            if media not in vendor:
                self.found.append(f"{where} {media}: media type not declared by the vendor")
            else:
                self.schema(f"{where} {media} #", entry.get("schema"), vendor[media].get("schema"))

    def schema(self, where: str, ours: Any, theirs: Any) -> None:
        mine, vendor = _flat(self.ours, ours), _flat(self.vendor, theirs)
        if "type" in mine and "type" in vendor and mine["type"] != vendor["type"]:
            self.found.append(f"{where}: type {mine['type']!r}, vendor {vendor['type']!r}")
        extra = [value for value in mine.get("enum", []) if value not in vendor.get("enum", [])]
        if extra:
            self.found.append(f"{where}: enum values {extra} not in vendor enum {vendor.get('enum')}")
        if vendor.get("additionalProperties") is False and mine.get("additionalProperties") is not False:
            self.found.append(f"{where}: vendor forbids additional properties, ours does not")
        self.fields(where, mine, vendor)
        if "items" in mine and "items" not in vendor:
            self.found.append(f"{where}/items: the vendor declares no items")
        elif "items" in mine:
            self.schema(f"{where}/items", mine["items"], vendor["items"])

    def fields(self, where: str, mine: Doc, vendor: Doc) -> None:
        ours_props, their_props = mine.get("properties", {}), vendor.get("properties", {})
        for name in mine.get("required", []):
            if name not in their_props:
                self.found.append(f"{where}: required field {name!r} is not a vendor property")
        for name in sorted(set(vendor.get("required", [])) - set(mine.get("required", []))):
            self.found.append(f"{where}: field {name!r} is required by the vendor, not by ours")
        for name, sub in ours_props.items():
            if name in their_props:
                self.schema(f"{where}/properties/{name}", sub, their_props[name])
            else:
                self.found.append(f"{where}/properties/{name}: not a vendor property")
        for name in sorted(their_props.keys() - ours_props.keys()):
            self.found.append(f"{where}/properties/{name}: vendor property missing")


def compare_to_vendor(
    ours: Doc,
    vendor: Doc,
    select: Callable[[str], bool] = lambda path: True,
    extra_statuses: frozenset[str] = frozenset(),
) -> list[str]:
    """Every difference of `ours` from the vendor spec, each with its operation and location."""
    comparison = VendorComparison(ours, vendor, extra_statuses)
    for path, method, op in _operations(ours):
        if not select(path):
            continue
        where = f"{method.upper()} {path}"
        theirs = vendor.get("paths", {}).get(path, {}).get(method)
        if theirs is None:
            comparison.found.append(f"{where}: no such operation in the vendor spec")
        else:
            comparison.operation(where, op, theirs)
    return comparison.found


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda path: path.name)
def test_contract_is_valid_openapi_30(path: Path) -> None:
    assert str(_load(path)["openapi"]).startswith("3.0.")
    schema = schemathesis.openapi.from_path(str(path))
    schema.validate()
    results = list(schema.get_all_operations())
    assert [str(result.err()) for result in results if isinstance(result, Err)] == []
    assert len(results) == len(list(_operations(_load(path))))


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda path: path.name)
def test_every_ref_resolves(path: Path) -> None:
    doc = _load(path)
    assert list(_refs(doc)), "a contract without any $ref would make this check vacuous"
    assert unresolved_refs(doc) == []


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda path: path.name)
def test_operation_ids_are_present_and_unique(path: Path) -> None:
    ids = [op.get("operationId") for _, _, op in _operations(_load(path))]
    assert None not in ids
    assert sorted(ids) == sorted(set(ids))


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda path: path.name)
def test_every_operation_but_capabilities_takes_the_bearer_token(path: Path) -> None:
    doc = _load(path)
    schemes = doc["components"]["securitySchemes"]
    assert [(scheme["type"], scheme["scheme"]) for scheme in schemes.values()] == [("http", "bearer")]
    for where, method, op in _operations(doc):
        params = [_deref(doc, param)["name"].lower() for param in op.get("parameters", [])]
        assert "authorization" not in params, f"{method} {where}"
        # SIMULATION.md §2: capabilities need "No token".
        expected = [] if op["operationId"] == "GetCapabilities" else [{name: []} for name in schemes]
        assert op.get("security", doc.get("security")) == expected, f"{method} {where}"


def test_pos_links_build_a_state_machine() -> None:
    schema = schemathesis.openapi.from_path(str(POS_CONTRACT))
    assert schema.as_state_machine() is not None
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    found: dict[str, set[str]] = {}
    for transitions in collect_transitions(operations).operations.values():
        for link in transitions.outgoing:
            if not link.is_inferred:
                source = link.source.definition.raw["operationId"]
                found.setdefault(source, set()).add(link.target.definition.raw["operationId"])
    assert found == EXPECTED_LINKS


def test_capabilities_list_every_simulation_capability() -> None:
    schemas = _load(SIM_CONTRACT)["components"]["schemas"]
    assert schemas["CapabilityName"]["enum"] == CAPABILITIES


@pytest.mark.parametrize("name", ["QueryPaymentResponse", "GetRefundResponse", "ErrorResponse"])
def test_simulation_bodies_equal_the_pos_contract(name: str) -> None:
    pos, sim = _load(POS_CONTRACT), _load(SIM_CONTRACT)
    ref = {"$ref": f"#/components/schemas/{name}"}
    assert _inline(sim, ref) == _inline(pos, ref)


def test_pos_contract_agrees_with_vendor(vendor: Doc) -> None:
    assert compare_to_vendor(_load(POS_CONTRACT), vendor) == []


def test_simulation_vendor_hooks_agree_with_vendor(vendor: Doc) -> None:
    sim = _load(SIM_CONTRACT)
    hooks = [path for path in sim["paths"] if path.startswith("/pos/app/usersimulation/")]
    assert len(hooks) == 3
    assert compare_to_vendor(sim, vendor, lambda path: path in hooks, HOOK_EXTRA_STATUSES) == []


def test_comparison_reports_every_planted_mismatch(vendor: Doc) -> None:
    doc = copy.deepcopy(_load(POS_CONTRACT))
    paths, schemas = doc["paths"], doc["components"]["schemas"]
    paths["/pos/v10/payments/{paymentid}/cancel"]["post"]["responses"]["418"] = {"description": "x"}
    schemas["RefundState"]["enum"].append("RefundedTwice")
    schemas["PaymentCaptureRequest"]["required"].append("tip")
    paths["/pos/v10/payments/{paymentid}/void"] = {"post": {"operationId": "VoidPayment", "responses": {}}}
    paths["/pos/v10/refunds/{refundid}"]["get"]["operationId"] = "ReadRefund"
    extra_header = {"name": "X-MobilePay-Client-System-Name", "in": "header", "schema": {"type": "string"}}
    paths["/pos/v10/refunds/{refundid}/cancel"]["post"]["parameters"].append(extra_header)
    capture = "POST /pos/v10/payments/{paymentid}/capture request body application/json #"
    assert sorted(compare_to_vendor(doc, vendor)) == sorted([
        "POST /pos/v10/payments/{paymentid}/cancel response 418: status not declared by the vendor",
        "GET /pos/v10/refunds/{refundid} response 200 application/json #/properties/status: enum values"
        " ['RefundedTwice'] not in vendor enum ['Initiated', 'Reserved', 'Captured', 'CancelledByClient',"
        " 'CancelledByMobilePay', 'ExpiredAndCaptured']",
        f"{capture}: required field 'tip' is not a vendor property",
        "POST /pos/v10/payments/{paymentid}/void: no such operation in the vendor spec",
        "GET /pos/v10/refunds/{refundid}: operationId 'ReadRefund', vendor 'GetRefund'",
        "POST /pos/v10/refunds/{refundid}/cancel header parameter X-MobilePay-Client-System-Name:"
        " not declared by the vendor",
    ])


def test_unresolved_refs_are_reported() -> None:
    doc = copy.deepcopy(_load(POS_CONTRACT))
    doc["components"]["schemas"]["PaymentCaptureRequest"]["properties"]["amount"] = {"$ref": "#/nowhere"}
    assert unresolved_refs(doc) == [
        "#/components/schemas/PaymentCaptureRequest/properties/amount: $ref #/nowhere does not resolve"
    ]
