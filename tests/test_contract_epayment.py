"""Our ePayment contract agrees with the vendor's published 1.4.1 spec, except where it names newer documentation."""

from __future__ import annotations

import copy
import re

import pytest
import yaml

from tests.test_contracts import (
    EPAYMENT_CONTRACT,
    METHODS,
    ROOT,
    SIM_CONTRACT,
    Doc,
    VendorComparison,
    _deref,
    _inline,
    _load,
    _operations,
    compare_to_vendor,
    declared_links,
)

VENDOR_SPECS = ROOT.parent / "shared" / "vendor-specs"
VENDOR_EPAYMENT = VENDOR_SPECS / "epayment-v1-epayment.v1.yml"
# vendor-specs/SOURCES.md: the ePayment spec refers to the Order Management API's Receipt by URL; a
# local copy of that file is saved beside it.
VENDOR_ORDER_MANAGEMENT = VENDOR_SPECS / "epayment-v1-ref-order-management-2.3.24-swagger.yaml"
RECEIPT_SCHEMAS = ("Receipt", "OrderLine", "UnitInfo", "BottomLine", "Barcode", "PaymentSources", "ShippingInfo",
                   "CurrencyEnum", "BarcodeFormatEnum", "QuantityUnitEnum")

PAYMENTS = "/epayment/v1/payments"
PAYMENT = f"{PAYMENTS}/{{reference}}"
CREATE, GET, EVENTS = f"POST {PAYMENTS}", f"GET {PAYMENT}", f"GET {PAYMENT}/events"
CANCEL, CAPTURE, REFUND = f"POST {PAYMENT}/cancel", f"POST {PAYMENT}/capture", f"POST {PAYMENT}/refund"
APPROVE = "POST /epayment/v1/test/payments/{reference}/approve"

# Where our contract deliberately departs from 1.4.1, each with its reason.
# 1. The cancel body: EP3 (the spec as of Nov 2024) has an optional CancelModificationRequest
#    {cancelTransactionOnly}; 1.4.1 has no body on cancel (api-facts §3.1).
NEWER_CANCEL_BODY = [f"{CANCEL} request body: ours True, vendor False"]
# 2. The Problem fields: EP3 adds extraDetails [{name, reason}], the error pages' examples carry
#    instance (api-facts §3.1 "Problem"); 1.4.1 declares neither.
PROBLEM_RESPONSES = {CREATE: ("400", "403", "409"), CANCEL: ("400", "404", "409"), CAPTURE: ("400", "404", "409"),
                     REFUND: ("400", "404", "409")}
NEWER_PROBLEM_FIELDS = [f"{where} response {status} application/problem+json #/properties/{name}: not a vendor property"
                        for where, statuses in PROBLEM_RESPONSES.items() for status in statuses
                        for name in ("instance", "extraDetails")]
# 3. Statuses a running service answers that 1.4.1 leaves out (SOURCES.md errata: "No operation
#    documents 401, and getPayment, the event log and force approve document only 200"): 401 from the
#    gateway everywhere; 403 for a Merchant-Serial-Number that is not the caller's (documented on create
#    only); 400 and 404 wherever a payment is named; 409 when force approve is not possible now
#    (SIMULATION.md); 423 while the customer is authorizing (api-facts §3.3, T1 "HTTP 423 Locked"); 500 for an
#    internal error (T1: "500 Internal error: retry with the same idempotency key"), everywhere.
UNDOCUMENTED_STATUSES = {CREATE: ("401", "500"), GET: ("400", "401", "403", "404", "500"),
                         EVENTS: ("400", "401", "403", "404", "500"), CANCEL: ("401", "403", "423", "500"),
                         CAPTURE: ("401", "403", "500"), REFUND: ("401", "403", "500"),
                         APPROVE: ("400", "401", "403", "404", "409", "500")}
STATUSES_A_SERVICE_ANSWERS = [f"{where} response {status}: status not declared by the vendor"
                              for where, statuses in UNDOCUMENTED_STATUSES.items() for status in statuses]
