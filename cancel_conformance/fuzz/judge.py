"""Turns a campaign's findings for one rule into that rule's outcome."""

from __future__ import annotations

from cancel_conformance.fuzz.campaign import Campaign
from cancel_conformance.interrupts import RunInterrupted
from cancel_conformance.outcomes import ConformanceFailure, NotVerified, TargetError

SHOWN = 3


def judge_rule(campaign: Campaign, rule: int, findings_sink: list[dict]) -> None:
    """Raise the outcome of one rule; the findings go to the report through `findings_sink`."""
    if campaign.never_authenticated():
        raise TargetError(f"every one of {campaign.requests} fuzzed requests was answered 401: "
                          "the integrator's token was not accepted, so the contract could not be fuzzed")
    findings = campaign.findings.get(rule, [])
    findings_sink.extend(findings)
    if findings:
        raise _failure(findings, campaign)
    if campaign.interrupted:  # what it found is judged; what it did not find is not, as the run stopped early
        raise RunInterrupted()
    if campaign.errors and not campaign.exercised.get(rule):
        raise TargetError(f"fuzzing could not reach the target: {campaign.errors[0]}")
    if not campaign.exercised.get(rule):
        raise NotVerified(f"no generated request exercised this rule ({campaign.requests} requests sent)")


def _failure(findings: list[dict], campaign: Campaign) -> ConformanceFailure:
    first = findings[0]
    shown = "\n".join(f"  - {f['operation']}: {f['title']} ({f['check']}, {f['phase']} phase)"
                      for f in findings[:SHOWN])
    more = f"\n  ... and {len(findings) - SHOWN} more" if len(findings) > SHOWN else ""
    return ConformanceFailure(
        f"{len(findings)} finding(s) in {campaign.requests} generated requests:\n{shown}{more}",
        expected="every response within the contract",
        received=first["message"],
        reproduce=first["curl"],
    )
