"""The suite's pytest options: one group, one prefix; command line > environment variable > ini."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

# option dest -> (flag, environment variable, ini name, help)
OPTIONS = {
    "cc_target_file": ("--cc-target-file", "CANCEL_CONFORMANCE_TARGET_FILE", "cc_target_file",
                       "TOML target file (default: the embedded reference implementation)"),
    "cc_report_dir": ("--cc-report-dir", "CANCEL_CONFORMANCE_REPORT_DIR", "cc_report_dir",
                      "where results.json, junit.xml and report.html are written (default: reports)"),
    "cc_fuzz_examples": ("--cc-fuzz-examples", "CANCEL_CONFORMANCE_FUZZ_EXAMPLES", "cc_fuzz_examples",
                         "generated requests per operation and mode in contract fuzzing"),
    "cc_fuzz_seed": ("--cc-fuzz-seed", "CANCEL_CONFORMANCE_FUZZ_SEED", "cc_fuzz_seed",
                     "seed for contract fuzzing (default: fixed, so runs are reproducible)"),
}
DEFAULT_FUZZ_EXAMPLES = 25
DEEP_FUZZ_EXAMPLES = 250
DEFAULT_FUZZ_SEED = 20261122


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("cancel-conformance", "cancel-conformance: the target and the run")
    for dest, (flag, env, ini, help_text) in OPTIONS.items():
        group.addoption(flag, dest=dest, default=None, help=f"{help_text} [env {env}]")
        parser.addini(ini, help=help_text, default=None)
    group.addoption("--cc-api", dest="cc_api", action="append", default=None,
                    help="check only this API (repeatable), e.g. pos.v10")
    group.addoption("--cc-fault", dest="cc_fault", action="append", default=None,
                    help="start the embedded reference with this named fault switched on (repeatable)")
    group.addoption("--cc-fuzz-deep", dest="cc_fuzz_deep", action="store_true", default=False,
                    help=f"fuzz with {DEEP_FUZZ_EXAMPLES} requests per operation and mode")
    group.addoption("--cc-allow-production", dest="cc_allow_production", action="store_true", default=False,
                    help="run even against a known production host (the suite creates and cancels payments)")


def _value(config: pytest.Config, dest: str) -> str | None:
    _, env, ini, _ = OPTIONS[dest]
    return config.getoption(dest) or os.environ.get(env) or config.getini(ini) or None


@dataclass(frozen=True)
class SuiteOptions:
    """The options as the suite reads them, resolved once."""

    target_file: Path | None
    report_dir: Path
    apis: tuple[str, ...]
    faults: tuple[str, ...]
    fuzz_examples: int
    fuzz_seed: int
    allow_production: bool = False

    @classmethod
    def from_config(cls, config: pytest.Config) -> SuiteOptions:
        target_file = _value(config, "cc_target_file")
        report_dir = Path(_value(config, "cc_report_dir") or config.rootpath / "reports")
        examples = _value(config, "cc_fuzz_examples")
        deep = config.getoption("cc_fuzz_deep")
        return cls(
            target_file=Path(target_file) if target_file else None,
            report_dir=report_dir,
            apis=tuple(config.getoption("cc_api") or ()),
            faults=tuple(config.getoption("cc_fault") or ()),
            fuzz_examples=int(examples) if examples else (DEEP_FUZZ_EXAMPLES if deep else DEFAULT_FUZZ_EXAMPLES),
            fuzz_seed=int(_value(config, "cc_fuzz_seed") or DEFAULT_FUZZ_SEED),
            allow_production=bool(config.getoption("cc_allow_production")),
        )
