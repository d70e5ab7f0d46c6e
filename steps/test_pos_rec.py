"""Binds the scenarios of `features/pos_rec.feature` to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features/pos_rec.feature")
