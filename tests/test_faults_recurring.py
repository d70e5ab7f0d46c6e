"""Mutation tests of the faults checked against Vipps MobilePay Recurring v3: caught, and nothing else fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fault_check import check_fault, faults_checking


@pytest.mark.parametrize("fault", faults_checking("recurring.v3"), ids=str)
def test_the_suite_catches_the_fault_and_nothing_else(fault: str, tmp_path: Path) -> None:
    check_fault(fault, tmp_path)
