"""Running one lifecycle's exploration inside a scenario: its budget, its evidence, and what the report shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from cancel_conformance.exchange import Recorder
from cancel_conformance.model.explore import Budget, Exploration, Subject, explore
from cancel_conformance.model.lifecycle import Lifecycle
from cancel_conformance.runtime import Runtime
from cancel_conformance.session_keys import LEFT_BEHIND, MODEL, OPTIONS, RECORDER

# The default budget keeps a default run within its benchmark goal; --fuzz-deep explores further.
DEFAULT_BUDGET = Budget(examples=1, steps=2)
DEEP_BUDGET = Budget(examples=5, steps=6)


@dataclass(frozen=True)
class Explorable:
    """One API's lifecycle and a way to drive it: a subject per example, recording into that example's recorder."""

    lifecycle: Lifecycle
    make_subject: Callable[[Recorder], Subject]


def budget_of(config: pytest.Config) -> Budget:
    return DEEP_BUDGET if config.getoption("cc_fuzz_deep") else DEFAULT_BUDGET


def run_exploration(explorable: Explorable, budget: Budget, request: pytest.FixtureRequest,
                    runtime: Runtime) -> Exploration:
    """The exploration, seeded by the run's --fuzz-seed. Every example's exchanges are evidence; a divergence's
    reproduction is the shrunk sequence alone (its exchanges become the scenario's)."""
    evidence: list[Recorder] = []

    def new_recorder() -> Recorder:
        evidence.append(Recorder(runtime.redactor))
        return evidence[-1]

    options = request.config.stash[OPTIONS]
    exploration = explore(explorable.make_subject, explorable.lifecycle, new_recorder, budget, options.fuzz_seed)
    scenario = request.node.stash.get(RECORDER, None)
    if exploration.recorder is not None:
        request.node.stash[RECORDER] = exploration.recorder
    elif scenario is not None:
        for recorder in evidence:
            for exchange in recorder.exchanges:
                scenario.record(exchange)
    shown = request.node.stash.get(RECORDER, None)
    if shown is not None:  # the hooks every example asked for are the scenario's needs (SIMULATION.md §2)
        shown.capabilities.update(*(recorder.capabilities for recorder in evidence))
    request.node.stash[MODEL] = exploration.to_json()
    request.node.stash[LEFT_BEHIND] = [*request.node.stash.get(LEFT_BEHIND, []), *exploration.left_behind]
    return exploration
