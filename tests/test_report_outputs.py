"""Every output of a run from the same results: HTML, results.json, JUnit, Cucumber JSON, evidence."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema_rs
import pytest

from cancel_conformance.report.chart import family_chart
from cancel_conformance.report.writer import render_outputs
from tests.report_samples import POS_RULES, sample_run


def schema(name: str):
    text = resources.files("cancel_conformance.report").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    return jsonschema_rs.validator_for(json.loads(text))


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    return {name: content.decode("utf-8") for name, content in render_outputs(sample_run()).items()}


def test_results_json_follows_its_published_schema(outputs: dict[str, str]) -> None:
    data = json.loads(outputs["results.json"])
    schema("results").validate(data)
    rule = next(r for r in data["rules"] if r["id"] == "POS_PAY_02")
    assert (rule["outcome"], rule["scenarios"][0]["expected"]) == ("failed", '409 with code "1300"')
    assert data["verdict"] == "not conformant"
    assert data["exit_code"] == 1


def test_evidence_holds_every_exchange_with_its_scenario_and_rule(outputs: dict[str, str]) -> None:
    lines = [json.loads(line) for line in outputs["evidence.jsonl"].splitlines()]
    validator = schema("evidence")
    for line in lines:
        validator.validate(line)
    assert [(line["rules"], line["seq"], line["actor"]) for line in lines] == [
        (["POS_PAY_02"], 1, "auth"), (["POS_PAY_02"], 2, "merchant")]


def test_an_evidence_record_stays_on_one_line_whatever_its_bodies_hold() -> None:
    run = sample_run()
    failed = next(scenario for scenario in run.scenarios if scenario.exchanges)
    failed.exchanges[1]["response_body"] = "odd\u2028line\u2029breaks\x85here"
    text = render_outputs(run)["evidence.jsonl"].decode("utf-8")
    lines = text.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[1])["response_body"] == "odd\u2028line\u2029breaks\x85here"


def test_junit_test_names_carry_the_rule_ids(outputs: dict[str, str]) -> None:
    root = ET.fromstring(outputs["junit.xml"])
    names = [case.get("name") for case in root.iter("testcase")]
    assert sorted(name.split()[0] for name in names) == sorted(POS_RULES)
    assert root.get("failures") == "1"


def test_cucumber_json_has_features_scenarios_steps_and_statuses(outputs: dict[str, str]) -> None:
    features = json.loads(outputs["cucumber.json"])
    elements = [e for f in features for e in f["elements"]]
    failed = next(e for e in elements if e["tags"] == [{"name": "@POS_PAY_02", "line": 19}])
    assert [s["result"]["status"] for s in failed["steps"]] == ["passed", "passed", "failed"]
    assert failed["steps"][0]["keyword"] == "Given "
    assert all({"uri", "keyword", "name", "elements"} <= set(f) for f in features)


def test_the_html_report_is_one_self_contained_file(outputs: dict[str, str]) -> None:
    page = outputs["report.html"]
    assert not re.search(r"<(link|img|iframe)\b|<script[^>]+src=|@import|url\(", page)
    assert "<svg" in page  # the chart is inline
    assert page.count("<script>") == 1  # filtering only; the page reads the same without it


def test_a_failure_shows_expected_received_and_a_curl_with_a_token_command(outputs: dict[str, str]) -> None:
    page = outputs["report.html"]
    section = page[page.index('<section id="POS_PAY_02"'):page.index('<section id="POS_PAY_03"')]
    assert "the cancel was not refused as documented" in section
    assert "409 with code &#34;1300&#34;" in section
    curl = html.unescape(re.search(r'<pre class="curl" data-rule="POS_PAY_02"[^>]*>(.*?)</pre>', section, re.S)[1])
    assert curl.startswith("curl -i -X POST http://127.0.0.1:8080/pos/v10/payments/p-1/cancel")
    assert '"Authorization: Bearer $ACCESS_TOKEN"' in curl
    token = html.unescape(re.search(r'<pre class="token-command"[^>]*data-role="merchant">(.*?)</pre>', page, re.S)[1])
    assert token.startswith('export ACCESS_TOKEN="$(curl -sS -X POST http://127.0.0.1:8080/integrator-authentication')
    assert '-u "$CC_POS_CLIENT_ID:$CC_POS_CLIENT_SECRET"' in token
    assert "merchant_vat=DK12345678" in token


def test_a_request_of_the_second_merchant_replays_with_its_own_token() -> None:
    page = render_outputs(sample_run(actor="second merchant"))["report.html"].decode("utf-8")
    curl = html.unescape(re.search(r'<pre class="curl" data-rule="POS_PAY_02"[^>]*>(.*?)</pre>', page, re.S)[1])
    assert '"Authorization: Bearer $SECOND_ACCESS_TOKEN"' in curl


def test_the_chart_has_one_bar_per_family_with_its_counts() -> None:
    chart = str(family_chart(sample_run()))
    families = {rule.rsplit("_", 1)[0] for rule in POS_RULES}
    assert chart.count("passed</title>") == len(families)
    assert "POS_PAY: 1 failed" in chart


def test_an_interrupted_run_with_an_unreachable_api_follows_the_schemas_and_says_both() -> None:
    """SIGTERM: verdict incomplete, exit code 143; the preflight's unreachable API said at the top."""
    from dataclasses import replace

    from cancel_conformance.bundle import bundle_name
    from cancel_conformance.preflight import ApiCheck, ClientCheck
    from cancel_conformance.report.summary import render_summary
    from cancel_conformance.report.writer import manifest

    unreachable = ApiCheck("pos.v10", "http://127.0.0.1:9", True, "GET http://127.0.0.1:9/ answered 404",
                           [ClientCheck("integrator", "the token endpoint refused integrator a: 404")], ["pos.user"],
                           "declared", {"POS_PAY_03": ["pos.expire"]})
    run = replace(sample_run(), interrupted="SIGTERM", preflight=[unreachable])
    data = json.loads(render_outputs(run)["results.json"])
    schema("results").validate(data)
    assert (data["verdict"], data["exit_code"]) == ("incomplete: run interrupted", 143)
    assert data["interrupted"] == {"signal": "SIGTERM", "reason": "run interrupted"}
    assert data["preflight"][0]["unreachable"].startswith("MobilePay PoS v10 cannot be reached: every token")
    assert manifest(run)["interrupted"] == data["interrupted"]
    assert bundle_name("20261122T113700Z", run.verdict) == "20261122T113700Z-incomplete-run-interrupted"
    lines = render_summary(run, Path("reports"))
    assert lines[1] == f"{unreachable.unreachable}: its rules are errors, none of them sent"
    assert lines[2].startswith("run interrupted by SIGTERM")
    assert "verdict: incomplete: run interrupted" in lines[-2]
