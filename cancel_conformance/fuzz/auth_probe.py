"""CON_*_04 made exact: every operation, asked without each credential in turn and with it forged, answers 401.

A contract's credentials are the headers that satisfy its security schemes: the bearer token, and
for eCom the subscription key besides it; each probe keeps the others valid.
"""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis.core import NotSet
from schemathesis.specs.openapi.adapter.security import declares_security

from cancel_conformance.concurrency import side_by_side
from cancel_conformance.exchange import FORGED_KEY, FORGED_TOKEN, Recorder
from cancel_conformance.fuzz.checks import AUTH_REQUIRED
from cancel_conformance.http import HttpSession

PROBE_SETTINGS = settings(database=None, max_examples=1, phases=[Phase.generate],
                          suppress_health_check=list(HealthCheck), deadline=None)


def probe_auth(schema, base_url: str, http: HttpSession, recorder: Recorder,
               credentials: dict[str, str]) -> tuple[int, list[dict]]:
    """Send each operation's simplest valid request without each credential, then with it forged.

    `credentials`: header name -> valid value, e.g. {"Authorization": "Bearer ..."}. Returns (probes, findings).
    The probes are independent of one another: they go side by side, within this process's share.
    """
    probes = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if not declares_security(operation):
            continue
        request = valid_request_case(operation).as_transport_kwargs(base_url=base_url)
        probes += [lambda request=request, header=header, forged=forged, label=operation.label: _probe(
                       request, _credentials_without(credentials, header, forged), header, forged, label, http,
                       recorder)
                   for header in credentials for forged in (False, True)]
    return len(probes), [finding for finding in side_by_side(probes, "401 probes") if finding]


def preflight(schema, base_url: str, http: HttpSession, recorder: Recorder) -> None:
    """One request, the first secured operation's without credentials: a TargetError if nothing answers."""
    for result in schema.get_all_operations():
        operation = result.ok()
        if declares_security(operation):
            request = valid_request_case(operation).as_transport_kwargs(base_url=base_url)
            _probe(request, {}, "Authorization", False, operation.label, http, recorder)
            return


def _credentials_without(credentials: dict[str, str], header: str, forged: bool) -> dict[str, str]:
    """Every credential but `header`, which is left out or replaced by a value the target never issued."""
    kept = {name: value for name, value in credentials.items() if name != header}
    if forged:
        kept[header] = FORGED_TOKEN if header.lower() == "authorization" else FORGED_KEY
    return kept


def valid_request_case(operation):
    """One request the contract calls valid, drawn without shrinking (the same one every run).

    Drawn once per operation; each caller gets a case of its own with copies of the drawn values.
    """
    key = (id(operation.schema), operation.label)
    if key not in _DRAWN:
        _DRAWN[key] = _draw(operation)
    drawn = _DRAWN[key]
    return operation.Case(path_parameters=dict(drawn.path_parameters or {}), headers=dict(drawn.headers or {}),
                          cookies=dict(drawn.cookies or {}), query=dict(drawn.query or {}),
                          body=drawn.body if isinstance(drawn.body, NotSet) else copy.deepcopy(drawn.body),
                          media_type=drawn.media_type)


_DRAWN: dict[tuple[int, str], object] = {}


def _draw(operation):
    drawn = []

    @seed(0)
    @PROBE_SETTINGS
    @given(operation.as_strategy())
    def draw(case) -> None:
        drawn.append(case)

    draw()
    return drawn[0]


def _probe(request: dict, credentials: dict[str, str], header: str, forged: bool, label: str, http: HttpSession,
           recorder: Recorder) -> dict | None:
    """One request carrying exactly `credentials`: any credential the drawn case had is replaced."""
    replaced = {name.lower() for name in credentials} | {header.lower()}
    headers = {k: v for k, v in (request.get("headers") or {}).items() if k.lower() not in replaced}
    headers.update(credentials)
    # A target that does not answer at all raises TargetError: that is an error of the run, not a finding.
    response = http.request(request["method"], request["url"], recorder, headers=headers,
                            json_body=request.get("json"), params=request.get("params"), actor="fuzzer")
    if response.status == 401:
        return None
    return _finding(label, _how(header, forged), f"answered {response.status} instead of 401", response.status,
                    response.exchange.curl())


def _how(header: str, forged: bool) -> str:
    what = "token" if header.lower() == "authorization" else header
    return f"with a forged {what}" if forged else f"without {'a token' if what == 'token' else what}"


def _finding(label: str, how: str, what: str, status: int | None, curl: str) -> dict:
    return {"check": "auth_required", "phase": "probe", "operation": label, "rule": AUTH_REQUIRED,
            "title": f"Request {how} not refused with 401", "message": f"{label} {how}: {what}",
            "status": status, "curl": curl}
