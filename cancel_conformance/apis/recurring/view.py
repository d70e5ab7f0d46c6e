"""A Recurring charge as the merchant reads it: its status, its summary and the successful events of its history.

api-facts §4.2: `summary` = {captured, refunded, cancelled}, all required; `history[]` =
{occurred, event: CREATE|RESERVE|CAPTURE|REFUND|CANCEL|FAIL, amount, idempotencyKey, success}.
RULES.md: an event counts when it succeeded; a refused attempt may be logged with `success: false`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cancel_conformance.clients.result import ApiResult

SUMMARY = ("captured", "refunded", "cancelled")
# api-facts §4.2: a charge can still be cancelled (or its rest released) in these statuses.
CANCELLABLE = frozenset({"PENDING", "DUE", "RESERVED", "PARTIALLY_CAPTURED"})


@dataclass(frozen=True)
class Charge:
    """`GET .../charges/{chargeId}` (ChargeResponseV3), read."""

    status: str
    amount: int
    summary: dict[str, int]
    succeeded: tuple[str, ...]  # the history's successful events, in the order given

    @classmethod
    def of(cls, result: ApiResult) -> Charge:
        """The charge a 200 answer carries; a TargetError naming any field the contract requires that is missing."""
        summary = result.field("summary", dict)
        history = result.field("history", list)
        return cls(result.field("status", str), _int(result, result.field("amount", (int, str)), "amount"),
                   {name: _int(result, _required(result, summary, name), f"summary.{name}") for name in SUMMARY},
                   tuple(_event(result, event) for event in history if _succeeded(result, event)))

    def count(self, event: str) -> int:
        return self.succeeded.count(event)

    def describe(self) -> str:
        amounts = ", ".join(f"{name} {value}" for name, value in self.summary.items())
        return f"status {self.status}; summary {amounts}; history {' > '.join(self.succeeded) or '(none)'}"


def _required(result: ApiResult, node: dict, name: str) -> Any:
    if name not in node:
        raise result.missing(f"summary.{name}")
    return node[name]


def _int(result: ApiResult, value: Any, where: str) -> int:
    # Amounts are judged by the rules; their JSON type is the contract's business (CON_RECUR_02), so an
    # amount sent as a numeric string is read, not refused here.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise result.missing(f"{where} (an amount in minor units)")


def _succeeded(result: ApiResult, event: Any) -> bool:
    if not isinstance(event, dict) or not isinstance(event.get("success"), bool):
        raise result.missing("history[].success")
    return event["success"]


def _event(result: ApiResult, event: dict) -> str:
    if not isinstance(event.get("event"), str):
        raise result.missing("history[].event")
    return event["event"]
