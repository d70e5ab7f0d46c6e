"""One scenario's result as the report needs it, and how an exception decides its outcome."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

from cancel_conformance.outcomes import ConformanceFailure, NotVerified, Outcome, TargetError, leaves
from cancel_conformance.target import ConfigError


@dataclass
class StepRecord:
    keyword: str
    text: str
    outcome: str = "not run"
    line: int = 0  # in the feature file


@dataclass
class ScenarioResult:
    """What happened in one scenario (or one fuzzing check), with its evidence."""

    nodeid: str
    feature: str
    name: str
    rules: list[str]
    outcome: Outcome = Outcome.PASSED
    reason: str = ""
    details: str = ""
    steps: list[StepRecord] = field(default_factory=list)
    exchanges: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    duration_s: float = 0.0
    uri: str = ""  # the feature file, relative to the suite
    line: int = 0
    expected: str = ""  # for a failure: what the rule wanted, what came, the request that reproduces it
    received: str = ""
    reproduce: str = ""
    left_behind: list[str] = field(default_factory=list)  # what the clean-up could not close
    model: dict | None = None  # a lifecycle exploration's moves, what it took, where it diverged (MOD_*)
    capabilities: list[str] = field(default_factory=list)  # the sandbox capabilities it needed

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ScenarioResult:
        data = json.loads(text)
        data["outcome"] = Outcome(data["outcome"])
        data["steps"] = [StepRecord(**step) for step in data["steps"]]
        return cls(**data)


@dataclass(frozen=True)
class Verdict:
    """How one exception (or none) judges a scenario."""

    outcome: Outcome
    reason: str = ""
    details: str = ""
    unexpected: bool = False  # a defect of the suite itself: keep its traceback
    expected: str = ""
    received: str = ""
    reproduce: str = ""

    def redacted(self, text: Callable[[str], str]) -> Verdict:
        """The same verdict with every text it shows passed through `text` (a Redactor's)."""
        return replace(self, reason=text(self.reason), details=text(self.details), expected=text(self.expected),
                       received=text(self.received), reproduce=text(self.reproduce))


def judge(error: BaseException | None, *, must: bool) -> Verdict:
    """Map what a scenario raised to an outcome (DESIGN.md, "Outcomes a rule can have")."""
    if error is None:
        return Verdict(Outcome.PASSED)
    if isinstance(error, BaseExceptionGroup):  # several at once (threads, Hypothesis): the one that decides
        error = _deciding(error)
    if isinstance(error, NotVerified):
        return Verdict(Outcome.NOT_VERIFIED, error.reason)
    if isinstance(error, TargetError):
        return Verdict(Outcome.ERROR, error.reason, error.reason)
    if isinstance(error, ConfigError):
        return Verdict(Outcome.ERROR, f"the run is misconfigured: {error}", str(error))
    if isinstance(error, AssertionError):
        failed = Outcome.FAILED if must else Outcome.WARNING
        if isinstance(error, ConformanceFailure):
            return Verdict(failed, error.summary, str(error), expected=error.expected, received=error.received,
                           reproduce=error.reproduce or "")
        return Verdict(failed, _first_line(error), str(error))
    if _is_skip(error):
        return Verdict(Outcome.NOT_VERIFIED, _first_line(error))
    text = f"{type(error).__name__}: {error}"
    return Verdict(Outcome.ERROR, f"the suite could not run this scenario ({_first_line(text)})", text,
                   unexpected=True)


def _deciding(group: BaseExceptionGroup) -> BaseException:
    """The error of a group that names the outcome: a failed rule first, then an error of the target, then
    anything the rule could not be judged for; a group of the suite's own bugs stays one."""
    errors = leaves(group)
    for kind in (AssertionError, TargetError, NotVerified):
        found = next((leaf for leaf in errors if isinstance(leaf, kind)), None)
        if found is not None:
            return found
    return group


def _is_skip(error: BaseException) -> bool:
    return type(error).__name__ in ("Skipped", "XFailed")


def _first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
