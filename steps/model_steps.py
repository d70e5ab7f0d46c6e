"""Steps of the lifecycle explorations (MOD_*): one Given per API's lifecycle, then the exploration and its verdict."""

from __future__ import annotations

import pytest
from pytest_bdd import given, then, when

from cancel_conformance.apis.ecom.fixtures import ecom_merchant_of
from cancel_conformance.apis.ecom.model import LIFECYCLE as ECOM_LIFECYCLE
from cancel_conformance.apis.ecom.model import EcomSubject
from cancel_conformance.apis.ecom.runtime import EcomRuntime
from cancel_conformance.apis.epayment.fixtures import epayment_merchant_of
from cancel_conformance.apis.epayment.model import LIFECYCLE as EPAYMENT_LIFECYCLE
from cancel_conformance.apis.epayment.model import EpaymentSubject
from cancel_conformance.apis.epayment.runtime import EpaymentRuntime
from cancel_conformance.apis.pos.cast import Merchant
from cancel_conformance.apis.pos.fixtures import merchant_of
from cancel_conformance.apis.pos.model import LIFECYCLE as POS_LIFECYCLE
from cancel_conformance.apis.pos.model import PosSubject
from cancel_conformance.apis.pos.runtime import PosRuntime
from cancel_conformance.apis.recurring.fixtures import recurring_merchant_of
from cancel_conformance.apis.recurring.model import LIFECYCLE as RECURRING_LIFECYCLE
from cancel_conformance.apis.recurring.model import RecurringSubject
from cancel_conformance.apis.recurring.runtime import RecurringRuntime
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.model.explore import Exploration
from cancel_conformance.model.run import Explorable, budget_of, run_exploration
from cancel_conformance.outcomes import NotVerified
from cancel_conformance.runtime import Runtime


@given("the documented lifecycle of a MobilePay PoS payment and its refund", target_fixture="explorable")
def _(runtime: Runtime, pos: PosRuntime, merchant: Merchant, cleanup: Cleanup) -> Explorable:
    point, vat = merchant.point_of_sale, pos.target.integrator.merchant_vat
    return Explorable(POS_LIFECYCLE, lambda recorder: PosSubject(
        merchant_of(runtime, pos, pos.tokens, recorder, vat, "merchant", cleanup=cleanup), point))


@given("the documented lifecycle of a Vipps eCom order", target_fixture="explorable")
def _(runtime: Runtime, ecom: EcomRuntime, cleanup: Cleanup) -> Explorable:
    return Explorable(ECOM_LIFECYCLE, lambda recorder: EcomSubject(
        ecom_merchant_of(runtime, ecom, recorder, "merchant", cleanup=cleanup)))


@given("the documented lifecycle of a Vipps MobilePay ePayment and its aggregate", target_fixture="explorable")
def _(runtime: Runtime, epayment: EpaymentRuntime, cleanup: Cleanup) -> Explorable:
    return Explorable(EPAYMENT_LIFECYCLE, lambda recorder: EpaymentSubject(
        epayment_merchant_of(runtime, epayment, recorder, "merchant", cleanup=cleanup)))


@given("the documented lifecycle of a Vipps MobilePay Recurring charge and its summary", target_fixture="explorable")
def _(runtime: Runtime, recurring: RecurringRuntime, cleanup: Cleanup) -> Explorable:
    return Explorable(RECURRING_LIFECYCLE, lambda recorder: RecurringSubject(
        recurring_merchant_of(runtime, recurring, recorder, "merchant", cleanup=cleanup)))


@when("every documented move is taken from every state it reaches, with more drawn after it",
      target_fixture="exploration")
def _(explorable: Explorable, request: pytest.FixtureRequest, runtime: Runtime) -> Exploration:
    return run_exploration(explorable, budget_of(request.config), request, runtime)


@then("after every step the public API showed what the lifecycle says")
def _(exploration: Exploration) -> None:
    if exploration.divergence is not None:
        raise exploration.divergence
    if exploration.unreached:
        # SIMULATION.md §3: what needs a hook the sandbox lacks is not verified, never passed.
        reasons = sorted(set(exploration.unreached.values()))
        raise NotVerified(f"{len(exploration.unreached)} documented moves could not be reached: {'; '.join(reasons)}")
