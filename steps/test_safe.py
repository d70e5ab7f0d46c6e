"""Binds the scenarios of `features/safe.feature` to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features/safe.feature")
