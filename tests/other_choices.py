"""Another implementation of both APIs: the reference's behaviour, answered with other choices the
documentation leaves open.

The suite must judge what the documentation says and nothing more, so an implementation that
differs from ours only where the documentation is silent must pass every MUST rule. This ASGI
middleware stands in front of the reference and rewrites its answers (never its decisions):

PoS v10 (api-facts §1.4, §1.5, §1.8 name the status and code of every refusal, so those stay):
- another `message` and another `correlationId` format in every error body;
- no `code` at all where the documentation names none (404), instead of a null one;
- another `origin` in the refunds' ErrorResponseV2 (the spec gives "PoS" only as an example);
- no `WWW-Authenticate` challenge with a 401;
- the user-simulation hooks answer 500 where the customer cannot act, as the published hooks
  may (SIMULATION.md §1: "must accept a vendor sandbox that answers 500 there instead").

Vipps eCom v2 (api-facts §2.3: "The HTTP status per error code is not documented"):
- 409 instead of 400 for every refusal of a valid request, except the one whose 400 is
  documented: a cancel over 180 days old (api-facts §2.2);
- 400 instead of 404 for an unknown order, in the Azure gateway shape `{responseInfo, result}`
  (api-facts §2.1 lists both error shapes for every operation);
- error code "99" in group VippsError for every other refusal but the one a rule names: code
  "51", a cancel of a captured order (ECOM_REL_04); a request the contract refuses keeps its 400;
- another `errorMessage` and another `contextId` format;
- the Azure gateway shape for a 401;
- no `transactionId` where the spec makes it optional (a cancel's transactionInfo, log entries);
- no `transactionSummary` in the details while nothing was ever reserved (the eCom guide: it is
  not part of the response while the customer has not reacted).

Vipps MobilePay ePayment v1 (api-facts §3.3: the HTTP status per error code is not documented):
- 400 instead of 409 or 423 for every refusal a payment's state causes, and 409 instead of 400, except
  the ones whose status is documented: 400 past 180 days (EPAY_AGE_01), 404 for an unknown reference,
  409 for an Idempotency-Key reused for another request;
- Problems without the optional `detail`, `instance` and `extraDetails` (so no error code at all:
  only the SHOULD rules that name one may warn);
- no `redirectUrl` in a create's answer, no `idempotencyKey` in the events, the events newest first.

Sandbox hooks of `/simulation/v1` and the token endpoints are answered as the reference answers them.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from starlette.types import ASGIApp

from tests.answer_rewriter import Answer, RewrittenAnswers

# api-facts §2.2: "not possible to cancel a request that is over 180 days old" is HTTP 400.
AGE_REFUSAL_WORDS = "180 days"
# ECOM_REL_04: a cancel after a full capture is refused with error code "51".
CODE_A_RULE_NAMES = "51"
# api-facts §2.3: 35 "The orderId '…' does not exist for MSN …", the reference's 404.
UNKNOWN_ORDER_CODE = "35"
POS, POS_HOOKS, ECOM, EPAYMENT = "/pos/v10/", "/pos/app/usersimulation/", "/ecomm/v2/", "/epayment/v1/"
# api-facts §3.3: 6030 "Cancel period expired" is HTTP 400; EPAY_IDM_02: a reused key is 409.
EPAYMENT_AGE_CODE = "6030"
OPTIONAL_PROBLEM_FIELDS = ("detail", "instance", "extraDetails")


class OtherDocumentedChoices(RewrittenAnswers):
    """ASGI middleware; `applied` counts each choice it made, so a test can see every one was exercised."""

    def __init__(self, app: ASGIApp) -> None:
        self.applied: Counter[str] = Counter()
        super().__init__(app, self._choose, (POS, POS_HOOKS, ECOM, EPAYMENT))

    def _choose(self, answer: Answer) -> Answer:
        if answer.path.startswith(POS_HOOKS):
            return _pos_hook_answer(answer, self.applied)
        if answer.path.startswith(POS):
            return _pos_answer(answer, self.applied)
        if answer.path.startswith(EPAYMENT):
            return _epayment_answer(answer, self.applied)
        return _ecom_answer(answer, self.applied)


def _pos_hook_answer(answer: Answer, applied: Counter[str]) -> Answer:
    if answer.status != 409:
        return answer
    applied["pos: a hook answers 500 where the customer cannot act"] += 1
    return answer.with_document(None, status=500)


def _pos_answer(answer: Answer, applied: Counter[str]) -> Answer:
    if answer.status == 401 and answer.headers.pop("www-authenticate", None) is not None:
        applied["pos: 401 without a challenge"] += 1
    document = answer.document()
    if answer.status < 400 or not isinstance(document, dict):
        return answer
    document["message"] = f"Refused with HTTP {answer.status}"
    document["correlationId"] = uuid.uuid4().hex
    applied["pos: another message and correlation id"] += 1
    if document.get("code") is None and "code" in document:
        del document["code"]
        applied["pos: no code where none is documented"] += 1
    if "origin" in document:
        document["origin"] = "MobilePay"
        applied["pos: another origin"] += 1
    return answer.with_document(document)


def _ecom_answer(answer: Answer, applied: Counter[str]) -> Answer:
    document = answer.document()
    if answer.status == 401:
        answer.headers.pop("www-authenticate", None)
        message = document.get("message", "Unauthorized") if isinstance(document, dict) else "Unauthorized"
        applied["ecom: 401 in the Azure gateway shape"] += 1
        return answer.with_document(_azure(401, message))
    if answer.status < 400:
        return answer.with_document(_without_optional_fields(document, applied)) if answer.body else answer
    if not (isinstance(document, list) and document and isinstance(document[0], dict)):
        return answer
    return _ecom_refusal(answer, document[0], applied)


def _ecom_refusal(answer: Answer, error: dict[str, Any], applied: Counter[str]) -> Answer:
    status = answer.status
    if status == 404 and error["errorCode"] == UNKNOWN_ORDER_CODE:
        applied["ecom: 400 in the Azure shape for an unknown order"] += 1
        return answer.with_document(_azure(400, "The order is not known"), status=400)
    if status == 400 and error["errorGroup"] != "InvalidRequest":
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
    return answer.with_document([error], status=status)


def _azure(status: int, message: str) -> dict[str, Any]:
    """Spec 2.0.3's ErrorFromAzure."""
    return {"responseInfo": {"responseCode": status, "responseMessage": "Refused"}, "result": {"message": message}}


