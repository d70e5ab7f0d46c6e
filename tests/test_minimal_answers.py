"""Implementations that send only what the vendor specs require, or more than we do in another key order,
pass every MUST rule: the suite reads responses by the contracts' `required` lists."""

from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path

from tests.minimal_answers import KEPT, UNKNOWN_FIELD, dressed, dressed_answers, minimal, minimal_answers, vendor_specs
from tests.test_other_documented_choices import assert_every_must_rule_passed
from tests.wrapped_reference import run_behind

# A few of the fields the vendor specs leave optional, to show the cut reached every API and depth.
SURELY_REMOVED = {"QueryPaymentResponse.amount", "ErrorResponse.message", "ErrorResponseV2.correlationId",
                  "TransactionLogHistory.transactionId", "TransactionDetails.orderId",
                  "CancelTransactionResponse.transactionInfo", "TransactionDetails.transactionSummary",
                  "Error.contextId", "a body where the vendor declares none"}


def _vendor(title_part: str):
    return next(vendor for ours, vendor in vendor_specs() if title_part in ours["info"]["title"])


def test_every_optional_field_goes_at_every_depth_but_a_kept_one_that_says_something() -> None:
    ecom = _vendor("eCom")
    _, schema = ecom.response_schema("GET", "/ecomm/v2/payments/o-1/details", 200)
    entry = {"amount": 100, "operation": "RESERVE", "operationSuccess": True, "transactionText": "t",
             "transactionId": "1", "timeStamp": "2026-01-01T00:00:00.000Z"}
    summary = {"capturedAmount": 0, "refundedAmount": 0, "remainingAmountToCapture": 100,
               "remainingAmountToRefund": 0, "bankIdentificationNumber": 123}
    applied: Counter[str] = Counter()
    cut = minimal({"orderId": "o-1", "transactionLogHistory": [dict(entry), dict(entry)],
                   "transactionSummary": dict(summary)},
                  schema, ecom, applied)
    kept_entry = {key: entry[key] for key in ("amount", "operation", "operationSuccess", "transactionText")}
    assert cut == {"transactionLogHistory": [kept_entry, kept_entry],
                   "transactionSummary": {key: summary[key] for key in list(summary)[:4]}}
    assert applied["TransactionLogHistory.transactionId"] == 2
    nothing_reserved = {**summary, "remainingAmountToCapture": 0}
    assert "transactionSummary" not in minimal({"transactionSummary": nothing_reserved}, schema, ecom, Counter())


def test_the_error_alternative_is_chosen_by_shape_and_a_missing_code_means_none() -> None:
    ecom, pos = _vendor("eCom"), _vendor("PoS")
    _, error = ecom.response_schema("PUT", "/ecomm/v2/payments/o-1/cancel", 400)
    array = [{"errorGroup": "Payment", "errorCode": "51", "errorMessage": "m", "contextId": "c"}]
    assert minimal(array, error, ecom, Counter()) == [{"errorGroup": "Payment", "errorCode": "51", "errorMessage": "m"}]
    _, refusal = pos.response_schema("POST", "/pos/v10/payments/p-1/cancel", 409)
    assert minimal({"code": "1300", "message": "m"}, refusal, pos, Counter()) == {"code": "1300"}
    assert minimal({"code": None, "message": "m"}, refusal, pos, Counter()) == {}
    assert ("ErrorResponse", "code") in KEPT


def test_dressed_answers_reverse_keys_and_add_fields_only_where_allowed() -> None:
    pos, ecom = _vendor("PoS"), _vendor("eCom")
    _, refusal = pos.response_schema("POST", "/pos/v10/payments/p-1/cancel", 409)
    error = {"code": "1300", "message": "m", "correlationId": "c"}
    # Every PoS 10.2.6 schema declares additionalProperties: false; eCom 2.0.3's allow extra fields.
    assert list(dressed(copy.deepcopy(error), refusal, pos, Counter())) == ["correlationId", "message", "code"]
    _, details = ecom.response_schema("GET", "/ecomm/v2/payments/o-1/details", 200)
    shaped = dressed({"orderId": "o-1", "transactionLogHistory": [{"operation": "INITIATE"}]}, details, ecom,
                     Counter())
    assert list(shaped) == ["transactionLogHistory", "orderId", UNKNOWN_FIELD]
    assert UNKNOWN_FIELD in shaped["transactionLogHistory"][0]


def test_answers_with_only_the_required_fields_pass_every_must_rule(tmp_path: Path) -> None:
    middleware = []

    def in_front(app):
        middleware.append(minimal_answers(app))
        return middleware[0]

    run = run_behind(in_front, tmp_path, "minimal answers")
    removed = set(middleware[0].applied)
    assert removed >= SURELY_REMOVED, f"never removed: {SURELY_REMOVED - removed}"
    assert_every_must_rule_passed(run)


def test_answers_with_unknown_fields_in_another_key_order_pass_every_must_rule(tmp_path: Path) -> None:
    middleware = []

    def in_front(app):
        middleware.append(dressed_answers(app))
        return middleware[0]

    run = run_behind(in_front, tmp_path, "dressed answers")
    applied = middleware[0].applied
    assert applied["keys in another order"] > 0
    assert any(name.endswith(": an unknown field") for name in applied)
    assert_every_must_rule_passed(run)
