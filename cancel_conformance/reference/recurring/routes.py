"""Recurring v3 routes: thin handlers that check the request, call the service and shape the answer.

Every handler checks in one order: the key and token (401), the optional headers (400/403), the
Idempotency-Key of a modifying call (400), the path ids (400), the body (400), then the agreement
or charge itself (404, 400, 409).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from cancel_conformance.reference.ecom.schemas import Spec
from cancel_conformance.reference.recurring import schemas
from cancel_conformance.reference.recurring.access import caller, check_unauthenticated
from cancel_conformance.reference.recurring.idempotency import CANCEL_CHARGE, KeyUse, Reply, key_use
from cancel_conformance.reference.recurring.lifecycle import STATES
from cancel_conformance.reference.recurring.problems import MistypedNotFound, Problem, ServerError, invalid
from cancel_conformance.reference.recurring.validation import (
    IDEMPOTENCY_KEY,
    agreement_id,
    charge_id,
    check_draft,
    check_patch,
    idempotency_key,
)
from cancel_conformance.reference.recurring.views import agreement_view, charge_view
from cancel_conformance.reference.recurring.web import answer, json_body, ok, service
from cancel_conformance.reference.web import call, route

PREFIX = "/recurring/v3/agreements"
AGREEMENT = f"{PREFIX}/{{agreementId}}"
CHARGE = f"{AGREEMENT}/charges/{{chargeId}}"


def path_ids(request: Request) -> tuple[str, str]:
    """The agreement and charge ids in the path (400 when malformed)."""
    return agreement_id(request.path_params["agreementId"]), charge_id(request.path_params["chargeId"])


def request_key(request: Request) -> str:
    """The Idempotency-Key of a modifying call (its form unchecked only under `idempotency-key-format-unchecked`)."""
    unchecked = service(request).fault("idempotency-key-format-unchecked")
    return idempotency_key(request.headers, checked=not unchecked)


def keyed(request: Request, msn: str, key: str, operation: str, body: Any = None) -> KeyUse:
    """The request as its Idempotency-Key names it."""
    return key_use(msn, key, operation, request.method, request.url.path, body)


@dataclass(frozen=True)
class AgreementCall:
    """A modifying call on an agreement, checked: who makes it, on which agreement, its body and key."""

    msn: str
    agreement_id: str
    body: dict[str, Any]
    use: KeyUse


async def on_agreement(request: Request, operation: str, spec: Spec,
                       check: Callable[[dict[str, Any]], None] = lambda body: None) -> AgreementCall:
    """Credentials (401/403), the Idempotency-Key (400), the agreement id (400), then the body (400)."""
    msn = caller(request).merchant_serial_number
    key = request_key(request)
    agreement = agreement_id(request.path_params["agreementId"])
    body = await json_body(request, spec)
    check(body)
    return AgreementCall(msn, agreement, body, keyed(request, msn, key, operation, body))


async def create_agreement(request: Request) -> Response:
    recurring = service(request)
    msn = caller(request).merchant_serial_number
    key = request_key(request)
    draft = await json_body(request, schemas.DRAFT)
    check_draft(draft)
    use = keyed(request, msn, key, "DraftAgreementV3", draft)
    return answer(await call(recurring.agreements.create, msn, use, draft))


async def get_agreement(request: Request) -> Response:
    recurring = service(request)
    if recurring.fault("agreement-read-without-auth"):
        check_unauthenticated(request)  # the fault skips the credentials alone (CON_RECUR_04), no other header
        return ok(agreement_view(await call(recurring.agreements.read_of_anyone,
                                            agreement_id(request.path_params["agreementId"]))))
    msn = caller(request).merchant_serial_number
    try:
        agreement = await call(recurring.agreements.read, msn, agreement_id(request.path_params["agreementId"]))
    except Problem as problem:
        if problem.status == 404 and recurring.fault("unknown-agreement-status-as-string"):
            raise MistypedNotFound() from None
        raise
    return ok(agreement_view(agreement))


async def update_agreement(request: Request) -> Response:
    checked = await on_agreement(request, "UpdateAgreementPatchV3", schemas.PATCH, check_patch)
    return answer(await call(service(request).agreements.update, checked.msn, checked.agreement_id, checked.use,
                             checked.body))


async def accept_agreement(request: Request) -> Response:
    """The test environment's force accept (capability recurring.accept); the phone number is not checked."""
    checked = await on_agreement(request, "acceptUsingPATCHV3", schemas.FORCE_ACCEPT)
    return answer(await call(service(request).agreements.accept, checked.msn, checked.agreement_id, checked.use))


async def list_charges(request: Request) -> Response:
    recurring = service(request)
    msn = caller(request).merchant_serial_number
    agreement = agreement_id(request.path_params["agreementId"])
    status = request.query_params.get("status")
    if status is not None and status not in STATES:
        raise invalid("status", f"must be one of {', '.join(STATES)}")
    if status == "FAILED" and recurring.fault("server-error-on-failed-charge-filter"):
        raise ServerError()
    charges = await call(recurring.charges.of_agreement, msn, agreement, status)
    strings = recurring.fault("charge-list-summary-as-strings")
    return ok([charge_view(charge, summary_as_strings=strings) for charge in charges])


async def create_charge(request: Request) -> Response:
    checked = await on_agreement(request, "CreateChargeV3", schemas.CREATE_CHARGE)
    return answer(await call(service(request).charges.create, checked.msn, checked.agreement_id, checked.use,
                             checked.body))


async def get_charge(request: Request) -> Response:
    recurring = service(request)
    msn = caller(request).merchant_serial_number
    return ok(charge_view(await call(recurring.charges.read, msn, *path_ids(request))))


async def cancel_charge(request: Request) -> Response:
    recurring = service(request)
    msn = caller(request).merchant_serial_number
    if recurring.fault("charge-cancel-key-optional") and IDEMPOTENCY_KEY not in request.headers:
        key = f"none-{uuid.uuid4()}"  # RECUR_IDM_01 broken: a cancel without a key, as if it had a new one
    else:
        key = request_key(request)
    use = keyed(request, msn, key, CANCEL_CHARGE)
    return answer(await call(recurring.charges.cancel, msn, *path_ids(request), use))


async def capture_charge(request: Request) -> Response:
    return answer(await _money_action(request, "CaptureChargeV3", schemas.CAPTURE))


async def refund_charge(request: Request) -> Response:
    return answer(await _money_action(request, "RefundChargeV3", schemas.REFUND))


async def _money_action(request: Request, operation: str, spec: Spec) -> Reply:
    """Capture or refund: an amount of the charge, with a description shown to the customer."""
    recurring = service(request)
    msn = caller(request).merchant_serial_number
    key = request_key(request)
    agreement, charge = path_ids(request)
    body = await json_body(request, spec)
    action = recurring.charges.capture if operation == "CaptureChargeV3" else recurring.charges.refund
    return await call(action, msn, agreement, charge, keyed(request, msn, key, operation, body), body["amount"])


ROUTES = [
    route(PREFIX, POST=create_agreement),
    route(AGREEMENT, GET=get_agreement, PATCH=update_agreement),
    route(f"{AGREEMENT}/accept", PATCH=accept_agreement),
    route(f"{AGREEMENT}/charges", GET=list_charges, POST=create_charge),
    route(CHARGE, GET=get_charge, DELETE=cancel_charge),
    route(f"{CHARGE}/capture", POST=capture_charge),
    route(f"{CHARGE}/refund", POST=refund_charge),
]
