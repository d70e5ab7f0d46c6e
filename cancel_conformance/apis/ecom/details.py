"""A payment's details as the eCom API reports them: its log of operations and its transaction summary.

RULES.md: "Details show X" means a log entry with operation X and `operationSuccess: true`; a
refused attempt may be logged with `operationSuccess: false` and does not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cancel_conformance.clients.result import ApiResult
from cancel_conformance.outcomes import TargetError

# TransactionSummary requires all four (spec 2.0.3): present without one, it cannot be read.
SUMMARY_FIELDS = ("capturedAmount", "refundedAmount", "remainingAmountToCapture", "remainingAmountToRefund")
NO_SUMMARY = dict.fromkeys(SUMMARY_FIELDS, 0)
# The operations that end a payment as cancelled: by the merchant or the customer before a
# reservation (CANCEL), by the merchant after one (VOID) (api-facts §2.2).
CANCELLATIONS = ("CANCEL", "VOID")


@dataclass(frozen=True)
class LogEntry:
    """One entry of `transactionLogHistory`."""

    operation: str
    success: bool
    amount: int | None


@dataclass(frozen=True)
class Details:
    """`GET /ecomm/v2/payments/{orderId}/details`, read: the log (newest first) and the amounts."""

    log: tuple[LogEntry, ...]
    summary: dict[str, int]

    @classmethod
    def of(cls, result: ApiResult) -> Details:
        """The details a 200 answer carries; a TargetError when its body cannot be read as details.

        Spec 2.0.3's TransactionDetails requires none of its fields, so each absent one is read as what
        its absence means: no `transactionLogHistory`, no operation logged; no `transactionSummary` (the
        eCom guide: not part of the response while the customer has not reacted), nothing captured,
        nothing refunded and nothing reserved to capture (NO_SUMMARY).
        """
        history = result.optional_field("transactionLogHistory", list, [])
        summary = result.optional_field("transactionSummary", dict, NO_SUMMARY)
        where = f"{result.exchange.method} {result.exchange.url}"
        return cls(tuple(_entry(item, where) for item in history),
                   {name: _summary_amount(result, summary, name) for name in SUMMARY_FIELDS})

    def succeeded(self, operation: str) -> int:
        """How many successful entries of this operation the log shows."""
        return sum(entry.success and entry.operation == operation for entry in self.log)

    def shows(self, operation: str) -> bool:
        return self.succeeded(operation) > 0

    def operations(self) -> list[str]:
        """The successful operations, oldest first, for messages."""
        return [entry.operation for entry in reversed(self.log) if entry.success]

    def cancellations(self) -> int:
        return sum(self.succeeded(operation) for operation in CANCELLATIONS)

    @property
    def captured(self) -> int:
        return self.summary["capturedAmount"]

    @property
    def remaining(self) -> int:
        return self.summary["remainingAmountToCapture"]

    def describe(self) -> str:
        """The successful operations and the summary, as a reader of a failure needs them."""
        amounts = ", ".join(f"{name} {value}" for name, value in self.summary.items())
        return f"history {' > '.join(self.operations()) or '(empty)'}; {amounts}"


def _summary_amount(result: ApiResult, summary: dict, name: str) -> int:
    if name not in summary:
        raise result.missing(f"transactionSummary.{name}")
    return _amount(summary[name], f"{result.exchange.method} {result.exchange.url}: transactionSummary.{name}")


def _entry(item: Any, where: str) -> LogEntry:
    # TransactionLogHistory requires operation, operationSuccess, amount and transactionText (spec 2.0.3).
    if not isinstance(item, dict) or not isinstance(item.get("operation"), str):
        raise TargetError(f"{where}: a transactionLogHistory entry without an operation, which the contract "
                          f"requires: {str(item)[:80]}")
    success = item.get("operationSuccess")
    if not isinstance(success, bool):
        raise TargetError(f"{where}: the {item['operation']} entry has no boolean operationSuccess, which the "
                          "contract requires")
    amount = item.get("amount")
    return LogEntry(item["operation"], success, _amount(amount, where) if amount is not None else None)


def _amount(value: Any, where: str) -> int:
    # Amounts are judged by the rules; their JSON type is the contract's business (CON_ECOM_02), so an
    # amount sent as a numeric string is read, not refused here.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise TargetError(f"{where} is not an amount: {value!r}")
