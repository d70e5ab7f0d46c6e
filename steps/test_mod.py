"""Binds the scenarios of `features/mod.feature` to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features/mod.feature")
