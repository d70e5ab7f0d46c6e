"""How the suite reads eCom details and judges eCom answers: only what the documentation says."""

from __future__ import annotations

import pytest

from cancel_conformance.apis.ecom import expect as expect_ecom
from cancel_conformance.apis.ecom.details import Details
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Exchange
from cancel_conformance.outcomes import ConformanceFailure, TargetError

SUMMARY = {"capturedAmount": 4000, "refundedAmount": 0, "remainingAmountToCapture": 6000,
           "remainingAmountToRefund": 4000}


def answer(status: int, body: object) -> ApiResult:
    return ApiResult(status, body, Exchange("PUT", "http://target/ecomm/v2/payments/o-1/cancel", {}, None, status))


def entry(operation: str, success: bool = True, amount: int = 10000) -> dict:
    return {"operation": operation, "operationSuccess": success, "amount": amount, "transactionText": "t"}


def test_only_successful_entries_count() -> None:
    log = [entry("VOID", success=False), entry("CAPTURE", amount=4000), entry("RESERVE"), entry("INITIATE")]
    details = Details.of(answer(200, {"transactionLogHistory": log, "transactionSummary": SUMMARY}))
    assert details.shows("CAPTURE")
    assert not details.shows("VOID")
    assert details.cancellations() == 0
    assert details.operations() == ["INITIATE", "RESERVE", "CAPTURE"]
    assert details.captured == 4000
    assert details.remaining == 6000


def test_amounts_sent_as_numeric_strings_are_read_and_the_contract_rules_judge_their_type() -> None:
    summary = {name: str(value) for name, value in SUMMARY.items()}
    details = Details.of(answer(200, {"transactionLogHistory": [], "transactionSummary": summary}))
    assert details.summary == SUMMARY


def test_fields_the_contract_leaves_optional_are_read_as_their_absence_means() -> None:
    # Spec 2.0.3's TransactionDetails requires no field: no log means no operation logged; no summary
    # (before the customer reacts) means nothing captured, refunded or reserved to capture.
    details = Details.of(answer(200, {"orderId": "o-1"}))
    assert details.log == ()
    assert details.summary == dict.fromkeys(SUMMARY, 0)
    assert Details.of(answer(200, {"transactionLogHistory": None, "transactionSummary": None})).summary == \
        dict.fromkeys(SUMMARY, 0)


@pytest.mark.parametrize("body", [
    {"transactionLogHistory": [{"amount": 1}], "transactionSummary": SUMMARY},
    {"transactionLogHistory": [entry("VOID") | {"operationSuccess": "yes"}], "transactionSummary": SUMMARY},
    {"transactionLogHistory": [], "transactionSummary": {**SUMMARY, "capturedAmount": None}},
    {"transactionLogHistory": [], "transactionSummary": {"capturedAmount": 0}},
    {"transactionLogHistory": {}, "transactionSummary": SUMMARY},
    "details",
])
def test_details_that_cannot_be_read_leave_the_rule_unjudged(body: dict) -> None:
    with pytest.raises(TargetError):
        Details.of(answer(200, body))


@pytest.mark.parametrize("body", [
    [{"errorGroup": "Payment", "errorCode": "51", "errorMessage": "Cannot cancel"}],
    [{"errorGroup": "Merchant", "errorCode": "35", "errorMessage": "Unknown", "contextId": "c"}],
    {"responseInfo": {"responseCode": 400, "responseMessage": "Bad"}, "result": {"message": "Bad"}},
])
def test_both_published_error_shapes_are_ecom_error_bodies(body: object) -> None:
    expect_ecom.refused(answer(400, body), "the cancel")


@pytest.mark.parametrize("body", [
    {"error": "not found"},
    [{"errorGroup": "Teapot", "errorCode": "35", "errorMessage": "x"}],
    [{"errorGroup": "Merchant", "errorCode": 35, "errorMessage": "x"}],
    [],
    None,
])
def test_anything_else_is_no_ecom_error_body(body: object) -> None:
    with pytest.raises(ConformanceFailure, match="without an eCom error body"):
        expect_ecom.refused(answer(404, body), "the cancel")


def test_any_4xx_is_a_refusal_where_the_documentation_names_no_status() -> None:
    body = [{"errorGroup": "Payment", "errorCode": "51", "errorMessage": "Cannot cancel"}]
    for status in (400, 402, 403, 409, 422):
        expect_ecom.refused_with_code(answer(status, body), "51", "the cancel")
    with pytest.raises(ConformanceFailure, match="wrong error code"):
        expect_ecom.refused_with_code(answer(400, body), "52", "the cancel")
    with pytest.raises(ConformanceFailure, match="was not refused"):
        expect_ecom.refused(answer(200, {}), "the cancel")


def test_a_server_error_leaves_the_rule_unjudged() -> None:
    with pytest.raises(TargetError):
        expect_ecom.refused(answer(500, None), "the cancel")


def test_a_cancel_succeeds_with_the_status_it_names() -> None:
    expect_ecom.cancelled(answer(200, {"orderId": "o-1", "transactionInfo": {"status": "Cancelled"}}))
    with pytest.raises(ConformanceFailure, match="wrong status"):
        expect_ecom.cancelled(answer(200, {"orderId": "o-1", "transactionInfo": {"status": "Captured"}}))


def test_a_cancel_answer_without_transaction_info_names_no_status_and_the_details_decide() -> None:
    # CancelTransactionResponse requires only orderId (spec 2.0.3).
    expect_ecom.cancelled(answer(200, {"orderId": "o-1"}))
    with pytest.raises(TargetError, match=r"transactionInfo\.status`.*which the contract requires"):
        expect_ecom.cancelled(answer(200, {"orderId": "o-1", "transactionInfo": {"amount": 10000}}))
