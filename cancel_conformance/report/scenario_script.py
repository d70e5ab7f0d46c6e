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


@dataclass(frozen=True)
class Binding:
    """How the script gets a value: made fresh, or read from an earlier answer (step, JSON path)."""

    variable: str
    original: str
    source_step: int | None = None
    path: tuple[str, ...] = ()


def scenario_script(exchanges: list[dict], failing: int, is_token_request: Callable[[str], bool],
                    credential_header: CredentialHeader) -> str | None:
    """The script, or None when the failing request is the scenario's only one (its curl says it all)."""
    steps = [x for x in exchanges[:failing + 1] if not is_token_request(x["url"])]
    if len(steps) < 2:
        return None
    bindings = _bindings(steps)
    lines = [PRELUDE]
    for number, step in enumerate(steps):
        lines += [f'{b.variable}="$(fresh {shlex.quote(b.original)})"' for b in bindings
                  if b.source_step is None and _first_use(b, steps) == number]
        captured = [b for b in bindings if b.source_step == number]
        command = _curl(step, bindings, credential_header)
        if number == len(steps) - 1:
            lines.append(f"# the failing request; it answered {step.get('error') or step.get('status')} in the run")
            lines.append(f"curl -i {command}")
        elif captured:
            lines.append(f'ANSWER_{number}="$(curl -sS {command})"')
            lines += [f'{b.variable}="$(printf %s "$ANSWER_{number}" | capture {_keys(b.path)})"' for b in captured]
        else:
            label = _quoted(f"%{{http_code}} {step['method']} {_path(step['url'])}\\n", bindings)
            lines.append(f"curl -sS -o /dev/null -w {label} {command}")
    return "\n".join(lines)


def _bindings(steps: list[dict]) -> list[Binding]:
    found: dict[str, Binding] = {}
    names: dict[str, int] = {}
    for number, step in enumerate(steps):
        for value, name, fresh in _candidates(step):
            if value in found:
                continue
            source = _locate(value, steps[:number])
            if source is None and not fresh:
                continue
            names[name] = names.get(name, 0) + 1
            variable = f"{name}_{names[name]}"
            found[value] = Binding(variable, value, *source) if source else Binding(variable, value)
    return list(found.values())


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
    for key, value in _leaves(_json(step.get("request_body"))):
        if isinstance(value, str):
            yield value, _variable_name(key), key in FRESH_FIELDS


def _locate(value: str, earlier: list[dict]) -> tuple[int, tuple[str, ...]] | None:
    """Where an earlier answer carried the value: a whole JSON string, or a URL's query parameter."""
    if len(value) < MIN_VALUE_LENGTH:
        return None
    for number in range(len(earlier) - 1, -1, -1):
        for path, leaf in _paths(_json(earlier[number].get("response_body"))):
            if leaf == value:
                return number, path
            if isinstance(leaf, str) and value in leaf and leaf.startswith("http"):
                query = dict(parse_qsl(urlsplit(leaf).query))
                name = next((k for k, v in query.items() if v == value), None)
                if name:
                    return number, (*path, f"?{name}")
    return None


def _curl(step: dict, bindings: list[Binding], credential_header: CredentialHeader) -> str:
    parts = ["-X", step["method"], _quoted(step["url"], bindings)]
    for name, value in step.get("request_headers", {}).items():
        if name.lower() in SKIPPED_HEADERS:
            continue
        if "***" in value:
            parts += credential_header(name, value, step.get("actor", ""), step["url"])
        else:
            parts += ["-H", _quoted(f"{name}: {value}", bindings)]
    if step.get("request_body"):
        parts += ["--data-raw", _quoted(step["request_body"], bindings)]
    return " ".join(parts)


def _quoted(text: str, bindings: list[Binding]) -> str:
    """The text in double quotes for the shell, each bound value replaced by its variable."""
    usable = sorted((b for b in bindings if len(b.original) >= MIN_VALUE_LENGTH),
                    key=lambda b: len(b.original), reverse=True)
    pattern = re.compile("|".join(re.escape(b.original) for b in usable)) if usable else None
    by_value = {b.original: b.variable for b in usable}
    out, last = [], 0
    for match in pattern.finditer(text) if pattern else ():
        out += [_escaped(text[last:match.start()]), f"${{{by_value[match[0]]}}}"]
        last = match.end()
    out.append(_escaped(text[last:]))
    return '"' + "".join(out) + '"'


def _escaped(text: str) -> str:
    return re.sub(r'(["\\$`])', r"\\\1", text)


def _first_use(binding: Binding, steps: list[dict]) -> int:
    return next(n for n, step in enumerate(steps) if binding.original in json.dumps(step))


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


def _leaves(data: object, key: str = "") -> Iterator[tuple[str, object]]:
    """(the key it sits under, value) for every leaf of a JSON document."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _leaves(value, name)
    elif isinstance(data, list):
        for item in data:
            yield from _leaves(item, key)
    else:
        yield key, data


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
