"""The ePayment cast as fixtures: the Vipps MobilePay merchant's shop, and the shop racing itself."""

from __future__ import annotations

import pytest

from cancel_conformance.apis.epayment import API
from cancel_conformance.apis.epayment.cast import EpaymentMerchant
from cancel_conformance.apis.epayment.client import EpaymentClient
from cancel_conformance.apis.epayment.runtime import EpaymentRuntime
from cancel_conformance.apis.epayment.sandbox import EpaymentSandbox
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.runtime import Runtime


@pytest.fixture
def epayment(runtime: Runtime) -> EpaymentRuntime:
    return runtime.require(API.name)


def epayment_merchant_of(runtime: Runtime, epayment: EpaymentRuntime, recorder: Recorder, name: str,
                         http: HttpSession | None = None, cleanup: Cleanup | None = None) -> EpaymentMerchant:
    http = http or runtime.http
    client = EpaymentClient(http, epayment.target, epayment.tokens, recorder, actor=name)
    sandbox = EpaymentSandbox(http, epayment.target.hooks_url, client, epayment.capabilities, recorder)
    return EpaymentMerchant(client, sandbox, name, cleanup)


@pytest.fixture
def epayment_merchant(runtime: Runtime, epayment: EpaymentRuntime, recorder: Recorder,
                      cleanup: Cleanup) -> EpaymentMerchant:
    """The merchant: a web shop acting with its own API keys and merchant serial number."""
    return epayment_merchant_of(runtime, epayment, recorder, "merchant", cleanup=cleanup)


@pytest.fixture
def epayment_racers(runtime: Runtime, epayment: EpaymentRuntime, recorder: Recorder,
                    lanes: tuple[HttpSession, HttpSession],
                    cleanup: Cleanup) -> tuple[EpaymentMerchant, EpaymentMerchant]:
    """The merchant twice, each sending on a connection of its own (SAFE_*)."""
    first, second = (epayment_merchant_of(runtime, epayment, recorder, f"merchant on connection {n}", http=lane,
                                          cleanup=cleanup)
                     for n, lane in enumerate(lanes, 1))
    return first, second
