"""The contracts are valid OpenAPI 3.0 and agree with the vendors' published PoS 10.2.6 and eCom 2.0.3 specs."""

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
ECOM_CONTRACT = ROOT / "contracts" / "ecom.v2.yaml"
EPAYMENT_CONTRACT = ROOT / "contracts" / "epayment.v1.yaml"
RECURRING_CONTRACT = ROOT / "contracts" / "recurring.v3.yaml"
SIM_CONTRACT = ROOT / "contracts" / "simulation.v1.yaml"
VENDOR_POS = ROOT.parent / "shared" / "vendor-specs" / "pos-v10-pos.yaml"
VENDOR_ECOM = ROOT.parent / "shared" / "vendor-specs" / "ecom-v2-swagger.yaml"
CONTRACTS = [POS_CONTRACT, ECOM_CONTRACT, EPAYMENT_CONTRACT, RECURRING_CONTRACT, SIM_CONTRACT]
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# SIMULATION.md §1: the published PoS hooks answer only 200/401/500; "where the action is
# impossible ... the reference answers 409", an unknown beacon 404 and a malformed body 400.
HOOK_EXTRA_STATUSES = frozenset({"400", "404", "409"})
# SIMULATION.md §2: "Capability names: pos.user, ..., recurring.age".
CAPABILITIES = [
    "pos.user", "pos.mobilepay-cancel", "pos.expire", "pos.refund-progress",
    "ecom.approve", "ecom.user", "ecom.3ds", "ecom.age",
    "epayment.approve", "epayment.user", "epayment.expire", "epayment.3ds", "epayment.age",
    "recurring.accept", "recurring.charges", "recurring.age",
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
ECOM_DETAILS = {"getPaymentDetailsUsingGET"}
ECOM_OPERATIONS = [
    ("POST", "/ecomm/v2/payments"),
    ("POST", "/ecomm/v2/payments/{orderId}/capture"),
    ("PUT", "/ecomm/v2/payments/{orderId}/cancel"),
    ("POST", "/ecomm/v2/payments/{orderId}/refund"),
    ("POST", "/ecomm/v2/integration-test/payments/{orderId}/approve"),
    ("GET", "/ecomm/v2/payments/{orderId}/details"),
]
EXPECTED_ECOM_LINKS = {
    "initiatePaymentV3UsingPOST": {"getPaymentDetailsUsingGET", "integrationTestApprovePayment",
                                   "capturePaymentUsingPOST", "refundPaymentUsingPOST", "cancelPaymentRequestUsingPUT"},
    "capturePaymentUsingPOST": ECOM_DETAILS,
    "refundPaymentUsingPOST": ECOM_DETAILS,
    "cancelPaymentRequestUsingPUT": ECOM_DETAILS,
}
# api-facts §2.1: besides the published error shapes, "the guide also shows {statusCode: 401, message}".
ECOM_EXTRA_ALTERNATIVES = frozenset({"GatewayError"})
PUBLISHED_API_BEARER = {"integratorBearer": []}
ECOM_CREDENTIALS = {"vippsBearer": [], "subscriptionKey": []}


def _load(path: Path) -> Doc:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vendor() -> Doc:
    if not VENDOR_POS.is_file():
        pytest.skip(f"vendor spec PoS 10.2.6 not found at {VENDOR_POS}")
    return _load(VENDOR_POS)


@pytest.fixture(scope="module")
def ecom_vendor() -> Doc:
    if not VENDOR_ECOM.is_file():
        pytest.skip(f"vendor spec eCom 2.0.3 not found at {VENDOR_ECOM}")
    return _load(VENDOR_ECOM)


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

    def __init__(self, ours: Doc, vendor: Doc, extra_statuses: frozenset[str],
                 extra_alternatives: frozenset[str] = frozenset()) -> None:
        self.ours, self.vendor, self.extra_statuses = ours, vendor, extra_statuses
        self.extra_alternatives = extra_alternatives
        self.found: list[str] = []
        # Our contracts send credentials as security schemes, the vendors' specs as header parameters.
        self.credential_headers = _security_headers(ours)

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
            if param.get("required") and key not in mine and key not in self.credential_headers:
                self.found.append(f"{where} {key[0]} parameter {param['name']}: required by the vendor, missing")

    @staticmethod
    def _by_key(doc: Doc, params: list[Any]) -> dict[tuple[str, str], Doc]:
        resolved = [_deref(doc, param) for param in params]
        # "Header names are case-insensitive" (api-facts §1.2).
        return {(p["in"], p["name"].lower() if p["in"] == "header" else p["name"]): p for p in resolved}

    def responses(self, where: str, ours: Doc, theirs: Doc) -> None:
        for code, response in ours.items():
            if code in theirs:
                self.content(f"{where} response {code}", _deref(self.ours, response), _deref(self.vendor, theirs[code]))
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
        # Our anyOf in place of the vendor's oneOf (where its alternatives overlap) is named and compared too.
        combinator = "anyOf" if mine.get("anyOf") and vendor.get("oneOf") else "oneOf"
        if combinator == "anyOf":
            self.found.append(f"{where}: anyOf where the vendor has oneOf")
        self.alternatives(f"{where}/{combinator}", mine.get(combinator, []), vendor.get("oneOf", []))

    def alternatives(self, where: str, mine: list[Any], vendor: list[Any]) -> None:
        """oneOf (or anyOf) alternatives, matched by the name of the schema each refers to."""
        theirs = {_ref_name(alternative): alternative for alternative in vendor}
        for alternative in mine:
            name = _ref_name(alternative)
            if name in theirs:
                self.schema(f"{where}/{name}", alternative, theirs[name])
            elif name not in self.extra_alternatives:
                self.found.append(f"{where}/{name}: not a vendor alternative")

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


def _ref_name(node: Any) -> str | None:
    ref = node.get("$ref") if isinstance(node, dict) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _security_headers(doc: Doc) -> set[tuple[str, str]]:
    """The headers a contract's security schemes carry: Authorization for bearer, the name of an API key."""
    headers = set()
    for scheme in doc.get("components", {}).get("securitySchemes", {}).values():
        if scheme.get("type") == "http":
            headers.add(("header", "authorization"))
        elif scheme.get("type") == "apiKey" and scheme.get("in") == "header":
            headers.add(("header", scheme["name"].lower()))
    return headers


def compare_to_vendor(
    ours: Doc,
    vendor: Doc,
    select: Callable[[str], bool] = lambda path: True,
    extra_statuses: frozenset[str] = frozenset(),
    extra_alternatives: frozenset[str] = frozenset(),
) -> list[str]:
    """Every difference of `ours` from the vendor spec, each with its operation and location."""
    comparison = VendorComparison(ours, vendor, extra_statuses, extra_alternatives)
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
def test_no_mapping_names_a_key_twice(path: Path) -> None:
    # YAML keeps the last of two equal keys without a word: one API's schema would silently replace another's.
    assert _repeated_keys(path.read_text("utf-8")) == []


def _repeated_keys(text: str) -> list[str]:
    repeated: list[str] = []
    for node in _mappings(yaml.compose(text)):
        names = [key.value for key, _ in node.value]
        repeated += [f"line {node.start_mark.line + 1}: {name}" for name in sorted(set(names)) if names.count(name) > 1]
    return repeated


def _mappings(node: yaml.Node) -> Iterator[yaml.MappingNode]:
    if isinstance(node, yaml.MappingNode):
        yield node
        for _, value in node.value:
            yield from _mappings(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _mappings(item)


def test_a_repeated_key_is_found() -> None:
    assert _repeated_keys("a:\n  b: 1\n  c: 2\n  b: 3\n") == ["line 2: b"]


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


def _expected_security(path: Path, op: Doc) -> list[Doc]:
    """SIMULATION.md §2: capabilities need "No token"; a hook takes the credentials of the API it drives."""
    if op["operationId"] == "GetCapabilities":
        return []
    if path in (ECOM_CONTRACT, EPAYMENT_CONTRACT, RECURRING_CONTRACT):
        # api-facts §2.1, §3.1 and §4.1: Authorization and Ocp-Apim-Subscription-Key are both required, together.
        return [ECOM_CREDENTIALS]
    if {"ecom", "epayment"} & set(op.get("tags", [])):
        return [{"integratorBearer": [], "ecomSubscriptionKey": []}]
    if "recurring" in op.get("tags", []):
        # SIMULATION.md §2: "The Recurring hooks take the merchant's Vipps access token and subscription key".
        return [{"integratorBearer": [], "ecomSubscriptionKey": []}]
    return [PUBLISHED_API_BEARER]


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda path: path.name)
def test_every_operation_but_capabilities_takes_the_api_credentials(path: Path) -> None:
    doc = _load(path)
    schemes = doc["components"]["securitySchemes"]
    bearers = [scheme for scheme in schemes.values() if scheme["type"] == "http"]
    assert [(scheme["type"], scheme["scheme"]) for scheme in bearers] == [("http", "bearer")]
    keys = [scheme for scheme in schemes.values() if scheme["type"] != "http"]
    assert all((key["type"], key["in"], key["name"]) == ("apiKey", "header", "Ocp-Apim-Subscription-Key")
               for key in keys)
    for where, method, op in _operations(doc):
        params = [_deref(doc, param)["name"].lower() for param in op.get("parameters", [])]
        assert "authorization" not in params, f"{method} {where}"
        assert "ocp-apim-subscription-key" not in params, f"{method} {where}"
        assert op.get("security", doc.get("security")) == _expected_security(path, op), f"{method} {where}"


@pytest.mark.parametrize(("path", "expected"), [(POS_CONTRACT, EXPECTED_LINKS), (ECOM_CONTRACT, EXPECTED_ECOM_LINKS)],
                         ids=["pos.v10.yaml", "ecom.v2.yaml"])
def test_links_build_a_state_machine(path: Path, expected: dict[str, set[str]]) -> None:
    assert declared_links(path) == expected


def declared_links(path: Path) -> dict[str, set[str]]:
    """operationId -> the operationIds its declared links lead to, as schemathesis's state machine reads them."""
    schema = schemathesis.openapi.from_path(str(path))
    assert schema.as_state_machine() is not None
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    found: dict[str, set[str]] = {}
    for transitions in collect_transitions(operations).operations.values():
        for link in transitions.outgoing:
            if not link.is_inferred:
                source = link.source.definition.raw["operationId"]
                found.setdefault(source, set()).add(link.target.definition.raw["operationId"])
    return found


def test_capabilities_list_every_simulation_capability() -> None:
    schemas = _load(SIM_CONTRACT)["components"]["schemas"]
    assert schemas["CapabilityName"]["enum"] == CAPABILITIES


@pytest.mark.parametrize("name", ["QueryPaymentResponse", "GetRefundResponse", "ErrorResponse"])
def test_simulation_bodies_equal_the_pos_contract(name: str) -> None:
    pos, sim = _load(POS_CONTRACT), _load(SIM_CONTRACT)
    ref = {"$ref": f"#/components/schemas/{name}"}
    assert _inline(sim, ref) == _inline(pos, ref)


@pytest.mark.parametrize("name", ["TransactionDetails", "ErrorArray", "GatewayError"])
def test_simulation_bodies_equal_the_ecom_contract(name: str) -> None:
    ecom, sim = _load(ECOM_CONTRACT), _load(SIM_CONTRACT)
    ref = {"$ref": f"#/components/schemas/{name}"}
    assert _inline(sim, ref) == _inline(ecom, ref)


def test_every_ecom_request_body_has_an_example() -> None:
    doc = _load(ECOM_CONTRACT)
    bodies = [(f"{method} {where} {media}", entry) for where, method, op in _operations(doc)
              for media, entry in (_deref(doc, op.get("requestBody")) or {}).get("content", {}).items()]
    assert len(bodies) == 5
    assert [where for where, entry in bodies if "example" not in entry] == []


def test_pos_contract_agrees_with_vendor(vendor: Doc) -> None:
    assert compare_to_vendor(_load(POS_CONTRACT), vendor) == []


def test_ecom_contract_agrees_with_vendor(ecom_vendor: Doc) -> None:
    assert compare_to_vendor(_load(ECOM_CONTRACT), ecom_vendor, extra_alternatives=ECOM_EXTRA_ALTERNATIVES) == []


def test_ecom_contract_declares_no_merchant_endpoint(ecom_vendor: Doc) -> None:
    # vendor-specs/SOURCES.md: the swagger file refers to `ms_import.yaml#/paths/...` for the endpoints
    # the merchant implements (callbacks); the comparison reads only local references, so none may be ours.
    external = {path for path, item in ecom_vendor["paths"].items() if "$ref" in item}
    assert external
    assert all(item["$ref"].startswith("ms_import.yaml#") for path, item in ecom_vendor["paths"].items()
               if path in external)
    assert external.isdisjoint(_load(ECOM_CONTRACT)["paths"])


def test_ecom_comparison_reports_every_planted_mismatch(ecom_vendor: Doc) -> None:
    doc = copy.deepcopy(_load(ECOM_CONTRACT))
    paths, schemas = doc["paths"], doc["components"]["schemas"]
    cancel = paths["/ecomm/v2/payments/{orderId}/cancel"]["put"]
    cancel["responses"]["404"] = {"description": "x"}
    schemas["Error"]["properties"]["errorGroup"]["enum"].append("Gateway")
    schemas["CancelPaymentActionRequest"]["properties"]["reason"] = {"type": "string"}
    capture = paths["/ecomm/v2/payments/{orderId}/capture"]["post"]
    capture["parameters"] = [p for p in capture["parameters"] if "RequestId" not in p["$ref"]]
    doc["components"]["responses"]["Error"]["content"]["application/json;charset=UTF-8"]["schema"]["oneOf"].append(
        {"$ref": "#/components/schemas/Error"})
    error = "response default application/json;charset=UTF-8 #"
    assert sorted(compare_to_vendor(doc, ecom_vendor, extra_alternatives=ECOM_EXTRA_ALTERNATIVES)) == sorted([
        "PUT /ecomm/v2/payments/{orderId}/cancel response 404: status not declared by the vendor",
        "PUT /ecomm/v2/payments/{orderId}/cancel request body application/json;charset=UTF-8 #/properties/reason:"
        " not a vendor property",
        "POST /ecomm/v2/payments/{orderId}/capture header parameter X-Request-Id: required by the vendor, missing",
        *[f"{method} {path} {error}/oneOf/ErrorArray/items/properties/errorGroup: enum values ['Gateway'] not in"
          " vendor enum ['Authentication', 'Payment', 'InvalidRequest', 'VippsError', 'User', 'Merchant']"
          for method, path in ECOM_OPERATIONS],
        *[f"{method} {path} {error}/oneOf/Error: not a vendor alternative" for method, path in ECOM_OPERATIONS],
    ])


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
