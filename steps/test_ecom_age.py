"""Binds the scenarios of `features/ecom_age.feature` to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features/ecom_age.feature")
