"""Binds every feature file's scenarios to the step definitions."""

from pytest_bdd import scenarios

scenarios("../features")
