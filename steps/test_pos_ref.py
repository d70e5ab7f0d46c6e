"""Binds the scenarios of `features/pos_ref.feature` to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features/pos_ref.feature")
