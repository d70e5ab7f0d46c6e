"""`contracts/recurring.v3.yaml` is valid OpenAPI 3.0 and agrees with the vendor's Recurring 2.6.17 v3 paths.

Where ours deliberately differs, the difference is named here with its reason: the walk's findings
must be exactly the named ones, and each erratum the walk cannot see is asserted on both sides.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import yaml
from schemathesis.core.result import Err, Ok
from schemathesis.specs.openapi.stateful import collect_transitions

from tests.test_contracts import (
    ROOT,
    SIM_CONTRACT,
    _deref,
    _inline,
    _load,
    _operations,
    compare_to_vendor,
    unresolved_refs,
)

Doc = dict[str, Any]

CONTRACT = ROOT / "contracts" / "recurring.v3.yaml"
VENDOR = ROOT.parent / "shared" / "vendor-specs" / "recurring-v3-openapi.yaml"
MODIFYING = ("post", "patch", "delete")
CREDENTIALS = [{"vippsBearer": [], "subscriptionKey": []}]
# api-facts §4.2 "HTTP statuses used: 200, 204, 202, 400, 401, 403, 404, 409, 422, 429, 500": the vendor's
# spec declares only its successes and `default`; ours names the refusals a real service answers too.
DOCUMENTED_STATUSES = frozenset({"400", "401", "403", "404", "409", "422", "429", "500"})
OPERATIONS = 10
CHARGE_LINKS = {"FetchChargeV3"}
EXPECTED_LINKS = {
    "DraftAgreementV3": {"FetchAgreementV3", "ListChargesV3", "acceptUsingPATCHV3", "UpdateAgreementPatchV3"},
    # A charge needs an ACTIVE agreement: force accept leads on to creating one.
    "acceptUsingPATCHV3": {"FetchAgreementV3", "CreateChargeV3"},
    "UpdateAgreementPatchV3": {"FetchAgreementV3"},
    "CreateChargeV3": {"FetchChargeV3", "ListChargesV3", "CaptureChargeV3", "RefundChargeV3", "CancelChargeV3"},
    "CaptureChargeV3": CHARGE_LINKS,
    "RefundChargeV3": CHARGE_LINKS,
    # No link leaves CancelChargeV3: the charge stays readable after its DELETE, which a link walk (and
    # schemathesis's use-after-free check) reads as a resource that should be gone.
}

# Each place the walk finds ours differing, as a pattern over its finding, and why.
NAMED_DIFFERENCES = {
    r"#: anyOf where the vendor has oneOf":
        "ErrorResponseV3: the vendor's ErrorV3 requires nothing, so an Azure error fits both its alternatives",
    r"#/anyOf/ErrorV3/properties/extraDetails/items/properties/(name|reason): not a vendor property":
        "ExtraDetails: the Nov 2024 spec (R3) names {name, reason} where 2.6.17 has {field, text}; ours takes both",
    r"response default application/problem\+json: media type not declared by the vendor":
        "problems may come as RFC 7807's application/problem+json besides the published application/json",
    r"PATCH /recurring/v3/agreements/\{agreementId\}/accept response 204: body ours False, vendor True":
        "erratum (SOURCES.md): force accept's 204 declares a JSON body; a 204 has none",
    r"#(/items)?/properties/failureReason: enum values \[None\] not in vendor enum":
        "failureReason is nullable: null has to be one of the enum's values for a null to validate",
}


class YAML12Loader(yaml.SafeLoader):
    """PyYAML with YAML 1.2's booleans (true/false only), so `countryCode: [NO]` stays the string 'NO'."""


YAML12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
YAML12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


def load_vendor(path: Path = VENDOR) -> Doc:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML12Loader)


@pytest.fixture(scope="module")
def vendor() -> Doc:
    if not VENDOR.is_file():
        pytest.skip(f"vendor spec Recurring 2.6.17 not found at {VENDOR}")
    return load_vendor()


@pytest.fixture(scope="module")
def ours() -> Doc:
    return _load(CONTRACT)


def v3_differences(ours: Doc, vendor: Doc) -> list[str]:
    return compare_to_vendor(ours, vendor, lambda path: path.startswith("/recurring/v3/"), DOCUMENTED_STATUSES)


def unnamed(found: list[str]) -> list[str]:
    return [line for line in found if not any(re.search(pattern, line) for pattern in NAMED_DIFFERENCES)]


def vendor_schema(vendor: Doc, name: str) -> Doc:
    return vendor["components"]["schemas"][name]


def our_schema(ours: Doc, name: str) -> Doc:
    return ours["components"]["schemas"][name]


def test_the_contract_is_valid_openapi_30(ours: Doc) -> None:
    assert str(ours["openapi"]).startswith("3.0.")
    schema = schemathesis.openapi.from_path(str(CONTRACT))
    schema.validate()
    results = list(schema.get_all_operations())
    assert [str(result.err()) for result in results if isinstance(result, Err)] == []
    assert len(results) == len(list(_operations(ours))) == OPERATIONS
    assert unresolved_refs(ours) == []
    ids = [op["operationId"] for _, _, op in _operations(ours)]
    assert sorted(ids) == sorted(set(ids))


