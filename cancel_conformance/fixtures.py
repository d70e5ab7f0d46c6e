"""The fixtures steps build on: the run's runtime, one recorder per scenario, and the cast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cancel_conformance.cast.pos import Merchant
from cancel_conformance.clients.auth import PosTokenProvider
from cancel_conformance.clients.pos import PosClient
from cancel_conformance.driver import PosSandbox
from cancel_conformance.exchange import Recorder
from cancel_conformance.outcomes import NotVerified
from cancel_conformance.runtime import PosRuntime, Runtime
from cancel_conformance.session_keys import OPTIONS, RECORDER


@pytest.fixture(scope="session")
def runtime(pytestconfig: pytest.Config) -> Iterator[Runtime]:
    """The target and everything shared across the run (starts the embedded reference if needed)."""
    started = Runtime.start(pytestconfig.stash[OPTIONS])
    yield started
    started.close()


@pytest.fixture
def recorder(request: pytest.FixtureRequest, runtime: Runtime) -> Recorder:
    """Every exchange of this scenario, redacted; the report shows them."""
    recording = Recorder(runtime.redactor)
    request.node.stash[RECORDER] = recording
    return recording


@pytest.fixture
def pos(runtime: Runtime) -> PosRuntime:
    if runtime.pos is None:
        raise NotVerified("the target does not configure the PoS v10 API")
    return runtime.pos


def merchant_of(runtime: Runtime, pos: PosRuntime, tokens: PosTokenProvider, recorder: Recorder,
              vat: str | None, name: str) -> Merchant:
    client = PosClient(runtime.http, pos.target, tokens, recorder, merchant_vat=vat, actor=name)
    sandbox = PosSandbox(runtime.http, pos.target.hooks_url, lambda: tokens.token(recorder),
                         pos.capabilities, recorder)
    return Merchant(client, sandbox, name)


@pytest.fixture
def merchant(runtime: Runtime, pos: PosRuntime, recorder: Recorder) -> Merchant:
    """The merchant: the integrator under whose credentials the suite acts."""
    return merchant_of(runtime, pos, pos.tokens, recorder, pos.target.integrator.merchant_vat, "merchant")


@pytest.fixture
def second_merchant(runtime: Runtime, pos: PosRuntime, recorder: Recorder) -> Merchant:
    """A second integrator, for the rules about resources made by another integrator."""
    tokens = pos.second()
    vat = pos.target.second_integrator.merchant_vat if pos.target.second_integrator else None
    return merchant_of(runtime, pos, tokens, recorder, vat, "second merchant")