def _without_optional_fields(document: Any, applied: Counter[str]) -> Any:
    if not isinstance(document, dict):
        return document
    info = document.get("transactionInfo")
    if isinstance(info, dict) and info.get("status") == "Cancelled" and info.pop("transactionId", None):
        applied["ecom: a cancel without transactionId"] += 1
    log = document.get("transactionLogHistory")
    for entry in log or []:
        if isinstance(entry, dict) and entry.pop("transactionId", None):
            applied["ecom: log entries without transactionId"] += 1
    reserved = any(isinstance(entry, dict) and entry.get("operation") == "RESERVE" for entry in log or [])
    if log is not None and not reserved and document.pop("transactionSummary", None) is not None:
        applied["ecom: no transactionSummary before a reservation"] += 1
    return document


def _epayment_answer(answer: Answer, applied: Counter[str]) -> Answer:
    document = answer.document()
    if answer.status >= 400:
        return _epayment_refusal(answer, document, applied) if isinstance(document, dict) else answer
    if isinstance(document, dict) and document.pop("redirectUrl", None) is not None:
        applied["epayment: no redirectUrl"] += 1
    if isinstance(document, list):
        for event in document:
            if isinstance(event, dict) and event.pop("idempotencyKey", None) is not None:
                applied["epayment: no idempotencyKey in the events"] += 1
        document.reverse()
        applied["epayment: the events newest first"] += 1
    return answer.with_document(document) if answer.body else answer


def _epayment_refusal(answer: Answer, problem: dict[str, Any], applied: Counter[str]) -> Answer:
    codes = [item.get("reason") for item in problem.get("extraDetails") or [] if isinstance(item, dict)
             and item.get("name") == "ErrorCode"]
    status = answer.status
    reused_key = status == 409 and "dempotency" in str(problem.get("title"))
    if codes and not reused_key and EPAYMENT_AGE_CODE not in codes and status in (400, 409, 423):
        status = 409 if status == 400 else 400
        applied[f"epayment: {status} for a refusal"] += 1
    for name in OPTIONAL_PROBLEM_FIELDS:
        if problem.pop(name, None) is not None:
            applied[f"epayment: a problem without {name}"] += 1
    problem["status"] = status
    return answer.with_document(problem, status=status)