def test_every_operation_takes_the_token_and_the_subscription_key(ours: Doc) -> None:
    for where, method, op in _operations(ours):
        params = [_deref(ours, param)["name"].lower() for param in op.get("parameters", [])]
        assert {"authorization", "ocp-apim-subscription-key"}.isdisjoint(params), f"{method} {where}"
        assert op.get("security", ours.get("security")) == CREDENTIALS, f"{method} {where}"


def test_every_modifying_call_requires_an_idempotency_key(ours: Doc) -> None:
    for where, method, op in _operations(ours):
        keys = [param for param in (_deref(ours, p) for p in op.get("parameters", []))
                if param["name"] == "Idempotency-Key"]
        assert [param["required"] for param in keys] == ([True] if method in MODIFYING else []), f"{method} {where}"
    key = ours["components"]["parameters"]["IdempotencyKey"]["schema"]
    # api-facts §4.1: "1-40 characters; must not contain #, ?, /, \".
    assert (key["minLength"], key["maxLength"], key["pattern"]) == (1, 40, "^[^#?/\\\\]{1,40}$")


def test_every_operation_documents_the_refusals_and_a_default(ours: Doc) -> None:
    for where, method, op in _operations(ours):
        statuses = set(op["responses"])
        assert {"400", "401", "403", "429", "500", "default"} <= statuses, f"{method} {where}"
        assert ("404" in statuses) == ("{agreementId}" in where), f"{method} {where}"
        assert ("409" in statuses) == (method in MODIFYING), f"{method} {where}"
    retry = ours["components"]["responses"]["TooManyRequests"]["headers"]["Retry-After"]
    assert retry["schema"]["type"] == "integer"


def test_the_links_lead_from_nothing_to_a_charge() -> None:
    schema = schemathesis.openapi.from_path(str(CONTRACT))
    assert schema.as_state_machine() is not None
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    found: dict[str, set[str]] = {}
    for transitions in collect_transitions(operations).operations.values():
        for link in transitions.outgoing:
            if not link.is_inferred:
                found.setdefault(link.source.definition.raw["operationId"], set()).add(
                    link.target.definition.raw["operationId"])
    assert found == EXPECTED_LINKS


def test_every_request_body_has_an_example(ours: Doc) -> None:
    bodies = [(f"{method} {where}", entry) for where, method, op in _operations(ours)
              for entry in (op.get("requestBody") or {}).get("content", {}).values()]
    assert len(bodies) == 6
    assert [where for where, entry in bodies if "example" not in entry] == []


@pytest.mark.parametrize("name", ["ChargeResponseV3", "ErrorV3"])
def test_the_hooks_answer_the_bodies_of_the_contract(name: str) -> None:
    ref = {"$ref": f"#/components/schemas/{name}"}
    assert _inline(_load(SIM_CONTRACT), ref) == _inline(_load(CONTRACT), ref)


def test_the_contract_agrees_with_the_vendors_v3_paths(ours: Doc, vendor: Doc) -> None:
    found = v3_differences(ours, vendor)
    assert unnamed(found) == []
    assert [pattern for pattern in NAMED_DIFFERENCES if not any(re.search(pattern, line) for line in found)] == []


def test_our_operations_are_the_vendors(ours: Doc, vendor: Doc) -> None:
    theirs = {(path, method): op["operationId"] for path, method, op in _operations(vendor)
              if path.startswith("/recurring/v3/")}
    mine = {(path, method): op["operationId"] for path, method, op in _operations(ours)}
    assert mine.items() <= theirs.items()
    # Left out, as no cancel needs them: listing agreements and reading a charge without its agreement.
    assert sorted(set(theirs.values()) - set(mine.values())) == ["FetchChargeByIdV3", "ListAgreementsV3"]


def test_the_walk_reports_every_planted_mismatch(ours: Doc, vendor: Doc) -> None:
    doc = copy.deepcopy(ours)
    schemas = doc["components"]["schemas"]
    schemas["ChargeStatus"]["enum"].append("UNKNOWN")
    schemas["CreateChargeV3"]["required"].remove("retryDays")
    doc["paths"]["/recurring/v3/agreements/{agreementId}/charges/{chargeId}"]["delete"]["responses"]["418"] = {
        "description": "x"}
    planted = unnamed(v3_differences(doc, vendor))
    assert "DELETE /recurring/v3/agreements/{agreementId}/charges/{chargeId} response 418: status not declared by" \
           " the vendor" in planted
    assert "POST /recurring/v3/agreements/{agreementId}/charges request body application/json #: field" \
           " 'retryDays' is required by the vendor, not by ours" in planted
    assert any("enum values ['UNKNOWN'] not in vendor enum" in line for line in planted)