# 4. The 200 of cancel, capture and refund: 1.4.1 declares application/problem+json, "presumably a spec
#    bug: success bodies are ordinary JSON ModificationResponse objects" (SOURCES.md).
JSON_MODIFICATION_ANSWERS = [f"{where} response 200 application/json: media type not declared by the vendor"
                             for where in (CANCEL, CAPTURE, REFUND)]
# 5. The event: 1.4.1 "PaymentEvent requires paymentAction, a property it does not define" (SOURCES.md
#    errata); ours requires the event's name instead.
PAYMENT_ACTION_ERRATUM = [f"{EVENTS} response 200 application/json #/items: field 'paymentAction' is required by the"
                          " vendor, not by ours"]
DEPARTURES = [*NEWER_CANCEL_BODY, *NEWER_PROBLEM_FIELDS, *STATUSES_A_SERVICE_ANSWERS, *JSON_MODIFICATION_ANSWERS,
              *PAYMENT_ACTION_ERRATUM]

EXPECTED_LINKS = {
    "createPayment": {"getPayment", "getPaymentEventLog", "forceApprove", "capturePayment", "refundPayment",
                      "cancelPayment"},
    "forceApprove": {"getPayment", "capturePayment", "cancelPayment"},
    "capturePayment": {"getPayment", "getPaymentEventLog", "refundPayment", "cancelPayment"},
    "refundPayment": {"getPayment", "getPaymentEventLog"},
    "cancelPayment": {"getPayment", "getPaymentEventLog"},
}
REFERENCE = re.compile(r"[a-zA-Z0-9-]{8,50}")


@pytest.fixture(scope="module")
def vendor() -> Doc:
    """The vendor's 1.4.1 spec, made comparable: path-level parameters moved onto each operation (where ours
    declares them) and the external Receipt reference pointed at the local copy of its file."""
    for path in (VENDOR_EPAYMENT, VENDOR_ORDER_MANAGEMENT):
        if not path.is_file():
            pytest.skip(f"vendor spec not found at {path}")
    return comparable(_load(VENDOR_EPAYMENT), _load(VENDOR_ORDER_MANAGEMENT))


def comparable(spec: Doc, order_management: Doc) -> Doc:
    spec = copy.deepcopy(spec)
    for item in spec["paths"].values():
        shared = item.pop("parameters", [])
        for method in METHODS:
            if method in item:
                item[method]["parameters"] = [*shared, *item[method].get("parameters", [])]
    schemas = spec["components"]["schemas"]
    for name in RECEIPT_SCHEMAS:
        assert name not in schemas, name
        schemas[name] = order_management["components"]["schemas"][name]
    receipt = schemas["CreatePaymentRequest"]["properties"]["receipt"]
    assert receipt["$ref"].endswith("/2.3.24/docs/swagger.yaml#/components/schemas/Receipt")
    receipt["$ref"] = "#/components/schemas/Receipt"
    return spec


@pytest.fixture(scope="module")
def ours() -> Doc:
    return _load(EPAYMENT_CONTRACT)


def differences(ours: Doc, vendor: Doc) -> list[str]:
    """Every difference, the 200 bodies of cancel, capture and refund too (their media types differ, departure 4)."""
    comparison = VendorComparison(ours, vendor, frozenset())
    for where in (CANCEL, CAPTURE, REFUND):
        path = where.split(" ", 1)[1]
        mine = _deref(ours, ours["paths"][path]["post"]["responses"]["200"])["content"]["application/json"]
        theirs = _deref(vendor, vendor["paths"][path]["post"]["responses"]["200"])["content"]
        comparison.schema(f"{where} response 200 body", mine["schema"], theirs["application/problem+json"]["schema"])
    return [*compare_to_vendor(ours, vendor), *comparison.found]


def test_contract_agrees_with_vendor_but_where_it_names_newer_documentation(ours: Doc, vendor: Doc) -> None:
    assert sorted(differences(ours, vendor)) == sorted(DEPARTURES)


