"""CON_*_04 made exact: every operation, asked without a token and with a forged one, answers 401."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis.specs.openapi.adapter.security import declares_security

from cancel_conformance.exchange import Recorder
from cancel_conformance.fuzz.checks import AUTH_REQUIRED
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import TargetError

FORGED_TOKEN = "Bearer cancel-conformance-forged-token"
PROBE_SETTINGS = settings(database=None, max_examples=1, phases=[Phase.generate],
                          suppress_health_check=list(HealthCheck), deadline=None)


def probe_auth(schema, base_url: str, http: HttpSession, recorder: Recorder) -> tuple[int, list[dict]]:
    """Send each operation's simplest valid request without credentials; return (probes, findings)."""
    probes, findings = 0, []
    for result in schema.get_all_operations():
        operation = result.ok()
        if not declares_security(operation):
            continue
        request = valid_request_case(operation).as_transport_kwargs(base_url=base_url)
        for credential in (None, FORGED_TOKEN):
            probes += 1
            finding = _probe(request, credential, operation.label, http, recorder)
            if finding:
                findings.append(finding)
    return probes, findings


def valid_request_case(operation):
    """One request the contract calls valid, drawn without shrinking (the same one every run)."""
    drawn = []

    @seed(0)
    @PROBE_SETTINGS
    @given(operation.as_strategy())
    def draw(case) -> None:
        drawn.append(case)

    draw()
    return drawn[0]


def _probe(request: dict, credential: str | None, label: str, http: HttpSession, recorder: Recorder) -> dict | None:
    headers = {k: v for k, v in (request.get("headers") or {}).items() if k.lower() != "authorization"}
    if credential:
        headers["Authorization"] = credential
    try:
        response = http.request(request["method"], request["url"], recorder, headers=headers,
                                json_body=request.get("json"), params=request.get("params"), actor="fuzzer")
    except TargetError as error:
        return _finding(label, credential, f"no answer: {error.reason}", None, "")
    if response.status == 401:
        return None
    return _finding(label, credential, f"answered {response.status} instead of 401", response.status,
                    response.exchange.curl())


def _finding(label: str, credential: str | None, what: str, status: int | None, curl: str) -> dict:
    how = "with a forged token" if credential else "without a token"
    return {"check": "auth_required", "phase": "probe", "operation": label, "rule": AUTH_REQUIRED,
            "title": f"Request {how} not refused with 401", "message": f"{label} {how}: {what}",
            "status": status, "curl": curl}
