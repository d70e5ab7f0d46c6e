"""Progress per rule family on a terminal: one line, rewritten as scenarios finish.

It stays off where nobody watches a terminal (output not a TTY, `CI` set) and with `-v`, where
pytest's own lines already say as much; pytest's dots make way for it while it is on.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter

import pytest

from cancel_conformance.outcomes import Outcome
from cancel_conformance.recording import item_rules
from cancel_conformance.rules import catalogue, family_of
from cancel_conformance.scenario import ScenarioResult

MARKS = {Outcome.FAILED: "failed", Outcome.ERROR: "error", Outcome.WARNING: "warning"}


def wanted(config: pytest.Config) -> bool:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    return (reporter is not None and bool(reporter.isatty()) and not os.environ.get("CI")
            and config.get_verbosity() <= 0)


class FamilyProgress:
    """Counts finished scenarios per family and shows them on one terminal line."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.totals: Counter[str] = Counter()  # unknown under xdist: the workers collect
        self.done: dict[str, Counter[Outcome]] = {}
        self.active = False  # decided at session start, once pytest's terminal reporter exists
        self.shown = False

    def pytest_sessionstart(self) -> None:
        self.active = wanted(self.config)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for item in session.items:
            rules = item_rules(item)
            if rules:
                self.totals[rules[0].family.id] += 1
                self.done.setdefault(rules[0].family.id, Counter())

    @pytest.hookimpl(wrapper=True)
    def pytest_report_teststatus(self, report: pytest.TestReport, config: pytest.Config):
        """Keep the category for pytest's tally, drop the dot of a rule's test: this line replaces them."""
        result = yield
        if self.active and isinstance(result, tuple) and len(result) == 3 and self._checks_a_rule(report):
            return result[0], "", ""
        return result

    @staticmethod
    def _checks_a_rule(report: pytest.TestReport) -> bool:
        """Its item carries a rule ID marker (the project's own tests keep their dots)."""
        rule_ids = {rule.id for rule in catalogue().rules}
        return any(keyword in rule_ids for keyword in report.keywords)

    def scenario_done(self, result: ScenarioResult) -> None:
        if self.active and result.rules:
            self.done.setdefault(family_of(result.rules[0]), Counter())[result.outcome] += 1
            self._show()

    def _show(self) -> None:
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is None:
            return
        order = {family.id: n for n, family in enumerate(catalogue().families)}
        families = sorted(self.done.items(), key=lambda pair: order.get(pair[0], len(order)))
        parts = [self._family(family, counts) for family, counts in families]
        width = shutil.get_terminal_size().columns - 1
        line = "  ".join(parts)
        if len(line) > width:  # too long for the terminal: finished families count as one, the rest stay named
            ok = [part for part in parts if part.endswith(" ok")]
            line = "  ".join([f"{len(ok)} families ok"] * bool(ok) + [part for part in parts if part not in ok])
        reporter.rewrite(line[:width].ljust(width))
        self.shown = True

    def _family(self, family: str, counts: Counter[Outcome]) -> str:
        total = self.totals.get(family)
        done = sum(counts.values())
        bad = ", ".join(f"{counts[o]} {word}" for o, word in MARKS.items() if counts[o])
        if total and done == total and not bad:
            return f"{family} ok"
        return f"{family} {done}{f'/{total}' if total else ''}{f' ({bad})' if bad else ''}"

    def pytest_sessionfinish(self) -> None:
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if self.shown and reporter is not None:
            reporter.write("\n")
