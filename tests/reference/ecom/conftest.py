"""Fixtures for the eCom part of the reference: a client per demo merchant on the fault-free server."""

from __future__ import annotations

import pytest

from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.ecom.ecom_client import EcomApi


@pytest.fixture
def ecom(reference: ReferenceServer) -> EcomApi:
    return EcomApi(reference.url, DEMO_MERCHANTS[0])


@pytest.fixture
def other_ecom(reference: ReferenceServer) -> EcomApi:
    """The second demo merchant on the same server."""
    return EcomApi(reference.url, DEMO_MERCHANTS[1])
