"""A run's results: scenarios gathered into rule outcomes, a verdict and an exit code."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cancel_conformance import __version__, exit_codes
from cancel_conformance.options import SuiteOptions
from cancel_conformance.outcomes import Outcome, worst
from cancel_conformance.rules import Rule, catalogue
from cancel_conformance.scenario import ScenarioResult
from cancel_conformance.target import describe_target_file, target_apis

RESULTS_SCHEMA = "cancel-conformance/results/1"
NOT_RUN = "no scenario of this rule ran in this run"


@dataclass(frozen=True)
class RunInfo:
    """What was run against what, known without starting anything."""

    suite_version: str
    target: dict
    apis: tuple[str, ...]
    started: datetime
    fuzz_seed: int
    fuzz_examples: int
    hashes: dict[str, str]

    @classmethod
    def from_options(cls, options: SuiteOptions, started: datetime, suite_root: Path) -> RunInfo:
        if options.target_file:
            target = describe_target_file(options.target_file)
        else:
            target = {"name": "embedded reference implementation", "embedded": True,
                      "faults": list(options.faults)}
        return cls(__version__, target, tuple(sorted(target_apis(options))), started,
                   options.fuzz_seed, options.fuzz_examples, suite_hashes(suite_root))


def suite_hashes(suite_root: Path) -> dict[str, str]:
    """sha256 of every contract and feature file, so a reader knows exactly what was run."""
    files = sorted([*suite_root.glob("contracts/*.yaml"), *suite_root.glob("features/**/*.feature")])
    return {path.relative_to(suite_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in files}


@dataclass
class RuleResult:
    rule: Rule
    outcome: Outcome
    reason: str
    scenarios: list[ScenarioResult]

    @property
    def ran(self) -> bool:
        return bool(self.scenarios)


@dataclass
class Run:
    info: RunInfo
    rules: list[RuleResult]
    scenarios: list[ScenarioResult]
    finished: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def duration_s(self) -> float:
        return round((self.finished - self.info.started).total_seconds(), 2)

    @property
    def verdict(self) -> str:
        """Conformant only when every MUST rule of the checked APIs passed (not verified never counts)."""
        musts = [result for result in self.rules if result.rule.is_must]
        conformant = musts and all(result.outcome == Outcome.PASSED for result in musts)
        return "conformant" if conformant else "not conformant"

    @property
    def exit_code(self) -> int:
        musts = [result for result in self.rules if result.rule.is_must and result.ran]
        if any(result.outcome == Outcome.FAILED for result in musts):
            return exit_codes.MUST_FAILED
        if not musts or any(result.outcome != Outcome.PASSED for result in musts):
            return exit_codes.NOT_JUDGED
        return exit_codes.CONFORMANT

    def counts(self) -> dict[str, int]:
        return {outcome.value: sum(r.outcome == outcome for r in self.rules) for outcome in Outcome}


def build_run(scenarios: list[ScenarioResult], info: RunInfo) -> Run:
    ordered = sorted(scenarios, key=lambda s: s.nodeid)
    rules = [_rule_result(rule, ordered) for rule in catalogue().for_apis(set(info.apis))]
    return Run(info, rules, ordered)


def _rule_result(rule: Rule, scenarios: list[ScenarioResult]) -> RuleResult:
    mine = [scenario for scenario in scenarios if rule.id in scenario.rules]
    if not mine:
        return RuleResult(rule, Outcome.NOT_VERIFIED, NOT_RUN, [])
    outcome = worst([scenario.outcome for scenario in mine])
    if outcome == Outcome.FAILED and not rule.is_must:
        outcome = Outcome.WARNING
    deciding = next(s for s in mine if s.outcome.severity == max(x.outcome.severity for x in mine))
    reason = f"{deciding.name}: {deciding.reason}" if deciding.reason else ""
    return RuleResult(rule, outcome, reason, mine)


def to_json(run: Run) -> dict:
    """The documented, versioned results.json (schema `cancel-conformance/results/1`)."""
    return {
        "schema": RESULTS_SCHEMA,
        "suite": {"name": "cancel-conformance", "version": run.info.suite_version},
        "target": run.info.target,
        "apis": list(run.info.apis),
        "started": run.info.started.isoformat(timespec="seconds"),
        "duration_s": run.duration_s,
        "fuzzing": {"seed": run.info.fuzz_seed, "examples": run.info.fuzz_examples},
        "verdict": run.verdict,
        "exit_code": run.exit_code,
        "counts": run.counts(),
        "hashes": run.info.hashes,
        "rules": [_rule_json(result) for result in run.rules],
    }


def _rule_json(result: RuleResult) -> dict:
    rule = result.rule
    return {
        "id": rule.id,
        "level": rule.level,
        "title": rule.title,
        "source": rule.source,
        "family": rule.family.id,
        "api": rule.api,
        "outcome": result.outcome.value,
        "reason": result.reason,
        "scenarios": [
            {"name": s.name, "nodeid": s.nodeid, "outcome": s.outcome.value, "reason": s.reason}
            for s in result.scenarios
        ],
    }
