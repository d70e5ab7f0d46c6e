"""ePayment assertions that read like a bug report: refusals as problems, a cancel's answer, the payment after.

Where the documentation names no HTTP status or error code, these check only what it does say: a
4xx with a `Problem` body, the payment unchanged (RULES.md). A code is judged only by the SHOULD
rules that name it.
"""

from __future__ import annotations

from typing import Any

from cancel_conformance.apis.epayment.cast import EPayment
from cancel_conformance.apis.epayment.view import Amounts, EventLog, Seen
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.expect import fail, no_server_error, received

# RFC 7807 as spec 1.4.1 publishes it: a Problem requires type, title, status (and traceId).
PROBLEM_FIELDS = ("type", "title", "status")
ERROR_CODE = "ErrorCode"


def refused(result: ApiResult, what: str, status: int | None = None) -> None:
    """A 4xx (exactly `status` where the documentation names it) with a Problem body."""
    no_server_error(result, what)
    wanted = f"{status}" if status else "a 4xx"
    if not (result.status == status if status else 400 <= result.status < 500):
        fail(result, f"{what} was not refused as documented", f"{wanted} with a Problem body", received(result))
    if not is_problem(result.body):
        fail(result, f"{what} was refused without a Problem body", f"{wanted} with {{type, title, status, ...}}",
             received(result))


def refused_with_code(result: ApiResult, code: str, what: str) -> None:
    """A 4xx Problem whose extraDetails name the ErrorCode `code` (the HTTP status per code is not documented)."""
    refused(result, what)
    if code not in error_codes(result.body):
        fail(result, f"{what} was refused with the wrong error code",
             f'a Problem with extraDetails [{{"name": "{ERROR_CODE}", "reason": "{code}"}}]', received(result))


def cancelled(result: ApiResult, state: str, amount: int) -> Amounts:
    """200, and the ModificationResponse shows `state` and `amount` cancelled (api-facts §3.3)."""
    no_server_error(result, "the cancel")
    if result.status != 200:
        fail(result, "the cancel did not succeed", "200 with the payment's new state and aggregate", received(result))
    answer = Amounts.of(result)
    if answer.state != state or answer.cancelled != amount:
        fail(result, "the cancel's answer does not show the cancel", f'state "{state}", cancelledAmount {amount}',
             answer.describe())
    return answer


def succeeded(result: ApiResult, what: str) -> None:
    no_server_error(result, what)
    if not result.ok:
        fail(result, f"{what} did not succeed", "a 2xx", received(result))


def observe(payment: EPayment) -> tuple[ApiResult, Seen]:
    """The payment and its event log now, as the merchant reads them; any answer but 200 fails the rule."""
    merchant = payment.owner
    read = _read(merchant.read(payment), "reading the ePayment")
    log = _read(merchant.events(payment), "reading the ePayment's event log")
    return read, Seen(Amounts.of(read), EventLog.of(log))


def reads(payment: EPayment, state: str) -> None:
    result, seen = observe(payment)
    if seen.amounts.state != state:
        fail(result, "the ePayment is in the wrong state", f'"{state}"', seen.describe())


def amounts(payment: EPayment, expected: dict[str, int], what: str) -> None:
    """The aggregate has these amounts."""
    result, seen = observe(payment)
    actual = {name: seen.amounts.aggregate[name] for name in expected}
    if actual != expected:
        fail(result, what, ", ".join(f"{name} {value}" for name, value in expected.items()), seen.describe())


def shows_event(payment: EPayment, name: str, what: str) -> None:
    result, seen = observe(payment)
    if not seen.events.shows(name):
        fail(result, what, f"a successful {name} event", seen.describe())


def cancelled_once(payment: EPayment, what: str) -> None:
    """Exactly one successful cancellation event, and the cancelled amount not doubled (EPAY_IDM_01, SAFE_02)."""
    result, seen = observe(payment)
    if seen.events.cancellations() != 1 or seen.amounts.cancelled != payment.amount:
        fail(result, what, f"exactly one CANCELLED or TERMINATED event, cancelledAmount {payment.amount}",
             seen.describe())


def unchanged(payment: EPayment, what: str) -> None:
    """The state and the aggregate as when the Given was established, and no new successful event."""
    before = payment.seen
    if before is None:
        raise ValueError("the ePayment was never seen before the action")
    result, seen = observe(payment)
    if seen.amounts != before.amounts or seen.events.succeeded != before.events.succeeded:
        fail(result, what, f"as before: {before.describe()}", seen.describe())


def is_problem(body: Any) -> bool:
    return (isinstance(body, dict) and all(name in body for name in PROBLEM_FIELDS)
            and isinstance(body.get("title"), str) and isinstance(body.get("status"), int))


def error_codes(body: Any) -> list[str]:
    """The ErrorCode reasons a Problem's extraDetails carry (api-facts §3.1)."""
    details = body.get("extraDetails") if isinstance(body, dict) else None
    return [str(item.get("reason")) for item in details or [] if isinstance(item, dict)
            and item.get("name") == ERROR_CODE]


def _read(result: ApiResult, what: str) -> ApiResult:
    no_server_error(result, what)
    if result.status != 200:
        fail(result, f"{what} failed", "200", received(result))
    return result
