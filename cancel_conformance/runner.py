"""Runs the suite with pytest and turns what it wrote into the command's exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cancel_conformance import exit_codes, secret_scan
from cancel_conformance.report.writer import RESULTS_FILE, remove_earlier_outputs

# pytest's own exit codes that mean the command line was wrong
PYTEST_USAGE_ERRORS = (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR)


def run_suite(suite_root: Path, report_dir: Path, pytest_args: list[str],
              secrets: Callable[[], set[str]] = set) -> int:
    """Run pytest on the suite; then scan what it wrote for secrets, which outranks any verdict."""
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
    # The steps judge with their own checks, never a bare assert, so pytest need not rewrite modules:
    # rewriting every module of every plugin's package costs a second or more per process wherever
    # bytecode is not cached (PYTHONDONTWRITEBYTECODE, a read-only install), and -n starts three.
    args = [str(suite_root / "steps"), f"--rootdir={suite_root}", "-p", "no:cacheprovider", "-p", "no:anyio",
            "--assert=plain", "-q", *pytest_args]
    status = pytest.main(args)
    if status in PYTEST_USAGE_ERRORS:
        return exit_codes.USAGE
    if not results.exists():
        print(f"cancel-conformance: no scenario ran (pytest exit status {int(status)})", file=sys.stderr)
        return exit_codes.NOT_JUDGED
    return int(json.loads(results.read_text("utf-8"))["exit_code"])
