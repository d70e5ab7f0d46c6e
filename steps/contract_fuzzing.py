"""What the contract-fuzzing test modules share: running an API's campaign (its settings and clean-up come from
its package, `apis/<api>/fuzzing.py`), and judging a rule.

Each contract's campaign runs in two halves, one per test module (examples and coverage; fuzzing,
stateful sequences, 401 probes and the link walk), so that two workers share the work.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from cancel_conformance.apis import api
from cancel_conformance.concurrency import share
from cancel_conformance.exchange import Recorder
from cancel_conformance.fuzz import checks
from cancel_conformance.fuzz.campaign import Campaign, Part, run_campaign
from cancel_conformance.fuzz.judge import judge_rule
from cancel_conformance.runtime import Runtime
from cancel_conformance.session_keys import FINDINGS, LEFT_BEHIND, RECORDER


def run_part(name: str, part: Part, pytestconfig: pytest.Config, runtime: Runtime) -> Campaign:
    """One half of an API's campaign; then what it (and its set-up) created is cleaned up, the clean-up's
    requests recorded with the generated ones, under CON_*_01."""
    if runtime.api(name) is None:
        pytest.skip(f"the target does not configure the {api(name).title} API")
    runtime.require(name)  # an API the preflight could not reach: an error, nothing sent
    fuzzing = api(name).module("fuzzing")
    setup = Recorder(runtime.redactor)
    settings = fuzzing.settings(pytestconfig, runtime, setup)
    campaign = run_campaign(replace(settings, part=part, workers=share()), runtime.http, runtime.redactor)
    evidence = campaign.evidence.setdefault(checks.NO_SERVER_ERROR, Recorder(runtime.redactor))
    exchanges = [*setup.exchanges, *(x for recorder in campaign.evidence.values() for x in recorder.exchanges)]
    campaign.left_behind = fuzzing.tidy(runtime, evidence, exchanges)
    return campaign


def judge_contract_rule(campaign: Campaign, rule: int, request: pytest.FixtureRequest) -> None:
    """One rule's outcome from the campaign; its findings and evidence go to the report (what the campaign
    could not clean up goes with CON_*_01, whose evidence holds what it created)."""
    findings: list[dict] = []
    request.node.stash[FINDINGS] = findings
    if rule in campaign.evidence:
        request.node.stash[RECORDER] = campaign.evidence[rule]
    if rule == checks.NO_SERVER_ERROR:
        request.node.stash[LEFT_BEHIND] = campaign.left_behind
    judge_rule(campaign, rule, findings)
