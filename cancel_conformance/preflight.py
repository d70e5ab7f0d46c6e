"""The preflight: what is wrong with a target, in seconds, before a scenario runs (`check`, and every run).

For each API: does its base URL answer, can each client's token be fetched (and if not, what was
answered), which sandbox capabilities does it report, and so which rules will be not verified. An
API that cannot be reached at all (connection refused, a name that does not resolve, a TLS failure,
every token request refused) makes its rules errors with that one reason, none of them sent.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from cancel_conformance.apis import api as api_named
from cancel_conformance.driver import CAPABILITIES_PATH, Capabilities
from cancel_conformance.exchange import Recorder, Redactor
from cancel_conformance.file_lock import exclusive
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import TargetError
from cancel_conformance.rules import catalogue
from cancel_conformance.target import Target


@dataclass(frozen=True)
class ClientCheck:
    """One client's token: fetched, or what the token endpoint did instead."""

    role: str  # as the target file names it: integrator, second_integrator, merchant...
    refused: str = ""


@dataclass(frozen=True)
class ApiCheck:
    """What the preflight found for one API."""

    api: str
    base_url: str
    answers: bool  # the base URL was reached (any HTTP answer counts)
    answer: str  # what it answered, or why it was not reached
    clients: list[ClientCheck] = field(default_factory=list)
    capabilities: list[str] | None = None  # None: they could not be discovered
    capabilities_source: str = ""
    lacking: dict[str, list[str]] = field(default_factory=dict)  # rule -> the capabilities it needs and lacks

    @property
    def unreachable(self) -> str:
        """Why the API cannot be reached at all (a run then errors its rules, none sent); empty if it can."""
        title = api_named(self.api).title
        if not self.answers:
            return f"{title} cannot be reached: {self.answer}"
        if self.clients and all(client.refused for client in self.clients):
            refusals = "; ".join(client.refused for client in self.clients)
            return f"{title} cannot be reached: every token request was refused ({refusals})"
        return ""

    def to_json(self) -> dict:
        return {**asdict(self), "unreachable": self.unreachable}

    @classmethod
    def from_json(cls, data: dict) -> ApiCheck:
        known = {key: value for key, value in data.items() if key != "unreachable"}
        return cls(**{**known, "clients": [ClientCheck(**client) for client in data.get("clients", [])]})


PREFLIGHT_FILE = "preflight.json"


def check_target(target: Target, http: HttpSession, redactor: Redactor) -> list[ApiCheck]:
    """The preflight of every API the target configures; every text it keeps is redacted."""
    return [check_api(name, described, http, Recorder(redactor)) for name, described in target.apis.items()]


def check_target_once(target: Target, http: HttpSession, redactor: Redactor, shared: Path | None) -> list[ApiCheck]:
    """The preflight, once per run of one target however many processes it has: the first to come writes what
    it found in the run's folder (`shared`, per_target.py), the others read it."""
    if shared is None:
        return check_target(target, http, redactor)
    found = shared / PREFLIGHT_FILE
    with exclusive(found):
        if found.exists():
            return [ApiCheck.from_json(check) for check in json.loads(found.read_text("utf-8"))]
        checks = check_target(target, http, redactor)
        found.write_text(json.dumps([check.to_json() for check in checks]), "utf-8")
        return checks


def check_api(name: str, described, http: HttpSession, recorder: Recorder) -> ApiCheck:
    text = recorder.redactor.text
    answers, answer = _base_url(described.base_url, http, recorder)
    if not answers:  # nothing more to ask a host that cannot be reached
        return ApiCheck(name, described.base_url, answers, text(answer))
    # A package that does not yet name its clients (apis/__init__.py) has none checked, and so is never
    # found unreachable for its tokens; its rules still run.
    token_clients = getattr(api_named(name).module("runtime"), "token_clients", lambda target, http: {})
    clients = [ClientCheck(role, text(_refusal(provider, recorder)))
               for role, provider in token_clients(described, http).items()]
    capabilities, source = _capabilities(described, http, recorder, api_named(name).tag)
    return ApiCheck(name, described.base_url, answers, text(answer), clients, capabilities, text(source),
                    lacking(name, capabilities))


