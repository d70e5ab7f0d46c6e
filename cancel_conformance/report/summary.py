"""The per-rule summary printed at the end of a run."""

from __future__ import annotations

from pathlib import Path

from cancel_conformance import exit_codes
from cancel_conformance.outcomes import Outcome
from cancel_conformance.report.results import Run

MARKS = {
    Outcome.PASSED: "PASS",
    Outcome.FAILED: "FAIL",
    Outcome.WARNING: "WARN",
    Outcome.NOT_VERIFIED: "N/V ",
    Outcome.ERROR: "ERR ",
}


def render_summary(run: Run, report_dir: Path) -> list[str]:
    lines = [f"cancel-conformance {run.info.suite_version}: {run.info.target.get('name')} "
             f"({', '.join(run.info.apis)})"]
    for result in (r for r in run.rules if r.ran):
        rule = result.rule
        reason = f"  {result.reason}" if result.outcome != Outcome.PASSED and result.reason else ""
        lines.append(f"  {MARKS[result.outcome]} {rule.id:<11} {rule.level:<6} {rule.title}{reason}")
    not_run = [r.rule.id for r in run.rules if not r.ran]
    if not_run:
        lines.append(f"  not run in this selection ({len(not_run)}): {', '.join(not_run)}")
    counts = ", ".join(f"{count} {name}" for name, count in run.counts().items() if count)
    partial = " (a partial run is never conformant)" if not_run else ""
    lines.append(f"verdict: {run.verdict}{partial} ({counts}); exit code {run.exit_code}: "
                 f"{exit_codes.MEANINGS[run.exit_code]}")
    lines.append(f"reports: {report_dir}/report.html, results.json, junit.xml")
    return lines
