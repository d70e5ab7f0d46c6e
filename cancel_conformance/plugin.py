"""The suite's pytest plugin: options, fixtures, outcomes per scenario, and the reports at the end."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cancel_conformance import fixtures, interrupts, progress
from cancel_conformance.apis import registry
from cancel_conformance.options import SuiteOptions, add_options
from cancel_conformance.preflight import ApiCheck
from cancel_conformance.recording import ItemRecording, item_rules
from cancel_conformance.report.options import ReportOptions, add_report_options
from cancel_conformance.report.results import Run, RunInfo, build_run
from cancel_conformance.report.summary import render_summary
from cancel_conformance.report.writer import write_reports
from cancel_conformance.rules import catalogue
from cancel_conformance.scenario import ScenarioResult
from cancel_conformance.session_keys import OPTIONS, PREFLIGHT, REDACTOR
from cancel_conformance.target_info import target_apis

RESULT_PROPERTY = "cancel_conformance.scenario"
PREFLIGHT_OUTPUT = "cc_preflight"  # a pytest-xdist worker's preflight, as it hands it to the run
RECORDING = pytest.StashKey[ItemRecording]()
INTERRUPTS = pytest.StashKey[bool]()  # this configuration handles SIGINT and SIGTERM itself


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)
    add_report_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    # Every catalogue rule ID is a marker, so `--strict-markers` rejects unknown tags.
    for rule in catalogue().rules:
        config.addinivalue_line("markers", f"{rule.id}: [{rule.level}] {rule.title}")
    for api in registry().values():
        config.addinivalue_line("markers", f"{api.tag}: scenarios of the {api.title} API")
    config.addinivalue_line("markers", "contract: contract fuzzing (schemathesis)")
    config.addinivalue_line("markers", "model: lifecycle explorations (Hypothesis state machines, MOD_*)")
    config.stash[OPTIONS] = SuiteOptions.from_config(config)
    for name, module in [("cancel_conformance.fixtures", fixtures),
                         *((f"{api.package}.fixtures", api.module("fixtures")) for api in registry().values())]:
        if not config.pluginmanager.has_plugin(name):
            config.pluginmanager.register(module, name)
    family_progress = None
    if not hasattr(config, "workerinput"):
        family_progress = progress.FamilyProgress(config)
        config.pluginmanager.register(family_progress, "cancel_conformance.progress")
    config.pluginmanager.register(SuiteSession(config, family_progress), "cancel_conformance.session")
    # A pytest-xdist worker stops with its run (told through the folder they share); pytest run alone too.
    control = getattr(config, "workerinput", {}).get(interrupts.WORKER_INPUT)
    config.stash[INTERRUPTS] = interrupts.install(Path(control) if control else None)


def pytest_unconfigure(config: pytest.Config) -> None:
    if config.stash.get(INTERRUPTS, False):
        interrupts.uninstall()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """Each pytest-xdist worker is told where the run says it was interrupted (and leaves its process id)."""
    node.workerinput[interrupts.WORKER_INPUT] = str(interrupts.control_folder())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Scenarios of APIs the target does not configure are not collected for this run."""
    apis = target_apis(config.stash[OPTIONS])
    keep, drop = [], []
    for item in items:
        (keep if _runs_on(item, apis) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
    # The longest work first, so that workers given whole modules in this order (`--dist loadscope
    # --no-loadscope-reorder`) finish close together: each fuzzing campaign's deterministic half (the
    # longest chain of requests: one worker sends an operation's coverage cases one after another, which
    # a far target makes the longest wait), then its generated half (the most work for the client), then
    # the scenarios. A single worker runs the same tests either way.
    items[:] = sorted(keep, key=_weight)


def _weight(item: pytest.Item) -> int:
    if item.get_closest_marker("contract") is None:
        return 2
    return 1 if item.module.__name__.endswith("_fuzzing") else 0


def _runs_on(item: pytest.Item, apis: frozenset[str]) -> bool:
    """An item runs when its API tag, or else one of its rules, names an API of this run."""
    # The tags that name the API a scenario runs on (a family such as SAFE is checked on several).
    by_tag = {api.tag: api.name for api in registry().values()}
    tagged = {by_tag[marker.name] for marker in item.iter_markers() if marker.name in by_tag}
    if tagged:
        return bool(tagged & apis)
    rules = item_rules(item)
    return not rules or any(rule.checked_on(apis) for rule in rules)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    report = yield
    rules = item_rules(item)
    if not rules:
        return report
    recording = item.stash.setdefault(RECORDING, ItemRecording.start(item, rules))
    redactor = item.config.stash.get(REDACTOR, None)
    redact = redactor.text if redactor else str
    recording.judge_phase(report, call, redact)
    if report.when == "teardown":
        report.user_properties.append((RESULT_PROPERTY, recording.finish(item, redact).to_json()))
    return report


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature, scenario) -> None:
    item = request.node
    recording = item.stash.setdefault(RECORDING, ItemRecording.start(item))
    recording.scenario_started(feature, scenario)
    if interrupts.interrupted():  # an interrupted run starts no new scenario: not verified, "run interrupted"
        pytest.skip(interrupts.REASON)


def pytest_bdd_after_step(request: pytest.FixtureRequest, step, **_: object) -> None:
    request.node.stash[RECORDING].step_done(step, "passed")


def pytest_bdd_step_error(request: pytest.FixtureRequest, step, exception: Exception, **_: object) -> None:
    request.node.stash[RECORDING].step_done(step, "failed", exception)


class SuiteSession:
    """Gathers scenario results (from xdist workers too) and writes the reports once, at the end."""

    def __init__(self, config: pytest.Config, family_progress: progress.FamilyProgress | None = None) -> None:
        self.config = config
        self.outputs = ReportOptions.from_config(config)
        self.progress = family_progress
        self.results: list[ScenarioResult] = []
        self.started = time.time()
        self.run: Run | None = None
        self.bundle: Path | None = None
        self.preflight: dict[str, ApiCheck] = {}  # by API, from whichever process checked it first

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for name, value in report.user_properties:
            if name == RESULT_PROPERTY:
                self.results.append(ScenarioResult.from_json(value))
                if self.progress is not None:
                    self.progress.scenario_done(self.results[-1])

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        """A pytest-xdist worker is done: what its preflight found."""
        for found in getattr(node, "workeroutput", {}).get(PREFLIGHT_OUTPUT, []):
            self._preflight([ApiCheck.from_json(found)])

    def _preflight(self, checks: list[ApiCheck]) -> None:
        for check in checks:
            self.preflight.setdefault(check.api, check)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        checks = self.config.stash.get(PREFLIGHT, [])
        if hasattr(self.config, "workerinput"):
            self.config.workeroutput[PREFLIGHT_OUTPUT] = [check.to_json() for check in checks]
            return
        self._preflight(checks)
        if not (self.results or interrupts.interrupted()):
            return
        options = self.config.stash[OPTIONS]
        info = RunInfo.from_options(options, datetime.fromtimestamp(self.started, UTC), self.config.rootpath)
        self.run = build_run(self.results, info, self.outputs.baseline, interrupted=interrupts.signal_name(),
                             preflight=list(self.preflight.values()))
        self.bundle = write_reports(self.run, options.report_dir, certify=self.outputs.certify)

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.run is not None:
            terminalreporter.write_line("")
            for line in render_summary(self.run, self.config.stash[OPTIONS].report_dir, self.bundle):
                terminalreporter.write_line(line)