def lacking(name: str, capabilities: list[str] | None) -> dict[str, list[str]]:
    """The rules checked on the API whose scenarios need a capability the sandbox lacks (all that need any,
    where the capabilities are unknown), each with what it lacks."""
    needs = needed(name)
    have = set(capabilities or ())
    rules = [rule.id for rule in catalogue().for_apis({name})]
    missing = {rule: sorted(needs.get(rule, frozenset()) - have) for rule in rules}
    return {rule: wanted for rule, wanted in missing.items() if wanted}


def needed(name: str) -> dict[str, frozenset[str]]:
    """The capabilities each rule's scenarios need on this API, as its package declares them (none declared:
    nothing predicted, and the project test that holds each declaration to the scenarios fails)."""
    package = api_named(name).package
    try:
        return dict(api_named(name).module("capabilities").NEEDS)
    except ModuleNotFoundError as error:
        if error.name != f"{package}.capabilities":
            raise
        return {}


def _base_url(url: str, http: HttpSession, recorder: Recorder) -> tuple[bool, str]:
    try:
        response = http.request("GET", url + "/", recorder, actor="preflight")
    except TargetError as error:
        return not error.unreachable, error.reason
    return True, f"GET {url}/ answered {response.status}"


def _refusal(provider, recorder: Recorder) -> str:
    try:
        provider.token(recorder)
    except TargetError as error:
        return error.reason
    return ""


def _capabilities(described, http: HttpSession, recorder: Recorder, tag: str) -> tuple[list[str] | None, str]:
    """The API's own capabilities (SIMULATION.md §2 names each after its API: `pos.user`), and where from."""
    if described.capabilities is not None:
        return _own(described.capabilities, tag), "as the target file declares them"
    url = described.hooks_url + CAPABILITIES_PATH
    try:
        found = Capabilities(http, described.hooks_url, None).get(recorder)
    except TargetError as error:
        return None, f"could not be discovered: {error.reason}"
    if recorder.exchanges and recorder.exchanges[-1].status == 404:
        return _own(found, tag), f"GET {url} answered 404: no simulation extension, the vendor's own hooks assumed"
    return _own(found, tag), f"as GET {url} reports them"


def _own(capabilities, tag: str) -> list[str]:
    return sorted(name for name in capabilities if name.startswith(f"{tag}."))


def render(check: ApiCheck) -> list[str]:
    """The preflight of one API as the `check` command prints it: a line per finding, then what follows."""
    lines = [f"{check.api} ({api_named(check.api).title}) at {check.base_url}",
             f"  base URL: {'answers: ' if check.answers else 'does not answer: '}{check.answer}"]
    lines += [f"  token of {c.role}: {'refused: ' + c.refused if c.refused else 'fetched'}" for c in check.clients]
    if check.answers:
        shown = ", ".join(check.capabilities) if check.capabilities else "none"
        lines.append(f"  capabilities: {shown if check.capabilities is not None else 'unknown'} "
                     f"({check.capabilities_source})")
    for capability, rules in _by_capability(check.lacking).items():
        lines.append(f"  without {capability}, not verified: {', '.join(rules)}")
    rules = len(catalogue().for_apis({check.api}))
    if check.unreachable:
        lines.append(f"  => {check.unreachable}: a run marks its {rules} rules error, none of them sent")
    else:
        lines.append(f"  => a run can judge {rules - len(check.lacking)} of its {rules} rules")
    return lines


def _by_capability(lacking: dict[str, list[str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for rule, capabilities in lacking.items():
        for capability in capabilities:
            grouped.setdefault(capability, []).append(rule)
    return dict(sorted(grouped.items()))
