"""The fixtures every API's steps build on: the run's runtime, one recorder and one clean-up per scenario,
and two HTTP sessions for requests sent at the same moment. Each API adds its cast (`apis/<api>/fixtures.py`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cancel_conformance.cleanup import Cleanup
from cancel_conformance.concurrency import set_share, share_of, worker_position
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.per_target import shared_folder
from cancel_conformance.runtime import Runtime
from cancel_conformance.session_keys import LEFT_BEHIND, OPTIONS, PREFLIGHT, RECORDER, REDACTOR


@pytest.fixture(scope="session")
def runtime(pytestconfig: pytest.Config) -> Iterator[Runtime]:
    """The target and everything shared across the run (starts the embedded reference if needed)."""
    started = Runtime.start(pytestconfig.stash[OPTIONS], shared_folder(pytestconfig))
    pytestconfig.stash[REDACTOR] = started.redactor
    set_share(share_of(started.target.limits.concurrency, *worker_position(pytestconfig)))
    pytestconfig.stash[PREFLIGHT] = started.preflight
    yield started
    started.close()


@pytest.fixture
def recorder(request: pytest.FixtureRequest, runtime: Runtime) -> Recorder:
    """Every exchange of this scenario, redacted; the report shows them."""
    recording = Recorder(runtime.redactor)
    request.node.stash[RECORDER] = recording
    return recording


@pytest.fixture
def cleanup(request: pytest.FixtureRequest, recorder: Recorder) -> Iterator[Cleanup]:
    """What the scenario created, brought to a final state afterwards; what could not be is reported."""
    tidy = Cleanup()
    yield tidy
    request.node.stash[LEFT_BEHIND] = tidy.run()


@pytest.fixture
def lanes(runtime: Runtime) -> Iterator[tuple[HttpSession, HttpSession]]:
    """Two HTTP sessions of their own, so requests sent at the same moment travel on separate connections."""
    sessions = (HttpSession(runtime.http.limits, runtime.http.health),
                HttpSession(runtime.http.limits, runtime.http.health))
    yield sessions
    for session in sessions:
        session.close()
