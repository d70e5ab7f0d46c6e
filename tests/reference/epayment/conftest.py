"""Fixtures for the ePayment part of the reference: a client per demo merchant on the fault-free server."""

from __future__ import annotations

import pytest

from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.epayment.epayment_client import EpaymentApi


@pytest.fixture
def epay(reference: ReferenceServer) -> EpaymentApi:
    return EpaymentApi(reference.url, DEMO_MERCHANTS[0])


@pytest.fixture
def other_epay(reference: ReferenceServer) -> EpaymentApi:
    """The second demo merchant on the same server."""
    return EpaymentApi(reference.url, DEMO_MERCHANTS[1])
