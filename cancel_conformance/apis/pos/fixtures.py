"""The PoS cast as fixtures: the merchant, a second merchant (another integrator), the merchant racing itself."""

from __future__ import annotations

import pytest

from cancel_conformance.apis.pos import API
from cancel_conformance.apis.pos.auth import PosTokenProvider
from cancel_conformance.apis.pos.cast import Merchant
from cancel_conformance.apis.pos.client import PosClient
from cancel_conformance.apis.pos.runtime import PosRuntime
from cancel_conformance.apis.pos.sandbox import PosSandbox
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.runtime import Runtime


@pytest.fixture
def pos(runtime: Runtime) -> PosRuntime:
    return runtime.require(API.name)


def merchant_of(runtime: Runtime, pos: PosRuntime, tokens: PosTokenProvider, recorder: Recorder, vat: str | None,
                name: str, http: HttpSession | None = None, cleanup: Cleanup | None = None) -> Merchant:
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
def pos_racers(runtime: Runtime, pos: PosRuntime, recorder: Recorder,
               lanes: tuple[HttpSession, HttpSession], cleanup: Cleanup) -> tuple[Merchant, Merchant]:
    """The merchant twice, each sending on a connection of its own (SAFE_*)."""
    vat = pos.target.integrator.merchant_vat
    first, second = (merchant_of(runtime, pos, pos.tokens, recorder, vat, f"merchant on connection {n}", http=lane,
                                 cleanup=cleanup)
                     for n, lane in enumerate(lanes, 1))
    return first, second
