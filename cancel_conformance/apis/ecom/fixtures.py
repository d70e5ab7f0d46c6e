"""The eCom cast as fixtures: the Vipps merchant's shop, and the shop racing itself."""

from __future__ import annotations

import pytest

from cancel_conformance.apis.ecom import API
from cancel_conformance.apis.ecom.cast import EcomMerchant
from cancel_conformance.apis.ecom.client import EcomClient
from cancel_conformance.apis.ecom.runtime import EcomRuntime
from cancel_conformance.apis.ecom.sandbox import EcomSandbox
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.runtime import Runtime


@pytest.fixture
def ecom(runtime: Runtime) -> EcomRuntime:
    return runtime.require(API.name)


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
def ecom_racers(runtime: Runtime, ecom: EcomRuntime, recorder: Recorder,
                lanes: tuple[HttpSession, HttpSession], cleanup: Cleanup) -> tuple[EcomMerchant, EcomMerchant]:
    """The Vipps merchant twice, each sending on a connection of its own (SAFE_*)."""
    first, second = (ecom_merchant_of(runtime, ecom, recorder, f"merchant on connection {n}", http=lane,
                                      cleanup=cleanup)
                     for n, lane in enumerate(lanes, 1))
    return first, second
