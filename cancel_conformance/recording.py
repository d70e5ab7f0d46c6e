"""Follows one test item through its phases and steps, and turns it into a ScenarioResult."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from cancel_conformance.outcomes import Outcome
from cancel_conformance.rules import Rule, catalogue
from cancel_conformance.scenario import ScenarioResult, StepRecord, Verdict, judge
from cancel_conformance.session_keys import FINDINGS, LEFT_BEHIND, MODEL, RECORDER


def item_rules(item: pytest.Item) -> list[Rule]:
    """The catalogue rules an item checks: its markers that are rule IDs (Rule: tags)."""
    known = catalogue()
    rules = (known.get(marker.name) for marker in item.iter_markers())
    return list(dict.fromkeys(rule for rule in rules if rule is not None))


@dataclass
class ItemRecording:
    """What has happened so far in one scenario."""

    rules: list[Rule]
    feature: str = ""
    name: str = ""
    steps: list[StepRecord] = field(default_factory=list)
    verdict: Verdict | None = None
    duration_s: float = 0.0
    uri: str = ""
    line: int = 0

    @classmethod
    def start(cls, item: pytest.Item, rules: list[Rule] | None = None) -> ItemRecording:
        """A test that is not a Gherkin scenario (contract fuzzing) is named after its rules and its docstring."""
        rules = rules or item_rules(item)
        doc = (getattr(getattr(item, "function", None), "__doc__", None) or "").strip()
        name = "; ".join(rule.title for rule in rules) or item.name
        return cls(rules, feature="Contract fuzzing", name=f"{name} ({doc})" if doc else name)

    def scenario_started(self, feature, scenario) -> None:
        self.feature = feature.name
        self.name = scenario.name
        self.uri = feature.rel_filename
        self.line = scenario.line_number
        self.steps = [StepRecord(step.keyword.strip(), step.name, line=step.line_number) for step in scenario.steps]

    def step_done(self, step, outcome: str, error: BaseException | None = None) -> None:
        for record in self.steps:
            if record.text == step.name and record.outcome == "not run":
                record.outcome = outcome if error is None else self._step_outcome(error)
                return

    def _step_outcome(self, error: BaseException) -> str:
        return judge(error, must=self.must).outcome.value

    @property
    def must(self) -> bool:
        return any(rule.is_must for rule in self.rules)

    def judge_phase(self, report: pytest.TestReport, call: pytest.CallInfo,
                    redact: Callable[[str], str] = str) -> None:
        """Decide the outcome from this phase and make pytest's own report say the same; every text
        it shows passes through `redact` (a reason may quote what a target sent: a Location header, a
        body, a value)."""
        self.duration_s += report.duration
        if call.excinfo is None or (self.verdict is not None and report.when == "teardown"):
            return
        verdict = judge(call.excinfo.value, must=self.must).redacted(redact)
        if self.verdict is None or self.verdict.outcome == Outcome.PASSED:
            self.verdict = verdict
        _rewrite(report, verdict, self.rules)

    def finish(self, item: pytest.Item, redact: Callable[[str], str] = str) -> ScenarioResult:
        verdict = self.verdict or Verdict(Outcome.PASSED)
        recorder = item.stash.get(RECORDER, None)
        return ScenarioResult(
            nodeid=item.nodeid,
            feature=self.feature,
            name=self.name,
            rules=[rule.id for rule in self.rules],
            outcome=verdict.outcome,
            reason=verdict.reason,
            details=verdict.details,
            steps=self.steps,
            exchanges=[exchange.to_dict() for exchange in recorder.exchanges] if recorder else [],
            findings=item.stash.get(FINDINGS, []),
            duration_s=round(self.duration_s, 3),
            uri=self.uri,
            line=self.line,
            expected=verdict.expected,
            received=verdict.received,
            reproduce=verdict.reproduce,
            left_behind=[redact(note) for note in item.stash.get(LEFT_BEHIND, [])],
            model=item.stash.get(MODEL, None),
            capabilities=sorted(recorder.capabilities) if recorder else [],
        )


def _rewrite(report: pytest.TestReport, verdict: Verdict, rules: list[Rule]) -> None:
    heading = "; ".join(f"{rule.id} [{rule.level}] {rule.title}" for rule in rules)
    if verdict.outcome == Outcome.NOT_VERIFIED:
        report.outcome = "skipped"
        path, line, _ = report.location
        report.longrepr = (path, (line or 0) + 1, f"not verified: {verdict.reason}")
    elif verdict.outcome == Outcome.WARNING:
        report.outcome = "passed"
        report.longrepr = None
        report.sections.append(("cancel-conformance warning", f"{heading}\n{verdict.details}"))
    elif verdict.outcome == Outcome.FAILED:
        report.longrepr = f"{heading}\n{verdict.details}"
    elif verdict.outcome == Outcome.ERROR and not verdict.unexpected:
        report.longrepr = f"{heading}\nerror: {verdict.details or verdict.reason}"
