"""A run's results: scenarios gathered into rule outcomes, a verdict, an exit code, and results.json."""

from __future__ import annotations

import hashlib
import signal
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cancel_conformance import __version__, exit_codes
from cancel_conformance.baseline import Baseline, KnownFailure, Review, review
from cancel_conformance.interrupts import REASON as INTERRUPTED_REASON
from cancel_conformance.options import SuiteOptions
from cancel_conformance.outcomes import Outcome, worst
from cancel_conformance.preflight import ApiCheck
from cancel_conformance.report.replay import ApiAccess, access_from_target_file, embedded_access
from cancel_conformance.rules import Rule, catalogue
from cancel_conformance.scenario import ScenarioResult
from cancel_conformance.target_info import describe_target_file, target_apis

# The results.json schema (report/schemas/results.schema.json). Adding a field keeps the number;
# removing a field or changing its meaning makes a new one.
RESULTS_SCHEMA = "cancel-conformance/results/1"
NOT_RUN = "no scenario of this rule ran in this run"
INCOMPLETE = "incomplete: run interrupted"  # the verdict of a run stopped by SIGINT or SIGTERM


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
    access: tuple[ApiAccess, ...] = ()  # how to replay a request: token URLs, credential variable names

    @classmethod
    def from_options(cls, options: SuiteOptions, started: datetime, suite_root: Path) -> RunInfo:
        apis = tuple(sorted(target_apis(options)))
        if options.target_file:
            target = describe_target_file(options.target_file)
            access = access_from_target_file(options.target_file, apis)
        else:
            target = {"name": "embedded reference implementation", "embedded": True,
                      "faults": list(options.faults)}
            access = embedded_access(apis)
        return cls(__version__, target, apis, started, options.fuzz_seed, options.fuzz_examples,
                   suite_hashes(suite_root), access)


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
    accepted_by: KnownFailure | None = None  # the baseline entry that accepts this rule's failure

    @property
    def ran(self) -> bool:
        return bool(self.scenarios)


@dataclass
class Run:
    info: RunInfo
    rules: list[RuleResult]
    scenarios: list[ScenarioResult]
    finished: datetime = field(default_factory=lambda: datetime.now(UTC))
    baseline: Review | None = None
    interrupted: str | None = None  # the signal that stopped the run before its end (SIGINT, SIGTERM)
    preflight: list[ApiCheck] = field(default_factory=list)  # what the run found before its first scenario

    def unreachable(self) -> list[str]:
        """Each API the preflight could not reach at all, and why: said once, at the top."""
        return [check.unreachable for check in self.preflight if check.unreachable]

    @property
    def duration_s(self) -> float:
        return round((self.finished - self.info.started).total_seconds(), 2)

    @property
    def verdict(self) -> str:
        """Conformant only when every MUST rule of the checked APIs passed (not verified never counts); a run
        stopped before its end says it is incomplete."""
        if self.interrupted:
            return INCOMPLETE
        musts = [result for result in self.rules if result.rule.is_must]
        conformant = musts and all(result.outcome == Outcome.PASSED for result in musts)
        return "conformant" if conformant else "not conformant"

    @property
    def exit_code(self) -> int:
        """The CI gate: a baseline may accept known failures; the verdict above never changes. A run stopped
        by a signal says so as a shell does (128 + the signal: 130, 143)."""
        if self.interrupted:
            return 128 + signal.Signals[self.interrupted].value
        ran = [result for result in self.rules if result.rule.is_must and result.ran]
        judged = [result for result in ran if result.accepted_by is None]
        if any(result.outcome == Outcome.FAILED for result in judged):
            return exit_codes.MUST_FAILED
        if self.baseline is not None and self.baseline.expired:
            return exit_codes.BASELINE_EXPIRED
        if not ran or any(result.outcome != Outcome.PASSED for result in judged):
            return exit_codes.NOT_JUDGED
        return exit_codes.CONFORMANT

    @property
    def exit_meaning(self) -> str:
        """What the exit code says, in words; a gate passed only thanks to the baseline says so."""
        if self.exit_code == exit_codes.CONFORMANT and self.baseline is not None and self.baseline.accepted:
            return "every MUST rule passed or failed as the baseline accepts"
        return exit_codes.MEANINGS.get(self.exit_code, "")

    def counts(self) -> dict[str, int]:
        return {outcome.value: sum(r.outcome == outcome for r in self.rules) for outcome in Outcome}

    def families(self) -> list[tuple[object, list[RuleResult]]]:
        """The rule results grouped by family, in catalogue order."""
        grouped: dict[str, tuple[object, list[RuleResult]]] = {}
        for result in self.rules:
            grouped.setdefault(result.rule.family.id, (result.rule.family, []))[1].append(result)
        return list(grouped.values())


def build_run(scenarios: list[ScenarioResult], info: RunInfo, baseline: Baseline | None = None,
              interrupted: str | None = None, preflight: list[ApiCheck] | None = None) -> Run:
    ordered = sorted(scenarios, key=lambda s: s.nodeid)
    rules = [_rule_result(rule, ordered) for rule in catalogue().for_apis(set(info.apis))]
    judged = None
    if baseline is not None:
        judged = review(baseline, {r.rule.id: r.outcome for r in rules if r.ran}, info.started.date())
        for result in rules:
            result.accepted_by = judged.accepts(result.rule.id)
    return Run(info, rules, ordered, baseline=judged, interrupted=interrupted, preflight=list(preflight or ()))


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
        "baseline": run.baseline.to_json() if run.baseline else None,
        "interrupted": interrupted_json(run),
        "preflight": [check.to_json() for check in run.preflight],
        "rules": [_rule_json(result) for result in run.rules],
    }


def interrupted_json(run: Run) -> dict | None:
    """null for a run that went to its end; else the signal that stopped it."""
    return {"signal": run.interrupted, "reason": INTERRUPTED_REASON} if run.interrupted else None


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
        "accepted_by_baseline": result.accepted_by.to_json() if result.accepted_by else None,
        "scenarios": [_scenario_json(s) for s in result.scenarios],
    }


def _scenario_json(scenario: ScenarioResult) -> dict:
    return {
        "name": scenario.name,
        "nodeid": scenario.nodeid,
        "feature": scenario.feature,
        "uri": scenario.uri,
        "line": scenario.line,
        "outcome": scenario.outcome.value,
        "reason": scenario.reason,
        "expected": scenario.expected,
        "received": scenario.received,
        "duration_s": scenario.duration_s,
        "steps": [{"keyword": s.keyword, "text": s.text, "outcome": s.outcome} for s in scenario.steps],
        "exchanges": len(scenario.exchanges),
        "findings": len(scenario.findings),
        "left_behind": scenario.left_behind,
        **({"model": _model_summary(scenario.model)} if scenario.model else {}),
        "capabilities": scenario.capabilities,
    }


def _model_summary(model: dict) -> dict:
    """A lifecycle exploration in results.json: how much of the lifecycle it took, and where it diverged."""
    taken = {(move["from"], move["action"], move["to"]) for move in model["taken"]}
    return {"lifecycle": model["lifecycle"], "moves": len(model["moves"]), "moves_taken": len(taken),
            "examples": model["examples"], "diverged": model["diverged"],
            "sequence": [f"{step['actor']}: {step['action']}" for step in model["sequence"]],
            "unreached": model["unreached"]}
