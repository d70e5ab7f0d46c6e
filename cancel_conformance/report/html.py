"""The HTML conformance report: one self-contained file, readable offline and without JavaScript."""

from __future__ import annotations

from itertools import groupby

from jinja2 import Environment, PackageLoader, select_autoescape

from cancel_conformance.exchange import Exchange
from cancel_conformance.outcomes import Outcome
from cancel_conformance.report.results import Run

_ENV = Environment(
    loader=PackageLoader("cancel_conformance.report", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(run: Run) -> str:
    families = [(family, list(results)) for family, results in groupby(run.rules, key=lambda r: r.rule.family)]
    return _ENV.get_template("report.html.j2").render(
        run=run,
        families=families,
        counts=run.counts(),
        outcomes=list(Outcome),
        curl=_curl,
        css_class=_css_class,
    )


def _curl(exchange: dict) -> str:
    return Exchange(**exchange).curl()


def _css_class(outcome: Outcome | str) -> str:
    return str(getattr(outcome, "value", outcome)).replace(" ", "-")
