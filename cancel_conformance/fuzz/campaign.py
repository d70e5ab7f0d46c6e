"""One fuzzing campaign: schemathesis's engine against one contract and one target, run once."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import schemathesis
from schemathesis.engine import events, from_schema

from cancel_conformance.exchange import Recorder, Redactor
from cancel_conformance.fuzz.auth_probe import probe_auth
from cancel_conformance.fuzz.checks import AUTH_REQUIRED, DISABLED_CHECKS, RULE_OF_CHECK, rules_of
from cancel_conformance.http import HttpSession

MAX_FINDINGS_PER_RULE = 20


@dataclass(frozen=True)
class CampaignSettings:
    """What to fuzz, where, and with how large a budget."""

    contract: Path
    base_url: str
    security_scheme: str
    token: str
    examples: int
    seed: int
    request_timeout: float


@dataclass
class Campaign:
    """The outcome of a campaign, per rule number."""

    findings: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))
    exercised: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    requests: int = 0
    duration_s: float = 0.0
    errors: list[str] = field(default_factory=list)
    evidence: dict[int, Recorder] = field(default_factory=dict)


def run_campaign(settings: CampaignSettings, http: HttpSession, redactor: Redactor) -> Campaign:
    """Run every phase (examples, coverage, fuzzing, stateful), then the auth probes; sort results by rule."""
    schema = schemathesis.openapi.from_path(settings.contract, config=_config(settings))
    campaign, started = Campaign(), time.monotonic()
    seen: set[tuple] = set()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            _record(campaign, event, redactor, seen)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            campaign.errors.append(redactor.text(_error_text(event)))
    recorder = campaign.evidence.setdefault(AUTH_REQUIRED, Recorder(redactor))
    probes, findings = probe_auth(schema, settings.base_url, http, recorder)
    campaign.requests += probes
    campaign.exercised[AUTH_REQUIRED] += probes
    campaign.findings[AUTH_REQUIRED].extend(findings[:MAX_FINDINGS_PER_RULE])
    campaign.duration_s = round(time.monotonic() - started, 2)
    return campaign


def _config(settings: CampaignSettings) -> schemathesis.Config:
    checks: dict = {name: {"enabled": False} for name in DISABLED_CHECKS}
    checks.update({name: {"enabled": True} for name in RULE_OF_CHECK})
    return schemathesis.Config.from_dict({
        "seed": settings.seed,
        "base-url": settings.base_url,
        "request-timeout": settings.request_timeout,
        "max-redirects": 0,
        "generation": {"max-examples": settings.examples, "mode": "all"},
        "auth": {"openapi": {settings.security_scheme: {"bearer": settings.token}}},
        "checks": checks,
        "suppress-health-check": ["all"],
    })


def _record(campaign: Campaign, event: events.ScenarioFinished, redactor: Redactor, seen: set[tuple]) -> None:
    recorder = event.recorder
    phase = str(getattr(event.phase, "value", event.phase))
    campaign.requests += len(recorder.interactions)
    for case_id, checks in recorder.checks.items():
        for check in checks:
            for rule in rules_of(check.name, phase):
                campaign.exercised[rule] += 1
                if check.failure_info is not None:
                    _finding(campaign, rule, phase, check, recorder, case_id, redactor, seen)


def _finding(campaign, rule, phase, check, recorder, case_id, redactor, seen) -> None:
    failure = check.failure_info.failure
    key = (rule, check.name, failure.operation, failure.title)
    if key in seen or len(campaign.findings[rule]) >= MAX_FINDINGS_PER_RULE:
        return
    seen.add(key)
    interaction = recorder.interactions.get(case_id)
    response = getattr(interaction, "response", None)
    campaign.findings[rule].append({
        "check": check.name,
        "phase": phase,
        "operation": failure.operation or recorder.label,
        "title": failure.title,
        "message": redactor.text(f"{failure.title}\n{failure.message}".strip()),
        "status": getattr(response, "status_code", None),
        "curl": redactor.text(check.failure_info.code_sample),
    })


def _error_text(event: events.NonFatalError | events.FatalError) -> str:
    if isinstance(event, events.NonFatalError):
        return f"{event.label}: {type(event.value).__name__}: {event.value}"
    return f"{type(event.exception).__name__}: {event.exception}"
