"""The rule catalogue as data: every rule the suite checks, with its level, title and source."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

RULE_ID = re.compile(r"^[A-Z]+(?:_[A-Z0-9]+)*_\d{2}$")


@dataclass(frozen=True)
class Family:
    """A group of rules that share a feature file and the API (or APIs) they are checked on."""

    id: str
    apis: tuple[str, ...]
    title: str

    @property
    def api(self) -> str:
        """The APIs as one label: `pos.v10`, or `pos.v10, ecom.v2` for a family checked on both."""
        return ", ".join(self.apis)


@dataclass(frozen=True)
class Rule:
    """One catalogue rule: a `Rule:` tag, a report row, and at least one fault that breaks it."""

    id: str
    level: str
    title: str
    source: str
    family: Family

    @property
    def is_must(self) -> bool:
        return self.level == "MUST"

    @property
    def api(self) -> str:
        return self.family.api

    @property
    def apis(self) -> tuple[str, ...]:
        return self.family.apis

    def checked_on(self, apis: frozenset[str] | set[str]) -> bool:
        """Whether a run of these APIs checks this rule (on at least one of them)."""
        return any(api in apis for api in self.apis)


@dataclass(frozen=True)
class Catalogue:
    """All rules, in catalogue order."""

    rules: tuple[Rule, ...]
    families: tuple[Family, ...]

    def get(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def for_apis(self, apis: frozenset[str] | set[str]) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.checked_on(apis))

    @property
    def apis(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(api for family in self.families for api in family.apis))


def family_of(rule_id: str) -> str:
    """`POS_PAY_01` -> `POS_PAY`."""
    return rule_id.rsplit("_", 1)[0]


@cache
def catalogue() -> Catalogue:
    """The catalogue shipped with the package."""
    text = resources.files("cancel_conformance").joinpath("catalogue.toml").read_text("utf-8")
    return parse_catalogue(tomllib.loads(text))


def parse_catalogue(data: dict) -> Catalogue:
    families = {key: Family(key, _apis(key, value["api"]), value["title"]) for key, value in data["families"].items()}
    rules = []
    for entry in data["rules"]:
        if not RULE_ID.match(entry["id"]):
            raise ValueError(f"malformed rule id {entry['id']!r} in the catalogue")
        if entry["level"] not in ("MUST", "SHOULD"):
            raise ValueError(f"rule {entry['id']}: level must be MUST or SHOULD, not {entry['level']!r}")
        family = families[family_of(entry["id"])]
        rules.append(Rule(entry["id"], entry["level"], entry["title"], entry["source"], family))
    return Catalogue(tuple(rules), tuple(families.values()))


def _apis(family: str, value: str | list[str]) -> tuple[str, ...]:
    """A family's `api`: one name, or a list of names for a family checked on several APIs."""
    names = (value,) if isinstance(value, str) else tuple(value)
    if not names or not all(isinstance(name, str) and name for name in names):
        raise ValueError(f"family {family}: api must be an API name or a list of them")
    return names
