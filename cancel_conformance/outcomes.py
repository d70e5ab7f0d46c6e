"""What a rule or scenario can come to, and the exceptions that decide it."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """The outcome of a scenario or a rule (DESIGN.md, "Outcomes a rule can have")."""

    PASSED = "passed"
    FAILED = "failed"
    WARNING = "warning"
    NOT_VERIFIED = "not verified"
    ERROR = "error"

    @property
    def severity(self) -> int:
        """Which outcome wins when a rule's scenarios disagree: the higher, the worse."""
        return _SEVERITY[self]


_SEVERITY = {
    Outcome.PASSED: 0,
    Outcome.NOT_VERIFIED: 1,
    Outcome.WARNING: 2,
    Outcome.ERROR: 3,
    Outcome.FAILED: 4,
}


def worst(outcomes: list[Outcome]) -> Outcome:
    return max(outcomes, key=lambda outcome: outcome.severity, default=Outcome.NOT_VERIFIED)


class NotVerified(Exception):
    """The target lacks a sandbox capability, or a Given could not be established."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TargetError(Exception):
    """The target misbehaved, so the rule cannot be judged (unreachable, timeout, unparseable)."""

    def __init__(self, reason: str, *, unreachable: bool = False, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unreachable = unreachable
        self.timed_out = timed_out


class ConformanceFailure(AssertionError):
    """The target did something the rule forbids: expected vs received, and how to reproduce it."""

    def __init__(self, summary: str, *, expected: str, received: str, reproduce: str | None = None) -> None:
        self.summary = summary
        self.expected = expected
        self.received = received
        self.reproduce = reproduce
        super().__init__(self.render())

    def render(self) -> str:
        lines = [self.summary, f"  expected: {self.expected}", f"  received: {self.received}"]
        if self.reproduce:
            lines.append(f"  reproduce with: {self.reproduce}")
        return "\n".join(lines)


def leaves(group: BaseExceptionGroup) -> list[BaseException]:
    """Every error of an exception group, nested groups opened, in order."""
    return [leaf for error in group.exceptions
            for leaf in (leaves(error) if isinstance(error, BaseExceptionGroup) else [error])]
