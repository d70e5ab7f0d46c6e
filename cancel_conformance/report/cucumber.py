"""Cucumber JSON: the features as Cucumber's own formatter writes them, with the suite's outcomes."""

from __future__ import annotations

import json
import re

from cancel_conformance.outcomes import Outcome
from cancel_conformance.report.results import Run
from cancel_conformance.scenario import ScenarioResult

# A step's outcome -> Cucumber's status. A warning (a failed SHOULD) does not fail the run, so it
# passes here as in JUnit; "not verified" and steps that never ran are skipped.
STEP_STATUS = {"passed": "passed", "failed": "failed", "error": "failed", "warning": "passed"}


def render_cucumber(run: Run) -> str:
    accepted = {r.rule.id for r in run.rules if r.accepted_by is not None}
    features: dict[str, dict] = {}
    for scenario in run.scenarios:
        feature = features.setdefault(scenario.feature, _feature(scenario))
        feature["elements"].append(_element(scenario, feature["id"], accepted))
    return json.dumps(list(features.values()), indent=1, ensure_ascii=False) + "\n"


def _feature(scenario: ScenarioResult) -> dict:
    return {"uri": scenario.uri or "contracts", "id": _slug(scenario.feature), "keyword": "Feature",
            "name": scenario.feature, "description": "", "line": 1, "tags": [], "elements": []}


def _element(scenario: ScenarioResult, feature_id: str, accepted: set[str]) -> dict:
    steps = scenario.steps or []
    rendered = [_step(s.keyword, s.text, s.line, s.outcome, scenario) for s in steps]
    if not rendered:  # contract fuzzing: one check, shown as one step
        rendered = [_step("Then", scenario.name, scenario.line, scenario.outcome.value, scenario)]
    if scenario.outcome != Outcome.PASSED and accepted & set(scenario.rules):
        for step in rendered:
            if step["result"]["status"] == "failed":
                step["result"] = {"status": "skipped", "error_message": f"accepted by the baseline: {scenario.reason}"}
    return {"id": f"{feature_id};{_slug(scenario.name)}", "keyword": "Scenario", "type": "scenario",
            "name": scenario.name, "description": "", "line": scenario.line,
            "tags": [{"name": f"@{rule}", "line": scenario.line} for rule in scenario.rules],
            "steps": rendered}


def _step(keyword: str, text: str, line: int, outcome: str, scenario: ScenarioResult) -> dict:
    result: dict = {"status": STEP_STATUS.get(outcome, "skipped")}
    if outcome in ("failed", "error", "warning"):
        result["error_message"] = scenario.details or scenario.reason
    elif outcome == "not verified":
        result["error_message"] = f"not verified: {scenario.reason}"
    return {"keyword": f"{keyword} ", "name": text, "line": line, "match": {"location": scenario.nodeid},
            "result": result}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
