"""Binds the scenarios of `features/epay_age.feature` to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features/epay_age.feature")
