"""The suite's pytest options: one group, one prefix; command line > environment variable > ini."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cancel_conformance.apis import names
from cancel_conformance.concurrency import CONCURRENCY_VARIABLE
from cancel_conformance.embedded import check_fault_names
from cancel_conformance.target import ConfigError, load_target_file
from cancel_conformance.usage import whole_number

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
    "cc_concurrency": ("--cc-concurrency", CONCURRENCY_VARIABLE, "cc_concurrency",
                       "requests in flight to the target at once, at most (default: the target file's "
                       "[limits] concurrency, else 16)"),
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
    return _given(config, dest)[0]


def _given(config: pytest.Config, dest: str) -> tuple[str | None, str]:
    """An option's value, and where it was given: its flag, its environment variable, or the ini."""
    flag, env, ini, _ = OPTIONS[dest]
    given = ((config.getoption(dest), flag), (os.environ.get(env), f"${env}"), (config.getini(ini), f"ini {ini}"))
    return next(((value, where) for value, where in given if value), (None, flag))


def _number(config: pytest.Config, dest: str, least: int, default: int | None) -> int | None:
    """A whole-number option, `default` when unset; outside [least, ...) it is a usage error naming it."""
    value, where = _given(config, dest)
    if value is None:
        return default
    try:
        return whole_number(value, least)
    except ValueError as error:
        raise pytest.UsageError(f"{where}: {error}") from None


def _choices(config: pytest.Config, dest: str, accepted: tuple[str, ...]) -> tuple[str, ...]:
    """A repeatable option whose every value must be one of `accepted`."""
    values = tuple(config.getoption(dest) or ())
    unknown = [value for value in values if value not in accepted]
    if unknown:
        flag = "--" + dest.replace("_", "-")
        raise pytest.UsageError(f"{flag}: unknown {', '.join(unknown)}; expected one of {', '.join(accepted)}")
    return values


def _checked(check: Callable[[], object]) -> None:
    """A check of the engine whose ConfigError is a usage error of pytest (exit code 3 through the CLI)."""
    try:
        check()
    except ConfigError as error:
        raise pytest.UsageError(str(error)) from None


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
    concurrency: int | None = None  # None: the target file's [limits] concurrency, or the default

    @classmethod
    def from_config(cls, config: pytest.Config) -> SuiteOptions:
        """The options, checked: a value the run cannot use is a usage error before anything runs."""
        target_file = _value(config, "cc_target_file")
        # Never below the suite's own folder, which is read-only inside an installed tool.
        report_dir = Path(_value(config, "cc_report_dir") or config.invocation_params.dir / "reports")
        apis = _choices(config, "cc_api", names())
        faults = tuple(config.getoption("cc_fault") or ())
        _checked(lambda: check_fault_names(faults))
        if target_file:
            _checked(lambda: load_target_file(Path(target_file)).restricted_to(list(apis)))
        default_examples = DEEP_FUZZ_EXAMPLES if config.getoption("cc_fuzz_deep") else DEFAULT_FUZZ_EXAMPLES
        return cls(
            target_file=Path(target_file) if target_file else None,
            report_dir=report_dir,
            apis=apis,
            faults=faults,
            # A budget of 0 generates nothing; the contract rules would be judged on no request at all.
            fuzz_examples=_number(config, "cc_fuzz_examples", 1, default_examples),
            fuzz_seed=_number(config, "cc_fuzz_seed", 0, DEFAULT_FUZZ_SEED),
            allow_production=bool(config.getoption("cc_allow_production")),
            concurrency=_number(config, "cc_concurrency", 1, None),
        )
