"""Runs `cancel-conformance run` the way a user does, and reads what it wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN_TIMEOUT_S = 600


@dataclass(frozen=True)
class SuiteRun:
    exit_code: int
    results: dict | None
    output: str
    report_dir: Path

    def outcomes(self) -> dict[str, str]:
        """Rule ID -> outcome, for the rules that ran."""
        return {rule["id"]: rule["outcome"] for rule in (self.results or {}).get("rules", []) if rule["scenarios"]}


def run_suite(report_dir: Path, *args: str, env: dict[str, str] | None = None) -> SuiteRun:
    command = [sys.executable, "-m", "cancel_conformance", "run", f"--report-dir={report_dir}", *args]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
                               env={**os.environ, **(env or {})})
    results_file = report_dir / "results.json"
    results = json.loads(results_file.read_text("utf-8")) if results_file.exists() else None
    return SuiteRun(completed.returncode, results, completed.stdout + completed.stderr, report_dir)
