"""Binds the scenarios of `features/recur_rel.feature` to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features/recur_rel.feature")
