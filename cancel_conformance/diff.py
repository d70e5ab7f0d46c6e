"""`cancel-conformance diff OLD NEW`: the rules whose outcome changed between two runs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cancel_conformance.outcomes import Outcome
from cancel_conformance.report.results import RESULTS_SCHEMA
from cancel_conformance.target import ConfigError

RESULTS_FILE = "results.json"
NOT_RUN = "not run"
ABSENT = "absent"


@dataclass(frozen=True)
class Change:
    """One rule whose outcome differs between the two runs."""

    rule: str
    title: str
    old: str
    new: str

    @property
    def direction(self) -> str:
        """`worse` or `better`; `added` or `removed` for a rule only one of the runs knows."""
        if self.old == ABSENT:
            return "added"
        if self.new == ABSENT:
            return "removed"
        old, new = _severity(self.old), _severity(self.new)
        if old is None or new is None or old == new:
            return "changed"
        return "worse" if new > old else "better"

    def to_json(self) -> dict:
        return {"id": self.rule, "title": self.title, "old": self.old, "new": self.new, "direction": self.direction}


def _severity(outcome: str) -> int | None:
    if outcome == NOT_RUN:
        return Outcome.NOT_VERIFIED.severity
    try:
        return Outcome(outcome).severity
    except ValueError:
        return None


def load_results(path: Path) -> dict:
    """results.json itself, or the one in a report folder or certification bundle."""
    file = path / RESULTS_FILE if path.is_dir() else path
    try:
        data = json.loads(file.read_text("utf-8"))
    except OSError:
        raise ConfigError(f"{path}: no results.json there") from None
    except ValueError as error:
        raise ConfigError(f"{file} is not JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(f"{file} is not a cancel-conformance results.json")
    if data.get("schema") != RESULTS_SCHEMA:
        raise ConfigError(f"{file} follows the results schema {data.get('schema')!r}; this version of "
                          f"cancel-conformance compares {RESULTS_SCHEMA!r} only")
    return data


def diff_json(old: dict, new: dict, changes: list[Change]) -> dict:
    """`diff --json`: both runs, the verdict before and after, and every rule that changed."""
    def run(results: dict) -> dict:
        return {"target": (results.get("target") or {}).get("name"), "started": results.get("started"),
                "verdict": results.get("verdict"), "exit_code": results.get("exit_code")}

    return {"old": run(old), "new": run(new), "verdict_changed": old.get("verdict") != new.get("verdict"),
            "changes": [change.to_json() for change in changes]}


def outcomes(results: dict) -> dict[str, tuple[str, str]]:
    """Rule id -> (outcome, title); a rule that had no scenario in the run is `not run`."""
    return {rule["id"]: (rule["outcome"] if rule.get("scenarios") else NOT_RUN, rule.get("title", ""))
            for rule in results["rules"]}


def diff_results(old: dict, new: dict) -> list[Change]:
    before, after = outcomes(old), outcomes(new)
    order = list(after) + [rule for rule in before if rule not in after]
    changes = []
    for rule in order:
        old_outcome, old_title = before.get(rule, (ABSENT, ""))
        new_outcome, new_title = after.get(rule, (ABSENT, ""))
        if old_outcome != new_outcome:
            changes.append(Change(rule, new_title or old_title, old_outcome, new_outcome))
    return changes


def render_diff(old: dict, new: dict, changes: list[Change]) -> list[str]:
    lines = [f"old: {_describe(old)}", f"new: {_describe(new)}"]
    if old.get("verdict") != new.get("verdict"):
        lines.append(f"verdict: {old.get('verdict')} -> {new.get('verdict')}")
    if not changes:
        lines.append("no rule changed its outcome")
    for change in changes:
        lines.append(f"  {change.direction:<7} {change.rule:<11} {change.old} -> {change.new}  {change.title}")
    return lines


def _describe(results: dict) -> str:
    target = (results.get("target") or {}).get("name", "?")
    return f"{target}, started {results.get('started', '?')}, {results.get('verdict', '?')}"
