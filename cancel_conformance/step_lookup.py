"""pytest-bdd's step lookup, with what a scenario module can see listed once instead of once per step.

For every step it runs, pytest-bdd finds the step definitions matching the step's text by asking pytest,
for each registered fixture name, which of its definitions the scenario can see: some 90 names here,
about 2.5 ms per step, a fifth of a scenario's own time against a near target. What a scenario can see
is what its module (or class) can see, since no step definition is registered for one test function or
after collection. So the visible step definitions are listed once per module, in pytest-bdd's order,
and each step keeps those of its type whose parser matches its text, as pytest-bdd's own lookup does.
Should pytest-bdd stop having the names this relies on, its own lookup runs unchanged.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

# By module name: the package's own `scenario` attribute is the decorator, not this module.
bdd_scenario = importlib.import_module("pytest_bdd.scenario")

_LOOKUP = "find_fixturedefs_for_step"
_RELIED_ON = (_LOOKUP, "get_fixture_names", "getfixturedefs", "step_function_context_registry")


def install() -> None:
    """Put the listing lookup in place of pytest-bdd's in this process, once."""
    if all(hasattr(bdd_scenario, name) for name in _RELIED_ON) and not isinstance(
            getattr(bdd_scenario, _LOOKUP), ListedLookup):
        setattr(bdd_scenario, _LOOKUP, ListedLookup())


class ListedLookup:
    """`find_fixturedefs_for_step(step, fixturemanager, node)`, reading a listing kept per scope."""

    def __init__(self) -> None:
        # (fixture manager, the node's parent): its visible step definitions with their contexts. The
        # objects are the keys, not their ids, so a later session in this process never reads an old list.
        self.listed: dict[tuple[Any, Any], list[tuple[Any, Any]]] = {}

    def __call__(self, step: Any, fixturemanager: Any, node: Any) -> Iterator[Any]:
        for fixturedef, context in self._visible(fixturemanager, node):
            if context.type is not None and context.type != step.type:
                continue
            if context.parser.is_matching(step.name):
                yield fixturedef

    def _visible(self, fixturemanager: Any, node: Any) -> list[tuple[Any, Any]]:
        key = (fixturemanager, getattr(node, "parent", None) or node)
        if key not in self.listed:
            contexts = bdd_scenario.step_function_context_registry
            self.listed[key] = [
                (fixturedef, contexts[fixturedef.func])
                for name in bdd_scenario.get_fixture_names(fixturemanager=fixturemanager)
                for fixturedef in bdd_scenario.getfixturedefs(fixturemanager, name, node) or []
                if contexts.get(fixturedef.func) is not None]
        return self.listed[key]
