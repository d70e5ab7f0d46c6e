"""What contract fuzzing created, found in its recorded exchanges and left tidy as a scenario's would be.

A generated request that the target accepted may have opened a point of sale, a payment, a refund or
an order. The campaign's evidence holds every such answer; each resource it names is brought to a
final state with the same clean-up as the scenarios' (cancel what is open, delete points of sale),
and what could not be is listed in the report. Each API says what creates what (`apis/<api>/fuzzing.py`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from cancel_conformance.exchange import Exchange


def created(exchanges: Iterable[Exchange], creates: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str]]:
    """(what, id) of every resource a successful create among `exchanges` named, in `creates` order."""
    found: dict[tuple[str, str], None] = {}
    exchanges = list(exchanges)
    for path, field, what in creates:
        for exchange in exchanges:
            if exchange.method == "POST" and urlsplit(exchange.url).path.endswith(path) and _succeeded(exchange):
                identifier = _field(exchange.response_body, field)
                if identifier:
                    found[(what, identifier)] = None
    return list(found)


def created_at(exchanges: Iterable[Exchange], pattern: re.Pattern[str], field: str,
               given: str | None = None) -> list[tuple[str, ...]]:
    """(the path's groups..., id) of every resource a successful POST to a path matching `pattern` named; `given`:
    the request's field that becomes the id when the answer leaves the optional `field` out."""
    found: dict[tuple[str, ...], None] = {}
    for exchange in exchanges:
        match = pattern.fullmatch(urlsplit(exchange.url).path) if exchange.method == "POST" else None
        if not match or not _succeeded(exchange):
            continue
        identifier = _field(exchange.response_body, field) or (given and _field(exchange.request_body, given))
        if identifier:
            found[(*match.groups(), identifier)] = None
    return list(found)


def _succeeded(exchange: Exchange) -> bool:
    return exchange.status is not None and 200 <= exchange.status < 300


def _field(body: str | None, name: str) -> str | None:
    try:
        data = json.loads(body) if body else None
    except (ValueError, RecursionError):
        return None
    value = data.get(name) if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None
