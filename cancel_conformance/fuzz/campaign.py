"""One fuzzing campaign: schemathesis's engine against one contract and one target, run once."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import schemathesis
import yaml
from schemathesis.engine import events, from_schema

from cancel_conformance.exchange import Recorder, Redactor
from cancel_conformance.fuzz.auth_probe import probe_auth
from cancel_conformance.fuzz.checks import AUTH_REQUIRED, DISABLED_CHECKS, RULE_OF_CHECK, STATEFUL, rules_of
from cancel_conformance.fuzz.link_walk import walk_links
from cancel_conformance.http import HttpSession

MAX_FINDINGS_PER_RULE = 20


@dataclass(frozen=True)
class CampaignSettings:
    """What to fuzz, where, and with how large a budget."""

    contract: Path
    base_url: str
    token: str
    examples: int
    seed: int
    request_timeout: float
    fixed_headers: dict[str, str] = field(default_factory=dict)
    # Real identifiers of the target, e.g. {"body.storeId": [...]}: generated requests use them mostly.
    known_values: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Campaign:
    """The outcome of a campaign, per rule number."""

    findings: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))
    exercised: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    requests: int = 0
    duration_s: float = 0.0
    errors: list[str] = field(default_factory=list)
    evidence: dict[int, Recorder] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)

    def never_authenticated(self) -> bool:
        """Every answer was 401: the fuzzer's token was not accepted, so nothing was judged."""
        return bool(self.statuses) and set(self.statuses) == {401}


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
    _probe(campaign, schema, settings, http, redactor)
    _walk(campaign, schema, settings, redactor)
    campaign.duration_s = round(time.monotonic() - started, 2)
    return campaign


def _probe(campaign: Campaign, schema, settings: CampaignSettings, http: HttpSession, redactor: Redactor) -> None:
    recorder = campaign.evidence.setdefault(AUTH_REQUIRED, Recorder(redactor))
    probes, findings = probe_auth(schema, settings.base_url, http, recorder)
    campaign.requests += probes
    campaign.exercised[AUTH_REQUIRED] += probes
    campaign.findings[AUTH_REQUIRED].extend(findings[:MAX_FINDINGS_PER_RULE])


def _walk(campaign: Campaign, schema, settings: CampaignSettings, redactor: Redactor) -> None:
    recorder = campaign.evidence.setdefault(STATEFUL, Recorder(redactor))
    headers = {"Authorization": f"Bearer {settings.token}", **settings.fixed_headers}
    document = yaml.safe_load(settings.contract.read_text("utf-8"))
    walk = walk_links(schema, document, settings.base_url, headers, recorder)
    campaign.requests += walk.requests
    campaign.exercised[STATEFUL] += walk.requests
    campaign.findings[STATEFUL].extend(walk.findings[:MAX_FINDINGS_PER_RULE])


def bearer_scheme(contract: Path) -> str:
    """The name of the contract's HTTP bearer security scheme, which the fuzzer authenticates with."""
    document = yaml.safe_load(contract.read_text("utf-8"))
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    for name, scheme in schemes.items():
        if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
            return name
    raise ValueError(f"{contract} declares no HTTP bearer security scheme")


def _config(settings: CampaignSettings) -> schemathesis.Config:
    checks: dict = {name: {"enabled": False} for name in DISABLED_CHECKS}
    checks.update({name: {"enabled": True} for name in RULE_OF_CHECK})
    return schemathesis.Config.from_dict({
        "seed": settings.seed,
        "base-url": settings.base_url,
        "request-timeout": settings.request_timeout,
        "max-redirects": 0,
        "headers": settings.fixed_headers,
        # Only declared parameters: an undeclared framing header (say, a bad Content-Length) tests the
        # HTTP server in front of the API, which no contract rule is about.
        "generation": {"max-examples": settings.examples, "mode": "all", "allow-extra-parameters": False},
        # Sequences along links go deep only with valid requests; invalid ones are the other phases' job.
        "phases": {"stateful": {"generation": {"mode": "positive"}}},
        "auth": {"openapi": {bearer_scheme(settings.contract): {"bearer": settings.token}}},
        "checks": checks,
        "suppress-health-check": ["all"],
        **_known_values(settings.known_values),
    })


KNOWN_VALUE_PROBABILITY = 0.8


def _known_values(known: dict[str, list[str]]) -> dict:
    """Schemathesis dictionaries: a location-qualified field takes a known value most of the time."""
    known = {key: values for key, values in known.items() if values}
    return {
        "dictionaries": {key: {"values": values} for key, values in known.items()},
        "parameters": {key: {"dictionary": key, "probability": KNOWN_VALUE_PROBABILITY} for key in known},
    } if known else {}


def _record(campaign: Campaign, event: events.ScenarioFinished, redactor: Redactor, seen: set[tuple]) -> None:
    recorder = event.recorder
    phase = str(getattr(event.phase, "value", event.phase))
    campaign.requests += len(recorder.interactions)
    for interaction in recorder.interactions.values():
        status = getattr(getattr(interaction, "response", None), "status_code", None)
        if status is not None:
            campaign.statuses[status] += 1
    for case_id, checks in recorder.checks.items():
        invalid = _invalid_parameters(recorder.cases.get(case_id))
        for check in checks:
            for rule in rules_of(check.name, phase, invalid):
                campaign.exercised[rule] += 1
                if check.failure_info is not None:
                    _finding(campaign, rule, phase, check, recorder, case_id, redactor, seen)


def _invalid_parameters(node) -> frozenset[str]:
    """The parameters a negative case violated, as schemathesis describes its generation."""
    data = getattr(getattr(getattr(getattr(node, "value", None), "meta", None), "phase", None), "data", None)
    names = [getattr(data, "parameter", None)]
    names += [getattr(mutation, "parameter", None) for mutation in getattr(data, "mutations", None) or ()]
    return frozenset(str(name).lower() for name in names if name)


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
