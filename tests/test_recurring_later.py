"""Recurring cancels answered 202 and enacted later, 202s never enacted, and a target that keeps rate limiting.

api-facts §4.1: a charge cancel is answered 204, or 202 ("the action will likely succeed but has
not yet been enacted"); §4.2: "CancelCharge 5 per minute per agreementId + chargeId -> 429".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from cancel_conformance.rules import catalogue
from tests.answer_rewriter import Answer, RewrittenAnswers
from tests.wrapped_reference import run_behind

RECURRING_MUST = {rule.id for rule in catalogue().for_apis({"recurring.v3"}) if rule.is_must}
CHARGE = re.compile(r"/recurring/v3/agreements/[^/]+/charges/[^/]+")
ONLY_RECURRING = ("--api=recurring.v3",)
SCENARIOS = ("--", "-m", "not contract")


def _statuses(report_dir: Path, method: str) -> set[int]:
    """The statuses the target gave to `method` requests on charges, from the run's evidence."""
    statuses = set()
    for line in (report_dir / "evidence.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        exchange = record.get("exchange") or record
        if exchange.get("method") == method and CHARGE.search(exchange.get("url", "")):
            statuses.add(exchange.get("status"))
    return statuses


def test_a_reference_that_cancels_later_passes_every_recurring_rule(tmp_path: Path) -> None:
    run = run_behind(None, tmp_path, "cancels enacted later", *ONLY_RECURRING, async_cancel=True)
    outcomes = run.outcomes()
    assert {rule: outcomes.get(rule) for rule in RECURRING_MUST} == dict.fromkeys(RECURRING_MUST, "passed"), \
        run.output[-3000:]
    assert 202 in _statuses(run.report_dir, "DELETE"), "the reference never answered a cancel 202"


class AcceptedNeverEnacted:
    """A target whose charge cancels are answered 202 and never enacted: the reference never sees them."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "DELETE" and CHARGE.fullmatch(scope["path"]):
            await send({"type": "http.response.start", "status": 202, "headers": [(b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, receive, send)


def test_a_202_never_enacted_fails_the_rule_and_names_the_bound(tmp_path: Path) -> None:
    run = run_behind(AcceptedNeverEnacted, tmp_path, "accepted, never enacted", *ONLY_RECURRING, *SCENARIOS,
                     limits="settle_timeout = 1")
    rules = {rule["id"]: rule for rule in run.results["rules"]}
    assert rules["RECUR_CAN_01"]["outcome"] == "failed", run.output[-3000:]
    assert "within 1 s ([limits] settle_timeout) of its 202" in rules["RECUR_CAN_01"]["reason"]


def _rate_limited(answer: Answer) -> Answer:
    if answer.method != "DELETE" or not CHARGE.fullmatch(answer.path):
        return answer
    headers = {"content-type": "application/json", "retry-after": "1"}
    body = json.dumps({"type": "https://developer.vippsmobilepay.com/docs/APIs/recurring-api/"
                               "recurring-api-problems#too-many-requests", "title": "Too many requests",
                       "status": 429}).encode()
    return Answer(answer.method, answer.path, 429, {**headers, "content-length": str(len(body))}, body)


def test_a_target_that_keeps_rate_limiting_cancels_leaves_the_rules_in_error_never_failed(tmp_path: Path) -> None:
    run = run_behind(lambda app: RewrittenAnswers(app, _rate_limited, ("/recurring/v3/",)), tmp_path,
                     "always rate limited", *ONLY_RECURRING, *SCENARIOS, "-k", "RECUR_CAN_01 or recur_can")
    outcomes = run.outcomes()
    cancels = {rule: outcome for rule, outcome in outcomes.items() if rule.startswith("RECUR_CAN")}
    assert cancels, run.output[-3000:]
    assert "failed" not in cancels.values(), cancels
    assert cancels["RECUR_CAN_01"] == "error", cancels
