"""One fuzzing campaign: schemathesis's engine against one contract and one target, run once."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import schemathesis
import yaml
from schemathesis.engine import events, from_schema

from cancel_conformance import interrupts
from cancel_conformance.exchange import Exchange, Recorder, Redactor
from cancel_conformance.fuzz.auth_probe import preflight, probe_auth
from cancel_conformance.fuzz.checks import (
    AUTH_REQUIRED,
    DISABLED_CHECKS,
    DOCUMENTED_RESPONSES,
    INVALID_REFUSED,
    NO_SERVER_ERROR,
    REFUSAL_CHECKS,
    REFUSAL_STATUSES,
    RULE_OF_CHECK,
    STATEFUL,
    rules_of,
)
from cancel_conformance.fuzz.fresh_ids import fresh_requests, invalid_parameters
from cancel_conformance.fuzz.link_walk import walk_links
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import TargetError

MAX_FINDINGS_PER_RULE = 20


@dataclass(frozen=True)
class Part:
    """A half of a campaign, so two workers can share it; each half judges the rules it fully exercises."""

    name: str
    phases: frozenset[str]
    probes: bool
    walk: bool
    rules: tuple[int, ...]


PHASES = ("examples", "coverage", "fuzzing", "stateful")
ALL_RULES = (NO_SERVER_ERROR, DOCUMENTED_RESPONSES, INVALID_REFUSED, AUTH_REQUIRED, STATEFUL)
DETERMINISTIC = Part("examples and coverage phases, 401 probes, link walk", frozenset({"examples", "coverage"}),
                     probes=True, walk=True, rules=ALL_RULES)
GENERATED = Part("fuzzing and stateful phases", frozenset({"fuzzing", "stateful"}), probes=False, walk=False,
                 rules=ALL_RULES)
WHOLE = Part("every phase, 401 probes, link walk", frozenset(PHASES), probes=True, walk=True, rules=ALL_RULES)


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
    # Values for the contract's API-key security schemes, by header name (eCom: the subscription key).
    api_keys: dict[str, str] = field(default_factory=dict)
    # Give the ids in the contract's examples fresh values per request, where a reused id is refused.
    unique_example_ids: bool = False
    max_seconds: int = 600  # a backstop: the engine stops after this long, whatever the target does
    # Real identifiers of the target, e.g. {"body.storeId": [...]}: generated requests use them mostly.
    known_values: dict[str, list[str]] = field(default_factory=dict)
    part: Part = WHOLE
    # schemathesis's workers: threads that each test one operation at a time (the process's share of the
    # target's concurrency, concurrency.py).
    workers: int = 1
    # Paths a DELETE cancels rather than removes, so they stay readable (a Recurring charge reads CANCELLED):
    # schemathesis's use-after-free check, which expects a 404 there, is off for reads of them.
    kept_after_delete: tuple[str, ...] = ()

    @property
    def credentials(self) -> dict[str, str]:
        """Every header that authenticates a request: the bearer token, then any API keys."""
        return {"Authorization": f"Bearer {self.token}", **self.api_keys}


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
    left_behind: list[str] = field(default_factory=list)  # what it created and the clean-up could not close
    interrupted: bool = False  # the run was interrupted before the campaign's end: what it did not find is unjudged

    def never_authenticated(self) -> bool:
        """Every answer was 401: the fuzzer's token was not accepted, so nothing was judged."""
        return bool(self.statuses) and set(self.statuses) == {401}


def run_campaign(settings: CampaignSettings, http: HttpSession, redactor: Redactor) -> Campaign:
    """The auth probes first (through the suite's own HTTP session, so an unreachable target stops the
    campaign at once), then every schemathesis phase (examples, coverage, fuzzing, stateful), then the
    link walk; each result sorted by rule. An interrupted run stops it at once (`Campaign.interrupted`)."""
    if interrupts.interrupted():
        return Campaign(interrupted=True)
    document = yaml.safe_load(settings.contract.read_text("utf-8"))  # the contract as written
    schema = schemathesis.openapi.from_path(settings.contract, config=_config(settings, document))
    campaign, started = Campaign(), time.monotonic()
    try:
        _probe(campaign, schema, settings, http, redactor) if settings.part.probes else \
            preflight(schema, settings.base_url, http, Recorder(redactor))
    except interrupts.RunInterrupted:
        campaign.interrupted = True
        return campaign
    except TargetError as error:
        campaign.errors.append(error.reason)
        campaign.exercised.clear()
        return campaign
    with fresh_requests(schema, document, settings.unique_example_ids):
        _run_engine(campaign, schema, settings, redactor, started)
    if settings.part.walk and not campaign.interrupted:
        _walk(campaign, schema, document, settings, redactor)
    campaign.duration_s = round(time.monotonic() - started, 2)
    return campaign


