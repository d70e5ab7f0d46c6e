"""Shell commands that replay what a run sent: a token command per client, a curl per recorded request.

No credential is ever written: the commands read them from environment variables, the ones the
target file names (for the embedded reference, fixed names that the report explains).
"""

from __future__ import annotations

import re
import shlex
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from cancel_conformance.apis import TokenStyle, registry
from cancel_conformance.exchange import REDACTED, without_userinfo
from cancel_conformance.report.scenario_script import scenario_script
from cancel_conformance.rules import catalogue
from cancel_conformance.scenario import ScenarioResult

# Headers a replay leaves to curl itself.
SKIPPED_HEADERS = frozenset({"content-length", "accept-encoding", "connection", "user-agent", "accept"})
SECOND_ROLE = "second merchant"  # the role every API gives its second client
# How schemathesis writes a header it sanitised in the curl of a finding.
FUZZER_REDACTED = re.escape("[Filtered]")
EXTRACT_TOKEN = "python3 -c 'import json, sys; print(json.load(sys.stdin)[\"access_token\"])'"


def styles() -> dict[str, TokenStyle]:
    """How each API hands out tokens."""
    return {name: api.tokens for name, api in registry().items()}


def _operations(name: str) -> str:
    return registry()[name].operations


# A redacted header -> the credential whose variable replaces it.
HEADER_CREDENTIALS = {"client_secret": "client_secret", "ocp-apim-subscription-key": "subscription_key"}


@dataclass(frozen=True)
class Client:
    """One client of one API, known only by the environment variables that hold its credentials."""

    role: str
    token_variable: str
    env: dict[str, str]  # credential -> environment variable name
    merchant_vat: str = ""

    def variable(self, credential: str) -> str:
        return f"${self.env[credential]}" if credential in self.env else REDACTED


@dataclass(frozen=True)
class ApiAccess:
    """Where one API's tokens come from and which clients the run acted as."""

    api: str
    token_url: str
    clients: tuple[Client, ...]
    embedded: bool = False

    def to_json(self) -> dict:
        return {"api": self.api, "token_url": self.token_url, "embedded": self.embedded,
                "clients": [{"role": c.role, "token_variable": c.token_variable, "env": c.env,
                             "merchant_vat": c.merchant_vat} for c in self.clients]}


def access_from_target_file(path: Path, apis: tuple[str, ...]) -> tuple[ApiAccess, ...]:
    """The environment variable names and token URLs a target file gives (never a value)."""
    try:
        sections = tomllib.loads(Path(path).read_text("utf-8")).get("api") or {}
    except (OSError, tomllib.TOMLDecodeError):
        return ()
    return tuple(_from_section(api, sections[api]) for api in apis if api in styles() and api in sections)


def _from_section(api: str, section: dict) -> ApiAccess:
    style = styles()[api]
    token_url = str(section.get("token_url") or f"{str(section.get('base_url', '')).rstrip('/')}{style.token_path}")
    token_url = without_userinfo(token_url)  # credentials never belong in a report
    clients = []
    for name, role, variable in style.clients:
        person = section.get(name)
        if isinstance(person, dict):
            env = {cred: str(person[f"{cred}_env"]) for cred in style.credentials if f"{cred}_env" in person}
            vat = str(person.get("merchant_vat", section.get("merchant_vat", "")))
            clients.append(Client(role, variable, env, vat))
    return ApiAccess(api, token_url, tuple(clients))


def embedded_access(apis: tuple[str, ...]) -> tuple[ApiAccess, ...]:
    """The embedded reference's demo clients under fixed variable names; URLs come from the evidence."""
    result = []
    for api in (api for api in apis if api in styles()):
        style = styles()[api]
        clients = tuple(Client(role, variable, {cred: f"{style.embedded_prefix}{'2' if n else ''}_{cred.upper()}"
                                                for cred in style.credentials})
                        for n, (_, role, variable) in enumerate(style.clients))
        result.append(ApiAccess(api, "", clients, embedded=True))
    return tuple(result)


