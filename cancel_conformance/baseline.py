"""A baseline for CI gates: the known failures a run accepts, each with a reason and an expiry date.

A baseline file is TOML (or JSON with the same shape)::

    [[known_failures]]
    rule = "POS_PAY_02"
    reason = "captured payments are still cancellable; fixed in release 4.2 (ACME-123)"
    expires = 2026-12-31

An entry accepts its rule's failure (any outcome but passed) through its expiry date. A run with
a baseline fails only on failures it does not accept and on entries that have expired; the
verdict itself never changes: a baseline moves the exit code, not the truth.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cancel_conformance.outcomes import Outcome
from cancel_conformance.rules import catalogue
from cancel_conformance.target import ConfigError

FIELDS = frozenset({"rule", "reason", "expires"})


@dataclass(frozen=True)
class KnownFailure:
    """One accepted failure: which rule, why, and until when (inclusive)."""

    rule: str
    reason: str
    expires: date

    def expired_on(self, day: date) -> bool:
        return day > self.expires

    def to_json(self) -> dict:
        return {"rule": self.rule, "reason": self.reason, "expires": self.expires.isoformat()}


@dataclass(frozen=True)
class Baseline:
    """The known failures of one baseline file."""

    path: str
    entries: tuple[KnownFailure, ...]


def load_baseline(path: Path) -> Baseline:
    """Read and check a baseline file; anything unusable is a ConfigError (exit code 3)."""
    data = _read(path)
    entries = data.get("known_failures")
    if not isinstance(entries, list):
        raise ConfigError(f"baseline {path}: expected a list `known_failures` of entries")
    parsed = tuple(_entry(entry, f"baseline {path}, entry {number}") for number, entry in enumerate(entries, 1))
    seen: set[str] = set()
    for entry in parsed:
        if entry.rule in seen:
            raise ConfigError(f"baseline {path}: rule {entry.rule} is listed twice")
        seen.add(entry.rule)
    return Baseline(str(path), parsed)


def _read(path: Path) -> dict:
    try:
        text = path.read_text("utf-8")
    except OSError:
        raise ConfigError(f"baseline {path} cannot be read") from None
    kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
    try:
        data = json.loads(text) if kind == "JSON" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"baseline {path} is not valid {kind} (a .json file is read as JSON, any other "
                          f"as TOML): {error}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"baseline {path}: expected a table with `known_failures`")
    return data


def _entry(entry: object, where: str) -> KnownFailure:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a table with rule, reason and expires")
    unknown = sorted(set(entry) - FIELDS)
    missing = sorted(FIELDS - set(entry))
    if unknown or missing:
        raise ConfigError(f"{where}: " + "; ".join(
            ([f"unknown field(s) {', '.join(unknown)}"] if unknown else [])
            + ([f"missing {', '.join(missing)}"] if missing else [])))
    rule, reason = entry["rule"], entry["reason"]
    if not isinstance(rule, str) or catalogue().get(rule) is None:
        raise ConfigError(f"{where}: {rule!r} is not a rule of the catalogue (`cancel-conformance rules`)")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(f"{where}: a known failure needs a reason")
    return KnownFailure(rule, reason.strip(), _date(entry["expires"], where))


def _date(value: object, where: str) -> date:
    """A calendar date only: a TOML date, or a string YYYY-MM-DD (a time of day would raise the
    question of which zone; the baseline counts whole UTC days)."""
    if type(value) is date:
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f"{where}: expires must be a date written YYYY-MM-DD, such as 2026-12-31, not {value!r}")


@dataclass(frozen=True)
class Review:
    """What a baseline did in one run: accepted failures, expired entries, entries no longer needed."""

    path: str
    accepted: tuple[tuple[KnownFailure, Outcome], ...]
    expired: tuple[tuple[KnownFailure, Outcome | None], ...]
    unused: tuple[tuple[KnownFailure, Outcome | None], ...]

    def accepts(self, rule_id: str) -> KnownFailure | None:
        return next((entry for entry, _ in self.accepted if entry.rule == rule_id), None)

    def to_json(self) -> dict:
        def rows(pairs) -> list[dict]:
            return [{**entry.to_json(), "outcome": outcome.value if outcome else None} for entry, outcome in pairs]

        return {"file": self.path, "accepted": rows(self.accepted), "expired": rows(self.expired),
                "unused": rows(self.unused)}


def review(baseline: Baseline, outcomes: dict[str, Outcome], day: date) -> Review:
    """Judge a run's rule outcomes (rules that ran) against the baseline on `day`."""
    accepted, expired, unused = [], [], []
    for entry in baseline.entries:
        outcome = outcomes.get(entry.rule)
        if entry.expired_on(day):
            expired.append((entry, outcome))
        elif outcome is not None and outcome != Outcome.PASSED:
            accepted.append((entry, outcome))
        else:
            unused.append((entry, outcome))
    return Review(baseline.path, tuple(accepted), tuple(expired), tuple(unused))
