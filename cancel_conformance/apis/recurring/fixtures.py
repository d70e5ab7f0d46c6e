"""The Recurring cast as fixtures: the merchant, a second merchant (another's agreement), the merchant racing itself."""

from __future__ import annotations

import pytest

from cancel_conformance.apis.recurring import API
from cancel_conformance.apis.recurring.cast import RecurringMerchant
from cancel_conformance.apis.recurring.client import RecurringClient
from cancel_conformance.apis.recurring.runtime import RecurringRuntime
from cancel_conformance.apis.recurring.sandbox import RecurringSandbox
from cancel_conformance.apis.vipps_merchant import VippsTokenProvider
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.exchange import Recorder
from cancel_conformance.http import HttpSession
from cancel_conformance.runtime import Runtime


@pytest.fixture
def recurring(runtime: Runtime) -> RecurringRuntime:
    return runtime.require(API.name)


def recurring_merchant_of(runtime: Runtime, recurring: RecurringRuntime, recorder: Recorder, name: str,
                          tokens: VippsTokenProvider | None = None, http: HttpSession | None = None,
                          cleanup: Cleanup | None = None) -> RecurringMerchant:
    http = http or runtime.http
    client = RecurringClient(http, recurring.target, tokens or recurring.tokens, recorder, actor=name)
    sandbox = RecurringSandbox(http, recurring.target.hooks_url, client, recurring.capabilities, recorder)
    return RecurringMerchant(client, sandbox, name, cleanup, runtime.target.limits.settle_timeout)


@pytest.fixture
def recurring_merchant(runtime: Runtime, recurring: RecurringRuntime, recorder: Recorder,
                       cleanup: Cleanup) -> RecurringMerchant:
    """The merchant: a subscription business acting with its own API keys."""
    return recurring_merchant_of(runtime, recurring, recorder, "merchant", cleanup=cleanup)


@pytest.fixture
def second_recurring_merchant(runtime: Runtime, recurring: RecurringRuntime, recorder: Recorder,
                              cleanup: Cleanup) -> RecurringMerchant:
    """Another merchant, for the rule about a charge on another merchant's agreement (RECUR_CAN_06)."""
    return recurring_merchant_of(runtime, recurring, recorder, "second merchant", tokens=recurring.second(),
                                 cleanup=cleanup)


@pytest.fixture
def recurring_racers(runtime: Runtime, recurring: RecurringRuntime, recorder: Recorder,
                     lanes: tuple[HttpSession, HttpSession],
                     cleanup: Cleanup) -> tuple[RecurringMerchant, RecurringMerchant]:
    """The merchant twice, each sending on a connection of its own (SAFE_*)."""
    first, second = (recurring_merchant_of(runtime, recurring, recorder, f"merchant on connection {n}", http=lane,
                                           cleanup=cleanup)
                     for n, lane in enumerate(lanes, 1))
    return first, second