def _run_engine(campaign: Campaign, schema, settings: CampaignSettings, redactor: Redactor, started: float) -> None:
    """Every schemathesis phase, stopped (and said so) if the whole campaign outlasts its bound."""
    seen: set[tuple] = set()
    layers = _layers(schema)
    stream = from_schema(schema).execute()

    def interrupt() -> None:
        campaign.interrupted = True
        stream.stop()

    with interrupts.on_stop(interrupt):
        _events(campaign, stream, settings, redactor, started, seen, layers)


def _events(campaign: Campaign, stream, settings: CampaignSettings, redactor: Redactor, started: float,
            seen: set[tuple], layers: dict[str, int]) -> None:
    for event in stream:
        if isinstance(event, events.ScenarioFinished):
            _record(campaign, event, redactor, seen, frozenset(name.lower() for name in settings.credentials),
                    layers)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            campaign.errors.append(redactor.text(_error_text(event)))
        if time.monotonic() - started > settings.max_seconds and not stream.stop_event.is_set():
            campaign.errors.append(f"fuzzing stopped after {settings.max_seconds} s, its time bound")
            stream.stop()


def _probe(campaign: Campaign, schema, settings: CampaignSettings, http: HttpSession, redactor: Redactor) -> None:
    recorder = campaign.evidence.setdefault(AUTH_REQUIRED, Recorder(redactor))
    probes, findings = probe_auth(schema, settings.base_url, http, recorder, settings.credentials)
    campaign.requests += probes
    campaign.exercised[AUTH_REQUIRED] += probes
    campaign.findings[AUTH_REQUIRED].extend(findings[:MAX_FINDINGS_PER_RULE])


def _walk(campaign: Campaign, schema, document: dict, settings: CampaignSettings, redactor: Redactor) -> None:
    recorder = campaign.evidence.setdefault(STATEFUL, Recorder(redactor))
    headers = {**settings.credentials, **settings.fixed_headers}
    try:
        walk = walk_links(schema, document, settings.base_url, headers, recorder, settings.request_timeout)
    except interrupts.RunInterrupted:
        campaign.interrupted = True
        return
    except TargetError as error:
        campaign.errors.append(error.reason)
        return
    campaign.requests += walk.requests
    campaign.exercised[STATEFUL] += walk.requests
    campaign.findings[STATEFUL].extend(walk.findings[:MAX_FINDINGS_PER_RULE])


def security_auth(settings: CampaignSettings, document: dict) -> dict[str, dict[str, str]]:
    """Each security scheme of the contract, satisfied from the target's credentials (schemathesis auth)."""
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    auth = {name: _satisfy(name, scheme, settings) for name, scheme in schemes.items()}
    if not auth:
        raise ValueError(f"{settings.contract} declares no security scheme")
    return auth


def _satisfy(name: str, scheme: dict, settings: CampaignSettings) -> dict[str, str]:
    if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        return {"bearer": settings.token}
    if scheme.get("type") == "apiKey" and scheme.get("in") == "header" and scheme.get("name") in settings.api_keys:
        return {"api_key": settings.api_keys[scheme["name"]]}
    raise ValueError(f"{settings.contract}: no credential of the target satisfies the security scheme {name}")


def _config(settings: CampaignSettings, document: dict) -> schemathesis.Config:
    checks: dict = {name: {"enabled": False} for name in DISABLED_CHECKS}
    checks.update({name: {"enabled": True} for name in RULE_OF_CHECK})
    checks.update({name: {"enabled": True, "expected-statuses": list(REFUSAL_STATUSES)} for name in REFUSAL_CHECKS})
    return schemathesis.Config.from_dict({
        "seed": settings.seed,
        "workers": max(1, settings.workers),
        "base-url": settings.base_url,
        "request-timeout": settings.request_timeout,
        "max-redirects": 0,
        "headers": settings.fixed_headers,
        # Only declared parameters: an undeclared framing header (say, a bad Content-Length) tests the
        # HTTP server in front of the API, which no contract rule is about.
        "generation": {"max-examples": settings.examples, "mode": "all", "allow-extra-parameters": False},
        # Sequences along links go deep only with valid requests; invalid ones are the other phases' job.
        "phases": {**{phase: {"enabled": phase in settings.part.phases} for phase in PHASES},
                   "stateful": {"enabled": "stateful" in settings.part.phases, "generation": {"mode": "positive"}}},
        "auth": {"openapi": security_auth(settings, document)},
        "checks": checks,
        "suppress-health-check": ["all"],
        **_known_values(settings.known_values),
        **_kept_after_delete(settings.kept_after_delete),
    })


