"""What the contract-fuzzing test modules share: judging one rule from a campaign's results."""

from __future__ import annotations

import pytest

from cancel_conformance.fuzz.campaign import Campaign
from cancel_conformance.fuzz.judge import judge_rule
from cancel_conformance.session_keys import FINDINGS, RECORDER


def judge_contract_rule(campaign: Campaign, rule: int, request: pytest.FixtureRequest) -> None:
    """One rule's outcome from the campaign; its findings and evidence go to the report."""
    findings: list[dict] = []
    request.node.stash[FINDINGS] = findings
    if rule in campaign.evidence:
        request.node.stash[RECORDER] = campaign.evidence[rule]
    judge_rule(campaign, rule, findings)
