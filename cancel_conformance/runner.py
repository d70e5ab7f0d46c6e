"""Runs the suite with pytest and turns what it wrote into the command's exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from _pytest.mark.expression import Expression  # pytest's own parser of -m and -k (no public name)

from cancel_conformance import exit_codes, interrupts, secret_scan
from cancel_conformance.report.writer import RESULTS_FILE, remove_earlier_outputs
from cancel_conformance.usage import PROG, usage_error

SUITE_INI = Path(__file__).resolve().parent / "suite.ini"

# pytest's own exit codes that mean the command line was wrong
PYTEST_USAGE_ERRORS = (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR)


def run_suite(suite_root: Path, report_dir: Path, pytest_args: list[str],
              secrets: Callable[[], set[str]] = set) -> int:
    """Run pytest on the suite; then scan what it wrote for secrets, which outranks any verdict. SIGINT and
    SIGTERM stop the run cleanly (interrupts.py): exit code 130 or 143, with the reports of what was judged."""
    with interrupts.handled():
        return _scanned(suite_root, report_dir, pytest_args, secrets)


def _scanned(suite_root: Path, report_dir: Path, pytest_args: list[str], secrets: Callable[[], set[str]]) -> int:
    started = secret_scan.now()
    code = _run_pytest(suite_root, report_dir, pytest_args)
    written = secret_scan.files_written_since(report_dir, started)
    configured = secrets()
    found = secret_scan.leaks(written, configured)
    for leak in found:
        print(f"cancel-conformance: secret leak: {leak}", file=sys.stderr)
    if not found:
        return code
    for line in secret_scan.fail_closed([leak.path for leak in found], written, configured):
        print(f"cancel-conformance: {line}", file=sys.stderr)
    return exit_codes.SECRET_LEAK


def _run_pytest(suite_root: Path, report_dir: Path, pytest_args: list[str]) -> int:
    results = report_dir / RESULTS_FILE
    remove_earlier_outputs(report_dir)  # never judge a run, or let CI read it, by an earlier run's files
    # The suite's own settings (-c), its folder as the rootdir and the conftest boundary: the same run from
    # a checkout and from an installed tool, whatever folder it starts in.
    args = [str(suite_root / "steps"), "-c", str(SUITE_INI), f"--rootdir={suite_root}", f"--confcutdir={suite_root}",
            "-q", *pytest_args]
    status = pytest.main(args, plugins=[OneLineUsageErrors()])
    if status in PYTEST_USAGE_ERRORS:
        return exit_codes.USAGE
    stopped = interrupts.exit_code()  # a signal after the reports were written still says the run was stopped
    if not results.exists():
        print(f"cancel-conformance: no scenario ran (pytest exit status {int(status)})", file=sys.stderr)
        return stopped or exit_codes.NOT_JUDGED
    return stopped or int(json.loads(results.read_text("utf-8"))["exit_code"])


class OneLineUsageErrors:
    """pytest's usage errors (an unknown option after `--`, a bad `-m`, a --cc-* value the suite cannot use)
    as ours: one line on stderr instead of pytest's usage text; pytest then prints nothing more."""

    @pytest.hookimpl(wrapper=True)
    def pytest_cmdline_parse(self, pluginmanager: pytest.PytestPluginManager, args: list[str]):
        try:
            return (yield)
        except pytest.UsageError as error:
            raise _said(error) from None

    @pytest.hookimpl(wrapper=True)
    def pytest_cmdline_main(self, config: pytest.Config):
        try:
            _check_expressions(config)
            return (yield)
        except pytest.UsageError as error:
            raise _said(error) from None


def _check_expressions(config: pytest.Config) -> None:
    """A bad `-m` or `-k` is a usage error before anything starts: pytest-xdist's workers would each
    stumble on it while collecting, and the run would end in an internal error."""
    for option, expression in (("-m", config.option.markexpr), ("-k", config.option.keyword)):
        if not expression:
            continue
        try:
            Expression.compile(expression)
        except SyntaxError as error:
            raise pytest.UsageError(f"error: wrong expression passed to '{option}': {error.text}: "
                                    f"at column {error.offset}: {error.msg}") from None


def _said(error: pytest.UsageError) -> pytest.UsageError:
    """Print the error as one line; a UsageError without a message, which pytest exits 4 on silently."""
    lines = [line.strip() for message in error.args for line in str(message).splitlines() if line.strip()]
    # argparse's text: "usage: ...", "pytest.main(): error: <what>", "inifile: ...", "rootdir: ..."
    said = next((line.split("error: ", 1)[1] + " (in the arguments for pytest after `--`)"
                 for line in lines if "error: " in line), " ".join(lines))
    usage_error(f"{PROG} run", said)
    return pytest.UsageError()