def _kept_after_delete(paths: tuple[str, ...]) -> dict:
    return {"operations": [{"include-path": list(paths), "checks": {"use_after_free": {"enabled": False}}}]} \
        if paths else {}


KNOWN_VALUE_PROBABILITY = 0.8


def _known_values(known: dict[str, list[str]]) -> dict:
    """Schemathesis dictionaries: a location-qualified field takes a known value most of the time."""
    known = {key: values for key, values in known.items() if values}
    return {
        "dictionaries": {key: {"values": values} for key, values in known.items()},
        "parameters": {key: {"dictionary": key, "probability": KNOWN_VALUE_PROBABILITY} for key in known},
    } if known else {}


def _layers(schema) -> dict[str, int]:
    """Each operation's layer in schemathesis's order: a phase tests a layer only once the one before is done."""
    operations = [result.ok() for result in schema.get_all_operations()]
    return {operation.label: index for index, layer in enumerate(schema.get_operation_layers(operations))
            for operation in layer}


def _strand(phase: str, label: str, layers: dict[str, int]) -> str:
    """Where a generated request stood in the engine: one operation's requests of a phase follow one another
    (one worker tests it), operations of a layer run side by side; a stateful phase is one sequence after another."""
    if phase == "stateful":
        return "stateful/sequences"
    return f"{phase} layer {layers.get(label, 0)}/{label}"


def _record(campaign: Campaign, event: events.ScenarioFinished, redactor: Redactor, seen: set[tuple],
            credential_headers: frozenset[str], layers: dict[str, int]) -> None:
    recorder = event.recorder
    phase = str(getattr(event.phase, "value", event.phase))
    campaign.requests += len(recorder.interactions)
    # Every generated request is evidence for "no generated request gets a 5xx" (CON_*_01).
    evidence = campaign.evidence.setdefault(NO_SERVER_ERROR, Recorder(redactor))
    strand = _strand(phase, recorder.label, layers)
    for interaction in recorder.interactions.values():
        status = getattr(getattr(interaction, "response", None), "status_code", None)
        if status is not None:
            campaign.statuses[status] += 1
        exchange = _exchange(interaction, redactor)
        exchange.strand = strand
        evidence.record(exchange)
    for case_id, checks in recorder.checks.items():
        node = recorder.cases.get(case_id)
        invalid = _invalid_parameters(node)
        status = getattr(getattr(recorder.interactions.get(case_id), "response", None), "status_code", None)
        for check in checks:
            for rule in rules_of(check.name, invalid, credential_headers):
                if check.failure_info is not None:
                    campaign.exercised[rule] += 1
                    _finding(campaign, rule, phase, check, recorder, case_id, redactor, seen)
                elif rule != INVALID_REFUSED or _refused_invalid(node, status):
                    campaign.exercised[rule] += 1


def _refused_invalid(node, status: int | None) -> bool:
    """Whether a passed refusal check is evidence for CON_*_03: schemathesis passes it for every valid request
    (and for an invalid one that serializes into a valid request), so only an invalid request answered with a
    4xx counts. Without one, "refused with a 4xx" was never seen, and the rule is not verified."""
    meta = getattr(getattr(node, "value", None), "meta", None)
    negative = bool(getattr(getattr(getattr(meta, "generation", None), "mode", None), "is_negative", False))
    return negative and status is not None and 400 <= status < 500


def _exchange(interaction, redactor: Redactor) -> Exchange:
    """A request schemathesis sent, and its answer, as the suite records any exchange: redacted."""
    request, response = interaction.request, interaction.response
    headers = {name: ", ".join(values) for name, values in request.headers.items()}
    body = request.body.decode("utf-8", "replace") if request.body else None
    exchange = Exchange(method=request.method, url=redactor.url(request.uri), request_headers=redactor.headers(headers),
                        request_body=redactor.body(body, _content_type(headers)), actor="fuzzer")
    if response is None:
        exchange.error = "no response"
        return exchange
    response_headers = {name: ", ".join(values) for name, values in response.headers.items()}
    exchange.status = response.status_code
    exchange.response_headers = redactor.headers(response_headers)
    exchange.response_body = redactor.body(response.content.decode("utf-8", "replace") or None,
                                           _content_type(response_headers))
    exchange.elapsed_ms = round(response.elapsed * 1000, 1)
    return exchange


def _content_type(headers: dict[str, str]) -> str:
    return next((value for name, value in headers.items() if name.lower() == "content-type"), "")


def _invalid_parameters(node) -> frozenset[str]:
    """The parameters the negative case of a recorded node violated."""
    return invalid_parameters(getattr(node, "value", None))


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
