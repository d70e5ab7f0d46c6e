"""The suite's step lookup finds, for every step, the definitions pytest-bdd's own lookup finds."""

from __future__ import annotations

import textwrap

import pytest

from cancel_conformance import step_lookup

pytest_plugins = ["pytester"]

FEATURE = """\
Feature: Lookups
  Scenario: A step of the conftest, one the module overrides, and a parsed one
    Given a payment
    When the merchant cancels it
    Then it reads "Cancelled" after 2 seconds

  Scenario: The same steps again
    Given a payment
    When the merchant cancels it
    Then it reads "Cancelled" after 3 seconds
"""

CONFTEST = """\
from pytest_bdd import given, when

@given("a payment", target_fixture="payment")
def _():
    return {"state": "Created", "by": "conftest"}

@when("the merchant cancels it")
def _(payment):
    payment["by"] = "conftest's cancel, which the module overrides"
"""

MODULE = """\
from pytest_bdd import parsers, scenarios, then, when
from cancel_conformance import step_lookup

step_lookup.install()
scenarios("lookups.feature")
SEEN = []

@when("the merchant cancels it")
def _(payment):
    payment["state"], payment["by"] = "Cancelled", "module"

@then(parsers.parse('it reads "{state}" after {seconds:d} seconds'))
def _(payment, state, seconds):
    SEEN.append(seconds)
    assert (payment["state"], payment["by"]) == (state, "module")

def test_both_scenarios_ran():
    assert SEEN == [2, 3]
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makefile(".feature", lookups=FEATURE)
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_lookups=MODULE)
    return pytester


def test_module_overrides_conftest_steps_and_parsed_steps_match(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=3)


def test_what_a_module_sees_is_listed_once(project: pytest.Pytester) -> None:
    step_lookup.install()
    lookup = step_lookup.bdd_scenario.find_fixturedefs_for_step
    assert isinstance(lookup, step_lookup.ListedLookup)
    result = project.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=3)
    listed = [key for key in lookup.listed if getattr(key[1], "name", "") == "test_lookups.py"]
    assert len(listed) == 1  # six steps in two scenarios, one listing of the module's
    names = {context.parser.name for _, context in lookup.listed[listed[0]]}
    assert {"a payment", "the merchant cancels it"} <= names
