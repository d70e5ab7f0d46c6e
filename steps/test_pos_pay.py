"""Binds the scenarios of `features/pos_pay.feature` to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features/pos_pay.feature")