@dataclass
class Replay:
    """Turns a run's redacted evidence into commands a reader can paste into a shell."""

    access: tuple[ApiAccess, ...]
    token_requests: dict[str, dict] = field(default_factory=dict)  # api -> first recorded token request
    base_urls: dict[str, str] = field(default_factory=dict)  # api -> where its first recorded operation went

    @classmethod
    def of(cls, access: tuple[ApiAccess, ...], scenarios: list[ScenarioResult]) -> Replay:
        replay = cls(access)
        for scenario in scenarios:
            for exchange in scenario.exchanges:
                api = _token_api(exchange["url"])
                if api and api not in replay.token_requests:
                    replay.token_requests[api] = exchange
                for api in styles():
                    if _operations(api) in exchange["url"]:
                        replay.base_urls.setdefault(api, exchange["url"].split(_operations(api), 1)[0])
        replay.access = tuple(replay._completed(a) for a in access)
        return replay

    def _completed(self, access: ApiAccess) -> ApiAccess:
        """The embedded reference's token URL and merchant, as its recorded token request shows them;
        with none recorded, the token path beside the API's operations."""
        recorded = self.token_requests.get(access.api)
        if access.token_url:
            return access
        if recorded is None:
            base = self.base_urls.get(access.api)
            return replace(access, token_url=f"{base}{styles()[access.api].token_path}") if base else access
        form = dict(parse_qsl(recorded.get("request_body") or ""))
        clients = tuple(replace(c, merchant_vat=form.get("merchant_vat", "")) for c in access.clients)
        return replace(access, token_url=recorded["url"], clients=clients)

    def token_commands(self) -> list[tuple[ApiAccess, Client, str]]:
        """One `export TOKEN=...` line per client whose token URL is known."""
        return [(a, c, token_command(a, c)) for a in self.access if a.token_url for c in a.clients]

    def curl(self, exchange: dict, scenario: ScenarioResult) -> str:
        """The recorded request as curl, each redacted credential replaced by its shell variable."""
        client = self._client(exchange["url"], exchange.get("actor", ""), scenario)
        parts = ["curl", "-i", "-X", exchange["method"], shlex.quote(exchange["url"])]
        for name, value in exchange["request_headers"].items():
            if name.lower() not in SKIPPED_HEADERS:
                parts += _header(name, value, client)
        if exchange.get("request_body"):
            parts += ["--data-raw", shlex.quote(exchange["request_body"])]
        return " ".join(parts)

    def script(self, scenario: ScenarioResult, failing: int) -> str | None:
        """The scenario's requests up to the failing one as a script on fresh resources (None: one request)."""
        def credential(name: str, value: str, actor: str, url: str) -> list[str]:
            return _header(name, value, self._client(url, actor, scenario))

        return scenario_script(scenario.exchanges, failing, lambda url: _token_api(url) is not None, credential)

    def command(self, text: str, scenario: ScenarioResult, actor: str = "fuzzer") -> str:
        """A curl written elsewhere (a fuzzing finding), with the same variables as `curl`."""
        client = self._client(text, actor, scenario)
        if client is None:
            return text

        def swap(match: re.Match) -> str:
            return " ".join(_header(match[1], f"{match[2] or ''}{REDACTED}", client))

        text = re.sub(rf"-H '([A-Za-z0-9_-]+): ((?:Bearer|Basic) )?(?:{re.escape(REDACTED)}|{FUZZER_REDACTED})'",
                      swap, text)
        return re.sub(r"\$ACCESS_TOKEN\b", f"${client.token_variable}", text)

    def _client(self, url: str, actor: str, scenario: ScenarioResult) -> Client | None:
        access = self._api(url, scenario)
        if access is None or not access.clients:
            return None
        wanted = SECOND_ROLE if actor == SECOND_ROLE else "merchant"
        return next((c for c in access.clients if c.role == wanted), access.clients[0])

    def _api(self, url: str, scenario: ScenarioResult) -> ApiAccess | None:
        """The API a request belongs to: the scenario's only API, else what its URL says."""
        apis = {api for rule_id in scenario.rules if (rule := catalogue().get(rule_id)) for api in rule.apis}
        by_name = {a.api: a for a in self.access}
        if len(apis) == 1 and (only := by_name.get(next(iter(apis)))):
            return only
        path = urlsplit(url).path if url.startswith("http") else url
        for access in self.access:
            if _operations(access.api) in path or styles()[access.api].token_path in path:
                return access
        return self.access[0] if self.access else None


def _token_api(url: str) -> str | None:
    path = urlsplit(url).path
    return next((api for api, style in styles().items() if path.endswith(style.token_path)), None)


def token_command(access: ApiAccess, client: Client) -> str:
    """`export VAR="$(curl ... | python3 ...)"`: the client's token, credentials from the environment."""
    style = styles()[access.api]
    parts = ["curl", "-sS", "-X", "POST", shlex.quote(access.token_url)]
    if style.form:
        parts += ["-u", f'"{client.variable("client_id")}:{client.variable("client_secret")}"',
                  "--data-urlencode", "grant_type=client_credentials"]
        if client.merchant_vat:
            parts += ["--data-urlencode", shlex.quote(f"merchant_vat={client.merchant_vat}")]
    else:
        parts += ["-H", f'"client_id: {client.variable("client_id")}"',
                  "-H", f'"client_secret: {client.variable("client_secret")}"',
                  "-H", f'"Ocp-Apim-Subscription-Key: {client.variable("subscription_key")}"']
    return f'export {client.token_variable}="$({" ".join(parts)} | {EXTRACT_TOKEN})"'


def _header(name: str, value: str, client: Client | None) -> list[str]:
    """`-H 'Name: value'`, or with double quotes where a credential variable must expand."""
    if REDACTED not in value or client is None:
        return ["-H", shlex.quote(f"{name}: {value}")]
    lowered = name.lower()
    scheme = value.split(" ", 1)[0] if " " in value else ""
    if lowered == "authorization" and scheme.lower() == "basic":
        return ["-u", f'"{client.variable("client_id")}:{client.variable("client_secret")}"']
    if lowered == "authorization":
        return ["-H", f'"{name}: {scheme or "Bearer"} ${client.token_variable}"']
    if lowered in HEADER_CREDENTIALS and re.fullmatch(r"[A-Za-z0-9_-]+", name):
        return ["-H", f'"{name}: {client.variable(HEADER_CREDENTIALS[lowered])}"']
    return ["-H", shlex.quote(f"{name}: {value}")]
