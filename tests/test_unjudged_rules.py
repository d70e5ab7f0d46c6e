"""A contract rule that no generated request exercised is `not verified`, never passed."""

from __future__ import annotations

import pytest

from cancel_conformance.fuzz import checks
from cancel_conformance.fuzz.campaign import ALL_RULES, Campaign
from cancel_conformance.fuzz.judge import judge_rule
from cancel_conformance.outcomes import NotVerified, TargetError


@pytest.mark.parametrize("rule", ALL_RULES)
def test_a_campaign_that_sent_nothing_judges_no_rule(rule: int) -> None:
    """A budget that generates nothing (the command line refuses 0, see test_cli_usage_errors) judges nothing."""
    with pytest.raises(NotVerified, match=r"no generated request exercised this rule \(0 requests sent\)"):
        judge_rule(Campaign(), rule, [])


def test_requests_that_exercised_another_rule_leave_this_one_not_verified() -> None:
    campaign = Campaign(requests=40)
    campaign.exercised[checks.NO_SERVER_ERROR] = 40
    judge_rule(campaign, checks.NO_SERVER_ERROR, [])  # exercised, no finding: passes
    for rule in set(ALL_RULES) - {checks.NO_SERVER_ERROR}:
        with pytest.raises(NotVerified):
            judge_rule(campaign, rule, [])


def test_a_campaign_that_could_not_reach_the_target_is_an_error_not_a_pass() -> None:
    campaign = Campaign(errors=["connection refused"])
    with pytest.raises(TargetError, match="connection refused"):
        judge_rule(campaign, checks.DOCUMENTED_RESPONSES, [])
