"""Mutation tests of the faults checked against MobilePay PoS v10: caught, and nothing else fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from cancel_conformance.reference.faults import FAULTS
from tests.fault_check import RULES, breaks_only_epayment_rules, check_fault, faults_checking


@pytest.mark.parametrize("fault", faults_checking("pos.v10"), ids=str)
def test_the_suite_catches_the_fault_and_nothing_else(fault: str, tmp_path: Path) -> None:
    check_fault(fault, tmp_path)


def test_every_fault_is_checked_once() -> None:
    # The ePayment faults wait for the suite's ePayment scenarios (fault_check.breaks_only_epayment_rules).
    waiting = [name for name in FAULTS if breaks_only_epayment_rules(name)]
    assert waiting
    assert sorted(faults_checking("pos.v10") + faults_checking("ecom.v2") + waiting) == sorted(FAULTS)


def test_every_catalogue_rule_has_a_fault() -> None:  # the ePayment rules: tests/reference/epayment
    faulted = {rule_id for fault in FAULTS.values() for rule_id in fault.rules}
    assert set(RULES) <= faulted, sorted(set(RULES) - faulted)
