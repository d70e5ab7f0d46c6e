"""Recurring request headers, path ids and bodies, checked into 400 problems.

Bodies are parsed and checked by the eCom checker (`ecom/validation.py`); its refusals become
Recurring problems here: a wrong media type `unsupported-media-type`, unreadable JSON
`invalid-json`, a field that does not fit `validation-error` naming the field.
"""

from __future__ import annotations

import re
from typing import Any

from cancel_conformance.reference.ecom.errors import InvalidRequest
from cancel_conformance.reference.ecom.schemas import Spec
from cancel_conformance.reference.ecom.validation import Headers, check, parse_json
from cancel_conformance.reference.recurring.problems import Problem, invalid

IDEMPOTENCY_KEY = "Idempotency-Key"
# api-facts §4.1: "Idempotency-Key (required; 1-40 characters; must not contain #, ?, /, \)".
KEY_FORMAT = re.compile(r"[^#?/\\]{1,40}")
# AgreementResponseV3.id: at most 36 characters (agr_...); a chargeId is an orderId of up to 50 (or chr_...).
AGREEMENT_ID = re.compile(r"[a-zA-Z0-9_-]{1,36}")
CHARGE_ID = re.compile(r"[a-zA-Z0-9_-]{1,50}")


def idempotency_key(headers: Headers, *, checked: bool = True) -> str:
    """The required Idempotency-Key (R2: "required on every POST, PUT, PATCH and DELETE")."""
    value = headers.get(IDEMPOTENCY_KEY)
    if value is None:
        raise Problem(400, "idempotency-key-header", "The Idempotency-Key header is required")
    if checked and not KEY_FORMAT.fullmatch(value):
        raise Problem(400, "idempotency-key-header",
                      "The Idempotency-Key must be 1 to 40 characters, none of them #, ?, / or \\")
    return value


def agreement_id(value: str) -> str:
    if not AGREEMENT_ID.fullmatch(value):
        raise Problem(400, "invalid-agreement-id", "The agreement id must be 1 to 36 of a-z, A-Z, 0-9, _ and -")
    return value


def charge_id(value: str) -> str:
    if not CHARGE_ID.fullmatch(value):
        raise invalid("chargeId", "must be 1 to 50 of a-z, A-Z, 0-9, _ and -")
    return value


def checked_body(raw: bytes, content_type: str | None, spec: Spec) -> dict[str, Any]:
    """The body as `spec` allows it, or the problem that says why not."""
    try:
        document = parse_json(raw, content_type)
    except InvalidRequest as error:
        identifier = "unsupported-media-type" if error.code == "Content-Type" else "invalid-json"
        raise Problem(400, identifier, error.message) from None
    try:
        return check(document, spec)
    except InvalidRequest as error:
        raise invalid(error.code, error.message) from None


def check_draft(draft: dict[str, Any]) -> None:
    """What DraftAgreementV3 says in prose, and what the reference does not emulate (unsupported-feature)."""
    pricing = draft["pricing"]
    for name in ("campaign", "initialCharge", "scope"):
        if name in draft:
            raise Problem(400, "unsupported-feature", f"{name} is not part of this sandbox")
    if pricing.get("type", "LEGACY") != "LEGACY":
        raise Problem(400, "unsupported-feature", "Variable amounts are not part of this sandbox")
    if "amount" not in pricing:
        # pricingRequest.amount: "required if type is LEGACY or not present".
        raise invalid("pricing.amount", "is required for LEGACY pricing")


def check_patch(patch: dict[str, Any]) -> None:
    """PatchAgreementV3: a suggested max amount belongs to variable amounts, which the reference lacks."""
    if "suggestedMaxAmount" in patch.get("pricing", {}):
        raise Problem(400, "invalid-suggested-max-amount", "The agreement has no variable amount")
