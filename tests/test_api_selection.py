"""A run checks the APIs it is given: a scenario runs when its API tag (or else its rule) names one of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cancel_conformance.plugin import _runs_on
from tests.suite_run import run_suite


@dataclass(frozen=True)
class Marker:
    name: str


@dataclass(frozen=True)
class Item:
    """The part of a pytest item the selection reads: its markers (rule tags, API tags)."""

    markers: tuple[str, ...]

    def iter_markers(self):
        return (Marker(name) for name in self.markers)


@pytest.mark.parametrize(("markers", "apis", "runs"), [
    (("POS_PAY_01", "pos"), {"pos.v10"}, True),
    (("POS_PAY_01", "pos"), {"ecom.v2"}, False),
    (("ECOM_CAN_01", "ecom"), {"ecom.v2"}, True),
    (("SAFE_01", "pos"), {"ecom.v2"}, False),
    (("SAFE_01", "ecom"), {"ecom.v2"}, True),
    (("SAFE_01",), {"ecom.v2"}, True),
    (("CON_ECOM_01",), {"pos.v10"}, False),
    ((), {"pos.v10"}, True),
])
def test_a_scenario_runs_when_its_api_is_checked(markers: tuple[str, ...], apis: set[str], runs: bool) -> None:
    assert _runs_on(Item(markers), frozenset(apis)) is runs


def test_a_run_of_one_api_races_only_that_apis_payments(tmp_path: Path) -> None:
    run = run_suite(tmp_path, "--api=pos.v10", "--", "-m", "SAFE_01 or SAFE_02")
    assert run.outcomes() == {"SAFE_01": "passed", "SAFE_02": "passed"}, run.output[-2000:]
    names = [scenario["name"] for rule in run.results["rules"] for scenario in rule["scenarios"]]
    assert len(names) == 2
    assert all("MobilePay PoS" in name for name in names)
