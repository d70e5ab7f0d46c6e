"""Mutation tests of the faults checked against MobilePay PoS v10: caught, and nothing else fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.rules import catalogue
from tests.fault_check import RULES, check_fault, faults_checking


@pytest.mark.parametrize("fault", faults_checking("pos.v10"), ids=str)
def test_the_suite_catches_the_fault_and_nothing_else(fault: str, tmp_path: Path) -> None:
    check_fault(fault, tmp_path)


def test_every_fault_is_checked_once() -> None:
    homes = [*catalogue().apis, None]
    assert sorted(name for home in homes for name in faults_checking(home)) == sorted(FAULTS)


def test_every_catalogue_rule_has_a_fault() -> None:
    faulted = {rule_id for fault in FAULTS.values() for rule_id in fault.rules}
    assert set(RULES) <= faulted, sorted(set(RULES) - faulted)