def test_each_named_departure_is_still_what_the_vendor_file_says(vendor: Doc) -> None:
    paths, schemas = vendor["paths"], vendor["components"]["schemas"]
    assert "requestBody" not in paths[PAYMENT + "/cancel"]["post"]
    assert "extraDetails" not in schemas["Problem"]["properties"]
    assert "instance" not in schemas["Problem"]["properties"]
    assert list(vendor["components"]["responses"]["AdjustResponse"]["content"]) == ["application/problem+json"]
    event = schemas["PaymentEvent"]
    assert "paymentAction" in event["required"]
    assert "paymentAction" not in event["properties"]
    assert all("401" not in op["responses"] for _, _, op in _operations(vendor))
    assert set(paths[PAYMENT]["get"]["responses"]) == {"200"}


def test_comparison_reports_every_planted_mismatch(ours: Doc, vendor: Doc) -> None:
    doc = copy.deepcopy(ours)
    schemas, paths = doc["components"]["schemas"], doc["paths"]
    schemas["State"]["enum"].append("CANCELLED")
    schemas["Aggregate"]["required"].remove("cancelledAmount")
    cancel = paths[PAYMENT + "/cancel"]["post"]
    cancel["parameters"] = [p for p in cancel["parameters"] if "Idempotency" not in p["$ref"]]
    bodies = [f"{GET} response 200 application/json #", *[f"{where} response 200 body" for where in (CANCEL, CAPTURE,
                                                                                                   REFUND)]]
    planted = [
        f"{CANCEL} header parameter Idempotency-Key: required by the vendor, missing",
        *[f"{body}/properties/aggregate: field 'cancelledAmount' is required by the vendor, not by ours"
          for body in bodies],
        *[f"{body}/properties/state: enum values ['CANCELLED'] not in vendor enum"
          " ['CREATED', 'ABORTED', 'EXPIRED', 'AUTHORIZED', 'TERMINATED']" for body in bodies],
    ]
    assert sorted(differences(doc, vendor)) == sorted([*DEPARTURES, *planted])


def test_every_request_body_has_an_example(ours: Doc) -> None:
    bodies = [(f"{method} {where} {media}", entry) for where, method, op in _operations(ours)
              for media, entry in (_deref(ours, op.get("requestBody")) or {}).get("content", {}).items()]
    assert len(bodies) == 5
    assert [where for where, entry in bodies if "example" not in entry] == []


def test_the_create_example_names_a_reference_that_stays_valid_when_made_fresh(ours: Doc) -> None:
    # A reused reference is refused (409), so a fuzzer gives each request's chosen id a suffix of its own
    # (fuzz/fresh_ids.py: the first 27 characters, a hyphen and 8 hex digits).
    example = ours["paths"][PAYMENTS]["post"]["requestBody"]["content"]["application/json"]["example"]
    reference = example["reference"]
    assert REFERENCE.fullmatch(reference)
    assert REFERENCE.fullmatch(f"{reference[:27]}-0123abcd")


def test_links_build_a_state_machine() -> None:
    assert declared_links(EPAYMENT_CONTRACT) == EXPECTED_LINKS


def test_every_payment_operation_takes_the_idempotency_key_where_the_vendor_requires_it(ours: Doc) -> None:
    keyed = {f"{method.upper()} {where}" for where, method, op in _operations(ours)
             if any(_deref(ours, p)["name"] == "Idempotency-Key" for p in op.get("parameters", []))}
    assert keyed == {CREATE, CANCEL, CAPTURE, REFUND}


@pytest.mark.parametrize("name", ["GetPaymentResponse", "Problem"])
def test_simulation_bodies_equal_the_epayment_contract(ours: Doc, name: str) -> None:
    ref = {"$ref": f"#/components/schemas/{name}"}
    assert _inline(_load(SIM_CONTRACT), ref) == _inline(ours, ref)


def test_simulation_has_every_epayment_hook() -> None:
    hooks = sorted(path.rsplit("/", 1)[1] for path in yaml.safe_load(SIM_CONTRACT.read_text("utf-8"))["paths"]
                   if path.startswith("/simulation/v1/epayment/"))
    assert hooks == ["abort", "age", "expire", "finish-3ds", "start-3ds"]
