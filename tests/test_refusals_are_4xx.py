"""CON_*_03 "Invalid requests ... are refused with a 4xx": a server error is no refusal."""

from __future__ import annotations

from pathlib import Path

from tests.answer_rewriter import Answer, RewrittenAnswers
from tests.wrapped_reference import run_behind

ERROR_PAGE = b"<html><body><h1>500 Internal Server Error</h1></body></html>"


def server_error(answer: Answer) -> Answer:
    """Every API call answered with an HTML error page (the token endpoints and hooks still work)."""
    headers = {"content-type": "text/html", "content-length": str(len(ERROR_PAGE))}
    return Answer(answer.method, answer.path, 500, headers, ERROR_PAGE)


def test_a_target_answering_500_to_every_call_fails_the_refusal_rules(tmp_path: Path) -> None:
    run = run_behind(lambda app: RewrittenAnswers(app, server_error, ("/pos/v10/", "/ecomm/v2/")), tmp_path,
                     "server errors", "--fuzz-examples=5", "--", "-m", "contract")
    outcomes = run.outcomes()
    for api in ("POS", "ECOM"):
        assert outcomes[f"CON_{api}_03"] == "failed", run.output[-3000:]
        assert outcomes[f"CON_{api}_01"] == "failed", run.output[-3000:]
    refusals = {rule["id"]: rule for rule in run.results["rules"]}["CON_POS_03"]
    assert all("Expected: 4xx" in scenario["received"] for scenario in refusals["scenarios"]), refusals
