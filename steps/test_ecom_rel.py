"""Binds the scenarios of `features/ecom_rel.feature` to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features/ecom_rel.feature")
