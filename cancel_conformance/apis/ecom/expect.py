"""eCom assertions that read like a bug report: refusals, the cancel's answer, and the payment's details.

Where the eCom documentation names no HTTP status or error code, these check only what it does say:
a 4xx, the eCom error body's shape, the state unchanged (RULES.md).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from cancel_conformance.apis.ecom.cast import Order
from cancel_conformance.apis.ecom.details import Details
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.expect import fail, no_server_error, received

# Spec 2.0.3, Error.errorGroup.
ERROR_GROUPS = frozenset({"Authentication", "Payment", "InvalidRequest", "VippsError", "User", "Merchant"})


def refused(result: ApiResult, what: str) -> None:
    """A 4xx with an eCom error body: the published array of errors, or the Azure error object."""
    no_server_error(result, what)
    if not 400 <= result.status < 500:
        fail(result, f"{what} was not refused", "a 4xx with an eCom error body", received(result))
    if not is_error_body(result.body):
        fail(result, f"{what} was refused without an eCom error body",
             "[{errorGroup, errorCode, errorMessage}] or {responseInfo, result}", received(result))


def refused_with_code(result: ApiResult, code: str, what: str) -> None:
    """A 4xx whose eCom error array names `code` (the HTTP status per code is not documented)."""
    refused(result, what)
    codes = error_codes(result.body)
    if code not in codes:
        fail(result, f"{what} was refused with the wrong error code", f'a 4xx with errorCode "{code}"',
             received(result))


def cancelled(result: ApiResult, status: str = "Cancelled") -> None:
    """200, and where the answer names a status (transactionInfo.status), it is `status`.

    CancelTransactionResponse requires only `orderId` (spec 2.0.3): an answer without `transactionInfo`
    names no status, and the rule judges the order by its details alone. TransactionInfoCancel, when
    sent, requires its `status`.
    """
    no_server_error(result, "the cancel")
    if result.status != 200:
        fail(result, "the cancel did not succeed", "200", received(result))
    info = result.optional_field("transactionInfo", dict, None)
    if info is None:
        return
    if "status" not in info:
        raise result.missing("transactionInfo.status")
    if info["status"] != status:
        fail(result, "the cancel's answer names the wrong status", f'transactionInfo.status "{status}"',
             received(result))


def observe(order: Order) -> tuple[ApiResult, Details]:
    """The order's details now, as the merchant reads them; any answer but 200 fails the rule."""
    result = order.owner.details(order)
    no_server_error(result, "reading the order's details")
    if result.status != 200:
        fail(result, "the order's details could not be read", "200 with the details", received(result))
    return result, Details.of(result)


def history(order: Order, present: Collection[str] = (), absent: Collection[str] = (), what: str = "") -> Details:
    """The details show a successful entry of every `present` operation and of no `absent` one."""
    result, details = observe(order)
    missing = [op for op in present if not details.shows(op)]
    extra = [op for op in absent if details.shows(op)]
    if missing or extra:
        wanted = " and ".join([*present, *(f"no {op}" for op in absent)])
        fail(result, what or "the order's history is not as the rule says", wanted, details.describe())
    return details


def exactly_one(order: Order, operation: str, others: Collection[str], what: str) -> None:
    """Exactly one successful `operation`, and no successful entry of any of `others`."""
    result, details = observe(order)
    if details.succeeded(operation) != 1 or any(details.shows(op) for op in others):
        fail(result, what, f"exactly one {operation}, no {' or '.join(others)}", details.describe())


def cancelled_once(order: Order, others: Collection[str], what: str) -> None:
    """Exactly one successful cancellation (a CANCEL or a VOID), and no successful entry of any of `others`."""
    result, details = observe(order)
    if details.cancellations() != 1 or any(details.shows(op) for op in others):
        fail(result, what, f"exactly one CANCEL or VOID, no {' or '.join(others)}" if others
             else "exactly one CANCEL or VOID", details.describe())


def amounts(order: Order, expected: dict[str, int], what: str) -> None:
    """The transaction summary has these amounts."""
    result, details = observe(order)
    actual = {name: details.summary[name] for name in expected}
    if actual != expected:
        fail(result, what, _amounts(expected), details.describe())


def unchanged(order: Order, what: str) -> None:
    """No new cancellation and the same transaction summary as when the Given was established."""
    before = order.seen
    if before is None:
        raise ValueError("the order's details were never seen before the action")
    result, details = observe(order)
    if details.summary != before.summary or details.cancellations() != before.cancellations():
        fail(result, what, f"as before: {before.describe()}", details.describe())


def is_error_body(body: Any) -> bool:
    """Spec 2.0.3's ErrorResponse: an array of errors, or an error from Azure."""
    if isinstance(body, list):
        return bool(body) and all(_is_error(item) for item in body)
    if isinstance(body, dict):
        info, outcome = body.get("responseInfo"), body.get("result")
        return isinstance(info, dict) and isinstance(outcome, dict) and isinstance(outcome.get("message"), str)
    return False


def error_codes(body: Any) -> list[str]:
    return [str(item.get("errorCode")) for item in body if isinstance(item, dict)] if isinstance(body, list) else []


def _is_error(item: Any) -> bool:
    return (isinstance(item, dict) and item.get("errorGroup") in ERROR_GROUPS
            and isinstance(item.get("errorCode"), str) and isinstance(item.get("errorMessage"), str))


def _amounts(amounts_by_name: dict[str, int]) -> str:
    return ", ".join(f"{name} {value}" for name, value in amounts_by_name.items())
