"""The fixtures steps build on: the run's runtime, one recorder per scenario, and the cast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cancel_conformance.cast.ecom import EcomMerchant
from cancel_conformance.cast.pos import Merchant
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.clients.auth import PosTokenProvider
from cancel_conformance.clients.ecom import EcomClient
from cancel_conformance.clients.pos import PosClient
from cancel_conformance.driver import PosSandbox
from cancel_conformance.driver_ecom import EcomSandbox
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.outcomes import NotVerified
from cancel_conformance.runtime import EcomRuntime, PosRuntime, Runtime
from cancel_conformance.session_keys import LEFT_BEHIND, OPTIONS, RECORDER, REDACTOR


@pytest.fixture(scope="session")
def runtime(pytestconfig: pytest.Config) -> Iterator[Runtime]:
    """The target and everything shared across the run (starts the embedded reference if needed)."""
    started = Runtime.start(pytestconfig.stash[OPTIONS])
    pytestconfig.stash[REDACTOR] = started.redactor
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


@pytest.fixture
def cleanup(request: pytest.FixtureRequest, recorder: Recorder) -> Iterator[Cleanup]:
    """What the scenario created, brought to a final state afterwards; what could not be is reported."""
    tidy = Cleanup()
    yield tidy
    request.node.stash[LEFT_BEHIND] = tidy.run()


def merchant_of(runtime: Runtime, pos: PosRuntime, tokens: PosTokenProvider, recorder: Recorder,
              vat: str | None, name: str, http: HttpSession | None = None, cleanup: Cleanup | None = None) -> Merchant:
    http = http or runtime.http
    client = PosClient(http, pos.target, tokens, recorder, merchant_vat=vat, actor=name)
    sandbox = PosSandbox(http, pos.target.hooks_url, lambda: tokens.token(recorder),
                         pos.capabilities, recorder)
    return Merchant(client, sandbox, name, cleanup)


@pytest.fixture
def merchant(runtime: Runtime, pos: PosRuntime, recorder: Recorder, cleanup: Cleanup) -> Merchant:
    """The merchant: the integrator under whose credentials the suite acts."""
    return merchant_of(runtime, pos, pos.tokens, recorder, pos.target.integrator.merchant_vat, "merchant",
                       cleanup=cleanup)


@pytest.fixture
def second_merchant(runtime: Runtime, pos: PosRuntime, recorder: Recorder, cleanup: Cleanup) -> Merchant:
    """A second integrator, for the rules about resources made by another integrator."""
    tokens = pos.second()
    vat = pos.target.second_integrator.merchant_vat if pos.target.second_integrator else None
    return merchant_of(runtime, pos, tokens, recorder, vat, "second merchant", cleanup=cleanup)


@pytest.fixture
def ecom(runtime: Runtime) -> EcomRuntime:
    if runtime.ecom is None:
        raise NotVerified("the target does not configure the Vipps eCom v2 API")
    return runtime.ecom


def ecom_merchant_of(runtime: Runtime, ecom: EcomRuntime, recorder: Recorder, name: str,
                     http: HttpSession | None = None, cleanup: Cleanup | None = None) -> EcomMerchant:
    http = http or runtime.http
    client = EcomClient(http, ecom.target, ecom.tokens, recorder, actor=name)
    sandbox = EcomSandbox(http, ecom.target.hooks_url, client, ecom.capabilities, recorder)
    return EcomMerchant(client, sandbox, name, cleanup)


@pytest.fixture
def ecom_merchant(runtime: Runtime, ecom: EcomRuntime, recorder: Recorder, cleanup: Cleanup) -> EcomMerchant:
    """The Vipps merchant: a web shop acting with its own API keys and merchant serial number."""
    return ecom_merchant_of(runtime, ecom, recorder, "merchant", cleanup=cleanup)


@pytest.fixture
def lanes(runtime: Runtime) -> Iterator[tuple[HttpSession, HttpSession]]:
    """Two HTTP sessions of their own, so requests sent at the same moment travel on separate connections."""
    sessions = (HttpSession(runtime.http.limits, runtime.http.health),
                HttpSession(runtime.http.limits, runtime.http.health))
    yield sessions
    for session in sessions:
        session.close()


@pytest.fixture
def pos_racers(runtime: Runtime, pos: PosRuntime, recorder: Recorder,
               lanes: tuple[HttpSession, HttpSession], cleanup: Cleanup) -> tuple[Merchant, Merchant]:
    """The merchant twice, each sending on a connection of its own (SAFE_*)."""
    vat = pos.target.integrator.merchant_vat
    first, second = (merchant_of(runtime, pos, pos.tokens, recorder, vat, f"merchant on connection {n}", http=lane,
                                 cleanup=cleanup)
                     for n, lane in enumerate(lanes, 1))
    return first, second


@pytest.fixture
def ecom_racers(runtime: Runtime, ecom: EcomRuntime, recorder: Recorder,
                lanes: tuple[HttpSession, HttpSession], cleanup: Cleanup) -> tuple[EcomMerchant, EcomMerchant]:
    """The Vipps merchant twice, each sending on a connection of its own (SAFE_*)."""
    first, second = (ecom_merchant_of(runtime, ecom, recorder, f"merchant on connection {n}", http=lane,
                                      cleanup=cleanup)
                     for n, lane in enumerate(lanes, 1))
    return first, second
