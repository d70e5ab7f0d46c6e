"""An ePayment as the merchant reads it: its state and aggregate amounts, and its event log.

api-facts §3.2: "The state stays AUTHORIZED through capture, refund and cancel. Progress after
authorization is visible only in aggregate." RULES.md: an event counts when it succeeded; a
refused attempt may be logged with `success: false`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cancel_conformance.clients.result import ApiResult
from cancel_conformance.outcomes import TargetError

# GetPaymentResponse and ModificationResponse require the aggregate, which requires all four (spec 1.4.1).
AMOUNTS = ("authorizedAmount", "cancelledAmount", "capturedAmount", "refundedAmount")
# The events that end an ePayment as cancelled: before authorization (TERMINATED), after it (CANCELLED).
CANCELLATIONS = ("TERMINATED", "CANCELLED")


@dataclass(frozen=True)
class Amounts:
    """A GetPaymentResponse or ModificationResponse, read: the state and the aggregate amounts (minor units)."""

    state: str
    amount: int
    aggregate: dict[str, int]

    @classmethod
    def of(cls, result: ApiResult) -> Amounts:
        """The amounts a 200 answer carries; a TargetError naming any field the contract requires that is missing."""
        state = result.field("state", str)
        amount = _value(result, result.field("amount", dict), "amount")
        aggregate = result.field("aggregate", dict)
        return cls(state, amount, {name: _value(result, _required(result, aggregate, name), f"aggregate.{name}")
                                   for name in AMOUNTS})

    @property
    def authorized(self) -> int:
        return self.aggregate["authorizedAmount"]

    @property
    def cancelled(self) -> int:
        return self.aggregate["cancelledAmount"]

    @property
    def captured(self) -> int:
        return self.aggregate["capturedAmount"]

    @property
    def refunded(self) -> int:
        return self.aggregate["refundedAmount"]

    def describe(self) -> str:
        amounts = ", ".join(f"{name} {value}" for name, value in self.aggregate.items())
        return f"state {self.state}; {amounts}"


@dataclass(frozen=True)
class EventLog:
    """`GET .../events`, read: the names of the events that succeeded, oldest first."""

    succeeded: tuple[str, ...]

    @classmethod
    def of(cls, result: ApiResult) -> EventLog:
        if not isinstance(result.body, list):
            raise TargetError(f"{result.exchange.method} {result.exchange.url} answered {result.status} without "
                              "the array of events the contract requires")
        return cls(tuple(_event(result, event) for event in result.body if _succeeded(result, event)))

    def count(self, name: str) -> int:
        return self.succeeded.count(name)

    def shows(self, name: str) -> bool:
        return name in self.succeeded

    def cancellations(self) -> int:
        return sum(self.count(name) for name in CANCELLATIONS)

    def describe(self) -> str:
        return f"events {' > '.join(self.succeeded) or '(none)'}"


@dataclass(frozen=True)
class Seen:
    """What the merchant sees of an ePayment at one moment: its amounts and its event log."""

    amounts: Amounts
    events: EventLog

    def describe(self) -> str:
        return f"{self.amounts.describe()}; {self.events.describe()}"


def _required(result: ApiResult, node: dict, name: str) -> Any:
    if name not in node:
        raise result.missing(f"aggregate.{name}")
    return node[name]


def _value(result: ApiResult, amount: Any, where: str) -> int:
    """An Amount's `value` (minor units); Amount requires `value` and `currency`."""
    value = amount.get("value") if isinstance(amount, dict) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise result.missing(f"{where}.value")
    return value


def _succeeded(result: ApiResult, event: Any) -> bool:
    if not isinstance(event, dict) or not isinstance(event.get("success"), bool):
        raise result.missing("success (of every event)")
    return event["success"]


def _event(result: ApiResult, event: dict) -> str:
    if not isinstance(event.get("name"), str):
        raise result.missing("name (of every event)")
    return event["name"]
