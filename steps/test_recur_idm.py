"""Binds the scenarios of `features/recur_idm.feature` to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features/recur_idm.feature")
