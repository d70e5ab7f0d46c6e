"""A failed scenario as a shell script: its requests in order, on fresh resources, up to the failing one.

A lone curl reproduces a failure only where it does not depend on state; most cancel rules do (a
payment captured, an order reserved, a refund cancelled). The script sends every request the scenario
sent before the failing one, in order, as the same actors. Values the client chose to name a new
resource (order ids, point-of-sale ids and beacons, idempotency keys, request ids) get fresh values
of the same shape, so the script can be run again and again; values the target assigned (payment,
point-of-sale and refund ids, the landing page's token) are read from the answers that carried them.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import parse_qsl, urlsplit

# JSON fields and headers whose value the client makes up for each new resource or request.
FRESH_FIELDS = frozenset({"orderId", "refundOrderId", "merchantPosId", "beaconId"})
FRESH_HEADERS = frozenset({"x-mobilepay-idempotency-key", "x-request-id"})
# Headers a script leaves to curl itself.
SKIPPED_HEADERS = frozenset({"content-length", "accept-encoding", "connection", "user-agent", "accept", "host"})
# Shorter values are too likely to occur by chance (amounts, states, words of a path).
MIN_VALUE_LENGTH = 8

PRELUDE = """\
# fresh VALUE: a value of VALUE's shape (each digit and each of a-f drawn anew)
fresh() { python3 -c 'import secrets, sys
print("".join(secrets.choice("0123456789") if c.isdigit() else secrets.choice("abcdef") if c in "abcdef" else c
              for c in sys.argv[1]))' "$1"; }
# capture KEY...: the value at KEY... in the JSON on stdin; "?name" reads a URL's query parameter
capture() { python3 -c 'import json, sys
from urllib.parse import parse_qs, urlsplit
value = json.load(sys.stdin)
for key in sys.argv[1:]:
    value = parse_qs(urlsplit(value).query)[key[1:]][0] if key.startswith("?") else \\
        value[int(key)] if isinstance(value, list) else value[key]
print(value)' "$@"; }"""

# curl arguments for a credential header, given its name and redacted value, and the request's actor and URL
CredentialHeader = Callable[[str, str, str, str], list[str]]


# Longer scenarios (contract fuzzing's thousands of requests) are no sequence a reader replays.
MAX_STEPS = 250


@dataclass(frozen=True)
class Binding:
    """How the script gets a value: made fresh, or read from an earlier answer (step, JSON path).
    `first_step` is the first request that carries it: the variable is set before that one."""

    variable: str
    original: str
    first_step: int
    source_step: int | None = None
    path: tuple[str, ...] = ()


def scenario_script(exchanges: list[dict], failing: int, is_token_request: Callable[[str], bool],
                    credential_header: CredentialHeader) -> str | None:
    """The script, or None when there is no sequence to replay: the failing request is the scenario's
    only one (its curl says it all), a token request (the token commands replay it), or one of more
    requests than a reader would replay."""
    if is_token_request(exchanges[failing]["url"]):
        return None
    steps = [x for x in exchanges[:failing + 1] if not is_token_request(x["url"])]
    if not 2 <= len(steps) <= MAX_STEPS:
        return None
    bindings = _bindings(steps)
    substitute = _Substitution(bindings)
    lines = [PRELUDE]
    for number, step in enumerate(steps):
        lines += [f'{b.variable}="$(fresh {shlex.quote(b.original)})"' for b in bindings
                  if b.source_step is None and b.first_step == number]
        captured = [b for b in bindings if b.source_step == number]
        command = _curl(step, substitute, credential_header)
        if number == len(steps) - 1:
            lines.append(f"# the failing request; it answered {step.get('error') or step.get('status')} in the run")
            lines.append(f"curl -i {command}")
        elif captured:
            lines.append(f'ANSWER_{number}="$(curl -sS {command})"')
            lines += [f'{b.variable}="$(printf %s "$ANSWER_{number}" | capture {_keys(b.path)})"' for b in captured]
        else:
            label = substitute(f"%{{http_code}} {step['method']} {_path(step['url'])}\\n")
            lines.append(f"curl -sS -o /dev/null -w {label} {command}")
    return "\n".join(lines)


def _bindings(steps: list[dict]) -> list[Binding]:
    """Each value a request carries, bound where it first appears: to an earlier answer that carried it,
    or to a fresh value when the client makes it up; anything else stays literal, there and later."""
    found: dict[str, Binding] = {}
    literal: set[str] = set()
    names: dict[str, int] = {}
    answers = _AnswerIndex()
    for number, step in enumerate(steps):
        for value, name, fresh in _candidates(step):
            if value in found or value in literal:
                continue
            source = answers.find(value)
            if source is None and not fresh:
                literal.add(value)
                continue
            names[name] = names.get(name, 0) + 1
            found[value] = Binding(f"{name}_{names[name]}", value, number, *(source or (None, ())))
        answers.add(number, step.get("response_body"))
    return list(found.values())


class _AnswerIndex:
    """Where earlier answers carried each value: a whole JSON string, or a URL's query parameter."""

    def __init__(self) -> None:
        self._where: dict[str, tuple[int, tuple[str, ...]]] = {}

    def add(self, number: int, body: str | None) -> None:
        for path, leaf in _paths(_json(body)):
            if not isinstance(leaf, str) or len(leaf) < MIN_VALUE_LENGTH:
                continue
            self._where[leaf] = (number, path)  # the latest answer wins
            if leaf.startswith("http"):
                for name, value in parse_qsl(urlsplit(leaf).query):
                    if len(value) >= MIN_VALUE_LENGTH:
                        self._where[value] = (number, (*path, f"?{name}"))

    def find(self, value: str) -> tuple[int, tuple[str, ...]] | None:
        return self._where.get(value) if len(value) >= MIN_VALUE_LENGTH else None


def _candidates(step: dict) -> Iterator[tuple[str, str, bool]]:
    """(value, variable name, whether the client makes it up) for each value a request carries."""
    parts = urlsplit(step["url"])
    segments = parts.path.split("/")
    for before, segment in pairwise(segments):
        yield segment, _variable_name(f"{before.rstrip('s')}Id" if before else "id"), False
    for key, value in parse_qsl(parts.query):
        yield value, _variable_name(key), False
    for name, value in step.get("request_headers", {}).items():
        if name.lower() in FRESH_HEADERS:
            yield value, _variable_name(name.split("-", 1)[-1] if name.lower().startswith("x-") else name), True
    for path, value in _paths(_json(step.get("request_body"))):
        if isinstance(value, str):
            key = next((part for part in reversed(path) if not part.isdigit()), "")  # the field, not a list index
            yield value, _variable_name(key), key in FRESH_FIELDS


def _curl(step: dict, substitute: _Substitution, credential_header: CredentialHeader) -> str:
    parts = ["-X", step["method"], substitute(step["url"])]
    for name, value in step.get("request_headers", {}).items():
        if name.lower() in SKIPPED_HEADERS:
            continue
        if "***" in value:
            parts += credential_header(name, value, step.get("actor", ""), step["url"])
        else:
            parts += ["-H", substitute(f"{name}: {value}")]
    if step.get("request_body"):
        parts += ["--data-raw", substitute(step["request_body"])]
    return " ".join(parts)


class _Substitution:
    """Writes a text as one shell word: its literal parts in single quotes (nothing expands there, not
    even an interactive shell's `!`), each bound value as its variable in double quotes, side by side."""

    def __init__(self, bindings: list[Binding]) -> None:
        usable = sorted((b for b in bindings if len(b.original) >= MIN_VALUE_LENGTH),
                        key=lambda b: len(b.original), reverse=True)
        self._pattern = re.compile("|".join(re.escape(b.original) for b in usable)) if usable else None
        self._variables = {b.original: b.variable for b in usable}

    def __call__(self, text: str) -> str:
        out, last = [], 0
        for match in self._pattern.finditer(text) if self._pattern else ():
            out += [_literal(text[last:match.start()]), f'"${{{self._variables[match[0]]}}}"']
            last = match.end()
        out.append(_literal(text[last:]))
        return "".join(out) or "''"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'" if text else ""



def _keys(path: tuple[str, ...]) -> str:
    return " ".join(shlex.quote(key) for key in path)


def _path(url: str) -> str:
    return urlsplit(url).path


def _variable_name(key: str) -> str:
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).replace("-", "_").upper()
    return re.sub(r"[^A-Z0-9_]", "", snake) or "VALUE"


def _json(text: str | None) -> object:
    try:
        return json.loads(text) if text else None
    except (ValueError, RecursionError):
        return None


def _paths(data: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    """(path, value) for every leaf of a JSON document; list positions are written as numbers."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _paths(value, (*path, name))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _paths(item, (*path, str(index)))
    else:
        yield path, data
