"""Steps of the lifecycle explorations (MOD_*): an API's lifecycle by its name, the exploration and its verdict."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from cancel_conformance.apis import registry
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.exchange import Recorder
from cancel_conformance.model.explore import Exploration
from cancel_conformance.model.run import Explorable, budget_of, run_exploration
from cancel_conformance.outcomes import NotVerified
from cancel_conformance.runtime import Runtime


@given(parsers.parse("the documented lifecycle of {name}"), target_fixture="explorable")
def _(runtime: Runtime, recorder: Recorder, cleanup: Cleanup, name: str) -> Explorable:
    models = (api.module("model") for api in registry().values())
    model = next((model for model in models if model.LIFECYCLE.name == name), None)
    if model is None:
        raise ValueError(f"no API's lifecycle is named {name!r}")
    return model.explorable(runtime, recorder, cleanup)


@when("every documented move is taken from every state it reaches, with more drawn after it",
      target_fixture="exploration")
def _(explorable: Explorable, request: pytest.FixtureRequest, runtime: Runtime) -> Exploration:
    return run_exploration(explorable, budget_of(request.config), request, runtime)


@then("after every step the public API showed what the lifecycle says")
def _(exploration: Exploration) -> None:
    if exploration.divergence is not None:
        raise exploration.divergence
    if exploration.unreached:
        # SIMULATION.md §3: what needs a hook the sandbox lacks is not verified, never passed.
        reasons = sorted(set(exploration.unreached.values()))
        raise NotVerified(f"{len(exploration.unreached)} documented moves could not be reached: {'; '.join(reasons)}")
