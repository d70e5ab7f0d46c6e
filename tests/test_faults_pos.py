"""Mutation tests of the faults checked against MobilePay PoS v10: caught, and nothing else fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from cancel_conformance.reference.faults import FAULTS
from tests.fault_check import RULES, awaits_recurring_scenarios, check_fault, faults_checking


@pytest.mark.parametrize("fault", faults_checking("pos.v10"), ids=str)
def test_the_suite_catches_the_fault_and_nothing_else(fault: str, tmp_path: Path) -> None:
    check_fault(fault, tmp_path)


def test_every_fault_is_checked_once() -> None:
    checked = sorted(name for name, fault in FAULTS.items() if not awaits_recurring_scenarios(fault))
    assert sorted(faults_checking("pos.v10") + faults_checking("ecom.v2")) == checked


def test_every_catalogue_rule_has_a_fault() -> None:
    faulted = {rule_id for fault in FAULTS.values() for rule_id in fault.rules}
    assert set(RULES) <= faulted, sorted(set(RULES) - faulted)
