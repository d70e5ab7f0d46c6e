"""Progress per rule family: one line on a terminal, nothing in CI logs."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest

from cancel_conformance.outcomes import Outcome
from cancel_conformance.progress import FamilyProgress, wanted


class Reporter:
    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.lines: list[str] = []

    def isatty(self) -> bool:
        return self.tty

    def rewrite(self, line: str) -> None:
        self.lines.append(line.rstrip())


def config_with(reporter: Reporter, verbosity: int = 0):
    manager = SimpleNamespace(get_plugin=lambda name: reporter if name == "terminalreporter" else None)
    return SimpleNamespace(pluginmanager=manager, get_verbosity=lambda: verbosity)


@pytest.mark.parametrize(("tty", "ci", "verbosity", "expected"), [
    (True, None, 0, True), (False, None, 0, False), (True, "true", 0, False), (True, None, 1, False)])
def test_progress_shows_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch, tty: bool, ci: str | None,
                                                      verbosity: int, expected: bool) -> None:
    monkeypatch.delenv("CI", raising=False)
    if ci:
        monkeypatch.setenv("CI", ci)
    assert wanted(config_with(Reporter(tty), verbosity)) is expected


def test_the_line_counts_scenarios_per_family_and_names_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    reporter = Reporter(True)
    progress = FamilyProgress(config_with(reporter))
    progress.pytest_sessionstart()
    progress.totals.update({"POS_PAY": 3, "POS_USR": 1})
    for rule, outcome in (("POS_USR_01", Outcome.PASSED), ("POS_PAY_01", Outcome.PASSED),
                          ("POS_PAY_02", Outcome.FAILED)):
        progress.scenario_done(SimpleNamespace(rules=[rule], outcome=outcome))
    assert reporter.lines[-1] == "POS_PAY 2/3 (1 failed)  POS_USR ok"
    assert progress.done["POS_PAY"] == Counter({Outcome.PASSED: 1, Outcome.FAILED: 1})


def test_on_a_narrow_terminal_finished_families_count_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *_: SimpleNamespace(columns=60))
    reporter = Reporter(True)
    progress = FamilyProgress(config_with(reporter))
    progress.pytest_sessionstart()
    families = ("POS_PAY", "POS_USR", "POS_REC", "POS_REF", "ECOM_CAN", "ECOM_3DS", "SAFE")
    progress.totals.update(dict.fromkeys(families, 1) | {"CON_ECOM": 2})
    for family in families:
        progress.scenario_done(SimpleNamespace(rules=[f"{family}_01"], outcome=Outcome.PASSED))
    progress.scenario_done(SimpleNamespace(rules=["CON_ECOM_01"], outcome=Outcome.FAILED))
    assert reporter.lines[-1] == "7 families ok  CON_ECOM 1/2 (1 failed)"


def test_only_tests_of_a_rule_give_up_their_dot() -> None:
    assert FamilyProgress._checks_a_rule(SimpleNamespace(keywords={"POS_PAY_01": 1, "test_x": 1}))
    assert not FamilyProgress._checks_a_rule(SimpleNamespace(keywords={"test_the_project_itself": 1}))
