"""The options for a run's outputs: a certification bundle, and a baseline of known failures."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from cancel_conformance.baseline import Baseline, load_baseline
from cancel_conformance.target import ConfigError

BASELINE_ENV = "CANCEL_CONFORMANCE_BASELINE"


def add_report_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("cancel-conformance")
    group.addoption("--cc-certify", dest="cc_certify", action="store_true", default=False,
                    help="also write a certification bundle: a new folder below the report dir, with a manifest")
    group.addoption("--cc-baseline", dest="cc_baseline", default=None, metavar="FILE",
                    help=f"a baseline of known failures (TOML or JSON) the exit code accepts [env {BASELINE_ENV}]")


@dataclass(frozen=True)
class ReportOptions:
    certify: bool
    baseline: Baseline | None

    @classmethod
    def from_config(cls, config: pytest.Config) -> ReportOptions:
        path = config.getoption("cc_baseline") or os.environ.get(BASELINE_ENV)
        try:
            baseline = load_baseline(Path(path)) if path else None
        except ConfigError as error:
            raise pytest.UsageError(str(error)) from None
        return cls(bool(config.getoption("cc_certify")), baseline)
