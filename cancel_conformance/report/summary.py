"""The per-rule summary printed at the end of a run."""

from __future__ import annotations

from pathlib import Path

from cancel_conformance.outcomes import Outcome
from cancel_conformance.report.results import Run

MARKS = {
    Outcome.PASSED: "PASS",
    Outcome.FAILED: "FAIL",
    Outcome.WARNING: "WARN",
    Outcome.NOT_VERIFIED: "N/V ",
    Outcome.ERROR: "ERR ",
}


def render_summary(run: Run, report_dir: Path, bundle: Path | None = None) -> list[str]:
    lines = [f"cancel-conformance {run.info.suite_version}: {run.info.target.get('name')} "
             f"({', '.join(run.info.apis)})"]
    unreachable = run.unreachable()
    lines += [f"{reason}: its rules are errors, none of them sent" for reason in unreachable]
    if run.interrupted:
        lines.append(f"run interrupted by {run.interrupted}: no scenario or request was started after it; the rules "
                     "not judged by then are not verified (run interrupted)")
    for result in (r for r in run.rules if r.ran):
        rule = result.rule
        reason = f"  {result.reason}" if result.outcome != Outcome.PASSED and result.reason else ""
        if any(why in result.reason for why in unreachable):
            reason = "  (cannot be reached: see above)"  # said once
        accepted = " [accepted by the baseline]" if result.accepted_by else ""
        lines.append(f"  {MARKS[result.outcome]} {rule.id:<11} {rule.level:<6} {rule.title}{accepted}{reason}")
    not_run = [r.rule.id for r in run.rules if not r.ran]
    if not_run:
        lines.append(f"  not run in this selection ({len(not_run)}): {', '.join(not_run)}")
    lines += _baseline(run)
    counts = ", ".join(f"{count} {name}" for name, count in run.counts().items() if count)
    partial = " (a partial run is never conformant)" if not_run else ""
    taken = len(run.baseline.accepted) if run.baseline else 0
    accepted = f" ({taken} failure(s) accepted by the baseline)" if taken else ""
    lines.append(f"verdict: {run.verdict}{partial} ({counts}); exit code {run.exit_code}: "
                 f"{run.exit_meaning}{accepted}")
    left = sum(len(scenario.left_behind) for scenario in run.scenarios)
    if left:
        lines.append(f"left behind in the target: {left} resource(s) the clean-up could not close "
                     "(listed in report.html)")
    lines.append(f"reports: {report_dir}/report.html, results.json, junit.xml, cucumber.json, evidence.jsonl")
    if bundle is not None:
        lines.append(f"certification bundle: {bundle} (check it with `cancel-conformance verify {bundle}`)")
    return lines


def _baseline(run: Run) -> list[str]:
    review = run.baseline
    if review is None:
        return []
    lines = [f"baseline {review.path}: {len(review.accepted)} failure(s) accepted, "
             f"{len(review.expired)} expired, {len(review.unused)} not needed"]
    lines += [f"  accepted {e.rule} ({o.value}) until {e.expires.isoformat()}: {e.reason}" for e, o in review.accepted]
    lines += [f"  EXPIRED  {e.rule} on {e.expires.isoformat()}: renew it or fix the rule ({e.reason})"
              for e, _ in review.expired]
    lines += [f"  not needed {e.rule} ({o.value if o else 'not run'}): remove it" for e, o in review.unused]
    return lines