# The errata (SOURCES.md) and other deliberate differences the walk does not look at, each on both sides.


def test_erratum_country_code_reads_as_false_under_yaml_11(vendor: Doc) -> None:
    as_11 = yaml.safe_load(VENDOR.read_text(encoding="utf-8"))
    assert vendor_schema(as_11, "DraftAgreementV3")["properties"]["countryCode"]["enum"] == [False]
    assert vendor_schema(vendor, "DraftAgreementV3")["properties"]["countryCode"]["enum"] == ["NO"]
    assert our_schema(_load(CONTRACT), "CountryCode")["enum"] == ["NO"]  # quoted: the same under both


def test_erratum_transaction_id_pattern(ours: Doc, vendor: Doc) -> None:
    # `^\d{10+}$` matches only digits followed by "{10+}"; the intent is ten digits or more.
    assert vendor_schema(vendor, "ChargeResponseV3")["properties"]["transactionId"]["pattern"] == r"^\d{10+}$"
    mine = our_schema(ours, "ChargeResponseV3")["properties"]["transactionId"]
    # "Contains null until the status has reached CHARGED", so ours allows null too.
    assert (mine["pattern"], mine["nullable"]) == (r"^\d{10,}$", True)


def test_erratum_pricing_discriminator_without_mapping(ours: Doc, vendor: Doc) -> None:
    assert vendor_schema(vendor, "pricingResponse")["discriminator"] == {"propertyName": "type"}
    assert "discriminator" not in our_schema(ours, "PricingResponse")


def test_erratum_error_v3_swallows_every_azure_error(ours: Doc, vendor: Doc) -> None:
    # The vendor's ErrorV3 requires nothing, so an Azure error matches both alternatives of the oneOf
    # and no Azure error satisfies it. Ours requires nothing either (a problem without a type is
    # "about:blank", RFC 7807) and takes either alternative: anyOf.
    assert "required" not in vendor_schema(vendor, "ErrorV3")
    assert "required" not in our_schema(ours, "ErrorV3")
    assert "oneOf" not in our_schema(ours, "ErrorResponseV3")
    assert [alternative["$ref"].rsplit("/", 1)[-1] for alternative in our_schema(ours, "ErrorResponseV3")["anyOf"]] \
        == ["ErrorV3", "ErrorFromAzure"]


def test_length_limits_written_with_the_wrong_keywords(ours: Doc, vendor: Doc) -> None:
    # api-facts §4.2: a description of at most 45 characters; the spec writes minimum/maximum on a string.
    theirs = vendor_schema(vendor, "CreateChargeV3")["properties"]["description"]
    assert (theirs["minimum"], theirs["maximum"]) == (1, 45)
    mine = our_schema(ours, "CreateChargeV3")["properties"]["description"]
    assert (mine["minLength"], mine["maxLength"]) == (1, 45)
    for name in ("CaptureRequestV3", "RefundRequest"):
        assert vendor_schema(vendor, name)["properties"]["description"]["minimum"] == 1
        assert our_schema(ours, name)["properties"]["description"]["minLength"] == 1


def test_order_ids_and_charge_ids(ours: Doc, vendor: Doc) -> None:
    # The orderId pattern is not anchored at its end; an orderId "will be the chargeId", of up to 50
    # characters, where the spec gives a chargeId 15; a generated id is chr_... (underscore).
    assert vendor_schema(vendor, "CreateChargeV3")["properties"]["orderId"]["pattern"] == "^[a-zA-Z\\d-]+"
    assert our_schema(ours, "CreateChargeV3")["properties"]["orderId"]["pattern"] == "^[a-zA-Z0-9-]{1,50}$"
    assert vendor_schema(vendor, "ChargeReference")["properties"]["chargeId"]["maxLength"] == 15
    assert our_schema(ours, "ChargeReference")["properties"]["chargeId"]["maxLength"] == 50
    assert our_schema(ours, "ChargeResponseV3")["properties"]["id"]["maxLength"] == 50
    theirs = vendor_schema(vendor, "DraftAgreementResponseV3")["properties"]["chargeId"]
    assert (theirs["pattern"], theirs["example"]) == ("^[a-zA-Z0-9-]{1,50}$", "chr_5kSeqz")
    assert our_schema(ours, "DraftAgreementResponseV3")["properties"]["chargeId"]["pattern"] == "^[a-zA-Z0-9_-]{1,50}$"


def test_campaigns_are_any_object(ours: Doc, vendor: Doc) -> None:
    # The campaign schemas are a oneOf with a discriminator; ours declares the property, not its variants.
    assert len(vendor_schema(vendor, "campaignV3")["oneOf"]) == 4
    assert our_schema(ours, "Campaign")["type"] == "object"
    assert "oneOf" not in our_schema(ours, "Campaign")
