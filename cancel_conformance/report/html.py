"""The HTML conformance report: one self-contained file, readable offline and without JavaScript."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, select_autoescape

from cancel_conformance.exchange import Exchange
from cancel_conformance.outcomes import Outcome
from cancel_conformance.report.chart import family_chart
from cancel_conformance.report.diagram import lifecycle_diagram
from cancel_conformance.report.replay import Replay
from cancel_conformance.report.results import Run
from cancel_conformance.scenario import ScenarioResult

# Bodies longer than this are cut in the report; evidence.jsonl keeps them whole.
MAX_BODY_CHARS = 20_000

_ENV = Environment(
    loader=PackageLoader("cancel_conformance.report", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(run: Run) -> str:
    replay = Replay.of(run.info.access, run.scenarios)
    return _ENV.get_template("report.html.j2").render(
        run=run,
        families=run.families(),
        counts=run.counts(),
        outcomes=list(Outcome),
        chart=family_chart(run),
        replay=replay,
        exit_meaning=run.exit_meaning,
        failing_exchange=failing_exchange,
        css_class=css_class,
        body=body,
        lifecycle_diagram=lifecycle_diagram,
    )


def failing_exchange(scenario: ScenarioResult) -> int | None:
    """The index of the exchange that shows the failure: the one its reproduction names, else the last.

    None where the scenario's findings carry their own reproductions (contract fuzzing).
    """
    if scenario.outcome not in (Outcome.FAILED, Outcome.WARNING, Outcome.ERROR) or not scenario.exchanges:
        return None
    if scenario.findings:
        return None
    if scenario.reproduce:
        matches = [n for n, x in enumerate(scenario.exchanges) if Exchange(**x).curl() == scenario.reproduce]
        return matches[-1] if matches else None
    return len(scenario.exchanges) - 1


def css_class(outcome: Outcome | str) -> str:
    """`not verified` -> `not-verified`; `incomplete: run interrupted` -> `incomplete-run-interrupted`."""
    return re.sub(r"[^a-z0-9]+", "-", str(getattr(outcome, "value", outcome)).lower()).strip("-")


def body(text: str | None) -> str:
    if not text or len(text) <= MAX_BODY_CHARS:
        return text or ""
    return f"{text[:MAX_BODY_CHARS]}\n[... {len(text) - MAX_BODY_CHARS} more characters in evidence.jsonl]"
