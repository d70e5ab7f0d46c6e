"""Fixtures for the Recurring part of the reference: a client per demo merchant on the fault-free server."""

from __future__ import annotations

import pytest

from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.recurring.recurring_client import RecurringApi


@pytest.fixture
def recurring(reference: ReferenceServer) -> RecurringApi:
    return RecurringApi(reference.url, DEMO_MERCHANTS[0])


@pytest.fixture
def other_recurring(reference: ReferenceServer) -> RecurringApi:
    """The second demo merchant on the same server."""
    return RecurringApi(reference.url, DEMO_MERCHANTS[1])
